"""The policy reads a failure streak: flaky after one failure, dead after N over D days."""

from __future__ import annotations

import datetime as dt

import pytest

from dlnotes.linkcheck.policy import Policy
from dlnotes.linkcheck.result import CheckResult, Health, Verdict

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def failing(count: int, days: float, status: Verdict = Verdict.BROKEN) -> CheckResult:
    return CheckResult(
        url="https://a.test/",
        status=status,
        consecutive_failures=count,
        first_failure=T0,
        checked_at=T0 + dt.timedelta(days=days),
    )


@pytest.mark.parametrize(
    ("count", "days", "health"),
    [
        (1, 0, Health.FLAKY),
        (2, 10, Health.FLAKY),  # long enough, not often enough
        (5, 6.9, Health.FLAKY),  # often enough, not long enough
        (3, 7, Health.DEAD),
        (9, 30, Health.DEAD),
    ],
)
def test_dead_needs_both_the_count_and_the_span(count: int, days: float, health: Health) -> None:
    assert Policy(dead_after=3, dead_days=7).health(failing(count, days)) is health


@pytest.mark.parametrize("status", [Verdict.BROKEN, Verdict.TIMEOUT, Verdict.ERROR])
def test_every_failing_verdict_counts(status: Verdict) -> None:
    assert Policy(dead_after=1, dead_days=0).health(failing(1, 0, status)) is Health.DEAD


@pytest.mark.parametrize(
    ("status", "health"),
    [
        (Verdict.OK, Health.HEALTHY),
        (Verdict.REDIRECTED, Health.HEALTHY),
        (Verdict.BLOCKED, Health.UNKNOWN),
        (Verdict.SKIPPED, Health.UNKNOWN),
    ],
)
def test_what_is_not_a_failure(status: Verdict, health: Health) -> None:
    result = CheckResult(url="https://a.test/", status=status, consecutive_failures=9)
    assert Policy().health(result) is health


def test_only_dead_links_or_new_broken_ones_are_fatal() -> None:
    policy = Policy()
    dead = failing(5, 10)
    dead.health = policy.health(dead)
    flaky = failing(1, 0)
    flaky.health = policy.health(flaky)
    blocked = CheckResult(url="https://b.test/", status=Verdict.BLOCKED, code=999)
    timeout = CheckResult(url="https://c.test/", status=Verdict.TIMEOUT)
    assert policy.is_fatal(dead) and not policy.is_fatal(flaky)
    assert not policy.is_fatal(blocked, new_urls={blocked.url})
    assert policy.is_fatal(flaky, new_urls={flaky.url})  # new and broken: the PR's doing
    assert not policy.is_fatal(flaky, new_urls=set())  # broken but old: flaky, reported
    assert not policy.is_fatal(timeout, new_urls={timeout.url})  # a bad minute, not a bad link


def test_nonsense_thresholds_are_refused() -> None:
    with pytest.raises(ValueError, match="dead_after"):
        Policy(dead_after=0)
    with pytest.raises(ValueError, match="dead_days"):
        Policy(dead_days=-1)
