"""What a check says of one URL: the verdict and everything a report needs to show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from dlnotes.model import Location


class Verdict(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"  # a permanent redirect: the note should point at final_url
    BROKEN = "broken"  # 404, 410, other 4xx; 5xx after retries
    TIMEOUT = "timeout"
    ERROR = "error"  # DNS failure, refused, reset, TLS, redirect loop
    BLOCKED = "blocked"  # bot walls: could not verify, never broken
    SKIPPED = "skipped"  # excluded, non-http scheme, private address


FAILING = frozenset({Verdict.BROKEN, Verdict.TIMEOUT, Verdict.ERROR})
GOOD = frozenset({Verdict.OK, Verdict.REDIRECTED})  # the page is there


class Health(StrEnum):
    """The policy's reading of a URL's history, on top of the latest verdict."""

    HEALTHY = "healthy"
    FLAKY = "flaky"  # failed, but not long or often enough to be dead
    DEAD = "dead"  # failed N times in a row over at least D days
    UNKNOWN = "unknown"  # blocked or skipped: nothing to judge


@dataclass(frozen=True)
class Hop:
    url: str
    code: int


@dataclass
class CheckResult:
    """One distinct (normalised) URL's verdict, with every place in the notes that holds it."""

    url: str  # normalised URL, the identity
    status: Verdict
    code: int | None = None
    final_url: str | None = None
    redirects: list[Hop] = field(default_factory=list)
    error: str | None = None
    sources: list[Location] = field(default_factory=list)
    checked_at: dt.datetime | None = None
    from_cache: bool = False
    archive_url: str | None = None
    health: Health = Health.UNKNOWN
    first_failure: dt.datetime | None = None
    consecutive_failures: int = 0
    last_ok: dt.datetime | None = None

    @property
    def streak(self) -> int:
        """A failing result's failures in a row, this one included. A failure the cache has not
        counted (a URL refused before any request, as one with a port past 65535) is one."""
        return max(self.consecutive_failures, 1)
