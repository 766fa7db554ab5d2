"""The People page: for each person or source, everything attributed to them across notes.

Headings stay Markdown (they make the page's table of contents); each person's list is HTML put
in place of its marker after Markdown ran, which on a big site saves rendering thousands of
links twice.
"""

from __future__ import annotations

from html import escape

from dlnotes.model import (
    Checklist,
    Item,
    KnowledgeBase,
    Link,
    Note,
    Person,
    Quote,
    Tip,
    attribution_of,
)
from dlnotes.pages.html import kind_icon
from dlnotes.pages.markdown import escape_md, one_line
from dlnotes.pages.places import UrlFor, anchor_at, place_label

# Out of the search index: every line repeats a tip, link or quote that a search already finds
# in its note (where the reader wants to land).
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n"

INTRO = (
    "Everyone and everything the notes credit — people, courses, books, companies — "
    "with each tip, link, quote and checklist attributed to them.\n"
)


def person_marker(person_id: str) -> str:
    return f"<!-- dlnotes:person:{escape(person_id)} -->"


def _groups(kb: KnowledgeBase) -> dict[str, list[tuple[Note, Item]]]:
    groups: dict[str, list[tuple[Note, Item]]] = {}
    for note in kb.notes:
        for item in note.attributed():
            person = attribution_of(item)
            if person:
                groups.setdefault(person, []).append((note, item))
    return dict(sorted(groups.items(), key=lambda g: _name(g[0], kb.people).casefold()))


def render_people_page(kb: KnowledgeBase) -> str:
    """The Markdown source of the People page: a heading per person, then its marker."""
    groups = _groups(kb)
    out = [FRONT_MATTER, "# People\n", INTRO]
    if not groups:
        out.append("Nothing in the notes is attributed to anyone yet.\n")
    for person_id, items in groups.items():
        person = kb.people.get(person_id)
        out.append(f"## {escape_md(_name(person_id, kb.people))} {{ #{person_id} }}\n")
        facts = [person.kind if person else "person", f"{len(items)} item{'s'[: len(items) != 1]}"]
        if person and person.url:
            facts.append(f"[website](<{person.url}>)")
        out.append(" · ".join(facts) + "\n")
        out.append(person_marker(person_id) + "\n")
    return "\n".join(out)


def render_people_lists(kb: KnowledgeBase, url_for: UrlFor) -> dict[str, str]:
    """Each person's marker and the HTML list that replaces it: every item, linking back to
    the heading it sits under."""
    return {
        person_marker(person_id): "<ul>\n"
        + "\n".join(_item_html(note, item, url_for) for note, item in items)
        + "\n</ul>"
        for person_id, items in _groups(kb).items()
    }


def _name(person_id: str, people: dict[str, Person]) -> str:
    person = people.get(person_id)
    return person.name if person else person_id


def _item_html(note: Note, item: Item, url_for: UrlFor) -> str:
    line = item.location.line
    target = escape(url_for(note.path, anchor_at(note, line)))
    where = f'<a href="{target}">{escape(place_label(note, line))}</a>'
    if isinstance(item, Link):
        what = f'{kind_icon(item.kind)}<a href="{escape(item.url)}">{escape(item.title)}</a>'
    elif isinstance(item, Tip):
        what = f"{_label('tip')} {escape(one_line(item.text))}"
    elif isinstance(item, Quote):
        what = f"{_label('quote')} <em>{escape(one_line(item.text))}</em>"
    else:
        assert isinstance(item, Checklist)
        steps = len(item.items)
        what = f"{_label('checklist')} {escape(item.title)} ({steps} steps)"
    return f"<li>{what} — {where}</li>"


def _label(kind: str) -> str:
    return f'<span class="dl-item dl-item--{kind}">{kind}</span>'
