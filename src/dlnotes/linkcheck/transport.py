"""An httpx transport that speaks HTTP/1.1 with h11 over our own connections, kept per origin,
each made through the SSRF guard.

httpx's own transport hands each request to an httpcore pool, which takes locks, walks its
queue against its connections, wraps the exchange in trace hooks and maps errors, and then to
a connection that does much the same again. A link checker's load is the worst case for that:
thousands of small requests, a few connections per origin. The checker bounds requests per
host itself, so here a connection only has to be taken when idle and given back once its
answer is read to the end. h11 is the HTTP/1.1 state machine httpcore itself runs on; the
streams are `streams.AsyncioStream`, made by the guard. `bench/linkcheck/sockets.py` measures
this transport against httpx's on the same streams.
"""

from __future__ import annotations

import functools
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager

import h11
import httpcore
import httpx

from dlnotes.linkcheck.safety import GuardedBackend

Origin = tuple[bytes, bytes, int]

_READ_SIZE = 64 * 1024
# A response head larger than this is refused; httpcore's limit (h11's own is 16 KiB, and
# some sites send more cookies than that).
_MAX_HEAD = 100 * 1024
_KEEPALIVE_S = 30.0  # an idle connection older than this is not trusted to be open
_DEFAULT_PORTS = {b"http": 80, b"https": 443}

# httpcore's errors (raised by our streams and the guard) as httpx's, the original kept as the
# cause: the prober tells a refused private address or a DNS failure by it.
_ERRORS: tuple[tuple[type[Exception], Callable[[str], httpx.HTTPError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (h11.RemoteProtocolError, httpx.RemoteProtocolError),
    (h11.LocalProtocolError, httpx.LocalProtocolError),
)


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    try:
        yield
    except httpx.HTTPError:
        raise
    except Exception as exc:
        for theirs, ours in _ERRORS:
            if isinstance(exc, theirs):
                raise ours(str(exc)) from exc
        raise


class _Connection:
    """One HTTP/1.1 connection: its stream, h11's view of it, and when it was last idle."""

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self.stream = stream
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=_MAX_HEAD)
        self.idle_since = 0.0

    async def send(self, request: httpx.Request, timeout: float | None) -> None:
        event = h11.Request(
            method=request.method, target=request.url.raw_path, headers=request.headers.raw
        )
        data = self.h11.send(event) or b""
        stream = request.stream
        if isinstance(stream, httpx.ByteStream):
            # A body already in memory (a check's is empty), read as such: iterating it as
            # an async generator registers it with the event loop, for every request.
            chunks: list[bytes] = list(stream)
        else:
            assert isinstance(stream, httpx.AsyncByteStream)
            chunks = [chunk async for chunk in stream]
        for chunk in chunks:
            data += self.h11.send(h11.Data(data=chunk)) or b""
        data += self.h11.send(h11.EndOfMessage()) or b""
        await self.stream.write(data, timeout)

    async def next_event(self, timeout: float | None) -> h11.Event | type[h11.PAUSED]:
        while True:
            event = self.h11.next_event()
            if event is not h11.NEED_DATA:
                return event  # type: ignore[return-value]  # h11's types: NEED_DATA is out
            data = await self.stream.read(_READ_SIZE, timeout)
            if not data and self.h11.their_state is h11.SEND_RESPONSE:
                # What httpcore says of a server that closes instead of answering.
                raise h11.RemoteProtocolError("Server disconnected without sending a response.")
            self.h11.receive_data(data)

    async def response(self, timeout: float | None) -> h11.Response:
        while True:
            event = await self.next_event(timeout)
            if isinstance(event, h11.Response):
                return event
            if not isinstance(event, h11.InformationalResponse):  # 1xx: the answer follows
                raise h11.RemoteProtocolError(f"unexpected {type(event).__name__}")

    @property
    def reusable(self) -> bool:
        return self.h11.our_state is h11.DONE and self.h11.their_state is h11.DONE

    async def aclose(self) -> None:
        await self.stream.aclose()


class _Body(httpx.AsyncByteStream):
    """A response's body; read to its end, the connection goes back to its origin's idle
    ones, else it is closed."""

    def __init__(
        self,
        connection: _Connection,
        release: Callable[[_Connection], Awaitable[None]],
        timeout: float | None,
    ) -> None:
        self._connection = connection
        self._release = release
        self._timeout = timeout
        self._closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        connection = self._connection
        with _as_httpx_errors():
            try:
                while True:
                    event = await connection.next_event(self._timeout)
                    if isinstance(event, h11.Data):
                        yield bytes(event.data)
                    elif isinstance(event, h11.EndOfMessage) or event is h11.PAUSED:
                        return
            except BaseException:
                await self.aclose()
                raise

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        connection = self._connection
        if connection.reusable:
            connection.h11.start_next_cycle()
            await self._release(connection)
        else:
            await connection.aclose()


class PerOriginTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        *,
        backend: GuardedBackend,
        ssl_context: ssl.SSLContext,
        per_origin: int,
    ) -> None:
        self._backend = backend
        self._ssl_context = ssl_context
        self._per_origin = per_origin
        self._idle: dict[Origin, list[_Connection]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        origin = (url.raw_scheme, url.raw_host, url.port or _DEFAULT_PORTS.get(url.raw_scheme, 80))
        timeouts = request.extensions.get("timeout", {})
        read_timeout = timeouts.get("read")
        with _as_httpx_errors():
            connection = await self._idle_connection(origin) or await self._connect(
                origin, timeouts.get("connect")
            )
            try:
                await connection.send(request, timeouts.get("write"))
                event = await connection.response(read_timeout)
            except BaseException:
                await connection.aclose()
                raise
        return httpx.Response(
            event.status_code,
            headers=event.headers.raw_items(),
            stream=_Body(connection, functools.partial(self._keep, origin), read_timeout),
            extensions={
                "http_version": b"HTTP/" + event.http_version,
                "reason_phrase": event.reason,
            },
        )

    async def _idle_connection(self, origin: Origin) -> _Connection | None:
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            # Anything to read on an idle connection, or its end, means the server closed it
            # (or broke the protocol): it must not carry another request.
            if now - connection.idle_since < _KEEPALIVE_S and not connection.stream.get_extra_info(
                "is_readable"
            ):
                return connection
            await connection.aclose()
        return None

    async def _connect(self, origin: Origin, timeout: float | None) -> _Connection:
        scheme, host, port = origin
        name = host.decode("ascii")
        stream = await self._backend.connect_tcp(name, port, timeout)
        if scheme == b"https":
            # SNI and the certificate check are for the name, not the vetted address.
            stream = await stream.start_tls(
                self._ssl_context, server_hostname=name, timeout=timeout
            )
        return _Connection(stream)

    async def _keep(self, origin: Origin, connection: _Connection) -> None:
        idle = self._idle.setdefault(origin, [])
        if len(idle) >= self._per_origin:
            await idle.pop(0).aclose()  # the oldest
        connection.idle_since = time.monotonic()
        idle.append(connection)

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for connections in idle.values():
            for connection in connections:
                await connection.aclose()
