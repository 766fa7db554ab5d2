"""Put a draft's new links into an existing note: each in its section, nothing else touched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dlnotes.importer.clean import blocks
from dlnotes.importer.links import find_links, normalized
from dlnotes.write.lines import insert_entry

_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Entry:
    """A list item or paragraph of a draft that holds links, with the section it sits in."""

    section: str | None
    text: str  # one line, the list bullet taken off
    urls: tuple[str, ...]  # normalised


def entries(body: list[str]) -> Iterator[Entry]:
    section: str | None = None
    for block in blocks(body):
        if block.verbatim:
            continue
        current: list[str] = []
        for line in [*block.lines, ""]:
            heading = _HEADING.match(line)
            starts_item = bool(_ITEM.match(line))
            if heading or starts_item or not line.strip():
                if current:
                    entry = _entry(section, current)
                    if entry:
                        yield entry
                current = []
            if heading:
                section = heading.group(2)
            elif line.strip():
                current.append(line)


def _entry(section: str | None, lines: list[str]) -> Entry | None:
    text = " ".join(line.strip() for line in lines)
    text = _ITEM.sub("", text)
    urls = tuple(normalized(link.url) for link in find_links(text))
    return Entry(section, text, urls) if urls else None


def merge(text: str, body: list[str], known: set[str]) -> tuple[str, list[Entry]]:
    """Add each entry of `body` that brings a URL not in `known`; `known` grows as they go in."""
    added: list[Entry] = []
    for entry in entries(body):
        if all(url in known for url in entry.urls):
            continue
        text = insert_entry(text, entry.text, entry.section)
        known.update(entry.urls)
        added.append(entry)
    return text, added
