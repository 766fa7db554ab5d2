"""Reference definitions as a note writes them, `[label]: url`, and how CommonMark matches a
label to its uses."""

from __future__ import annotations

import re

# A definition at a line's start: its label and URL, which may be on the next line. Indented
# too, as inside an admonition or a list item.
DEFINITION = re.compile(
    r"^[ \t]*\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(?:\r?\n[ \t]*)?<?([^\s>]+)>?", re.MULTILINE
)


def reference_label(text: str) -> str:
    """A label as CommonMark matches it: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()
