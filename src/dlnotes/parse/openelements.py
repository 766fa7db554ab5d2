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
from collections.abc import Callable, Iterable, Sequence

from markdown.util import BLOCK_LEVEL_ELEMENTS

from dlnotes.parse.blocks import OPEN_TAG, asks_for_markdown
from dlnotes.parse.tokens import LineCount, TextLines, TokenLike

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
# The elements Python-Markdown keeps as raw HTML when a line starts with one, with what follows,
# past blank lines, until every element opened in it is closed: its own list, less `hr` (which
# closes nothing) and those CommonMark also reads up to their closing tag.
_RAW_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS) - {"hr", "pre", "script", "style", "textarea"}
# The elements that never have content nor a closing tag (HTML's void elements): an `<img>` or a
# `<br>` inside a `<div>` opens nothing Python-Markdown's parser waits to see closed.
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_LINE_START_TAG = re.compile(r"^ {0,3}<([A-Za-z][\w-]*)", re.MULTILINE)
_CLOSE_TAG = re.compile(r"</(?P<closing>[A-Za-z][\w-]*)\s*>")
_TAG = re.compile(rf"{OPEN_TAG.pattern}|{_CLOSE_TAG.pattern}")


def may_hold_open_elements(text: str) -> bool:
    """Cheap, and false for most notes: whether a line of `text` starts with an element the
    site keeps as raw HTML."""
    return "<" in text and any(
        found[1].lower() in _RAW_TAGS for found in _LINE_START_TAG.finditer(text)
    )


def unclosed(html: str) -> list[tuple[str, int]]:
    """The block-level elements `html` opens and leaves open, outermost first: each one's tag
    (lowercased) and the line of `html` it opens on, from 0. None already marked `markdown`."""
    opened: list[tuple[str, int, bool]] = []  # tag, line, marked `markdown` already
    line_of = LineCount(html)
    for match in _TAG.finditer(html):
        if match["tag"] and match["tag"].lower() in _BLOCK_TAGS:
            line = line_of(match.start())
            opened.append((match["tag"].lower(), line, asks_for_markdown(match["attrs"])))
        elif match["closing"] and opened and opened[-1][0] == match["closing"].lower():
            opened.pop()
    return [(tag, line) for tag, line, marked in opened if not marked]


def open_elements(
    tokens: Sequence[TokenLike], lines: TextLines, offset: int, raw: Callable[[int], bool]
) -> list[tuple[int, str]]:
    """The file line and tag of each element that a top-level HTML block opens and a later
    one closes, or nothing in the note (`lines`, the body's) closes, with Markdown between
    them. Left unclosed, the site keeps the rest of the note as raw HTML; marked, md_in_html
    reads it as Markdown inside the element, as a browser reads it on GitHub. `raw` tells
    whether the site keeps raw the HTML block starting on a line of the body (from 0).

    Linear in the note's blocks: a note exported from HTML can hold thousands of HTML blocks
    in a row, and looking through all the later ones for each was quadratic (2,000 `<div>`
    blocks took 3 s)."""
    blocks = [
        (index, token, token.map)
        for index, token in enumerate(tokens)
        if token.type == "html_block" and token.level == 0 and token.map and raw(token.map[0])
    ]
    found: list[tuple[int, str]] = []
    if not blocks:
        return found
    # Made when first needed: most notes' HTML blocks leave nothing open.
    holds_markdown: _MarkdownAfter | None = None
    closed_later: list[frozenset[str]] | None = None
    for position, (index, token, (start, end)) in enumerate(blocks):
        waiting = unclosed(token.content)
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if waiting and after is not None and _nothing_between(lines.lines, token, after):
            # Another HTML block right after it: an element that holds Markdown further down
            # all the same (a collapsible section in another) is still one to mark.
            holds_markdown = holds_markdown or _MarkdownAfter(tokens)
            waiting = [(tag, line) for tag, line in waiting if holds_markdown(index, tag)]
        if not waiting:
            continue
        if closed_later is None:
            closed_later = _closed_after(token for _, token, _ in blocks)
        closed = closed_later[position]
        after_block = lines.lines_from(end)
        found += [
            (start + offset + line, tag)
            for tag, line in waiting
            if tag in closed or _closing_at(after_block, tag) is None
        ]
    return found


# md_in_html reads what a marked element holds by calling itself once more for each element
# inside it, marked or not: 1,000 `<details>` inside one marked `<div>` exhaust Python's
# recursion and stop a build (1,000 unmarked ones alone do not).
MOST_NESTED = 100


def nested_too_deep(
    tokens: Sequence[TokenLike], found: Sequence[tuple[int, str]], offset: int
) -> tuple[int, str] | None:
    """The file line and tag of the first element that opens `MOST_NESTED` deep inside an
    element of `found` (see `open_elements`), following the block-level elements of the
    note's top-level HTML blocks (one left open holds all that comes after it, until its
    closing tag); None when none does."""
    marked = set(found)
    held: list[tuple[str, bool]] = []  # the elements open here, outermost first; marked?
    outermost: list[int] = []  # where in `held` each marked one is
    for token in tokens:
        if token.type != "html_block" or token.level or not token.map:
            continue
        line_of = LineCount(token.content)
        for match in _TAG.finditer(token.content):
            if match["tag"] and match["tag"].lower() in _BLOCK_TAGS:
                tag = match["tag"].lower()
                at = (token.map[0] + offset + line_of(match.start()), tag)
                if outermost and len(held) - outermost[0] >= MOST_NESTED:
                    return at
                if at in marked:
                    outermost.append(len(held))
                held.append((tag, at in marked))
            elif match["closing"] and held and held[-1][0] == match["closing"].lower():
                _, was_marked = held.pop()
                if was_marked:
                    outermost.pop()
    return None


def _closed_after(blocks: Iterable[TokenLike]) -> list[frozenset[str]]:
    """For each of `blocks`, the tags (lowercased) that the blocks after it close."""
    closing = [
        frozenset(match["closing"].lower() for match in _CLOSE_TAG.finditer(block.content))
        for block in blocks
    ]
    later: list[frozenset[str]] = [frozenset()] * len(closing)
    for position in range(len(closing) - 2, -1, -1):
        later[position] = later[position + 1] | closing[position + 1]
    return later


class _MarkdownAfter:
    """Whether Markdown comes after the HTML block `tokens[index]` before the `<tag>` it
    leaves open is closed (or the note ends): top-level blocks other than HTML ones. (Only
    asked when HTML blocks follow it with nothing but blank lines between the first two.)

    Each answer in constant time: per run of HTML blocks in a row and per tag, one pass
    counts how deep in that element each of the run's tags leaves the reader, and the
    lowest depth from each tag on tells whether one closes the element."""

    def __init__(self, tokens: Sequence[TokenLike]) -> None:
        self._tokens = tokens
        self._runs: list[list[int]] = []  # the token indexes of each run's HTML blocks
        self._ends_in_markdown: list[bool] = []  # a top-level block other than HTML ends it
        self._run_of: dict[int, int] = {}
        self._depths: dict[tuple[int, str], tuple[dict[int, int], list[int], list[int]]] = {}
        in_run = False
        for index, token in enumerate(tokens):
            if token.level or token.nesting < 0:
                continue
            if token.type != "html_block":
                if in_run:
                    self._ends_in_markdown[-1] = True
                    in_run = False
                continue
            if not in_run:
                self._runs.append([])
                self._ends_in_markdown.append(False)
                in_run = True
            self._runs[-1].append(index)
            self._run_of[index] = len(self._runs) - 1

    def __call__(self, index: int, tag: str) -> bool:
        run = self._run_of[index]
        seen, depth, lowest = self._depths_in(run, tag)
        at = seen[index]  # the tags read up to the end of this block
        if at + 1 < len(depth) and lowest[at + 1] < depth[at]:
            return False  # a later block of the run closes the element first
        return self._ends_in_markdown[run]

    def _depths_in(self, run: int, tag: str) -> tuple[dict[int, int], list[int], list[int]]:
        """How many of `tag`'s opening and closing tags the run has read by the end of each
        of its blocks; the depth after each of those tags (from 0); the lowest depth from
        each one on."""
        known = self._depths.get((run, tag))
        if known is not None:
            return known
        seen: dict[int, int] = {}
        depth = [0]
        for index in self._runs[run]:
            for match in _TAG.finditer(self._tokens[index].content):
                if match["tag"] and match["tag"].lower() == tag:
                    depth.append(depth[-1] + 1)
                elif match["closing"] and match["closing"].lower() == tag:
                    depth.append(depth[-1] - 1)
            seen[index] = len(depth) - 1
        lowest = depth[:]
        for at in range(len(lowest) - 2, -1, -1):
            lowest[at] = min(lowest[at], lowest[at + 1])
        self._depths[run, tag] = known = (seen, depth, lowest)
        return known


def _nothing_between(lines: Sequence[str], block: TokenLike, after: TokenLike) -> bool:
    """Whether only blank lines part an HTML block from the HTML block `after` it. Reference
    definitions make no token: a collapsed "References" section holding only those is
    Markdown between two HTML blocks all the same, which the site must read to resolve them."""
    if after.type != "html_block" or not (block.map and after.map):
        return False
    return not any(line.strip() for line in lines[block.map[1] : after.map[0]])


def kept_raw(
    tokens: Sequence[TokenLike],
    lines: TextLines,
    marked: Sequence[tuple[int, str]],
    offset: int,
    raw: Callable[[int], bool],
    until: int,
) -> list[tuple[int, int, int, str]]:
    """For each top-level HTML block after which the site keeps raw HTML going, past the
    blank line where CommonMark ends it: the file line of the element that keeps it open, the
    file lines where Markdown would start and where the raw HTML ends (the line that closes
    the element, or the note's last), and the element's tag. Elements in `marked` (see
    `open_elements`) are read as Markdown, not kept; `raw` as for `open_elements`.

    `until` is the last file line the caller looks at (its last link): raw HTML going on
    past it is said to end with the note, and blocks after it are not looked at. Followed
    to the end from every block, a note of thousands of HTML blocks took seconds."""
    found = []
    marked_at = set(marked)
    for token in tokens:
        if token.type != "html_block" or token.level or not token.map or not raw(token.map[0]):
            continue
        if token.map[1] + offset > until:
            break  # Markdown after this block starts past all the caller looks at
        start = _LINE_START_TAG.match(token.content)
        if start is None or start[1].lower() not in _RAW_TAGS:
            continue  # no raw HTML to the site: CommonMark's `<span>` line, say
        kept = [
            (tag, line)
            for tag, line in _left_open(token.content)
            if (token.map[0] + offset + line, tag) not in marked_at
        ]
        if not kept:
            continue
        looked_at = lines.lines_from(token.map[1], until - offset + 1)
        end = _raw_end(looked_at, [tag for tag, _ in kept])
        end = len(lines.lines) - 1 if end is None else token.map[1] + end
        tag, line = kept[0]
        found.append((token.map[0] + offset + line, token.map[1] + offset, end + offset, tag))
    return found


def _left_open(html: str) -> list[tuple[str, int]]:
    """The elements Python-Markdown's HTML parser holds open at the end of `html`, a block
    that starts with an element it keeps raw, outermost first: each one's tag and line (from
    0)."""
    opened: list[tuple[str, int]] = []
    line_of = LineCount(html)
    for match in _TAG.finditer(html):
        _follow(match, opened, line_of(match.start()))
    return opened


def _raw_end(rest: str, opened: list[str]) -> int | None:
    """The line (from 0) of `rest`, the lines after a block that leaves the elements
    `opened` open, on which the parser has closed them all; None if it never does."""
    held = [(tag, 0) for tag in opened]
    for match in _TAG.finditer(rest):
        _follow(match, held, 0)
        if not held:
            return rest.count("\n", 0, match.start())
    return None


def _follow(match: re.Match[str], opened: list[tuple[str, int]], line: int) -> None:
    """Python-Markdown's HTML parser's elements open (`opened`) after the tag `match`. Once
    they are all closed, only an element it keeps raw starts raw HTML again."""
    if match["tag"]:
        tag = match["tag"].lower()
        if not (tag in _VOID or match[0].endswith("/>") or (not opened and tag not in _RAW_TAGS)):
            opened.append((tag, line))
    elif any(tag == match["closing"].lower() for tag, _ in opened):
        # A closing tag closes what was opened inside its element too.
        while opened.pop()[0] != match["closing"].lower():
            pass


def _closing_at(rest: str, tag: str) -> int | None:
    """The line (from 0) of `rest` where `tag` is first closed, or None."""
    found = re.search(rf"</{tag}\s*>", rest, re.IGNORECASE)
    return None if found is None else rest.count("\n", 0, found.start())
