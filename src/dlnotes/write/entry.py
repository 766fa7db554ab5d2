"""One link written the way the notes conventions read it:
`[Title](url) — comment (per PERSON)`."""

from __future__ import annotations

import re


def link_markdown(title: str, url: str) -> str:
    text = " ".join(title.split()).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    # A URL with spaces or unbalanced parentheses needs the <...> form to stay one link.
    if re.search(r"\s|[<>]", url) or url.count("(") != url.count(")"):
        url = "<" + url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"
    return f"[{text}]({url})"


def link_entry(title: str, url: str, *, comment: str | None = None, by: str | None = None) -> str:
    entry = link_markdown(title, url)
    if comment and comment.strip():
        entry += " — " + " ".join(comment.split())
    if by and by.strip():
        entry += f" (per {' '.join(by.split())})"
    return entry
