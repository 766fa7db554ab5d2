"""Where an item sits in its note: the heading it falls under, as an anchor and as words."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from dlnotes.model import Heading, Note

UrlFor = Callable[[str, str | None], str]
"""Maps a note path and an optional anchor to the URL a generated page should link to."""


def heading_at(note: Note, line: int) -> Heading | None:
    """The last heading at or above `line` (headings are in document order). By bisection:
    the site asks this of every link, and a long note has many headings."""
    under = bisect.bisect_right(note.headings, line, key=lambda heading: heading.line)
    return note.headings[under - 1] if under else None


def place_label(note: Note, line: int) -> str:
    """ "General › Reading list": the note's title and the heading an item falls under."""
    heading = heading_at(note, line)
    if heading is None or heading.level == 1:
        return note.title
    return f"{note.title} › {heading.text}"


def anchor_at(note: Note, line: int) -> str | None:
    heading = heading_at(note, line)
    return None if heading is None or heading.level == 1 else heading.anchor
