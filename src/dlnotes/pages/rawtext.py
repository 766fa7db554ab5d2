"""Tags that would swallow the rest of the page written as text (see `parse/rawtext.py`)."""

from __future__ import annotations

from dlnotes.model import Note
from dlnotes.pages.wikilinks import find_outside_code
from dlnotes.parse.tokens import code_spans


def swallowing_tags_as_text(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file; each
    of the note's `swallowing_tags` is written `&lt;script>`, which the page shows as the
    note writes it, and which opens no element."""
    if not note.swallowing_tags:
        return markdown
    lines = markdown.split("\n")
    for line, tag in note.swallowing_tags:
        index = line - first_line
        if not 0 <= index < len(lines):
            continue
        text = lines[index]
        start = find_outside_code(text, tag, code_spans(text))
        if start >= 0:
            lines[index] = f"{text[:start]}&lt;{text[start + 1 :]}"
    return "\n".join(lines)
