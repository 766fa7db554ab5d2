"""Run the engine from a test: URLs in, results out, with the real client and pool."""

from __future__ import annotations

import asyncio
from typing import Any

from dlnotes.linkcheck.checker import check_targets
from dlnotes.linkcheck.options import CheckOptions, Target
from dlnotes.linkcheck.result import CheckResult
from dlnotes.model import Location
from dlnotes.urls import normalize_url


def target(url: str, line: int = 1) -> Target:
    return Target(normalize_url(url), url, (Location("notes/test.md", line),))


def check(urls: list[str], options: CheckOptions, **kwargs: Any) -> list[CheckResult]:
    targets = [target(url, line) for line, url in enumerate(urls, start=1)]
    return asyncio.run(check_targets(targets, options, **kwargs))


def check_one(url: str, options: CheckOptions, **kwargs: Any) -> CheckResult:
    (result,) = check([url], options, **kwargs)
    return result
