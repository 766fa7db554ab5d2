"""One link written the way the notes conventions read it:
`[Title](url) — comment (per PERSON)`."""

from __future__ import annotations

import re

# What a title's text must not be read as: emphasis, code, a bracket that ends the link text,
# an HTML tag or an entity. A title fetched from a page is the page's to choose: written as it
# came, `<img src=x onerror=…>` would be HTML on the published site.
_MARKUP = re.compile(r"[\\`*_\[\]]")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def title_markdown(title: str) -> str:
    """`title` as Markdown that both CommonMark and Python-Markdown show as that very text."""
    text = _MARKUP.sub(r"\\\g<0>", " ".join(title.split()))
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;")


def link_markdown(title: str, url: str) -> str:
    text = title_markdown(title)
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
