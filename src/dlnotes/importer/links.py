"""Find links in Markdown text with their offsets: enough for reports and merges, where the
export's own line numbers matter. The notes themselves are read by `dlnotes.parse`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from dlnotes.urls import normalize_url

# `[text](url "title")`, text with escapes or one level of brackets, url with one level of
# parentheses (Wikipedia's `Counter_(digital)`); images excluded.
LINK = re.compile(
    r"(?<!!)\[(?P<text>(?:[^\[\]\\]++|\\.|\[[^\[\]]*+\])*+)\]"
    r"\(\s*<?(?P<url>(?:[^\s()<>\\]++|\\.|\([^\s()]*+\))*+)>?(?:\s+\"[^\"]*\")?\s*\)",
    re.S,
)
REFERENCE = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>\S+?)>?(?:\s+.*)?$", re.M)
AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
# `](<url with space>)` is valid Markdown; only the bare form breaks the link.
_SPACED = re.compile(r"\]\(\s*(?P<url>https?://[^)\n]*?)\s*\)")


@dataclass(frozen=True)
class FoundLink:
    text: str
    url: str
    start: int
    end: int


def find_links(text: str) -> Iterator[FoundLink]:
    for match in LINK.finditer(text):
        url = re.sub(r"\\(.)", r"\1", match.group("url"))
        yield FoundLink(match.group("text"), url, match.start(), match.end())
    for match in AUTOLINK.finditer(text):
        yield FoundLink(match.group("url"), match.group("url"), match.start(), match.end())
    for match in REFERENCE.finditer(text):
        yield FoundLink(match.group("label"), match.group("url"), match.start(), match.end())


def urls_with_spaces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, url) for each `](url)` whose URL holds whitespace (not a `"title"`)."""
    for match in _SPACED.finditer(text):
        url = match.group("url")
        if re.search(r"\s", url) and not re.search(r"\s+\"[^\"]*\"$", url):
            yield match.start("url"), url


def url_of(text: str) -> str | None:
    """The URL of a link text that is itself a URL, else None."""
    stripped = text.strip()
    return stripped if re.fullmatch(r"https?://\S+", stripped) else None


@lru_cache(maxsize=1 << 16)
def normalized(url: str) -> str:
    """`normalize_url`, remembered: an export names the same URLs again and again."""
    return normalize_url(url)
