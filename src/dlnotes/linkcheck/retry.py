"""The one place that decides what is worth another attempt, and how long to wait for it."""

from __future__ import annotations

import datetime as dt
import random
from email.utils import parsedate_to_datetime

# 408 and 429 say "not now", 5xx "not working now": both may pass. Other 4xx will not.
RETRYABLE_CODES = frozenset({408, 429})


def is_retryable_code(code: int) -> bool:
    return code in RETRYABLE_CODES or 500 <= code <= 599


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: about base, 2*base, 4*base..., each scaled by a random
    factor in [0.5, 1.5) so that retries of many URLs do not land on a host at once."""
    factor = 0.5 + (rng or random).random()
    return float(min(cap, base * (2**attempt) * factor))


def parse_retry_after(
    value: str | None, cap: float, now: dt.datetime | None = None
) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP-date), within
    [0, cap]; None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return min(cap, float(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, min(cap, (when - now).total_seconds()))
