"""Cut a cleaned export into note drafts: one per heading at the note level, the deeper headings
kept as the note's sections (moved up so that the first section level is `##`)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from dlnotes.importer.clean import blocks
from dlnotes.write.lines import HeadingLine, headings, plain_heading


@dataclass
class Draft:
    title: str
    line: int  # 1-based line of its heading in the export (1 for a preamble)
    body: list[str] = field(default_factory=list)  # lines without endings

    @property
    def slug(self) -> str:
        return slugify(self.title)


def slugify(title: str) -> str:
    """A file name from a title; non-Latin titles keep their letters (`深度学习.md`)."""
    plain = unicodedata.normalize("NFKC", plain_heading(title))
    slug = re.sub(r"[^\w]+", "-", plain).strip("-_")
    return (slug[:80].rstrip("-") or "note").lower()


def split_drafts(lines: list[str], level: int, preamble_title: str) -> list[Draft]:
    found = headings(lines)
    cuts = [h for h in found if h.level <= level]
    positions = [h.index for h in found]
    drafts: list[Draft] = []
    first = cuts[0].index if cuts else len(lines)
    if any(line.strip() for line in lines[:first]):
        drafts.append(Draft(preamble_title, 1, _body(lines[:first], [], 0)))
    for number, cut in enumerate(cuts):
        end = cuts[number + 1].index if number + 1 < len(cuts) else len(lines)
        low = bisect.bisect_right(positions, cut.index)
        inner = found[low : bisect.bisect_left(positions, end)]
        drafts.append(
            Draft(
                _heading_title(cut.text) or preamble_title,
                cut.index + 1,
                _body(lines[cut.index + 1 : end], inner, cut.index + 1),
            )
        )
    return drafts


def _heading_title(text: str) -> str:
    return " ".join(text.split())


def _body(lines: list[str], inner: list[HeadingLine], offset: int) -> list[str]:
    shift = min((h.level for h in inner), default=2) - 2
    out = list(lines)
    for heading in inner:
        level = max(heading.level - shift, 2)
        out[heading.index - offset] = f"{'#' * level} {heading.text}"
    return _tidy(out)


def _tidy(lines: list[str]) -> list[str]:
    """No leading or trailing blank lines, and never two blank lines in a row (code and math
    keep theirs)."""
    out: list[str] = []
    for block in blocks(lines):
        if block.verbatim:
            out.extend(block.lines)
            continue
        for line in block.lines:
            if not line.strip():
                if out and out[-1] != "":
                    out.append("")
                continue
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out
