"""The Links page: every distinct URL in one table a reader can sort and filter."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape

from dlnotes.model import KnowledgeBase, Link, Note
from dlnotes.pages.html import KIND_LABELS, archive_link, chip, kind_icon, status_badge
from dlnotes.pages.places import UrlFor, anchor_at, heading_at, place_label
from dlnotes.pages.status import Results, format_date, status_of

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
    places: list[tuple[Note, Link]] = field(default_factory=list)

    @property
    def people(self) -> list[str]:
        return list(dict.fromkeys(link.attribution for _, link in self.places if link.attribution))


def _rows(kb: KnowledgeBase) -> Iterator[_Row]:
    rows: dict[str, _Row] = {}
    for note in kb.notes:
        for link in note.links:
            if not link.is_external:
                continue
            row = rows.get(link.normalized)
            if row is None:
                row = rows[link.normalized] = _Row(link)
            row.places.append((note, link))
    return iter(rows.values())


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
    """The filter box and the sortable table of every distinct external URL, as HTML."""
    out = [
        '<div class="dl-links">',
        '<input class="dl-filter" type="search" placeholder="Filter links…" '
        'aria-label="Filter links" data-dl-filter="dl-links-table">',
        '<p class="dl-filter-count" aria-live="polite"></p>',
        '<table id="dl-links-table" data-dl-sortable>',
        "<thead><tr>" + "".join(f'<th scope="col">{c}</th>' for c in COLUMNS) + "</tr></thead>",
        "<tbody>",
    ]
    seen: dict[object, str] = {}
    out.extend(_row_html(row, kb, results, url_for, seen) for row in _rows(kb))
    out += ["</tbody>", "</table>", "</div>", ""]
    return "\n".join(out)


def _row_html(
    row: _Row, kb: KnowledgeBase, results: Results, url_for: UrlFor, seen: dict[object, str]
) -> str:
    link = row.first
    status = status_of(link, results)
    places = "<br>".join(
        dict.fromkeys(  # a URL twice under one heading is one place
            _place(note, item.location.line, url_for, seen) for note, item in row.places
        )
    )
    people = " ".join(_chip(p, kb, seen) for p in row.people)
    archive = f" {archive_link(status)}" if status.is_failing else ""
    cells = (
        f'{kind_icon(link.kind)}<a href="{escape(link.url)}">{escape(link.title)}</a>',
        escape(link.domain),
        KIND_LABELS[link.kind],
        places,
        people,
        status_badge(status) + archive,
        format_date(status.checked_at),
    )
    return f'<tr data-status="{status.key}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


# A big site's table names the same few thousand places and people tens of thousands of times:
# each is written once per table.


def _place(note: Note, line: int, url_for: UrlFor, seen: dict[object, str]) -> str:
    heading = heading_at(note, line)
    key = (note.path, heading.line if heading else 0)
    html = seen.get(key)
    if html is None:
        label, anchor = place_label(note, line), anchor_at(note, line)
        html = f'<a href="{escape(url_for(note.path, anchor))}">{escape(label)}</a>'
        seen[key] = html
    return html


def _chip(person: str, kb: KnowledgeBase, seen: dict[object, str]) -> str:
    html = seen.get(person)
    if html is None:
        html = seen[person] = chip(person, kb.people)
    return html
