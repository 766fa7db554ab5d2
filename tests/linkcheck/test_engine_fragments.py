"""`--check-fragments`: the page must hold the anchor; only as much body as that needs."""

from __future__ import annotations

import dataclasses

import pytest

from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from tests.linkcheck._engine import check, check_one
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import endless, status

PAGE = (
    b"<html><body><h2 id='install'>Install</h2><a name='legacy'></a>"
    b"<h2 id='user-content-usage'>Usage</h2><h2 id='caf%C3%A9'>x</h2><p id='\xc3\xa9t\xc3\xa9'>"
    b"</body></html>"
)


@pytest.fixture
def options(fast_options: CheckOptions) -> CheckOptions:
    return dataclasses.replace(fast_options, check_fragments=True)


@pytest.mark.parametrize("fragment", ["install", "legacy", "usage", "%C3%A9t%C3%A9", "top", ""])
def test_fragment_present(serve: Serve, options: CheckOptions, fragment: str) -> None:
    server = serve({"/doc": status(200, PAGE)})
    result = check_one(server.url(f"/doc#{fragment}"), options)
    assert result.status is Verdict.OK, result.error


def test_fragment_missing_is_broken(serve: Serve, options: CheckOptions) -> None:
    server = serve({"/doc": status(200, PAGE)})
    result = check_one(server.url("/doc#nowhere"), options)
    assert (result.status, result.code) == (Verdict.BROKEN, 200)
    assert result.error == "fragment not found: #nowhere"
    assert [m for m, _, _ in server.stats.requests] == ["GET"]  # the body is needed: no HEAD


def test_fragments_not_checked_unless_asked(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/doc": status(200, PAGE)})
    assert check_one(server.url("/doc#nowhere"), fast_options).status is Verdict.OK
    assert [m for m, _, _ in server.stats.requests] == ["HEAD"]


def test_fragment_in_an_endless_page_stops_the_read(serve: Serve, options: CheckOptions) -> None:
    server = serve({"/feed": endless(prefix=b"<html><body><div id='top-story'>")})
    assert check_one(server.url("/feed#top-story"), options).status is Verdict.OK


def test_anchor_past_max_body_is_not_found(serve: Serve, options: CheckOptions) -> None:
    body = b"<html><body>" + b"<p>filler</p>" * 20_000 + b"<h2 id='late'>x</h2>"
    server = serve({"/long": status(200, body)})
    small = dataclasses.replace(options, max_body=64 * 1024)
    assert check_one(server.url("/long#late"), small).status is Verdict.BROKEN
    assert check_one(server.url("/long#late"), options).status is Verdict.OK  # within 1 MiB


def test_non_html_fragments_are_not_judged(serve: Serve, options: CheckOptions) -> None:
    server = serve({"/paper.pdf": status(200, b"%PDF-1.7", {"Content-Type": "application/pdf"})})
    assert check_one(server.url("/paper.pdf#page=3"), options).status is Verdict.OK


def test_several_fragments_of_one_page_share_one_request(
    serve: Serve, options: CheckOptions
) -> None:
    server = serve({"/doc": status(200, PAGE)})
    (result,) = check([server.url("/doc#install"), server.url("/doc#gone")], options)
    assert result.status is Verdict.BROKEN
    assert result.error == "fragment not found: #gone"
    assert len(result.sources) == 2
    assert server.stats.count("/doc") == 1
