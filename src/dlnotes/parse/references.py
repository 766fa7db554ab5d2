"""Reference definitions as a note writes them, `[label]: url`, and how CommonMark matches a
label to its uses."""

from __future__ import annotations

import re

# A definition at a line's start: its label and URL, which may be on the next line. Indented
# too, as inside an admonition or a list item.
DEFINITION = re.compile(
    r"^[ \t]*\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(?:\r?\n[ \t]*)?<?([^\s>]+)>?", re.MULTILINE
)


# Where an inline link's destination begins, at the end of the text searched: what precedes
# a `<url>` that is the link's, not an autolink (`[t](<url>)`).
DESTINATION_OPENS = re.compile(r"\]\(\s*\Z")

# What may follow a definition's URL on its line: a title in one of CommonMark's three forms
# (or its start, when it goes on), and nothing else: `[^1]: See [t][r].` and `[r]:fire: and
# [q]` are paragraphs to CommonMark and to the site alike.
_AFTER_URL = re.compile(
    r"""[ \t]*(?:[ \t](?:"[^"\n]*"?|'[^'\n]*'?|\([^()\n]*\)?)[ \t]*)?(?:\r?\n|\Z)"""
)


def is_whole(text: str, found: re.Match[str]) -> bool:
    """Whether `found`, a DEFINITION match in `text`, is a whole definition: nothing but a
    title after its URL on the line."""
    return _AFTER_URL.match(text, found.end()) is not None


def reference_label(text: str) -> str:
    """A label as CommonMark matches it: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()
