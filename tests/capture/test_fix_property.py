"""Generated notes with every way a note writes a link: mending a URL's links leaves the parser
seeing each of them archived (or moved), and nothing else changed."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlnotes.cli.fix import Mend, apply_mends
from dlnotes.parse import parse_note

URLS = [
    "https://a.example/post",
    "https://b.example/wiki/Dropout_(neural_networks)",
    "https://c.example/p?a=1&b=2",
]
ARCHIVE = "https://web.archive.org/web/1/x"
MOVED = "https://new.example/p?a=1&b=3"
LABELS = {url: f"ref {n}" for n, url in enumerate(URLS)}


def _amp(url: str) -> str:
    return url.replace("&", "&amp;")


def _escaped(url: str) -> str:
    """A Markdown destination with its punctuation escaped, as some exports write it."""
    return re.sub(r"([_()&?=])", r"\\\1", url)


@st.composite
def link(draw: st.DrawFn) -> str:
    url = draw(st.sampled_from(URLS))
    written = draw(st.sampled_from([url, _amp(url)]))
    label = LABELS[url]
    form = draw(st.integers(0, 20))
    return [
        f"[text]({_escaped(url)})",  # escapes, which CommonMark reads in a destination
        f'[text]({written} "a \\"quoted\\" title")',  # a title holding escaped quotes
        f'<a\nhref="{written}">text</a>',  # an HTML tag over two lines
        f"[text]({written}){{target=_blank}}",  # attr_list's: the copy goes after it
        f"[text\nsplit over two lines]({written})",
        # The destination goes on to the next lines: before the URL, before the title.
        f"[text](\n{written})",
        f'[text]({written}\n"a title")',
        f"[text](\n<{written}>\n'a title')",
        f"[text]({written})",
        f'[text]({written} "a title")',
        f"[text]({written} 'a title')",
        f"[text]({written} (a title))",
        f"[text](<{written}>)",
        f"<{url}>",
        f"[text][{label.upper()}]",
        f"[{label}][]",
        f"[{label}]",
        f'<a href="{written}">text</a>',
        f"`[code]({written})`",  # shown as code: no link, and left as written
        "[code]",  # defined in code only (see notes): no link either
        f"`[code]({written})\nover two lines`",  # a code span runs on: still code
    ][form]


@st.composite
def notes(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        parts = draw(st.lists(link(), min_size=1, max_size=3))
        bullet = draw(st.sampled_from(["- ", "", "1. "]))
        lines.append(bullet + " and ".join(parts) + draw(st.sampled_from(["", ", said Jeremy."])))
        lines.append("")
    if draw(st.booleans()):  # a definition and a link shown as code, fenced and indented
        url = draw(st.sampled_from(URLS))
        lines += ["```", f"[code]: {url}", f"[code]({url})", "```", "", f"    [code]: {url}", ""]
    definitions = [
        # The URL on the label's line, or on the next one.
        f"[{LABELS[url]}]:{draw(st.sampled_from([' ', chr(10) + '  ']))}"
        f"{draw(st.sampled_from([url, _amp(url)]))}"
        for url in URLS
    ]
    if draw(st.booleans()):  # all of it inside an admonition, as Material notes often are
        text = "\n".join(lines + definitions).split("\n")
        inside = [f"    {line}" if line else "" for line in text]
        return "---\ntitle: Gen\n---\n\n!!! note\n\n" + "\n".join(inside) + "\n"
    return "---\ntitle: Gen\n---\n\n" + "\n".join(lines + definitions) + "\n"


_CODE = re.compile(r"`\[code\]\(\S+?\)(?:\n *over two lines)?`|```\n.*?```|\[code\]: \S+", re.S)


def _code(text: str) -> list[str]:
    """What the generated notes show as code: a mend leaves it as it is."""
    return _CODE.findall(text)


def _uses(text: str) -> Counter[str]:
    note, problems = parse_note(text, path="n.md", display="n.md", people={})
    assert not [p for p in problems if p.severity == "error"], problems
    return Counter(link.url for link in note.links)


FAST = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(notes(), st.sampled_from(URLS))
def test_archiving_gives_every_link_to_the_url_its_copy_and_changes_nothing_else(
    text: str, url: str
) -> None:
    note, _ = parse_note(text, path="n.md", display="n.md", people={})
    mends = [Mend(link, "archive", ARCHIVE) for link in note.links if link.url == url]
    new, counts = apply_mends(text, mends, "n.md")
    before, after = _uses(text), _uses(new)
    assert after[ARCHIVE] == before[url] == counts["archive"]
    assert after - Counter({ARCHIVE: after[ARCHIVE]}) == before
    # Only insertions: taking the copies out gives the text back.
    copies = (f" ([archived]({ARCHIVE}))", f' (<a href="{ARCHIVE}">archived</a>)')
    assert new.replace(copies[0], "").replace(copies[1], "") == text
    assert _code(new) == _code(text)
    again, counts = apply_mends(new, mends, "n.md")
    assert again == new and counts["archive"] == 0


@FAST
@given(notes(), st.sampled_from(URLS))
def test_moving_a_url_moves_every_link_to_it(text: str, url: str) -> None:
    note, _ = parse_note(text, path="n.md", display="n.md", people={})
    mends = [Mend(link, "redirect", MOVED) for link in note.links if link.url == url]
    new, counts = apply_mends(text, mends, "n.md")
    before, after = _uses(text), _uses(new)
    assert url not in after
    assert after[MOVED] == before[url] + before[MOVED]
    assert counts["redirect"] == before[url]
    assert after - Counter({MOVED: after[MOVED]}) == before - Counter({url: before[url]})
    assert _code(new) == _code(text)


@pytest.mark.parametrize("url", URLS)
def test_the_generator_writes_every_form(url: str) -> None:
    # The forms the notes above are made of are links to the parser, one each.
    text = (
        "---\ntitle: G\n---\n\n"
        + "\n\n".join(
            [
                f"[t]({_amp(url)} 'x')",
                f"[t]({url} (x))",
                f"[t][{LABELS[url].upper()}]",
                f"[{LABELS[url]}]",
                f'<a href="{_amp(url)}">t</a>',
                f"[t](\n{url})",
                f"[t](\n<{_amp(url)}>\n'x')",
            ]
        )
        + f"\n\n[{LABELS[url]}]: {_amp(url)}\n"
    )
    assert _uses(text)[url] == 7
