"""Lists as the model reads them. CommonMark lets a list start on the line after a paragraph,
or right after a list with another marker; Python-Markdown, which renders the site, runs the
first into the paragraph (its items shown as text with their markers) and the second into the
list before it. A blank line, or an empty HTML comment between the two lists, makes it read
them as the model does; the comment also keeps apart two quotes a blank line apart, which it
would run into one. CommonMark also nests a list, or a paragraph, in an item by the item's
own indent (2 for "- "); Python-Markdown wants 4, so the item's other lines are indented to
that. It knows no `1)` marker, which becomes `1.`, and keeps the Markdown inside an element
left open (`<details>`, a blank line, Markdown) as raw HTML unless the element is marked
`markdown`. The note on disk is not changed."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from dlnotes.model import ListItemBlock, Note
from dlnotes.pages.bylines import each_line
from dlnotes.pages.checklists import checklists_as_tasks
from dlnotes.pages.fences import fences_at_margin
from dlnotes.pages.rawtext import (
    bare_angles_as_entities,
    comment_marks_as_read,
    swallowing_tags_as_text,
    tag_breaks_trimmed,
)
from dlnotes.pages.tables import headers_bordered
from dlnotes.pages.wikilinks import bracketed_as_references, wikilinks_as_links
from dlnotes.parse.blocks import OPEN_TAG, asks_for_markdown, is_block_header
from dlnotes.parse.listshape import PAREN_ITEM

# Python-Markdown ends a list at an HTML block; an empty comment shows nothing on the page.
_LIST_BREAK = "<!-- -->"
_FENCE = re.compile(r"\s*(`{3,}|~{3,})\s*$")
_DETAILS_OPEN = re.compile(r"<details\b", re.IGNORECASE)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)


def rewrites(note: Note) -> bool:
    """Whether `site_markdown` changes anything of this note: most notes it does not."""
    return bool(
        note.checklists
        or note.adjoining_lists
        or note.item_blocks
        or note.paren_items
        or note.open_elements
        or note.adjoining_quotes
        or note.indented_fences
        or note.unbordered_headers
        or note.site_only_tables
        or note.bracketed_references
        or note.swallowing_tags
        or note.bare_angles
        or note.comment_marks
        or note.tag_breaks
        or any(wikilink.url is not None for wikilink in note.wikilinks)
    )


def site_markdown(markdown: str, note: Note, first_line: int) -> str:
    """The note's body (its first line is line `first_line` of the file) as the site's
    Python-Markdown must get it to show what the model reads: checklists as task lists, `1)`
    as `1.`, open elements marked `markdown`, items indented to 4, lists kept apart, wikilinks
    as Markdown links."""
    markdown = wikilinks_as_links(markdown, note, first_line)
    markdown = bracketed_as_references(markdown, note, first_line)
    markdown = swallowing_tags_as_text(markdown, note, first_line)
    markdown = bare_angles_as_entities(markdown, note, first_line)
    markdown = comment_marks_as_read(markdown, note, first_line)
    markdown = tag_breaks_trimmed(markdown, note, first_line)
    markdown = fences_at_margin(markdown, note, first_line)
    markdown = headers_bordered(markdown, note, first_line)
    markdown = checklists_as_tasks(markdown, note, first_line)
    markdown = paren_items_as_dots(markdown, note, first_line)
    markdown = mark_open_elements(markdown, note, first_line)
    markdown = indent_items(markdown, note, first_line)
    return separate_lists(markdown, note, first_line)  # last: it adds lines


def separate_lists(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file; each of
    the note's adjoining lists and quotes gets the break Python-Markdown needs before it, and
    an item that ends in fenced code or holds such a break gets a blank line before what
    follows (else Python-Markdown runs the next item into the last block of this one)."""
    if not (note.adjoining_lists or note.item_blocks or note.adjoining_quotes):
        return markdown
    lines = markdown.split("\n")
    breaks: dict[int, list[str]] = {}
    after = [(a.line, a.after) for a in note.adjoining_lists]
    for line, before in after + [(line, "list") for line in note.adjoining_quotes]:
        index = line - first_line
        if 0 < index < len(lines):
            # Indented as the block is: inside an admonition, a break must stay inside it;
            # before indented code, at the margin (indented, it would be code too).
            indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            indent = "" if before == "code" else indent
            breaks[index] = ["", indent + _LIST_BREAK, ""] if before != "text" else [""]
    inside = [a.line for a in note.adjoining_lists]
    for block in note.item_blocks:
        index = block.last_line + 1 - first_line
        if not (0 < index < len(lines) and lines[index].strip()):
            continue
        # An item that ends in fenced code, or got a break inside it, reads as loose to
        # Python-Markdown: without a blank line, the next item would join what came last.
        loose = any(block.line < line <= block.last_line for line in inside)
        if loose or _FENCE.match(lines[index - 1]):
            breaks.setdefault(index, [""])
    # From the last up, so that a break put in leaves the lines above where they were.
    for index in sorted(breaks, reverse=True):
        lines[index:index] = breaks[index]
    return "\n".join(lines)


def paren_items_as_dots(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `separate_lists`; each `1)` item's marker written `1.`, the one
    Python-Markdown knows. Where CommonMark starts a new list at the change of delimiter, the
    note's adjoining lists keep the two apart."""
    if not note.paren_items:
        return markdown
    return each_line(
        markdown, first_line, note.paren_items, lambda line: PAREN_ITEM.sub(r"\1.", line, count=1)
    )


def mark_open_elements(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `separate_lists`; each element the note leaves open around Markdown
    marked `markdown`, so that md_in_html renders what it holds as the model reads it."""
    if not note.open_elements:
        return markdown
    lines = markdown.split("\n")
    # Where each `<details>` closes, worked out once: marking changes no line's tags.
    details_closed: list[int | None] | None = None
    for line, tag in note.open_elements:
        index = line - first_line
        if not 0 <= index < len(lines):
            continue
        for match in OPEN_TAG.finditer(lines[index]):
            if match["tag"].lower() == tag and not asks_for_markdown(match["attrs"]):
                at = match.end("tag")
                lines[index] = lines[index][:at] + " markdown" + lines[index][at:]
                break
        # md_in_html reads an element at the margin only: one indented by 1 to 3 spaces
        # outside any item (an HTML block to CommonMark all the same) is moved out to it.
        lead = len(lines[index]) - len(lines[index].lstrip(" "))
        if 0 < lead < 4 and not any(b.line <= line <= b.last_line for b in note.item_blocks):
            lines[index] = lines[index][lead:]
        if tag == "details":
            if details_closed is None:
                details_closed = _details_closed(lines)
            _end_details(lines, index, details_closed)
    # Closed at the note's end, as a browser closes them: md_in_html renders nothing at all
    # for two marked elements of one tag that nothing closes (the rest of the page was lost).
    for tag in dict.fromkeys(tag for _, tag in reversed(note.open_elements)):
        lines += [""] + [f"</{tag}>"] * _left_open(lines, tag)
    return "\n".join(lines)


_FENCE_OPENS = re.compile(r"\s*(`{3,}|~{3,})")


def _left_open(lines: list[str], tag: str) -> int:
    """How many `<tag>` elements `lines` open and never close, fenced code left out."""
    closing = re.compile(rf"</{re.escape(tag)}\s*>", re.IGNORECASE)
    count, fence = 0, ""
    for line in lines:
        opens = _FENCE_OPENS.match(line)
        if fence:
            fence = "" if opens and line.strip() == fence else fence
            continue
        if opens:
            fence = opens.group(1)
            continue
        count += sum(m["tag"].lower() == tag for m in OPEN_TAG.finditer(line))
        count -= len(closing.findall(line))
    return max(count, 0)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _details_closed(lines: list[str]) -> list[int | None]:
    """For each line but the last two (`_end_details` needs two after), the first line from
    it on where the `<details>` elements it opens are closed again, None if none is.

    One pass for all (each line's answer is the nearest later depth at or below its own),
    where looking from each line on was quadratic in a note of thousands of them."""
    depth = [0]  # of `<details>`, before each line
    for text in lines[: max(len(lines) - 2, 0)]:
        depth.append(
            depth[-1] + len(_DETAILS_OPEN.findall(text)) - len(_DETAILS_CLOSE.findall(text))
        )
    closed: list[int | None] = [None] * len(depth)
    later: list[int] = []  # depths after lines below, the nearest on top, each lower than the next
    for at in range(len(depth) - 1, -1, -1):
        while later and depth[later[-1]] > depth[at]:
            later.pop()
        if later:
            closed[at] = later[-1] - 1  # the line whose tags bring the depth back down
        later.append(at)
    return closed[:-1]


def _end_details(lines: list[str], opened: int, closed_at: list[int | None]) -> None:
    """pymdownx.details adds a block indented by four after a `<details>` to the element;
    CommonMark reads it as code. An empty comment in the blank line after `</details>` comes
    between them, so the page shows the code too. `closed_at`: see `_details_closed`."""
    index = closed_at[opened] if opened < len(closed_at) else None
    if index is None or index == opened:  # never closed, or closed on the line it opened on
        return
    following = next(
        (line for line in itertools.islice(lines, index + 1, None) if line.strip()), ""
    )
    if not lines[index + 1].strip() and following.startswith(("    ", "\t")):
        lines[index + 1] = _LIST_BREAK


def _containers(blocks: Sequence[ListItemBlock]) -> list[ListItemBlock | None]:
    """For each block, the block that holds it (its line within the other's lines, after its
    first) starting last, the first of those in `blocks` on a tie; None for one at the top.

    One sweep in line order: a stack of the blocks started so far, by line, from which a
    block that has ended is dropped once on top, as it holds none of the later ones either.
    Looking through all blocks for each was quadratic in a note of thousands of items."""
    found: list[ListItemBlock | None] = [None] * len(blocks)
    order = sorted(range(len(blocks)), key=lambda at: blocks[at].line)
    started: list[list[int]] = []  # groups of blocks that start on one line, in given order
    for _, group in itertools.groupby(order, key=lambda at: blocks[at].line):
        members = list(group)
        line = blocks[members[0]].line
        while started:
            going_on = [at for at in started[-1] if blocks[at].last_line >= line]
            if going_on:
                for at in members:
                    found[at] = blocks[min(going_on)]
                break
            started.pop()
        started.append(members)
    return found


def indent_items(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `separate_lists`; each item's lines after its first are moved in by
    what Python-Markdown's indent of 4 asks beyond the item's own (nested items add up). An
    admonition's header up to three columns past the item's text (which the model opens
    there) is moved to the indent of 4 itself, its body with it: Python-Markdown opens one
    only at the start of the item's text."""
    if not note.item_blocks:
        return markdown
    lines = markdown.split("\n")
    blocks = [b for b in note.item_blocks if 0 <= b.line - first_line < len(lines)]
    # Each item's marker as written, and its text's column: CommonMark's content column.
    markers = {b.line: _indent(lines[b.line - first_line]) for b in blocks}
    for block, parent in zip(blocks, _containers(blocks), strict=True):
        first = block.line - first_line
        marker = _indent(lines[first])
        # Python-Markdown nests by the indent of 4 alone, wherever the marker is: so a marker
        # past its container's content column (a nested item at 4 under `- `, a list
        # indented by two) moves its lines back by that much.
        outer = 0 if parent is None else markers[parent.line] + parent.column
        past = (markers[block.line] - outer) % 4
        shift, body = 4 - block.column - past, -1  # body: where an admonition's body starts
        least = 1 << 30  # the least indent of the item's lines so far, after its first
        for index in range(first + 1, min(block.last_line + 1 - first_line, len(lines))):
            line = lines[index]
            # A tab already takes a line to the next stop of 4: spaces before it would not.
            if not line.strip() or line[:1] == "\t":
                continue
            column = len(line) - len(line.lstrip(" ")) - marker
            if column < block.column and is_block_header(line):
                # A header left of the item's text: CommonMark would end the item there, had
                # the model not opened the block (see blocks), and Python-Markdown does.
                break
            moved = shift
            if body < 0 or column < body:
                body = -1
                # A header right under the item's first line, as the model opens one.
                if (
                    block.column < column <= block.column + 3
                    and column <= least
                    and is_block_header(line)
                ):
                    body = column + 4
            least = min(least, column)
            if body >= 0:
                moved = 4 - (body - 4) - past
            # Back by no more than the line's own spaces: a lazy line may have none.
            lines[index] = " " * moved + line if moved >= 0 else line[min(-moved, _indent(line)) :]
    return "\n".join(lines)
