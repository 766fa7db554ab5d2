"""Tables as the model reads them: a header row without outer pipes, over rows that start
with one, gets a leading pipe, so the site splits the rows as GFM does; a paragraph the site
alone would take for a table gets its second line's first pipe escaped (see
`dlnotes.parse.tableshape`). The note on disk is not changed."""

from __future__ import annotations

from dlnotes.model import Note
from dlnotes.pages.bylines import each_line


def headers_bordered(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file."""
    if note.site_only_tables:  # a paragraph to GFM: no table to the site either
        markdown = each_line(markdown, first_line, note.site_only_tables, _escaped_pipe)
    if not note.unbordered_headers:
        return markdown
    return each_line(markdown, first_line, note.unbordered_headers, _bordered)


def _escaped_pipe(text: str) -> str:
    return text.replace("|", "\\|", 1)


def _bordered(text: str) -> str:
    lead = len(text) - len(text.lstrip())
    return f"{text[:lead]}| {text[lead:]}"
