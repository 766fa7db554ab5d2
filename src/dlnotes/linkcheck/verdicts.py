"""What an attempt means: a verdict, or another attempt after a wait."""

from __future__ import annotations

from dataclasses import dataclass

from dlnotes.linkcheck.accept import LINKEDIN_WALL, is_accepted
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.probe import Attempt, Failure
from dlnotes.linkcheck.result import Verdict
from dlnotes.linkcheck.retry import is_retryable_code, parse_retry_after

PERMANENT_REDIRECTS = frozenset({301, 308})

_FAILURE_VERDICTS = {
    Failure.TIMEOUT: Verdict.TIMEOUT,
    Failure.PRIVATE: Verdict.SKIPPED,
}
# A timeout is not among them: its retries were sent while it waited (see probe._Race).
_RETRYABLE_FAILURES = frozenset({Failure.RESET})


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    code: int | None = None
    error: str | None = None
    retry: bool = False  # worth another attempt, if any are left
    wait: float | None = None  # seconds before the next attempt; None: backoff with jitter
    slow_host: bool = False  # a 429 without Retry-After: halve the host's concurrency


def judge(attempt: Attempt, options: CheckOptions) -> Judgement:
    if attempt.failure is not None:
        code = attempt.answer.code if attempt.answer else None
        return Judgement(
            _FAILURE_VERDICTS.get(attempt.failure, Verdict.ERROR),
            code,
            attempt.message,
            retry=attempt.failure in _RETRYABLE_FAILURES,
        )
    answer = attempt.answer
    assert answer is not None
    code = answer.code
    if answer.challenge:
        return Judgement(Verdict.BLOCKED, code, f"bot wall: challenge page (HTTP {code})")
    if code == LINKEDIN_WALL:
        return Judgement(Verdict.BLOCKED, code, "bot wall: HTTP 999")
    if is_accepted(code, options):
        if answer.missing_fragments:
            names = ", ".join(f"#{name}" for name in answer.missing_fragments)
            return Judgement(Verdict.BROKEN, code, f"fragment not found: {names}")
        if any(hop.code in PERMANENT_REDIRECTS for hop in attempt.hops):
            return Judgement(Verdict.REDIRECTED, code)
        return Judgement(Verdict.OK, code)
    if is_retryable_code(code):
        wait = parse_retry_after(answer.retry_after, options.retry_after_cap)
        return Judgement(
            _exhausted_verdict(code),
            code,
            _exhausted_message(code),
            retry=True,
            wait=wait,
            # Told how long to wait, we wait that long; left to guess, we also send less.
            slow_host=code == 429 and wait is None,
        )
    if 300 <= code <= 399:
        if code in (300, 304):
            return Judgement(Verdict.OK, code)
        return Judgement(Verdict.BROKEN, code, f"HTTP {code} without a Location")
    return Judgement(Verdict.BROKEN, code, f"HTTP {code}")


def _exhausted_verdict(code: int) -> Verdict:
    # What a retryable answer means once no attempt is left.
    if code == 429:
        return Verdict.BLOCKED  # rate limited all along: could not verify, not broken
    if code == 408:
        return Verdict.TIMEOUT
    return Verdict.BROKEN


def _exhausted_message(code: int) -> str:
    if code == 429:
        return "rate limited: HTTP 429 on every attempt"
    return f"HTTP {code}"
