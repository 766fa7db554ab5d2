"""Elements left open: the linear-time answers agree with reading the note block by block."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dlnotes.parse.openelements import _TAG, _MarkdownAfter, open_elements
from dlnotes.parse.tokens import TokenLike, markdown_tokens
from tests.model.helpers import note

_PIECES = [
    "<div>",
    "</div>",
    "<div><div>",
    "</div></div>",
    "<details><summary>s</summary>",
    "</details>",
    "<div markdown>",
    "<section>",
    "</section>",
    "<p>closed</p>",
    "text",
    "- [a](https://a.example/)",
    "> quoted",
    "",
    "",
]


def _markdown_after_by_scanning(tokens: Sequence[TokenLike], index: int, tag: str) -> bool:
    """The plain reading: walk the blocks after `index` until Markdown, the note's end or the
    closing tag that closes the element."""
    depth = 0
    for token in tokens[index + 1 :]:
        if token.level or token.nesting < 0:
            continue
        if token.type != "html_block":
            return True
        for match in _TAG.finditer(token.content):
            if match["tag"] and match["tag"].lower() == tag:
                depth += 1
            elif match["closing"] and match["closing"].lower() == tag:
                depth -= 1
                if depth < 0:
                    return False
    return False


@settings(max_examples=1000, deadline=None, database=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=16))
@example(["<div>", "", "</div>", "", "text"])  # closed by the run's next block
@example(["<div>", "", "<div>", "", "</div>", "", "text"])  # the next one nests: still open
def test_markdown_after_an_html_block_is_what_scanning_the_rest_finds(pieces: list[str]) -> None:
    tokens = markdown_tokens("\n".join(pieces) + "\n")
    markdown_after = _MarkdownAfter(tokens)
    for index, token in enumerate(tokens):
        if token.type == "html_block" and token.level == 0:
            for tag in ("div", "details", "section", "p"):
                expected = _markdown_after_by_scanning(tokens, index, tag)
                assert markdown_after(index, tag) is expected, (index, tag)


def test_thousands_of_html_blocks_in_a_row_are_each_marked() -> None:
    # What an HTML export can hold: each collapsible section left open before the next one,
    # Markdown only at the end. Reading the later blocks again for each was quadratic.
    count = 3000
    body = "<details><summary>s</summary>\n\n" * count + "[a](https://a.example/)\n"
    parsed = note(body)
    assert len(parsed.open_elements) == count
    assert parsed.open_elements[-1] == (4 + 2 * (count - 1), "details")
    assert [link.url for link in parsed.links] == ["https://a.example/"]


def test_an_element_closed_by_a_later_block_of_the_run_is_not_marked() -> None:
    body = "<div>\n\n<p>x</p>\n\n</div>\n\ntext\n"
    tokens = markdown_tokens(body)
    assert open_elements(tokens, body, 0, lambda _: True) == []
    never_closed = body.replace("</div>", "<p>y</p>")
    tokens = markdown_tokens(never_closed)
    assert open_elements(tokens, never_closed, 0, lambda _: True) == [(0, "div")]
