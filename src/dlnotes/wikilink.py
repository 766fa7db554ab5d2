"""The wikilink, as Obsidian and Quartz write it: `[[Note]]`, `[[Note#Heading]]`,
`[[Note|shown text]]`, `[[#Heading]]`, and `![[...]]` embeds. The parser reads them, the
model resolves them against the notes (`dlnotes.parse.wikilinks`), the site writes them as
Markdown links (`dlnotes.pages.wikilinks`), and the importer turns an export's into links."""

from __future__ import annotations

import re

# Groups: the `!` of an embed, the note's name, the heading, the text shown.
WIKILINK = re.compile(r"(!?)\[\[([^\[\]|#\n]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]*))?\]\]")
