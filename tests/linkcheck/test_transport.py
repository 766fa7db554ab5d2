"""The checker's HTTP/1.1 transport (`dlnotes.linkcheck.transport`: h11 on our own streams)
against real servers: what httpcore's pool used to do for it, it now does itself."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from dlnotes.linkcheck.client import make_client
from dlnotes.linkcheck.options import CheckOptions
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import Conn, Reply, Request, status

OPTIONS = CheckOptions(allow_private=True)


def _exchanges(*urls: str, read: bool = True) -> list[int]:
    """One client sends a GET to each URL in turn; each answer is read to its end (or, with
    `read=False`, left unread) and closed."""

    async def go() -> list[int]:
        client = make_client(OPTIONS)
        assert isinstance(client, httpx.AsyncClient)
        codes = []
        try:
            for url in urls:
                response = await client.send_bare("GET", url)  # type: ignore[attr-defined]
                if read:
                    await response.aread()
                await response.aclose()
                codes.append(response.status_code)
                await asyncio.sleep(0.05)  # what the server says after the answer arrives
        finally:
            await client.aclose()
        return codes

    return asyncio.run(go())


def _raw(*chunks: bytes) -> Reply:
    """A reply written byte for byte."""

    async def reply(request: Request, conn: Conn) -> bool:
        for chunk in chunks:
            await conn.write(chunk)
        return True

    return reply


def test_an_answer_read_to_its_end_leaves_its_connection_for_the_next(serve: Serve) -> None:
    server = serve({"/a": status(200, b"x" * 5000), "/b": status(404)})
    assert _exchanges(server.url("/a"), server.url("/b"), server.url("/a")) == [200, 404, 200]
    assert server.stats.connections == 1


def test_an_answer_left_unread_closes_its_connection(serve: Serve) -> None:
    # Its unread body would be read as the next answer's start.
    server = serve({"/a": status(200, b"x" * 200_000)})
    assert _exchanges(server.url("/a"), server.url("/a"), read=False) == [200, 200]
    assert server.stats.connections == 2


def test_a_connection_the_server_ends_is_not_reused(serve: Serve) -> None:
    server = serve({"/a": status(200, headers={"Connection": "close"})})
    assert _exchanges(server.url("/a"), server.url("/a")) == [200, 200]
    assert server.stats.connections == 2


def test_a_large_answer_head_is_read(serve: Serve) -> None:
    # 40 KiB of cookies, sent in two parts: past h11's own limit on a head still incomplete
    # (16 KiB), within httpcore's (100 KiB).
    cookies = "".join(f"Set-Cookie: c{n}={'v' * 1000}\r\n" for n in range(40)).encode()

    async def reply(request: Request, conn: Conn) -> bool:
        await conn.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + cookies[:30_000])
        await asyncio.sleep(0.1)
        await conn.write(cookies[30_000:] + b"\r\n")
        return True

    server = serve({"/a": reply})
    assert _exchanges(server.url("/a")) == [200]


def test_an_informational_answer_comes_before_the_answer(serve: Serve) -> None:
    final = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    server = serve({"/a": _raw(b"HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n", final)})
    assert _exchanges(server.url("/a"), server.url("/a")) == [200, 200]
    assert server.stats.connections == 1


def test_a_server_that_hangs_up_instead_of_answering_is_a_protocol_error(serve: Serve) -> None:
    async def hang_up(request: Request, conn: Conn) -> bool:
        return False  # closes the connection, no answer written

    server = serve({"/a": hang_up})
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        _exchanges(server.url("/a"))


def test_a_body_cut_short_is_a_protocol_error(serve: Serve) -> None:
    async def cut_after_body(request: Request, conn: Conn) -> bool:
        await conn.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")
        return False

    server = serve({"/a": cut_after_body})
    with pytest.raises(httpx.RemoteProtocolError):
        _exchanges(server.url("/a"))
