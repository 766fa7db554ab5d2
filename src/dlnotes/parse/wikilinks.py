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
- `![[plot.png]]`: the image file of that name (or path), found as a note is; an image of the
  note, shown in the page. `![[plot.png|300]]` is 300 pixels wide, `|300x200` sized, any
  other text its alt text.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable
from urllib.parse import quote

from dlnotes.kinds import guess_kind
from dlnotes.model import Image, Link, Note, WikiLink, note_link
from dlnotes.problems import Problem, Severity
from dlnotes.wikilink import embed_alt


class _Names:
    """Paths inside the notes folder, by themselves and by file name, without case."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.by_path = {path.lower(): path for path in paths}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for path in self.by_path.values():
            self.by_name[posixpath.basename(path).lower()].append(path)

    def find(self, source: str, name: str) -> str | list[str] | None:
        """The path `name` stands for in the note at `source`; the candidates when several
        fit: a name with a folder is a path, from the notes folder or from the note's."""
        folder = posixpath.dirname(source)
        if "/" in name:
            for path in (name, posixpath.normpath(posixpath.join(folder, name))):
                found = self.by_path.get(path.lower().lstrip("/"))
                if found is not None:
                    return found
            return None
        candidates = self.by_name.get(name.lower(), [])
        if len(candidates) > 1:
            beside = [path for path in candidates if posixpath.dirname(path) == folder]
            return beside[0] if len(beside) == 1 else candidates
        return candidates[0] if candidates else None


class _Resolver:
    """Finds what each wikilink of a note names: a note, or for an embed, a file."""

    def __init__(self, notes: list[Note], files: Callable[[], Iterable[str]]) -> None:
        self._notes = {note.path: note for note in notes}
        self._note_names = _Names(self._notes)
        self._list_files = files
        self._file_names: _Names | None = None  # listed at the first embed: few notes have one

    def note(self, source: Note, target: str) -> Note | list[Note] | None:
        if not target:
            return source
        name = target if target.lower().endswith(".md") else f"{target}.md"
        found = self._note_names.find(source.path, name)
        if isinstance(found, list):
            return [self._notes[path] for path in found]
        return None if found is None else self._notes[found]

    def file(self, source: Note, target: str) -> str | list[str] | None:
        if self._file_names is None:
            self._file_names = _Names(self._list_files())
        return self._file_names.find(source.path, target)


def resolve_wikilinks(
    notes: list[Note], files: Callable[[], Iterable[str]] = tuple
) -> tuple[list[Note], list[Problem]]:
    """`notes` with each resolvable wikilink given its URL and added to its note's links (in
    document order), and each embed whose image `files` lists (paths inside the notes folder)
    added to its images; a wikilink that names nothing, or several, is a warning and stays
    text. Notes are replaced, not changed: a remembered parse stays as it was read."""
    if not any(note.wikilinks for note in notes):
        return notes, []
    find = _Resolver(notes, files)
    problems: list[Problem] = []
    resolved: list[Note] = []
    for note in notes:
        if not note.wikilinks:
            resolved.append(note)
            continue
        wikilinks: list[WikiLink] = []
        links: list[tuple[int, Link]] = []  # with the number of its line's links before it
        images: list[Image] = []
        for wikilink in note.wikilinks:
            if wikilink.embed:
                image = find.file(note, wikilink.target)
                if not isinstance(image, str):
                    problems.append(_unresolved(wikilink, image))
                    wikilinks.append(wikilink)
                    continue
                url = quote(note_link(note.path, image))
                wikilinks.append(dataclasses.replace(wikilink, url=url))
                alt = embed_alt(wikilink.shown, posixpath.basename(image))
                images.append(Image(url, alt, wikilink.location))
                continue
            found = find.note(note, wikilink.target)
            if not isinstance(found, Note):
                problems.append(_unresolved(wikilink, [n.path for n in found or []]))
                wikilinks.append(wikilink)
                continue
            url = _url(note, found, wikilink.heading)
            wikilinks.append(dataclasses.replace(wikilink, url=url))
            link = Link(
                url=url,
                title=wikilink.shown,
                location=wikilink.location,
                headings=wikilink.headings,
                kind=guess_kind(url, wikilink.shown),
                anchor=wikilink.anchor,
            )
            links.append((wikilink.links_before, link))
        in_order = _in_document_order(note.links, links)
        shown = sorted([*note.images, *images], key=lambda image: image.location.line)
        resolved.append(
            dataclasses.replace(note, links=in_order, images=shown, wikilinks=tuple(wikilinks))
        )
    return resolved, problems


def _in_document_order(links: list[Link], placed: list[tuple[int, Link]]) -> list[Link]:
    """`links` with the `placed` ones among them: each on its line after as many of the
    line's links as it says."""
    keyed: list[tuple[tuple[int, int, int], Link]] = []
    on_line: dict[int, int] = {}
    for link in links:
        line = link.location.line
        index = on_line[line] = on_line.get(line, -1) + 1
        keyed.append(((line, index, 1), link))
    keyed += [((link.location.line, before, 0), link) for before, link in placed]
    keyed.sort(key=lambda pair: pair[0])  # stable: wikilinks of one place in their order
    return [link for _, link in keyed]


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
    if anchor:
        return f"{path}#{anchor}"
    # Imported here: a rerun whose parses are all remembered never loads Python-Markdown.
    from markdown.extensions.toc import slugify

    return f"{path}#{slugify(heading, '-')}"


def _unresolved(wikilink: WikiLink, found: list[str] | str | None) -> Problem:
    where = wikilink.location
    what = "files" if wikilink.embed else "notes"
    if found:
        paths = ", ".join(found)
        example = found[0] if wikilink.embed else found[0].removesuffix(".md")
        message = (
            f"{wikilink.written} could name several {what} ({paths}): write the path, e.g. "
            f"{'!' if wikilink.embed else ''}[[{example}]]"
        )
    elif wikilink.embed:
        message = (
            f"{wikilink.written} names no file here, so the page shows no image (it shows "
            "the embed as written): name an image in the notes folder by its file name"
        )
    else:
        message = (
            f"{wikilink.written} names no note here, so it links nothing (the site shows it "
            "as written): name a note by its file name, e.g. [[general]] for general.md"
        )
    return Problem(where.file, where.line, message, Severity.WARNING)
