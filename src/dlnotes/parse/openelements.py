"""HTML elements left open around Markdown, as GitHub's collapsible sections are written:

    <details><summary>More</summary>

    - [a link](https://…)

    </details>

CommonMark ends the HTML block at the blank line, so what follows is Markdown (the model reads
its links, GitHub shows them). Python-Markdown, which renders the site, keeps everything up to
`</details>` as raw HTML, so the page would show `[a link](https://…)` as text, unless the
element is marked `markdown` (the `md_in_html` extension). The site marks the elements found
here (`dlnotes.pages.lists`); the note on disk is not changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dlnotes.parse.blocks import OPEN_TAG, asks_for_markdown
from dlnotes.parse.tokens import TokenLike

# Block-level elements that Python-Markdown's md_in_html opens up when marked `markdown`.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "header",
        "main",
        "nav",
        "section",
    ]
)
_CLOSE_TAG = re.compile(r"</(?P<closing>[A-Za-z][\w-]*)\s*>")
_TAG = re.compile(rf"{OPEN_TAG.pattern}|{_CLOSE_TAG.pattern}")


def may_hold_open_elements(text: str) -> bool:
    """Cheap, and false for most notes: whether `text` closes a block element at a line's
    start."""
    return "\n</" in text and any(
        found["closing"].lower() in _BLOCK_TAGS for found in _CLOSE_TAG.finditer(text)
    )


def unclosed(html: str) -> list[tuple[str, int]]:
    """The block-level elements `html` opens and leaves open, outermost first: each one's tag
    (lowercased) and the line of `html` it opens on, from 0. None already marked `markdown`."""
    opened: list[tuple[str, int, bool]] = []  # tag, line, marked `markdown` already
    for match in _TAG.finditer(html):
        if match["tag"] and match["tag"].lower() in _BLOCK_TAGS:
            line = html.count("\n", 0, match.start())
            opened.append((match["tag"].lower(), line, asks_for_markdown(match["attrs"])))
        elif match["closing"] and opened and opened[-1][0] == match["closing"].lower():
            opened.pop()
    return [(tag, line) for tag, line, marked in opened if not marked]


def open_elements(tokens: Sequence[TokenLike], offset: int) -> list[tuple[int, str]]:
    """The file line and tag of each element that a top-level HTML block opens and a later
    one closes, with Markdown between them."""
    blocks = [
        (index, token, token.map[0])
        for index, token in enumerate(tokens)
        if token.type == "html_block" and token.level == 0 and token.map
    ]
    found: list[tuple[int, str]] = []
    for position, (index, token, start) in enumerate(blocks):
        waiting = unclosed(token.content)
        followed_by_html = index + 1 < len(tokens) and tokens[index + 1].type == "html_block"
        if not waiting or followed_by_html:
            continue  # nothing open, or no Markdown right after it
        later = "".join(other.content for _, other, _ in blocks[position + 1 :])
        closed = {match["closing"].lower() for match in _CLOSE_TAG.finditer(later)}
        found += [(start + offset + line, tag) for tag, line in waiting if tag in closed]
    return found
