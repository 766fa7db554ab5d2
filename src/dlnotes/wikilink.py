"""The wikilink, as Obsidian and Quartz write it: `[[Note]]`, `[[Note#Heading]]`,
`[[Note|shown text]]`, `[[#Heading]]`, and `![[...]]` embeds. Neither the model nor the site
reads one as a link; the parser warns of them and the importer turns them into links."""

from __future__ import annotations

import re

# Groups: the `!` of an embed, the note's name, the heading, the text shown.
WIKILINK = re.compile(r"(!?)\[\[([^\[\]|#\n]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]*))?\]\]")
