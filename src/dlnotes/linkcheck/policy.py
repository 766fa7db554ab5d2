"""The policy: what a URL's history means (healthy, flaky, dead) and what fails the run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from dlnotes.linkcheck.result import FAILING, GOOD, CheckResult, Health, Verdict

# A new link in a pull request fails the check when it is plainly wrong; a timeout may be the
# site's bad minute, so it is reported but left to the history.
NEW_LINK_FAILS = frozenset({Verdict.BROKEN, Verdict.ERROR})


@dataclass(frozen=True)
class Policy:
    """A link is `dead` after `dead_after` consecutive failures spanning at least `dead_days`."""

    dead_after: int = 3
    dead_days: float = 7.0

    def __post_init__(self) -> None:
        if self.dead_after < 1:
            raise ValueError("dead_after must be at least 1")
        if self.dead_days < 0:
            raise ValueError("dead_days must not be negative")

    def health(self, result: CheckResult, now: dt.datetime | None = None) -> Health:
        """Read the result's failure streak (filled in from the cache)."""
        if result.status in GOOD:
            return Health.HEALTHY
        if result.status not in FAILING:
            return Health.UNKNOWN  # blocked or skipped: nothing to judge
        failures = result.streak
        first = result.first_failure
        last = result.checked_at or now
        if failures < self.dead_after or first is None or last is None:
            return Health.FLAKY
        return Health.DEAD if last - first >= dt.timedelta(days=self.dead_days) else Health.FLAKY

    def is_fatal(self, result: CheckResult, *, new_urls: Collection[str] | None = None) -> bool:
        """Whether this result fails the run: dead per policy, or (when `new_urls` is given, the
        changed-since mode) a new link that is broken."""
        if result.health is Health.DEAD:
            return True
        return new_urls is not None and result.url in new_urls and result.status in NEW_LINK_FAILS
