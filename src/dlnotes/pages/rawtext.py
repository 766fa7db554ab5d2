"""Text the site would take for a tag written as text (see `parse/rawtext.py`)."""

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


def bare_angles_as_entities(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `swallowing_tags_as_text`; each of the note's `bare_angles` written
    `&lt;`, which shows the `<` and starts no tag."""
    if not note.bare_angles:
        return markdown
    lines = markdown.split("\n")
    for line, written in note.bare_angles:
        index = line - first_line
        if not 0 <= index < len(lines):
            continue
        text = lines[index]
        code = code_spans(text)
        start = find_outside_code(text, written, code)
        while start > 0 and text[start - 1] == "\\":  # an escape's: not the text's `<`
            start = find_outside_code(text, written, [*code, (start, start + 1)])
        if start >= 0:
            lines[index] = f"{text[:start]}&lt;{text[start + 1 :]}"
    return "\n".join(lines)
