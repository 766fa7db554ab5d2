"""The knowledge base as a Netscape bookmark file, the format every browser imports: a folder
per note, a sub-folder per section, a link's annotation as its description."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from dlnotes.model import KnowledgeBase, Link, Note

HEADER = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file.
     It will be read and overwritten.
     DO NOT EDIT! -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
"""


@dataclass
class _Folder:
    name: str
    links: list[Link] = field(default_factory=list)
    folders: dict[str, _Folder] = field(default_factory=dict)


def to_netscape(kb: KnowledgeBase) -> str:
    """Every external link of every note, in note and document order."""
    out = [HEADER, "<DL><p>\n"]
    for note in kb.notes:
        folder = _note_folder(note)
        if folder.links or folder.folders:
            _write_folder(out, folder, note, kb, 1, _epoch(note.created or note.updated))
    out.append("</DL><p>\n")
    return "".join(out)


def _note_folder(note: Note) -> _Folder:
    root = _Folder(note.title or note.path)
    for link in note.links:
        if not link.is_external:
            continue
        headings = list(link.headings)
        # A note's own top heading repeats its title: it is the note's folder, not a section.
        if headings and headings[0].strip().casefold() == root.name.strip().casefold():
            headings = headings[1:]
        folder = root
        for heading in headings:
            folder = folder.folders.setdefault(heading, _Folder(heading))
        folder.links.append(link)
    return root


def _write_folder(
    out: list[str], folder: _Folder, note: Note, kb: KnowledgeBase, depth: int, added: str
) -> None:
    pad = "    " * depth
    out.append(f"{pad}<DT><H3{added}>{escape(folder.name)}</H3>\n{pad}<DL><p>\n")
    tags = f' TAGS="{escape(",".join(note.tags))}"' if note.tags else ""
    for link in folder.links:
        out.append(
            f'{pad}    <DT><A HREF="{escape(link.url)}"{added}{tags}>{escape(link.title)}</A>\n'
        )
        description = _description(link, kb)
        if description:
            out.append(f"{pad}    <DD>{escape(description)}\n")
    for child in folder.folders.values():
        _write_folder(out, child, note, kb, depth + 1, added)
    out.append(f"{pad}</DL><p>\n")


def _description(link: Link, kb: KnowledgeBase) -> str:
    parts = [" ".join(link.annotation.split())] if link.annotation else []
    if link.attribution:
        person = kb.person(link.attribution)
        parts.append(f"(per {person.name if person else link.attribution})")
    return " ".join(parts)


def _epoch(day: dt.date | None) -> str:
    if day is None:
        return ""
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return f' ADD_DATE="{int(moment.timestamp())}"'
