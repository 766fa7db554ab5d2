"""Decided before any request: exclusions, schemes, malformed URLs, mail addresses."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

import httpx
import pytest

from dlnotes.linkcheck.filter import _plainly_valid, plain_host, prefilter
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from tests.linkcheck._engine import check_one, target
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import status

OPTIONS = CheckOptions()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https;//x", "malformed URL (no scheme): 'https;//x'"),
        ("http://[::1", "malformed URL (Invalid IPv6 URL): 'http://[::1'"),
        ("http://exa mple.com/", "malformed URL (space in the host): 'http://exa mple.com/'"),
        ("http:example.com", "malformed URL (no //host): 'http:example.com'"),
        ("https://", "malformed URL (no host): 'https://'"),
        (
            "http://example.com:99999/",
            "malformed URL (Port out of range 0-65535): 'http://example.com:99999/'",
        ),
        ("www.example.com/page", "malformed URL (no scheme): 'www.example.com/page'"),
    ],
)
def test_malformed_urls_are_errors_with_a_clear_message(url: str, message: str) -> None:
    result = prefilter(target(url), OPTIONS)
    assert result is not None
    assert (result.status, result.error) == (Verdict.ERROR, message)
    assert result.sources and result.checked_at is not None


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://ftp.example.com/x", "tel:+4412345", "javascript:alert(1)"]
)
def test_other_schemes_are_skipped(url: str) -> None:
    result = prefilter(target(url), OPTIONS)
    assert result is not None and result.status is Verdict.SKIPPED
    assert result.error is not None and result.error.endswith("URLs are not checked")


@pytest.mark.parametrize(
    ("url", "verdict"),
    [
        ("mailto:someone@example.com", Verdict.OK),
        ("mailto:a@example.com,b@example.org?subject=Hi", Verdict.OK),
        ("MAILTO:Someone.Else+tag@sub.example.co.uk", Verdict.OK),
        ("mailto:someone", Verdict.BROKEN),
        ("mailto:someone@localhost", Verdict.BROKEN),
        ("mailto:some one@example.com", Verdict.BROKEN),
        ("mailto:", Verdict.BROKEN),
    ],
)
def test_mailto_is_checked_for_syntax_only(url: str, verdict: Verdict) -> None:
    result = prefilter(target(url), OPTIONS)
    assert result is not None and result.status is verdict


def test_web_urls_pass_on_to_the_check() -> None:
    assert prefilter(target("https://example.com/a b?q=1#x"), OPTIONS) is None
    assert prefilter(target("http://bücher.example/"), OPTIONS) is None


def test_exclude_and_include() -> None:
    options = dataclasses.replace(OPTIONS, exclude=(r"linkedin\.com",), include=(r"^https://",))
    excluded = prefilter(target("https://www.linkedin.com/in/x"), options)
    assert excluded is not None and excluded.status is Verdict.SKIPPED
    assert excluded.error == "excluded by 'linkedin\\\\.com'"
    outside = prefilter(target("http://example.com/"), options)
    assert outside is not None and outside.error == "not matched by any include pattern"
    assert prefilter(target("https://example.com/"), options) is None


def test_unicode_host_is_checked_under_its_idna_name(fast_options: CheckOptions) -> None:
    result = check_one("http://bücher.invalid/", fast_options)
    assert result.status is Verdict.ERROR
    assert result.error == "DNS: cannot resolve xn--bcher-kva.invalid"


def test_space_in_a_path_is_sent_encoded(serve: Serve, fast_options: CheckOptions) -> None:
    server = serve({"/my%20file.pdf": status(200)})
    assert check_one(server.url("/my file.pdf"), fast_options).status is Verdict.OK


PLAINLY_VALID = [
    "https://example.com/a b?q=1#x",
    "http://sub.example-site.co.uk:8080/path?x=1",
    "https://user:pw@example.com/",
    "https://example.com/%zz/{}|\\^`",
    "http://-leading-dash.example/",
    "http://xn--bcher-kva.example/",
    "http://localhost/",
    "http://1.2.3.4a/",
    "http://1.2.3.4/",
    "http://127.0.2.50:8080/ok/1-2",
    "HTTP://User@Example.COM:8080/x",
]
LEFT_TO_HTTPX = [
    "http://999.1.1.1/",
    "http://01.2.3.4/",
    "http://1.2.3/",
    "http://[::1]/",
    "http://bücher.example/",
    "http://example.com/\tx",
    "http://example.com/é",
    "http://exa_mple.com/",
    "http://" + "a" * 70000 + ".com/",
]


@pytest.mark.parametrize("url", PLAINLY_VALID)
def test_plainly_valid_urls_are_valid_to_httpx(url: str) -> None:
    # The short way past httpx must only take URLs that httpx itself accepts.
    assert _plainly_valid(url, urlsplit(url).hostname or "")
    httpx.URL(url)
    assert prefilter(target(url), OPTIONS) is None


@pytest.mark.parametrize("url", PLAINLY_VALID)
def test_a_plain_host_is_the_one_httpx_gives(url: str) -> None:
    # The scheduler groups URLs by `plain_host` and connects by httpx's host: one host must
    # not become two pools. httpx gives an IDNA host decoded, so that one is left to it.
    if "xn--" in url:
        assert plain_host(url) is None
    else:
        assert plain_host(url) == httpx.URL(url).host


@pytest.mark.parametrize("url", LEFT_TO_HTTPX)
def test_hosts_httpx_reads_otherwise_are_left_to_it(url: str) -> None:
    assert plain_host(url) is None


@pytest.mark.parametrize("url", LEFT_TO_HTTPX)
def test_other_urls_are_left_to_httpx(url: str) -> None:
    assert not _plainly_valid(url, urlsplit(url).hostname or "")
