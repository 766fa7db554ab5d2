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

from dlnotes.parse.htmllinks import ATTRIBUTE_VALUE
from dlnotes.parse.tokens import TokenLike

# Block-level elements that Python-Markdown's md_in_html opens up when marked `markdown`.
_TAGS = (
    "address|article|aside|blockquote|center|details|div|dl|fieldset|figure|footer|header|main"
    "|nav|section"
)
OPEN_TAG = re.compile(rf"<({_TAGS})((?:\s+[^\s=>/]+(?:\s*=\s*{ATTRIBUTE_VALUE})?)*)\s*>", re.I)
_CLOSE_TAG = re.compile(rf"</({_TAGS})\s*>", re.I)
_MARKDOWN_ATTRIBUTE = re.compile(r"\smarkdown\b", re.I)


def marked_markdown(attributes: str) -> bool:
    """Whether an opening tag's attributes (OPEN_TAG's second group) mark it `markdown`."""
    return _MARKDOWN_ATTRIBUTE.search(attributes or "") is not None


def may_hold_open_elements(text: str) -> bool:
    """Cheap, and false for most notes: whether `text` has a closing tag at a line's start."""
    return "\n</" in text and _CLOSE_TAG.search(text) is not None


def unclosed(html: str) -> list[tuple[str, int]]:
    """The block-level elements `html` opens and leaves open, outermost first: each one's tag
    (lowercased) and the line of `html` it opens on, from 0. None already marked `markdown`."""
    opened: list[tuple[str, int, bool]] = []  # tag, line, marked `markdown` already
    for match in re.finditer(rf"{OPEN_TAG.pattern}|{_CLOSE_TAG.pattern}", html, re.I):
        if match.group(1):
            marked = marked_markdown(match.group(2))
            line = html.count("\n", 0, match.start())
            opened.append((match.group(1).lower(), line, marked))
        elif opened and opened[-1][0] == match.group(3).lower():
            opened.pop()
    return [(tag, line) for tag, line, marked in opened if not marked]


def open_elements(tokens: Sequence[TokenLike], offset: int) -> list[tuple[int, str]]:
    """The file line and tag of each element that a top-level HTML block opens and a later
    one closes, with Markdown between them."""
    blocks = [
        (index, token)
        for index, token in enumerate(tokens)
        if token.type == "html_block" and token.level == 0 and token.map
    ]
    found: list[tuple[int, str]] = []
    for position, (index, token) in enumerate(blocks):
        waiting = unclosed(token.content)
        followed_by_html = index + 1 < len(tokens) and tokens[index + 1].type == "html_block"
        if not waiting or followed_by_html:
            continue  # nothing open, or no Markdown right after it
        later = "".join(other.content for _, other in blocks[position + 1 :])
        first = token.map[0] + offset if token.map else offset
        found += [
            (first + line, tag) for tag, line in waiting if re.search(rf"</{tag}\s*>", later, re.I)
        ]
    return found
