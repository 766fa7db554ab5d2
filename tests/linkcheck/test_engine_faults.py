"""Servers that misbehave: drips, endless bodies, resets, silence, names that do not resolve."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
import threading
import time

import pytest

from dlnotes.linkcheck.checker import check_targets
from dlnotes.linkcheck.client import make_client
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from dlnotes.linkcheck.safety import system_resolve
from tests.linkcheck._engine import check_one, target
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import (
    FaultServer,
    by_method,
    drip,
    drip_head,
    endless,
    hang,
    reset,
    sequence,
    status,
)


def _wait_for_hang_up(server: FaultServer, path: str, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.stats.hung_up.get(path):
            return True
        time.sleep(0.02)
    return False


def test_dripping_headers_time_out_within_the_timeout(
    serve: Serve, fast_options: CheckOptions
) -> None:
    # A byte every 0.1 s keeps each read under httpx's per-read timeout; only our bound on the
    # whole request ends it.
    server = serve({"/drip": drip_head(rate=10)})
    options = dataclasses.replace(fast_options, timeout=0.5, retries=0)
    started = time.monotonic()
    result = check_one(server.url("/drip"), options)
    elapsed = time.monotonic() - started
    assert result.status is Verdict.TIMEOUT
    assert result.error == "timed out after 0.5 s"
    assert elapsed < 1.2


def test_dripping_body_times_out_when_the_body_is_needed(
    serve: Serve, fast_options: CheckOptions
) -> None:
    server = serve({"/drip": drip(rate=20, size=10_000)})
    options = dataclasses.replace(fast_options, timeout=0.5, retries=0, check_fragments=True)
    started = time.monotonic()
    result = check_one(server.url("/drip#section"), options)
    assert result.status is Verdict.TIMEOUT
    assert time.monotonic() - started < 1.2


def test_dripping_body_costs_nothing_when_only_the_status_is_needed(
    serve: Serve, fast_options: CheckOptions
) -> None:
    server = serve({"/drip": by_method(head=status(405), get=drip(rate=1, size=10_000))})
    started = time.monotonic()
    result = check_one(server.url("/drip"), dataclasses.replace(fast_options, timeout=5.0))
    assert result.status is Verdict.OK
    assert time.monotonic() - started < 1.0


def test_no_get_after_a_head_that_timed_out(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/silent": hang()})
    options = dataclasses.replace(fast_options, timeout=0.3, retries=1)
    started = time.monotonic()
    result = check_one(server.url("/silent"), options)
    assert result.status is Verdict.TIMEOUT
    assert result.error == "timed out after 0.3 s (after 2 attempts)"
    # One HEAD per attempt; a GET would only wait out the same silence again.
    assert [m for m, _, _ in server.stats.requests] == ["HEAD", "HEAD"]
    assert time.monotonic() - started < 1.5


def test_a_stuck_request_is_retried_alongside_not_after(
    serve: Serve, fast_options: CheckOptions
) -> None:
    # The first request is never answered, the second is: a retry sent while the first still
    # waits finds the page, well before the first would have timed out.
    server = serve({"/stuck": sequence(hang(), status(200))})
    options = dataclasses.replace(fast_options, timeout=2.0, retries=1)
    started = time.monotonic()
    result = check_one(server.url("/stuck"), options)
    assert (result.status, result.code) == (Verdict.OK, 200)
    assert server.stats.count("/stuck", "HEAD") == 2
    assert time.monotonic() - started < 1.8


def test_a_spare_that_fails_first_ends_the_wait(serve: Serve, fast_options: CheckOptions) -> None:
    # The first HEAD is never answered; the spare sent alongside it has its connection reset.
    # That is the first outcome, so the wait ends there, and the GET the rules send after a
    # broken HEAD finds the page. The silent first request is hung up, not left open.
    server = serve({"/p": sequence(hang(), reset(), status(200))})
    options = dataclasses.replace(fast_options, timeout=2.0, retries=1)
    started = time.monotonic()
    result = check_one(server.url("/p"), options)
    assert (result.status, result.code) == (Verdict.OK, 200)
    assert [m for m, _, _ in server.stats.requests] == ["HEAD", "HEAD", "GET"]
    assert time.monotonic() - started < 1.8
    deadline = time.monotonic() + 1.0
    while server.stats.in_flight and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.stats.in_flight == 0


def test_spare_sends_take_slots_within_the_per_host_limit(
    serve: Serve, fast_options: CheckOptions
) -> None:
    # Silent URLs on one host with one slot: a spare send would need a second slot, so none
    # goes out; each URL costs one request and one timeout, and they take turns.
    server = serve({f"/silent{n}": hang() for n in range(2)})
    options = dataclasses.replace(fast_options, timeout=0.4, retries=2, per_host=1)

    async def both() -> list[Verdict]:
        targets = [target(server.url(f"/silent{n}")) for n in range(2)]
        return [r.status for r in await check_targets(targets, options)]

    assert asyncio.run(both()) == [Verdict.TIMEOUT, Verdict.TIMEOUT]
    assert server.stats.max_in_flight == 1
    assert server.stats.count() == 2


@pytest.mark.parametrize("declared", [None, 10 * 1024**3], ids=["endless-chunked", "10-GB"])
def test_huge_body_is_not_read(
    serve: Serve, fast_options: CheckOptions, declared: int | None
) -> None:
    server = serve({"/big": by_method(head=status(405), get=endless(declared=declared))})
    started = time.monotonic()
    result = check_one(server.url("/big"), fast_options)
    assert (result.status, result.code) == (Verdict.OK, 200)
    assert time.monotonic() - started < 1.5
    assert _wait_for_hang_up(server, "/big"), "the client should have closed the connection"
    # What the server got out before it noticed is what the sockets buffered (a few MiB on
    # loopback), not the body.
    assert server.stats.body_bytes["/big"] < 8 * 1024**2


def test_fragment_search_reads_at_most_max_body(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/big": endless()})
    options = dataclasses.replace(fast_options, check_fragments=True, max_body=256 * 1024)
    result = check_one(server.url("/big#nowhere"), options)
    assert result.status is Verdict.BROKEN
    assert result.error == "fragment not found: #nowhere"
    assert _wait_for_hang_up(server, "/big")
    assert server.stats.body_bytes["/big"] < 8 * 1024**2


def test_connection_reset_is_an_error_and_retried(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/rst": reset()})
    result = check_one(server.url("/rst"), fast_options)
    assert result.status is Verdict.ERROR
    assert result.error is not None and result.error.endswith("(after 3 attempts)")
    # Each attempt: the HEAD broke, so a GET tried the server's other path; 3 attempts.
    assert server.stats.count("/rst", "HEAD") == 3
    assert server.stats.count("/rst", "GET") == 3


def test_reset_then_ok_recovers(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/rst": sequence(reset(), reset(), status(200))})
    assert check_one(server.url("/rst"), fast_options).status is Verdict.OK


def test_dns_failure_is_an_error_and_not_retried(fast_options: CheckOptions) -> None:
    lookups: list[str] = []

    async def counting(host: str, port: int) -> list[str]:
        lookups.append(host)
        return await system_resolve(host, port)

    async def run() -> Verdict:
        async with make_client(fast_options, resolve=counting) as client:
            (result,) = await check_targets(
                [target("http://no-such-host.invalid/page")], fast_options, client=client
            )
        assert result.error == "DNS: cannot resolve no-such-host.invalid"
        return result.status

    assert asyncio.run(run()) is Verdict.ERROR
    assert lookups == ["no-such-host.invalid"]


def test_connection_refused_is_an_error(fast_options: CheckOptions) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago, now closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    result = check_one(f"http://127.0.0.1:{port}/", fast_options)
    assert result.status is Verdict.ERROR
    assert result.error is not None and result.error.startswith("cannot connect")
    assert time.monotonic() - started < 1.0  # refused is final: no backoff, no retry


def test_tls_failure_is_an_error_and_not_retried(fast_options: CheckOptions) -> None:
    # A plain-text answer to a TLS handshake: the handshake fails on the spot.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        accepted: list[int] = []

        def answer() -> None:
            listener.settimeout(5)
            try:
                while True:
                    conn, _ = listener.accept()
                    accepted.append(1)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                    conn.close()
            except OSError:
                return

        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        result = check_one(f"https://127.0.0.1:{port}/", fast_options)
    assert result.status is Verdict.ERROR
    assert result.error is not None and result.error.startswith("TLS:")
    assert len(accepted) == 1  # final: no retry, no GET
