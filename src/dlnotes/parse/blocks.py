"""Blocks the site reads as Markdown where CommonMark does not, opened up for the model.

- Admonitions (`!!! tip "Title"`) and collapsible blocks (`??? note`, `???+ note`), which the
  site renders with Python-Markdown's admonition and pymdownx.details: a header line, then
  Markdown indented by four spaces. CommonMark reads the header's first paragraph as going
  on and the rest as indented code, so the links, tips and lists in such a block were half
  lost. Each header line is left blank, or an empty comment at the margin (its title, which
  the site shows as Markdown, is kept in `Taken`), and its block moved out by four spaces. A
  quote block (`!!! quote`, `??? cite`) becomes a blockquote, so the model finds a quote in
  it.
- HTML elements marked `markdown` (`<div class="grid cards" markdown>`), whose content the
  site's md_in_html renders as Markdown even with no blank line around it; CommonMark reads
  the element, up to the next blank line, as raw HTML. The element's opening tag and its
  closing line are taken out, and so is a one-line element inside it
  (`<summary>More</summary>`), which would otherwise swallow the Markdown after it; the
  links it holds are still read (`Taken`). The blocks indented by four spaces after a
  `<details markdown>` go on it, as pymdownx.details adds them to the element.
- Definition lists (`Term`, then `:   definition`), whose definitions the site's def_list
  goes on with every block indented by four spaces after them (Material's own example puts
  a second paragraph there); CommonMark reads such a block as indented code. The definition's
  line stays as it is, and the blocks after it move out by four spaces.

Every line stays on its line, so the model's line numbers are the note's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dlnotes.parse.htmllinks import ATTRIBUTE_VALUE
from dlnotes.parse.listshape import MARKER
from dlnotes.parse.tokens import QUOTE_MARKER

# The two extensions' own header forms: a type (or a quoted title alone for details), an
# optional quoted title, nothing else on the line.
_TYPE = r"[\w-]+(?: +[\w-]+)*"
_TITLE = r'"[^\n]*"'  # to the line's last quote, as both extensions read it
_HEADER = re.compile(rf"(?:!!!|\?\?\?\+?) ?(?:{_TYPE}(?: +{_TITLE})?|(?:{_TYPE} +)?{_TITLE}) *")
# A fence, also on a list item's first line: its closing line, indented as the item's text,
# must not be taken for one that opens.
_FENCE = re.compile(rf" {{0,3}}(?:{MARKER}[ \t]+)?(`{{3,}}|~{{3,}})")
# Material's quote admonition, and its other name.
_QUOTE_HEADER = re.compile(r"(?:!!!|\?\?\?\+?) ?(?:quote|cite)\b")
_TITLE_AT_END = re.compile(rf"({_TITLE}) *$")
_INDENT = "    "
# What a header at the margin leaves in the model's Markdown: an empty comment, which ends a
# list as the header does on the site, and holds nothing.
_MARGIN_HEADER = "<!-- -->"
# A list item's marker and the spaces after it: where its text starts.
_ITEM = re.compile(rf" *{MARKER} +")
# A definition's first line as def_list finds it: up to three spaces, `:`, then a space (or a
# tab, which Python-Markdown reads as spaces). One needs a line before it, so a body without
# one below a line break has none (a search several times faster than for `^` in each line).
DEFINITION_LINE = re.compile(r" {0,3}:[ \t]")
_DEFINITION_BELOW = re.compile(r"\n {0,3}:[ \t]")
# An element's opening tag at the start of a line, and its attributes one by one (md_in_html
# opens an element that has a `markdown` one).
_ATTRIBUTE = rf"\s+(?P<name>[^\s=>]+)(?:\s*=\s*{ATTRIBUTE_VALUE})?"
OPEN_TAG = re.compile(rf"<(?P<tag>[A-Za-z][\w-]*)(?P<attrs>(?:{_ATTRIBUTE})*)\s*>")
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_ONE_LINE_ELEMENT = re.compile(r"<(?P<tag>[A-Za-z][\w-]*)\b[^>]*>.*</(?P=tag)> *")


@dataclass
class Taken:
    """What opening the blocks took out of the Markdown that the model still reads, by line
    index (from 0)."""

    # A quote block's title (`!!! quote "Jeremy Howard"`), which may name its source, at the
    # line its blockquote starts on.
    quote_titles: dict[int, str] = field(default_factory=dict)
    # An admonition's or collapsible block's title, which the site shows as Markdown, at
    # its header's line.
    titles: dict[int, str] = field(default_factory=dict)
    # A one-line element inside a `markdown` one (`<summary><a href=...>`), which may hold
    # links, at its line.
    elements: dict[int, str] = field(default_factory=dict)


def blocks_as_markdown(body: str, taken: Taken | None = None) -> str:
    """`body` with its admonitions, collapsible blocks, `markdown` elements and definitions
    opened up (see the module); what the model still needs of the lines taken out goes into
    `taken`."""
    if (
        "!!!" not in body
        and "???" not in body
        and "markdown" not in body.lower()
        and _DEFINITION_BELOW.search(body) is None
        and (">" not in body or _QUOTED_HEADER.search(body) is None)
    ):
        return body
    if _QUOTED_HEADER.search(body):
        body = _open_in_quotes(body, taken)
    out: list[str] = []
    elements: list[str] = []  # tags of the `markdown` elements open around the line
    # The blocks open around the line: is each a quote, and where its header starts (past a
    # list item's marker, or at the line's start).
    blocks: list[tuple[bool, int]] = []
    blanks: list[str] = []  # blank lines not yet written: in a quote only if it goes on
    fence: str | None = None  # the open fence's run, and the depth it opened at
    fence_depth = 0
    written_at: int | None = None  # how deep in blocks the last line with text was
    lazy = False  # the last line with text was a definition's, or a lazy line after one
    for line in body.splitlines(keepends=True):
        text = line.rstrip("\r\n")
        ending = line[len(text) :]
        if not text.strip():
            blanks.append(ending)
            lazy = False
            continue
        if lazy and not text.startswith((" ", "\t")) and _lazy(text, out):
            # A line right under a definition goes on its paragraph, as def_list reads it:
            # the blocks indented by four after it are the definition's still.
            out.append(text + ending)
            continue
        lazy = False
        if blocks:
            text = text.expandtabs(4)  # as Python-Markdown reads a block's indent
            # A line indented less than a block's content ends that block; in a list item,
            # the item's own indent stays.
            inside = 0
            for _, at in blocks:
                if not text.startswith(" " * at + _INDENT):
                    break
                text = text[:at] + text[at + len(_INDENT) :]
                inside += 1
            del blocks[inside:]
        depth = len(blocks)
        # A quote block is a blockquote to the model: its lines, blank ones included, are
        # quoted, so that its source line (`— Jeremy`) is found as in any quote.
        quoted = "> " * sum(is_quote for is_quote, _ in blocks) if blocks else ""
        out.extend(quoted.rstrip() + blank for blank in blanks)
        blanks.clear()
        if fence is not None and fence_depth > depth:
            fence = None  # its block ended: so did the fence
        follows, written_at = written_at == depth, depth
        found = _FENCE.match(text)
        if fence is not None:
            if found and _closes(found, text, fence):
                fence = None
        elif found and "`" not in text[found.end() :]:
            fence, fence_depth = found.group(1), depth
        elif (column := _header_at(text, out)) is not None:
            # One in a list item is no blockquote: a `>` there would end the item.
            is_quote = column == 0 and _QUOTE_HEADER.match(text) is not None
            title = _TITLE_AT_END.search(text)
            if title is not None and taken is not None:
                written = title.group(1)[1:-1].strip()  # without its quotes
                if written:
                    taken.titles[len(out)] = written
                if is_quote:
                    taken.quote_titles[len(out) + 1] = written  # under the block's first line
            # At the margin, a comment: a blank line would let a list above take the body
            # in, where Python-Markdown ends the list at the header.
            kept = _MARGIN_HEADER if column == 0 and not is_quote else quoted.rstrip()
            out.append(kept + ending)
            blocks.append((is_quote, column))
            continue
        elif not blocks and (opened := _markdown_element(text)):
            # Only at the margin: the site's raw HTML starts a line by at most three spaces,
            # so in a block's body (indented by four) md_in_html opens nothing.
            # What follows the tag on its line is Markdown too, up to a closing tag there,
            # which leaves no element open.
            tag, rest = opened["tag"].lower(), text[opened.end() :].strip()
            if rest.lower().endswith(f"</{tag}>"):
                rest = rest[: -len(f"</{tag}>")]
            else:
                elements.append(tag)
            out.append(rest + ending)
            continue
        elif elements and text.rstrip(" ").lower() == f"</{elements[-1]}>":
            if elements.pop() == "details":
                # pymdownx.details adds the blocks indented by four after a `<details>` to
                # it, as it goes on with a `???` block: they are Markdown on the site.
                blocks.append((False, 0))
            out.append(ending)
            continue
        elif follows and DEFINITION_LINE.match(text):
            # A definition needs a line before it in its block (its term, or another); its
            # own line is the paragraph's to CommonMark, as it stays.
            out.append(quoted + text + ending)
            blocks.append((False, 0))
            lazy = depth == 0 and fence is None
            continue
        elif elements and _ONE_LINE_ELEMENT.fullmatch(text):
            if taken is not None:
                taken.elements[len(out)] = text
            out.append(ending)
            continue
        out.append(quoted + text + ending)
    out.extend(blanks)
    return "".join(out)


def _lazy(text: str, out: list[str]) -> bool:
    """Whether `text`, at the margin right under a definition, is plain text that goes on
    its paragraph: not another definition, a fence or a block's header."""
    starts_block = DEFINITION_LINE.match(text) or _FENCE.match(text)
    return not (starts_block or _header_at(text, out) is not None)


# A header or a definition inside a blockquote (`> !!! note`, `> :   text`): the site reads
# a quote's lines as a note's.
_QUOTED_HEADER = re.compile(r"^ {0,3}>[ >]*(?:!!!|\?\?\?| {0,3}:[ \t])", re.MULTILINE)


def _open_in_quotes(body: str, taken: Taken | None) -> str:
    """`body` with the blocks inside its blockquotes opened up, one quote level at a time:
    each run of quoted lines (outside fenced code) is opened as a body of its own and quoted
    again, line for line."""
    lines = body.splitlines(keepends=True)
    out: list[str] = []
    fence: str | None = None
    index = 0
    while index < len(lines):
        text = lines[index]
        found = _FENCE.match(text)
        if fence is not None or (found and not QUOTE_MARKER.match(text)):
            if found and (fence is None or _closes(found, text.rstrip("\r\n"), fence)):
                fence = found.group(1) if fence is None else None
            out.append(text)
            index += 1
            continue
        stop = index
        while stop < len(lines) and QUOTE_MARKER.match(lines[stop]):
            stop += 1
        if stop == index:
            out.append(text)
            index += 1
            continue
        inner = "".join(QUOTE_MARKER.sub("", line, count=1) for line in lines[index:stop])
        inside = Taken()
        opened = blocks_as_markdown(inner, inside)
        if taken is not None:
            for mine, theirs in (
                (taken.quote_titles, inside.quote_titles),
                (taken.titles, inside.titles),
                (taken.elements, inside.elements),
            ):
                mine.update({index + at: value for at, value in theirs.items()})
        for line in opened.splitlines(keepends=True):
            shown = line.rstrip("\r\n")
            out.append((f"> {shown}" if shown.strip() else ">") + line[len(shown) :])
        index = stop
    return "".join(out)


def is_block_header(text: str) -> bool:
    """Whether the line, its indent aside, is an admonition's or collapsible block's header."""
    return _HEADER.fullmatch(text.lstrip(" ").rstrip("\r")) is not None


def _header_at(text: str, out: list[str]) -> int | None:
    """Where the admonition or collapsible block header that `text` holds starts: at the
    line's start, or at a list item's text (`out` holds the lines before), where
    Python-Markdown opens one too; None for any other line."""
    header = text.lstrip(" ")
    if not _HEADER.fullmatch(header):
        return None
    column = len(text) - len(header)
    if column == 0:
        return 0
    if out and _ITEM.match(out[-1]):
        # Right under an item's first line, it goes on that line's paragraph: text to both
        # readers. Under a later paragraph of the item, Python-Markdown opens it.
        return None
    for before in reversed(out):
        shown = before.rstrip("\r\n")
        if shown.strip() and len(shown) - len(shown.lstrip(" ")) < column:
            # The nearest line indented less: the item it is text of, if any.
            item = _ITEM.match(shown)
            return column if item and item.end() <= column <= item.end() + 3 else None
    return None


def _markdown_element(text: str) -> re.Match[str] | None:
    """The opening tag that starts `text`, if it asks for its content to be Markdown."""
    if not text.startswith("<"):
        return None
    opened = OPEN_TAG.match(text)
    if opened is None:
        return None
    return opened if asks_for_markdown(opened["attrs"]) else None


def asks_for_markdown(attributes: str) -> bool:
    """Whether an opening tag's attributes (OPEN_TAG's `attrs`) hold `markdown`, which has
    md_in_html read the element's content as Markdown."""
    names = (found["name"].lower() for found in _ATTRIBUTES.finditer(attributes))
    return "markdown" in names


def _closes(found: re.Match[str], text: str, fence: str) -> bool:
    run = found.group(1)
    return run[0] == fence[0] and len(run) >= len(fence) and not text[found.end() :].strip()
