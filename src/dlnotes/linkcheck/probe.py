"""One attempt at one URL: HEAD (or GET), every redirect hop, and the few body bytes a verdict
needs. It reports what happened; `verdicts` decides what that means."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import ssl
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from enum import StrEnum

import httpx

from dlnotes.linkcheck.body import decoded_body
from dlnotes.linkcheck.client import (
    LOCATION,
    REDIRECT_CODES,
    CheckClient,
    describe_http_error,
    parsed_url,
    redirect_target,
)
from dlnotes.linkcheck.filter import plain_host
from dlnotes.linkcheck.fragments import AnchorFinder
from dlnotes.linkcheck.headers import headers_for
from dlnotes.linkcheck.hostpool import HostPool
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Hop
from dlnotes.linkcheck.safety import DnsFailure, PrivateAddressRefused

# Answers to HEAD that say more about the server's HEAD than about the page.
HEAD_FALLBACK_CODES = frozenset({400, 403, 404, 405, 501})
# Answers that say the server does not do HEAD at all ("method not allowed", "not
# implemented"): once a GET got past one, the host's other URLs go straight to GET.
HEAD_REFUSED_CODES = frozenset({405, 501})
# A bot wall's challenge page says so in its first few KiB.
CHALLENGE_MARKERS = (b"Just a moment...", b"cf-chl", b"challenge-platform", b"_cf_chl_opt")
CHALLENGE_SCAN_BYTES = 64 * 1024
CHALLENGE_CODES = frozenset({403, 429, 503})
# A body this short is read to its end to keep the connection, if it comes this quickly.
DRAIN_BYTES = 64 * 1024
DRAIN_SECONDS = 0.25


class Failure(StrEnum):
    """Why an attempt got no final answer."""

    TIMEOUT = "timeout"
    DNS = "dns"
    PRIVATE = "private"
    CONNECT = "connect"  # refused, unreachable
    TLS = "tls"
    RESET = "reset"  # the connection broke after it was made
    LOOP = "loop"
    TOO_MANY_REDIRECTS = "too-many-redirects"
    BAD_REDIRECT = "bad-redirect"
    UNEXPECTED = "unexpected"  # something below us raised what no verdict foresaw


@dataclass(frozen=True)
class Answer:
    """What one HTTP exchange said."""

    code: int
    location: str | None = None
    retry_after: str | None = None
    challenge: bool = False  # a bot wall's challenge marker was seen
    missing_fragments: tuple[str, ...] = ()
    html: bool = False
    cloudflare: bool = False  # served by Cloudflare: a 503 may be its challenge page


@dataclass
class Attempt:
    url: str  # the last URL requested: the final URL when there were redirects
    hops: list[Hop] = field(default_factory=list)
    answer: Answer | None = None
    failure: Failure | None = None
    message: str = ""


class AttemptFailed(Exception):
    def __init__(self, failure: Failure, message: str) -> None:
        super().__init__(message)
        self.failure = failure
        self.message = message


def host_of(url: str) -> str:
    # Asked for every request and every scheduling decision.
    host = plain_host(url)
    return host if host is not None else parsed_url(url).host


def _strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def _classify_error(exc: httpx.HTTPError) -> AttemptFailed:
    cause = exc.__cause__
    message = describe_http_error(exc)
    if isinstance(cause, PrivateAddressRefused):
        return AttemptFailed(Failure.PRIVATE, message)
    if isinstance(cause, DnsFailure):
        return AttemptFailed(Failure.DNS, message)
    if isinstance(exc, httpx.TimeoutException):
        return AttemptFailed(Failure.TIMEOUT, "timed out")
    if isinstance(exc, httpx.ConnectError):
        seen: BaseException | None = exc
        while seen is not None:
            if isinstance(seen, ssl.SSLError):
                return AttemptFailed(Failure.TLS, f"TLS: {seen}")
            seen = seen.__cause__ or seen.__context__
        return AttemptFailed(Failure.CONNECT, f"cannot connect: {message}")
    if isinstance(exc, httpx.TransportError):
        return AttemptFailed(Failure.RESET, message)
    return AttemptFailed(Failure.BAD_REDIRECT, f"invalid request: {message}")


class Prober:
    """Runs attempts through one client, taking a host slot for every single request."""

    def __init__(self, client: httpx.AsyncClient, pool: HostPool, options: CheckOptions) -> None:
        self._client = client
        self._pool = pool
        self._options = options
        self._no_head: set[str] = set()  # hosts that refused HEAD and answered GET

    async def attempt(
        self, url: str, fragments: Collection[str] = (), *, priority: int = 0
    ) -> Attempt:
        current = _strip_fragment(url)
        hops: list[Hop] = []
        seen = [(current, self._cookie_for(current))]
        for _ in range(self._options.max_redirects + 1):
            try:
                answer = await self._head_then_get(current, fragments, priority)
            except AttemptFailed as failed:
                return Attempt(current, hops, None, failed.failure, failed.message)
            except Exception as exc:
                # A server fed httpx (or the layers under it) what made it raise outside its
                # own errors, as a redirect to `mailto:` once did: that URL gets an error that
                # names it, and the run goes on with the others.
                message = f"unexpected {type(exc).__name__}: {exc}"
                return Attempt(current, hops, None, Failure.UNEXPECTED, message)
            if answer.code not in REDIRECT_CODES or answer.location is None:
                return Attempt(current, hops, answer)
            hops.append(Hop(current, answer.code))
            following = redirect_target(httpx.URL(current), answer.location)
            if isinstance(following, str):
                return Attempt(current, hops, answer, Failure.BAD_REDIRECT, following)
            current = _strip_fragment(str(following))
            # A loop is the same request twice: exact URLs, not normalised ones (`/a` -> `/a/`
            # is a redirect), and the same cookies (a page that sets one and sends the browser
            # back to itself lets it in the second time).
            request = (current, self._cookie_for(current))
            if request in seen:
                chain = " -> ".join([u for u, _ in seen[seen.index(request) :]] + [current])
                return Attempt(current, hops, answer, Failure.LOOP, f"redirect loop: {chain}")
            seen.append(request)
        message = f"more than {self._options.max_redirects} redirects"
        return Attempt(current, hops, None, Failure.TOO_MANY_REDIRECTS, message)

    def _cookie_for(self, url: str) -> str:
        """The Cookie header a request to `url` would carry from the client's jar."""
        jar = self._client.cookies
        if not jar:
            return ""
        request = httpx.Request("GET", url)
        jar.set_cookie_header(request)
        return str(request.headers.get("cookie", ""))

    async def _head_then_get(self, url: str, fragments: Collection[str], priority: int) -> Answer:
        try:
            host = host_of(url)
        except httpx.InvalidURL as exc:
            raise AttemptFailed(Failure.BAD_REDIRECT, f"invalid URL: {exc}") from exc
        if fragments or host in self._no_head:
            return await self._exchange("GET", url, host, fragments, priority)
        try:
            answer = await self._exchange("HEAD", url, host, (), priority)
        except AttemptFailed as failed:
            # A HEAD that broke the connection may be the server's HEAD handling; one that
            # timed out, did not resolve or was refused will fare no better as a GET.
            if failed.failure is not Failure.RESET:
                raise
            return await self._exchange("GET", url, host, (), priority)
        if answer.code in HEAD_FALLBACK_CODES or (answer.code == 503 and answer.cloudflare):
            got = await self._exchange("GET", url, host, (), priority)
            if answer.code in HEAD_REFUSED_CODES and got.code not in HEAD_REFUSED_CODES:
                # Half the requests to such a host, and no lesson it has to teach twice.
                self._no_head.add(host)
            return got
        return answer

    async def _exchange(
        self, method: str, url: str, host: str, fragments: Collection[str], priority: int
    ) -> Answer:
        send = functools.partial(self._send, method, url)
        race = _Race(send, host, priority, self._pool, self._options)
        try:
            # The wait for a slot (the host busy, or resting after a 429) is not the
            # request's: timed with it, a healthy page queued behind a long rest timed out.
            async with self._pool.slot(host, priority):
                try:
                    # The whole exchange, body included, within the timeout: httpx's own
                    # timeouts are per read, so a server dripping a byte a second would never
                    # trip them.
                    async with asyncio.timeout(self._options.timeout):
                        response = await race.first_response()
                        return await self._read(response, method, fragments)
                finally:
                    # Within the slot: a silent request still open counts on its host.
                    await race.close()
        except TimeoutError as exc:
            message = f"timed out after {self._options.timeout:g} s"
            if race.sent > 1:
                message += f" (after {race.sent} attempts)"
            raise AttemptFailed(Failure.TIMEOUT, message) from exc
        except httpx.HTTPError as exc:
            raise _classify_error(exc) from exc

    async def _send(self, method: str, url: str) -> httpx.Response:
        # Asked again at every hop: a header for one host does not follow a redirect away.
        extra = headers_for(url, self._options.header) if self._options.header else None
        if isinstance(self._client, CheckClient):
            return await self._client.send_bare(method, url, extra)
        request = self._client.build_request(method, url, headers=extra)
        return await self._client.send(request, stream=True)

    async def _read(
        self, response: httpx.Response, method: str, fragments: Collection[str]
    ) -> Answer:
        code = response.status_code
        headers = response.headers
        challenge = headers.get("cf-mitigated", "").lower() == "challenge"
        html = "html" in headers.get("content-type", "").lower()
        missing: tuple[str, ...] = ()
        try:
            if method == "GET" and code in CHALLENGE_CODES and not challenge:
                challenge = await _scan_for_challenge(response)
            elif method == "GET" and fragments and response.is_success and html:
                missing = await _find_anchors(response, fragments, self._options.max_body)
            else:
                await _drain_if_small(response)
        except httpx.DecodingError:
            # A body in a coding we did not ask for, or broken: the answer stands, and what
            # its body would have told (a challenge, the anchors) is left unjudged, as for
            # a page that is not HTML.
            pass
        return Answer(
            code=code,
            location=headers.get(LOCATION),
            retry_after=headers.get("retry-after"),
            challenge=challenge,
            missing_fragments=missing,
            html=html,
            cloudflare="cloudflare" in headers.get("server", "").lower(),
        )


class _Race:
    """One request, sent again while the first stays silent: the first outcome wins.

    Retrying a timeout after it expired would double the wait for a URL that never answers
    (the longest path of a run); sending the retry alongside keeps the wait at one timeout and
    still gets past a stuck connection. The first send goes out on the caller's host slot; a
    spare takes a slot of its own, and only when its host has one free: it never delays
    another URL's request.

    Thousands of requests go through here and almost none needs a spare, so the first send
    runs in the caller's own task: a task of its own, with the events and waits to hand its
    answer back, cost several more turns of a busy event loop for every request (the
    bench's 2,000 links took about 0.8 s longer). A spare that answers first interrupts
    the caller's send by cancelling it, and the caller takes the spare's answer instead."""

    def __init__(
        self,
        send: Callable[[], Awaitable[httpx.Response]],
        host: str,
        priority: int,
        pool: HostPool,
        options: CheckOptions,
    ) -> None:
        self._send_once = send
        self._host = host
        self._priority = priority
        self._pool = pool
        self._loop = asyncio.get_running_loop()
        self._first: asyncio.Future[httpx.Response] = self._loop.create_future()
        self._caller: asyncio.Task[object] | None = None
        self._caller_sending = False  # the caller is inside its own send
        self._interrupted = False  # a spare cancelled the caller's send
        self._spares_sent: list[asyncio.Task[None]] = []
        self._spares = max(0, options.retries)
        self._gap = options.timeout / (self._spares + 1)
        self._timer: asyncio.TimerHandle | None = None
        self._closed: asyncio.Event | None = None  # a spare that won holds its slot till then
        self.sent = 1

    async def first_response(self) -> httpx.Response:
        """Send on the caller's slot, in the caller's task; the first outcome of any send."""
        self._caller = asyncio.current_task()
        if self._spares:
            self._timer = self._loop.call_later(self._gap, self._spare_due)
        self._caller_sending = True
        try:
            response = await self._send_once()
        except asyncio.CancelledError:
            # Not a spare's doing, or cancelled for another reason as well (a timeout, the
            # run ending): the cancellation goes on up.
            if not self._interrupted or self._take_back_interruption() > 0:
                raise
            return await self._first  # done: the spare's outcome
        except Exception as exc:
            if self._spare_came_first():
                return await self._first
            self._first.set_exception(exc)
            raise
        finally:
            self._caller_sending = False
        if self._spare_came_first():
            await _close_quietly(response)
            return await self._first
        self._first.set_result(response)
        return response

    def _spare_came_first(self) -> bool:
        """Whether a spare's outcome is in, now that the caller's own send has ended without
        taking the spare's cancellation (a layer below swallowed it: it is taken back)."""
        if self._interrupted:
            self._take_back_interruption()
        return self._first.done()

    def _spare_due(self) -> None:
        if self._first.done():
            return
        if self._pool.has_free_slot(self._host):
            if self._closed is None:
                self._closed = asyncio.Event()
            self.sent += 1
            self._spares_sent.append(asyncio.create_task(self._send_spare(self._closed)))
            self._spares -= 1
        if self._spares:
            self._timer = self._loop.call_later(self._gap, self._spare_due)

    async def _send_spare(self, closed: asyncio.Event) -> None:
        async with self._pool.slot(self._host, self._priority):
            try:
                response = await self._send_once()
            except Exception as exc:
                if not self._first.done():
                    self._first.set_exception(exc)
                    self._interrupt()
                return
            if self._first.done():
                await _close_quietly(response)  # another send answered first
                return
            self._first.set_result(response)
            self._interrupt()
            # The slot stays taken while the caller reads the body: the request is still in
            # flight on the host.
            await closed.wait()

    def _interrupt(self) -> None:
        """Stop the caller's own send, still silent, so that it takes this spare's outcome."""
        if self._caller_sending and self._caller is not None:
            self._interrupted = True
            self._caller.cancel()

    def _take_back_interruption(self) -> int:
        """Undo `_interrupt`'s cancellation; how many others the caller still has."""
        self._interrupted = False
        assert self._caller is not None
        return self._caller.uncancel()

    async def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._first.done() and not self._first.cancelled():
            if self._first.exception() is None:  # seen, even when a timeout won over it
                await _close_quietly(self._first.result())
        else:
            self._first.cancel()
        if self._closed is not None:
            self._closed.set()
        # Spares still silent (their connections close), and one that won (its slot goes).
        running = [task for task in self._spares_sent if not task.done()]
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


async def _close_quietly(response: httpx.Response) -> None:
    # The answer is known: a connection that breaks as it closes changes nothing.
    with contextlib.suppress(Exception):
        await response.aclose()


async def _drain_if_small(response: httpx.Response) -> None:
    """Read a short body to its end, so that the connection goes back to the pool; leave a
    long, endless or slow one unread: closing the response then drops the connection, which is
    what makes a 10 GB body or an endless stream cost nothing."""
    head = response.request.method == "HEAD"
    length = response.headers.get("content-length", "")
    if not head and not (length.isdigit() and int(length) <= DRAIN_BYTES):
        return
    try:
        # A HEAD answer has no body whatever its headers say: its reading ends at once, with
        # no wait to time (and no timer to set, for most of a run's requests).
        async with asyncio.timeout(None if head else DRAIN_SECONDS):
            async for _ in response.aiter_raw():
                pass
    except TimeoutError:
        pass  # a drip: not worth the connection


async def _scan_for_challenge(response: httpx.Response) -> bool:
    seen = b""
    async for chunk in decoded_body(response, CHALLENGE_SCAN_BYTES):
        seen += chunk
        if any(marker in seen for marker in CHALLENGE_MARKERS):
            return True
    return False


async def _find_anchors(
    response: httpx.Response, fragments: Collection[str], max_body: int
) -> tuple[str, ...]:
    finder = AnchorFinder(fragments, response.charset_encoding or "utf-8")
    async for chunk in decoded_body(response, max_body):
        if finder.feed_bytes(chunk):
            break
    return tuple(finder.missing)
