"""The site shows the quotes the model reads: two quotes with only blank lines between are two
to CommonMark (and to GitHub and Obsidian), and Python-Markdown, which renders the site, would
run the second into the first. A page of quotes, each with its source, showed as one."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
from markdown_it import MarkdownIt

from dlnotes.parse import parse_note
from tests.site.project import SITE_EXTENSIONS
from tests.site.test_lists_render import as_the_site_renders


class _Quotes(HTMLParser):
    """Quotes, lists and link targets, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("blockquote", "ul", "li"):
            self.parts.append(f"<{tag}>")
        elif tag == "a":
            self.parts.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("blockquote", "ul", "li"):
            self.parts.append(f"</{tag}>")


def quotes(html: str) -> list[str]:
    parser = _Quotes()
    parser.feed(html)
    return parser.parts


FEYNMAN = "> The first principle is that you must not fool yourself.\n> — Richard Feynman\n"
KNUTH = "> Premature optimization is the root of all evil.\n> — [Knuth](https://k.x/)\n"
BODIES = {
    "a page of quotes": f"{FEYNMAN}\n{KNUTH}\n> [c](https://c.x/)\n",
    "two blank lines apart": f"{FEYNMAN}\n\n{KNUTH}",
    "after a nested quote": "> a\n> > [n](https://n.x/)\n\n> [b](https://b.x/)\n",
    "in a list item": "- item\n\n  > [a](https://a.x/)\n\n  > [b](https://b.x/)\n",
    "in a list item moved to four": "- a\n  - item\n\n    > [a](https://a.x/)\n\n    > b\n",
    "in an admonition": "!!! note\n\n    > [a](https://a.x/)\n\n    > [b](https://b.x/)\n",
    "then a list": f"{FEYNMAN}\n{KNUTH}\n- [l](https://l.x/)\n",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_the_site_shows_the_quotes_commonmark_reads(body: str) -> None:
    site = as_the_site_renders(body)
    if body.startswith("!!!"):  # CommonMark knows no admonition: compare what is inside
        site = site[site.index('class="admonition-title"') :]
        body = re.sub(r"(?m)^    ", "", body.split("\n", 2)[2])
    assert quotes(site) == quotes(MarkdownIt("commonmark").render(body))


def test_without_the_rewrite_python_markdown_runs_them_together() -> None:
    written = markdown.markdown(f"{FEYNMAN}\n{KNUTH}", extensions=SITE_EXTENSIONS)
    assert written.count("<blockquote>") == 1
    assert as_the_site_renders(f"{FEYNMAN}\n{KNUTH}").count("<blockquote>") == 2


def test_the_model_notes_each_quote_that_follows_a_quote() -> None:
    body = f"{FEYNMAN}\n{KNUTH}\n\n> > a\n>\n> > b\n\n- > c\n\n  > d\n"
    note, _ = parse_note("---\ntitle: T\n---\n" + body, path="t.md", display="t.md", people={})
    # Knuth's quote (line 7), the quote two blank lines after it (11) and the second in the
    # item (17); not the second quote inside a quote (13), which the site would need marked
    # inside its quote.
    assert note.adjoining_quotes == (7, 11, 17)
    assert [quote.source for quote in note.quotes][:2] == ["richard-feynman", "knuth"]
