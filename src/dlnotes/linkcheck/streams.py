"""An httpcore network backend on asyncio's own transports.

httpcore's default async backend goes through anyio, which opens a cancel scope for every read
and write, builds a dict of socket attributes each time a pooled connection is asked whether it
is still alive, and runs TLS in Python over memory buffers. A link checker sends thousands of
small requests, so that layer was about a third of the CPU of a request (profiled on the
bench's 2,000 links). This backend keeps httpx and httpcore and only swaps the socket under
them: one protocol object per connection, a buffer, and asyncio's own TLS.
"""

from __future__ import annotations

import asyncio
import os
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore

# Stop reading from the socket while this much is unread: a server that pushes an endless body
# faster than the checker reads it must not fill memory (the checker reads 1 MiB at most).
_HIGH_WATER = 256 * 1024


class _Connection(asyncio.Protocol):
    """What the socket delivered and not yet read, and whether it has ended."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.ended = False
        self.failure: Exception | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._paused = False
        self._drained: asyncio.Future[None] | None = None
        self.writing_paused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > _HIGH_WATER and not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool | None:
        self.ended = True
        self._wake()
        return None

    def connection_lost(self, exc: Exception | None) -> None:
        self.ended = True
        if exc is not None:
            self.failure = exc
        self._wake()
        if self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    def pause_writing(self) -> None:
        self.writing_paused = True

    def resume_writing(self) -> None:
        self.writing_paused = False
        if self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def readable(self) -> None:
        while not self.buffer and not self.ended:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None

    def take(self, max_bytes: int) -> bytes:
        data = bytes(self.buffer[:max_bytes])
        del self.buffer[:max_bytes]
        if self._paused and len(self.buffer) <= _HIGH_WATER // 4 and self.transport is not None:
            self._paused = False
            self.transport.resume_reading()
        return data

    async def drained(self) -> None:
        while self.writing_paused and not self.ended:
            self._drained = asyncio.get_running_loop().create_future()
            await self._drained


def _described(error: Exception) -> str:
    """A socket error in the words a reader knows ("Connection refused"), without asyncio's
    "Connect call failed ('1.2.3.4', 443)"; a reset says nothing, so that the checker's own
    word for it is used."""
    if isinstance(error, ConnectionResetError):
        return ""
    if isinstance(error, OSError) and error.errno is not None:
        return os.strerror(error.errno)
    return str(error)


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, connection: _Connection) -> None:
        self._connection = connection

    @property
    def _transport(self) -> asyncio.Transport:
        transport = self._connection.transport
        assert transport is not None
        return transport

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        connection = self._connection
        if not connection.buffer and not connection.ended:
            try:
                async with asyncio.timeout(timeout):
                    await connection.readable()
            except TimeoutError as exc:
                raise httpcore.ReadTimeout(str(exc)) from exc
        if connection.buffer:
            return connection.take(max_bytes)
        if connection.failure is not None:
            raise httpcore.ReadError(_described(connection.failure))
        return b""

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        connection = self._connection
        if connection.ended:
            failure = connection.failure
            message = "connection closed" if failure is None else _described(failure)
            raise httpcore.WriteError(message)
        self._transport.write(buffer)
        if not connection.writing_paused:
            return  # the usual case, a request's few hundred bytes: no timer to set
        try:
            async with asyncio.timeout(timeout):
                await connection.drained()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout(str(exc)) from exc

    async def aclose(self) -> None:
        transport = self._connection.transport
        if transport is None or transport.is_closing():
            return
        if transport.get_extra_info("ssl_object") is not None:
            # No TLS goodbye: close() would wait up to 30 s for the server's close_notify, and
            # a checker is done with the connection (anyio's backend does the same).
            transport.abort()
        else:
            transport.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                tls = await loop.start_tls(
                    self._transport,
                    self._connection,
                    ssl_context,
                    server_hostname=server_hostname,
                )
        except TimeoutError as exc:
            await self.aclose()
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except (OSError, ssl.SSLError, ConnectionError) as exc:
            await self.aclose()
            raise httpcore.ConnectError(str(exc)) from exc
        assert isinstance(tls, asyncio.Transport)
        self._connection.transport = tls
        return self

    def get_extra_info(self, info: str) -> Any:
        connection = self._connection
        if info == "is_readable":
            # Asked of an idle pooled connection: anything there, or its end, means the
            # server has closed it (or broken the protocol), so it must not be reused.
            return bool(connection.buffer) or connection.ended
        transport = connection.transport
        if transport is None:
            return None
        if info == "ssl_object":
            return transport.get_extra_info("ssl_object")
        if info == "client_addr":
            return transport.get_extra_info("sockname")
        if info == "server_addr":
            return transport.get_extra_info("peername")
        if info == "socket":
            return transport.get_extra_info("socket")
        return None


class TcpOnlyBackend(httpcore.AsyncNetworkBackend):
    """A network backend that refuses unix sockets: a link never names one."""

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not links")


class AsyncioBackend(TcpOnlyBackend):
    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport, connection = await loop.create_connection(
                    _Connection,
                    host,
                    port,
                    local_addr=None if local_address is None else (local_address, 0),
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.ConnectError(_described(exc)) from exc
        sock = transport.get_extra_info("socket")  # asyncio has set TCP_NODELAY already
        for option in socket_options or ():
            sock.setsockopt(*option)
        return AsyncioStream(connection)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
