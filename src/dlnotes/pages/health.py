"""The Link health page: counts per verdict, the lists that need attention, and the cache age."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from html import escape

from dlnotes.linkcheck.result import CheckResult
from dlnotes.model import Checked, Image, KnowledgeBase, Note
from dlnotes.pages.html import archive_link, image_icon, kind_icon, status_badge
from dlnotes.pages.places import UrlFor, anchor_at, place_label
from dlnotes.pages.status import LinkStatus, Results, format_date, status_of_result

EMPTY = """No link check has run yet, so this page has nothing to show.

Run `dlnotes check` (or build once with `DLNOTES_LINKCHECK=online mkdocs build`): the results
are kept in the link cache, and every later build shows them here without a single request.
"""

# The order a reader works through: what is gone, what wobbles, what moved, what we could not see.
SECTIONS = (
    ("dead", "Dead", "Failed again and again over days: fix or replace them."),
    ("flaky", "Flaky", "Failed lately, not yet long enough to call dead."),
    ("redirected", "Redirected", "Moved for good: the note should point at the new address."),
    ("blocked", "Could not verify", "Behind a bot wall: not broken, just not checkable."),
)
COUNT_ORDER = ("ok", "redirected", "flaky", "dead", "blocked", "skipped", "unchecked")


@dataclass(frozen=True)
class _Entry:
    url: str
    status: LinkStatus
    result: CheckResult
    places: list[tuple[Note, Checked]]


def health_marker(key: str) -> str:
    return f"<!-- dlnotes:health:{key} -->"


def render_health_page(
    kb: KnowledgeBase, results: Results, refreshed: dt.datetime | None = None
) -> str:
    """The Markdown source of the Link health page. `refreshed` is when the cache last learned
    something; by default the latest check among `results`. Each list is a marker that
    `render_health_lists` fills: thousands of table rows are HTML already, and neither Markdown
    nor search need to go through them."""
    places = _places(kb)
    entries = _entries(places, results)
    out = ["# Link health\n"]
    if not entries:
        out.append(EMPTY)
        return "\n".join(out)
    refreshed = refreshed or max(
        (e.result.checked_at for e in entries if e.result.checked_at), default=None
    )
    when = refreshed.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if refreshed else "never"
    out.append(
        f"{len(places)} distinct external URLs; the link cache was last refreshed **{when}**.\n"
    )
    counts = Counter(e.status.key for e in entries)
    counts["unchecked"] = len(places) - len(entries)
    out.append(_counts_table(counts))
    for key, title, blurb in SECTIONS:
        chosen = [e for e in entries if e.status.key == key]
        if chosen:
            out.append(f"## {title} ({len(chosen)}) {{ #{key} }}\n\n{blurb}\n")
            out.append(health_marker(key) + "\n")
    return "\n".join(out)


def render_health_lists(kb: KnowledgeBase, results: Results, url_for: UrlFor) -> dict[str, str]:
    """Each list's marker and the HTML table that replaces it."""
    entries = _entries(_places(kb), results)
    lists = {}
    for key, _, _ in SECTIONS:
        chosen = [e for e in entries if e.status.key == key]
        if chosen:
            lists[health_marker(key)] = _list_table(key, chosen, url_for)
    return lists


def _entries(places: dict[str, list[tuple[Note, Checked]]], results: Results) -> list[_Entry]:
    return [
        _Entry(url, status_of_result(results[url]), results[url], where)
        for url, where in places.items()
        if url in results
    ]


def _places(kb: KnowledgeBase) -> dict[str, list[tuple[Note, Checked]]]:
    """Each external URL the check reads, links' and images' (a dead diagram is rot too),
    with every place that holds it."""
    places: dict[str, list[tuple[Note, Checked]]] = {}
    for note in kb.notes:
        for item in note.links_and_images:
            if item.is_external:
                places.setdefault(item.normalized, []).append((note, item))
    return places


def _counts_table(counts: Counter[str]) -> str:
    rows = [f"| {status_badge_for(key)} | {counts[key]} |" for key in COUNT_ORDER if counts[key]]
    return "\n".join(["| Status | URLs |", "| --- | ---: |", *rows, ""])


def status_badge_for(key: str) -> str:
    label = {"blocked": "could not verify", "unchecked": "not checked"}.get(key, key)
    return status_badge(LinkStatus(key, label))


def _list_table(key: str, entries: list[_Entry], url_for: UrlFor) -> str:
    extra = {"dead": "First failure", "flaky": "First failure", "redirected": "Now at"}.get(key)
    head = ["Link", "Where", "Status"] + ([extra] if extra else []) + ["Checked"]
    rows = []
    for entry in entries:
        link = entry.places[0][1]
        where = "<br>".join(
            f'<a href="{escape(url_for(n.path, anchor_at(n, li.location.line)))}">'
            f"{escape(place_label(n, li.location.line))}</a>"
            for n, li in entry.places
        )
        status = status_badge(entry.status)
        if entry.status.is_failing:
            status += " " + archive_link(entry.status)
        if isinstance(link, Image):
            icon, title = image_icon(), link.alt or link.url
        else:
            icon, title = kind_icon(link.kind), link.title
        cells = [f'{icon}<a href="{escape(link.url)}">{escape(title)}</a>', where, status]
        if key in ("dead", "flaky"):
            cells.append(format_date(entry.result.first_failure))
        elif key == "redirected":
            final = entry.result.final_url or ""
            cells.append(f'<a href="{escape(final)}">{escape(final)}</a>')
        cells.append(format_date(entry.status.checked_at))
        rows.append(f'<tr data-status="{key}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    header = "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>"
    return "\n".join(
        [
            f'<div class="dl-health dl-health--{key}">',
            "<table>",
            header,
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            "</div>",
            "",
        ]
    )
