"""The Rust parser's tokens read as markdown-it-py's would, or it hands the body over.

Notes are parsed with markdown-it.rs when its reading is sure to match markdown-it-py's (the
reference): both parse each body here, and the walker must make the same model of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlnotes.model import Person
from dlnotes.parse import tokens
from dlnotes.parse.body import Body, _Walker, parse_body
from dlnotes.parse.frontmatter import split_front_matter
from dlnotes.parse.people import PeopleIndex
from dlnotes.parse.tokens import (
    _MOST_DEFINITIONS_IN_A_ROW,
    LineCount,
    TextLines,
    TokenLike,
    _definitions_in_a_row,
    reference_tokens,
    rust_tokens,
)
from tests.model.helpers import note

REPO = Path(__file__).resolve().parents[2]
JEREMY = Person(id="jeremy", name="Jeremy", aliases=("Jeremy Howard",))

# Pieces of what notes hold, odd ones included: each line is a prefix and some of these.
WORDS = [
    "word",
    "深度学习",
    "data: more",
    "[t](http://a.b/c)",
    "[t](<http://a b/c>)",
    "<http://auto.x/y>",
    "![alt](http://i.png)",
    "![alt *e*](http://i.png)",
    "`[c](http://code)`",
    "`opens",  # and a later line may close it: a code span over lines
    "closes``",
    "*em [l](http://em)*",
    "**b**",
    "&amp;",
    "&copy;",
    "\\*",
    "[u](http://x/ü)",
    "[p](http://x/%E2%80%93)",
    "[r][ref]",
    "[ref]",
    "[x](javascript:alert(1))",
    "[x](JaVa&#115;cript:alert(1))",
    "<javascript:x>",
    "[d](data:text/html,hi)",
    "[f](file:///etc)",
    "— Jeremy",
    "-- Jeremy",
    "(per Jeremy)",
    "Jeremy:",
    "[e]()",
    "[](http://notext)",
    "<span>h</span>",
    "[q](http://q?utm_source=x&amp;b=1)",
    '[a](http://a "title")',
    "[ ] ",
    "[x] ",
    "http://bare.link",
    "[n](http://n)Jeremy",
    "text  ",
    "[l](http://l) — Jeremy Howard: tip",
    "x\\",
    "[esc](http://x/\\_y)",
    "{#custom}",
    "{: .c #x}",
    "[a](http://a){target=_blank}",
    '<a href="http://h.x/">',
    "</a>",
    '<img src="http://img.x/i.png" alt="pic">',
    "[<http://auto.x/in>](http://outer.x)",  # an autolink nested in a link
    "[nl](",  # and a later line may give its URL
    "![nl](",
]
PREFIXES = ["", "", "- ", "1. ", "> ", "> - ", "  ", "    ", "# ", "## ", "  - ", "> > "]
PREFIXES += ["* ", "- [ ] ", "### ", "    - ", "  1. ", ">", "> 1. ", "- > "]
LINES = ["", "", "===", "---", "```", "| a | b |", "|---|---|", "| [c](http://c) | d |"]
LINES += ["| `a|b` | [e](http://e) |"]  # a pipe in code: a cell more to Markdown
LINES += ["- ~~~", "> - ~~~", "~~~", "  [f](http://f)"]  # fences on a marker's line
LINES += ["<div>", "</div>", "[ref]: http://ref.x/%20", "[ref]: http://ref.x/y", "***"]
LINES += ['<p><a href="http://blk.x/">b</a></p>', '<img src="http://blk.x/i.png">']
LINES += ['http://next.x/y "t") [n](http://n)', "> http://next.x/q) x", "  [r][re", "f]"]
LINES += ["> — Jeremy", "> -- Jeremy", "    - [n](http://nest) tip", "      lazy", "1) x"]

line = st.one_of(
    st.sampled_from(LINES),
    st.builds(
        lambda prefix, words: prefix + " ".join(words),
        st.sampled_from(PREFIXES),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    ),
)
bodies = st.builds(
    lambda lines, end: "\n".join(lines) + end,
    st.lists(line, min_size=1, max_size=12),
    st.sampled_from(["", "\n"]),
)


def walk(body: str, tokens: Sequence[TokenLike]) -> Body:
    return _Walker(body, "x.md", 1, PeopleIndex({JEREMY.id: JEREMY})).walk(tokens)


def assert_read_alike(body: str) -> bool:
    """Whether the Rust parser took `body`; either way, the model is markdown-it-py's."""
    fast = rust_tokens(body)
    if fast is not None:
        assert walk(body, fast) == walk(body, reference_tokens(body))
    return fast is not None


@settings(max_examples=600, derandomize=True, deadline=None)
@given(bodies)
def test_both_parsers_make_the_same_model(body: str) -> None:
    assert_read_alike(body)


SOUP = [*"ab 中\n\n\t>-*+1.)[]()<>!`#|:=_\\&;%/\"'~ ", "http://x.y/", "](", "- [ ] ", "é"]
SOUP += ["```", "~~~", "\n```\n", "\n> ", "\n- ", "\n  ", "<a href='"]  # fences in containers
SOUP += ["{", "}", " {#i}"]  # attribute lists


@settings(
    max_examples=1500,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # capfd is read per example
)
@given(st.lists(st.sampled_from(SOUP), max_size=120).map("".join))
def test_no_body_stops_the_parse(capfd: pytest.CaptureFixture[str], body: str) -> None:
    # One soup body in ten made markdown-it.rs panic ("[a `"); a panic is a BaseException,
    # and Rust prints it on stderr unless the screen keeps the body from the port.
    found = rust_tokens(body)
    walk(body, found if found is not None else reference_tokens(body))
    assert capfd.readouterr().err == ""


def test_the_rust_parser_takes_most_bodies() -> None:
    # Or test_both_parsers_make_the_same_model would pass by handing every body over.
    taken = [assert_read_alike(body) for body in _sample_bodies()]
    assert sum(taken) >= len(taken) * 3 // 5


def _sample_bodies() -> list[str]:
    clean = [w for w in WORDS if not any(s in w for s in ("script", "data:", "file:", "ü", "*e*"))]
    return [
        "\n".join(
            f"{PREFIXES[(i + j) % len(PREFIXES)]}{clean[(i * 7 + j) % len(clean)]}"
            for j in range(1 + i % 9)
        )
        for i in range(200)
    ]


@pytest.mark.parametrize(
    "note", ["notes/general.md", "notes/blackbox.md", "notes/overfitting.md", "notes/index.md"]
)
def test_the_real_notes_are_read_alike_by_the_rust_parser(note: str) -> None:
    _, body, _ = split_front_matter((REPO / note).read_text(encoding="utf-8"))
    assert assert_read_alike(body)


@pytest.mark.parametrize(
    "body",
    [
        "- [x](javascript:alert(1))",  # the port drops it; we refuse it, so we must see it
        "[x](JaVa&#115;cript:alert(1))",
        "[x](javascript\\:alert(1))",
        "see <vbscript:msgbox>",
        "[x][r]\n\n[r]: data:text/html,hi",
        "[f](file:///etc/passwd)",
        "[u](http://example.org/ü)",  # the port percent-encodes it; we keep it as written
        # ... even where the note holds the encoded form elsewhere (an archived copy's URL)
        "[x](https://a.example/p\u00ad) ([archived](https://w.example/https://a.example/p%C2%AD))",
        "[s](<http://example.org/a b>)",
        "![alt *em*](http://i.png)",  # markdown-it-py keeps the alt text's markup
        "one\rtwo [l](http://l)",
        "> a\n| a | b |\n|---|---|\n| c | d |",  # a table cutting a quote short
        "> b\n*",  # may an empty list item cut a paragraph short?
        "> <!t",  # an HTML block to markdown-it-py only
        "a\u2028b [l](http://l)",  # a line break to str.splitlines
        "[a `",  # the port panics on this
        "Old <!-- [r](https://w.example/Sweep--V1) -->",  # a comment since CommonMark 0.31
        "- [l](http://l)\n- a `b [c",
    ],
)
def test_bodies_the_rust_parser_could_misread_go_to_markdown_it_py(body: str) -> None:
    assert rust_tokens(body) is None


@pytest.mark.parametrize(
    "body",
    [
        "- [l](http://l) `a` and ``b ` c``\n\n```py\nx = `unclosed\n```\n\n[m](http://m)\n",
        "- [l](http://l)\n  ```\n  x `\n\n  ```\n[m](http://m)\n",
        "> [l](http://l)\n> ~~~\n> x `\n> ~~~\n\n[m](http://m)\n",
    ],
)
def test_code_spans_and_fences_beside_links_stay_with_the_rust_parser(body: str) -> None:
    assert assert_read_alike(body)


@pytest.mark.parametrize(
    "body",
    [
        "[](`)[`",  # the backtick in the URL looks like the closer of the last one
        "<http://a`>[`",
        '[](/u "`")[`',
        "x <a href='`'>[`",
        "[a](x`y) and [b `c",
        ">```\n[`",  # the fence ends with its quote
        "- a\n  ```\nb [`",  # and with its list item
        "[\n```>`",  # no fence: a backtick fence's info string holds no backtick
        "```\nx `\n```\n[`",  # after a closed fence, text again
    ],
)
def test_a_body_the_port_would_panic_on_is_screened_before_it_sees_it(
    body: str, capfd: pytest.CaptureFixture[str]
) -> None:
    # The port panics on each; Rust prints a panic on stderr even when Python catches it.
    assert rust_tokens(body) is None
    assert capfd.readouterr().err == ""


def test_a_panic_past_the_screen_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "_may_panic", lambda body: False)
    body = "[](`)[`"
    assert rust_tokens(body) is None
    assert walk(body, reference_tokens(body)).problems


def test_a_refused_link_is_still_seen_and_refused() -> None:
    body = parse_body(
        "- [x](JaVa&#115;cript:alert(1)) tip", display="x.md", offset=1, people=PeopleIndex({})
    )
    assert [p.message for p in body.problems] == [
        "refused `javascript:` link: the site must never carry one"
    ]


def test_lines_follow_the_source_through_quotes_lists_and_multibyte_text() -> None:
    body = "深度学习\n\n> - a\n    - [n](http://n) x\n\n1. **b**\n   [m](http://m)\n"
    found = rust_tokens(body)
    assert found is not None, "the Rust parser should take this body"
    links = walk(body, found).links
    assert [(link.url, link.location.line) for link in links] == [
        ("http://n", 4),
        ("http://m", 7),
    ]


@pytest.mark.parametrize("form", ["[{n}](https://a.example/{n})", "<https://a.example/{n}>"])
def test_a_link_after_a_span_that_runs_over_lines_is_at_its_own_line(form: str) -> None:
    # A code span reads its line breaks as spaces, and an HTML tag holds its own: neither
    # leaves a break token behind, yet the links after them are on later lines.
    link = [form.format(n=n) for n in range(6)]
    body = "\n".join(
        [
            "See `the code",
            f"span` and {link[0]}, `then",
            "more",
            f"and more` {link[1]}",
            "",
            "> Quoted ``and",
            f'> still`` {link[2]} <a href="https://a.example/html"',
            f'class="x">x</a> {link[3]}',
            "",
            "- item `two",
            f"  lines` {link[4]}",
            f"  {link[5]}",
        ]
    )
    expected = [
        (url, index + 1)  # the walker's body starts at file line 1
        for index, line in enumerate(body.split("\n"))
        for url in re.findall(r"https://a\.example/\w+", line)
    ]
    for found in [reference_tokens(body), rust_tokens(body)]:
        if found is not None:
            links = walk(body, found).links
            assert [(link.url, link.location.line) for link in links] == expected


def test_a_link_after_a_link_or_image_written_over_lines_is_at_its_own_line() -> None:
    # A link's destination, title or reference label may sit on its next line, and so may an
    # image's: no break token keeps those breaks.
    body = "\n".join(
        [
            "See [the paper](",  # line 1: /one
            "https://a.example/one) and [n](https://a.example/two)",
            '[t](https://a.example/three "its',
            'title") and ![a chart](',  # line 4: the image
            "https://i.example/chart.png) [f](https://a.example/four)",
            "[ref][the",  # line 6: the reference
            "label] [g](https://a.example/five) and [[Other note]]",
            "[spaced](https://s.example/a b)",
            "",
            "[the label]: https://a.example/ref",
        ]
    )
    alt = "An ![alt\nover lines](https://i.example/alt.png) [h](https://a.example/six)"
    found = rust_tokens(body)
    assert found is not None, "the Rust parser should take this body"
    assert rust_tokens(alt) is None  # an alt over lines goes to markdown-it-py
    for stream in [reference_tokens(body), found]:
        read = walk(body, stream)
        assert [(link.url[18:], link.location.line) for link in read.links] == [
            ("one", 1),
            ("two", 2),
            ("three", 3),
            ("four", 5),
            ("ref", 6),
            ("five", 7),
        ]
        assert [(image.url, image.location.line) for image in read.images] == [
            ("https://i.example/chart.png", 4)
        ]
        assert [(wiki.target, wiki.location.line) for wiki in read.wikilinks] == [("Other note", 7)]
        assert [p.line for p in read.problems if "holds a space" in p.message] == [8]
    read = walk(alt, reference_tokens(alt))
    assert [(link.url, link.location.line) for link in read.links] == [("https://a.example/six", 2)]
    assert [(image.url, image.location.line) for image in read.images] == [
        ("https://i.example/alt.png", 1)
    ]


@settings(max_examples=300, deadline=None, database=None)
@given(st.text("ab\n", max_size=40), st.lists(st.integers(0, 45), max_size=8))
def test_lines_counted_on_are_lines_counted_from_the_start(text: str, ats: list[int]) -> None:
    # In order as the one-pass readers ask, then out of order too.
    line_of = LineCount(text)
    for at in [*sorted(ats), *ats]:
        assert line_of(at) == text.count("\n", 0, at)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text("ab\n", max_size=40), st.integers(0, 12), st.integers(0, 12) | st.none())
def test_the_text_from_a_line_is_what_walking_to_it_finds(
    text: str, line: int, stop: int | None
) -> None:
    lines = text.split("\n")
    expected = "\n".join(lines[line:stop]) if line < len(lines) else ""
    if stop is not None and line < stop < len(lines):
        expected += "\n"  # up to the start of line `stop`: its line break is kept
    if stop is not None and stop <= line:
        expected = ""
    assert TextLines(text).lines_from(line, stop) == expected


def test_a_long_run_of_reference_definitions_goes_to_markdown_it_py() -> None:
    # The port's time grows with the square of such a run; markdown-it-py's does not.
    most = _MOST_DEFINITIONS_IN_A_ROW
    run = "".join(f"[r{i}]: https://r.example/{i}\n" for i in range(most))
    assert _definitions_in_a_row(run) == most
    assert _definitions_in_a_row(run.replace("\n", "\n\n", 1)) == most - 1
    # Fewer `]:` than the most: their count stands for the run, which it bounds.
    assert _definitions_in_a_row("[a]: x\ntext ]: [b]: y\n" * 3) == 9
    assert rust_tokens(run) is None
    assert rust_tokens(run.replace("\n", "\n\n")) is not None  # apart: the port is quick
    shorter = "".join(f"[r{i}]: https://r.example/{i}\n" for i in range(most - 1))
    assert rust_tokens(shorter) is not None
    body = "".join(f"- [Page {i}][r{i}]\n" for i in range(most)) + "\n" + run
    assert [link.url for link in note(body).links] == [
        f"https://r.example/{i}" for i in range(most)
    ]
