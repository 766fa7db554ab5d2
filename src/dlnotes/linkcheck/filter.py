"""What is decided before any request: excluded, not a web URL, or not a URL at all."""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
from urllib.parse import urlsplit

from dlnotes.linkcheck.options import CheckOptions, Target
from dlnotes.linkcheck.result import CheckResult, Verdict

WEB_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# A pragmatic addr-spec: something@domain.tld, no spaces, one @.
_MAIL_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_WHITESPACE = re.compile(r"\s")
# A lower-case ASCII host name whose last label is not all digits (so not IPv4-like): one that
# httpx takes as it is, without IDNA or an address to validate.
_PLAIN_HOST = re.compile(r"(?:[a-z0-9-]+\.)*[a-z0-9-]*[a-z-][a-z0-9-]*")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_MAX_URL_LENGTH = 65536  # httpx's limit


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def _result(target: Target, verdict: Verdict, error: str | None) -> CheckResult:
    return CheckResult(
        url=target.key,
        status=verdict,
        error=error,
        sources=list(target.sources),
        checked_at=dt.datetime.now(dt.UTC),
    )


def prefilter(target: Target, options: CheckOptions) -> CheckResult | None:
    """A result for a URL that needs no request, or None when it must be checked."""
    url = target.url.strip()
    candidates = (url, target.key)
    for pattern in _compiled(options.exclude):
        if any(pattern.search(candidate) for candidate in candidates):
            return _result(target, Verdict.SKIPPED, f"excluded by {pattern.pattern!r}")
    included = _compiled(options.include)
    if included and not any(p.search(c) for p in included for c in candidates):
        return _result(target, Verdict.SKIPPED, "not matched by any include pattern")

    match = _SCHEME.match(url)
    if match is None:
        return _result(target, Verdict.ERROR, f"malformed URL (no scheme): {url!r}")
    scheme = match.group(1).lower()
    if scheme == "mailto":
        return _check_mailto(target, url[match.end() :])
    if scheme not in WEB_SCHEMES:
        return _result(target, Verdict.SKIPPED, f"{scheme}: URLs are not checked")
    problem = web_url_problem(url)
    if problem is not None:
        return _result(target, Verdict.ERROR, f"malformed URL ({problem}): {url!r}")
    return None


def _check_mailto(target: Target, rest: str) -> CheckResult:
    address = rest.split("?", 1)[0]
    addresses = [part.strip() for part in address.split(",") if part.strip()]
    if addresses and all(_MAIL_ADDRESS.match(item) for item in addresses):
        return _result(target, Verdict.OK, None)
    return _result(target, Verdict.BROKEN, f"malformed mail address: {address!r}")


def web_url_problem(url: str) -> str | None:
    """Why an http(s) URL cannot be requested (a port out of range, no host...), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is what raises for a bad one
    except ValueError as exc:
        return str(exc)
    if not url[len(parts.scheme) + 1 :].startswith("//"):
        return "no //host"
    host = parts.hostname or ""
    if not host:
        return "no host"
    if _WHITESPACE.search(parts.netloc):
        return "space in the host"
    if _plainly_valid(url, host):
        return None
    # Here, not at the top: a check that the cache answers whole never loads httpx.
    import httpx

    try:
        # Unicode hosts are checked under their IDNA (punycode) name; httpx encodes them, and
        # rejects the ones that have no such name.
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        return str(exc)
    return None


def plain_host(url: str) -> str | None:
    """The host httpx would give a plainly valid `url` (see `_plainly_valid`), told without
    building an httpx.URL; None for any other URL, and for IDNA (`xn--`) hosts, which httpx
    gives decoded. A run asks each URL's host before its first request, and parsing 1,800
    URLs with httpx held those requests back by a twentieth of a second."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if host is None or "xn--" in host or not _plainly_valid(url, host):
        return None
    return host


def _plainly_valid(url: str, host: str) -> bool:
    """A URL httpx would accept, told without building one: printable ASCII, not too long, a
    plain host name or IPv4 address. Most links are; asking httpx took most of a cold offline
    check's time."""
    return (
        len(url) <= _MAX_URL_LENGTH
        and url.isascii()
        and url.isprintable()
        and (_PLAIN_HOST.fullmatch(host) is not None or _is_ipv4(host))
    )


@functools.lru_cache(maxsize=1024)  # a run asks it of every URL; hosts repeat
def _is_ipv4(host: str) -> bool:
    """An IPv4 address as httpx reads one (which refuses `999.1.1.1` and `01.2.3.4`)."""
    if _IPV4.fullmatch(host) is None:
        return False
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True
