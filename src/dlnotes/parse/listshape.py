"""How a note's lists sit, where CommonMark (the model) and Python-Markdown (the site) part:
lists that adjoin the block before them, and items whose other lines CommonMark indents by the
item's own indent where Python-Markdown wants 4. The site uses these to show the lists as the
model reads them (`dlnotes.pages.lists`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dlnotes.model import AdjoiningList, ListItemBlock
from dlnotes.parse.tokens import TokenLike

LIST_OPEN = ("bullet_list_open", "ordered_list_open")
_LIST_CLOSE = ("bullet_list_close", "ordered_list_close")
# A line indented by other than a multiple of four spaces: only a note with one can hold an
# item whose indent is not Python-Markdown's.
_UNEVEN_INDENT = re.compile(r"^(?: {4})* {1,3}\S", re.MULTILINE)
# A list item's marker, as a pattern to build others from.
MARKER = r"(?:[-*+]|[0-9]{1,9}[.)])"
_MARKER = re.compile(rf"[ \t]*({MARKER})([ \t]*)")

LineText = Callable[[int], str]  # a body line by its index from 0
# An ordered item's marker written `1)`, at the start of its line (past any quote markers).
PAREN_ITEM = re.compile(r"^((?:[ \t]*>[ \t]?)*[ \t]*[0-9]{1,9})\)(?=[ \t]|$)", re.MULTILINE)


# The same, loosely, for a quick look at a whole note: a `\n` to start on runs far faster than
# a multi-line `^`, which is tried at every character.
_PAREN_SOMEWHERE = re.compile(r"\n[ \t>]*[0-9]{1,9}\)")


def may_have_paren_items(text: str) -> bool:
    """Cheap, and false for most notes: whether some line starts like a `1)` item."""
    return _PAREN_SOMEWHERE.search("\n" + text) is not None


def paren_items(tokens: Sequence[TokenLike], line_text: LineText, offset: int) -> list[int]:
    """The file lines of the ordered list items whose marker is `1)`, not `1.`."""
    return [
        token.map[0] + offset
        for token in tokens
        if token.type == "list_item_open"
        and token.map
        and PAREN_ITEM.match(line_text(token.map[0]))
    ]


# The blocks whose last line the site runs a block right under them into, by that block's
# first token: a list or a table into text, a quote's line (CommonMark ended the quote) or
# indented code; a paragraph into a quote CommonMark ended (after a `>` line alone).
_RUNS_INTO = {
    **dict.fromkeys(
        (*LIST_OPEN, "table_open"), ("paragraph_close", "blockquote_close", "code_block")
    ),
    "paragraph_open": ("blockquote_close",),
}
# The blocks after which the site reads indented code as a list item's: a list whose items'
# text starts past column 4, an HTML block holding an item's line.
_ENDS_AN_ITEM = (*_LIST_CLOSE, "html_block")


def adjoining(
    first: int, block: str, before: str, line_text: LineText, offset: int
) -> AdjoiningList | None:
    """The block whose first token is of type `block`, starting on body line `first` (from
    0), after a block whose last token is of type `before`, if the site would run it into
    that block, with the break it needs: after a list (`list`: an empty comment), after a
    line of text as CommonMark reads it (`text`: a blank line), before indented code
    (`code`: an empty comment at the margin)."""
    if block in (*LIST_OPEN, "table_open") and before in _LIST_CLOSE:
        return AdjoiningList(first + offset, "list")
    if block == "code_block":
        return AdjoiningList(first + offset, "code") if before in _ENDS_AN_ITEM else None
    above = line_text(first - 1) if first > 0 else ""
    if block == "fence":
        # Right under an indented line (code, in an item or not) superfences takes no fence;
        # right under a table's row, the site's table takes the fence for a row.
        indented = len(above.expandtabs(4)) - len(above.lstrip()) >= 4
        apart = bool(above.strip()) and (indented or before == "table_close")
    else:
        # Blank to both is spaces and tabs alone: a line of U+00A0 (Dropbox Paper's "empty"
        # paragraph) is text to Markdown and to the site, which lets no list interrupt it.
        apart = bool(above.strip(" \t")) and before in _RUNS_INTO.get(block, ())
    return AdjoiningList(first + offset, "text") if apart else None


def may_nest_unevenly(text: str) -> bool:
    """Whether `text` has a line indented by other than a multiple of four: cheap, and false
    for most notes (most have no indented line at all)."""
    return "\n " in text and _UNEVEN_INDENT.search(text) is not None


def nested_shapes(
    tokens: Sequence[TokenLike], line_text: LineText, lines: int, offset: int
) -> tuple[list[AdjoiningList], list[ListItemBlock]]:
    """The lists nested in items that adjoin the block before them (under an item's first line
    Python-Markdown nests a list by itself), and every list item that spans more than its
    first line; quotes left out. An item ends on the line before the next block or item."""
    starts = [lines] * (len(tokens) + 1)  # the line the next block from each token starts on
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        opens = token.map is not None and token.nesting >= 0
        starts[index] = token.map[0] if opens and token.map else starts[index + 1]
    lists: list[AdjoiningList] = []
    blocks: list[ListItemBlock] = []
    quotes = 0
    items: list[int] = []  # the first lines of the items open around a token
    for index, token in enumerate(tokens):
        if token.type in ("blockquote_open", "blockquote_close"):
            quotes += token.nesting
        elif quotes:
            continue
        elif token.type == "list_item_open" and token.map:
            items.append(token.map[0])
        elif token.type in LIST_OPEN and items and token.map:
            # As at the top level, the token before a block is the last of the block before.
            first, before = token.map[0], tokens[index - 1].type
            found = adjoining(first, token.type, before, line_text, offset)
            if found is not None and (found.after == "list" or first - 1 != items[-1]):
                lists.append(found)
        elif token.type == "list_item_close" and items:
            block = _item_block(items.pop(), starts[index + 1] - 1, line_text, offset)
            if block is not None:
                blocks.append(block)
    return lists, blocks


def _item_block(first: int, last: int, line_text: LineText, offset: int) -> ListItemBlock | None:
    marker = _MARKER.match(line_text(first))
    if marker is None:
        return None
    spaces = len(marker.group(2).expandtabs(4))
    column = len(marker.group(1)) + (spaces if 0 < spaces <= 4 else 1)
    # What the tokens do not show (a reference definition makes none) can lie past the item:
    # after a blank line, a line indented less than the item's content is not the item's.
    content = marker.start(1) + column
    blank = False
    for index in range(first + 1, last + 1):
        text = line_text(index)
        if blank and text.strip() and len(text) - len(text.lstrip()) < content:
            last = index - 1
            break
        blank = not text.strip()
    while last > first and not line_text(last).strip():
        last -= 1
    return ListItemBlock(first + offset, last + offset, column) if last > first else None
