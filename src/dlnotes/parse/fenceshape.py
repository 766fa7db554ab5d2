"""Fences whose opening or closing line is indented, where CommonMark (the model) and
pymdownx.superfences (the site) part. CommonMark takes either line indented by up to three
spaces, each on its own, and strips as much indent from the lines inside as the opening
line has. At the top level, superfences closes a fence only at a line indented as its
opening was, and takes an indented opening only when every line inside is indented as much:
otherwise a fence runs on to the next fence line, showing the links between as code, or is
no fence at all, its links shown. A pasted BibTeX entry or an LLM's answer closes with
`  ```` often enough. The page writes such a fence at the margin
(`dlnotes.pages.fences`), which CommonMark reads as before."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dlnotes.parse.tokens import TokenLike

# A fence line indented by a space or more: a note without one has no such fence.
_INDENTED = re.compile(r"^ {1,3}(?:`{3,}|~{3,})", re.M)


def may_indent_fences(text: str) -> bool:
    """Cheap, and false for most notes."""
    return _INDENTED.search(text) is not None


def indented_fences(
    tokens: Sequence[TokenLike], line_text: Callable[[int], str], offset: int
) -> list[tuple[int, int, int]]:
    """Each fence outside any list or quote that its own marker closes, either line of which
    is indented: its first and last file lines, and its opening line's indent. A fence the
    site would not close anyway (a longer marker, none) is the unclosed-fence warning's."""
    found: list[tuple[int, int, int]] = []
    for token in tokens:
        if token.type != "fence" or token.level != 0 or not token.map:
            continue
        start, end = token.map
        opening, closing = line_text(start), line_text(end - 1)
        marker = re.match(r" *(`{3,}|~{3,})", opening)
        if marker is None or end - 1 == start or closing.strip() != marker.group(1):
            continue
        indent = marker.start(1)
        if indent or closing.startswith(" "):
            found.append((start + offset, end - 1 + offset, indent))
    return found
