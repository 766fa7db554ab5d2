"""Notes on disk → the model: front-matter, Markdown structure and the writing conventions.

Names are loaded on first use: a rerun whose notes are all remembered (`ParseCache`) never
imports the Markdown parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlnotes._lazy import lazy_exports

if TYPE_CHECKING:
    from dlnotes.parse.cache import ParseCache
    from dlnotes.parse.loader import (
        ParseResult,
        display_path,
        load_notes,
        notes_dir_from_mkdocs,
        read_mkdocs_config,
    )
    from dlnotes.parse.note import parse_note
    from dlnotes.parse.people import PeopleIndex, load_people

_HOMES = {
    "ParseCache": "cache",
    "ParseResult": "loader",
    "PeopleIndex": "people",
    "display_path": "loader",
    "load_notes": "loader",
    "load_people": "people",
    "notes_dir_from_mkdocs": "loader",
    "parse_note": "note",
    "read_mkdocs_config": "loader",
}

__all__ = [
    "ParseCache",
    "ParseResult",
    "PeopleIndex",
    "display_path",
    "load_notes",
    "load_people",
    "notes_dir_from_mkdocs",
    "parse_note",
    "read_mkdocs_config",
]

__getattr__, __dir__ = lazy_exports(
    __name__, {name: f"{__name__}.{home}" for name, home in _HOMES.items()}, globals()
)
