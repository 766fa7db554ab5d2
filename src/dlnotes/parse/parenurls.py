"""Links whose URL the site runs on, past a space, to the `)` that balances the link's `(`.

CommonMark's destination is one word whose parentheses balance, then maybe a title, then `)`:
`(see [wiki](https://…/Mercury_(planet) for details)` is text to it. Python-Markdown's
`getLink` counts parentheses instead, spaces and all, and links
`https://…/Mercury_(planet) for details`, which no check reads. Reddit's comments write these:
a `\\)` its editor escapes inside the URL, a `)` forgotten, `^([source](url) here)`; so do
notes written by hand. A URL without parentheses and a space after it is `spaced_urls`' (in
`divergence`), a quote in the link is `quotedurls`'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dlnotes.parse.quotedurls import OPENS, site_link, without_escapes_and_code
from dlnotes.parse.tokens import line_and_column

_WEB = re.compile(r"<?(?:https?|ftp)://", re.IGNORECASE)
_SPACE = " \t\n"


def may_run_on(markdown: str) -> bool:
    """Cheap: whether some link of `markdown` may hold parentheses of its own."""
    return "](" in markdown and markdown.count("(") > 1


def run_on_urls(markdown: str) -> Iterator[tuple[int, int, str]]:
    """Each link of `markdown` (an inline run as written) that CommonMark reads as no link and
    the site links to a web URL holding parentheses and a space: its line in the run (from 0),
    its column and why."""
    # What neither reads as a parenthesis, a space or a quote: escapes, code spans.
    plain = without_escapes_and_code(markdown, "_")
    for found in OPENS.finditer(plain):
        start = found.end()
        opening = _text_start(plain, found.start())
        if opening < 0 or commonmark_link_end(plain, start) is not None:
            continue
        end, title_at = site_link(plain, start)
        if end < 0 or title_at >= 0:
            continue  # no link on the site either, or a quote's: see quotedurls
        href = plain[start:end].strip()
        if not _WEB.match(href) or "\n" in href or not any(c in href for c in " \t"):
            continue  # a URL a line break cuts: see divergence.url_over_lines
        if not any(c in href for c in "()") and not href.startswith("<"):
            continue  # see divergence.spaced_urls
        written = markdown[opening : end + 1]
        shown = markdown[start:end].strip()
        what = "shows the image at" if written.startswith("!") else "links"
        yield (
            *line_and_column(markdown, opening),
            f"`{written}` is not a link in Markdown, yet the site {what} `{shown}`, which is "
            f"never checked: it runs the URL on to the `)` that closes the link's `(`. End "
            f"the link right after its URL, and write parentheses in the URL as %28 and %29",
        )


def _text_start(text: str, closing: int) -> int:
    """Where the link text whose `]` is at `closing` opens (its `!` for an image), brackets in
    pairs as both read them; -1 when none does."""
    depth = 0
    for at in range(closing, -1, -1):
        if text[at] == "]":
            depth += 1
        elif text[at] == "[":
            depth -= 1
            if depth == 0:
                return at - 1 if at and text[at - 1] == "!" else at
    return -1


def commonmark_link_end(text: str, start: int) -> int | None:
    """Where CommonMark's inline link whose `(` ends at `start` ends (past its `)`), or None
    when it reads none there: a destination (`<…>`, or one word whose unescaped parentheses
    balance), then maybe a title after a space (`"…"`, `'…'`, `(…)`), then `)`."""
    at = _spaces(text, start)
    if text.startswith("<", at):
        close = at + 1
        while close < len(text) and text[close] not in "<>\n":
            close += 2 if text[close] == "\\" else 1
        if not text.startswith(">", close):
            return None
        at = close + 1
    else:
        # markdown-it's `parseLinkDestination`: a backslash takes any character along but a
        # space, and parentheses nest 32 deep at most.
        depth = 0
        while at < len(text) and " " < text[at] != "\x7f":
            if text[at] == "\\" and at + 1 < len(text):
                if text[at + 1] == " ":
                    break
                at += 1
            elif text[at] == "(":
                depth += 1
                if depth > 32:
                    return None
            elif text[at] == ")":
                if depth == 0:
                    break
                depth -= 1
            at += 1
        if depth:
            return None
    after = _spaces(text, at)
    if after > at and text[after : after + 1] in ('"', "'", "("):
        title_end = _title_end(text, after)
        if title_end is not None:
            closing = _spaces(text, title_end)
            if text.startswith(")", closing):
                return closing + 1
            return None
    return after + 1 if text.startswith(")", after) else None


def _spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _title_end(text: str, at: int) -> int | None:
    """Past the title opening at `at`, or None when it does not close (a `(title)` holds no
    unescaped `(`)."""
    closer = ")" if text[at] == "(" else text[at]
    index = at + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == closer:
            return index + 1
        if closer == ")" and char == "(":
            return None
        index += 1
    return None
