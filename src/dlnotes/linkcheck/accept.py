"""Which status codes count as ok, for a fresh answer and for one the cache remembers.

Kept apart from `verdicts` so that reading the cache (every site build) does not load the HTTP
client.
"""

from __future__ import annotations

from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import GOOD, Verdict

LINKEDIN_WALL = 999


def is_accepted(code: int, options: CheckOptions) -> bool:
    return 200 <= code <= 299 or code in options.accept


def rejudged(verdict: Verdict, code: int | None, options: CheckOptions) -> Verdict | None:
    """What the codes accepted now make of a verdict given under other options (a cached one),
    or None when it stands: an "ok" for a code no longer accepted is broken, a failure for a code
    accepted now is ok. As `judge` would, from the code alone; bot walls stay blocked."""
    if code is None or 200 <= code <= 299 or code == LINKEDIN_WALL:
        return None  # 2xx is always accepted: a "broken" 200 is a missing fragment
    accepted = code in options.accept
    if verdict in GOOD:
        return None if accepted or code in (300, 304) else Verdict.BROKEN
    # A blocked 403 is a challenge page, blocked whatever is accepted; a blocked 429 is not.
    gave_up = verdict in (Verdict.BROKEN, Verdict.TIMEOUT) or (
        verdict is Verdict.BLOCKED and code == 429
    )
    return Verdict.OK if accepted and gave_up else None
