"""How a link's cached verdict reads on the site: one label, one CSS class, one archive link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from dlnotes.linkcheck.result import CheckResult, Health, Verdict
from dlnotes.model import Link

Results = Mapping[str, CheckResult]
"""Check results keyed by normalised URL, as the link checker (or its cache) gives them."""

WAYBACK_SEARCH = "https://web.archive.org/web/*/"


@dataclass(frozen=True)
class LinkStatus:
    """A link's state for a reader: `label` is what the page says, `key` names its CSS class."""

    key: str
    label: str
    checked_at: dt.datetime | None = None
    archive_url: str | None = None
    final_url: str | None = None
    detail: str | None = None

    @property
    def is_dead(self) -> bool:
        return self.key == "dead"

    @property
    def is_failing(self) -> bool:
        return self.key in ("dead", "flaky")


NOT_CHECKED = LinkStatus("unchecked", "not checked")
INTERNAL = LinkStatus("internal", "note")


def status_of(link: Link, results: Results) -> LinkStatus:
    """The status a link shows: health first (dead/flaky), else the latest verdict."""
    if not link.is_external:
        return INTERNAL
    result = results.get(link.normalized)
    if result is None:
        return NOT_CHECKED
    return status_of_result(result)


# id(result) -> (result, its status): a site shows each URL's status on its topic page, in the
# Links table and on Link health. Holding the result keeps its id from being reused; a build
# starts with `forget_shown()`, so only one build's results are held.
_SHOWN: dict[int, tuple[CheckResult, LinkStatus]] = {}
_SHOWN_MAX = 200_000


def forget_shown() -> None:
    _SHOWN.clear()


def status_of_result(result: CheckResult) -> LinkStatus:
    known = _SHOWN.get(id(result))
    if known is not None and known[0] is result:
        return known[1]
    if len(_SHOWN) >= _SHOWN_MAX:
        _SHOWN.clear()
    status = _status_of_result(result)
    _SHOWN[id(result)] = (result, status)
    return status


def _status_of_result(result: CheckResult) -> LinkStatus:
    detail = _detail(result)
    if result.health is Health.DEAD:
        return LinkStatus("dead", "dead", result.checked_at, archive_for(result), detail=detail)
    if result.health is Health.FLAKY:
        return LinkStatus("flaky", "flaky", result.checked_at, archive_for(result), detail=detail)
    if result.status is Verdict.REDIRECTED:
        return LinkStatus("redirected", "redirected", result.checked_at, final_url=result.final_url)
    if result.status is Verdict.BLOCKED:
        return LinkStatus("blocked", "could not verify", result.checked_at, detail=detail)
    return LinkStatus(result.status.value, result.status.value, result.checked_at, detail=detail)


def archive_for(result: CheckResult) -> str:
    """The archived copy the checker found, or a search of the Wayback Machine for the URL."""
    return result.archive_url or WAYBACK_SEARCH + quote(result.url, safe=":/?&=%#")


def _detail(result: CheckResult) -> str | None:
    if result.code is not None:
        return f"HTTP {result.code}"
    return result.error


def format_date(moment: dt.datetime | None) -> str:
    return "" if moment is None else moment.astimezone(dt.UTC).strftime("%Y-%m-%d")
