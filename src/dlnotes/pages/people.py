"""The People page: for each person or source, everything attributed to them across notes."""

from __future__ import annotations

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
from dlnotes.pages.places import anchor_at, markdown_url, place_label

# Out of the search index: every line repeats a tip, link or quote that a search already finds
# in its note (where the reader wants to land).
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n"

INTRO = (
    "Everyone and everything the notes credit — people, courses, books, companies — "
    "with each tip, link, quote and checklist attributed to them.\n"
)


def render_people_page(kb: KnowledgeBase) -> str:
    """The Markdown source of the People page; links point back at each item's heading."""
    groups: dict[str, list[tuple[Note, Item]]] = {}
    for note in kb.notes:
        for item in note.attributed():
            person = attribution_of(item)
            if person:
                groups.setdefault(person, []).append((note, item))
    out = [FRONT_MATTER, "# People\n", INTRO]
    if not groups:
        out.append("Nothing in the notes is attributed to anyone yet.\n")
    for person_id in sorted(groups, key=lambda p: _name(p, kb.people).casefold()):
        out.append(_section(person_id, groups[person_id], kb.people))
    return "\n".join(out)


def _name(person_id: str, people: dict[str, Person]) -> str:
    person = people.get(person_id)
    return person.name if person else person_id


def _section(person_id: str, items: list[tuple[Note, Item]], people: dict[str, Person]) -> str:
    person = people.get(person_id)
    lines = [f"## {escape_md(_name(person_id, people))} {{ #{person_id} }}\n"]
    facts = [person.kind if person else "person", f"{len(items)} item{'s'[: len(items) != 1]}"]
    if person and person.url:
        facts.append(f"[website]({person.url})")
    lines.append(" · ".join(facts) + "\n")
    lines.extend(_item_line(note, item) for note, item in items)
    return "\n".join(lines) + "\n"


def _item_line(note: Note, item: Item) -> str:
    line = item.location.line
    where = (
        f"[{escape_md(place_label(note, line))}]({markdown_url(note.path, anchor_at(note, line))})"
    )
    if isinstance(item, Link):
        return f"- {kind_icon(item.kind)}[{escape_md(item.title)}](<{item.url}>) — {where}"
    if isinstance(item, Tip):
        return f"- {_label('tip')} {one_line(item.text)} — {where}"
    if isinstance(item, Quote):
        return f"- {_label('quote')} *{one_line(item.text)}* — {where}"
    assert isinstance(item, Checklist)
    count = len(item.items)
    return f"- {_label('checklist')} {escape_md(item.title)} ({count} steps) — {where}"


def _label(kind: str) -> str:
    return f'<span class="dl-item dl-item--{kind}">{kind}</span>'
