"""Backlinks and related notes, indexed once for the whole knowledge base.

`KnowledgeBase.backlinks` and `.related` answer one note at a time by scanning every note; a site
asks for every note, so this module builds the indexes once (linear in notes and links) instead.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from itertools import chain

from dlnotes.model import KnowledgeBase, Note, attribution_of, resolve_note_link
from dlnotes.pages.html import person_name
from dlnotes.pages.places import UrlFor

RELATED_LIMIT = 8
# A tag or a person shared by many notes: only the notes nearest in order (usually the same
# folder) are looked at, so a tag on every note costs the same as a rare one.
NEIGHBOURS = 15


@dataclass(frozen=True)
class Related:
    note: Note
    tags: tuple[str, ...]
    people: tuple[str, ...]


class Connections:
    """Which notes link to a note, and which share its tags or people."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_path = {note.path: note for note in kb.notes}
        self._linked_from: dict[str, list[Note]] = defaultdict(list)
        # Groups hold note paths: counting shared groups is then C work (Counter over strings).
        self._by_tag: dict[str, list[str]] = defaultdict(list)
        self._by_person: dict[str, list[str]] = defaultdict(list)
        self._people: dict[str, tuple[str, ...]] = {}
        # What each note brings to the footers, in note order: see `key`.
        shown: list[tuple[object, ...]] = []
        for note in kb.notes:
            targets = {resolve_note_link(note.path, link.url) for link in note.links}
            linked = sorted(t for t in targets if t and t != note.path and t in self._by_path)
            for target in linked:
                self._linked_from[target].append(note)
            for tag in dict.fromkeys(note.tags):
                self._by_tag[tag].append(note.path)
            people = tuple(dict.fromkeys(p for i in note.attributed() if (p := attribution_of(i))))
            self._people[note.path] = people
            for person in people:
                self._by_person[person].append(note.path)
            shown.append((note.path, note.title, note.tags, people, linked))
        # Every input of every footer but the people's names and the pages' URLs: equal keys
        # make equal footers (the site remembers footers under it).
        self.key = repr(shown)
        self._order = {note.path: i for i, note in enumerate(kb.notes)}
        self._position: dict[int, dict[str, int]] = {
            id(group): {p: i for i, p in enumerate(group)}
            for group in (*self._by_tag.values(), *self._by_person.values())
            if len(group) > 2 * NEIGHBOURS
        }

    def backlinks(self, path: str) -> list[Note]:
        return list(self._linked_from.get(path, []))

    def _near(self, group: list[str], path: str) -> list[str]:
        if len(group) <= 2 * NEIGHBOURS:
            return group
        index = self._position[id(group)][path]
        return group[max(0, index - NEIGHBOURS) : index + NEIGHBOURS + 1]

    def related(self, path: str, limit: int = RELATED_LIMIT) -> list[Related]:
        """Notes sharing a tag or a person: most shared first, then the nearest in note order."""
        note = self._by_path.get(path)
        if note is None:
            return []
        # Scores first, reasons only for the few kept: a site asks this of every note.
        tags = list(dict.fromkeys(note.tags))
        shared = [(tag, self._near(self._by_tag[tag], path)) for tag in tags]
        shared += [(p, self._near(self._by_person[p], path)) for p in self._people[path]]
        score = Counter(chain.from_iterable(group for _, group in shared))
        score.pop(path, None)
        here, order = self._order[path], self._order
        ranked = ((-shares, abs(order[p] - here), p) for p, shares in score.items())
        best = [p for _, _, p in heapq.nsmallest(limit, ranked)]
        return [
            Related(
                self._by_path[p],
                tuple(name for name, group in shared[: len(tags)] if p in group),
                tuple(name for name, group in shared[len(tags) :] if p in group),
            )
            for p in best
        ]


def render_connections(note: Note, connections: Connections, url_for: UrlFor) -> str:
    """The HTML block for the end of a note page; empty when the note stands alone. It is HTML,
    added after Markdown ran, so a big site does not render every note's footer twice."""
    linked = connections.backlinks(note.path)
    related = connections.related(note.path)
    if not linked and not related:
        return ""
    # data-search-exclude: titles of other notes would make every note match every query.
    out = ['<div class="dl-connections" data-search-exclude>']
    if linked:
        names = ", ".join(_link(other, url_for) for other in linked)
        out.append(f"<p><strong>Linked from</strong> {names}</p>")
    if related:
        out.append("<p><strong>Related notes</strong></p>")
        out.append("<ul>")
        for item in related:
            why = [f"#{tag}" for tag in item.tags]
            why += [person_name(p, connections.kb.people) for p in item.people]
            reasons = escape(" · ".join(why))
            out.append(f"<li>{_link(item.note, url_for)} <small>{reasons}</small></li>")
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)


def _link(target: Note, url_for: UrlFor) -> str:
    return f'<a href="{escape(url_for(target.path, None))}">{escape(target.title)}</a>'
