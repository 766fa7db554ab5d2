"""Extra request headers: for every host or for one host, never following a redirect away,
never a credential sent to every host, a secret read from the environment."""

from __future__ import annotations

import asyncio
import dataclasses
import re

import pytest

from dlnotes.linkcheck.checker import check_targets_sync
from dlnotes.linkcheck.client import fetch_text
from dlnotes.linkcheck.headers import HeaderRule, headers_for, parse_header
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from tests.linkcheck._engine import target
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import Conn, Reply, Request, redirect, status


def rules_of(*specs: str) -> tuple[HeaderRule, ...]:
    return tuple(parse_header(spec) for spec in specs)


def with_headers(options: CheckOptions, *specs: str) -> CheckOptions:
    return dataclasses.replace(options, header=rules_of(*specs))


def test_a_header_for_every_host_and_one_for_a_single_host(
    serve: Serve, fast_options: CheckOptions
) -> None:
    mine, other = serve({"/": status(200)}), serve({"/": status(200)})
    options = with_headers(fast_options, "Accept-Language: en", f"{mine.host}=Cookie: CONSENT=YES+")
    results = check_targets_sync([target(mine.url("/")), target(other.url("/"))], options)
    assert [r.status for r in results] == [Verdict.OK, Verdict.OK]
    assert mine.stats.headers["/"]["accept-language"] == "en"
    assert mine.stats.headers["/"]["cookie"] == "CONSENT=YES+"
    assert other.stats.headers["/"]["accept-language"] == "en"
    assert "cookie" not in other.stats.headers["/"]
    # Our own headers stay: the extra ones add to them.
    assert mine.stats.headers["/"]["user-agent"] == fast_options.user_agent


def test_a_host_header_does_not_follow_a_redirect_to_another_host(
    serve: Serve, fast_options: CheckOptions
) -> None:
    away = serve({"/landing": status(200)})
    mine = serve({"/moved": redirect(away.url("/landing")), "/here": redirect("/there"),
                  "/there": status(200)})  # fmt: skip
    options = with_headers(fast_options, f"{mine.host}=Authorization: Bearer s3cret")
    results = check_targets_sync([target(mine.url("/moved")), target(mine.url("/here"))], options)
    assert [r.status for r in results] == [Verdict.REDIRECTED, Verdict.REDIRECTED]
    assert mine.stats.headers["/moved"]["authorization"] == "Bearer s3cret"
    assert "authorization" not in away.stats.headers["/landing"]
    # A hop on the same host keeps it.
    assert mine.stats.headers["/there"]["authorization"] == "Bearer s3cret"


def test_fetch_for_titles_sends_them_too(serve: Serve, fast_options: CheckOptions) -> None:
    site = serve({"/page": status(200, b"<title>T</title>")})
    options = with_headers(fast_options, f"{site.host}=Cookie: a=1")
    asyncio.run(fetch_text(site.url("/page"), options, 1000))
    assert site.stats.headers["/page"]["cookie"] == "a=1"


def test_a_host_rule_covers_its_subdomains_and_wins_over_a_rule_for_all() -> None:
    rules = rules_of(
        "youtube.com=Accept-Language: de", "Accept-Language: en", "X-Later: 1", "X-Later: 2"
    )
    assert headers_for("https://www.YouTube.com/x", rules) == {
        "Accept-Language": "de",
        "X-Later": "2",
    }
    assert headers_for("https://youtube.com/", rules)["Accept-Language"] == "de"
    assert headers_for("https://notyoutube.com/", rules)["Accept-Language"] == "en"


def test_a_credential_goes_over_https_or_to_this_machine_only() -> None:
    rules = rules_of(
        "example.com=Authorization: Bearer t",
        "example.com=X-Plain: 1",
        "localhost=Cookie: c=1",
        "127.0.0.9=Cookie: c=2",
    )
    assert headers_for("https://api.example.com/v1", rules) == {
        "Authorization": "Bearer t",
        "X-Plain": "1",
    }
    assert headers_for("http://api.example.com/v1", rules) == {"X-Plain": "1"}
    assert headers_for("http://localhost:8000/", rules) == {"Cookie": "c=1"}
    assert headers_for("http://127.0.0.9:8000/", rules) == {"Cookie": "c=2"}


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("Authorization: Bearer x", "would go to every host"),
        ("cookie: a=1", "would go to every host"),
        ("no colon here", "expected `Name: value`"),
        ("Bad Name: x", "expected `Name: value`"),
        ("https://example.com/=X-A: 1", "without scheme or path"),
        ("exa mple.com=X-A: 1", "is not a host name"),
        ("X-A: one\ntwo", "line break"),
        ("example.com=Authorization: ${DLNOTES_TEST_NO_SUCH_VAR}", "no DLNOTES_TEST_NO_SUCH_VAR"),
    ],
)
def test_bad_headers_are_refused_with_the_reason(spec: str, words: str) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        parse_header(spec)


def test_a_secret_comes_from_the_environment_and_is_never_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DLNOTES_TEST_TOKEN", "s3cret")
    rule = parse_header("api.example.com=Authorization: Bearer ${DLNOTES_TEST_TOKEN}")
    assert rule == HeaderRule("Authorization", "Bearer s3cret", "api.example.com")
    options = CheckOptions(header=(rule,))
    assert "s3cret" not in repr(rule) and "s3cret" not in repr(options)
    assert "s3cret" not in options.identity
    # Another value is another identity: what one refused, the other asks again.
    other = CheckOptions(header=(HeaderRule("Authorization", "other", "api.example.com"),))
    assert options.identity != other.identity != CheckOptions().identity
    assert CheckOptions().identity == CheckOptions().user_agent


def consent_wall(inside: str) -> dict[str, Reply]:
    """A consent wall: the page sets a cookie on its way to a door that opens only with it."""

    async def door(request: Request, conn: Conn) -> bool:
        if request.headers.get("cookie") == "consent=yes":
            return await redirect(inside)(request, conn)
        return await status(403)(request, conn)

    wall = {"Location": "/door", "Set-Cookie": "consent=yes; Path=/"}
    return {"/wall": status(302, headers=wall), "/door": door}


def test_a_cookie_a_site_sets_is_sent_back_to_it_alone(
    serve: Serve, fast_options: CheckOptions
) -> None:
    other = serve({"/landing": status(200)})
    site = serve(consent_wall(other.url("/landing")))
    results = check_targets_sync([target(site.url("/wall"))], fast_options)
    assert [r.status for r in results] == [Verdict.REDIRECTED]
    assert results[0].final_url == other.url("/landing")
    assert site.stats.headers["/door"]["cookie"] == "consent=yes"
    assert "cookie" not in other.stats.headers["/landing"]


def cookie_gate(cookie: str) -> Reply:
    """A page that, to a visitor without `cookie`, sets it and sends them back to itself."""

    async def gate(request: Request, conn: Conn) -> bool:
        if request.headers.get("cookie") == "seen=1":
            return await status(200)(request, conn)
        back = {"Location": "/gate", "Set-Cookie": cookie}
        return await status(302, headers=back)(request, conn)

    return gate


def test_a_page_that_sets_a_cookie_and_sends_back_to_itself_is_no_loop(
    serve: Serve, fast_options: CheckOptions
) -> None:
    # A browser comes back with the cookie and gets the page: the second request is not the
    # first one again, so this is no loop.
    site = serve({"/gate": cookie_gate("seen=1; Path=/")})
    results = check_targets_sync([target(site.url("/gate"))], fast_options)
    assert [r.status for r in results] == [Verdict.OK], results[0].error
    assert site.stats.count("/gate") == 2


def test_a_page_that_sends_back_to_itself_whatever_the_cookie_is_a_loop(
    serve: Serve, fast_options: CheckOptions
) -> None:
    # The cookie is for another path, so it never comes back: the same request twice.
    site = serve({"/gate": cookie_gate("seen=1; Path=/elsewhere")})
    results = check_targets_sync([target(site.url("/gate"))], fast_options)
    assert [r.status for r in results] == [Verdict.ERROR]
    assert (results[0].error or "").startswith("redirect loop:")
    assert site.stats.count("/gate") == 1
