"""A check run over the model: the cache answers fresh URLs, offline sends nothing, a run with
no network poisons nothing, and failures grow from flaky to dead across (simulated) days."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dlnotes.linkcheck.cache import LinkCache
from dlnotes.linkcheck.config import CheckConfig
from dlnotes.linkcheck.headers import parse_header
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.policy import Policy
from dlnotes.linkcheck.result import CheckResult, Health, Verdict
from dlnotes.linkcheck.run import run_check
from dlnotes.model import Image, Location
from tests.linkcheck._helpers import Clock, availability, closed_port_url, kb_of, note
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import Conn, Reply, Request, status


@pytest.fixture
def config(tmp_path: Path, fast_options: CheckOptions) -> CheckConfig:
    return CheckConfig(options=fast_options, cache_path=tmp_path / "cache.sqlite", archive=False)


def by_url(results: list[CheckResult]) -> dict[str, CheckResult]:
    return {result.url: result for result in results}


def with_options(config: CheckConfig, **changes: Any) -> CheckConfig:
    """`config` with some of its check options changed."""
    return dataclasses.replace(config, options=dataclasses.replace(config.options, **changes))


def test_a_rerun_within_max_age_sends_zero_requests(serve: Serve, config: CheckConfig) -> None:
    site = serve({"/a": status(200), "/b": status(404)})
    kb = kb_of(
        note("one.md", [site.url("/a"), site.url("/b")]),
        note("two.md", [site.url("/a/"), site.url("/a?utm_source=x")]),
    )
    clock = Clock()
    first = run_check(kb, config, clock=clock)
    sent = len(site.stats.requests)
    assert sent >= 2 and first.requested == 2
    assert site.stats.count("/a", "HEAD") == 1  # three spellings, one normalised URL, one request
    clock.advance(minutes=30)
    second = run_check(kb, config, clock=clock)
    assert len(site.stats.requests) == sent  # not one request more
    assert second.requested == 0
    assert all(result.from_cache for result in second.results)
    a = by_url(second.results)[site.url("/a")]
    assert a.status is Verdict.OK
    assert a.sources == [
        Location("notes/one.md", 10),
        Location("notes/two.md", 10),
        Location("notes/two.md", 11),
    ]
    assert by_url(second.results)[site.url("/b")].status is Verdict.BROKEN


def test_stale_results_are_checked_again_failures_sooner(serve: Serve, config: CheckConfig) -> None:
    site = serve({"/a": status(200), "/b": status(404)})
    kb = kb_of(note("one.md", [site.url("/a"), site.url("/b")]))
    clock = Clock()
    run_check(kb, config, clock=clock)
    a_before, b_before = site.stats.count("/a"), site.stats.count("/b")
    clock.advance(hours=2)  # past max_age_failed (1h), within max_age (1d)
    run = run_check(kb, config, clock=clock)
    assert site.stats.count("/a") == a_before
    assert site.stats.count("/b") > b_before
    assert run.requested == 1
    clock.advance(days=2)
    run_check(kb, config, clock=clock)
    assert site.stats.count("/a") > a_before


def _refuses_unknown_agents(code: int) -> Reply:
    """A site that lets browsers in and answers anything else with `code` (403, 999...)."""

    async def reply(request: Request, conn: Conn) -> bool:
        known = "Mozilla/" in request.headers.get("user-agent", "")
        return await status(200 if known else code)(request, conn)

    return reply


def test_new_headers_ask_again_what_the_old_ones_were_refused(
    serve: Serve, config: CheckConfig
) -> None:
    async def consent_wall(request: Request, conn: Conn) -> bool:
        allowed = request.headers.get("cookie") == "CONSENT=YES+"
        return await status(200 if allowed else 403)(request, conn)

    site = serve({"/video": consent_wall, "/fine": status(200)})
    kb = kb_of(note("one.md", [site.url("/video"), site.url("/fine")]))
    clock = Clock()
    assert by_url(run_check(kb, config, clock=clock).results)[site.url("/video")].status is (
        Verdict.BROKEN
    )
    clock.advance(minutes=10)
    assert run_check(kb, config, clock=clock).requested == 0
    cookie = with_options(config, header=(parse_header(f"{site.host}=Cookie: CONSENT=YES+"),))
    again = run_check(kb, cookie, clock=clock)
    assert again.requested == 1  # the refusal, not the good answer
    assert by_url(again.results)[site.url("/video")].status is Verdict.OK
    assert run_check(kb, cookie, clock=clock).requested == 0


@pytest.mark.parametrize(("code", "verdict"), [(403, Verdict.BROKEN), (999, Verdict.BLOCKED)])
def test_a_new_user_agent_asks_again_what_the_old_one_was_refused(
    serve: Serve, config: CheckConfig, code: int, verdict: Verdict
) -> None:
    site = serve({"/wall": _refuses_unknown_agents(code), "/fine": status(200)})
    kb = kb_of(note("one.md", [site.url("/wall"), site.url("/fine")]))
    clock = Clock()
    assert by_url(run_check(kb, config, clock=clock).results)[site.url("/wall")].status is verdict
    clock.advance(minutes=10)  # fresh, whatever the verdict
    sent = len(site.stats.requests)
    assert run_check(kb, config, clock=clock).requested == 0  # the same agent: nothing to ask
    browser = with_options(config, user_agent="Mozilla/5.0 (test)")
    offline = run_check(kb, browser, clock=clock, offline=True)
    assert len(site.stats.requests) == sent  # offline never asks
    assert by_url(offline.results)[site.url("/wall")].status is verdict
    again = run_check(kb, browser, clock=clock)
    assert again.requested == 1  # the refusal, not the good answer
    assert {path for _, path, _ in site.stats.requests[sent:]} == {"/wall"}
    assert by_url(again.results)[site.url("/wall")].status is Verdict.OK
    sent = len(site.stats.requests)
    assert run_check(kb, browser, clock=clock).requested == 0
    assert len(site.stats.requests) == sent


def test_offline_sends_no_request_and_answers_from_the_cache(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/a": status(200), "/gone": status(410)})
    archive = serve({"/available": availability({site.url("/gone"): "https://archive.test/x"})})
    config = dataclasses.replace(config, archive=True, archive_endpoint=archive.url("/available"))
    kb = kb_of(note("one.md", [site.url("/a"), site.url("/gone")]))
    clock = Clock()
    online = run_check(kb, config, clock=clock)
    assert by_url(online.results)[site.url("/gone")].archive_url == "https://archive.test/x"
    sent, asked = len(site.stats.requests), len(archive.stats.requests)
    clock.advance(days=30)  # everything stale: offline serves it anyway
    later = kb_of(note("one.md", [site.url("/a"), site.url("/gone"), site.url("/new")]))
    offline = run_check(later, config, offline=True, clock=clock)
    assert (len(site.stats.requests), len(archive.stats.requests)) == (sent, asked)
    results = by_url(offline.results)
    assert results[site.url("/a")].status is Verdict.OK and results[site.url("/a")].from_cache
    assert results[site.url("/gone")].archive_url == "https://archive.test/x"
    assert results[site.url("/new")].status is Verdict.SKIPPED
    assert "offline" in (results[site.url("/new")].error or "")
    assert offline.requested == 0 and offline.offline


def test_a_run_with_no_network_says_so_and_records_no_failure(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/a": status(200)})
    kb = kb_of(note("one.md", [site.url("/a")]))
    clock = Clock()
    run_check(kb, config, clock=clock)
    # Now nothing answers: every URL points at a port where nobody listens, on two hosts.
    down = kb_of(
        note("one.md", [site.url("/a"), closed_port_url("127.0.0.1"), closed_port_url("127.0.1.9")])
    )
    site_down = closed_port_url(site.host, "/a")
    down.notes[0].links[0] = dataclasses.replace(down.notes[0].links[0], url=site_down)
    clock.advance(days=3)
    run = run_check(down, config, clock=clock)
    assert run.network_down
    assert any("no network" in warning for warning in run.warnings)
    assert run.fatal == []
    assert all(r.health is Health.UNKNOWN for r in run.results if not r.from_cache)
    with LinkCache.open(config.cache_path) as cache:
        assert len(cache) == 1  # the refused URLs were not recorded
        entry = cache.get(site.url("/a"))
        assert entry is not None and entry.consecutive_failures == 0
        assert len(cache.history(site.url("/a"))) == 1


def test_one_failing_host_among_answering_ones_is_recorded(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/a": status(200)})
    refused = closed_port_url("127.0.0.1")
    run = run_check(kb_of(note("one.md", [site.url("/a"), refused])), config, clock=Clock())
    assert not run.network_down
    failed = by_url(run.results)[refused]
    assert failed.status is Verdict.ERROR and failed.health is Health.FLAKY
    assert failed.consecutive_failures == 1


def test_a_failing_link_is_flaky_then_dead_after_n_failures_over_d_days(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/ok": status(200), "/gone": status(404)})
    config = dataclasses.replace(config, policy=Policy(dead_after=3, dead_days=2))
    kb = kb_of(note("one.md", [site.url("/ok"), site.url("/gone")]))
    clock = Clock()
    healths = []
    for _ in range(4):
        run = run_check(kb, config, clock=clock)
        gone = by_url(run.results)[site.url("/gone")]
        healths.append((gone.health, gone.consecutive_failures, bool(run.fatal)))
        clock.advance(days=1)
    assert healths == [
        (Health.FLAKY, 1, False),
        (Health.FLAKY, 2, False),
        (Health.DEAD, 3, True),  # three failures spanning two days
        (Health.DEAD, 4, True),
    ]
    assert by_url(run.results)[site.url("/ok")].health is Health.HEALTHY
    # Many failures within hours are not enough: the span matters too.
    hasty = dataclasses.replace(config, cache_path=config.cache_path.with_name("hasty.sqlite"))
    clock = Clock()
    for _ in range(5):
        run = run_check(kb, hasty, clock=clock)
        clock.advance(hours=2)
    assert by_url(run.results)[site.url("/gone")].health is Health.FLAKY
    # The site comes back: the streak ends.
    site.routes["/gone"] = status(200)
    clock.advance(days=5)
    run = run_check(kb, hasty, clock=clock)
    assert by_url(run.results)[site.url("/gone")].health is Health.HEALTHY and not run.fatal


def test_changed_since_mode_fails_on_a_new_broken_link_only(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/old-broken": status(404), "/new-broken": status(404), "/new-ok": status(200)})
    kb = kb_of(
        note("one.md", [site.url("/old-broken"), site.url("/new-broken"), site.url("/new-ok")])
    )
    new = kb.notes[0].links[1:]
    run = run_check(kb, config, only=new, clock=Clock())
    assert site.stats.count("/old-broken") == 0
    assert [r.url for r in run.fatal] == [site.url("/new-broken")]
    assert run.changed_only and run.failed


def test_changed_since_mode_reports_only_the_new_links_between_notes(config: CheckConfig) -> None:
    kb = kb_of(note("one.md", ["old.md", "two.md#nowhere", "two.md"]), note("two.md", []))
    assert [p.line for p in run_check(kb, config).problems] == [10, 11]
    run = run_check(kb, config, only=kb.notes[0].links[1:])
    assert [p.line for p in run.problems] == [11] and run.failed


def test_archive_lookups_are_cached_even_when_nothing_is_found(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/gone": status(404), "/lost": status(410), "/ok": status(200)})
    archive = serve({"/available": availability({site.url("/gone"): "https://archive.test/g"})})
    config = dataclasses.replace(config, archive=True, archive_endpoint=archive.url("/available"))
    kb = kb_of(note("one.md", [site.url("/gone"), site.url("/lost"), site.url("/ok")]))
    clock = Clock()
    run = run_check(kb, config, clock=clock)
    results = by_url(run.results)
    assert results[site.url("/gone")].archive_url == "https://archive.test/g"
    assert results[site.url("/lost")].archive_url is None
    assert results[site.url("/ok")].archive_url is None
    assert len(archive.stats.requests) == 2  # only the failing links are looked up
    clock.advance(hours=2)
    again = run_check(kb, config, clock=clock)
    assert len(archive.stats.requests) == 2  # rechecked, still failing: archive not asked again
    assert not by_url(again.results)[site.url("/gone")].from_cache
    assert by_url(again.results)[site.url("/gone")].archive_url == "https://archive.test/g"


def test_an_unreachable_archive_leaves_the_run_alone(serve: Serve, config: CheckConfig) -> None:
    site = serve({"/gone": status(404)})
    config = dataclasses.replace(
        config, archive=True, archive_endpoint=closed_port_url("127.0.0.1", "/available")
    )
    run = run_check(kb_of(note("one.md", [site.url("/gone")])), config, clock=Clock())
    assert run.results[0].status is Verdict.BROKEN and run.results[0].archive_url is None


def test_bad_urls_are_decided_without_a_request(serve: Serve, config: CheckConfig) -> None:
    urls = [
        "https;//x.test/a",
        "http://[::1",
        "http://exa mple.test/",
        "mailto:someone@example.org",
        "mailto:not an address",
        "file:///etc/passwd",
        "ftp://ftp.example.org/pub",
        "other.md",
    ]
    kb = kb_of(note("one.md", urls), note("other.md", []))
    run = run_check(kb, config, clock=Clock())
    results = {r.sources[0].line: r for r in run.results}
    assert run.requested == 0 and not run.network_down
    assert results[11].status is Verdict.ERROR  # http://[::1
    assert results[12].status is Verdict.ERROR  # a space in the host
    assert results[13].status is Verdict.OK  # mailto: syntax only
    assert results[14].status is Verdict.BROKEN
    assert results[15].status is Verdict.SKIPPED and results[16].status is Verdict.SKIPPED
    assert 10 not in results and 17 not in results  # relative: links between notes
    assert [p.line for p in run.problems] == [10]
    assert "malformed URL" in run.problems[0].message


def test_a_note_with_no_links_is_a_quiet_success(config: CheckConfig) -> None:
    run = run_check(kb_of(note("empty.md", [])), config, clock=Clock())
    assert run.results == [] and not run.failed and run.requested == 0
    assert run.counts["ok"] == 0


def test_progress_callbacks_see_every_url_once(serve: Serve, config: CheckConfig) -> None:
    site = serve({"/a": status(200), "/b": status(200)})
    kb = kb_of(note("one.md", [site.url("/a"), site.url("/b"), site.url("/b#x")]))
    totals: list[int] = []
    seen: list[str] = []
    run_check(kb, config, on_start=totals.append, on_result=lambda r: seen.append(r.url))
    assert totals == [2] and sorted(seen) == [site.url("/a"), site.url("/b")]


def test_recorded_times_come_from_the_clock(serve: Serve, config: CheckConfig) -> None:
    site = serve({"/a": status(200)})
    clock = Clock(dt.datetime(2030, 5, 1, tzinfo=dt.UTC))
    run = run_check(kb_of(note("one.md", [site.url("/a")])), config, clock=clock)
    assert run.results[0].checked_at == clock.now == run.results[0].last_ok


def test_a_new_exclude_pattern_wins_over_a_fresh_cached_answer(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/a": status(200), "/b": status(200)})
    kb = kb_of(note("one.md", [site.url("/a"), site.url("/b")]))
    clock = Clock()
    run_check(kb, config, clock=clock)
    sent = len(site.stats.requests)
    run = run_check(kb, with_options(config, exclude=("/a$",)), clock=clock)
    results = by_url(run.results)
    assert results[site.url("/a")].status is Verdict.SKIPPED
    assert results[site.url("/b")].status is Verdict.OK and results[site.url("/b")].from_cache
    run = run_check(kb, with_options(config, include=("/b",)), clock=clock)
    assert by_url(run.results)[site.url("/a")].status is Verdict.SKIPPED
    assert len(site.stats.requests) == sent


def test_a_fragment_check_is_not_answered_by_a_verdict_made_without_it(
    serve: Serve, config: CheckConfig
) -> None:
    page = b'<html><body><h2 id="there">There</h2></body></html>'
    site = serve({"/doc": status(200, page, {"Content-Type": "text/html"})})
    kb = kb_of(note("one.md", [site.url("/doc#there"), site.url("/doc#nowhere")]))
    clock = Clock()
    assert run_check(kb, config, clock=clock).results[0].status is Verdict.OK
    sent = len(site.stats.requests)
    run = run_check(kb, with_options(config, check_fragments=True), clock=clock)
    assert len(site.stats.requests) > sent  # the cached "ok" knew nothing of the anchors
    (result,) = run.results
    assert result.status is Verdict.BROKEN
    assert result.error == "fragment not found: #nowhere"
    again = run_check(kb, config, clock=clock)  # without fragment checks, the cache answers
    assert again.requested == 0


def accepting(config: CheckConfig, *codes: int) -> CheckConfig:
    return with_options(config, accept=frozenset(codes))


def test_a_fresh_cached_answer_is_judged_by_the_codes_accepted_now(
    serve: Serve, config: CheckConfig
) -> None:
    # As lychee does: `accept` applies to what the cache remembers, not only to new answers.
    site = serve({"/members": status(403, b"members only"), "/ok": status(200)})
    kb = kb_of(note("one.md", [site.url("/members"), site.url("/ok")]))
    clock = Clock()
    first = run_check(kb, accepting(config, 403), clock=clock)
    assert by_url(first.results)[site.url("/members")].status is Verdict.OK
    asked = site.stats.count("/members")
    # Without the 403 accepted, the cached "ok" no longer stands: asked again, and broken.
    strict = run_check(kb, config, clock=clock)
    assert site.stats.count("/members") > asked
    assert by_url(strict.results)[site.url("/members")].status is Verdict.BROKEN
    assert site.stats.count("/ok") == 1  # its verdict holds under either
    asked = site.stats.count("/members")
    again = run_check(kb, config, clock=clock)  # the broken verdict holds under these options
    assert site.stats.count("/members") == asked and again.requested == 0
    # Accepted again: the cached "broken" gives way, asked once more.
    lenient_run = run_check(kb, accepting(config, 403), clock=clock)
    assert site.stats.count("/members") > asked
    assert by_url(lenient_run.results)[site.url("/members")].status is Verdict.OK


def test_offline_judges_cached_codes_by_the_codes_accepted_now(
    serve: Serve, config: CheckConfig
) -> None:
    site = serve({"/members": status(403, b"members only"), "/lenient": status(401)})
    kb = kb_of(note("one.md", [site.url("/members"), site.url("/lenient")]))
    clock = Clock()
    first = run_check(kb, accepting(config, 401), clock=clock)
    assert [r.status for r in first.results] == [Verdict.BROKEN, Verdict.OK]
    sent = len(site.stats.requests)
    offline = run_check(kb, accepting(config, 403), offline=True, clock=clock)
    assert len(site.stats.requests) == sent  # offline: judged again, never asked
    members, lenient = (by_url(offline.results)[site.url(p)] for p in ("/members", "/lenient"))
    assert members.status is Verdict.OK and members.error is None
    assert members.health is Health.HEALTHY
    assert lenient.status is Verdict.BROKEN and lenient.code == 401
    assert lenient.health is not Health.DEAD  # one verdict, not a history of failures


def test_a_full_run_checks_the_images_urls_too(serve: Serve, config: CheckConfig) -> None:
    # As lychee does: a dead diagram or badge is rot like a dead link.
    site = serve({"/ok.png": status(200), "/gone.png": status(404), "/page": status(200)})
    shown = dataclasses.replace(
        note("one.md", [site.url("/page")]),
        images=[
            Image(site.url("/gone.png"), "plot", Location("notes/one.md", 20)),
            Image(site.url("/ok.png"), "badge", Location("notes/one.md", 21)),
            Image(site.url("/page"), "same as a link", Location("notes/one.md", 22)),
        ],
    )
    run = run_check(kb_of(shown), config)
    results = by_url(run.results)
    assert results[site.url("/gone.png")].status is Verdict.BROKEN
    assert results[site.url("/gone.png")].sources == [Location("notes/one.md", 20)]
    assert results[site.url("/ok.png")].status is Verdict.OK
    page = results[site.url("/page")]
    assert page.sources == [Location("notes/one.md", 10), Location("notes/one.md", 22)]
    assert site.stats.count("/page", "HEAD") == 1  # a link and an image: one URL, one request
