"""Page parts made once: each note's decorations and footer, each generated page's text.

A site build makes them all again although, build after build, almost none of their inputs
change. Each part is remembered with a digest of everything it was made from (the note's HTML
and text, the link results, the other notes, the page URLs, the options, dlnotes' own code),
in memory across `mkdocs serve` rebuilds and in `.dlnotes/pages.pickle` across builds; a part
whose digest differs is made afresh. They only save time: a missing or damaged file reads as
nothing, a failed write is a message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dlnotes
from dlnotes._pickled import read_stamped, source_fingerprint, write_stamped

DEFAULT_PAGES_MEMO = Path(".dlnotes/pages.pickle")  # beside the link cache, gitignored with it


@functools.cache
def code_fingerprint() -> str:
    """Changes whenever any of dlnotes' code does: statuses, decorations and pages all read the
    model and the link results, so every module can change what a part looks like."""
    return source_fingerprint(*sorted(Path(dlnotes.__path__[0]).rglob("*.py")))


@dataclass
class PageMemo:
    """Remembered parts by name, each with the digest of its inputs; `file` keeps them across
    processes."""

    file: Path | None = None
    _entries: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (key, text)
    _loaded: bool = False
    _dirty: bool = False
    # Names asked for since the last save: only these are written back, so parts of deleted
    # notes are forgotten.
    _used: set[str] = field(default_factory=set)

    def part(self, name: str, key: str | None, make: Callable[[], str]) -> str:
        """The part remembered under `name` if it was made from inputs digesting to `key`, else
        `make()`, remembered. A key of None means the inputs are not all known: always made."""
        if key is None:
            return make()
        self._load()
        self._used.add(name)
        known = self._entries.get(name)
        if known is not None and known[0] == key:
            return known[1]
        text = make()
        self._entries[name] = (key, text)
        self._dirty = True
        return text

    def save(self) -> str | None:
        """Write the parts if they changed; a message when the file cannot be written."""
        if self.file is None or not self._used:
            return None  # nothing asked for since the last save
        if not self._dirty and self._used == self._entries.keys():
            self._used = set()
            return None
        kept = {name: self._entries[name] for name in self._used if name in self._entries}
        trouble = write_stamped(self.file, code_fingerprint(), kept)
        if trouble is None:
            self._entries, self._used, self._dirty = kept, set(), False
        return trouble

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        stored = read_stamped(self.file, code_fingerprint())
        if isinstance(stored, dict):
            self._entries = stored
