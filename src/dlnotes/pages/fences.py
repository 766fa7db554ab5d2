"""Fences as the model reads them: one whose opening or closing line is indented is written
at the margin, the lines inside with as much indent gone as CommonMark takes from them (see
`dlnotes.parse.fenceshape`). The note on disk is not changed."""

from __future__ import annotations

from dlnotes.model import Note


def fences_at_margin(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file."""
    if not note.indented_fences:
        return markdown
    lines = markdown.split("\n")
    for first, last, indent in note.indented_fences:
        start, end = first - first_line, last - first_line
        if not 0 <= start < end < len(lines):
            continue
        lines[start] = lines[start].lstrip(" ")
        for index in range(start + 1, end):
            line = lines[index]
            lines[index] = line[min(indent, len(line) - len(line.lstrip(" "))) :]
        lines[end] = lines[end].lstrip(" ")
    return "\n".join(lines)
