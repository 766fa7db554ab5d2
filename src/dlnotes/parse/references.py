"""Reference definitions as a note writes them, `[label]: url`, and how CommonMark matches a
label to its uses."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from dlnotes.model import Link

# Where an inline link's destination begins, at the end of the text searched: what precedes
# a `<url>` that is the link's, not an autolink (`[t](<url>)`).
DESTINATION_OPENS = re.compile(r"\]\(\s*\Z")

# A title in one of CommonMark's three forms, or its start when it goes on to the next line.
_TITLE_BEGUN = r"""(?:"[^"\n]*"?|'[^'\n]*'?|\([^()\n]*\)?)"""
# A definition at a line's start: its label and URL, which may be on the next line, and
# nothing after the URL on its line but a title (`[^1]: See [t][r].` and `[r]:fire: and [q]`
# are paragraphs to CommonMark and to the site alike). Indented too, as inside an admonition
# or a list item, or past a quote's markers.
_LEAD = r"[ \t>]*"  # indent, and a quote's markers
DEFINITION = re.compile(
    rf"^{_LEAD}\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(?:\r?\n{_LEAD})?<?([^\s>]+)>?"
    rf"(?=[ \t]*(?:[ \t]{_TITLE_BEGUN}[ \t]*)?(?:\r?\n|\Z))",
    re.MULTILINE,
)


def reference_label(text: str) -> str:
    """A label as CommonMark matches it: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()


def bracketed_references(
    links: Iterable[Link], text: str, line_text: Callable[[int], str], offset: int
) -> list[tuple[int, str]]:
    """Each `[[label]]` that CommonMark reads as `[`, a link to what `[label]` is defined as,
    and `]` (Foam writes such definitions under every note, "for Markdown compatibility"):
    its file line and label. `links` are those of the body `text`, `line_text` gives its line
    (from 0), whose line 0 is file line `offset`. Python-Markdown shows it as text."""
    defined = {reference_label(found.group(1)) for found in DEFINITION.finditer(text)}
    found = []
    for link in links:
        if reference_label(link.title) not in defined:
            continue
        # Not `[[label]](url)` nor `[[label]][x]`: a link's text, which CommonMark reads
        # otherwise (and another warning tells of).
        written = re.compile(rf"\[\[{re.escape(link.title)}\]\](?![(\[:])")
        if written.search(line_text(link.location.line - offset)):
            found.append((link.location.line, link.title))
    return list(dict.fromkeys(found))
