"""The schedule: per-host limits held, the global limit held, busy hosts first, few connections."""

from __future__ import annotations

import dataclasses
import time

import pytest

from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from tests.linkcheck._engine import check
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import delayed, most_at_once, sequence, status


def test_per_host_limit_is_never_exceeded(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({f"/p{i}": status(200) for i in range(30)}, latency=0.05)
    options = dataclasses.replace(fast_options, per_host=3)
    started = time.monotonic()
    results = check([server.url(f"/p{i}") for i in range(30)], options)
    elapsed = time.monotonic() - started
    assert all(r.status is Verdict.OK for r in results)
    assert server.stats.max_in_flight == 3  # the limit, and all of it used
    assert elapsed < 10 * 0.05 * 2.5  # 10 rounds of 50 ms, with room for a busy machine


def test_global_limit_is_never_exceeded(serve: Serve, fast_options: CheckOptions) -> None:
    servers = [serve({f"/p{i}": status(200) for i in range(8)}, latency=0.05) for _ in range(4)]
    options = dataclasses.replace(fast_options, per_host=4, concurrency=5)
    check([s.url(f"/p{i}") for s in servers for i in range(8)], options)
    spans = [span for s in servers for span in s.stats.spans]
    assert most_at_once(spans) == 5
    assert all(s.stats.max_in_flight <= 4 for s in servers)


def test_busy_host_starts_at_once_not_after_the_document_order(
    serve: Serve, fast_options: CheckOptions
) -> None:
    # Forty URLs on eight small hosts come first in the notes, then sixteen on one busy host.
    # With a global limit of 8, a queue in document order would reach the busy host only
    # after five rounds; the busy host decides when the run ends, so it goes first.
    small = [serve({f"/s{i}": status(200) for i in range(5)}, latency=0.1) for _ in range(8)]
    busy = serve({f"/b{i}": status(200) for i in range(16)}, latency=0.1)
    urls = [s.url(f"/s{i}") for s in small for i in range(5)]
    urls += [busy.url(f"/b{i}") for i in range(16)]
    options = dataclasses.replace(fast_options, per_host=4, concurrency=8)
    started = time.monotonic()
    check(urls, options)
    elapsed = time.monotonic() - started
    arrivals = sorted(
        (at, server is busy) for server in [*small, busy] for _, _, at in server.stats.requests
    )
    # The busy host is in the first round (a queue in document order: request 41 at best).
    assert any(is_busy for _, is_busy in arrivals[:8])
    assert busy.stats.max_in_flight == 4
    # 56 requests, 8 at a time, 100 ms each: 7 rounds is the floor (room for a busy machine).
    assert elapsed < 7 * 0.1 * 3


def test_connections_are_kept_alive(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({f"/p{i}": status(200) for i in range(40)})
    options = dataclasses.replace(fast_options, per_host=2)
    check([server.url(f"/p{i}") for i in range(40)], options)
    assert server.stats.count() == 40
    assert server.stats.connections <= 2


def test_slow_host_does_not_hold_back_the_others(serve: Serve, fast_options: CheckOptions) -> None:
    slow = serve({f"/p{i}": delayed(1.0, status(200)) for i in range(4)})
    fast = serve({f"/p{i}": status(200) for i in range(20)}, latency=0.02)
    options = dataclasses.replace(fast_options, per_host=4)
    finished: dict[str, float] = {}
    started = time.monotonic()
    check(
        [slow.url(f"/p{i}") for i in range(4)] + [fast.url(f"/p{i}") for i in range(20)],
        options,
        on_result=lambda r: finished.setdefault(r.url, time.monotonic() - started),
    )
    fast_done = max(t for url, t in finished.items() if url.startswith(fast.origin))
    assert fast_done < 0.9  # 5 rounds of 20 ms, not after the slow host's second
    assert len(finished) == 24


def test_a_failing_callback_stops_the_run_cleanly(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({f"/p{i}": status(200) for i in range(8)}, latency=0.05)

    def explode(result: object) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        check([server.url(f"/p{i}") for i in range(8)], fast_options, on_result=explode)


def test_a_retry_goes_ahead_of_its_hosts_queue(serve: Serve, fast_options: CheckOptions) -> None:
    # A 500 then a 200, first in the notes, then twenty URLs on the same host, one at a time.
    # Its retry is due after its backoff: it should not wait for the twenty to drain.
    routes = {"/flaky": sequence(status(500), status(200))}
    routes |= {f"/p{i}": status(200) for i in range(20)}
    server = serve(routes, latency=0.05)
    options = dataclasses.replace(fast_options, per_host=1, retries=1, backoff=0.05)
    order: list[str] = []
    check(
        [server.url("/flaky")] + [server.url(f"/p{i}") for i in range(20)],
        options,
        on_result=lambda r: order.append(r.url),
    )
    assert server.stats.count("/flaky") == 2
    # Its backoff (at most 75 ms) spans two of the others' 50 ms rounds; at the back of the
    # queue it would come last.
    assert order.index(server.url("/flaky")) <= 5
