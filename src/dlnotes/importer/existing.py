"""The notes already in the target folder, as the importer needs them: text, title and URLs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dlnotes.importer.links import find_links, normalized
from dlnotes.write import Snapshot, read_text
from dlnotes.write.lines import front_matter_end, split_lines


@dataclass
class ExistingNote:
    path: str  # relative to the notes folder, forward slashes
    text: str
    snapshot: Snapshot
    title: str | None
    urls: set[str] = field(default_factory=set)


def read_notes(folder: Path) -> list[ExistingNote]:
    notes: list[ExistingNote] = []
    if not folder.is_dir():
        return notes
    for file in sorted(folder.rglob("*.md")):
        relative = file.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        try:
            text, snapshot = read_text(file)
        except UnicodeDecodeError:
            # Not ours to judge here: `dlnotes lint` reports it; the importer leaves it alone.
            continue
        urls = {normalized(link.url) for link in find_links(text)}
        notes.append(ExistingNote(relative, text, snapshot, _title(text), urls))
    return notes


def _title(text: str) -> str | None:
    lines = split_lines(text)
    end = front_matter_end(lines)
    if not end:
        return None
    try:
        data = yaml.safe_load("".join(lines[1 : end - 1]))
    except yaml.YAMLError:
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else None
