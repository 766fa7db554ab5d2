"""Text the site would take for a tag written as text (see `parse/rawtext.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from dlnotes.model import Note
from dlnotes.pages.bylines import each_line
from dlnotes.pages.wikilinks import find_outside_code
from dlnotes.parse.rawtext import BANG_CLOSE
from dlnotes.parse.tokens import code_spans


def swallowing_tags_as_text(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file; each
    of the note's `swallowing_tags` is written `&lt;script>`, which the page shows as the
    note writes it, and which opens no element."""
    if not note.swallowing_tags:
        return markdown
    return _angles_as_entities(markdown, first_line, note.swallowing_tags)


def bare_angles_as_entities(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `swallowing_tags_as_text`; each of the note's `bare_angles` written
    `&lt;`, which shows the `<` and starts no tag."""
    if not note.bare_angles:
        return markdown
    return _angles_as_entities(markdown, first_line, note.bare_angles)


def tag_breaks_trimmed(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `swallowing_tags_as_text`; each of the note's `tag_breaks` written
    without the spaces and tabs at its end, which the site reads as a break inside the tag,
    and which are nothing in it (a tag's whitespace is one space to a browser)."""
    if not note.tag_breaks:
        return markdown
    return each_line(markdown, first_line, note.tag_breaks, lambda line: line.rstrip(" \t"))


def comment_marks_as_read(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `swallowing_tags_as_text`; each of the note's `comment_marks` written
    as CommonMark reads it, so that the site opens and closes comments where it does: `<!-->`
    and `<!--->` as `<!---->`, the empty comment they are (to a browser too); a `--!>` that
    ends no comment to CommonMark as `--!&gt;`, which ends none to the site or a browser."""
    if not note.comment_marks:
        return markdown
    return _rewritten(markdown, first_line, note.comment_marks, _as_read)


def _as_read(mark: str) -> str:
    return "--!&gt;" if mark == BANG_CLOSE else "<!---->"


def _angles_as_entities(markdown: str, first_line: int, found: Iterable[tuple[int, str]]) -> str:
    """`markdown` with the `<` that starts each (file line, text from it) of `found`, the
    first outside code and escapes on its line, written `&lt;`."""
    return _rewritten(markdown, first_line, found, lambda written: f"&lt;{written[1:]}")


def _rewritten(
    markdown: str,
    first_line: int,
    found: Iterable[tuple[int, str]],
    new: Callable[[str], str],
) -> str:
    """`markdown` with each (file line, text) of `found`, the first outside code and escapes
    on its line, written `new(text)`."""
    lines = markdown.split("\n")
    for line, written in found:
        index = line - first_line
        if not 0 <= index < len(lines):
            continue
        text = lines[index]
        skipped = code_spans(text)
        start = find_outside_code(text, written, skipped)
        while start > 0 and text[start - 1] == "\\":  # an escape's: not the text's `<`
            skipped.append((start, start + 1))
            start = find_outside_code(text, written, skipped)
        if start >= 0:
            lines[index] = f"{text[:start]}{new(written)}{text[start + len(written) :]}"
    return "\n".join(lines)
