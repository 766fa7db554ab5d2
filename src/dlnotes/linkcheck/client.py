"""The HTTP client every dlnotes request goes through: our User-Agent, the SSRF guard, a pool
per host sized by us, and a capped text fetch for callers that want a page (titles)."""

from __future__ import annotations

import functools
import ssl
from asyncio import timeout as asyncio_timeout

import httpcore
import httpx
from httpx._exceptions import request_context

from dlnotes.linkcheck.body import decoded_body
from dlnotes.linkcheck.filter import web_url_problem
from dlnotes.linkcheck.headers import headers_for
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.safety import GuardedBackend, Resolver, parse_networks
from dlnotes.linkcheck.transport import PerOriginTransport

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Where a response keeps its redirect's Location once `_hold_location` has moved it.
LOCATION = "x-dlnotes-location"


class FetchError(Exception):
    """A page could not be fetched; the message says why in one line."""


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle takes a tenth of a second: once per process is enough.
    return httpx.create_ssl_context()


@functools.lru_cache(maxsize=8192)
def parsed_url(url: str) -> httpx.URL:
    """`httpx.URL(url)`, parsed once: a check asks for each URL's host, then sends to it (and
    a parse is 30 us, twice what the request made from it costs)."""
    return httpx.URL(url)


class CheckClient(httpx.AsyncClient):
    """The AsyncClient of link checks, with a shorter way to send one request.

    A checker sends thousands of bare HEADs and GETs; `send` puts each through layers it has
    no use for (auth, redirect handling it has turned off, event hooks, a cookie jar walked for
    every answer), and on a slow machine those layers were a fifth of a run's CPU. `send_bare`
    keeps what the answer depends on: the client's headers, timeouts and transport, and its
    cookies, read and stored only when there are any."""

    def __init__(
        self, *, transport: httpx.AsyncBaseTransport, headers: dict[str, str], timeout: float
    ) -> None:
        super().__init__(
            transport=transport,
            headers=headers,
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            trust_env=False,  # a proxy from the environment would connect past the guard
            event_hooks={"response": [_hold_location]},
        )
        self._bare_transport = transport
        self._bare_timeout = self.timeout.as_dict()

    async def send_bare(
        self, method: str, url: str, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """`send(build_request(method, url, headers=headers), stream=True)`, in fewer steps."""
        merged = self.headers
        if headers:
            merged = merged.copy()
            merged.update(headers)
        request = httpx.Request(
            method, parsed_url(url), headers=merged, extensions={"timeout": self._bare_timeout}
        )
        if self.cookies:
            self.cookies.set_cookie_header(request)
        with request_context(request=request):
            response = await self._bare_transport.handle_async_request(request)
        response.request = request
        if "set-cookie" in response.headers:
            self.cookies.extract_cookies(response)
        _move_location(response)
        return response


def make_client(options: CheckOptions, *, resolve: Resolver | None = None) -> httpx.AsyncClient:
    """An AsyncClient for link checks; redirects are not followed (callers record each hop)."""
    backend = GuardedBackend(
        guard=not options.allow_private,
        allowed=parse_networks(options.allow_networks),
        resolve=resolve,
    )
    # The scheduler bounds requests in flight per host; the pools only keep connections open.
    # A few more than per_host, for redirect hops between two origins of one host.
    transport = PerOriginTransport(
        backend=backend, ssl_context=_ssl_context(), per_origin=options.per_host + 2
    )
    return CheckClient(
        transport=transport,
        headers={"User-Agent": options.user_agent, "Accept": "*/*"},
        timeout=options.timeout,
    )


async def _hold_location(response: httpx.Response) -> None:
    _move_location(response)


def _move_location(response: httpx.Response) -> None:
    """Move a redirect's Location out of httpx's sight. We follow redirects ourselves, a hop at
    a time, yet httpx builds the next request from a Location even when it does not follow,
    and for one it cannot build (`mailto:…`, `javascript:…`, a port past 65535) it raises
    httpx.InvalidURL, which is no httpx.HTTPError: one such redirect ended the whole run."""
    location = response.headers.pop("location", None)
    if location is not None:
        response.headers[LOCATION] = location


async def fetch_text(
    url: str,
    options: CheckOptions,
    max_bytes: int,
    *,
    client: httpx.AsyncClient | None = None,
) -> tuple[str, str]:
    """The final URL and up to `max_bytes` of the text at `url`, following redirects up to
    `options.max_redirects` under the SSRF guard, within `options.timeout` in all.

    Raises FetchError for anything but a 2xx page."""
    own = client is None
    active = client or make_client(options)
    try:
        async with asyncio_timeout(options.timeout):
            return await _fetch(active, url, options, max_bytes)
    except TimeoutError as exc:
        raise FetchError(f"timed out after {options.timeout:g} s: {url}") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{describe_http_error(exc)}: {url}") from exc
    finally:
        if own:
            await active.aclose()


async def _fetch(
    client: httpx.AsyncClient, url: str, options: CheckOptions, max_bytes: int
) -> tuple[str, str]:
    current = url
    for _ in range(options.max_redirects + 1):
        extra = headers_for(current, options.header)
        request = client.build_request("GET", current, headers=extra)
        response = await client.send(request, stream=True)
        try:
            location = response.headers.get(LOCATION)
            if response.status_code in REDIRECT_CODES and location is not None:
                following = redirect_target(response.url, location)
                if isinstance(following, str):
                    raise FetchError(f"{following}: {url}")
                current = str(following)
                continue
            if not response.is_success:
                raise FetchError(f"HTTP {response.status_code}: {current}")
            body = bytearray()
            async for chunk in decoded_body(response, max_bytes):
                body += chunk
            encoding = response.charset_encoding or "utf-8"
            return str(response.url), bytes(body).decode(encoding, errors="replace")
        finally:
            await response.aclose()
    raise FetchError(f"more than {options.max_redirects} redirects: {url}")


def redirect_target(base: httpx.URL, location: str) -> httpx.URL | str:
    """Where a redirect's `location` leads from `base`, or why it cannot be followed."""
    try:
        following = base.join(location)
    except httpx.InvalidURL as exc:
        return f"bad Location {location!r}: {exc}"
    if following.scheme not in ("http", "https"):
        return f"redirect to a non-web URL: {following}"
    # httpx takes a port past 65535 and leaves the socket to raise OverflowError.
    problem = web_url_problem(str(following))
    return following if problem is None else f"bad Location {location!r}: {problem}"


def describe_http_error(exc: httpx.HTTPError) -> str:
    """One line for a transport failure; the guard's and DNS messages are kept as they are."""
    cause = exc.__cause__
    if isinstance(cause, httpcore.ConnectError) and str(cause):
        return str(cause)
    text = str(exc) or _QUIET_ERRORS.get(type(exc), type(exc).__name__)
    return text.splitlines()[0]


# httpx errors that arrive without a message: the socket said only that it broke.
_QUIET_ERRORS: dict[type[Exception], str] = {
    httpx.ReadError: "connection reset",
    httpx.WriteError: "connection reset while sending",
    httpx.ConnectError: "connection failed",
}
