"""HTTPS against a real TLS server on 127.0.0.1, and the sockets under every request: the
checker's own network stream (`dlnotes.linkcheck.streams`) carries both."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Iterator

import httpcore
import pytest

from dlnotes.linkcheck import client
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from dlnotes.linkcheck.streams import AsyncioBackend
from tests.linkcheck._engine import check, check_one
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import (
    TLS_CERT,
    Conn,
    Reply,
    Request,
    by_method,
    endless,
    server_tls,
    status,
)

# The address the test certificate names (the other tests' servers each have one of their own).
HOST = "127.0.0.1"


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test certificate trusted the way a user trusts their own CA: SSL_CERT_FILE."""
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS_CERT))
    client._ssl_context.cache_clear()  # made once per process: make it again with the file
    yield
    monkeypatch.delenv("SSL_CERT_FILE")
    client._ssl_context.cache_clear()


def test_an_https_link_is_ok(serve: Serve, fast_options: CheckOptions, trusted: None) -> None:
    server = serve({"/page": status(200)}, host=HOST, tls=server_tls())
    assert server.url("/page").startswith("https://127.0.0.1:")
    result = check_one(server.url("/page"), fast_options)
    assert (result.status, result.code, result.error) == (Verdict.OK, 200, None)
    assert server.stats.count("/page", "HEAD") == 1


def test_https_connections_are_kept_for_the_hosts_next_urls(
    serve: Serve, fast_options: CheckOptions, trusted: None
) -> None:
    server = serve({f"/p{n}": status(200) for n in range(12)}, host=HOST, tls=server_tls())
    options = dataclasses.replace(fast_options, per_host=2)
    results = check([server.url(f"/p{n}") for n in range(12)], options)
    assert [r.status for r in results] == [Verdict.OK] * 12
    assert server.stats.connections <= 2  # one TLS handshake per slot, not per URL


def test_an_untrusted_certificate_is_a_tls_error_and_not_retried(
    serve: Serve, fast_options: CheckOptions
) -> None:
    client._ssl_context.cache_clear()  # the usual trust store, which knows no test CA
    server = serve({"/page": status(200)}, host=HOST, tls=server_tls())
    result = check_one(server.url("/page"), fast_options)
    assert result.status is Verdict.ERROR
    assert result.error is not None and result.error.startswith("TLS:")
    assert "certificate verify failed" in result.error
    assert server.stats.count() == 0  # refused at the handshake, before any request


def test_an_endless_body_over_https_is_not_read(
    serve: Serve, fast_options: CheckOptions, trusted: None
) -> None:
    server = serve(
        {"/big": by_method(head=status(405), get=endless())}, host=HOST, tls=server_tls()
    )
    options = dataclasses.replace(fast_options, check_fragments=True, max_body=256 * 1024)
    started = time.monotonic()
    result = check_one(server.url("/big#nowhere"), options)
    assert result.status is Verdict.BROKEN
    assert result.error == "fragment not found: #nowhere"
    assert time.monotonic() - started < 1.5
    # The stream stops reading once it holds a quarter MiB unread: what the server got out is
    # what the sockets buffered, not the body.
    deadline = time.monotonic() + 3
    while not server.stats.hung_up.get("/big") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.stats.body_bytes["/big"] < 8 * 1024**2


def _answer_then_hang_up() -> Reply:
    """A keep-alive answer, then the server closes the connection at once: what a server does
    with idle connections, racing the client's next request on it."""

    async def reply(request: Request, conn: Conn) -> bool:
        await conn.head(200, {"Content-Length": "0"})
        conn.writer.close()
        return False

    return reply


@pytest.mark.parametrize("tls", [False, True], ids=["http", "https"])
def test_a_connection_the_server_closed_is_not_reused(
    serve: Serve, trusted: None, tls: bool
) -> None:
    # httpcore asks the stream whether an idle connection is readable before it reuses it:
    # an idle connection has nothing to read unless the server has closed it. Without that
    # answer the second request would go out on the dead connection and fail.
    server = serve({"/p": _answer_then_hang_up()}, host=HOST, tls=server_tls() if tls else None)

    async def twice() -> list[int]:
        codes = []
        async with httpcore.AsyncConnectionPool(
            ssl_context=client._ssl_context(), network_backend=AsyncioBackend()
        ) as pool:
            for _ in range(2):
                response = await pool.request("HEAD", server.url("/p"))
                codes.append(response.status)
                await asyncio.sleep(0.05)  # the server's goodbye arrives
        return codes

    assert asyncio.run(twice()) == [200, 200]
    assert server.stats.connections == 2
