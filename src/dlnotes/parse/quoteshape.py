"""Quotes one blank line apart, where CommonMark (the model) and Python-Markdown (the site)
part: CommonMark reads two quotes, as GitHub and Obsidian show them; Python-Markdown runs the
second into the first, whatever blank lines lie between. A page of quotes, each with its source,
would show as one. The site keeps them apart with what it is told here
(`dlnotes.pages.lists.separate_lists`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dlnotes.parse.tokens import TokenLike

# A line that starts a quote, loosely: a note without one has no quotes to keep apart.
_QUOTE_LINE = re.compile(r"\n[ \t]*>")


def may_adjoin_quotes(text: str) -> bool:
    """Cheap, and false for most notes."""
    return _QUOTE_LINE.search("\n" + text) is not None


def adjoining_quotes(tokens: Sequence[TokenLike], offset: int) -> list[int]:
    """The file lines of the quotes, not inside another quote, that follow another quote with
    nothing but blank lines between (two tokens in a row: the one closes, the next opens)."""
    found: list[int] = []
    depth = 0  # quotes open around the current token
    previous = ""
    for token in tokens:
        if token.type == "blockquote_open":
            if depth == 0 and previous == "blockquote_close" and token.map:
                found.append(token.map[0] + offset)
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        previous = token.type
    return found
