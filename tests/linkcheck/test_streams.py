"""The asyncio network backend under httpcore: real sockets, real failures, and the errors the
checker tells apart."""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpcore
import httpx
import pytest

from dlnotes.linkcheck.client import make_client
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.probe import Failure, _classify_error
from dlnotes.linkcheck.safety import GuardedBackend
from dlnotes.linkcheck.streams import AsyncioBackend, AsyncioStream
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import Conn, Request, reset, status

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def free_port() -> int:
    with socket.socket() as sock:  # a port that was free a moment ago, now closed
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_the_checker_connects_through_these_streams(
    serve: Serve, fast_options: CheckOptions
) -> None:
    assert isinstance(GuardedBackend(guard=True)._inner, AsyncioBackend)
    server = serve({"/ok": status(200, b"hello")})

    async def fetch() -> tuple[bytes, object]:
        async with make_client(fast_options) as client:
            response = await client.get(server.url("/ok"))
            return response.content, response.extensions["network_stream"]

    body, stream = run(fetch())
    assert body == b"hello"
    assert isinstance(stream, AsyncioStream)


def test_a_reset_is_what_the_checker_calls_a_reset(
    serve: Serve, fast_options: CheckOptions
) -> None:
    server = serve({"/rst": reset()})

    async def fetch() -> None:
        async with make_client(fast_options) as client:
            await client.head(server.url("/rst"))

    with pytest.raises(httpx.ReadError) as caught:
        run(fetch())
    assert isinstance(caught.value.__cause__, httpcore.ReadError)
    assert _classify_error(caught.value).failure is Failure.RESET


def test_an_answer_followed_by_a_reset_is_still_an_answer(
    serve: Serve, fast_options: CheckOptions
) -> None:
    body = b"x" * 100_000

    async def answer_then_reset(request: Request, conn: Conn) -> bool:
        await conn.head(404, {"Content-Length": str(len(body))})
        await conn.body(body)
        await asyncio.sleep(0.05)
        return await reset()(request, conn)

    server = serve({"/gone": answer_then_reset})

    async def fetch() -> tuple[int, bytes]:
        async with (
            make_client(fast_options) as client,
            client.stream("GET", server.url("/gone")) as response,
        ):
            await asyncio.sleep(0.2)  # the whole answer and the reset are in by now
            return response.status_code, await response.aread()

    assert run(fetch()) == (404, body)


def test_bodies_larger_than_what_is_held_arrive_whole(
    serve: Serve, fast_options: CheckOptions
) -> None:
    body = bytes(range(256)) * 8192  # 2 MiB: reading pauses and resumes along the way
    server = serve({"/big": status(200, body)})

    async def fetch() -> bytes:
        async with (
            make_client(fast_options) as client,
            client.stream("GET", server.url("/big")) as response,
        ):
            await asyncio.sleep(0.1)
            return await response.aread()

    assert run(fetch()) == body


def test_a_server_that_does_not_read_times_a_write_out() -> None:
    async def scenario() -> None:
        with socket.create_server(("127.0.0.1", 0)) as listener:
            port = listener.getsockname()[1]
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2.0)
            try:
                with pytest.raises(httpcore.WriteTimeout):
                    await stream.write(b"x" * 64 * 1024 * 1024, timeout=0.2)
            finally:
                await stream.aclose()

    run(scenario())


def test_a_refused_port_is_a_connect_error() -> None:
    port = free_port()
    with pytest.raises(httpcore.ConnectError) as caught:
        run(AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2.0))
    assert isinstance(caught.value.__cause__, ConnectionRefusedError)


def test_a_silent_server_times_a_read_out_and_no_timeout_means_wait() -> None:
    async def scenario() -> None:
        with socket.create_server(("127.0.0.1", 0)) as listener:
            port = listener.getsockname()[1]
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2.0)
            try:
                with pytest.raises(httpcore.ReadTimeout):
                    await stream.read(100, timeout=0.05)
                # No timeout given: the read waits for as long as the caller does.
                with pytest.raises(TimeoutError):
                    async with asyncio.timeout(0.05):
                        await stream.read(100)
            finally:
                await stream.aclose()

    run(scenario())


def test_a_server_close_makes_an_idle_connection_readable() -> None:
    async def scenario() -> None:
        with socket.create_server(("127.0.0.1", 0)) as listener:
            port = listener.getsockname()[1]
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2.0)
            try:
                accepted, _ = listener.accept()
                assert stream.get_extra_info("is_readable") is False
                accepted.close()
                time.sleep(0.1)  # blocking: the loop has had no turn to read the close
                assert stream.get_extra_info("is_readable")
                await asyncio.sleep(0.05)  # now it has, and the reader is at EOF
                assert stream.get_extra_info("is_readable")
                assert await stream.read(100, timeout=1.0) == b""
            finally:
                await stream.aclose()

    run(scenario())


def test_the_pool_drops_a_kept_alive_connection_the_server_closed(
    serve: Serve, fast_options: CheckOptions
) -> None:
    async def answer_then_close(request: Request, conn: Conn) -> bool:
        # Keep-alive as far as the client can tell, closed by the server a moment later:
        # the client must not send its next request on that socket.
        await conn.head(200, {"Content-Length": "0"})
        await asyncio.sleep(0.1)
        return False

    server = serve({"/idle": answer_then_close, "/next": status(200)})

    async def fetch() -> list[int]:
        async with make_client(fast_options) as client:
            first = await client.head(server.url("/idle"))
            stream = first.extensions["network_stream"]
            for _ in range(100):
                if stream.get_extra_info("is_readable"):
                    break
                await asyncio.sleep(0.02)
            second = await client.head(server.url("/next"))
            return [first.status_code, second.status_code]

    assert run(fetch()) == [200, 200]
    assert server.stats.connections == 2


def test_a_failed_tls_handshake_is_a_connect_error_with_the_ssl_cause() -> None:
    # A plain-text answer to a ClientHello. A handshake that succeeds needs a certificate, and
    # the tests have no way to make one (no `cryptography`): that path is not tested here.
    async def scenario() -> AsyncioStream:
        with socket.create_server(("127.0.0.1", 0)) as listener:
            port = listener.getsockname()[1]
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2.0)
            assert isinstance(stream, AsyncioStream)
            accepted, _ = listener.accept()
            with accepted:
                accepted.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                with pytest.raises(httpcore.ConnectError) as caught:
                    await stream.start_tls(
                        ssl.create_default_context(), server_hostname="localhost", timeout=2.0
                    )
            assert isinstance(caught.value.__cause__, ssl.SSLError)
            return stream

    stream = run(scenario())
    assert stream.get_extra_info("socket").fileno() == -1  # closed, not leaked
