"""Which note a `[[wikilink]]` names, found as Obsidian finds it, once every note is read.

A note's parse keeps its wikilinks unresolved (the parse is remembered by the note's text
alone, and the note a wikilink names depends on the others). Here each one becomes the
Markdown link it stands for: a link between notes like any other, checked, counted in
backlinks, and written into the page for the site (`dlnotes.pages.lists`).

- `[[general]]`: the note whose file is `general.md`, in any folder (case does not matter);
  if several are, the one beside the linking note, else a warning names them.
- `[[topics/general]]`: that path from the notes folder, or from the linking note's folder.
- `[[general#Setup]]`: the heading whose text is `Setup`; `[[#Setup]]`: in the note itself.
- `[[general|the basics]]`: shows `the basics`.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections import defaultdict
from urllib.parse import quote

from markdown.extensions.toc import slugify

from dlnotes.kinds import guess_kind
from dlnotes.model import Link, Note, WikiLink, note_link
from dlnotes.problems import Problem, Severity


class _Names:
    """The notes by path and by file name, without case."""

    def __init__(self, notes: list[Note]) -> None:
        self.by_path = {note.path.lower(): note for note in notes}
        self.by_stem: dict[str, list[Note]] = defaultdict(list)
        for note in notes:
            self.by_stem[posixpath.basename(note.path).lower()].append(note)

    def find(self, source: Note, target: str) -> Note | list[Note] | None:
        """The note `target` names from `source`; the candidates when several fit."""
        if not target:
            return source
        name = target if target.lower().endswith(".md") else f"{target}.md"
        folder = posixpath.dirname(source.path)
        if "/" in name:
            for path in (name, posixpath.normpath(posixpath.join(folder, name))):
                found = self.by_path.get(path.lower().lstrip("/"))
                if found is not None:
                    return found
            return None
        candidates = self.by_stem.get(name.lower(), [])
        if len(candidates) > 1:
            beside = [n for n in candidates if posixpath.dirname(n.path) == folder]
            return beside[0] if len(beside) == 1 else candidates
        return candidates[0] if candidates else None


def resolve_wikilinks(notes: list[Note]) -> tuple[list[Note], list[Problem]]:
    """`notes` with each resolvable wikilink given its URL and added to its note's links (in
    document order); a wikilink that names no note, or several, is a warning and stays text.
    Notes are replaced, not changed: a remembered parse stays as it was read."""
    if not any(note.wikilinks for note in notes):
        return notes, []
    names = _Names(notes)
    problems: list[Problem] = []
    resolved: list[Note] = []
    for note in notes:
        if not note.wikilinks:
            resolved.append(note)
            continue
        wikilinks: list[WikiLink] = []
        links: list[Link] = []
        for wikilink in note.wikilinks:
            found = names.find(note, wikilink.target)
            if not isinstance(found, Note):
                problems.append(_unresolved(wikilink, found))
                wikilinks.append(wikilink)
                continue
            url = _url(note, found, wikilink.heading)
            wikilinks.append(dataclasses.replace(wikilink, url=url))
            links.append(
                Link(
                    url=url,
                    title=wikilink.shown,
                    location=wikilink.location,
                    headings=wikilink.headings,
                    kind=guess_kind(url, wikilink.shown),
                    anchor=wikilink.anchor,
                )
            )
        in_order = sorted([*note.links, *links], key=lambda link: link.location.line)
        resolved.append(dataclasses.replace(note, links=in_order, wikilinks=tuple(wikilinks)))
    return resolved, problems


def _url(source: Note, target: Note, heading: str | None) -> str:
    """The relative Markdown link from `source` to `target` (and its heading)."""
    if target is source:
        path = "" if heading is not None else quote(posixpath.basename(source.path))
    else:
        path = quote(note_link(source.path, target.path))
    if heading is None:
        return path
    # The heading as the site names it; a heading the note lacks keeps its slug, and the
    # check of links between notes reports it as for any link.
    wanted = heading.strip().lower()
    anchor = next((h.anchor for h in target.headings if h.text.strip().lower() == wanted), None)
    return f"{path}#{anchor or slugify(heading, '-')}"


def _unresolved(wikilink: WikiLink, found: list[Note] | None) -> Problem:
    where = wikilink.location
    if found:
        paths = ", ".join(note.path for note in found)
        message = (
            f"{wikilink.written} could name several notes ({paths}): write the path, e.g. "
            f"[[{found[0].path.removesuffix('.md')}]]"
        )
    else:
        message = (
            f"{wikilink.written} names no note here, so it links nothing (the site shows it "
            "as written): name a note by its file name, e.g. [[general]] for general.md"
        )
    return Problem(where.file, where.line, message, Severity.WARNING)
