"""`commonmark_link_end` against markdown-it itself, on destinations made of the characters
that decide where a link ends: the new warning must never fire on a link the model reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dlnotes.parse.parenurls import commonmark_link_end

_PIECES = ["(", ")", " ", "\t", "\n", '"', "'", "<", ">", "\\", "a", "/", "x y", "https://e/"]
_INLINE = MarkdownIt("commonmark")


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_a_link_ends_where_markdown_it_ends_it(pieces: list[str]) -> None:
    text = "[t](" + "".join(pieces)
    children = _INLINE.parseInline(text)[0].children or []
    reads_a_link = bool(children) and children[0].type == "link_open"
    assert (commonmark_link_end(text, 4) is not None) == reads_a_link
