"""Lists as the model reads them. CommonMark lets a list start on the line after a paragraph,
or right after a list with another marker; Python-Markdown, which renders the site, runs the
first into the paragraph (its items shown as text with their markers) and the second into the
list before it. A blank line, or an empty HTML comment between the two lists, makes it read
them as the model does. The note on disk is not changed."""

from __future__ import annotations

from dlnotes.model import Note

# Python-Markdown ends a list at an HTML block; an empty comment shows nothing on the page.
_LIST_BREAK = "<!-- -->"


def separate_lists(markdown: str, note: Note, first_line: int) -> str:
    """`markdown` is the note's body whose first line is line `first_line` of the file; each of
    the note's adjoining lists gets the break Python-Markdown needs before it."""
    if not note.adjoining_lists:
        return markdown
    lines = markdown.split("\n")
    # From the last up, so that a break put in leaves the lines above where they were.
    for adjoining in reversed(note.adjoining_lists):
        index = adjoining.line - first_line
        if 0 < index < len(lines):
            # Indented as the list is: inside an admonition, a break must stay inside it.
            indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
            between = ["", indent + _LIST_BREAK, ""] if adjoining.after == "list" else [""]
            lines[index:index] = between
    return "\n".join(lines)
