"""The whole model as JSON, in the versioned shape of schema/knowledge-base.schema.json."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from dlnotes.model import Checklist, KnowledgeBase, Link, Location, Note, Person, Quote, Tip

SCHEMA_VERSION = 1
SCHEMA_ID = "https://dlnotes.invalid/schema/knowledge-base-1.json"


def _where(location: Location, headings: tuple[str, ...], anchor: str) -> dict[str, Any]:
    return {
        "file": location.file,
        "line": location.line,
        "headings": list(headings),
        "anchor": anchor,
    }


def _link(link: Link) -> dict[str, Any]:
    return {
        "url": link.url,
        "normalized": link.normalized,
        "title": link.title,
        "domain": link.domain,
        "kind": link.kind.value,
        "annotation": link.annotation,
        "attribution": link.attribution,
        "tracking": list(link.tracking),
        **_where(link.location, link.headings, link.anchor),
    }


def _tip(tip: Tip) -> dict[str, Any]:
    return {
        "text": tip.text,
        "attribution": tip.attribution,
        **_where(tip.location, tip.headings, tip.anchor),
    }


def _quote(quote: Quote) -> dict[str, Any]:
    return {
        "text": quote.text,
        "source": quote.source,
        **_where(quote.location, quote.headings, quote.anchor),
    }


def _checklist(checklist: Checklist) -> dict[str, Any]:
    return {
        "title": checklist.title,
        "source": checklist.source,
        "items": [
            {"text": item.text, "line": item.line, "checked": item.checked}
            for item in checklist.items
        ],
        **_where(checklist.location, checklist.headings, checklist.anchor),
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _note(note: Note) -> dict[str, Any]:
    return {
        "path": note.path,
        "title": note.title,
        "summary": note.summary,
        "tags": list(note.tags),
        "created": _date(note.created),
        "updated": _date(note.updated),
        "headings": [
            {"text": h.text, "level": h.level, "anchor": h.anchor, "line": h.line}
            for h in note.headings
        ],
        "links": [_link(link) for link in note.links],
        "tips": [_tip(tip) for tip in note.tips],
        "quotes": [_quote(quote) for quote in note.quotes],
        "checklists": [_checklist(c) for c in note.checklists],
    }


def _person(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "aliases": list(person.aliases),
        "kind": person.kind,
        "url": person.url,
        "known": person.known,
    }


def kb_to_dict(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_ID,
        "version": SCHEMA_VERSION,
        "notes": [_note(note) for note in kb.notes],
        "people": [_person(p) for p in sorted(kb.people.values(), key=lambda p: p.id)],
        "duplicates": {
            url: [{"file": link.location.file, "line": link.location.line} for link in links]
            for url, links in sorted(kb.duplicates().items())
        },
    }


def kb_to_json(kb: KnowledgeBase) -> str:
    return json.dumps(kb_to_dict(kb), ensure_ascii=False, indent=2) + "\n"
