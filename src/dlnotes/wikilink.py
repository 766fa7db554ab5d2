"""The wikilink, as Obsidian and Quartz write it: `[[Note]]`, `[[Note#Heading]]`,
`[[Note|shown text]]`, `[[#Heading]]`, and `![[...]]` embeds. The parser reads them, the
model resolves them against the notes (`dlnotes.parse.wikilinks`), the site writes them as
Markdown links (`dlnotes.pages.wikilinks`), and the importer turns an export's into links."""

from __future__ import annotations

import re

# What an embed may show: an image. A note's embed (a transclusion) has no Markdown form.
IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif)$", re.IGNORECASE)
# Groups: the `!` of an embed, the note's name, the heading, the text shown.
WIKILINK = re.compile(r"(!?)\[\[([^\[\]|#\n]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]*))?\]\]")

# What follows `|` in an image's embed, when it is a size: `300` wide, `300x200`.
_SIZE = re.compile(r"([0-9]+)(?:x([0-9]+))?")


def embed_size(shown: str) -> tuple[str, str | None] | None:
    """The width and height (if given) an embed's `|300x200` asks for; None if it names none."""
    found = _SIZE.fullmatch(shown.strip())
    return None if found is None else (found.group(1), found.group(2))


def embed_alt(shown: str, file_name: str) -> str:
    """An image embed's alt text: what follows `|`, unless that is a size; else the file's
    name, as Obsidian shows it."""
    return file_name if not shown or embed_size(shown) else shown
