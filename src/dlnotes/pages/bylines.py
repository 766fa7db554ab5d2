"""A note's body changed line by line, for the page: the model names file lines."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def each_line(
    markdown: str, first_line: int, lines: Iterable[int], change: Callable[[str], str]
) -> str:
    """`markdown` (a note's body whose first line is line `first_line` of the file) with each
    of the file's `lines` that it holds written `change(line)`."""
    written = markdown.split("\n")
    for line in lines:
        index = line - first_line
        if 0 <= index < len(written):
            written[index] = change(written[index])
    return "\n".join(written)
