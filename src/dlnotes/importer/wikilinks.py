"""Obsidian's `[[wikilinks]]` as Markdown links between notes. A site renders no wikilink (it
shows the brackets) and the model reads none, so a note made from an Obsidian vault would lose
every link between its notes; as Markdown links they are on the site, in backlinks and checked.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

from markdown.extensions.toc import slugify as heading_slug

from dlnotes.importer.clean import blocks, on_unprotected
from dlnotes.model import note_link
from dlnotes.wikilink import WIKILINK
from dlnotes.write.entry import title_markdown
from dlnotes.write.lines import plain_heading


@dataclass
class NoteNames:
    """The notes a wikilink may name, by title and by file name, each with its path."""

    _paths: dict[str, str] = field(default_factory=dict)

    def add(self, title: str | None, path: str) -> None:
        stem = posixpath.splitext(path)[0]
        for name in (title, stem, posixpath.basename(stem)):
            if name:
                self._paths.setdefault(_key(name), path)

    def find(self, name: str) -> str | None:
        name = name.strip()
        return self._paths.get(_key(name.removesuffix(".md")))


def _key(name: str) -> str:
    return plain_heading(name).replace("-", " ").replace("_", " ")


@dataclass(frozen=True)
class Unresolved:
    line: int  # 0-based, in the lines given
    text: str  # the wikilink as written
    target: str  # the name in it: "diagram.png" of "![[diagram.png|300]]"


def unresolved(lines: list[str], names: NoteNames) -> Iterator[Unresolved]:
    """The wikilinks (and embeds) in prose that no note answers to: they stay as written."""
    for block in blocks(lines):
        if block.verbatim:
            continue
        for number, line in enumerate(block.lines, start=block.start):
            if "[[" not in line:
                continue
            for match in _outside_code(line):
                embed, name = match.group(1), match.group(2)
                if embed or (name.strip() and names.find(name) is None):
                    yield Unresolved(number, match.group(0), name.strip())


def resolve(lines: list[str], own_path: str, names: NoteNames) -> list[str]:
    """`lines` of the note at `own_path` with each wikilink to a known note as a Markdown link,
    relative to that note; code, math and the rest are left as written."""
    out: list[str] = []
    for block in blocks(lines):
        if block.verbatim or not any("[[" in line for line in block.lines):
            out.extend(block.lines)
            continue

        def link(match: re.Match[str]) -> str:
            return _markdown_link(match, own_path, names) or match.group(0)

        out.extend(
            on_unprotected(line, lambda text: WIKILINK.sub(link, text)) for line in block.lines
        )
    return out


def _markdown_link(match: re.Match[str], own_path: str, names: NoteNames) -> str | None:
    embed, name, heading, shown = match.groups()
    if embed:
        return None  # a transclusion: no Markdown form says "show that note here"
    anchor = f"#{heading_slug(heading.strip(), '-')}" if heading and heading.strip() else ""
    if not name.strip():
        target = ""  # a heading of this very note
    else:
        path = names.find(name)
        if path is None:
            return None
        target = quote(note_link(own_path, path))
    if not target and not anchor:
        return None
    parts = [part.strip() for part in (name, heading or "") if part.strip()]
    text = (shown or "").strip() or " > ".join(parts)  # as Obsidian shows it
    return f"[{title_markdown(text)}]({target}{anchor})"


def _outside_code(line: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []

    def collect(text: str) -> str:
        found.extend(WIKILINK.finditer(text))
        return text

    on_unprotected(line, collect)
    return found


__all__ = ["NoteNames", "Unresolved", "resolve", "unresolved"]
