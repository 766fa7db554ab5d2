"""Topic-page decorations: each external link gets its kind icon, domain, attribution chip and,
when the cache knows it to be failing, a marker and an archived copy; each quote shows its source.

It works on the HTML MkDocs rendered (any link syntax the note used ends up as an `<a href>`),
pairing anchors with the note's links by URL in document order.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from html import escape, unescape

from dlnotes.model import Link, Note, Person
from dlnotes.pages.html import archive_link, chip, person_name, status_badge
from dlnotes.pages.status import Results, status_of
from dlnotes.parse.htmllinks import ATTRIBUTE_VALUE, attribute_value

# Python-Markdown writes `<a href="…" …>`; a link written as HTML keeps its own order and
# quotes (`<a class="x" href='…'>`), which the page shows as written. Spaces are HTML's own:
# `<a\xa0href=…>` is no anchor to a browser (`\s` took it for one).
_SP = r"[\t\n\f\r ]"
_ANCHOR = re.compile(
    rf"<a(?P<before>(?:{_SP}+(?!href\b)[^\t\n\f\r =>]+(?:{_SP}*={_SP}*{ATTRIBUTE_VALUE})?)*)"
    rf"{_SP}+href{_SP}*={_SP}*(?P<href>{ATTRIBUTE_VALUE})(?P<attrs>[^>]*)>(?P<text>.*?)</a>",
    re.DOTALL,
)
_OWN_CLASS = re.compile(rf"""{_SP}class{_SP}*={_SP}*(["'])""")


def decorate_links(html: str, note: Note, results: Results, people: dict[str, Person]) -> str:
    """The page's HTML with every external link of `note` decorated; other anchors untouched."""
    pending: dict[str, deque[Link]] = defaultdict(deque)
    for link in note.links:
        if link.is_external:
            pending[link.url].append(link)
    if not pending:
        return html

    def replace(match: re.Match[str]) -> str:
        queue = pending.get(attribute_value(match["href"]))
        if not queue:
            return match[0]
        link = queue.popleft() if len(queue) > 1 else queue[0]
        return _decorated(match, link, results, people)

    return _ANCHOR.sub(replace, html)


def _decorated(
    match: re.Match[str], link: Link, results: Results, people: dict[str, Person]
) -> str:
    # The icon and the domain are drawn by CSS from data attributes: one element per link
    # keeps big pages light for the browser and for the search indexer.
    status = status_of(link, results)
    data = (
        f' class="dl-link dl-link--{status.key}" data-kind="{link.kind.value}"'
        f' data-domain="{escape(link.domain)}"'
    )
    attrs = match["before"] + match["attrs"]
    own_class = _OWN_CLASS.search(attrs)
    if own_class:  # keep the note's own classes (attr_list, or the HTML it wrote)
        at = own_class.end()
        attrs = f"{attrs[:at]}dl-link dl-link--{status.key} {attrs[at:]}"
        data = data.replace(f' class="dl-link dl-link--{status.key}"', "", 1)
    anchor = f"<a href={match['href']}{data}{attrs}>{match['text']}</a>"
    meta = []
    if link.attribution:
        meta.append(chip(link.attribution, people))
    if status.is_failing:
        meta.append(status_badge(status))
        meta.append(archive_link(status))
    if not meta:
        return anchor
    return f'{anchor}<span class="dl-meta"> {" ".join(meta)}</span>'


# A quote as the site renders it: a blockquote, or Material's quote admonition (`!!! quote`,
# `??? quote`, also named `cite`), which the model reads as a blockquote too.
_BLOCKQUOTE = re.compile(
    r"<blockquote>(?P<quote>.*?)</blockquote>"
    r'|<div class="admonition (?:quote|cite)">(?P<admonition>.*?)</div>'
    r'|<details class="(?:quote|cite)"(?: open="open")?>(?P<details>.*?)</details>',
    re.DOTALL,
)


_TAG = re.compile(r"<[^>]*>")
# A quote's last paragraph, or the last line of it, when it is a `— SOURCE` line.
_WRITTEN_SOURCE = re.compile(
    r"(?P<start><p>|\n)(?P<line>[ \t]*(?:—|–|--|~)[^\n]*?)</p>(?P<end>\s*)$"
)


def _names_any(html: str, names: list[str]) -> bool:
    """Whether `html`'s text, as a reader sees it, holds one of `names`: `— Cal Newport,
    <em>Deep Work</em>` names "Cal Newport, Deep Work"."""
    shown = unescape(_TAG.sub("", html))
    return any(name in shown for name in names)


def _styled_source(html: str, names: list[str]) -> str:
    """`html`, a quote up to its end, with the `— SOURCE` line it closes on (naming one of
    `names`) shown as the sources the site adds are: under the quote, on its own."""
    found = _WRITTEN_SOURCE.search(html)
    if found is None or not _names_any(found["line"], names):
        return html
    line = found["line"].strip()
    before = "" if found["start"] == "<p>" else "</p>\n"
    return f'{html[: found.start()]}{before}<p class="dl-source">{line}</p>{found["end"]}'


def quote_sources(html: str, note: Note, people: dict[str, Person]) -> str:
    """Each top-level blockquote followed by its source, when the quote does not name it itself.
    Blockquotes pair with the note's quotes in order; if the counts differ, nothing is added."""
    found = list(_BLOCKQUOTE.finditer(html))
    if len(found) != len(note.quotes) or not any(q.source for q in note.quotes):
        return html
    out, last = [], 0
    for match, quote in zip(found, note.quotes, strict=True):
        inner = next(name for name in ("quote", "admonition", "details") if match[name] is not None)
        out.append(html[last : match.end(inner)])
        if quote.source:
            person = people.get(quote.source)
            names = [person_name(quote.source, people), *(person.aliases if person else ())]
            if not _names_any(match[inner], names):
                name = escape(person_name(quote.source, people))
                out.append(f'<p class="dl-source">— {name}</p>\n')
            else:
                out[-1] = _styled_source(out[-1], names)
        last = match.end(inner)
    out.append(html[last:])
    return "".join(out)
