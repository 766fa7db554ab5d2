"""A note's text as lines: where the front-matter ends, where headings and sections are, and how
to add an entry to a section so that every other line stays byte for byte what it was."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dlnotes.parse.frontmatter import BYTE_ORDER_MARK

_FENCE = re.compile(r"^(?:>\s?)*\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)(\[[ xX]\]\s+)?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


@dataclass(frozen=True)
class HeadingLine:
    index: int  # 0-based line index
    level: int
    text: str


def split_lines(text: str) -> list[str]:
    """Lines with their endings kept, so that joining them gives the text back exactly."""
    return text.splitlines(keepends=True) if text else []


def newline_of(text: str) -> str:
    """The file's line ending: the first one it uses, `\\n` when it has none."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group(0) if match else "\n"


def front_matter_end(lines: list[str]) -> int:
    """The index of the first body line: after the closing `---` of the front-matter, or 0.
    A byte order mark before the opening `---` stays where it is, as every line does."""
    if not lines or lines[0].removeprefix(BYTE_ORDER_MARK).rstrip("\r\n") != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() in ("---", "..."):
            return index + 1
    return 0


def plain_heading(text: str) -> str:
    """A heading's text as a reader sees it, for matching: escapes undone, case folded."""
    return " ".join(_ESCAPE.sub(r"\1", text).split()).casefold()


def headings(lines: list[str], start: int = 0) -> list[HeadingLine]:
    """ATX headings from `start` on, skipping fenced code (even in blockquotes) and `$$` math."""
    found: list[HeadingLine] = []
    for index, line in _prose_lines(lines, start):
        match = _HEADING.match(line)
        if match:
            found.append(HeadingLine(index, len(match.group(1)), (match.group(2) or "").strip()))
    return found


def _prose_lines(lines: list[str], start: int) -> Iterator[tuple[int, str]]:
    """Each line from `start` on (with its index, without its ending) that is neither fenced
    code (even in blockquotes) nor `$$` math, nor the fences and `$$` themselves."""
    fence: str | None = None
    in_math = False
    for index in range(start, len(lines)):
        line = lines[index].rstrip("\r\n")
        fence_match = _FENCE.match(line)
        if fence is not None:
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and (len(fence_match.group(1)) >= len(fence))
            ):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if line.strip() == "$$" or (line.strip().startswith("$$") and line.count("$$") == 1):
            in_math = not in_math
            continue
        if not in_math:
            yield index, line


def section_end(lines: list[str], heading: HeadingLine, all_headings: list[HeadingLine]) -> int:
    """The index just past a section: the next heading of the same or a higher level, or EOF."""
    for other in all_headings:
        if other.index > heading.index and other.level <= heading.level:
            return other.index
    return len(lines)


def find_section(lines: list[str], name: str) -> HeadingLine | None:
    wanted = plain_heading(name)
    for heading in headings(lines, front_matter_end(lines)):
        if plain_heading(heading.text) == wanted:
            return heading
    return None


def insert_entry(text: str, entry: str, section: str | None = None, *, at_end: bool = False) -> str:
    """Add `entry` (one Markdown line, no line ending) at the end of a section, as a list item
    when the section ends in a list, as its own paragraph when it ends in one. With no section
    it goes at the end of the note's opening text (before its first heading), or with `at_end`
    at the very end.

    Only new lines are added: every existing line keeps its bytes. A missing section is created
    at the end of the note, one level below the note's first heading (or `##`); there, as in
    an empty section, the entry starts a list, with the bullet the note's lists use.
    """
    lines = split_lines(text)
    newline = newline_of(text)
    body = front_matter_end(lines)
    all_headings = headings(lines, body)
    if section is None:
        start, end = body, len(lines)
        if all_headings and not at_end:
            first = all_headings[0]
            # A note that opens with its title as `# Title` has its opening text below that.
            if first.level == 1:
                start = first.index + 1
                end = next((h.index for h in all_headings[1:]), len(lines))
            else:
                end = first.index
    else:
        found = next(
            (h for h in all_headings if plain_heading(h.text) == plain_heading(section)), None
        )
        if found is None:
            level = min((h.level for h in all_headings), default=2)
            item = _note_bullet(lines, body) + entry
            return _append_block(lines, newline, [f"{'#' * max(level, 2)} {section}", item])
        start, end = found.index + 1, section_end(lines, found, all_headings)
        # A section's own subsections belong to it, but an entry goes before the first of them.
        sub = next((h for h in all_headings if start <= h.index < end), None)
        if sub is not None:
            end = sub.index
    last = end - 1
    while last >= start and not lines[last].strip():
        last -= 1
    if last < start:
        if section is not None:
            entry = _note_bullet(lines, body) + entry
        return _insert_block(lines, newline, start, [entry], before_blank=start > 0)
    bullet = _list_bullet(lines, start, last)
    if bullet is not None:
        return _insert_at(lines, newline, last + 1, [bullet + entry])
    return _insert_block(lines, newline, last + 1, [entry], before_blank=True)


def _note_bullet(lines: list[str], body: int) -> str:
    """The bullet of the note's first list at the margin that is not numbered (numbered ones
    are steps), so a new reading list looks like the others; `- ` when there is none."""
    for _, line in _prose_lines(lines, body):
        match = _BULLET.match(line)
        if match and not match.group(1) and not match.group(2)[0].isdigit():
            return f"{match.group(2)}{match.group(3)}"
    return "- "


def _list_bullet(lines: list[str], start: int, last: int) -> str | None:
    """The bullet of the list that ends at `last`, or None when the block there is no list."""
    index = last
    while index >= start and lines[index].strip():
        match = _BULLET.match(lines[index])
        if match and not match.group(1):
            marker = match.group(2)
            if marker[0].isdigit():
                # Walking back, the first item at the margin is the list's last one.
                marker = f"{int(marker[:-1]) + 1}{marker[-1]}"
            return f"{marker}{match.group(3)}{'[ ] ' if match.group(4) else ''}"
        index -= 1
    return None


def _ensure_newline(lines: list[str], newline: str) -> None:
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline


def _insert_at(lines: list[str], newline: str, index: int, new: list[str]) -> str:
    if index == len(lines):
        _ensure_newline(lines, newline)
    return "".join(lines[:index] + [line + newline for line in new] + lines[index:])


def _insert_block(
    lines: list[str], newline: str, index: int, new: list[str], *, before_blank: bool
) -> str:
    block = ([""] if before_blank else []) + new
    after_is_text = index < len(lines) and lines[index].strip()
    if after_is_text:
        block.append("")
    return _insert_at(lines, newline, index, block)


def _append_block(lines: list[str], newline: str, block: list[str]) -> str:
    end = len(lines)
    head = ["", block[0], ""] if end and lines[-1].strip() else [block[0], ""]
    if not lines:
        head = [block[0], ""]
    return _insert_at(lines, newline, end, head + block[1:])
