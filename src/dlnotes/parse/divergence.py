"""Where the site's Markdown (Python-Markdown) reads a note otherwise than CommonMark, which
the model, GitHub and Obsidian follow, and no rewrite of the page can make them agree: the
parser warns, as the page would show a link that no check reads, or break one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from dlnotes.parse.references import DEFINITION, reference_label
from dlnotes.parse.tokens import TokenLike, verbatim_lines

# A link, or an autolink, whose URL holds a space: CommonMark leaves it as text, Python-Markdown
# links it.
_SPACED_URL = re.compile(
    r"\[[^\[\]]*\]\((?:https?|ftp)://[^\s()<>]*[ \t][^()]*\)"
    r"|<(?:https?|ftp)://[^\s<>]*[ \t][^<>]*>",
    re.IGNORECASE,
)
# What follows an inner link when it sat in another's text: the outer link's URL.
_OUTER_URL = re.compile(r"\]\(\s*<?([^\s()<>]*)")
# Some link's title written `(title)`, anywhere in a note.
_PAREN_TITLE = re.compile(r"\]\([^\s()]+>?\s+\([^()]*\)\s*\)")


def may_title_in_parentheses(text: str) -> bool:
    """Cheap, and false for most notes: whether some link's title is written `(title)`."""
    return ("))" in text or ") )" in text) and _PAREN_TITLE.search(text) is not None


def title_in_parentheses(line: str, url: str) -> str | None:
    """Why the link to `url` on `line` breaks on the site, when its title is `(title)`."""
    written = f"{url} (" in line or f"{url}> (" in line
    if not written or not re.search(rf"\]\(\s*<?{re.escape(url)}>?\s+\([^()]*\)\s*\)", line):
        return None
    return (
        f"the title of the link to {url} is in parentheses, which the site's Markdown "
        f"(Python-Markdown) reads as part of the URL, so the page's link would be broken: "
        f'write the title in quotes, [text]({url} "title")'
    )


def spaced_urls(text: str) -> Iterator[str]:
    """Why each `[text](https://a b)` or `<https://a b>` in `text` (an inline run's plain text)
    is a link on the site and none in the model: CommonMark allows no space in a URL."""
    for match in _SPACED_URL.finditer(text):
        written = match.group(0)
        mend = "as %20" if written.startswith("<") else "as %20, or put the URL in <…>"
        yield (
            f"`{written}` is not a link in Markdown (its URL holds a space), yet the site "
            f"shows it as one, which is never checked: write the space {mend}"
        )


def outer_link(after: str, depth: int = 1) -> tuple[str | None, int]:
    """Reading `after`, text that follows a link written inside `depth` open `[`: the URL of
    the link those brackets make on the site once their `](` comes (None when they close
    otherwise; "" when `after` ends there, before an autolink `<url>`), and how many `[` are
    still open (0 once they closed)."""
    for index, char in enumerate(after):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                outer = _OUTER_URL.match(after, index)
                return (None if outer is None else outer.group(1)), 0
    return None, depth


def link_in_link_text(inner: str, outer: str) -> str:
    """Why `[text [inner](…)](outer)` breaks on the site: CommonMark keeps the inner link (a
    link holds no other) and leaves the rest as text; Python-Markdown links the outer one."""
    return (
        f"a link inside another link's text: Markdown keeps the inner one ({inner}), the "
        f"site the outer one ({outer}), so the page would link what no check reads: take "
        f"one of them out"
    )


def redefined_references(
    text: str, tokens: Sequence[TokenLike], offset: int
) -> Iterator[tuple[int, str]]:
    """Each label that `text` (a note's body, whose line 0 is file line `offset`) defines
    again with another URL: the file line of its last definition, and why. CommonMark takes
    the first definition, the site the last. Definitions shown in code or raw HTML make none."""
    verbatim = verbatim_lines(tokens)
    first: dict[str, tuple[int, str]] = {}
    last: dict[str, tuple[int, str, str]] = {}
    for match in DEFINITION.finditer(text):
        index = text.count("\n", 0, match.start())
        if index in verbatim:
            continue
        label = reference_label(match.group(1))
        first.setdefault(label, (index + offset, match.group(2)))
        last[label] = (index + offset, match.group(2), match.group(1))
    for label, (line, url, written) in last.items():
        first_line, first_url = first[label]
        if url != first_url:
            yield (
                line,
                (
                    f"[{written}] is defined again here: Markdown reads the first definition "
                    f"(line {first_line}, {first_url}), the site the last ({url}), so the page "
                    f"would link what no check reads: keep one"
                ),
            )
