"""Elements left open: the linear-time answers agree with reading the note block by block."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dlnotes.parse.openelements import _TAG, MOST_NESTED, _MarkdownAfter, open_elements
from dlnotes.parse.tokens import TextLines, TokenLike, markdown_tokens
from dlnotes.problems import Severity
from tests.model.helpers import note_and_problems

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


def test_thousands_of_html_blocks_in_a_row_are_each_found() -> None:
    # What an HTML export can hold: each collapsible section left open before the next one,
    # Markdown only at the end. Reading the later blocks again for each was quadratic. (So
    # many inside each other are past what the site reads: an error, see below.)
    count = 3000
    parsed, problems = note_and_problems(
        "<details><summary>s</summary>\n\n" * count + "[a](https://a.example/)\n"
    )
    assert len(parsed.open_elements) == count
    assert parsed.open_elements[-1] == (4 + 2 * (count - 1), "details")
    assert [link.url for link in parsed.links] == ["https://a.example/"]
    assert [p.line for p in problems if p.severity is Severity.ERROR] == [4 + 2 * MOST_NESTED]


def test_an_element_closed_by_a_later_block_of_the_run_is_not_marked() -> None:
    body = "<div>\n\n<p>x</p>\n\n</div>\n\ntext\n"
    tokens = markdown_tokens(body)
    assert open_elements(tokens, TextLines(body), 0, lambda _: True) == []
    never_closed = body.replace("</div>", "<p>y</p>")
    tokens = markdown_tokens(never_closed)
    assert open_elements(tokens, TextLines(never_closed), 0, lambda _: True) == [(0, "div")]


def test_elements_nested_too_deep_for_the_site_are_an_error_at_the_first_too_deep() -> None:
    section = "<details><summary>More</summary>\n\n[a](https://a.example/)\n\n"
    for count, error_line in [(MOST_NESTED, None), (MOST_NESTED + 1, 4 + 4 * MOST_NESTED)]:
        _, problems = note_and_problems(section * count)
        errors = [p.line for p in problems if p.severity is Severity.ERROR]
        assert errors == ([] if error_line is None else [error_line])
    # Closed where they end, as many sections nest no deeper than one.
    closed = "<details><summary>More</summary>\n\n[a](https://a.example/)\n\n</details>\n\n"
    parsed, problems = note_and_problems(closed * (3 * MOST_NESTED))
    assert len(parsed.open_elements) == 3 * MOST_NESTED
    assert not [p for p in problems if p.severity is Severity.ERROR]
    # Unmarked elements count inside a marked one: the site reads all it holds.
    inside = "<div>\n\n[a](https://a.example/)\n\n" + "<section>\n" * (MOST_NESTED + 5)
    _, problems = note_and_problems(inside)
    assert [p.line for p in problems if p.severity is Severity.ERROR] == [7 + MOST_NESTED]
