"""Mend one link on one line: put an archived copy beside it, or point it at a new URL. Each
returns the new line, or None when the link is not on that line as expected."""

from __future__ import annotations

import re

ARCHIVED_LABEL = "archived"


def _link_spans(line: str, url: str) -> list[tuple[int, int, int, int]]:
    """(link start, link end, url start, url end) for each link to `url` on the line: inline
    `[t](url)` or `[t](<url>)`, autolink `<url>`, or a reference definition `[x]: url`."""
    spans: list[tuple[int, int, int, int]] = []
    escaped = re.escape(url)
    for match in re.finditer(rf"\]\(\s*(<?)({escaped})(>?)(\s+\"[^\"]*\")?\s*\)", line):
        if bool(match.group(1)) == bool(match.group(3)):
            spans.append((match.start(), match.end(), match.start(2), match.end(2)))
    for match in re.finditer(rf"<({escaped})>", line):
        if not line[: match.start()].endswith("]("):
            spans.append((match.start(), match.end(), match.start(1), match.end(1)))
    for match in re.finditer(rf"^ {{0,3}}\[[^\]]+\]:\s*<?({escaped})>?", line):
        spans.append((match.start(), match.end(), match.start(1), match.end(1)))
    return sorted(spans)


def add_archive_link(line: str, url: str, archive_url: str) -> str | None:
    """`[T](url)` -> `[T](url) ([archived](archive_url))`; unchanged when already there."""
    spans = _link_spans(line, url)
    if not spans:
        return None
    out = line
    for _, end, _, _ in reversed(spans):
        if re.match(rf"\s*\(\[{ARCHIVED_LABEL}\]\(", out[end:]):
            continue
        out = f"{out[:end]} ([{ARCHIVED_LABEL}]({archive_url})){out[end:]}"
    return out


def replace_link_url(line: str, url: str, new_url: str) -> str | None:
    """The link's URL replaced by `new_url`; the title and the rest of the line kept."""
    spans = _link_spans(line, url)
    if not spans:
        return None
    out = line
    for _, _, start, end in reversed(spans):
        out = out[:start] + new_url + out[end:]
    return out
