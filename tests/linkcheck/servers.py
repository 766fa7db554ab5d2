"""Real HTTP servers with faults, for the link checker's tests and benchmark.

Raw HTTP/1.1 over asyncio streams, so that a reply can do what http.server cannot: drip a
body a byte at a time, stream forever, reset the connection, never answer. Every server runs on
one event loop in a background thread and counts what it saw: each request, the most requests
in flight at once, the connections, and how many body bytes it got out before the client left.
Several servers on 127.0.0.x addresses play several hosts.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import ssl
import struct
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

# A self-signed certificate for 127.0.0.1 and localhost, valid until 2126: a client trusts it
# by SSL_CERT_FILE, as a user behind a company's own CA would.
TLS_CERT = Path(__file__).parent / "tls" / "cert.pem"


def server_tls() -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(TLS_CERT, TLS_CERT.with_name("key.pem"))
    return context


T = TypeVar("T")

REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    410: "Gone",
    429: "Too Many Requests",
    500: "Internal Server Error",
    501: "Not Implemented",
    503: "Service Unavailable",
    999: "Request denied",
}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: Mapping[str, str]
    at: float  # time.monotonic() when it arrived


class Conn:
    """One connection as a reply sees it: write, and whether the client has gone."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.body_bytes = 0

    async def write(self, data: bytes) -> None:
        if self.writer.transport.is_closing():
            raise ConnectionResetError("the client closed the connection")
        self.writer.write(data)
        await self.writer.drain()
        # Over TLS, drain() returns at once while the socket below is full, so an endless body
        # would never let the loop run, nor learn that the client has gone: give way here.
        await asyncio.sleep(0)

    async def head(self, code: int, headers: Mapping[str, str]) -> None:
        lines = [f"HTTP/1.1 {code} {REASONS.get(code, 'Status')}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        await self.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    async def body(self, data: bytes) -> None:
        await self.write(data)
        self.body_bytes += len(data)


# A reply answers one request; it returns False when the connection must close after it.
Reply = Callable[[Request, Conn], Awaitable[bool]]


def status(
    code: int,
    body: bytes = b"",
    headers: Mapping[str, str] | None = None,
    *,
    head_code: int | None = None,
) -> Reply:
    """A plain answer; `head_code` makes HEAD answer differently (405, 403, 501...)."""

    async def reply(request: Request, conn: Conn) -> bool:
        answer = head_code if request.method == "HEAD" and head_code is not None else code
        all_headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        all_headers["Content-Length"] = str(len(body))
        await conn.head(answer, all_headers)
        if request.method != "HEAD":
            await conn.body(body)
        return True

    return reply


def redirect(location: str, code: int = 301) -> Reply:
    return status(code, headers={"Location": location})


def sequence(*replies: Reply) -> Reply:
    """The n-th request gets the n-th reply; the last one repeats."""
    counter = itertools.count()

    async def reply(request: Request, conn: Conn) -> bool:
        return await replies[min(next(counter), len(replies) - 1)](request, conn)

    return reply


def by_method(*, head: Reply, get: Reply) -> Reply:
    async def reply(request: Request, conn: Conn) -> bool:
        return await (head if request.method == "HEAD" else get)(request, conn)

    return reply


def delayed(seconds: float, inner: Reply) -> Reply:
    async def reply(request: Request, conn: Conn) -> bool:
        await asyncio.sleep(seconds)
        return await inner(request, conn)

    return reply


def drip(rate: float = 1.0, size: int = 1000) -> Reply:
    """Headers at once, then the body one byte every 1/rate seconds."""

    async def reply(request: Request, conn: Conn) -> bool:
        await conn.head(200, {"Content-Type": "text/html", "Content-Length": str(size)})
        if request.method == "HEAD":
            return True
        for _ in range(size):
            await conn.body(b"x")
            await asyncio.sleep(1 / rate)
        return True

    return reply


def drip_head(rate: float = 10.0) -> Reply:
    """The status line and headers themselves, a byte every 1/rate seconds: each read gets
    a byte in time, so only a bound on the whole request stops it."""

    async def reply(request: Request, conn: Conn) -> bool:
        head = b"HTTP/1.1 200 OK\r\n" + b"X-Filler: " + b"x" * 2000 + b"\r\n\r\n"
        for byte in head:
            await conn.write(bytes([byte]))
            await asyncio.sleep(1 / rate)
        return False

    return reply


def endless(
    prefix: bytes = b"<html><body>", chunk: int = 16 * 1024, declared: int | None = None
) -> Reply:
    """A body that never ends: chunked, or with a huge declared length (`declared` bytes).
    Only the client hanging up stops it."""
    filler = b"<p>" + b"x" * (chunk - 8) + b"</p>\n"

    async def reply(request: Request, conn: Conn) -> bool:
        framing = (
            {"Transfer-Encoding": "chunked"}
            if declared is None
            else {"Content-Length": str(declared)}
        )
        await conn.head(200, {"Content-Type": "text/html", **framing})
        if request.method == "HEAD":
            if declared is None:
                await conn.write(b"0\r\n\r\n")
            return True
        for data in itertools.chain([prefix], itertools.repeat(filler)):
            if declared is None:
                await conn.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            else:
                await conn.write(data)
            conn.body_bytes += len(data)
        return False  # pragma: no cover - the loop ends by the client closing

    return reply


def reset() -> Reply:
    """Read the request, then reset the connection (RST, not a clean close)."""

    async def reply(request: Request, conn: Conn) -> bool:
        sock = conn.writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.writer.transport.abort()
        return False

    return reply


def hang() -> Reply:
    """Accept, read the request, never answer; done when the client gives up and closes."""

    async def reply(request: Request, conn: Conn) -> bool:
        await conn.reader.read()  # b"" at the client's close: the request is over
        return False

    return reply


@dataclass
class Stats:
    requests: list[tuple[str, str, float]] = field(default_factory=list)  # method, path, at
    in_flight: int = 0
    max_in_flight: int = 0
    connections: int = 0
    body_bytes: dict[str, int] = field(default_factory=dict)  # path -> bytes sent
    hung_up: dict[str, bool] = field(default_factory=dict)  # path -> client closed mid-body
    headers: dict[str, Mapping[str, str]] = field(default_factory=dict)  # path -> last request's
    spans: list[tuple[float, float]] = field(default_factory=list)  # each request's start, end

    def count(self, path: str | None = None, method: str | None = None) -> int:
        return sum(
            1
            for m, p, _ in self.requests
            if (path is None or p == path) and (method is None or m == method)
        )


class FaultServer:
    """One host: routes from path to reply, 404 for the rest, a latency before every answer."""

    def __init__(
        self,
        host: str,
        routes: Mapping[str, Reply] | None = None,
        latency: float = 0.0,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.tls = tls
        self.port = 0
        self.routes: dict[str, Reply] = dict(routes or {})
        self.latency = latency
        self.stats = Stats()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def origin(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._serve, self.host, 0, backlog=1024, ssl=self.tls
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.stats.connections += 1
        try:
            while await self._one(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, OSError, asyncio.CancelledError):
            pass  # a client that left, or the server stopping: both end the connection
        finally:
            self._tasks.discard(task)
            writer.transport.abort()

    async def _one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        try:
            raw = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return False
        lines = raw.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        request = Request(method, path, headers, time.monotonic())
        self.stats.requests.append((method, path, request.at))
        self.stats.headers[path] = headers
        self.stats.in_flight += 1
        self.stats.max_in_flight = max(self.stats.max_in_flight, self.stats.in_flight)
        conn = Conn(reader, writer)
        keep = False
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            reply = self.routes.get(path.split("?", 1)[0], status(404, b"not found"))
            keep = await reply(request, conn)
        except (ConnectionError, OSError):
            self.stats.hung_up[path] = True
        finally:
            self.stats.in_flight -= 1
            self.stats.spans.append((request.at, time.monotonic()))
            self.stats.body_bytes[path] = self.stats.body_bytes.get(path, 0) + conn.body_bytes
        return keep and headers.get("connection", "").lower() != "close"


class ServerLoop:
    """An event loop in a daemon thread, where the fault servers live."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._servers: list[FaultServer] = []

    def call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    def serve(
        self,
        host: str,
        routes: Mapping[str, Reply] | None = None,
        latency: float = 0.0,
        tls: ssl.SSLContext | None = None,
    ) -> FaultServer:
        server = FaultServer(host, routes, latency, tls)
        self.call(server.start())
        self._servers.append(server)
        return server

    def stop_all(self) -> None:
        for server in self._servers:
            self.call(server.stop())
        self._servers.clear()

    def close(self) -> None:
        self.stop_all()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        self.loop.close()


def most_at_once(spans: list[tuple[float, float]]) -> int:
    """The most requests in flight at one moment, from their (start, end) spans."""
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    most = current = 0
    for _, step in events:  # at equal times, -1 sorts first: back-to-back is not overlap
        current += step
        most = max(most, current)
    return most


_hosts = itertools.count(2)


def next_loopback() -> str:
    """A fresh 127.0.0.x address: a host of its own for the per-host pools."""
    n = next(_hosts)
    return f"127.0.{n // 250}.{n % 250 + 2}"
