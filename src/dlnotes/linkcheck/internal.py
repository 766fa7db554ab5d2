"""Links between notes and to headings, checked offline against the model: no request needed."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from dlnotes.model import KnowledgeBase, Link, Note, note_link, resolve_note_link
from dlnotes.problems import Problem, Severity
from dlnotes.urls import has_web_scheme

# A scheme as RFC 3986 spells it; `C:` is a drive letter, not a scheme, but notes never hold one.
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Relative-looking links that are really URLs with a typo: `https;//x`, `http//x`, `www.x.org/y`.
_URL_TYPO = re.compile(r"^(?:(?:https?|ftp)\W*/|www\.[^/\s]+\.[a-z]{2,})", re.IGNORECASE)


def is_relative(url: str) -> bool:
    """A link inside the site (a note, a heading, a file) rather than a URL with a scheme."""
    if has_web_scheme(url):
        return False  # most links: no need for the pattern
    return not SCHEME.match(url.strip()) and not url.startswith("//")


class _NotesOnDisk(dict[str, Note | None]):
    """The notes `kb` does not hold but `root` does, parsed when a link first points at one:
    `dlnotes lint notes/a.md` checks a.md's links to b.md against b.md itself."""

    def __init__(self, kb: KnowledgeBase, root: Path | None) -> None:
        super().__init__((note.path, note) for note in kb.notes)
        self._root = root  # None: `kb` holds every note there is
        self._people = kb.people

    def __missing__(self, path: str) -> Note | None:
        file = None if self._root is None else self._root / path
        note = None
        if file is not None and file.is_file():
            # Here, not at the top: most runs hold every note and never come here.
            from dlnotes.parse.loader import read_note_text
            from dlnotes.parse.note import parse_note

            text, _ = read_note_text(file, path)
            if text is not None:
                note, _ = parse_note(text, path=path, display=path, people=self._people)
        self[path] = note
        return note


def check_internal(
    kb: KnowledgeBase, root: Path | None = None, *, read_missing: bool = False
) -> list[Problem]:
    """Problems with relative links: missing notes, missing headings, URL typos; with `root`
    (the notes folder), also relative links to files that do not exist, and images whose file
    does not. With `read_missing` (`kb` holds some notes of `root` only, as for `dlnotes lint
    notes/a.md`), a note `kb` does not hold is read from `root` when a link points at it. Not
    so for a site: a note it left out (`exclude_docs`) is no page to link to."""
    problems: list[Problem] = []
    by_path = _NotesOnDisk(kb, root if read_missing else None)
    for note in kb.notes:
        for link in note.links:
            # `is_external` is remembered with the parse: most links are told without the URL.
            if not link.is_external and is_relative(link.url):
                message = _check(by_path, note, link, root)
                if message:
                    problems.append(
                        Problem(link.location.file, link.location.line, message, Severity.ERROR)
                    )
        if root is None:
            continue
        for image in note.images:
            path = unquote(_path_of(image.url.strip()))
            if not path or path.startswith("/") or not is_relative(image.url):
                continue  # an image of the site's own (`/assets/x.png`), or on the web
            if not (root / Path(note.path).parent / path).is_file():
                message = f"image from a missing file {path!r}"
                at = image.location
                problems.append(Problem(at.file, at.line, message, Severity.ERROR))
    return sorted(problems)


def _check(notes: _NotesOnDisk, note: Note, link: Link, root: Path | None) -> str | None:
    url = link.url.strip()
    if not url:
        return "empty link"
    if _URL_TYPO.match(url):
        return f"malformed URL {url!r}: it has no valid scheme (http:// or https://)"
    if url.startswith("#"):
        return _missing_anchor(note, url[1:], url)
    if url.startswith("/"):
        return _absolute_problem(note, url)
    target = resolve_note_link(note.path, url)
    if target is not None:
        other = notes[target]
        if other is None:
            return f"link to a missing note {target!r} ({url})"
        _, _, fragment = url.partition("#")
        return _missing_anchor(other, fragment, url) if fragment else None
    if root is not None:
        path = unquote(_path_of(url))
        if path:
            return _file_problem(root / Path(note.path).parent, path)
    return None


def _absolute_problem(note: Note, url: str) -> str | None:
    """A site-absolute path depends on where the site is served, so it is left alone; but one
    that names a note is broken wherever the notes are read: a site leaves it as written, and
    a repository resolves it from its root, not the notes folder."""
    path = _path_of(url)
    if not path.endswith(".md"):
        return None
    relative = note_link(note.path, path.lstrip("/"))
    relative += url[len(path) :]  # the heading too
    return f"absolute link to a note {url!r}: write it relative to this note, {relative!r}"


def _path_of(url: str) -> str:
    """A relative URL without its query and fragment, still percent-encoded."""
    return url.split("#", 1)[0].split("?", 1)[0]


def _file_problem(folder: Path, path: str) -> str | None:
    """What is wrong with a relative link to a file that is not a note, or None. A folder is
    no page: sites (MkDocs among them) leave such a link as written, to a listing or a 404."""
    target = folder / path
    if target.is_dir():
        index = posixpath.normpath(posixpath.join(path, "index.md"))
        hint = f"; did you mean {index!r}?" if (target / "index.md").is_file() else ""
        return f"link to a folder {path!r}, not to a note{hint}"
    if target.exists():
        return None
    note = path.rstrip("/") + ".md"
    hint = f"; did you mean {note!r}?" if (folder / note).is_file() else ""
    return f"link to a missing file {path!r}{hint}"


def _missing_anchor(note: Note, fragment: str, url: str) -> str | None:
    anchor = unquote(fragment)
    if not anchor or anchor in note.anchors:
        return None
    where = "this note" if url.startswith("#") else f"note {note.path!r}"
    return f"no heading #{anchor} in {where} ({url})"
