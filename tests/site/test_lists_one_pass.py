"""The page's one-pass answers give what looking through the page for each line or item
finds: where each `<details>` closes, which item holds each item."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dlnotes.model import ListItemBlock, Note
from dlnotes.pages.lists import (
    _DETAILS_CLOSE,
    _DETAILS_OPEN,
    _containers,
    _details_closed,
    mark_open_elements,
)
from tests.model.helpers import note


def _closed_by_looking_on(lines: list[str], opened: int) -> int | None:
    depth = 0
    for index in range(opened, len(lines) - 2):
        depth += len(_DETAILS_OPEN.findall(lines[index]))
        depth -= len(_DETAILS_CLOSE.findall(lines[index]))
        if depth <= 0:
            return index
    return None


_LINES = ["<details>", "</details>", "<details><summary>s</summary>x</details>", "text", "", "x"]


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(st.sampled_from(_LINES), max_size=14))
@example(["<details>", "", "</details>", "", "    code"])
@example(["<details>", "<details>", "</details>", "", "</details>", "", ""])
def test_each_line_closes_where_looking_on_from_it_finds(lines: list[str]) -> None:
    closed = _details_closed(lines)
    assert [closed[opened] if opened < len(closed) else None for opened in range(len(lines))] == [
        _closed_by_looking_on(lines, opened) for opened in range(len(lines))
    ]


def test_thousands_of_collapsible_sections_are_each_marked_and_kept_apart_from_code() -> None:
    # Each `<details>` is looked for where it closes: from each one on, that was quadratic.
    count = 3000
    section = "<details><summary>s</summary>\n\n[a](https://a.example/)\n\n</details>\n\n"
    body = (section + "    code after it\n\n") * count
    parsed: Note = note(body)
    page = mark_open_elements(body, parsed, 4)
    assert page.count("<details markdown>") == count
    # pymdownx.details would take each indented block into the section before it.
    assert page.count("</details>\n<!-- -->\n    code after it") == count


_BLOCKS = st.builds(
    lambda line, length, column: ListItemBlock(line, line + length, column),
    st.integers(0, 12),
    st.integers(0, 8),
    st.integers(2, 4),
)


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(_BLOCKS, max_size=12))
def test_each_item_is_held_by_what_looking_through_all_items_finds(
    blocks: list[ListItemBlock],
) -> None:
    # Any spans, nested or not, several on one line: the sweep must not lean on the model's.
    expected = [
        max(
            (p for p in blocks if p.line < block.line <= p.last_line),
            key=lambda p: p.line,
            default=None,
        )
        for block in blocks
    ]
    found = _containers(blocks)
    assert [id(p) if p else None for p in found] == [id(p) if p else None for p in expected]
