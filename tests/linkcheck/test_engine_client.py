"""The shared client: who we say we are, and the capped page fetch `dlnotes add` uses."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from importlib import metadata

import pytest

from dlnotes.linkcheck.checker import check_targets_sync
from dlnotes.linkcheck.client import FetchError, fetch_text
from dlnotes.linkcheck.options import DEFAULT_USER_AGENT, CheckOptions
from dlnotes.linkcheck.result import Verdict
from tests.linkcheck._engine import target
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import drip, endless, redirect, status


def test_requests_carry_our_user_agent(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/": status(200)})
    (result,) = check_targets_sync([target(server.url("/"))], fast_options)
    assert result.status is Verdict.OK
    agent = server.stats.headers["/"]["user-agent"]
    assert agent == DEFAULT_USER_AGENT
    assert agent.startswith(f"dlnotes/{metadata.version('dlnotes')} ") and "+https://" in agent


def test_user_agent_is_configurable(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/": status(200)})
    options = dataclasses.replace(fast_options, user_agent="Mozilla/5.0 (compatible; test)")
    check_targets_sync([target(server.url("/"))], options)
    assert server.stats.headers["/"]["user-agent"] == "Mozilla/5.0 (compatible; test)"


def test_fetch_text_follows_redirects_and_returns_the_page(
    serve: Serve, fast_options: CheckOptions
) -> None:
    page = "<html><head><title>Café notes</title></head></html>".encode()
    server = serve({"/old": redirect("/new"), "/new": status(200, page)})
    final, text = asyncio.run(fetch_text(server.url("/old"), fast_options, 10_000))
    assert final == server.url("/new")
    assert "<title>Café notes</title>" in text


def test_fetch_text_stops_at_the_byte_cap(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/feed": endless(prefix=b"<html><title>Endless</title>")})
    _, text = asyncio.run(fetch_text(server.url("/feed"), fast_options, 4096))
    assert len(text.encode()) <= 4096
    assert text.startswith("<html><title>Endless</title>")


def test_fetch_text_reports_failures(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/gone": status(410), "/a": redirect("/b"), "/b": redirect("/a")})
    with pytest.raises(FetchError, match="HTTP 410"):
        asyncio.run(fetch_text(server.url("/gone"), fast_options, 1000))
    with pytest.raises(FetchError, match="more than 2 redirects"):
        options = dataclasses.replace(fast_options, max_redirects=2)
        asyncio.run(fetch_text(server.url("/a"), options, 1000))
    with pytest.raises(FetchError, match="DNS: cannot resolve"):
        asyncio.run(fetch_text("http://nothing-here.invalid/", fast_options, 1000))


def test_fetch_text_is_bounded_by_the_timeout(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/slow": drip(rate=20, size=10_000)})
    options = dataclasses.replace(fast_options, timeout=0.4)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0\.4 s"):
        asyncio.run(fetch_text(server.url("/slow"), options, 1_000_000))
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    "location, error",
    [
        ("mailto:me@example.com", "redirect to a non-web URL"),
        ("http://example.com:99999/", "Port out of range"),
        ("http://[::1/x", "bad Location"),
    ],
)
def test_fetch_text_reports_a_redirect_it_cannot_follow(
    serve: Serve, fast_options: CheckOptions, location: str, error: str
) -> None:
    server = serve({"/odd": redirect(location)})
    with pytest.raises(FetchError, match=re.escape(error)):
        asyncio.run(fetch_text(server.url("/odd"), fast_options, 1000))
