"""The attribution conventions: `(per NAME)`, `per NAME`, `Recommended by NAME`, `(From SOURCE)`,
and a quote's trailing `— SOURCE` line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_NAME = r"[^\s()][^()]{0,60}?"
# Explicit forms: always an attribution, even for a name not in people.yml.
_EXPLICIT = (
    re.compile(rf"\(\s*(?:per|from|via)\s+(?P<name>{_NAME})\s*\)\s*[.!]?$", re.I),
    re.compile(rf"\brecommended\s+by\s+(?P<name>{_NAME})\s*[.!]?$", re.I),
)
# A bare trailing `per NAME` is ordinary English too ("per month"): it only counts for a name
# the people table knows.
_BARE = re.compile(r"\bper\s+", re.I)
_QUOTE_SOURCE = re.compile(r"^\s*(?:—|–|--|~)\s*(?P<name>.+?)\s*$")
_SEPARATORS = " \t|,;:—–-"


@dataclass(frozen=True)
class Attributed:
    text: str  # what is left once the attribution is cut off
    name: str | None


def split_attribution(text: str, is_known: Callable[[str], bool]) -> Attributed:
    """Cut a trailing attribution off `text`; the name is as written (resolve it separately)."""
    stripped = text.rstrip()
    for pattern in _EXPLICIT:
        match = pattern.search(stripped)
        if match:
            return Attributed(_tidy(stripped[: match.start()]), match.group("name").strip())
    for match in reversed(list(_BARE.finditer(stripped))):
        name = stripped[match.end() :].rstrip(" .!")
        if name and is_known(name):
            return Attributed(_tidy(stripped[: match.start()]), name)
    return Attributed(_tidy(stripped), None)


def quote_source(line: str) -> str | None:
    """The SOURCE of a `— SOURCE` line closing a blockquote."""
    match = _QUOTE_SOURCE.match(line)
    return match.group("name") if match else None


def annotation_of(trailing: str) -> str | None:
    """The text after a link, without the separator that joins it to the link."""
    text = trailing.strip().lstrip(_SEPARATORS).strip()
    return text or None


def _tidy(text: str) -> str:
    return text.rstrip(_SEPARATORS + " ").strip()
