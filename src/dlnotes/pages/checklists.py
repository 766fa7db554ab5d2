"""Checklists as task lists: a plain list the parser read as a Checklist gets `[ ]` boxes, so
pymdownx.tasklist renders it with checkboxes. The note on disk is not changed."""

from __future__ import annotations

import re

from dlnotes.model import Note

_ITEM = re.compile(r"^(?P<marker>\s*(?:[-*+]|\d+[.)])\s+)(?!\[[ xX]\]\s)")


def checklists_as_tasks(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file; each
    plain item of each checklist, found at its line, becomes an unchecked task."""
    lines = markdown.split("\n")
    for checklist in note.checklists:
        for item in checklist.items:
            if item.checked is not None:
                continue  # already a task list item
            index = item.line - first_line
            if 0 <= index < len(lines):
                lines[index] = _ITEM.sub(r"\g<marker>[ ] ", lines[index], count=1)
    return "\n".join(lines)
