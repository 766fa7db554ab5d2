"""Notes on disk → the model: front-matter, Markdown structure and the writing conventions."""

from dlnotes.parse.loader import (
    ParseResult,
    display_path,
    load_notes,
    notes_dir_from_mkdocs,
    read_mkdocs_config,
)
from dlnotes.parse.note import parse_note
from dlnotes.parse.people import PeopleIndex, load_people

__all__ = [
    "ParseResult",
    "PeopleIndex",
    "display_path",
    "load_notes",
    "load_people",
    "notes_dir_from_mkdocs",
    "parse_note",
    "read_mkdocs_config",
]
