"""Tables whose header row has no pipe at either end while a body row starts with one,
where GFM (the model) and Python-Markdown (the site) part. GFM takes a row's outer pipes as
optional, line by line. Python-Markdown looks at the header alone: without a pipe at either
end, a row's leading `|` opens an empty first cell, and the row's last cell, past the
header's count, is dropped with its links (`Name | Link`, `--- | ---`, `| a | [x](…) |`, as
LLM answers and chat exports write them). The page gives such a header a leading pipe
(`dlnotes.pages.tables`), which GFM reads as before.

And paragraphs the site reads as tables: Python-Markdown takes any second line of pipes,
dashes and colons that splits into as many cells as the first line for a delimiter row
(MediaWiki's `|-` under `a | b`, as pandoc leaves it); GFM wants a dash in each cell and
counts a row's outer pipes otherwise. The site then drops the cells past the header's count,
links and all. The page escapes that line's first pipe, so the site reads the paragraph GFM
reads."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from markdown import Markdown
from markdown.extensions.tables import TableProcessor

from dlnotes.parse.tokens import TokenLike, breaks_in

# A line that starts with a pipe, past any indent.
_PIPE_FIRST = re.compile(r"^[ \t]*\|", re.M)


def may_hold_unbordered_headers(text: str) -> bool:
    """Cheap, and false for most notes: whether some line starts with a pipe."""
    return "|" in text and _PIPE_FIRST.search(text) is not None


def unbordered_headers(
    tokens: Sequence[TokenLike], line_text: Callable[[int], str], offset: int
) -> list[int]:
    """The file lines of such tables' header rows, outside quotes. (Each row's own map: the
    Rust port maps a table by its header row alone.)"""
    found: list[int] = []
    header: int | None = None  # the current table's header line, while it may be one
    for token in tokens:
        if token.type == "table_open" and token.map:
            written = line_text(token.map[0]).strip()
            bordered = written.startswith(("|", ">")) or written.endswith("|")
            header = None if bordered else token.map[0]
        elif token.type == "tr_open" and token.map and header is not None:
            row = token.map[0]
            if row > header + 1 and line_text(row).lstrip().startswith("|"):
                found.append(header + offset)
                header = None
    return found


@functools.cache
def _site_tables() -> TableProcessor:
    """The site's own table processor (its test reads no state but the block)."""
    processor = Markdown(extensions=["tables"]).parser.blockprocessors["table"]
    assert isinstance(processor, TableProcessor)
    return processor


def site_only_tables(
    tokens: Sequence[TokenLike], line_text: Callable[[int], str], offset: int
) -> list[int]:
    """The file lines of the second lines of paragraphs, outside quotes, whose first two
    lines the site takes for a table's header and delimiter rows."""
    found: list[int] = []
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or not token.map or index + 1 >= len(tokens):
            continue
        first = token.map[0]
        second = line_text(first + 1)
        if "|" not in second or not any(breaks_in(c) for c in tokens[index + 1].children or []):
            continue
        head = line_text(first)
        if head.lstrip().startswith(">") or "|" not in head:
            continue
        if _site_tables().test(None, f"{head.strip()}\n{second.strip()}"):  # type: ignore[arg-type]
            found.append(first + 1 + offset)
    return found
