"""Links, lines and the writing conventions, parsed from small notes."""

from __future__ import annotations

import itertools
import re

import markdown
import pytest

from dlnotes.model import LinkKind
from dlnotes.pages import site_markdown
from dlnotes.parse import PeopleIndex, parse_note
from dlnotes.parse.divergence import FENCE_WITH_BACKTICK_INFO
from tests.model.helpers import PEOPLE, note, note_and_problems
from tests.site.project import SITE_EXTENSIONS


def test_inline_reference_and_autolinks_with_their_lines() -> None:
    parsed = note(
        "Intro with [inline](https://a.test/x) here.\n"
        "\n"
        "A [reference][ref] and an autolink <https://c.test/page>\n"
        "on a paragraph that goes on\n"
        "to [a third line](https://d.test/).\n"
        "\n"
        "[ref]: https://b.test/ref\n"
    )
    assert [(link.url, link.title, link.location.line) for link in parsed.links] == [
        ("https://a.test/x", "inline", 4),
        ("https://b.test/ref", "reference", 6),
        ("https://c.test/page", "https://c.test/page", 6),
        ("https://d.test/", "a third line", 8),
    ]


def test_urls_with_parentheses_and_percent_encoding_are_kept_whole() -> None:
    parsed = note(
        "- [Counter](https://en.wikipedia.org/wiki/Counter_(digital))\n"
        "- [Encoded](https://x.test/data%20science/deep%20learning/)\n"
    )
    assert parsed.links[0].url == "https://en.wikipedia.org/wiki/Counter_(digital)"
    assert parsed.links[1].url == "https://x.test/data%20science/deep%20learning/"
    assert parsed.links[1].normalized == "https://x.test/data%20science/deep%20learning"


def test_no_links_from_code_spans_fenced_code_or_html_comments() -> None:
    parsed = note(
        "Use `[not](https://code.test/)` like this.\n\n"
        "```\n[fenced](https://fenced.test/)\n```\n\n"
        "    [indented](https://indented.test/)\n\n"
        "<!-- [hidden](https://comment.test/) -->\n\n"
        "Text <!-- [inline hidden](https://inline-comment.test/) --> and [real](https://real.test/).\n"
    )
    assert [link.url for link in parsed.links] == ["https://real.test/"]


def test_trailing_text_is_the_annotation_and_attributions_resolve() -> None:
    parsed = note(
        "## Reading\n\n"
        "- [A](https://a.test/) | worth a second read\n"
        "- [B](https://b.test/) Recommended by Jeremey\n"
        "- [C](https://c.test/), short videos per a16z\n"
        "- [D](https://d.test/) costs 5 dollars per month\n"
        "- [E](https://e.test/) (per Someone New)\n"
    )
    a, b, c, d, e = parsed.links
    assert (a.annotation, a.attribution) == ("worth a second read", None)
    assert (b.annotation, b.attribution) == (None, "jeremy")
    assert (c.annotation, c.attribution) == ("short videos", "a16z")
    # A bare `per NAME` counts only for a name the people table knows.
    assert (d.annotation, d.attribution) == ("costs 5 dollars per month", None)
    assert e.attribution == "someone-new"
    assert a.headings == ("Reading",) and a.anchor == "reading"


def test_an_unknown_person_is_a_warning_naming_the_line() -> None:
    _, problems = note_and_problems("Tip text (per Nobody Known)\n")
    assert [(p.line, p.severity) for p in problems] == [(4, "warning")]
    assert "Nobody Known" in problems[0].message


def test_tips_checklists_task_lists_and_quotes() -> None:
    parsed = note(
        "# Training\n\n"
        "Normalise the inputs. (per Jeremy)\n\n"
        "## Steps (From fast.ai)\n\n"
        "1. Add data\n2. Augment\n\n"
        "## Todo\n\n"
        "- [ ] read the paper\n- [x] run the baseline\n\n"
        "> Simple is better than complex.\n>\n> — The Zen of Python\n"
    )
    (tip,) = parsed.tips
    assert (tip.text, tip.attribution, tip.location.line) == ("Normalise the inputs.", "jeremy", 6)
    steps, todo = parsed.checklists
    assert (steps.title, steps.source, [i.text for i in steps.items]) == (
        "Steps",
        "fast.ai",
        ["Add data", "Augment"],
    )
    assert [(i.text, i.checked) for i in todo.items] == [
        ("read the paper", False),
        ("run the baseline", True),
    ]
    (quote,) = parsed.quotes
    assert quote.text == "Simple is better than complex."
    assert quote.source == "the-zen-of-python"


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("— The Zen of Python", "the-zen-of-python"),
        ("— [Knuth](https://knuth.x/)", "knuth"),
        ("— Cal Newport, *Deep Work*", "cal-newport-deep-work"),
        ("— `import this`", "import-this"),
    ],
)
def test_a_source_under_the_last_line_of_a_quote_is_read_as_the_page_shows_it(
    source: str, name: str
) -> None:
    # Under the text, with no blank line: the Markdown of the source line (a link, emphasis)
    # once made the source's name, and cut the quote's text short by a character.
    parsed, problems = note_and_problems(f"> Simple is better\n> than complex.\n> {source}\n")
    (quote,) = parsed.quotes
    assert (quote.text, quote.source) == ("Simple is better than complex.", name)
    assert [p.line for p in problems] == [6]  # the source line, not the quote's first


def test_a_source_naming_a_known_author_then_the_work_is_the_authors() -> None:
    parsed, problems = note_and_problems(
        "> Data beats cleverness.\n> — Jeremy Howard, *lesson 3*\n\n"
        "> Simple.\n>\n> — Tim Peters, The Zen of Python\n"
    )
    assert [quote.source for quote in parsed.quotes] == ["jeremy", "tim-peters-the-zen-of-python"]
    # An unknown author keeps the whole line, warned: no guess is safe ("Smith, J.").
    assert [p.line for p in problems] == [9]


def test_link_kinds_are_guessed_from_url_and_title() -> None:
    parsed = note(
        "- [v](https://www.youtube.com/watch?v=x)\n- [r](https://github.com/a/b)\n"
        "- [p](https://x.test/paper.pdf?dl=0)\n- [c](https://www.coursera.org/learn/nn)\n"
        "- [Neural networks (book)](http://nn.test/)\n- [a](https://blog.test/post)\n"
        "- [n](other.md#part)\n"
    )
    assert [link.kind for link in parsed.links] == [
        LinkKind.VIDEO,
        LinkKind.REPOSITORY,
        LinkKind.PAPER,
        LinkKind.COURSE,
        LinkKind.BOOK,
        LinkKind.ARTICLE,
        LinkKind.NOTE,
    ]


def test_link_kinds_match_whole_host_names() -> None:
    parsed = note(
        "- [v](https://m.youtube.com/watch?v=x)\n- [c](https://course.fast.ai/)\n"
        "- [a](https://notyoutube.com/watch)\n- [a](https://fast.ai/blog)\n"
        "- [p](https://github.com/a/b/raw/main/paper.PDF)\n- [r](https://gist.github.com/a)\n"
    )
    assert [link.kind for link in parsed.links] == [
        LinkKind.VIDEO,
        LinkKind.COURSE,
        LinkKind.ARTICLE,
        LinkKind.ARTICLE,
        LinkKind.PAPER,
        LinkKind.REPOSITORY,
    ]


def test_tracking_parameters_are_a_warning() -> None:
    parsed, problems = note_and_problems(
        "[Course](https://www.udemy.com/deeplearning/?siteID=abc&LSNPUBID=def)\n"
    )
    assert parsed.links[0].normalized == "https://www.udemy.com/deeplearning"
    assert [(p.line, p.severity) for p in problems] == [(4, "warning")]
    assert "siteID, LSNPUBID" in problems[0].message


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_byte_order_mark_changes_nothing(newline: str) -> None:
    # Windows Notepad starts UTF-8 with U+FEFF; MkDocs reads it away, and so must the parser.
    text = (
        "---\ntitle: T\ntags: [a]\n---\n\n# T\n\n"
        "- [A](https://a.test/) short (per Jeremy)\n\n## Steps\n\n1. one\n2. two\n"
    ).replace("\n", newline)
    bad = "---\ntitle: T\ntags: [a, b\n---\nbody\n".replace("\n", newline)
    people = PeopleIndex(PEOPLE)
    for body in (text, bad):
        plain = parse_note(body, path="t.md", display="n", people=people)
        assert parse_note("\ufeff" + body, path="t.md", display="n", people=people) == plain
    marked, problems = parse_note("\ufeff" + text, path="t.md", display="n", people=people)
    assert problems == []
    (link,) = marked.links
    assert (link.title, link.location.line, link.attribution) == ("A", 8, "jeremy")
    assert [i.text for c in marked.checklists for i in c.items] == ["one", "two"]
    _, errors = parse_note("\ufeff" + bad, path="t.md", display="n", people=people)
    assert [(p.line, p.severity) for p in errors] == [(4, "error")]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_line_ends_read_as_the_site_reads_them(newline: str) -> None:
    # MkDocs reads notes with universal newlines: the site sees no CR, nor may the model (it
    # read each definition's CR as "a space other than an ordinary one", and lost the warning
    # of a definition that goes on the paragraph above it).
    text = (
        "---\ntitle: T\n---\n[a][1] and [b][2]\n\n[1]: https://a.example/\n\n"
        "The rate is: [c][3]\n[3]: https://c.example/on-the-paragraph\n\n"
        "```\n[x](https://x.example/)\n```\n\n"
        "| k | v |\n|---|---|\n| [d](https://d.example/) | 1 |\n"
        "\n[2]: https://b.example/ 'title'\n"
    )
    people = PeopleIndex(PEOPLE)
    plain = parse_note(text, path="t.md", display="n", people=people)
    windows = parse_note(text.replace("\n", newline), path="t.md", display="n", people=people)
    assert windows == plain
    assert [(p.line, p.message[:12]) for p in windows[1]] == [(9, "`[3]: https:")]


def test_lists_that_begin_right_after_a_paragraph_or_another_list() -> None:
    lines = [
        "Try these:",
        "- [A](https://a.test/)",  # line 5: right after text
        "",
        "Then:",
        "",
        "1. one",
        "2. two",
        "- three",  # line 11: a bullet right after a numbered list
        "",
        "* four",  # line 13: another bullet marker, even past a blank line
        "",
        "Text",
        "",
        "- six",  # a blank line after the paragraph: nothing to note
        "",
        "## H",
        "- seven",  # after a heading: MkDocs reads that as a list already
        "",
        "> quoted:",
        "> - eight",  # inside a quote: not at the top level
        "",
        "Nine:",
        "",
        "- nine",
        "  text:",
        "  - ten",  # line 29: nested, right after the item's second line
        "",
        "- eleven",
        "  - twelve",  # nested right under its item's first line: MkDocs reads that alone
    ]
    parsed = note("\n".join(lines) + "\n")  # the body starts on line 4
    assert [(a.line, a.after) for a in parsed.adjoining_lists] == [
        (5, "text"),
        (11, "list"),
        (13, "list"),
        (29, "text"),
    ]
    crlf = note("Try these:\r\n- [A](https://a.test/)\r\n")
    assert [(a.line, a.after) for a in crlf.adjoining_lists] == [(5, "text")]
    # Right under a quote's line: CommonMark ends the quote, Python-Markdown would run the
    # list into it (and a list nested in the item, moved in to 4, became code).
    body = "> quote\n1. item\n\u3000 sub\n   - [y](https://y.example/)\n"
    assert [(a.line, a.after) for a in note(body).adjoining_lists] == [(5, "text"), (7, "text")]
    page = as_the_site_renders(body)
    assert "<ol>" in page and 'href="https://y.example/"' in page and "<pre>" not in page


def test_attribute_lists_give_ids_and_are_not_text() -> None:
    # The site's Markdown has attr_list: `{#id}` sets a heading's id (its toc makes the other
    # ids unique around it), and `{...}` right after a link sets the link's attributes.
    parsed = note(
        "# Guide\n\n## Install\n\n## Setup {#install}\n\n## Usage { #use .big }\n\n"
        "## Steps (From fast.ai) {: .steps }\n\n1. one\n2. two\n\n## Setup\n\n"
        "- [P](https://p.test/x){target=_blank} great read (per Jeremy)\n"
        "- [Q](https://q.test/) {not attributes} here\n"
    )
    assert [(h.text, h.anchor) for h in parsed.headings] == [
        ("Guide", "guide"),
        ("Install", "install_1"),
        ("Setup", "install"),
        ("Usage", "use"),
        ("Steps (From fast.ai)", "steps-from-fastai"),
        ("Setup", "setup"),
    ]
    (steps,) = parsed.checklists
    assert (steps.title, steps.source, steps.anchor) == ("Steps", "fast.ai", "steps-from-fastai")
    p, q = parsed.links
    assert (p.annotation, p.attribution, p.anchor) == ("great read", "jeremy", "setup")
    assert q.annotation == "{not attributes} here"


def test_repeated_heading_names_get_the_site_s_ids() -> None:
    # Many headings of one name, among names and ids that look like its suffixes: the ids
    # Python-Markdown's toc gives them, however it keeps count.
    names = ["Setup", "Setup_2", "Setup {#setup_4}", "Setup", "Setup_1", "setup-1", "Setup"]
    names += ["Setup"] * 40 + ["Setup_40", "Setup", "Other"] + ["Setup"] * 5
    text = "".join(f"## {name}\n\n" for name in names)
    site = markdown.Markdown(extensions=["toc", "attr_list"])
    site.convert(text)
    expected = [token["id"] for token in site.toc_tokens]  # type: ignore[attr-defined]
    assert [h.anchor for h in note(text).headings] == expected
    assert len(set(expected)) == len(names)


def test_wikilinks_are_read_where_they_are_text() -> None:
    # Obsidian's and Quartz's [[links]]: kept unresolved by the parse (which note they name
    # depends on the others; see test_wikilinks.py), each at its own line.
    parsed, problems = note_and_problems(
        "See [[general]] and\n"
        "[[Attention notes#Heads|attention]].\n"
        "\n"
        "- not in `[[code]]`, nor in [[1]](https://e.test/ref), but ![[plot.png|300]]\n"
        "  and ![[Plot.PNG]], not ![[general]]\n"
        "\n"
        "```\n[[fenced]]\n```\n"
    )
    found = [
        (w.written, w.target, w.heading, w.shown, w.location.line, w.embed)
        for w in parsed.wikilinks
    ]
    assert found == [
        ("[[general]]", "general", None, "general", 4, False),
        ("[[Attention notes#Heads|attention]]", "Attention notes", "Heads", "attention", 5, False),
        ("![[plot.png|300]]", "plot.png", None, "300", 7, True),
        ("![[Plot.PNG]]", "Plot.PNG", None, "", 8, True),
    ]
    assert all(w.url is None for w in parsed.wikilinks)
    (embed,) = problems  # a note's embed: the site cannot show a note inside another
    assert (embed.line, embed.severity) == (8, "warning")
    assert embed.message.startswith("![[general]] embeds a note")
    assert embed.message.endswith("write [[general]] to link it instead")
    assert [link.url for link in parsed.links] == ["https://e.test/ref"]


def test_images_are_read_with_their_lines_and_are_no_links() -> None:
    parsed, problems = note_and_problems(
        "# Plots ![icon](img/icon.svg)\n"
        "\n"
        "![A plot](img/plot.png) and [![badge](https://img.test/b.svg)](https://e.test/p)\n"
        "\n"
        "- ![inline](data:image/png;base64,AAAA) ![remote](https://img.test/r.png)\n"
        "\n"
        "![bad](javascript:alert(1))\n"
    )
    assert [(i.url, i.alt, i.location.line) for i in parsed.images] == [
        ("img/icon.svg", "icon", 4),
        ("img/plot.png", "A plot", 6),
        ("https://img.test/b.svg", "badge", 6),
        ("https://img.test/r.png", "remote", 8),
    ]
    assert [(link.url, link.title) for link in parsed.links] == [("https://e.test/p", "badge")]
    assert [(p.line, p.message) for p in problems if p.severity == "error"] == [
        (10, "refused `javascript:` image: the site must never carry one")
    ]


def as_the_site_renders(body: str) -> str:
    """The page's HTML of `body`: the plugin's rewrite, then the site's Markdown."""
    parsed = note(body)
    return markdown.markdown(
        site_markdown(body, parsed, parsed.body_line), extensions=SITE_EXTENSIONS
    )


def urls_and_warnings(body: str, words: str) -> tuple[list[str], list[tuple[int, str]]]:
    """The URLs of the note's links, and its warnings that hold `words`, with their lines."""
    parsed, problems = note_and_problems(body)
    warned = [(p.line, p.message) for p in problems if words in p.message]
    return [link.url for link in parsed.links], warned


def test_a_link_in_parentheses_right_after_brackets_is_a_warning() -> None:
    # A chat export's footnote: the site links `[^7]` to the text `[A](https://…)`.
    body = (
        "Attention [^7]([A paper](https://t.example/?row=3)) helps.\n\n"
        "Fine: [^7] ([A paper](https://u.example/)), and `[^7]([c](https://c.example/))`.\n"
    )
    urls, warned = urls_and_warnings(body, "whose URL is the link in the parentheses")
    assert urls == ["https://t.example/?row=3", "https://u.example/"]
    assert [line for line, _ in warned] == [4]
    page = markdown.markdown(body)
    assert 'href="https://t.example/?row=3"' not in page and 'href="https://u.example/"' in page


def test_a_title_in_parentheses_after_a_url_or_holding_them_is_a_warning_too() -> None:
    wiki = "https://en.wikipedia.org/wiki/Transformer_(deep_learning_architecture)"
    body = f"[W]({wiki} (Wikipedia))\n\n[LoRA](https://arxiv.org/abs/2106.09685 (LoRA (2021)))\n"
    urls, warned = urls_and_warnings(body, "in parentheses")
    assert (urls, [line for line, _ in warned]) == ([wiki], [4])
    urls, warned = urls_and_warnings(body, "its (title) holds parentheses")
    assert [line for line, _ in warned] == [6]  # no link to Markdown: no title is read
    # Why: the site's links take the titles into their URLs.
    page = markdown.markdown(body)
    assert f'href="{wiki}"' not in page and page.count("<a href") == 2


def test_a_title_in_parentheses_is_a_warning_as_the_site_would_break_the_link() -> None:
    body = (
        "[a](https://a.example/x (a title))\n\n"
        "- [b](<https://b.example/y> (its title))\n\n"
        '[c](https://c.example/z "quoted") and [d](https://d.example/wiki/A_(b))\n'
        # Written with a character reference or an escape, as mail and chat exports write it.
        "\n[e](https://e.example/p?a=1&amp;b=2 (quickly)) [f](https://f.example/a\\_b (t))\n"
    )
    urls, warned = urls_and_warnings(body, "in parentheses")
    assert urls == [
        "https://a.example/x",
        "https://b.example/y",
        "https://c.example/z",
        "https://d.example/wiki/A_(b)",
        "https://e.example/p?a=1&b=2",
        "https://f.example/a_b",
    ]
    assert [line for line, _ in warned] == [4, 6, 10, 10]
    assert 'write the title in quotes, [text](https://a.example/x "title")' in warned[0][1]
    # Why: the site's Python-Markdown takes the title for part of the URL.
    assert 'href="https://a.example/x (a title)"' in markdown.markdown(body)


def test_a_url_with_a_space_is_no_link_but_a_warning_as_the_site_would_show_one() -> None:
    body = (
        "Read [the paper](https://a.example/My Paper.pdf) and `[code](https://b.example/x y)`\n"
        "then [fine](https://c.example/My%20Paper.pdf) or [angled](<https://d.example/a b>).\n"
        "\n"
        "An autolink <https://e.example/a b> is no link either; <https://f.example/> is.\n"
    )
    urls, warned = urls_and_warnings(body, "holds a space")
    assert urls == [
        "https://c.example/My%20Paper.pdf",
        "https://d.example/a b",
        "https://f.example/",
    ]
    assert warned == [
        (
            4,
            "`[the paper](https://a.example/My Paper.pdf)` is not a link in Markdown (its URL "
            "holds a space), yet the site shows it as one, which is never checked: write the "
            "space as %20, or put the URL in <…>",
        ),
        (
            7,
            "`<https://e.example/a b>` is not a link in Markdown (its URL holds a space), yet "
            "the site shows it as one, which is never checked: write the space as %20",
        ),
    ]
    # Why: the site's Python-Markdown links both.
    page = markdown.markdown(body)
    assert 'href="https://a.example/My Paper.pdf"' in page
    assert 'href="https://e.example/a b"' in page


def test_a_quote_in_a_links_url_that_the_site_reads_as_a_long_title_is_a_warning() -> None:
    body = (
        'See [x]({{< ref "x.md" >}}) and [a](https://a.example/ "A").\n'  # line 4: Hugo's
        "\n[Hick](https://h.example/wiki/Hick's_law), then\n"  # line 6: Wikipedia's
        "[b](https://b.example/) (see 'the law')\n"
        '\n[Amdahl](https://m.example/wiki/Amdahl\'s_law) and [g](https://g.example/ "G")\n'
        "\n[Moore](https://m.example/wiki/Moore's_law) alone is fine.\n"
        '\n[c](https://c.example/ "C"), \\"[d](https://d.example/ "D") and\n'
        '`[e](https://e.example/a"b)` [f](https://f.example/ "F")\n'
    )
    urls, warned = urls_and_warnings(body, "for a title's start")
    assert urls == [
        "https://a.example/",
        "https://h.example/wiki/Hick's_law",
        "https://b.example/",
        "https://m.example/wiki/Amdahl's_law",
        "https://g.example/",
        "https://m.example/wiki/Moore's_law",
        "https://c.example/",
        "https://d.example/",
        "https://f.example/",
    ]
    assert [line for line, _ in warned] == [4, 6, 9]
    assert warned[0][1] == (
        '`{{< ref "x.md" >}}`: the site takes the `"` in this link\'s URL for a title\'s '
        'start, and the title runs on to the `")` on line 4: the page links something else '
        "here, and none of the 1 link(s) in between: write the quote as %22 (a Hugo or Jekyll "
        "tag makes no link here: link the note itself)"
    )
    assert "runs on to the `')` on line 7" in warned[1][1]
    assert 'runs on to the `")` on line 9' in warned[2][1]  # another quote ends it too
    # Why: the site's Python-Markdown ends a title only at a quote right before a `)`.
    page = markdown.markdown(body)
    assert [u for u in "abcdefg" if f'href="https://{u}.example/' in page] == list("cdf")
    assert 'href="https://h.example/wiki/Hick"' in page
    assert "Moore's_law\"" in page


def test_a_quote_in_a_links_url_that_the_site_reads_as_the_title_is_a_warning() -> None:
    # Bookmarks of OData, SharePoint and search URLs; Wikipedia's `Ender's_Game_(film)`.
    body = (
        "- [People](https://o.example/People('russellwhyte'))\n"  # line 4
        '- [Search](https://s.example/search?q="attention")\n'  # line 5
        "- [Film](https://w.example/wiki/Ender's_Game_(film)) ([tweet](https://t.example/1))\n"
        "\n![cover](https://i.example/Tom's_(x).png) and [next](https://n.example/)\n"  # line 8
        "\n[Hick](https://h.example/wiki/Hick's_law) and [a](https://a.example/ 'title')\n"
        "\nSource: [Line one\nline two](https://q.example/p/'quoted')\n"  # line 13, its URL's
    )
    urls, warned = urls_and_warnings(body, "the site")
    assert "https://o.example/People('russellwhyte')" in urls  # as Markdown reads it
    assert [line for line, _ in warned] == [4, 5, 6, 8, 10, 13]
    assert warned[0][1] == (
        "`https://o.example/People('russellwhyte')`: the site reads `'russellwhyte'` as this "
        "link's title, and links https://o.example/People( instead, which no check reads: "
        "write the quote as %27"
    )
    assert 'reads `"attention"` as this link\'s title' in warned[1][1]
    for runaway in (warned[2][1], warned[3][1]):
        assert "runs on to the end of the paragraph, as a `(` follows the quote" in runaway
        assert "none of the 1 link(s) after it" in runaway
    assert "runs on to the `')` on line 10" in warned[4][1]
    # Why: Python-Markdown's getLink.
    page = markdown.markdown(body)
    assert 'href="https://o.example/People("' in page and 'title="russellwhyte"' in page
    assert 'href="https://s.example/search?q="' in page
    assert [u for u in "tna" if f'href="https://{u}.example/' in page] == []


def test_a_url_the_site_runs_on_to_its_balancing_parenthesis_is_a_warning() -> None:
    # Reddit's comments: a `\\)` its editor escapes, a `)` forgotten, `^([source](…) here)`.
    body = (
        "(see [wiki](https://en.wikipedia.org/wiki/Transformer_(model\\)) for details)\n"  # 4
        "\n(see [the page](https://en.wikipedia.org/wiki/Mercury_(planet) for details)\n"  # 6
        "\n^([source](https://en.wikipedia.org/wiki/Dropout_(networks) here))\n"  # 8
        "\n[t](https://x.example/s3 (x) end) and ![b](https://x.example/w_(b).png t)\n"  # 10
        "\n[a](<https://x.example/w8_(b)> c) and [q](https://x.example/w9_(b) 't' c)\n"  # 12
        "\nRead alike: [ok](https://en.wikipedia.org/wiki/Counter_(digital)) and\n"  # 14
        '[titled](https://x.example/w_(b) "t") and [two](https://x.example/w_(b)) (c) and\n'
        "`[code](https://x.example/c_(d) e)` and [esc](https://x.example/e\\(f) g).\n"
    )
    urls, warned = urls_and_warnings(body, "runs the URL on")
    assert urls == [
        "https://x.example/w8_(b)",  # Markdown's autolink inside the `[a](…)` it reads as text
        "https://en.wikipedia.org/wiki/Counter_(digital)",
        "https://x.example/w_(b)",
        "https://x.example/w_(b)",
        "https://x.example/e(f",
    ]
    assert [line for line, _ in warned] == [4, 6, 8, 10, 10, 12, 12]
    assert warned[1][1] == (
        "`[the page](https://en.wikipedia.org/wiki/Mercury_(planet) for details)` is not a "
        "link in Markdown, yet the site links `https://en.wikipedia.org/wiki/Mercury_(planet) "
        "for details`, which is never checked: it runs the URL on to the `)` that closes the "
        "link's `(`. End the link right after its URL, and write parentheses in the URL as "
        "%28 and %29"
    )
    assert "the site shows the image at `https://x.example/w_(b).png t`" in warned[4][1]
    # Why: the site's Python-Markdown links each, spaces and all; the last lines' links are
    # the same to both (an escaped `(` counts for neither).
    page = markdown.markdown(body)
    for href in (
        "https://en.wikipedia.org/wiki/Transformer_(model)) for details",
        "https://en.wikipedia.org/wiki/Mercury_(planet) for details",
        "https://en.wikipedia.org/wiki/Dropout_(networks) here",
        "https://x.example/s3 (x) end",
        "&lt;https://x.example/w8_(b)&gt; c",
        "https://x.example/w9_(b) 't' c",
    ):
        assert f'href="{href}"' in page
    assert 'src="https://x.example/w_(b).png t"' in page


def test_a_space_in_a_url_is_a_warning_whatever_markup_or_entities_split_the_text() -> None:
    # Slack's `<url|label>` kept by an export, its `&amp;` and `*bold*`; a title with `[pdf]`.
    body = (
        "<https://a.example/search?q=a&amp;b=2|the search page>\n"  # line 4
        "\n<https://b.example/pkg/__init__.py|the package init>\n"  # line 6
        "\n<https://c.example/a|see *this* one>\n"  # line 8
        "\n[Attention (2017) [pdf]](https://d.example/My Docs/attn.pdf)\n"  # line 10
        '\n[*star* text](https://e.example/ "say "hi"") but [f](https://f.example/ "fine")\n'
    )
    urls, warned = urls_and_warnings(body, "is not a link in Markdown")
    assert urls == ["https://f.example/"]
    assert [line for line, _ in warned] == [4, 6, 8, 10, 12]
    assert warned[0][1].startswith(
        "`<https://a.example/search?q=a&amp;b=2|the search page>` is not a link in Markdown "
        "(its URL holds a space)"
    )
    assert warned[4][1] == (
        '`[*star* text](https://e.example/ "say "hi"")` is not a link in Markdown (its title '
        'holds its own "), yet the site shows it as one, which is never checked: write the '
        "title's own quotes as \\\""
    )
    page = markdown.markdown(body)
    assert [u for u in "abcdef" if f'href="https://{u}.example/' in page] == list("abcdef")


def test_a_backslash_the_site_keeps_in_a_links_url_is_a_warning() -> None:
    # Outline escapes `~` in every URL it writes; ProseMirror's serializer escapes `"`.
    body = (
        "[home](https://h.example/\\~hinton/) and ![me](https://i.example/\\~u/a.png)\n"
        '\n[g](https://g.example/s?a\\=1) [q](https://q.example/s?q=\\"adam\\")\n'  # line 6
        "\nFine: [e](https://e.example/a\\_b) `[c](https://c.example/\\~x)`\n"
    )
    urls, warned = urls_and_warnings(body, "the site")
    assert urls == [
        "https://h.example/~hinton/",
        "https://g.example/s?a=1",
        'https://q.example/s?q="adam"',
        "https://e.example/a_b",
    ]
    assert sorted(line for line, _ in warned) == [4, 4, 6, 6]
    assert (
        4,
        (
            "`https://h.example/\\~hinton/`: Markdown reads `\\~` in this link's URL as an "
            "escape, the site's Markdown keeps the backslash, so the page links another URL than "
            "the one checked: write the URL without the backslash"
        ),
    ) in warned
    assert any('reads `"adam\\"` as this link\'s title' in why for _, why in warned)
    # The backslash the site keeps, after one it reads as an escape.
    both = urls_and_warnings("[x](https://x.example/a\\_b\\~c)\n", "the site")[1]
    assert [why.split(" in this")[0] for _, why in both] == [
        "`https://x.example/a\\_b\\~c`: Markdown reads `\\~`"
    ]
    page = markdown.markdown(body)
    assert 'href="https://h.example/\\~hinton/"' in page  # why
    assert 'href="https://q.example/s?q=\\"' in page


def test_text_after_a_closing_tag_on_its_line_goes_on_the_html_block() -> None:
    # BookStack's export writes a kept element with no line break after it.
    body = (
        '<iframe src="https://v.example/embed/1"></iframe> Talk by [a](https://a.example/)\n'
        "\n<details><summary>More</summary><p>Hidden</p></details>See [b](https://b.example/)\n"
        '\n<p class="note">Read.</p> <p>x</p> [c](https://c.example/)\n'  # line 8
        "\n<p>[d](https://d.example/) is raw to both</p> fine\n"
    )
    urls, warned = urls_and_warnings(body, "closing tag")
    assert urls == []
    assert [line for line, _ in warned] == [4, 6, 8]
    assert warned[0][1].startswith("the text after this line's closing tag goes on an HTML block")
    page = markdown.markdown(body, extensions=["md_in_html"])
    assert [u for u in "abcd" if f'href="https://{u}.example/"' in page] == list("abc")


def test_a_url_cut_by_a_line_break_is_no_link_but_a_warning_as_the_site_shows_one() -> None:
    body = (
        "Read [the paper](https://a.example/papers\n/1.pdf) and <https://b.example/a\n/b>\n"
        "\n"
        "- [in an item](https://c.example/x\n  /y z) too\n"  # line 8
        "\n"
        "Fine: [before](\nhttps://d.example/) and [title](https://e.example/\n'on the next')\n"
        # Mail: a character reference before the break, a format=flowed line's end spaces.
        "\n[post](https://f.example/p?a=1&amp;b=2/long=\n/tail) <https://g.example/O  \n579>\n"
        # pandoc wraps at 72 columns, a title after the URL.
        '\n[x](https://h.example/wra\np "t")\n'
    )
    urls, warned = urls_and_warnings(body, "line break")
    assert urls == ["https://d.example/", "https://e.example/"]
    assert [line for line, _ in warned] == [4, 5, 8, 15, 16, 19]  # where each URL starts
    assert warned[0][1] == (
        "the URL `https://a.example/papers` goes on past the line break (`/1.pdf`): Markdown "
        "shows it as text, but the site links it, which no check reads: write the URL on one "
        "line"
    )
    # Why: the site's Python-Markdown takes the line break into the URL (a browser drops it).
    page = markdown.markdown(body)
    assert [u for u in "abcdefgh" if f'href="https://{u}.example/' in page] == list("abcdefgh")


def test_a_url_cut_where_it_holds_parentheses_or_a_table_cells_spaces_is_a_warning_too() -> None:
    # pandoc wraps a long URL in a grid table's cell (`https://a |⏎| b)`), and Wikipedia's
    # URLs hold parentheses, before the break or after it.
    body = (
        "+----+--------------------------------+\n"
        "| Jo | [source](https://a.example/ |\n"  # line 5
        "|    | p99)                           |\n"
        "+----+--------------------------------+\n"
        "\n[w](https://b.example/wiki/\nTransformer_(architecture))\n"  # line 9
        "\n[x](https://c.example/a_(b)\n_c.pdf) and <https://d.example/a\n/b-(c).pdf>\n"
        "\nFine: [t](https://e.example/ 'a title\nover two lines') and (see [f](https://f.example/)\n"
        "then more)\n"
        # Cut twice, once inside `https:` and `//`: the site's link takes every line to `)`.
        "\n+----+\n| Jo | [s](https: |\n|    | //g.example/a/ |\n|    | b/c) |\n+----+\n"
    )
    urls, warned = urls_and_warnings(body, "line break")
    assert urls == ["https://e.example/", "https://f.example/"]
    assert [line for line, _ in warned] == [5, 9, 12, 13, 21]
    assert (
        "`https: |` goes on past the line break (`|    | //g.example/a/ |⏎|    | b/c`)"
        in (warned[4][1])
    )
    assert (
        "the URL `https://a.example/ |` goes on past the line break (`|    | p99`)"
        in (warned[0][1])
    )
    assert "`https://c.example/a_(b)` goes on past the line break (`_c.pdf`)" in warned[2][1]
    # Why: the site's Python-Markdown takes the break, spaces and parentheses into the URL.
    page = markdown.markdown(body)
    assert [u for u in "abcdef" if f'href="https://{u}.example/' in page] == list("abcdef")
    assert "//g.example/a/" in page and "b/c" in page.split('href="https:')[-1]


def test_a_label_defined_twice_with_two_urls_is_a_warning() -> None:
    body = (
        "See [the paper][Paper].\n\n"
        "[paper]: https://a.example/v1\n"  # line 6: what Markdown (and the check) reads
        "```\n[paper]: https://code.example/shown\n```\n"
        "[PAPER]: https://a.example/v2\n"  # line 10: what the site's Python-Markdown reads
        "[same]: https://s.example/\n[same]: https://s.example/\n"
    )
    parsed, problems = note_and_problems(body)
    assert [link.url for link in parsed.links] == ["https://a.example/v1"]
    assert [(p.line, p.message) for p in problems] == [
        (
            10,
            "[PAPER] is defined again here: Markdown reads the first definition (line 6, "
            "https://a.example/v1), the site the last (https://a.example/v2), so the page "
            "would link what no check reads: keep one",
        )
    ]
    assert 'href="https://a.example/v2"' in markdown.markdown(body)


def test_a_link_inside_a_links_text_is_a_warning_as_the_site_links_the_outer_one() -> None:
    body = (
        "See [the course [notes](https://a.example/notes)](https://b.example/course).\n\n"
        "[A [b](https://c.example/) *and [c]*\n"
        "more](<https://d.example/> 'title') and [e](https://e.example/)](not a link).\n\n"
        "[![badge](https://f.example/b.svg)](https://g.example/) and [plain [x]](https://h.example/)\n"
        "\n[no [i](https://i.example/)](\n[k](https://k.example/) is no outer link.\n"
    )
    urls, warned = urls_and_warnings(body, "inside another link's text")
    assert urls == [
        "https://a.example/notes",
        "https://c.example/",
        "https://d.example/",
        "https://e.example/",
        "https://g.example/",  # a badge: an image in a link's text is no link
        "https://h.example/",
        "https://i.example/",
        "https://k.example/",
    ]
    assert warned == [
        (
            4,
            "a link inside another link's text: Markdown keeps the inner one "
            "(https://a.example/notes), the site the outer one (https://b.example/course), "
            "so the page would link what no check reads: take one of them out",
        ),
        (7, warned[1][1]),
    ]
    assert "(https://c.example/), the site the outer one (https://d.example/)" in warned[1][1]
    # Why: the site's Python-Markdown links the outer ones, and shows the inner as text.
    page = markdown.markdown(body)
    assert 'href="https://b.example/course"' in page and 'href="https://d.example/"' in page
    assert 'href="https://a.example/notes"' not in page


def test_a_link_inside_another_links_text_in_a_heading_is_a_warning_too() -> None:
    body = "## See [[a](https://a.example/)](https://o.example/)\n"
    urls, warned = urls_and_warnings(body, "inside another link's text")
    assert (urls, [line for line, _ in warned]) == (["https://a.example/"], [4])


@pytest.mark.parametrize("rule", ["---", "==="])
def test_a_definition_right_above_a_setext_underline_is_a_warning(rule: str) -> None:
    body = f"See [1]\n\n[1]: https://t.example/\n{rule}\n"
    urls, warned = urls_and_warnings(body, "right above a line of")
    assert (urls, [line for line, _ in warned]) == (["https://t.example/"], [6])
    assert 'href="https://t.example/"' not in markdown.markdown(body)  # why: a heading
    apart = body.replace(f"\n{rule}", f"\n\n{rule}")
    assert urls_and_warnings(apart, "right above a line of")[1] == []


def test_a_definition_a_heading_takes_is_not_the_one_the_site_reads_of_two() -> None:
    body = "See [1]\n\n[1]: https://t.example/a\n\n[1]: https://t.example/b\n===\n"
    urls, warned = urls_and_warnings(body, "[1]")
    # Both read the first: the site's heading took the second, so no redefinition to warn of.
    assert (urls, [line for line, _ in warned]) == (["https://t.example/a"], [8])
    assert (
        "so [1] links only what it is defined as elsewhere (https://t.example/a)" in (warned[0][1])
    )
    page = markdown.markdown(body)
    assert 'href="https://t.example/a"' in page and "<h1>" in page  # why
    swapped = "See [1]\n\n[1]: https://t.example/b\n===\n\n[1]: https://t.example/a\n"
    urls, warned = urls_and_warnings(swapped, "[1]")
    warned.sort()
    assert (urls, [line for line, _ in warned]) == (["https://t.example/b"], [6, 9])
    assert "(https://t.example/a) on the page" in warned[0][1]
    assert "the site the last (https://t.example/a)" in warned[1][1]


@pytest.mark.parametrize(
    "definition", ['[a]: <img src="https://t.example/i.png">', "[a]: <https://t.example/a b.pdf>"]
)
def test_a_definition_with_a_space_in_its_angle_brackets_is_a_warning(definition: str) -> None:
    # A web clipper's image definition, or a URL with a space: a definition to CommonMark,
    # whose destination in `<…>` may hold one; a paragraph to the site.
    body = f"See [a].\n\n{definition}\n"
    urls, warned = urls_and_warnings(body, "has a space in its <")
    assert (urls, [line for line, _ in warned]) == ([definition.split("<")[1][:-1]], [6])
    assert "<p>[a]: " in markdown.markdown(body)  # why


def test_two_links_inside_another_links_text_are_a_warning_too() -> None:
    body = "See [[a](https://a.example/) and [b](https://b.example/)](https://o.example/)\n"
    urls, warned = urls_and_warnings(body, "inside another link's text")
    assert urls == ["https://a.example/", "https://b.example/"]
    assert [line for line, _ in warned] == [4]
    assert "the outer one (https://o.example/)" in warned[0][1]
    assert 'href="https://o.example/"' in markdown.markdown(body)  # why


def test_the_outer_link_a_warning_names_is_its_whole_url_entities_and_all() -> None:
    # A clipper's `[[1]](…&amp;…)`: the entity is a text token of its own.
    body = "x [[1]](https://o.example/out?a=1&amp;b=2)\n\n[1]: https://i.example/in\n"
    urls, warned = urls_and_warnings(body, "inside another link's text")
    assert urls == ["https://i.example/in"]
    assert [line for line, _ in warned] == [4]
    assert "the outer one (https://o.example/out?a=1&b=2)" in warned[0][1]


@pytest.mark.parametrize("marker", [": ", ":   ", ":\t"])
def test_a_definition_in_a_definition_lists_definition_is_a_warning(marker: str) -> None:
    body = f"Sources\n{marker}[1]: https://d.example/1\n\nSee [1], and [2].\n\n[2]: https://d.example/2\n"
    urls, warned = urls_and_warnings(body, "definition list's definition")
    assert urls == ["https://d.example/2"]
    assert warned == [
        (
            5,
            "`[1]: https://d.example/1` is a definition list's definition, so Markdown reads "
            "it as text, but the site as a definition of [1] that no check reads: write it at "
            "the line's start, after a blank line",
        )
    ]
    # Why: the site's def_list reads the definition's text as Markdown.
    assert 'href="https://d.example/1"' in markdown.markdown(body, extensions=["def_list"])


def test_a_definition_that_goes_on_a_paragraph_is_a_warning_as_the_site_reads_it() -> None:
    body = (
        "See [x] and [y].\n"
        "[x]: https://a.example/x\n"  # line 5: the paragraph's text in Markdown
        "\n- an item\n  [y]: https://a.example/y 'its title'\n"  # line 8, in a list item
        "\n# A heading\n[h]: https://h.example/\n"  # a heading ends: a definition
        "\n[d]: https://d.example/\n[e]: https://e.example/\n\n[d] [e] [h]\n"
        "\nText\n[not]: a definition, as more than a URL follows\n"
        "\n```\ncode\n[c]: https://c.example/\n```\n"
        "\n> Quoted [q]\n> [q]: https://q.example/\n"  # line 27, in a quote
    )
    urls, warned = urls_and_warnings(body, "goes on the paragraph above")
    assert urls == ["https://d.example/", "https://e.example/", "https://h.example/"]
    assert warned == [
        (
            5,
            "`[x]: https://a.example/x` goes on the paragraph above it, so Markdown reads it "
            "as text, but the site as a definition of [x] that no check reads: put a blank "
            "line before it",
        ),
        (8, warned[1][1]),
        (27, warned[2][1]),
    ]
    assert warned[1][1].startswith("`[y]: https://a.example/y` goes on")
    assert warned[2][1].startswith("`[q]: https://q.example/` goes on")
    # Why: the site's Python-Markdown links them, and drops the definitions from the page.
    page = markdown.markdown(body)
    for url in ("a.example/x", "a.example/y", "q.example/"):
        assert f'href="https://{url}"' in page
    assert "[not]: a definition" in page


QUOTED_LISTS = {
    "another bullet": "> - [a](https://a.example/)\n> * [b](https://b.example/)\n",
    "numbers, then bullets": "> 1. [a](https://a.example/)\n>\n> - [b](https://b.example/)\n",
    "a quote block": "!!! quote\n\n    - [a](https://a.example/)\n    + [b](https://b.example/)\n",
}


@pytest.mark.parametrize("body", QUOTED_LISTS.values(), ids=QUOTED_LISTS.keys())
def test_every_list_of_a_quote_that_holds_only_lists_is_read(body: str) -> None:
    urls = [link.url for link in note(body).links]
    assert urls == ["https://a.example/", "https://b.example/"]
    page = as_the_site_renders(body)
    assert re.findall(r'href="(https://[ab]\.example/)"', page) == urls


def test_a_label_defined_twice_in_a_quote_is_a_warning() -> None:
    body = "> See [x][r]\n>\n> [r]: https://a.example/\n> [r]: https://b.example/\n"
    urls, warned = urls_and_warnings(body, "is defined again")
    assert urls == ["https://a.example/"]
    assert [line for line, _ in warned] == [7]
    assert 'href="https://b.example/"' in markdown.markdown(body)


def test_a_definition_whose_parenthesised_title_holds_a_parenthesis_is_a_warning() -> None:
    # Wikipedia's own titles do: "Dropout (neural networks)".
    wiki = "https://en.wikipedia.org/wiki/Dropout"
    body = (
        f"[x][r], [y][s] and [z][t]\n\n[r]: {wiki} (Dropout (neural networks))\n"
        "[s]: https://s.example/\n\n[t]: https://t.example/ (escaped \\(ok\\))\n"
    )
    urls, warned = urls_and_warnings(body, "holds one")
    assert urls == ["https://t.example/"]  # [r] and [s] make one paragraph to CommonMark
    assert [line for line, _ in warned] == [6]
    assert f'href="{wiki}"' in markdown.markdown(body)  # the site's reading


def test_a_definition_whose_url_the_site_cuts_at_a_parenthesis_is_a_warning() -> None:
    # A Wikipedia URL, then a note ending in a parenthesis: no title to CommonMark, so no
    # definition; the site's pattern backs off to a URL that stops at `(` and a `(title)`.
    wiki = "https://en.wikipedia.org/wiki/Dropout_(neural_networks)"
    body = (
        f'[x][r] and [y][t]\n\n[r]: {wiki} - Wikipedia (2024)\n\n[t]: {wiki} "Wikipedia (2024)"\n'
    )
    urls, warned = urls_and_warnings(body, "cuts")
    assert urls == [wiki]  # [t]'s: a title in quotes is one to both
    assert [line for line, _ in warned] == [6]
    cut = "https://en.wikipedia.org/wiki/Dropout_"
    assert warned[0][1] == (
        f"the site cuts the URL of [r]'s definition at its `(` and links {cut}, reading "
        "the rest for a title: Markdown reads no definition there (nor in the definitions "
        "right below it), so [r] shows as text: put what follows the URL in quotes, "
        f'[r]: {wiki} "..."'
    )
    assert f'href="{cut}"' in markdown.markdown(body)  # the site's reading


# A definition list's term that runs over lines: the site's def_list makes each line a term
# of its own, and a link written over two of them is text on the page. The term is the
# paragraph above the `:` line, or the one before it across a blank line.
TERMS_OVER_LINES = {
    "in the paragraph": "Term with [a\nlink](https://t.example/) here\n:   The definition\n",
    "a blank line above": "See [a\nlink](https://t.example/)\n\n:   The definition\n",
    "in a list item": "- item\n\n    Term [a\n    link](https://t.example/)\n    :   Definition\n",
}


@pytest.mark.parametrize("body", TERMS_OVER_LINES.values(), ids=TERMS_OVER_LINES.keys())
def test_a_link_over_the_lines_of_a_definitions_term_is_a_warning(body: str) -> None:
    urls, warned = urls_and_warnings(body, "each line a term")
    assert urls == ["https://t.example/"]  # Markdown's reading: no definition list
    line = 4 + next(i for i, text in enumerate(body.split("\n")) if "[a" in text)
    assert [at for at, _ in warned] == [line]
    assert 'href="https://t.example/"' not in as_the_site_renders(body)  # why
    # On one line, the link is one in a term: no warning.
    joined = body.replace("[a\n    link]", "[a link]").replace("[a\nlink]", "[a link]")
    assert urls_and_warnings(joined, "each line a term") == (["https://t.example/"], [])
    assert 'href="https://t.example/"' in as_the_site_renders(joined)


def test_a_link_over_the_lines_of_a_definition_is_no_terms_warning() -> None:
    # The second `:` line looks back at a definition list, not at a paragraph of terms.
    body = "Term\n:   first [a\nlink](https://t.example/)\n\n:   second\n"
    assert urls_and_warnings(body, "each line a term") == (["https://t.example/"], [])
    assert 'href="https://t.example/"' in as_the_site_renders(body)


def test_a_definition_whose_quoted_title_holds_its_own_quote_is_a_warning() -> None:
    # Dropbox Paper and Quip write a talk's title as it is: 'Jeremy's talk'.
    body = (
        "[a][1], [b][2], [c][3] and [d][4]\n\n[1]: https://a.example/ 'Jeremy's talk'\n"
        "[2]: https://b.example/\n\n"  # line 7: a paragraph with [1]'s to CommonMark
        '[3]: https://c.example/ "say "hi" now"\n\n'  # line 9
        "[4]: https://d.example/ 'Jeremy\\'s talk'\n"  # line 11: escaped, a title to both
    )
    urls, warned = urls_and_warnings(body, "holds one")
    assert urls == ["https://d.example/"]
    assert [line for line, _ in warned] == [6, 9]
    assert warned[0][1] == (
        "the title of [1]'s definition is in 'quotes' and holds one: Markdown reads no "
        "definition there (nor in the definitions right below it), so [1] shows as text, but "
        'the site links https://a.example/, which no check reads: write the title as "title"'
    )
    assert warned[1][1].endswith("write the title as 'title'")
    page = markdown.markdown(body)  # the site's reading: a title taken greedily
    assert [u for u in "abcd" if f'href="https://{u}.example/"' in page] == list("abcd")


def test_a_definition_after_a_line_of_no_break_space_is_a_warning() -> None:
    # Dropbox Paper's "empty" paragraph: text to Markdown, which lets no definition interrupt
    # it; Python strips it, yet the site's blocks run over it as over any text.
    body = "\u00a0\n[1]: https://a.example/\n\nSee [a][1].\n"
    urls, warned = urls_and_warnings(body, "goes on the paragraph")
    assert urls == []
    assert [line for line, _ in warned] == [5]  # the definition's own line
    assert 'href="https://a.example/"' in markdown.markdown(body)


def test_a_definition_holding_a_space_other_than_ascii_is_a_warning() -> None:
    # Word and Quip end a line with U+00A0 or U+3000; the site's pattern takes `[ ]*` there.
    body = (
        "[a][1], [b][2], [c][3] and [paper][4]\n\n[1]: https://a.example/\u00a0\n\n"
        '[2]: https://b.example/\u00a0"Title"\n\n[3]: https://c.example/ "Title"\u3000\n\n'
        "[paper]: https://p.example/\n[4]: https://d.example/\u2003\n"
    )
    urls, warned = urls_and_warnings(body, "other than an ordinary one")
    # Markdown takes the space into the URL, but not after a title: [3] is text to both. At
    # the note's end the space goes (the model's Markdown trims it).
    assert [line for line, _ in warned] == [6, 8, 13]
    assert "(U+2003)" in warned[2][1]
    assert [u for u in "abcd" if any(f"https://{u}.example/" in url for url in urls)] == [*"abd"]
    # None of them defines a label on the site; [paper][4] is not "undefined" to Markdown.
    assert urls_and_warnings(body, "is not defined")[1] == []
    page = markdown.markdown(body)
    assert [u for u in "abcd" if f'href="https://{u}.example/' in page] == []


def test_a_label_that_markdown_matches_and_the_site_does_not_is_a_warning() -> None:
    # Word and Paper write U+00A0 and double spaces in labels; CommonMark matches labels
    # whatever their runs of spaces, ends and case, the site keeps a definition's inner spaces.
    body = (
        "[Deep Learning], [Smith et al. 2019], [ a ], [b][ 1 ], [Straße], [Same  Two]\n"
        "and alike: [c][], [C] and [SMITH  2020].\n\n"
        "[Deep\u00a0Learning]: https://d.example/\n[Smith et al.  2019]: https://s.example/\n"
        "[a]: https://a.example/\n[1]: https://one.example/\n[STRASSE]: https://ss.example/\n"
        "[same  two]: https://two.example/\n[c]: https://c.example/\n"
        "[Smith 2020]: https://s2.example/\n"
    )
    urls, warned = urls_and_warnings(body, "Markdown matches [")
    assert [message.split("`")[1] for _, message in warned] == [
        "[Deep Learning]",
        "[Smith et al. 2019]",
        "[ a ]",
        "[b][ 1 ]",
        "[Straße]",
        "[Same  Two]",
    ]
    assert "the definition of [Deep\u00a0Learning] (written with U+00A0)" in warned[0][1]
    assert len(urls) == 9  # Markdown links each
    # The site: the last line's alone (a reference's runs of spaces are one to it too); even
    # the same two spaces in both, as the definition's are kept.
    page = markdown.markdown(body)
    hosts = ("d", "s", "a", "one", "ss", "two", "c", "s2")
    assert [u for u in hosts if f"//{u}.example/" in page] == ["c", "s2"]


def test_a_definition_that_goes_on_a_paragraph_in_a_quote_alone_is_a_warning() -> None:
    # The screen that spares most notes the check looks past a quote's markers.
    urls, warned = urls_and_warnings("> See [q].\n> [q]: https://q.example/\n", "goes on")
    assert urls == []
    assert [line for line, _ in warned] == [5]
    assert 'href="https://q.example/"' in markdown.markdown("> See [q].\n> [q]: https://q.example/")


def test_a_definition_on_a_paragraph_is_the_sites_alone_when_a_label_is_defined_twice() -> None:
    body = (
        "See [a] and [b].\n"
        "[a]: https://text.example/a\n"  # line 5: text in Markdown, the site's first [a]
        "\n[a]: https://a.example/\n"  # line 7: Markdown's only [a], the site's last
        "\n[b]: https://b.example/\n"  # line 9: Markdown's first [b]
        "\nMore\n[b]: https://site.example/b\n"  # line 12: text in Markdown, the site's last [b]
        "\n    [c]: https://code.example/\n\n[c]: https://c.example/\n"  # code defines nothing
    )
    urls, warned = urls_and_warnings(body, "is defined again")
    # The lines on paragraphs are text, whose `[a]` and `[b]` link too.
    assert urls == ["https://a.example/", "https://b.example/"] * 2
    assert warned == [
        (
            12,
            "[b] is defined again here: Markdown reads the first definition (line 9, "
            "https://b.example/), the site the last (https://site.example/b), so the page "
            "would link what no check reads: keep one",
        )
    ]
    # Why: both link [a] to the same URL, and only [b] apart.
    page = markdown.markdown(body)
    assert 'href="https://a.example/"' in page and "text.example" not in page
    assert 'href="https://site.example/b"' in page and 'href="https://b.example/"' not in page
    assert 'href="https://c.example/"' not in page  # an unused label, but read once by both


def test_two_references_a_space_apart_are_a_warning_as_the_site_makes_them_one_link() -> None:
    body = (
        "Links: [fastai] [pytorch], and [fastai]\n[pytorch].\n"  # lines 4 and 4-5
        "Fine: [fastai][] [pytorch], [fastai], [pytorch] and [fastai] [fast.ai].\n"
        "`[fastai] [pytorch]` in code, and [pytorch] [undefined].\n"
        "\n[fastai]: https://fast.ai/\n[pytorch]: https://pytorch.org/\n"
        "[fast.ai]: https://fast.ai/\n"
    )
    urls, warned = urls_and_warnings(body, "as one link")
    assert urls.count("https://fast.ai/") == 6 and urls.count("https://pytorch.org/") == 5
    message = (
        "`[fastai] [pytorch]`: the site reads the two as one link, fastai to "
        "https://pytorch.org/, so the page would not link https://fast.ai/ there: write "
        "`[fastai][] [pytorch]`, or put a word between them"
    )
    assert warned == [(4, message)] * 2
    # Why: the site's Python-Markdown reads one link where it finds two.
    page = markdown.markdown(body)
    assert page.count('<a href="https://pytorch.org/">fastai</a>') == 2
    assert page.count('<a href="https://fast.ai/">fastai</a>') == 3


def test_two_references_a_non_breaking_space_apart_are_a_warning_too() -> None:
    # Dropbox Paper and Word write a non-breaking space before a numbered citation.
    body = "[Jeremy]\u00a0[1] said so.\n\n[1]: https://a.example/\n[jeremy]: https://j.example/\n"
    urls, warned = urls_and_warnings(body, "as one link")
    assert urls == ["https://j.example/", "https://a.example/"]
    assert [line for line, _ in warned] == [4]
    assert '<a href="https://a.example/">Jeremy</a>' in markdown.markdown(body)


JOINED = {
    # A chat export's numbered citation after a bracket, a GitHub alert or an image.
    "after text in brackets": "See [paper] [2](https://t.example/)\n",
    "after an alert": "> [!NOTE]\n> [2](https://t.example/)\n",
    "after an image": "![logo][lg] [2](https://t.example/)\n\n[lg]: https://img.example/b.svg\n",
}


@pytest.mark.parametrize("body", JOINED.values(), ids=JOINED.keys())
def test_a_bracket_one_space_before_a_defined_label_is_a_warning(body: str) -> None:
    body += "\n[2]: https://other.example/\n"
    urls, warned = urls_and_warnings(body, "the site reads the two as one link")
    assert "https://t.example/" in urls
    assert len(warned) == 1 and "shows the `(…)` after it as text" in warned[0][1]
    # Why: the site links the bracket before to [2]'s URL, and not the link after it.
    page = markdown.markdown(body)
    assert 'href="https://other.example/"' in page and 'href="https://t.example/"' not in page
    apart = body.replace("] [2]", "] and [2]").replace("]\n> [2]", "]\n>\n> [2]")
    assert urls_and_warnings(apart, "as one link")[1] == []


def test_a_pipe_in_a_code_span_in_a_table_row_is_a_warning_as_the_site_keeps_its_cell() -> None:
    body = (
        "| Flag | Paper |\n"
        "| --- | --- |\n"
        "| `a|b` | [the paper](https://a.example/) |\n"  # line 6: three cells to Markdown
        "| `a\\|b` | [escaped](https://b.example/) |\n"
        "| a | `[c](https://c.example/)` and [d](https://d.example/) |\n"
        "\n- | In | a list |\n  | --- | --- |\n  | x `|` | [e](https://e.example/) |\n"  # 12
        "\nNo table: `a|b` [f](https://f.example/)\n"
        "\n| [g](https://g.example/) | Command |\n| --- | --- |\n| x | `a | b` |\n"  # no link after
    )
    urls, warned = urls_and_warnings(body, "table row")
    assert urls == [f"https://{u}.example/" for u in "bdfg"]
    message = (
        "a `|` in a code span splits this table row's cells in Markdown (and on GitHub), but "
        "not on the site, so the site shows cells, and links, that no check reads: write it "
        "`\\|` (the site then shows the backslash)"
    )
    assert warned == [(6, message), (12, message)]
    # Why: the site's Python-Markdown keeps each code span in its cell.
    page = markdown.markdown(body, extensions=["tables"])
    assert 'href="https://a.example/"' in page and 'href="https://e.example/"' in page


def test_markdown_right_after_an_html_block_is_a_warning_as_the_site_reads_it() -> None:
    body = (
        '<div align="center">\n<img src="https://a.example/logo.png">\n</div>\n'
        "[a](https://a.example/) and <https://b.example/>\n"  # line 7: the HTML block's
        "\n<p>A paragraph</p>\nThen [c](https://c.example/).\n"  # line 10
        "\n<details><summary>More</summary>\n\n[d](https://d.example/)\n\n</details>\n"
        "[e](https://e.example/)\n"  # line 17
        '\n<a href="https://f.example/">\n[g](https://g.example/)\n</a>\n'  # line 20
        "\n<div>\n[inside](https://h.example/) is raw to both\n</div>\n"
        "    [code](https://code.example/) to the site\n"
        "\n<div>\n\n[i](https://i.example/)\n\n</div>\n\n[j](https://j.example/)\n"
    )
    urls, warned = urls_and_warnings(body, "goes on an HTML block")
    # Raw HTML's own link, and Markdown after a blank line: read alike by both.
    assert urls == [f"https://{url}.example/" for url in "dfij"]
    message = (
        "this line goes on an HTML block: Markdown (and GitHub) reads it as HTML, the site "
        "as Markdown, so the page would show links that no check reads: put a blank line "
        "before it"
    )
    assert warned == [(7, message), (10, message), (17, message), (20, message)]
    # Why: the site's Python-Markdown ends the HTML at its closing tag (at once, after an
    # inline one), and reads what follows as Markdown.
    page = markdown.markdown(body, extensions=["md_in_html", "pymdownx.details"])
    for url in "abceg":
        assert f'href="https://{url}.example/"' in page
    assert 'href="https://h.example/"' not in page and 'href="https://code' not in page


def test_a_definition_right_after_an_html_block_is_a_warning_too() -> None:
    # Feed HTML and Anki cards: `<p>&nbsp;</p>`, or a card's `<img>`, then a sources list.
    body = (
        "See [the paper][1] and [the post][2].\n\n<p>&nbsp;</p>\n"
        "[1]: https://a.example/\n\n"  # line 7: the HTML block's to Markdown
        "<!-- c -->\n[2]: https://b.example/\n"  # a comment ends its block on its line
    )
    urls, warned = urls_and_warnings(body, "goes on an HTML block")
    assert (urls, [line for line, _ in warned]) == (["https://b.example/"], [7])
    page = markdown.markdown(body)
    assert [u for u in "ab" if f'href="https://{u}.example/"' in page] == ["a", "b"]


def test_a_line_the_site_alone_reads_as_a_block_is_a_warning() -> None:
    # Show notes and feeds embed media with a fallback link: `<video>` and `<object>` are
    # inline HTML to CommonMark, block-level elements to the site, which keeps them raw.
    body = (
        '<object data="https://a.example/ep.pdf">[the PDF](https://b.example/)</object>\n\n'
        'Watch this:\n<video src="https://c.example/ep.mp4">[Download](https://d.example/)</video>\n'
        '\n<video src="https://e.example/ep.mp4"></video> alone: no Markdown link\n'
        "\n    <video>[code](https://f.example/)</video>\n"
    )
    urls, warned = urls_and_warnings(body, "which the site keeps as raw HTML")
    assert urls == ["https://b.example/", "https://d.example/"]
    assert [line for line, _ in warned] == [4, 7]
    assert warned[1][1].startswith("this line starts with `<video>`")
    page = markdown.markdown(body, extensions=["md_in_html"])
    assert [u for u in "bd" if f'href="https://{u}.example/"' in page] == []


def test_markdown_indented_after_an_inline_tag_goes_on_its_html_block_too() -> None:
    # Docusaurus' tabs: Markdown indented by four inside a custom tag, which the site reads
    # as an inline tag starting a paragraph, not as code. After a block-level element, code.
    body = (
        '<TabItem value="a">\n    [a](https://a.example/)\n</TabItem>\n'  # line 5
        '\n<Badge text="beta" />\n\t[b](https://b.example/)\n'  # line 9
        "\n</div>\n    [c](https://c.example/)\n"  # line 12
        "\n<div>x</div>\n    [d](https://d.example/)\n"  # code to the site
    )
    urls, warned = urls_and_warnings(body, "goes on an HTML block")
    assert (urls, [line for line, _ in warned]) == ([], [5, 9, 12])
    page = markdown.markdown(body, extensions=["md_in_html"])
    assert [u for u in "abcd" if f'href="https://{u}.example/"' in page] == list("abc")


def test_a_comment_opened_in_an_html_block_and_closed_after_it_is_a_warning() -> None:
    # Issue templates: `</details>` (or a screenshot's `</picture>`), then their comment.
    body = (
        "</details>\n<!-- Please fill in:\n\n[a](https://a.example/)\n-->\n"  # line 5
        "\n<div>x</div>\n<!-- closed here --> then\n\n[b](https://b.example/)\n"
        "\n<!-- a comment block of its own\n\n[c](https://c.example/)\n-->\n"
    )
    urls, warned = urls_and_warnings(body, "opens inside an HTML block")
    assert urls == ["https://a.example/", "https://b.example/"]
    assert [line for line, _ in warned] == [5]
    page = markdown.markdown(body)
    assert [u for u in "abc" if f'href="https://{u}.example/"' in page] == ["b"]


def test_a_link_after_a_comment_on_its_closing_line_is_a_warning() -> None:
    # Hugo's and Jekyll's excerpt divider, typed at a line's start.
    body = (
        "<!--more--> See [a](https://a.example/)\n"  # line 4
        "\nSummary.\n<!-- x --> <!-- y --> [b](https://b.example/)\n"  # line 7
        "\n<!-- over\ntwo lines --> and [c](https://c.example/)\n"  # line 10
        "\n<!--more-->\nSee [d](https://d.example/) on the next line: fine.\n"
    )
    urls, warned = urls_and_warnings(body, "after an HTML comment")
    assert (urls, [line for line, _ in warned]) == (["https://d.example/"], [4, 7, 10])
    assert warned[0][1].startswith(
        "https://a.example/ is after an HTML comment on the line the comment closes on"
    )
    page = markdown.markdown(body)
    assert [u for u in "abcd" if f'href="https://{u}.example/"' in page] == list("abcd")


def test_a_block_level_element_after_an_html_block_is_raw_to_the_site_too() -> None:
    # As Evernote and Notion write it: each line its own element. The site keeps a line that
    # opens a block-level element as raw HTML up to its closing tag, as Markdown does; only
    # Markdown after it (or after an inline element) is a link to the site alone.
    body = (
        "<div>a</div>\n"
        "<div>b [t](https://t.example/).</div>\n<p>[p](https://p.example/)</p>\n"
        "<div>open\n[o](https://o.example/)\n</div>\n"
        "[z](https://z.example/)\n"  # line 10
        "<span>[s](https://s.example/)</span>\n"  # line 11
    )
    urls, warned = urls_and_warnings(body, "goes on an HTML block")
    assert urls == []
    assert [line for line, _ in warned] == [10, 11]
    page = markdown.markdown(body, extensions=["md_in_html"])
    assert [u for u in "tpozs" if f'href="https://{u}.example/"' in page] == ["z", "s"]


def test_an_element_left_open_that_keeps_links_as_html_on_the_site_is_a_warning() -> None:
    # A pasted bookmark export (Netscape's format, as browsers, Pocket and linkding write
    # it) ends in an unclosed `<p>`; GitHub-style HTML tables hold Markdown between tags.
    body = (
        "<DL><p>\n"  # line 4
        '    <DT><A HREF="https://a.example/">a</A>\n'
        "</DL><p>\n"  # line 6: the `<p>` is never closed
        "\n"
        "[b](https://b.example/) and [c](https://c.example/)\n"
        "\n"
        "<table>\n"  # line 10
        "<tr><td>\n"
        "\n"
        "[d](https://d.example/)\n"
        "\n"
        "</td></tr>\n"
        "</table>\n"
        "\n"
        "<p>closed <b>here</b></p>\n"  # line 18: nothing left open
        "\n"
        "[e](https://e.example/)\n"
    )
    urls, warned = urls_and_warnings(body, "left open")
    assert urls == [f"https://{url}.example/" for url in "abcde"]
    assert [(line, message.split(":")[0]) for line, message in warned] == [
        (6, "`<p>` is left open here"),
        (10, "`<table>` is left open here"),
    ]
    assert "so 4 links from line 8 on show as text there" in warned[0][1]
    assert "so a link from line 13 on show" in warned[1][1]
    # Why: the site's Python-Markdown keeps HTML going until every element in it is closed.
    page = markdown.markdown(body, extensions=["md_in_html"]).lower()
    assert [u for u in "abcde" if f'href="https://{u}.example/"' in page] == ["a"]
    closed = body.replace("</DL><p>", "</DL>")
    assert urls_and_warnings(closed, "left open")[1] == [warned[1]]


def test_a_void_element_in_an_html_block_opens_nothing() -> None:
    # An issue's pasted screenshot, `<img>` (or a `<br>`) inside a `<div>`: no closing tag
    # exists, and none is waited for.
    body = (
        '<div>\n<img src="https://a.example/logo.png">\n<br>\n\n[b](https://b.example/)\n\n</div>\n'
    )
    urls, warned = urls_and_warnings(body, "left open")
    assert (urls, warned) == (["https://b.example/"], [])
    assert 'href="https://b.example/"' in as_the_site_renders(body)  # the `<div>` marked


NESTED_HTML = {
    "in a quote": "> <table>\n> <tr><td>[t](https://t.example/)</td></tr>\n> </table>\n",
    "in an admonition": "!!! note\n\n    <div>\n    [t](https://t.example/)\n    </div>\n",
    "in an item, by four": "- item\n\n    <div>\n    [t](https://t.example/)\n    </div>\n",
    # Material's figure: md_in_html opens an element at the margin only.
    "marked in an admonition": "!!! note\n\n    <figure markdown>\n\n"
    "    ![Plot](https://p.example/i.png)\n\n"
    "    <figcaption>See [t](https://t.example/)</figcaption>\n\n    </figure>\n",
    # The page moves the item's lines to the indent of 4 (see ListItemBlock).
    "in an item the page moves": "- item\n  <details>\n  <summary>[t](https://t.example/)"
    "</summary>\n  </details>\n",
}


@pytest.mark.parametrize("body", NESTED_HTML.values(), ids=NESTED_HTML.keys())
def test_markdown_in_html_that_the_site_reads_as_markdown_is_a_warning(body: str) -> None:
    urls, warned = urls_and_warnings(body, "Markdown inside an HTML block")
    assert urls == []
    line = 4 + next(i for i, text in enumerate(body.split("\n")) if "[t]" in text)
    assert warned == [
        (
            line,
            "https://t.example/ is Markdown inside an HTML block in a quote, a list item or an "
            "admonition: Markdown (and GitHub) reads it as HTML, the site as a link that no "
            'check reads: write it as <a href="https://t.example/">, or take the HTML out of '
            "the block",
        )
    ]
    # Why: the page (the plugin's rewrite, then the site's Markdown) links it.
    assert 'href="https://t.example/"' in as_the_site_renders(body)


OTHER_NESTED = {
    "an autolink": "- item\n\n    <aside>\n    <https://t.example/>\n\n    b\n\n    </aside>\n",
    "a reference": "> <aside>\n> [t][r]\n>\n> b\n>\n> </aside>\n\n[r]: https://t.example/\n",
}


@pytest.mark.parametrize("body", OTHER_NESTED.values(), ids=OTHER_NESTED)
def test_an_autolink_or_a_reference_in_such_html_is_a_warning_too(body: str) -> None:
    urls, warned = urls_and_warnings(body, "https://t.example/ is Markdown inside an HTML block")
    assert urls == []
    # At its own line: a reference's URL is written elsewhere.
    line = 4 + next(
        i for i, text in enumerate(body.split("\n")) if "[t]" in text or "<https" in text
    )
    assert [line for line, _ in warned] == [line]
    assert 'href="https://t.example/"' in as_the_site_renders(body)


# Notion's callouts and exported toggles: text on the lines of the opening tag's HTML block.
OPENED_EARLY = {
    "a callout": "<aside>\n💡 [t](https://t.example/)\n\nMore.\n\n</aside>\n",
    "on the tag's line": "<aside>💡 [t](https://t.example/)\n\nMore.\n\n</aside>\n",
    "after a summary": "<details>\n<summary>S</summary>\n- [t](https://t.example/)\n\nb\n\n"
    "</details>\n",
}


@pytest.mark.parametrize("body", OPENED_EARLY.values(), ids=OPENED_EARLY.keys())
def test_a_link_before_the_blank_line_of_an_element_the_page_opens_is_a_warning(
    body: str,
) -> None:
    urls, warned = urls_and_warnings(body, "is on the lines right after <")
    assert urls == []
    line = 4 + next(i for i, text in enumerate(body.split("\n")) if "[t]" in text)
    assert [at for at, _ in warned] == [line]
    # Why: the page marks the element `markdown` for what follows the blank line, and
    # md_in_html then reads these lines as Markdown too.
    assert 'href="https://t.example/"' in as_the_site_renders(body)
    blank = body.replace("💡 [t]", "💡\n\n[t]").replace("</summary>\n", "</summary>\n\n")
    assert urls_and_warnings(blank, "is on the lines right after <") == (["https://t.example/"], [])


# Found in Obsidian- and Logseq-style notes: an indented line right under a block, with no
# blank line between. Code to CommonMark; the site runs it into a paragraph or the table.
CODE_UNDER_BLOCKS = {
    "under a fence": "```\nx\n```\n    [t](https://t.example/)\n",
    "under a fence in a callout": "> [!note]- Folded\n> ```\n> x\n> ```\n>     [t](https://t.example/)\n",
    "under a heading in an item": "- ## Topic\n      - child [t](https://t.example/)\n",
    "under a table, by a tab": "| a | b |\n|---|---|\n| x | y |\n\t| [t](https://t.example/) |\n",
    "under a table, by spaces": "a | b\n--|--\nx | y\n    [t](https://t.example/) | z\n",
}


@pytest.mark.parametrize("body", CODE_UNDER_BLOCKS.values(), ids=CODE_UNDER_BLOCKS.keys())
def test_an_indented_line_right_under_a_fence_table_or_item_heading_warns(body: str) -> None:
    urls, warned = urls_and_warnings(body, "right under")
    assert urls == []
    line = 4 + next(i for i, text in enumerate(body.split("\n")) if "[t]" in text)
    assert [at for at, _ in warned] == [line]
    assert 'href="https://t.example/"' in as_the_site_renders(body)  # why
    # A blank line above it: code to both, and no warning.
    *above, last = body.rstrip("\n").split("\n")
    apart = "\n".join([*above, ">" if body.startswith(">") else "", last]) + "\n"
    assert urls_and_warnings(apart, "right under") == ([], [])
    assert 'href="https://t.example/"' not in as_the_site_renders(apart)


def test_an_indented_line_under_a_heading_outside_items_is_no_warning() -> None:
    body = "## Topic\n    code [t](https://t.example/)\n"  # code to both
    assert urls_and_warnings(body, "indented line") == ([], [])
    assert 'href="https://t.example/"' not in as_the_site_renders(body)


def test_a_footnote_the_site_reads_as_a_definition_hiding_its_links_is_a_warning() -> None:
    # Python-Markdown's pattern gives back the URL to `[paper]` and reads the rest as a
    # `(title)`; CommonMark reads a paragraph with a link (its URL-to-be has no title after).
    body = "Attention.[^1]\n\n[^1]: [paper](https://t.example/), Vaswani et al. (2017)\n"
    urls, warned = urls_and_warnings(body, "leaves it out of the page")
    assert urls == ["https://t.example/"]
    assert [line for line, _ in warned] == [6]
    assert 'href="https://t.example/"' not in as_the_site_renders(body)  # why
    assert urls_and_warnings(body, "holds one")[1] == []  # one warning for the line


@pytest.mark.parametrize(
    "line",
    ["[^1]: [t](https://t.example/)", "[^1]: <https://t.example/>"],
    ids=["link", "autolink"],
)
def test_a_clippers_footnote_under_a_paragraph_hiding_its_links_is_a_warning(line: str) -> None:
    # A web clipper's footnote, right under the text: a paragraph line to CommonMark, a
    # definition the site takes out of the page, links and all.
    body = f"Para text\n{line}\n"
    urls, warned = urls_and_warnings(body, "leaves it out of the page")
    assert urls == ["https://t.example/"]
    assert [at for at, _ in warned] == [5]
    assert 'href="https://t.example/"' not in markdown.markdown(body)  # why
    # After a blank line, a definition to both readers: no link, no warning.
    assert urls_and_warnings(f"Para text\n\n{line}\n", "out of the page")[1] == []


def test_html_the_site_keeps_raw_is_no_markdown_warning() -> None:
    body = (
        "<div>\n[a](https://a.example/)\n</div>\n\n"  # raw to both
        "   <div>\n   [b](https://b.example/)\n   </div>\n\n"  # by three spaces: raw to both
        '> <div><a href="https://c.example/">c</a></div>\n'  # HTML to both
    )
    urls, warned = urls_and_warnings(body, "Markdown inside an HTML block")
    assert (urls, warned) == (["https://c.example/"], [])
    page = as_the_site_renders(body)
    assert [u for u in "abc" if f'href="https://{u}.example/"' in page] == ["c"]


def test_a_tag_at_a_lines_start_is_text_on_the_page_as_in_the_model() -> None:
    body = (
        "#papers to read\n"
        "    [y](https://y.example/)\n"  # the paragraph's, not code after a heading
        "\n"
        "#1 tip: [x](https://x.example/)\n"
        "\n"
        "# A heading\n"
    )
    parsed = note(body)
    assert [link.url for link in parsed.links] == ["https://y.example/", "https://x.example/"]
    assert [link.headings for link in parsed.links] == [(), ()]
    page = as_the_site_renders(body)
    assert re.findall(r'href="(https://[xy][^"]*)"', page) == [link.url for link in parsed.links]
    assert re.findall(r"<h\d[^>]*>([^<]*)", page) == ["A heading"]


def test_a_definition_with_a_non_ascii_space_before_its_url_says_the_site_links_nothing() -> None:
    # The site drops such a space from an inline link's URL, but reads no definition at all.
    body = "[a][1] and [b][2]\n\n[1]: \u00a0https://a.example/\n[2]:\u00a0https://b.example/\n"
    _, spaced = urls_and_warnings(body, "written with a space")
    _, warned = urls_and_warnings(body, "other than an ordinary one")
    assert spaced == []
    assert [line for line, _ in warned] == [6, 7]
    assert "so [1] links nothing on the page" in warned[0][1]
    assert "href" not in markdown.markdown(body, extensions=SITE_EXTENSIONS)


def test_a_url_with_a_non_ascii_space_at_an_end_is_a_warning() -> None:
    # Pasted from a web page or a word processor: a no-break or an ideographic space.
    body = (
        "[a](\u00a0https://a.example/)\n\n"
        "[b](https://b.example/\u3000)\n\n"
        "[c]( https://c.example/ )\n"  # ASCII spaces: CommonMark drops them too
    )
    urls, warned = urls_and_warnings(body, "written with a space")
    assert urls == ["\u00a0https://a.example/", "https://b.example/\u3000", "https://c.example/"]
    assert warned == [
        (
            4,
            "the URL https://a.example/ is written with a space (U+00A0) at its start or end: "
            "Markdown keeps it in the URL, the site drops it and links what no check reads: "
            "delete it",
        ),
        (6, warned[1][1]),
    ]
    assert "(U+3000)" in warned[1][1]
    # Why: the site's Python-Markdown strips any space, as Python's str.strip does.
    page = markdown.markdown(body)
    assert all(f'href="https://{u}.example/"' in page for u in "abc")


def _shown(page: str) -> list[str]:
    """The `*.example` hosts the page links, outside comments as a browser ends them at
    `-->` (and at `--!>`, which the site writes out as `-->`)."""
    visible = re.sub(r"<!--.*?-->", "", page, flags=re.DOTALL)
    return re.findall(r'href="https://(\w+)\.example/[^"]*"', visible)


def test_a_comment_closed_by_a_bang_hides_what_markdown_hides_and_is_a_warning() -> None:
    # An issue template's `<!-- delete this --!>`: a browser and the site end the comment at
    # `--!>`, CommonMark (0.31) at the next `-->` only.
    body = (
        "<!-- Describe the bug --!>\n\n[a](https://a.example/)\n\n<!-- end -->\n"  # line 4
        "\nx <!-- b --!> [b](https://b.example/)\nmore --> [c](https://c.example/)\n"  # x: line 10
        "\n`<!-- code --!>` and [d](https://d.example/)\n"
        "\n<!-- two --!> [e](https://e.example/) --!> -->\n"  # line 15
        "\n<!-- never closed --!>\n\n[f](https://f.example/)\n"  # line 17
    )
    urls, warned = urls_and_warnings(body, "`--!>` does not close this comment")
    assert urls == ["https://c.example/", "https://d.example/"]
    assert [line for line, _ in warned] == [4, 10, 15, 15]
    assert warned[0][1] == (
        "`--!>` does not close this comment to Markdown (and GitHub), which hides what "
        "follows (1 link) up to the next `-->`; a browser and the site would end it at "
        "`--!>`, so the page hides it as Markdown does: write `-->`"
    )
    assert "(1 link)" in warned[2][1] and "link" not in warned[3][1]
    # The site alone shows a, b and e; with the page's rewrite it shows what the model reads
    # (f is the comment never closed: warned of as such, and shown).
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == list("abcdef")
    assert _shown(as_the_site_renders(body)) == list("cdf")
    assert note(body).comment_marks == ((4, "--!>"), (10, "--!>"), (15, "--!>"), (15, "--!>"))


def test_a_comment_in_a_quote_over_a_blank_line_is_a_warning() -> None:
    # The site reads an HTML block in a quote as Markdown: a `<!--` whose
    # paragraph holds no `-->` is text to it, and the links after it are links.
    body = (
        "> <!-- a draft\n> [a](https://a.example/)\n>\n> [b](https://b.example/)\n>\n> -->\n"
        "\n> <!-- one paragraph [d](https://d.example/)\n> -->\n"  # hidden by both
        "\n<!-- at the margin\n\n[e](https://e.example/)\n-->\n"  # hidden by both
    )
    urls, warned = urls_and_warnings(body, "inside an HTML comment in a quote")
    assert urls == []
    assert [(line, message.split()[0]) for line, message in warned] == [
        (5, "https://a.example/"),
        (7, "https://b.example/"),
    ]
    assert _shown(as_the_site_renders(body)) == list("ab")


def test_an_attribute_list_that_sets_a_links_url_is_a_warning() -> None:
    # kramdown's `{:target="_blank"}` is harmless; attr_list sets an `href` or `src` as well.
    body = (
        'See [a](https://a.example/){: href="https://y.example/"} and\n'  # line 4
        "![i](https://i.example/i.png){src='https://y.example/j.png' .c} then\n"
        "<https://z.example/>{: href=https://y.example/z} and\n"
        "[b](https://b.example/){: target=_blank}\n"
        '[c](https://c.example/) {: href="https://y.example/"}\n'  # a space: text to both
        '\n- item [d](https://d.example/){ href="https://y.example/d" }\n'  # line 10
    )
    urls, warned = urls_and_warnings(body, "the attribute list after")
    assert urls == [f"https://{u}.example/" for u in "azbcd"]
    assert [line for line, _ in warned] == [4, 5, 6, 10]
    assert warned[1][1] == (
        "the attribute list after https://i.example/i.png sets its src to "
        "https://y.example/j.png: the site shows https://y.example/j.png, Markdown (and "
        "GitHub) https://i.example/i.png, which the check reads: write the URL in the link, "
        "and drop `src=` from the braces"
    )
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    tags = re.findall(r'<(?:a|img)\b[^>]*?(?:href|src)="https://(\w)\.example/', page)
    assert tags == list("yyybcy")


@pytest.mark.parametrize("marker", ["```", "~~~"])
def test_a_fence_with_an_indented_opening_or_closing_line_reads_on_the_page_as_in_markdown(
    marker: str,
) -> None:
    # A pasted BibTeX entry or an LLM's answer closes with `  ```; superfences closed such a
    # fence only at the next fence line, or took no fence at all, where Markdown closes it.
    for opening, inside, closing in itertools.product(range(4), (0, 1, 3), range(4)):
        body = (
            f"{' ' * opening}{marker}bash\n{' ' * inside}# see\n"
            f"{' ' * inside}[x](https://x.example/)\n{' ' * closing}{marker}\n\n"
            f"[a](https://a.example/)\n\n{marker}\nz\n{marker}\n"
        )
        assert [link.url for link in note(body).links] == ["https://a.example/"]
        assert _shown(as_the_site_renders(body)) == ["a"], (opening, inside, closing)
    # In code the lines keep what indent Markdown leaves them.
    page = as_the_site_renders(f"  {marker}\n    four\n two\n{marker}\n")
    assert "  four\ntwo" in page
    # A closing line longer than the opening one closes it only in Markdown: a warning's.
    body = f"{marker}\ncode\n  {marker}{marker[0]}\n\n[a](https://a.example/)\n"
    assert note(body).indented_fences == ()


def test_a_table_right_under_a_paragraph_line_is_a_table_on_the_page_too() -> None:
    # GFM lets a table interrupt a paragraph; Python-Markdown read on as paragraph, and
    # linked what the table's cells split (`[a|b](…)`, a chat line's `<url|text>`).
    body = (
        "Some text:\n| a | b |\n|---|---|\n| x | [a|b](https://i.example/) |\n"  # line 5
        "12:34 bob: <https://j.example/slack|slides> and [k](https://k.example/)\n"
        "\nAfter a blank line:\n\n| a |\n|---|\n| [c](https://c.example/) |\n"
    )
    parsed = note(body)
    assert [link.url for link in parsed.links] == ["https://k.example/", "https://c.example/"]
    assert [(a.line, a.after) for a in parsed.adjoining_lists] == [(5, "text")]
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == list("ijkc")
    assert _shown(as_the_site_renders(body)) == list("kc")


def test_an_autolink_holding_a_label_the_note_defines_is_a_warning() -> None:
    # html2text numbers a mail's links `[1]`; a URL holding `[1]` then holds a reference.
    body = (
        "See <https://x.example/wiki/[x]> here, <https://y.example/[y]>,\n"
        "[t](https://t.example/[X]).\n\n[x]: https://d.example/def-x\n"
    )
    urls, warned = urls_and_warnings(body, "the autolink")
    assert urls == ["https://x.example/wiki/[x]", "https://y.example/[y]", "https://t.example/[X]"]
    assert warned == [
        (
            4,
            "the autolink https://x.example/wiki/[x] holds [x], which the note defines: the "
            "site links [x] inside it, which breaks the link the check reads: write the "
            "brackets as %5B and %5D",
        )
    ]
    # Inside raw HTML's attribute too: the site breaks the tag.
    tag = 'See <a href="https://h.example/p?x=[x]">h</a>\n\n[x]: https://d.example/def-x\n'
    assert [why[:40] for _, why in urls_and_warnings(tag, "holds [x]")[1]] == [
        "the HTML link to https://h.example/p?x=["
    ]
    assert 'href="https://h.example/p?x=[x]"' not in markdown.markdown(tag)
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert re.findall(r'href="(https://[^"]*)"', page)[:2] == [
        "https://x.example/wiki/x",
        "https://d.example/def-x",
    ]


def test_a_tag_whose_attributes_start_on_the_next_line_and_hold_an_at_is_a_warning() -> None:
    # Mail and chat wrap `<a href>` after its name; Medium's and Mastodon's URLs hold `@`.
    body = (
        'Read <a\nhref="https://m.example/@alice/post">post</a> and <img\n'  # lines 4, 5
        'src="https://i.example/@a/i.png">.\n\n'
        'Fine: <a href="https://f.example/@bob">x</a>, `<a\nhref="https://c.example/@x">`\n'
    )
    urls, warned = urls_and_warnings(body, "e-mail address")
    assert urls == ["https://m.example/@alice/post", "https://f.example/@bob"]
    assert [line for line, _ in warned] == [4, 5]
    assert warned[1][1] == (
        "the <img> tag's attributes start on the next line and hold an `@` with no space: the "
        "site reads the tag as an e-mail address, a mailto: link, and drops the URL the check "
        "reads: put its first attribute on the tag's line"
    )
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert re.findall(r'<(?:a|img)\b[^>]*?(?:href|src)="https://(\w)\.example/', page) == ["f"]


@pytest.mark.parametrize("above", ["    code", "\tcode", "- item\n\n        code in item"])
def test_a_fence_right_under_an_indented_line_is_code_on_the_page_too(above: str) -> None:
    # A notebook's output pasted indented, then a fence: superfences takes no fence there.
    body = f"{above}\n```md\n# see\n[x](https://x.example/)\n```\n\n[a](https://a.example/)\n"
    assert [link.url for link in note(body).links] == ["https://a.example/"]
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == ["x", "a"]
    assert _shown(as_the_site_renders(body)) == ["a"]


def test_a_table_whose_rows_alone_start_with_a_pipe_keeps_its_cells_on_the_page() -> None:
    # GFM takes outer pipes row by row; Python-Markdown looks at the header, and without one
    # reads a row's leading pipe as an empty cell, dropping the row's last.
    body = (
        "Name | Link\n--- | ---\n| a | [x](https://x.example/) |\nb | [y](https://y.example/)\n"
        "\n- item\n\n  Name | Link\n  --- | ---\n  | c | [z](https://z.example/) |\n"  # line 10
        "\n| Name | Link\n| --- | --- |\n| d | [w](https://w.example/) |\n"
    )
    parsed = note(body)
    assert [link.url for link in parsed.links] == [f"https://{u}.example/" for u in "xyzw"]
    assert parsed.unbordered_headers == (4, 11)
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == ["y", "w"]
    assert _shown(as_the_site_renders(body)) == list("xyzw")


def test_a_shortcut_reference_right_after_an_html_block_is_a_warning() -> None:
    # An LLM's "Thought for 5s" in <details>, then its numbered source right below.
    body = (
        "<details><summary>S</summary>\nx\n</details>\n[1] and [not defined]\n"  # line 7
        "\n<div>y</div>\n[no label here] alone\n\n[1]: https://d.example/\n"
    )
    urls, warned = urls_and_warnings(body, "goes on an HTML block")
    assert (urls, [line for line, _ in warned]) == ([], [7])
    assert 'href="https://d.example/"' in markdown.markdown(body, extensions=SITE_EXTENSIONS)


def test_an_unused_definition_on_a_paragraph_over_an_indented_line_is_a_warning() -> None:
    # html2text's numbered links inside a quoted mail, its wrapped lines indented.
    body = (
        "> Quoted text here\n> [2]: https://x.example/unused\n"  # line 5
        ">     else in the [Dropout](https://d.example/)\n"
        "\nText\n[3]: https://x.example/also-unused\n  two [e](https://e.example/) spaces\n"
    )
    urls, warned = urls_and_warnings(body, "is code to it")
    assert urls == ["https://d.example/", "https://e.example/"]
    assert [line for line, _ in warned] == [5]
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert [u for u in "de" if f'href="https://{u}.example/"' in page] == ["e"]


def test_a_line_starting_with_a_tag_only_markdown_takes_for_a_block_is_a_warning() -> None:
    # MDX's `<Link to>`: a `link` element opens an HTML block to CommonMark, not to the site.
    body = (
        '<Link to="/docs">docs</Link> and [the docs](https://d.example/)\n'
        "\n<base> [b](https://b.example/)\n\n<Linked> [c](https://c.example/)\n"
    )
    urls, warned = urls_and_warnings(body, "takes for an HTML block")
    assert urls == ["https://c.example/"]
    assert [(line, message.split("`")[1]) for line, message in warned] == [
        (4, "<Link>"),
        (6, "<base>"),
    ]
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert [u for u in "dbc" if f'href="https://{u}.example/"' in page] == list("dbc")


def test_a_fence_opened_inside_an_html_block_is_a_warning() -> None:
    # Docusaurus' `<TabItem>` or a `<div>`, then a code sample's fence on the next line.
    body = (
        '<div>\n```html\n<a href="https://a.example/">x</a>\n```\n</div>\n'  # fence: line 5
        '\n<div>\n\n```html\n<a href="https://b.example/">y</a>\n```\n\n</div>\n'
    )
    urls, warned = urls_and_warnings(body, "opens inside an HTML block")
    assert (urls, [line for line, _ in warned]) == (["https://a.example/"], [5])
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert '<a href="https://a.example/">' not in page  # code on the page


def test_a_table_under_indented_code_and_a_fence_under_a_table_stand_apart_on_the_page() -> None:
    # A notebook's output pasted indented, a table right under it, a code sample right under
    # that: GFM ends each block at the next; the site ran the fence into the table.
    body = "    out\n| A | B |\n|---|---|\n```\n[x](https://x.example/)\n```\n"
    assert [(a.line, a.after) for a in note(body).adjoining_lists] == [(5, "text"), (7, "text")]
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == ["x"]
    page = as_the_site_renders(body)
    assert _shown(page) == [] and "<td><div" not in page and "<table>" in page


def test_a_paragraph_right_under_a_quote_markdown_ended_stands_apart_on_the_page() -> None:
    # A quoted mail's `>` line alone ends the quote's paragraph, so the next line is no
    # lazy line to CommonMark; Python-Markdown took it, and the quote after it, into one.
    body = "> a\n>\nb\n>     code <https://a.example/>\n\n> c\nd [e](https://e.example/)\n"
    parsed = note(body)
    assert [(a.line, a.after) for a in parsed.adjoining_lists] == [(6, "text")]
    assert [link.url for link in parsed.links] == ["https://e.example/"]
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == ["a", "e"]
    assert _shown(as_the_site_renders(body)) == ["e"]


def test_backticks_the_site_pairs_otherwise_around_a_link_are_a_warning() -> None:
    # pandoc keeps LaTeX's ``quotes'': an unmatched ``, which the site closes at a shorter
    # run, CommonMark not at all.
    body = (
        "Text ``a` <https://a.example/>` more.\n\n"  # line 4: code to Markdown, a link to the site
        "As ``quoted'' in [b](https://b.example/) and `c` fine.\n\n"  # line 6: the other way
        "Fine ``code ` here`` [d](https://d.example/)\n"
    )
    urls, warned = urls_and_warnings(body, "pair otherwise on the site")
    assert urls == ["https://b.example/", "https://d.example/"]
    assert [(line, why.split(": Markdown reads it as ")[1][:25]) for line, why in warned] == [
        (4, "code, the site a link, so"),
        (6, "a link, the site code, so"),
    ]
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert _shown(page) == ["a", "d"]


def test_a_paragraph_the_site_alone_reads_as_a_table_is_a_paragraph_on_the_page() -> None:
    # MediaWiki's `{|` tables through pandoc: `|-` under `a | b` is a delimiter row to the
    # site, whose table then dropped the cells past the header's two, links and all.
    body = (
        "a | b\n|-\nx | y | [t](https://t.example/)\n"  # line 5: the delimiter-like row
        '\n{| class="wikitable"\n|-\n| b || [w](https://w.example/)\n|}\n'
        "\n| k | v |\n|---|---|\n| [g](https://g.example/) | 1 |\n"  # a table to both
    )
    parsed = note(body)
    assert [link.url for link in parsed.links] == [f"https://{u}.example/" for u in "twg"]
    assert parsed.site_only_tables == (5, 9)
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == ["g"]
    page = as_the_site_renders(body)
    assert _shown(page) == list("twg") and page.count("<table>") == 1


@pytest.mark.parametrize(
    "above",
    ["   1. item", "1.   item", "   - item", "<p>x</p>\n- item"],
    ids=["marker indented", "text past column 4", "bullet indented", "item in an HTML block"],
)
def test_code_indented_by_four_after_a_list_is_code_on_the_page_too(above: str) -> None:
    # The item's text starts past column 4, so a paragraph indented by four after a blank
    # line is no longer the item's to CommonMark: code. The site went on with the item.
    body = f"{above}\n\n    [b](https://b.example/)\n"
    parsed = note(body)
    assert parsed.links == [] and [a.after for a in parsed.adjoining_lists] == ["code"]
    assert _shown(markdown.markdown(body, extensions=SITE_EXTENSIONS)) == ["b"]
    page = as_the_site_renders(body)
    assert _shown(page) == [] and "<pre><code>[b](https://b.example/)" in page


def test_an_element_left_open_indented_by_up_to_three_is_read_on_the_page_too() -> None:
    # pandoc's `  <div>` around Markdown: an HTML block to CommonMark all the same, but
    # md_in_html reads an element at the margin only.
    for lead in (" ", "  ", "   "):
        body = f"{lead}<div>\n\n[t](https://t.example/)\n\n</div>\n"
        assert [link.url for link in note(body).links] == ["https://t.example/"]
        assert _shown(as_the_site_renders(body)) == ["t"], lead


@pytest.mark.parametrize("end", ["  ", "\t", " \t"], ids=["two spaces", "a tab", "space and tab"])
def test_a_tag_over_lines_ending_in_a_hard_break_is_a_tag_on_the_page(end: str) -> None:
    # A web clipper wraps a long `<a …>` after its name, and a line end of two spaces (or a tab,
    # four spaces to the site) is a hard break to Python-Markdown, even inside a tag: it writes
    # `<br />` there and shows the tag as text. CommonMark reads whitespace in a tag.
    body = f'See <a{end}\nhref="https://t.example/">the page</a>.\n'
    parsed = note(body)
    assert [link.url for link in parsed.links] == ["https://t.example/"]
    assert parsed.tag_breaks == (4,)
    assert "&lt;a<br />" in markdown.markdown(body, extensions=SITE_EXTENSIONS)  # why
    page = as_the_site_renders(body)
    assert "&lt;a" not in page and _shown(page) == ["t"]
    # The break may be on any line the tag runs over, not only its first.
    later = f'See <a\nhref="https://t.example/"{end}\ntitle="x">the page</a>.\n'
    assert note(later).tag_breaks == (5,)
    assert _shown(as_the_site_renders(later)) == ["t"]
    # One space is no break to either; a hard break outside a tag is the note's own.
    for fine in ('See <a \nhref="https://t.example/">x</a>.\n', "Two lines  \nof text\n"):
        assert note(fine).tag_breaks == ()


def test_nested_elements_left_open_are_each_read_on_the_page() -> None:
    # GitHub's collapsible sections, one in another: the outer one's block is followed by
    # the inner one's, yet it holds Markdown further down, which the site would keep as HTML.
    body = (
        "<details><summary>A</summary>\n\n<details><summary>B</summary>\n\n"
        "[in](https://in.example/)\n\n</details>\n\n[out](https://out.example/)\n\n"
        "</details>\n\n<div>\n\n<p>HTML alone</p>\n\n</div>\n"
    )
    parsed, problems = note_and_problems(body)
    assert [link.url for link in parsed.links] == ["https://in.example/", "https://out.example/"]
    # The `<div>` holds nothing but HTML: the site reads it as the model does, unmarked.
    assert parsed.open_elements == ((4, "details"), (6, "details"))
    assert [p.message for p in problems] == []
    assert _shown(as_the_site_renders(body)) == ["in", "out"]


def test_the_pages_fence_and_list_mends_leave_an_admonitions_body_in_it() -> None:
    # The model reads an admonition's body moved out by four; the page writes the note as it
    # stands, where a fence at the margin or a comment there would end the admonition.
    fence = '!!! note "T"\n      ```python\n      x\n      ```\n\n    [a](https://a.example/)\n'
    assert note(fence).indented_fences == ()
    assert _shown(as_the_site_renders(fence)) == ["a"]
    code = '!!! note "T"\n       1. item\n\n        code\n\n    [a](https://a.example/)\n'
    assert [a.after for a in note(code).adjoining_lists] == []
    assert _shown(as_the_site_renders(code)) == ["a"]


def test_a_link_commented_out_is_none_even_when_its_url_holds_two_hyphens() -> None:
    # A W&B report's URL holds `--`, which ended no comment before CommonMark 0.31.
    body = "Old run <!-- [report](https://wandb.example/reports/Sweep--Vmlldzo1) -->\n"
    assert note(body).links == []
    # The page's HTML holds the link inside the comment, which a browser does not show.
    assert "href" not in re.sub(r"<!--.*?-->", "", as_the_site_renders(body), flags=re.DOTALL)


def test_a_comment_never_closed_is_a_warning_as_the_site_shows_the_rest() -> None:
    body = "Text\n\n<!-- TODO\n[a](https://a.example/)\n\n- [b](https://b.example/)\n"
    urls, warned = urls_and_warnings(body, "never closed")
    assert urls == []
    assert warned == [
        (
            6,
            "this comment is never closed: Markdown (and GitHub) hides the rest of the note in "
            "it, the site shows it, with 2 link(s) that no check reads: close it with `-->`",
        )
    ]
    page = as_the_site_renders(body)
    assert 'href="https://a.example/"' in page and 'href="https://b.example/"' in page
    closed = body.replace("TODO", "TODO -->")
    assert urls_and_warnings(closed, "never closed") == (
        ["https://a.example/", "https://b.example/"],
        [],
    )


def test_an_escaped_autolink_is_a_warning_as_the_site_links_it() -> None:
    body = (
        "Not a link: \\<https://a.example/x>, nor &lt;https://b.example/>.\n"  # line 4
        "A backslash, then a link: \\\\<https://c.example/>; in code: `\\<https://d.example/>`\n"
        "\n    \\<https://e.example/> in an indented code block\n"
    )
    urls, warned = urls_and_warnings(body, "escaped")
    assert urls == ["https://c.example/"]
    assert warned == [
        (
            4,
            "`\\<https://a.example/x>` is text in Markdown (an escaped `<`), but the site's "
            "Markdown cannot escape a `<` and links it, which no check reads: write `&lt;` "
            "for the `<`",
        )
    ]
    # Why: the site's Python-Markdown links it, after a backslash it shows.
    page = markdown.markdown(body)
    assert 'href="https://a.example/x"' in page and 'href="https://b.example/"' not in page


def test_an_autolink_in_a_links_text_keeps_both_links_as_the_site_does() -> None:
    # CommonMark nests an autolink in a link's text; both links show on the page.
    body = "See [<https://a.example/x>](https://b.example/y) and [t](https://c.example/).\n"
    parsed = note(body)
    assert [(link.url, link.title) for link in parsed.links] == [
        ("https://a.example/x", "https://a.example/x"),
        ("https://b.example/y", "https://a.example/x"),
        ("https://c.example/", "t"),
    ]
    page = markdown.markdown(body)
    assert all(f'href="{link.url}"' in page for link in parsed.links)


def test_a_tilde_fence_on_a_list_markers_line_is_a_warning_as_the_site_shows_its_links() -> None:
    body = (
        "- ~~~\n  [c](https://c.example/)\n  ~~~\n"  # line 4
        "\n1. ~~~ python\n   x = 1  # no link\n   ~~~\n"
        "\n> - ~~~\n>   <https://q.example/>\n>   ~~~\n"  # line 12
        '\n- ~~~\n  <a href="https://h.example/">h</a>\n  ~~~\n'
        "\n- ```\n  [b](https://b.example/)\n  ```\n"  # backticks: a code span on the site
        "\n- Step\n\n  ~~~\n  [s](https://s.example/)\n  ~~~\n"  # its own line: code to both
    )
    urls, warned = urls_and_warnings(body, "fence on a list item")
    assert urls == []
    message = (
        "a `~~~` fence on a list item's first line: Markdown reads code, the site a "
        "paragraph, so the page would show its links, which no check reads: put the fence "
        "on a line of its own below the item's text"
    )
    assert warned == [(4, message), (12, message), (16, message)]
    # Why: pymdownx.superfences takes a fence on a line of its own only.
    page = markdown.markdown(body, extensions=["pymdownx.superfences"])
    for url in "cqh":
        assert f'href="https://{url}.example/"' in page
    assert 'href="https://b.example/"' not in page and 'href="https://s.example/"' not in page


def test_a_fence_the_site_leaves_open_is_a_warning_as_it_shows_its_links() -> None:
    body = (
        "```py\n[a](https://a.example/)\n```  \n\n"  # line 4: closed, code to both
        "~~~\n[b](https://b.example/)\n~~~~~\n\n"  # line 8: only CommonMark takes a longer one
        "- Step\n\n    ```\n    [c](https://c.example/)\n\n- Next\n\n"  # line 14: item ends
        "> ~~~\n> [q](https://q.example/)\n\n"  # line 19: the quote ends it
        "````\n```\n[d](https://d.example/)\n"  # line 22: the note ends it
    )
    urls, warned = urls_and_warnings(body, "line closes")
    assert urls == []
    assert [(line, message.split(" fence")[0]) for line, message in warned] == [
        (8, "a ~~~"),
        (14, "a ```"),
        (19, "a ~~~"),
        (22, "a ````"),
    ]
    assert warned[1][1] == (
        "a ``` fence that no ``` line closes: Markdown shows its lines as code, the site as "
        "text, its links too, which no check reads: close it with ``` alone on a line, as far "
        "in as the fence and inside its quote (the site takes no longer fence)"
    )
    # Why: pymdownx.superfences takes a fence with its very closing fence only.
    page = markdown.markdown(body, extensions=["pymdownx.superfences"])
    assert [url for url in "abcqd" if f'href="https://{url}.example/"' in page] == list("bcqd")


FENCES_CLOSED_ELSEWHERE = {
    # Typora, Drafts, Bear: a fence typed in a list item or a quote, closed at the margin.
    "item closed at the margin": (
        "- Install:\n  ```\n  pip install torch\n```\n- Read [a](https://a.example/)\n",
        [5, 7],
    ),
    "quote closed without >": "> ```\n> curl x\n```\n[b](https://b.example/)\n",
    "a line without > in a quote's fence": "> ```\n> x = 1\ny  # [c](https://c.example/)\n> ```\n",
    "a backtick in the info": "```js // see `x`\n[d](https://d.example/)\n```\n\n[e](https://e.example/)\n",
}


@pytest.mark.parametrize("body", FENCES_CLOSED_ELSEWHERE.values(), ids=FENCES_CLOSED_ELSEWHERE)
def test_a_fence_closed_in_another_container_is_a_warning(
    body: str | tuple[str, list[int]],
) -> None:
    text = body if isinstance(body, str) else body[0]
    urls, warned = urls_and_warnings(text, "line closes")
    assert warned, "Markdown and the site pair these fences otherwise"
    if not isinstance(body, str):
        assert [line for line, _ in warned] == body[1]
    # Why: the page links what the model does not, or the other way round.
    page = markdown.markdown(text, extensions=["pymdownx.superfences"])
    on_page = sorted(re.findall(r'href="(https://[a-e]\.example/)"', page))
    assert on_page != sorted(urls)


def test_an_items_fence_cut_by_a_line_at_the_margin_is_a_warning() -> None:
    # An LLM's answer: the fence indented under its item, the command inside at the margin.
    body = (
        "1. Install:\n   ```bash\npip install x\n   ```\n\n[a](https://a.example/)\n"  # line 5
        "\n```\ncode\n```\n"
    )
    urls, warned = urls_and_warnings(body, "a line at the margin inside")
    assert urls == []  # code to Markdown, from the indented ``` on
    assert warned == [
        (
            5,
            "a line at the margin inside this list item's ``` fence ends the item, and the "
            "code, to Markdown, so the ``` line meant to close it opens code of its own, hiding "
            "what follows up to the next ```; the site reads one fence: indent the fence's "
            "lines as far as the fence",
        )
    ]
    page = markdown.markdown(body, extensions=SITE_EXTENSIONS)
    assert 'href="https://a.example/"' in page
    indented = body.replace("\npip", "\n   pip")
    assert urls_and_warnings(indented, "a line at the margin") == (["https://a.example/"], [])


def test_a_backtick_in_a_fences_info_is_a_warning() -> None:
    # Tana and Craft write a comment after the language: Markdown reads no fence there, so the
    # next fence line opens one, and the pairs shift from there on.
    body = (
        "```python # see `team`\nx = 1\n```\n\n[a](https://a.example/)\n\n"
        "```\ny = 2\n```\n\n[b](https://b.example/)\n\n`` `code` `` and ```` ```js `x` ```` \n"
    )
    urls, warned = urls_and_warnings(body, "goes on with a backtick")
    assert [line for line, _ in warned] == [4]
    assert urls == []  # code to Markdown: from the first ``` line alone to the next, and on
    relaxed = {"pymdownx.superfences": {"relaxed_headers": True}}  # as mkdocs.yml has it
    page = markdown.markdown(body, extensions=[*relaxed], extension_configs=relaxed)
    assert [u for u in "ab" if f'href="https://{u}.example/"' in page] == ["a", "b"]
    # Slack's one-line code: a code span to Markdown; a fence to the site, up to a ``` line.
    slack = "```pip install x``` then [c](https://c.example/)\n\n```\nlog\n```\n"
    assert urls_and_warnings(slack, "goes on with a backtick") == (
        ["https://c.example/"],
        [(4, FENCE_WITH_BACKTICK_INFO)],
    )
    page = markdown.markdown(slack, extensions=[*relaxed], extension_configs=relaxed)
    assert 'href="https://c.example/"' not in page
    alone = slack.split("\n\n")[0] + "\n"  # no ``` line below: a code span to both
    assert urls_and_warnings(alone, "goes on with a backtick") == (["https://c.example/"], [])


def test_a_numeric_reference_markdown_does_not_decode_in_a_url_is_a_warning() -> None:
    # Old feed HTML writes Windows-1252's codes: `&#146;` for ’. markdown-it leaves such a
    # code as text (the checked URL then ends at its `#`); a browser decodes it on the page.
    body = (
        "[a](https://a.example/don&#146;t) and ![i](https://b.example/a&#150;b.png) and [c][1]\n"
        "and [fine](https://d.example/a&#8217;b) and `[code](https://e.example/&#146;)`\n\n"
        "[1]: https://c.example/it&#146;s\n"
    )
    urls, warned = urls_and_warnings(body, "a code it does not decode")
    assert [line for line, _ in warned] == [4, 4, 7]
    assert "a browser reads `’` (Windows-1252's 146)" in warned[0][1]
    assert "https://d.example/a’b" in urls  # decoded by both
    page = markdown.markdown(body)
    assert 'href="https://a.example/don&#146;t"' in page  # passed on for the browser to decode


def test_an_entity_in_an_autolinks_url_is_a_warning_as_the_site_decodes_it() -> None:
    body = (
        "<https://a.example/?x=1&amp;y=2> and [t](https://b.example/?x=1&amp;y=2)\n"
        "\n[t](<https://c.example/?x=1&amp;y=2>) and [t](<https://d.example/a\\_b> 'T')\n"
    )  # a destination in <…> is read alike by both: no autolink
    urls, warned = urls_and_warnings(body, "as written")
    assert urls == [
        "https://a.example/?x=1&amp;y=2",
        "https://b.example/?x=1&y=2",
        "https://c.example/?x=1&y=2",
        "https://d.example/a_b",
    ]
    assert warned == [
        (
            4,
            "`<https://a.example/?x=1&amp;y=2>`: Markdown keeps `&amp;` in the URL as written, "
            "the site's Markdown reads it as `&`, so the page links another URL than the one "
            "checked: write the URL with `&` itself",
        )
    ]
    page = markdown.markdown(body)  # an attribute's `&amp;` is a `&` to the browser
    assert 'href="https://a.example/?x=1&amp;y=2"' in page
    assert 'href="https://a.example/?x=1&amp;amp;y=2"' not in page


def test_a_backslash_in_an_autolinks_or_a_definitions_url_is_a_warning() -> None:
    body = (
        "See <https://a.example/a\\_b> and [t](https://a.example/c\\_d).\n"  # line 4
        "Ends <https://a.example/e\\> here, `<https://a.example/f\\_g>` is code.\n"  # line 5
        "\n"
        "[r] and [s]\n"
        "\n"
        "[r]: https://a.example/h\\_i\n"  # line 9
        "[s]: <https://a.example/j\\(k>\n"  # line 10
        "\n"
        "```\n[u]: https://a.example/code\\_x\n```\n"
    )
    urls, warned = urls_and_warnings(body, "backslash")
    # The model reads as CommonMark does: kept in an autolink, an escape in the rest.
    assert urls == [
        "https://a.example/a\\_b",
        "https://a.example/c_d",
        "https://a.example/e\\",
        "https://a.example/h_i",
        "https://a.example/j(k",
    ]
    assert [line for line, _ in warned] == [4, 5, 9, 10]
    assert warned[0][1] == (
        "`<https://a.example/a\\_b>`: Markdown keeps `\\` in the URL as written, the site's "
        "Markdown reads it as an escape, so the page links another URL than the one checked: "
        "write the URL without the backslash"
    )
    assert warned[2][1].startswith("`https://a.example/h\\_i`: Markdown reads the backslash")
    # Why: the site's Python-Markdown reads them the other way round.
    page = markdown.markdown(body)
    for shown in ("a_b", "c_d", "h\\_i", "j\\(k"):
        assert f'href="https://a.example/{shown}"' in page
    assert "https://a.example/e" not in page.replace("&lt;https://a.example/e", "")


def test_a_definition_no_reference_uses_is_no_warning_where_no_link_can_differ() -> None:
    body = "[r]: https://a.example/1\n[R]: https://a.example/2\n\nText\n[q]: https://b.example/\n"
    note, problems = note_and_problems(body)
    assert note.links == [] and problems == []
    _, problems = note_and_problems(body + "\nSee [r] and [Q].\n")
    assert [p.line for p in problems] == [8, 5]  # on a paragraph; defined again
    # A line with more than a title after its "URL" defines nothing, to either reader.
    note, problems = note_and_problems("[r]: https://a.example/1\n\n[r]:fire: and [q]\n")
    assert [link.url for link in note.links] == ["https://a.example/1"] and problems == []


def test_an_items_text_five_columns_past_its_marker_is_a_warning_as_the_site_links_it() -> None:
    body = (
        "-     [a](https://a.example/) five spaces\n"  # line 4
        "\n"
        "1.\t\t[b](https://b.example/) two tabs\n"  # line 6
        "\n"
        "-    [c](https://c.example/) four: text to both\n"
        "\n"
        "Text.\n"
        "\n"
        "    -     [d](https://d.example/) code to both\n"
        "\n"
        "```\n-     [e](https://e.example/) fenced\n```\n"
    )
    urls, warned = urls_and_warnings(body, "past its marker")
    assert urls == ["https://c.example/"]
    assert warned == [
        (
            4,
            "this list item's text starts 5 columns past its marker: Markdown reads it as "
            "code, the site as text, its links too, which no check reads: put one space after "
            "the `-`",
        ),
        (6, warned[1][1]),
    ]
    assert "starts 6 columns" in warned[1][1] and "after the `1.`" in warned[1][1]
    # Why: the site's Python-Markdown takes any run of spaces after a marker.
    page = markdown.markdown(body, extensions=["pymdownx.superfences"])
    assert [u for u in "abcde" if f'href="https://{u}.example/"' in page] == list("abc")


def test_a_reference_to_an_undefined_label_is_a_warning_as_the_site_falls_back() -> None:
    body = (
        "See [the paper][nope] and [the paper][PAPER].\n"  # line 4: `nope` is not defined
        "Over lines: [the paper][no\nsuch label], `[the paper][nope]` in code.\n"  # line 5
        "\n[the paper]: https://a.example/\n[paper]: https://b.example/\n"
    )
    urls, warned = urls_and_warnings(body, "is not defined")
    assert urls == ["https://b.example/"]
    assert warned == [
        (
            4,
            "`[the paper][nope]`: [nope] is not defined, so Markdown shows text, but the site "
            "falls back to [the paper] and links https://a.example/ there, which no check "
            "reads: define [nope], or write `[the paper][]`",
        ),
        (5, warned[1][1]),
    ]
    assert warned[1][1].startswith("`[the paper][no such label]`: [no such label] is not")
    # Why: the site's Python-Markdown links both to the text's own definition.
    page = markdown.markdown(body)
    assert page.count('href="https://a.example/"') == 2


def test_a_link_in_an_abbreviations_definition_is_a_warning_as_the_site_drops_it() -> None:
    body = (
        "*[LR]: learning rate, see [the paper](https://a.example/lr)\n"  # line 4
        "*[SGD]:\n"
        "    stochastic <https://a.example/sgd>\n"  # line 6: the definition goes on
        "\n"
        "Use [LR](https://a.example/ok) *[not]: one [y](https://a.example/y)\n"
        "\n"
        "```\n*[C]: [c](https://a.example/code)\n```\n"
    )
    urls, warned = urls_and_warnings(body, "abbreviation")
    assert urls == [
        "https://a.example/lr",
        "https://a.example/sgd",
        "https://a.example/ok",
        "https://a.example/y",
    ]
    assert warned == [
        (
            4,
            "the link to https://a.example/lr is in the definition of the abbreviation LR, "
            "which the site takes out of the page, so no reader sees what the check reads: "
            "write the link on a line of its own",
        ),
        (6, warned[1][1]),
    ]
    assert "https://a.example/sgd" in warned[1][1] and "abbreviation SGD," in warned[1][1]
    # Why: the site's abbr extension takes the definitions out of the page, links and all.
    page = markdown.markdown(body, extensions=["abbr"])
    assert 'href="https://a.example/lr"' not in page and 'href="https://a.example/sgd"' not in page
    assert 'href="https://a.example/ok"' in page and 'href="https://a.example/y"' in page


def test_an_italic_link_is_no_abbreviation_of_a_definition_blocks_below() -> None:
    # The site reads a block at a time: `*[t](…)* x` then, past a blank line, a `]:` defines
    # no abbreviation "t](…)* x…", so the link stays on the page. In one block it does not.
    apart = "*[t](https://a.example/t)* x\n\nb\n\n- *[u](https://a.example/u)* y\n\n[^1]: note\n"
    together = "*[v](https://a.example/v)* x\n[r]: https://a.example/r\n"
    crlf = apart.replace("\n", "\r\n")  # a blank line ends a block whatever ends its lines
    items = "* *[w](https://a.example/w)* x\n* c [r]: d\n"  # each item is a block of its own
    for body, dropped in ((apart, []), (crlf, []), (items, []), (together, [4])):
        urls, warned = urls_and_warnings(body, "abbreviation")
        assert [line for line, _ in warned] == dropped
        page = markdown.markdown(body, extensions=["abbr"])
        assert [u for u in urls if f'href="{u}"' not in page] == [
            f"https://a.example/{u}" for u in ("v" if dropped else "")
        ]


def test_a_defined_label_right_before_a_links_text_is_a_warning_as_the_site_links_it() -> None:
    # CommonMark takes no `[a]` right before a link label for a shortcut reference; the site,
    # finding no `[b]`, falls back to `[a]`'s definition and links it.
    body = (
        "[a][b](https://b.example/) and [a][b][c]\n"  # line 4
        "\n"
        "[a]: https://a.example/\n"
        "[c]: https://c.example/\n"
    )
    urls, warned = urls_and_warnings(body, "is not defined")
    assert urls == ["https://b.example/", "https://c.example/"]
    assert [(line, message[:8]) for line, message in warned] == [(4, "`[a][b]`")] * 2
    page = markdown.markdown(body)
    assert page.count('href="https://a.example/"') == 2


def test_an_abbreviations_definition_in_a_quote_item_or_definition_is_a_warning_too() -> None:
    body = (
        "> *[AB]: about [q](https://a.example/q)\n"  # line 4
        "\n"
        "- *[CD]: see [l](https://a.example/l)\n"  # line 6
        "\n"
        "Term\n"
        ":   *[EF]: in [d](https://a.example/d)\n"  # line 9
        "\n"
        "- item\n"
        "\n"
        "    *[GH]: below [c](https://a.example/c)\n"  # line 13: the item's own text
        "\n"
        "> 1. *[IJ]: nested [n](https://a.example/n)\n"  # line 15
        "\n"
        "  *[KL]: two spaces in [t](https://a.example/t)\n"  # a paragraph's text to the site
    )
    urls, warned = urls_and_warnings(body, "abbreviation")
    assert urls == [f"https://a.example/{u}" for u in "qldcnt"]
    # An image there is taken out too.
    _, warned_image = urls_and_warnings("*[AB]: d ![i](https://a.example/i.png)\n", "abbrev")
    assert [line for line, _ in warned_image] == [4]
    assert [line for line, _ in warned] == [4, 6, 9, 13, 15]
    # Why: the site reads the blocks in quotes, items and definitions as it reads a note.
    page = markdown.markdown(body, extensions=["abbr", "def_list"])
    assert [u for u in "qldcnt" if f'href="https://a.example/{u}"' in page] == ["t"]
