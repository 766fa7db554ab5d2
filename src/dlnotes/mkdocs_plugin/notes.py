"""Reading the notes for a build, and what to do when one is bad.

`mkdocs build` stops at the first bad note with `notes/x.md:LINE: message`. `mkdocs serve` must
not: a failed MkDocs build empties the site folder and leaves the dev server waiting, so while
a writer is mid-edit the build goes on with the last good version of each bad note, and the
errors are logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from dlnotes.model import KnowledgeBase, Note
from dlnotes.parse import display_path, load_notes
from dlnotes.problems import DlnotesError, Problem

log = logging.getLogger("mkdocs.plugins.dlnotes")


@dataclass
class NotesReader:
    """Parses the notes once per build; remembers each note's last good source and model."""

    keep_last_good: bool = False  # True under `mkdocs serve`
    _sources: dict[str, str] = field(default_factory=dict)  # src_uri -> last good Markdown
    _notes: dict[str, Note] = field(default_factory=dict)  # src_uri -> last good Note

    def read(self, docs_dir: str, files: Files) -> KnowledgeBase:
        try:
            parsed = load_notes(docs_dir)
        except DlnotesError as exc:
            raise PluginError(str(exc)) from None
        for problem in parsed.warnings:
            log.info(str(problem))
        if parsed.errors and not self.keep_last_good:
            raise PluginError("\n".join(str(problem) for problem in parsed.errors))
        bad = self._bad_pages(parsed.errors, files, docs_dir)
        for src_uri, display in bad.items():
            self._restore(src_uri, display, files)
        kb = parsed.kb
        kb.notes = [
            self._notes[n.path] if n.path in bad else n
            for n in kb.notes
            if n.path not in bad or n.path in self._notes
        ]
        for note in kb.notes:
            file = files.get_file_from_path(note.path)
            if file is not None and note.path not in bad:
                self._sources[note.path] = file.content_string
                self._notes[note.path] = note
        return kb

    def _bad_pages(self, errors: list[Problem], files: Files, docs_dir: str) -> dict[str, str]:
        """The bad notes' src_uri -> display path ("notes/x.md"), each error logged."""
        if not errors:
            return {}
        by_display = {
            display_path(Path(docs_dir) / f.src_uri): f.src_uri for f in files.documentation_pages()
        }
        bad = {}
        for problem in errors:
            log.error(str(problem))
            if problem.file in by_display:
                bad[by_display[problem.file]] = problem.file
        return bad

    def _restore(self, src_uri: str, display: str, files: Files) -> None:
        file = files.get_file_from_path(src_uri)
        if file is None:
            return
        if src_uri in self._sources:
            log.error(f"{display}: serving its last good version until the error is fixed")
            file.content_string = self._sources[src_uri]
        else:
            log.error(f"{display}: left out of the site until the error is fixed")
            files.remove(file)
