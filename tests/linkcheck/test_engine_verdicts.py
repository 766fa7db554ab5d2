"""Each verdict from a real server's answer: ok, redirected, broken, blocked, error."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from dlnotes.linkcheck.fragments import AnchorFinder
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Hop, Verdict
from tests.linkcheck._engine import check, check_one
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import Reply, by_method, redirect, sequence, status


def test_200_is_ok_with_one_head(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/page": status(200, b"hello")})
    result = check_one(server.url("/page"), fast_options)
    assert (result.status, result.code, result.error) == (Verdict.OK, 200, None)
    assert result.final_url is None and result.redirects == []
    assert server.stats.requests[0][:2] == ("HEAD", "/page")
    assert server.stats.count() == 1
    assert result.sources[0].file == "notes/test.md"
    assert result.checked_at is not None and result.checked_at.tzinfo is not None


@pytest.mark.parametrize("head_code", [405, 403, 404, 501])
def test_head_refused_falls_back_to_get(
    serve: Serve, fast_options: CheckOptions, head_code: int
) -> None:
    server = serve({"/page": status(200, b"hello", head_code=head_code)})
    result = check_one(server.url("/page"), fast_options)
    assert (result.status, result.code) == (Verdict.OK, 200)
    assert [m for m, _, _ in server.stats.requests] == ["HEAD", "GET"]


def test_a_host_that_refuses_head_is_asked_with_get_after_the_first_time(
    serve: Serve, fast_options: CheckOptions
) -> None:
    server = serve({f"/p{i}": status(200, b"hello", head_code=405) for i in range(6)})
    options = dataclasses.replace(fast_options, per_host=1)  # one after another
    results = check([server.url(f"/p{i}") for i in range(6)], options)
    assert [r.status for r in results] == [Verdict.OK] * 6
    assert [m for m, _, _ in server.stats.requests] == ["HEAD", "GET"] + ["GET"] * 5


@pytest.mark.parametrize(
    "first",
    [
        status(404, b"gone"),  # says something of one page, not of the server's HEAD
        status(405),  # GET refused too: the page refuses everything, HEAD is not the matter
        status(200, head_code=403),
    ],
)
def test_other_refusals_leave_the_host_on_head(
    serve: Serve, fast_options: CheckOptions, first: Reply
) -> None:
    server = serve({"/first": first, "/second": status(200)})
    options = dataclasses.replace(fast_options, per_host=1)
    check([server.url("/first"), server.url("/second")], options)
    second = [m for m, path, _ in server.stats.requests if path == "/second"]
    assert second == ["HEAD"]


def test_permanent_redirect_chain_records_every_hop(
    serve: Serve, fast_options: CheckOptions
) -> None:
    other = serve({"/final": status(200)})
    server = serve(
        {
            "/old": redirect("/older", 301),
            "/older": redirect("/moved", 302),
            "/moved": redirect(other.url("/final"), 308),
        }
    )
    result = check_one(server.url("/old"), fast_options)
    assert result.status is Verdict.REDIRECTED
    assert result.final_url == other.url("/final")
    assert result.redirects == [
        Hop(server.url("/old"), 301),
        Hop(server.url("/older"), 302),
        Hop(server.url("/moved"), 308),
    ]
    assert other.stats.count("/final") == 1


def test_temporary_redirect_is_ok_with_final_url(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/now": redirect("/today", 302), "/today": status(200)})
    result = check_one(server.url("/now"), fast_options)
    assert result.status is Verdict.OK
    assert result.final_url == server.url("/today")


def test_redirect_loop_is_reported_as_a_loop(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/a": redirect("/b"), "/b": redirect("/a")})
    result = check_one(server.url("/a"), fast_options)
    assert result.status is Verdict.ERROR
    assert result.error is not None and result.error.startswith("redirect loop:")
    assert "/a -> " in result.error and result.error.endswith("/a")
    # Detected on sight: each URL of the loop asked once, not until the redirect cap.
    assert server.stats.count() == 2


def test_trailing_slash_redirect_is_not_a_loop(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/docs": redirect("/docs/"), "/docs/": status(200)})
    assert check_one(server.url("/docs"), fast_options).status is Verdict.REDIRECTED


def test_too_many_redirects(serve: Serve, fast_options: CheckOptions) -> None:
    routes = {f"/r{i}": redirect(f"/r{i + 1}") for i in range(5)}
    server = serve(routes)
    options = dataclasses.replace(fast_options, max_redirects=3)
    result = check_one(server.url("/r0"), options)
    assert result.status is Verdict.ERROR
    assert result.error == "more than 3 redirects"
    assert len(result.redirects) == 4


@pytest.mark.parametrize("code", [404, 410, 400, 401])
def test_client_errors_are_broken_and_not_retried(
    serve: Serve, fast_options: CheckOptions, code: int
) -> None:
    server = serve({"/gone": status(code)})
    result = check_one(server.url("/gone"), fast_options)
    assert (result.status, result.code, result.error) == (Verdict.BROKEN, code, f"HTTP {code}")
    assert server.stats.count(method="GET") <= 1  # HEAD, maybe one GET, never again


def test_500_then_200_is_ok_after_a_retry(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/flaky": sequence(status(500), status(200))})
    result = check_one(server.url("/flaky"), fast_options)
    assert (result.status, result.code) == (Verdict.OK, 200)
    assert server.stats.count("/flaky") == 2


def test_5xx_every_time_is_broken_after_the_retries(
    serve: Serve, fast_options: CheckOptions
) -> None:
    server = serve({"/down": status(503)})
    result = check_one(server.url("/down"), dataclasses.replace(fast_options, retries=3))
    assert (result.status, result.code) == (Verdict.BROKEN, 503)
    assert result.error == "HTTP 503 (after 4 attempts)"
    assert server.stats.count("/down") == 4


def test_retry_waits_grow(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/down": status(500)})
    options = dataclasses.replace(fast_options, retries=3, backoff=0.05)
    check_one(server.url("/down"), options)
    times = [at for _, _, at in server.stats.requests]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # base 0.05 doubled each time, jitter within [0.5, 1.5): 0.025+, 0.05+, 0.1+
    assert gaps[0] >= 0.025 and gaps[2] >= 0.1
    assert gaps[2] > gaps[0]


def test_408_is_retried(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/slow": sequence(status(408), status(200))})
    assert check_one(server.url("/slow"), fast_options).status is Verdict.OK
    assert server.stats.count("/slow") == 2


def test_accepted_codes_are_ok(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/private": status(401)})
    options = dataclasses.replace(fast_options, accept=frozenset({401}))
    assert check_one(server.url("/private"), options).status is Verdict.OK


CHALLENGE = b"<html><head><title>Just a moment...</title></head><body></body></html>"


@pytest.mark.parametrize(
    "reply",
    [
        status(403, b"<html>denied</html>", {"cf-mitigated": "challenge"}),
        status(403, CHALLENGE),
        status(403, b'<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/cf-chl"></script>'),
        status(503, CHALLENGE, {"Server": "cloudflare"}),
    ],
    ids=["cf-mitigated-header", "just-a-moment", "cf-chl-script", "503-challenge"],
)
def test_cloudflare_challenge_is_blocked_not_broken(
    serve: Serve, fast_options: CheckOptions, reply: Reply
) -> None:
    server = serve({"/walled": reply})
    result = check_one(server.url("/walled"), fast_options)
    assert result.status is Verdict.BLOCKED
    assert result.error is not None and result.error.startswith("bot wall")
    assert server.stats.count("/walled") == 2  # HEAD, then one GET to read the page: no retry


def test_plain_403_is_broken(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/no": status(403, b"<html>Forbidden</html>")})
    assert check_one(server.url("/no"), fast_options).status is Verdict.BROKEN


def test_linkedin_999_is_blocked(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/in/someone": status(999)})
    result = check_one(server.url("/in/someone"), fast_options)
    assert (result.status, result.code) == (Verdict.BLOCKED, 999)


def test_429_that_never_clears_is_blocked(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/busy": status(429)})
    result = check_one(server.url("/busy"), fast_options)
    assert (result.status, result.code) == (Verdict.BLOCKED, 429)
    assert result.error is not None and "rate limited" in result.error
    assert server.stats.count("/busy") == 1 + fast_options.retries


def test_each_distinct_url_is_requested_once(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/page": status(200), "/other": status(404)})
    urls = [
        server.url("/page"),
        server.url("/page/"),  # the same page, normalised
        server.url("/page?utm_source=x"),
        server.url("/page#intro"),
        server.url("/other"),
        server.url("/other"),
    ]
    results = check(urls, fast_options)
    assert [r.url for r in results] == [server.url("/page"), server.url("/other")]
    assert [len(r.sources) for r in results] == [4, 2]
    assert server.stats.count("/page", "HEAD") == 1
    assert server.stats.count("/other", "HEAD") == 1


def test_head_then_get_answer_decides(serve: Serve, fast_options: CheckOptions) -> None:
    # HEAD says 404 but GET serves the page: the GET answer counts.
    server = serve({"/x": by_method(head=status(404), get=status(200))})
    assert check_one(server.url("/x"), fast_options).status is Verdict.OK


def test_redirect_to_a_non_web_url_is_an_error(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/dl": redirect("ftp://files.example.com/x.zip", 302)})
    result = check_one(server.url("/dl"), fast_options)
    assert result.status is Verdict.ERROR
    assert result.error == "redirect to a non-web URL: ftp://files.example.com/x.zip"


@pytest.mark.parametrize(
    "location, error",
    [
        ("mailto:me@example.com", "redirect to a non-web URL: mailto:me@example.com"),
        ("javascript:alert(1)", "redirect to a non-web URL: javascript:alert(1)"),
        ("http://example.com:99999/x", "bad Location 'http://example.com:99999/x': Port out of"),
        ("http://[::1/x", "bad Location 'http://[::1/x': Invalid port"),
    ],
    ids=["mailto", "javascript", "port-out-of-range", "bad-ipv6"],
)
def test_a_redirect_nothing_can_follow_is_an_error_and_the_run_goes_on(
    serve: Serve, fast_options: CheckOptions, location: str, error: str
) -> None:
    # httpx raised for these while building a next request it was not asked to follow, and
    # that error (no httpx.HTTPError, or an OverflowError from the socket) ended the run.
    server = serve({"/odd": redirect(location), "/fine": status(200)})
    odd, fine = check([server.url("/odd"), server.url("/fine")], fast_options)
    assert (odd.status, odd.code) == (Verdict.ERROR, 301)
    assert odd.error is not None and odd.error.startswith(error), odd.error
    assert fine.status is Verdict.OK


def test_redirect_without_location_is_broken(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/odd": status(301)})
    result = check_one(server.url("/odd"), fast_options)
    assert (result.status, result.error) == (Verdict.BROKEN, "HTTP 301 without a Location")


def test_no_targets_no_results(fast_options: CheckOptions) -> None:
    assert check([], fast_options) == []


def test_a_surprise_below_the_checker_is_an_error_for_its_url_alone(
    serve: Serve, fast_options: CheckOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stands for whatever a server may yet make httpx or its layers raise outside their own
    # errors (a redirect to `mailto:` did): that URL is an error naming it, the run goes on.
    def surprise(self: object, data: bytes) -> bool:
        raise RuntimeError("a parser met something new")

    monkeypatch.setattr(AnchorFinder, "feed_bytes", surprise)
    server = serve({"/page": status(200, b"<h1 id='a'>A</h1>"), "/fine": status(200)})
    options = dataclasses.replace(fast_options, check_fragments=True)
    page, fine = check([server.url("/page#a"), server.url("/fine")], options)
    assert (page.status, page.code) == (Verdict.ERROR, None)
    assert page.error == "unexpected RuntimeError: a parser met something new"
    assert fine.status is Verdict.OK
    assert server.stats.count("/page") == 1  # not retried: a surprise says nothing of a later try
