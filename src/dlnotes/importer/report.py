"""What an export holds that is worth telling before it becomes notes: duplicate URLs, tracking
parameters, links titled with their own URL (warnings) and URLs with spaces (errors), each at
the export's own line."""

from __future__ import annotations

import bisect
import re

from dlnotes.importer.clean import blocks
from dlnotes.importer.links import find_links, normalized, url_of, urls_with_spaces
from dlnotes.problems import Problem, Severity
from dlnotes.urls import tracking_params


def export_problems(lines: list[str], shown: str, known_titles: dict[str, str]) -> list[Problem]:
    """Problems found in the raw export, at its own line numbers."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for block in blocks(lines):
        if block.verbatim:
            continue
        chunk = "\n".join(block.lines)

        breaks = [match.start() for match in re.finditer("\n", chunk)]

        def line_at(offset: int, breaks: list[int] = breaks, start: int = block.start) -> int:
            return start + bisect.bisect_left(breaks, offset) + 1

        for offset, url in urls_with_spaces(chunk):
            problems.append(
                Problem(
                    shown,
                    line_at(offset),
                    f"URL with a space: {url!r}; write the space as %20 (nothing was imported)",
                )
            )
        for link in find_links(chunk):
            if not link.url.lower().startswith(("http://", "https://")):
                continue
            line = line_at(link.start)
            key = normalized(link.url)
            if key in seen:
                problems.append(_warning(shown, line, f"duplicate of line {seen[key]}: {link.url}"))
            else:
                seen[key] = line
            tracking = tracking_params(link.url)
            if tracking:
                names = ", ".join(tracking)
                problems.append(
                    _warning(shown, line, f"tracking parameters ({names}) in {link.url}")
                )
            if url_of(link.text) and key not in known_titles:
                problems.append(
                    _warning(shown, line, f"link text is its own URL; give it a title: {link.url}")
                )
    return problems


def _warning(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, message, Severity.WARNING)
