"""What a link check is asked to do: the run's settings and the URLs it is given."""

from __future__ import annotations

from dataclasses import dataclass, field

from dlnotes import __version__
from dlnotes.linkcheck.headers import HeaderRule, rules_digest
from dlnotes.model import Location

# Some sites answer 403 to agents they do not know: say who we are and where to read about us.
DEFAULT_USER_AGENT = f"dlnotes/{__version__} (link checker; +https://github.com/OWNER/dlnotes)"

MIB = 1024 * 1024


@dataclass(frozen=True)
class CheckOptions:
    concurrency: int = 64  # requests in flight over all hosts
    per_host: int = 4  # requests in flight on one host
    timeout: float = 20.0  # seconds; bounds a whole request, body included
    retries: int = 2  # further attempts after a retryable failure
    include: tuple[str, ...] = ()  # regexes: when given, only matching URLs are checked
    exclude: tuple[str, ...] = ()  # regexes: matching URLs are skipped
    accept: frozenset[int] = frozenset()  # codes counted as ok besides 2xx
    allow_private: bool = False  # lift the SSRF guard (tests, intranets)
    check_fragments: bool = False  # `#section` must name an id/name in the HTML page
    user_agent: str = DEFAULT_USER_AGENT
    max_redirects: int = 10
    retry_after_cap: float = 60.0  # seconds; the longest Retry-After we honour
    max_body: int = MIB  # bytes of a body read at most (fragment checks, bot-wall markers)
    backoff: float = 0.5  # seconds; first retry delay, doubled each attempt, with jitter
    # Private networks checked anyway while the guard stays on for the rest (a home lab's
    # 10.0.0.0/8, say). CIDR strings.
    allow_networks: tuple[str, ...] = field(default=())
    header: tuple[HeaderRule, ...] = ()  # extra request headers, see dlnotes.linkcheck.headers

    @property
    def identity(self) -> str:
        """Who the requests say we are: the User-Agent, and the extra headers if any. A site
        that refused one identity may let another in (see the cache's `asked` table)."""
        if not self.header:
            return self.user_agent
        return f"{self.user_agent} +headers:{rules_digest(self.header)}"


@dataclass(frozen=True)
class Target:
    """One URL to check: its identity, the URL as written (what is requested) and its places."""

    key: str  # dlnotes.urls.normalize_url(url)
    url: str
    sources: tuple[Location, ...] = ()
