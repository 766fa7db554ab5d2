"""429 and Retry-After: honoured in both forms, capped, and felt by the whole host only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from email.utils import format_datetime

from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from dlnotes.linkcheck.retry import backoff_delay, is_retryable_code, parse_retry_after
from tests.linkcheck._engine import check, check_one
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import delayed, most_at_once, sequence, status

NOW = dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.UTC)


def test_parse_retry_after_seconds_and_dates() -> None:
    assert parse_retry_after("7", cap=60) == 7.0
    assert parse_retry_after(" 120 ", cap=60) == 60.0
    in_30_s = format_datetime(NOW + dt.timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(in_30_s, cap=60, now=NOW) == 30.0
    in_an_hour = format_datetime(NOW + dt.timedelta(hours=1), usegmt=True)
    assert parse_retry_after(in_an_hour, cap=60, now=NOW) == 60.0
    past = format_datetime(NOW - dt.timedelta(hours=1), usegmt=True)
    assert parse_retry_after(past, cap=60, now=NOW) == 0.0
    assert parse_retry_after("soon", cap=60) is None
    assert parse_retry_after(None, cap=60) is None


def test_backoff_doubles_with_jitter_and_cap() -> None:
    rng = random.Random(4)
    for attempt in range(5):
        delay = backoff_delay(attempt, base=1.0, cap=100.0, rng=rng)
        assert 0.5 * 2**attempt <= delay < 1.5 * 2**attempt
    assert backoff_delay(20, base=1.0, cap=9.0) == 9.0
    assert len({backoff_delay(1, 1.0, 100.0) for _ in range(20)}) > 1  # jittered


def test_what_is_retryable() -> None:
    assert all(is_retryable_code(code) for code in (408, 429, 500, 502, 503, 599))
    assert not any(is_retryable_code(code) for code in (400, 401, 403, 404, 410, 999))


def _gap(server_requests: list[tuple[str, str, float]]) -> float:
    return server_requests[1][2] - server_requests[0][2]


def test_retry_after_seconds_is_waited(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/api": sequence(status(429, headers={"Retry-After": "1"}), status(200))})
    result = check_one(server.url("/api"), fast_options)
    assert result.status is Verdict.OK
    assert 0.95 <= _gap(server.stats.requests) < 1.5


def test_retry_after_http_date_is_waited_and_capped(
    serve: Serve, fast_options: CheckOptions
) -> None:
    later = format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1), usegmt=True)
    server = serve({"/api": sequence(status(429, headers={"Retry-After": later}), status(200))})
    options = dataclasses.replace(fast_options, retry_after_cap=0.6)
    assert check_one(server.url("/api"), options).status is Verdict.OK
    # Parsed (a date we could not read would get the 10 ms backoff) and capped (not an hour).
    assert 0.55 <= _gap(server.stats.requests) < 1.2


def test_retry_after_seconds_is_capped(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/api": sequence(status(503, headers={"Retry-After": "3600"}), status(200))})
    options = dataclasses.replace(fast_options, retry_after_cap=0.3)
    assert check_one(server.url("/api"), options).status is Verdict.OK
    assert 0.25 <= _gap(server.stats.requests) < 0.9


def test_429_rests_its_whole_host_and_no_other(serve: Serve, fast_options: CheckOptions) -> None:
    angry = serve(
        {
            "/limited": sequence(status(429, headers={"Retry-After": "1"}), status(200)),
            **{f"/a{i}": status(200) for i in range(6)},
        },
        latency=0.05,  # so that its other URLs cannot all slip in before the 429 is read
    )
    calm = serve({f"/b{i}": delayed(0.15, status(200)) for i in range(12)})
    urls = [angry.url("/limited")] + [angry.url(f"/a{i}") for i in range(6)]
    urls += [calm.url(f"/b{i}") for i in range(12)]
    options = dataclasses.replace(fast_options, per_host=2)
    results = check(urls, options)
    assert all(r.status is Verdict.OK for r in results)

    # Two requests go out at once, so /a0 may reach the host before /limited does.
    limited_at, retried_at = [at for _, path, at in angry.stats.requests if path == "/limited"]
    rested = [at for _, _, at in angry.stats.requests if limited_at + 0.1 < at < limited_at + 0.9]
    # The angry host heard nothing new during its rest (at most the one request already on its
    # way when the 429 was read, with two slots: on a loaded machine it may land late), then
    # the retry and the rest of its URLs...
    assert len(rested) <= 1
    assert retried_at >= limited_at + 0.95
    assert [angry.stats.count(f"/a{i}") for i in range(6)] == [1] * 6
    assert any(at > limited_at + 0.9 for _, path, at in angry.stats.requests if path != "/limited")
    # ...while the calm host went on at its own pace throughout.
    during = [at for _, _, at in calm.stats.requests if limited_at + 0.1 < at < limited_at + 0.9]
    assert len(during) >= 4


def test_429_without_retry_after_also_halves_the_host(
    serve: Serve, fast_options: CheckOptions
) -> None:
    # Left to guess how long to wait, the checker also sends fewer requests at once.
    pages = {f"/p{i}": delayed(0.05, status(200)) for i in range(16)}
    server = serve({"/limited": sequence(status(429), status(200)), **pages})
    urls = [server.url("/limited")] + [server.url(f"/p{i}") for i in range(16)]
    options = dataclasses.replace(fast_options, per_host=4, backoff=0.2)
    assert all(r.status is Verdict.OK for r in check(urls, options))
    limited_at = next(at for _, path, at in server.stats.requests if path == "/limited")
    later = [span for span in server.stats.spans if span[0] > limited_at + 0.15]
    assert later, "the host's other URLs should come after its rest"
    assert most_at_once(later) <= 2


def test_waiting_out_a_rest_is_not_a_timeout(serve: Serve, fast_options: CheckOptions) -> None:
    # The host rests 2 s after a 429; its other URLs wait longer than the 1 s timeout for their
    # turn. The timeout bounds a request, not the wait before it: they are ok, each sent once.
    server = serve(
        {
            "/limited": sequence(status(429, headers={"Retry-After": "2"}), status(200)),
            **{f"/a{i}": status(200) for i in range(3)},
        },
        latency=0.05,
    )
    urls = [server.url("/limited")] + [server.url(f"/a{i}") for i in range(3)]
    options = dataclasses.replace(fast_options, per_host=1, timeout=1.0, retries=1)
    results = check(urls, options)
    assert [(r.status, r.error) for r in results] == [(Verdict.OK, None)] * 4
    assert [server.stats.count(f"/a{i}") for i in range(3)] == [1, 1, 1]
    assert server.stats.max_in_flight == 1
