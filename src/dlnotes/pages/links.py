"""The Links page: every distinct URL in one table a reader can sort and filter."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any, ParamSpec

from dlnotes.model import KnowledgeBase, Link, Note
from dlnotes.pages.html import KIND_LABELS, archive_link, chip, kind_icon, status_badge
from dlnotes.pages.places import UrlFor, anchor_at, heading_at, place_label
from dlnotes.pages.status import LinkStatus, Results, format_date, status_of

FRONT_MATTER = """---
title: Links
hide: [navigation, toc]
search:
  exclude: true
---
"""
# The table repeats what the notes already say; leaving it out of the search index keeps
# every query answered by the note itself, and the index small on big sites.

P = ParamSpec("P")

COLUMNS = ("Title", "Domain", "Kind", "Where", "Attributed to", "Status", "Checked")


@dataclass
class _Row:
    first: Link
    places: dict[int, None] = field(default_factory=dict)  # parts indexes, in order, once each
    people: dict[str, None] = field(default_factory=dict)


TABLE_MARKER = "<!-- dlnotes:links-table -->"


def render_links_page(kb: KnowledgeBase) -> str:
    """The Markdown source of the Links page. The table itself is HTML put in place of
    TABLE_MARKER after Markdown ran: on a big site, Markdown would only slow it down."""
    count = len({link.normalized for link in kb.links if link.is_external})
    return "\n".join(
        [
            FRONT_MATTER,
            "# Links\n",
            f"Every distinct link in the notes: {count} URLs. "
            "Click a column heading to sort; type to filter.\n",
            TABLE_MARKER,
            "",
        ]
    )


def render_links_table(kb: KnowledgeBase, results: Results, url_for: UrlFor) -> str:
    """The filter box and the sortable table of every distinct external URL, as HTML.

    The rows travel as JSON in the page and the site's script builds them: on a big site
    (50,000 links) the build writes a few MB of data instead of 26 MB of table markup."""
    data = json.dumps(
        links_table_data(kb, results, url_for), ensure_ascii=False, separators=(",", ":")
    )
    # Inside <script>: a "<" escaped keeps any "</script>" or "<!--" in a title from ending it.
    data = data.replace("<", "\\u003c")
    return "\n".join(
        [
            '<div class="dl-links">',
            '<input class="dl-filter" type="search" placeholder="Filter links…" '
            'aria-label="Filter links" data-dl-filter="dl-links-table">',
            '<p class="dl-filter-count" aria-live="polite"></p>',
            f'<table id="dl-links-table" data-dl-sortable data-dl-rows="{ROWS_ID}">',
            "<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in COLUMNS) + "</tr></thead>",
            "<tbody></tbody>",
            "</table>",
            "<noscript><p>The table of links needs JavaScript.</p></noscript>",
            f'<script type="application/json" id="{ROWS_ID}">{data}</script>',
            "</div>",
            "",
        ]
    )


ROWS_ID = "dl-links-rows"


def links_table_data(kb: KnowledgeBase, results: Results, url_for: UrlFor) -> dict[str, Any]:
    """The Links table as data for the site's script: `rows` holds one list per distinct URL,
    `[status, icon, url, title, domain, kind, places, people, status_html, checked]`, where
    `icon`, `kind`, `status_html` and each of `places` and `people` index `parts`: HTML
    fragments a big site repeats thousands of times, written once. The rest is text."""
    parts = _Parts()
    rows = []
    for row in _rows(kb, url_for, parts).values():
        link, kind = row.first, row.first.kind
        status = status_of(link, results)
        rows.append(
            [
                status.key,
                parts.of(("icon", kind), kind_icon, kind),
                link.url,
                link.title,
                link.domain,
                parts.of(("kind", kind), KIND_LABELS.__getitem__, kind),
                list(row.places),
                [parts.of(("person", p), chip, p, kb.people) for p in row.people],
                # Keyed by the HTML itself: results checked at different moments mostly show
                # the same badge, and should share its part.
                parts.add(_status_html(status)),
                format_date(status.checked_at),
            ]
        )
    return {"parts": parts.html, "rows": rows}


def _status_html(status: LinkStatus) -> str:
    archive = f" {archive_link(status)}" if status.is_failing else ""
    return status_badge(status) + archive


def _rows(kb: KnowledgeBase, url_for: UrlFor, parts: _Parts) -> dict[str, _Row]:
    """One row per distinct external URL, with each heading that holds it (a URL twice under
    one heading is one place) and each person it is attributed to."""
    rows: dict[str, _Row] = {}
    for note in kb.notes:
        for link in note.links:
            if not link.is_external:
                continue
            heading = heading_at(note, link.location.line)
            place = parts.of(
                (note.path, heading.line if heading else 0),
                _place_html,
                note,
                link.location.line,
                url_for,
            )
            row = rows.get(link.normalized)
            if row is None:
                row = rows[link.normalized] = _Row(link)
            row.places[place] = None
            if link.attribution:
                row.people[link.attribution] = None
    return rows


def _place_html(note: Note, line: int, url_for: UrlFor) -> str:
    label, anchor = place_label(note, line), anchor_at(note, line)
    return f'<a href="{escape(url_for(note.path, anchor))}">{escape(label)}</a>'


class _Parts:
    """HTML fragments by position, each stored once, found again by a key."""

    def __init__(self) -> None:
        self.html: list[str] = []
        self._at: dict[object, int] = {}

    def of(self, key: object, make: Callable[P, str], *args: P.args, **kwargs: P.kwargs) -> int:
        """The position of the fragment under `key`; `make(*args)` builds it the first time."""
        at = self._at.get(key)
        if at is None:
            at = self._at[key] = len(self.html)
            self.html.append(make(*args, **kwargs))
        return at

    def add(self, html: str) -> int:
        """The position of `html`, added the first time."""
        return self.of(html, str, html)
