r"""Wikilinks as Markdown links for the site: `[[general|the basics]]` becomes
`[the basics](general.md)` on its line, so MkDocs turns it into the page's URL and checks it
as any link between notes, and an image's embed, `![[plot.png|300]]`, becomes
`![plot.png](img/plot.png){ width="300" }`. Only a wikilink the model resolved is written;
one in a code span stays code. In a table, Obsidian writes its `|` as `\|` (a bare one would
end the cell): that form is replaced too. The note on disk is not changed."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from dlnotes.model import Note, WikiLink
from dlnotes.parse.tokens import code_spans
from dlnotes.wikilink import embed_alt, embed_size


def wikilinks_as_links(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file."""
    lines = markdown.split("\n")
    for wikilink in note.wikilinks:
        index = wikilink.location.line - first_line
        if wikilink.url is None or not 0 <= index < len(lines):
            continue
        line = lines[index]
        code = code_spans(line)
        # The parser reads a table cell's `\|` as `|`.
        for written in dict.fromkeys((wikilink.written, wikilink.written.replace("|", r"\|"))):
            start = find_outside_code(line, written, code)
            if start >= 0:
                link = _as_markdown(wikilink, wikilink.url)
                lines[index] = line[:start] + link + line[start + len(written) :]
                break
        # Not found: not as the parser read it (an entity, an escape), left as written.
    return "\n".join(lines)


def bracketed_as_references(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` as in `wikilinks_as_links`; each `[[label]]` the model reads as a reference
    link in brackets (see `Note.bracketed_references`) written `\\[[label]\\]`, which
    Python-Markdown reads so too."""
    lines = markdown.split("\n")
    for line, label in note.bracketed_references:
        index = line - first_line
        if 0 <= index < len(lines):
            written = f"[[{label}]]"
            start = find_outside_code(lines[index], written, code_spans(lines[index]))
            if start >= 0:
                end = start + len(written)
                lines[index] = f"{lines[index][:start]}\\[[{label}]\\]{lines[index][end:]}"
    return "\n".join(lines)


def _as_markdown(wikilink: WikiLink, url: str) -> str:
    if not wikilink.embed:
        return f"[{wikilink.shown}]({url})"
    image = f"![{embed_alt(wikilink.shown, unquote(posixpath.basename(url)))}]({url})"
    size = embed_size(wikilink.shown)
    if size is None:
        return image
    width, height = size  # attr_list's attributes, as the plugin turns it on
    return image + f'{{ width="{width}"' + (f' height="{height}"' if height else "") + " }"


def find_outside_code(line: str, written: str, code: list[tuple[int, int]]) -> int:
    """Where `written` first starts in `line` outside a code span, or -1."""
    start = line.find(written)
    while start >= 0 and any(begin <= start < end for begin, end in code):
        start = line.find(written, start + 1)
    return start
