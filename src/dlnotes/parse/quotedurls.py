"""Links whose destination holds a quote, which the site's Python-Markdown reads otherwise.

CommonMark takes a quote in a destination as part of the URL (Wikipedia's `Hick's_law`, an
OData `People('russellwhyte')`, a search `?q="exact phrase"`), and a destination holding a
space is no link at all (Hugo's `[t]({{< ref "x.md" >}})`). Python-Markdown's `getLink` takes
any quote for a title's start instead, and ends the link at the first `)` right after a
quote that came again: the URL is cut at the quote, or the link runs on over the links after
it, or (a `(` after the quote) to the end of the paragraph. `site_link` follows `getLink`
step by step, so each warning says what the page does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dlnotes.parse.tokens import SITE_ESCAPES, code_spans, line_and_column

OPENS = re.compile(r"\]\(")
# An escape the site reads: a backslash before anything else stays, and so does a quote after
# it.
_ESCAPED = re.compile(rf"\\[{re.escape(SITE_ESCAPES)}]")
_QUOTES = "\"'"
# What percent-encodes each quote: a URL means the same with it.
_ENCODED = {'"': "%22", "'": "%27"}


def may_hold_quoted_urls(markdown: str) -> bool:
    """Cheap, and false for most runs: whether a `](` and a quote are in `markdown`."""
    return "](" in markdown and ('"' in markdown or "'" in markdown)


def without_escapes_and_code(markdown: str, fill: str) -> str:
    """`markdown` with each escape the site reads and each code span written over with `fill`
    (one character), place for place: both go before links, so neither holds a link's
    quote, parenthesis or space for the site."""
    plain = _ESCAPED.sub(fill * 2, markdown)
    for start, end in code_spans(plain):
        plain = plain[:start] + fill * (end - start) + plain[end:]
    return plain


def quoted_urls(markdown: str, first: int) -> Iterator[tuple[int, int, str]]:
    """Each link of `markdown` (an inline run's source, from file line `first`) that the site
    ends elsewhere or cuts short for a quote in its destination: its line in the run (from
    0), its column and why."""
    # The site reads escapes and code spans before links: neither holds a quote for it.
    plain = without_escapes_and_code(markdown, " ")
    at = 0
    while (found := OPENS.search(plain, at)) is not None:
        start = at = found.end()
        if plain[start:].lstrip(" ").startswith("<"):
            continue  # `](<url> "title")`: the site's own pattern, read alike
        own_end = _commonmark_end(plain, start)
        quote_at = next((i for i in range(start, own_end) if plain[i] in _QUOTES), -1)
        if quote_at < 0:
            continue
        end, title_at = site_link(plain, start)
        why = _why(markdown, plain, start, own_end, quote_at, end, title_at, first)
        if why is not None:
            line, column = line_and_column(plain, found.start())
            yield line, column, why
            at = max(at, end)


def _why(
    markdown: str,
    plain: str,
    start: int,
    own_end: int,
    quote_at: int,
    end: int,
    title_at: int,
    first: int,
) -> str | None:
    """Why the site's link (ending at `end`, its title from `title_at`) differs from the
    destination CommonMark reads (from `start` to `own_end`), or None if it does not."""
    quote = plain[quote_at]
    destination = markdown[start:own_end].strip()
    mend = f"write the quote as {_ENCODED[quote]}"
    if end > own_end:
        between = plain[own_end:end]
        taken = between.count("](") + between.count("<http")
        if end == len(plain):
            reach = "to the end of the paragraph, as a `(` follows the quote"
            lost = "after it"
        else:
            line = first + plain.count("\n", 0, end)
            reach, lost = f"to the `{plain[end - 1]})` on line {line}", "in between"
        return (
            f"`{destination}`: the site takes the `{quote}` in this link's URL for a title's "
            f"start, and the title runs on {reach}: the page links something else here, and "
            f"none of the {taken} link(s) {lost}: {mend} (a Hugo or Jekyll tag makes no link "
            f"here: link the note itself)"
        )
    if end < 0 or title_at < 0 or (plain[title_at - 2] in " \t\n" and end == own_end):
        return None  # no title, or one after a space that ends the link: read alike
    href = plain[start : title_at - 1].strip()
    title = plain[title_at - 1 : end].rstrip()
    return (
        f"`{destination}`: the site reads `{title}` as this link's title, and links {href} "
        f"instead, which no check reads: {mend}"
    )


def _commonmark_end(text: str, start: int) -> int:
    """The `)` that ends the destination opening at `start` as CommonMark balances
    parentheses (a quote is a character like any other), or the text's end."""
    depth = 1
    for at in range(start, len(text)):
        if text[at] == "(":
            depth += 1
        elif text[at] == ")":
            depth -= 1
            if depth == 0:
                return at
    return len(text)


def site_link(data: str, start: int) -> tuple[int, int]:
    """Python-Markdown's `getLink` (markdown 3.x) for the link whose `(` ends at `start`:
    the index of the `)` that ends it (the text's length when it runs away), and where
    its title starts (-1: none); (-1, -1) when it makes no link."""
    count = backtrack = 1
    last_bracket = -1
    quote = other = ""
    start_quote = exit_quote = start_other = exit_other = -1
    in_title = False
    last = ""
    for at in range(start, len(data)):
        char = data[at]
        if char == "(":
            if not in_title:
                count += 1
            elif backtrack > 0:
                backtrack -= 1
        elif char == ")":
            if (exit_quote != -1 and quote == last) or (exit_other != -1 and other == last):
                count = 0
            elif not in_title:
                count -= 1
            elif backtrack > 0:
                backtrack -= 1
                if backtrack == 0:
                    last_bracket = at + 1
        elif char in _QUOTES:
            if not quote:
                in_title, backtrack, count = True, count, 1
                start_quote, quote = at + 1, char
            elif char != quote and not other:
                start_other, other = at + 1, char
            elif char == quote:
                exit_quote = at + 1
            elif other and char == other:
                exit_other = at + 1
        if count == 0:
            if exit_quote >= 0 and quote == last:
                return at, start_quote
            if exit_other >= 0 and other == last:
                return at, start_other
            return at, -1
        if char != " ":
            last = char
    if backtrack == 0:
        # Its fallback: the `)` its second count found, or, a `(` having spent that count,
        # `data[start:-2]`: the link runs to the text's end.
        return (last_bracket - 1 if last_bracket >= 0 else len(data)), -1
    return -1, -1
