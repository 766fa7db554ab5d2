"""Remembered parses: a note whose text has not changed is not parsed again.

Parsing is most of what a rerun costs (a warm `dlnotes check` of 10,000 links, a `mkdocs
build` of 2,000 notes), so each parse is kept in memory and, across processes, in a pickle
file, keyed on the note's text and names, people.yml and the parser's own code: a stale entry
is never read. Each note is parsed against people.yml alone, never against people another note
met first, so a parse depends on nothing but what its key holds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import dlnotes.model
import dlnotes.parse
from dlnotes._pickled import digest, read_stamped, source_fingerprint, write_stamped
from dlnotes.model import Note, Person
from dlnotes.parse.people import PeopleIndex
from dlnotes.problems import Problem

# Beside the link cache; gitignored with it.
DEFAULT_NOTES_CACHE = Path(".dlnotes/notes.pickle")


@dataclass
class Parsed:
    digest: str  # of the note's text
    note: Note
    problems: list[Problem]
    met: list[Person]  # people the note names that people.yml does not know
    # Digest of the parse itself (`model_of`): text that adds nothing to the model, a plain
    # paragraph, leaves it as it was.
    model: str | None = None


@functools.cache
def _fingerprint() -> str:
    """Changes whenever the parser or the model changes (read once per process)."""
    return source_fingerprint(Path(dlnotes.parse.__path__[0]), Path(str(dlnotes.model.__file__)))


@dataclass
class ParseCache:
    """Parses notes, remembering each parse; `file` keeps them across processes."""

    file: Path | None = None
    _entries: dict[tuple[str, str], Parsed] = field(default_factory=dict)  # (path, display)
    _people: str = ""  # digest of people.yml the entries were parsed against
    _loaded: bool = False
    _dirty: bool = False
    # Keys parsed or looked up by this process: only these are written back, so the file
    # forgets notes that were deleted or renamed.
    _used: set[tuple[str, str]] = field(default_factory=set)

    def use_people(self, people_file: Path) -> None:
        """Name the people.yml the next parses resolve against: every entry made against
        another one is dropped (it resolves attributions)."""
        self._load()
        try:
            raw = people_file.read_bytes()
        except OSError:
            raw = b""  # none, or none readable: load_people says which
        people = digest(raw)
        if people != self._people:
            self._entries.clear()
            self._people = people
            self._dirty = True

    def parse(self, text: str, *, path: str, display: str, people: dict[str, Person]) -> Parsed:
        self._load()
        text_digest = digest(text)
        key = (path, display)
        self._used.add(key)
        known = self._entries.get(key)
        if known is not None and known.digest == text_digest:
            return known
        # Imported here: a rerun that finds every note remembered never loads the parser.
        from dlnotes.parse.note import parse_note

        index = PeopleIndex(people)
        note, problems = parse_note(text, path=path, display=display, people=index)
        for link in note.links:
            # Computed now, so that they are remembered with the note: every build asks.
            _ = link.normalized, link.domain, link.is_external
        for image in note.images:
            _ = image.normalized, image.is_external
        met = [person for pid, person in index.people.items() if pid not in people]
        self._entries[key] = parsed = Parsed(text_digest, note, problems, met)
        self._dirty = True
        return parsed

    def digest_of(self, path: str, display: str) -> str | None:
        """The digest of the text `path` was last parsed from, if it was."""
        known = self._entries.get((path, display))
        return None if known is None else known.digest

    def model_of(self, path: str, display: str) -> str | None:
        """The digest of what `path` was last parsed into, if it was. Worked out when first
        asked (a site asks, a link check does not) and remembered with the parse."""
        known = self._entries.get((path, display))
        if known is None:
            return None
        if known.model is None:
            known.model = digest(repr(known.note))
            self._dirty = True
        return known.model

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        # Unreadable or from another version: parse afresh, rewrite it.
        stored = read_stamped(self.file, _fingerprint())
        if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], dict):
            self._people, self._entries = stored

    def save(self) -> str | None:
        """Write the entries if they changed; a message when the file cannot be written (the
        cache only saves time, so that is never an error)."""
        if self.file is None:
            return None
        if not self._dirty and self._used == self._entries.keys():
            return None
        used = {key: self._entries[key] for key in self._used if key in self._entries}
        trouble = write_stamped(self.file, _fingerprint(), (self._people, used))
        if trouble is not None:
            return trouble
        self._dirty = False
        return None
