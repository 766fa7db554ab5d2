"""The Links page: every distinct URL in one table a reader can sort and filter."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from typing import Any

from dlnotes.model import KnowledgeBase, Link, LinkKind
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
        link = row.first
        status = status_of(link, results)
        cell, checked = _status_cells(status, parts)
        rows.append(
            [
                status.key,
                _kind_icon(link.kind, parts),
                link.url,
                link.title,
                link.domain,
                parts.index(KIND_LABELS[link.kind]),
                list(row.places),
                [_chip(person, kb, parts) for person in row.people],
                cell,
                checked,
            ]
        )
    return {"parts": parts.html, "rows": rows}


def _kind_icon(kind: LinkKind, parts: _Parts) -> int:
    key = ("kind", kind)
    at = parts.known(key)
    return parts.index(kind_icon(kind), key) if at is None else at


def _status_cells(status: LinkStatus, parts: _Parts) -> tuple[int, str]:
    """The Status cell (as a part) and the Checked date; worked out once per status."""
    key = ("status", status)  # equal statuses (by value) share their cells
    at = parts.known(key)
    if at is None:
        archive = f" {archive_link(status)}" if status.is_failing else ""
        at = parts.index(status_badge(status) + archive, key)
        parts.dates[at] = format_date(status.checked_at)
    return at, parts.dates[at]


def _rows(kb: KnowledgeBase, url_for: UrlFor, parts: _Parts) -> dict[str, _Row]:
    """One row per distinct external URL, with each heading that holds it (a URL twice under
    one heading is one place) and each person it is attributed to."""
    rows: dict[str, _Row] = {}
    for note in kb.notes:
        headings, under = note.headings, -1  # links come in document order: walk along
        for link in note.links:
            if not link.is_external:
                continue
            line = link.location.line
            while under + 1 < len(headings) and headings[under + 1].line <= line:
                under += 1
            if under >= 0 and headings[under].line > line:  # out of order: look it up
                heading = heading_at(note, line)
                key = (note.path, heading.line if heading else 0)
            else:
                key = (note.path, headings[under].line if under >= 0 else 0)
            place = parts.known(key)
            if place is None:
                label, anchor = place_label(note, line), anchor_at(note, line)
                html = f'<a href="{escape(url_for(note.path, anchor))}">{escape(label)}</a>'
                place = parts.index(html, key)
            row = rows.get(link.normalized)
            if row is None:
                row = rows[link.normalized] = _Row(link)
            row.places[place] = None
            if link.attribution:
                row.people[link.attribution] = None
    return rows


class _Parts:
    """HTML fragments by position, each stored once; `key` lets a caller skip building a
    fragment it has asked for before."""

    def __init__(self) -> None:
        self.html: list[str] = []
        self.dates: dict[int, str] = {}  # a status part's "Checked" date
        self._at: dict[object, int] = {}

    def index(self, html: str, key: object = None) -> int:
        key = html if key is None else key
        at = self._at.get(key)
        if at is None:
            at = self._at[key] = len(self.html)
            self.html.append(html)
        return at

    def known(self, key: object) -> int | None:
        return self._at.get(key)


def _chip(person: str, kb: KnowledgeBase, parts: _Parts) -> int:
    key = ("person", person)
    at = parts.known(key)
    return parts.index(chip(person, kb.people), key) if at is None else at
