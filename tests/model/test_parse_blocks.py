"""Admonitions and collapsible blocks: their Markdown is read as Markdown, on its own lines."""

from __future__ import annotations

import markdown
import pytest

from dlnotes.model import Note
from dlnotes.parse.blocks import blocks_as_markdown
from tests.model.helpers import note, note_and_problems

BLOCKS = "\n".join(
    [
        "# Notes",  # line 4: the body starts after three front-matter lines
        "",
        '!!! tip "Read this first"',
        "    Great paper: [Attention](https://arxiv.org/abs/1706.03762) (per Jeremy)",
        "",
        "    More:",
        "    - [In a list](https://in.example/list)",
        "",
        "??? note",
        "    [Folded](https://fold.example/x)",
        "",
        "    ???+ example",  # a block in a block
        "        [Nested](https://nested.example/x)",
        "",
        "[After](https://after.example/)",  # not indented: both blocks are over
        "",
        '???+ "Title only"',
        "\tNormalise the inputs. (per Jeremy)",  # a tab is four spaces
    ]
)


def test_links_tips_and_lists_inside_blocks_are_read() -> None:
    parsed = note(BLOCKS + "\n")
    assert [(link.title, link.location.line) for link in parsed.links] == [
        ("Attention", 7),
        ("In a list", 10),
        ("Folded", 13),
        ("Nested", 16),
        ("After", 18),
    ]
    first = parsed.links[0]
    assert (first.annotation, first.attribution) == (None, "jeremy")
    assert [(tip.text, tip.location.line) for tip in parsed.tips] == [("Normalise the inputs.", 21)]
    assert [(a.line, a.after) for a in parsed.adjoining_lists] == [(10, "text")]


def test_code_that_shows_a_block_is_left_alone() -> None:
    body = "```markdown\n!!! tip\n    [Not a link](https://code.example/)\n```\n"
    assert blocks_as_markdown(body) == body
    assert note(body).links == []
    fenced = '!!! example "In a block"\n    ```\n    !!! tip\n    ```\n'
    assert blocks_as_markdown(fenced) == "<!-- -->\n```\n!!! tip\n```\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_every_line_keeps_its_place_and_ending(newline: str) -> None:
    body = BLOCKS.replace("\n", newline) + newline
    opened = blocks_as_markdown(body)
    assert opened.count(newline) == body.count(newline)
    assert len(opened.splitlines()) == len(body.splitlines())


@pytest.mark.parametrize(
    "line",
    [
        *["!!! tip", "!!!note", "!!! two words", '!!! note "A title"', '??? "Title"', "???+ info"],
        *["!!!", '!!! note "t" extra', "???+", "text !!! tip", " !!! tip", "!!! tip:"],
    ],
)
def test_a_block_opens_where_the_sites_markdown_opens_one(line: str) -> None:
    body = f"{line}\n    [x](https://x.example/)\n"
    html = markdown.markdown(body, extensions=["admonition", "pymdownx.details"])
    opens = "<details" in html or 'class="admonition' in html
    assert (blocks_as_markdown(body) != body) == opens, html


def test_markdown_in_html_elements_is_read_as_the_site_reads_it() -> None:
    body = (
        "Intro\n"
        '<div class="grid cards" markdown>\n'
        "- [Card](https://card.example/) (per Jeremy)\n"
        "- plain\n"
        "</div>\n"
        "<details markdown>\n"
        '<summary>More from <a href="https://summary.example/">the course</a></summary>\n'
        "[Folded](https://fold.example/)\n"
        "</details>\n"
    )
    parsed = note(body)
    assert [(link.title, link.location.line) for link in parsed.links] == [
        ("Card", 6),
        ("the course", 10),  # in the one-line element taken out of the Markdown
        ("Folded", 11),
    ]
    assert parsed.links[0].attribution == "jeremy"
    html = markdown.markdown(body, extensions=["md_in_html"])
    assert html.count("<a href=") == 3  # the site's reading: all are links


@pytest.mark.parametrize(
    "line",
    [
        *["<div markdown>", '<div markdown="1">', "<div class='x' markdown id=y>"],
        *['<section markdown="block">', "<DIV MARKDOWN>"],
        *["<div>", "  <div markdown>", '<div data-markdown="1">', "<div markdown> text"],
    ],
)
def test_an_element_opens_where_md_in_html_opens_one(line: str) -> None:
    tag = line.strip()[1:].split()[0].rstrip(">").lower()
    body = f"{line}\n[x](https://x.example/)\n</{tag}>\n"
    html = markdown.markdown(body, extensions=["md_in_html"])
    opens = '<a href="https://x.example/">' in html
    assert (blocks_as_markdown(body) != body) == opens, html
    assert len(blocks_as_markdown(body).splitlines()) == len(body.splitlines())


def test_a_quote_admonition_is_a_quote() -> None:
    body = (
        "!!! quote\n"  # line 4
        "    Start simple.\n"
        "\n"
        "    Then grow, one [step](https://step.example/) at a time.\n"
        "\n"
        "    — Jeremy\n"
        "\n"
        '??? cite "From the course"\n'  # line 11
        "    Look at your data.\n"
        "\n"
        "!!! tip\n"
        "    Not a quote. (per Jeremy)\n"
    )
    parsed = note(body)
    assert [(q.text, q.source, q.location.line) for q in parsed.quotes] == [
        ("Start simple.\n\nThen grow, one step at a time.", "jeremy", 5),
        ("Look at your data.", None, 12),
    ]
    assert [(link.title, link.location.line) for link in parsed.links] == [("step", 7)]
    assert [tip.text for tip in parsed.tips] == ["Not a quote."]
    html = markdown.markdown(body, extensions=["admonition", "pymdownx.details"])
    assert html.count('class="admonition quote"') == 1 and '<details class="cite">' in html


def test_a_quote_admonition_titled_with_a_name_has_that_source() -> None:
    body = (
        '!!! quote "Jeremy Howard"\n'  # line 4: the title names someone people.yml knows
        "    Start simple.\n"
        "\n"
        '???+ quote "Jeremey"\n'  # line 7: an alias
        "\n"
        "    Look at your data.\n"
        "\n"
        '!!! quote "Jeremy"\n'  # line 11: the source line says more than the title
        "    Ship it.\n"
        "\n"
        "    — fast.ai\n"
        "\n"
        '!!! quote "On overfitting"\n'  # line 16: a title that names no one
        "    More data.\n"
    )
    parsed, problems = note_and_problems(body)
    assert [(q.text, q.source, q.location.line) for q in parsed.quotes] == [
        ("Start simple.", "jeremy", 5),
        ("Look at your data.", "jeremy", 8),
        ("Ship it.", "fast.ai", 12),
        ("More data.", None, 17),
    ]
    assert problems == []  # "On overfitting" is not taken for an unknown person


def test_items_numbered_with_a_parenthesis_are_known_by_their_lines() -> None:
    body = (
        "1) first\n"  # line 4
        "2) second\n"
        "\n"
        "```\n"
        "3) in code, no item\n"
        "```\n"
        "> 1) quoted\n"  # line 10
        "- a\n"
        "  1) nested\n"  # line 12
        "1. a dot\n"
        "Ends at 1) mid-line\n"
    )
    assert note(body).paren_items == (4, 5, 10, 12)
    assert note("1. one\n2. two\n").paren_items == ()


def test_elements_left_open_around_markdown_are_known_by_line_and_tag() -> None:
    body = (
        "<details><summary>More</summary>\n"  # line 4: left open, Markdown follows
        "\n"
        "- [a](https://a.example/)\n"
        "\n"
        "</details>\n"
        "\n"
        '<div class="note" markdown>\n'  # marked already: md_in_html reads it
        "\n"
        "[b](https://b.example/)\n"
        "\n"
        "</div>\n"
        "\n"
        "<div><p>closed on its line</p></div>\n"
        "\n"
        "<section>\n"  # never closed: the site would keep the rest of the note as HTML
        "\n"
        "[c](https://c.example/)\n"
        "\n"
        "```\n"
        "<details>\n"
        "```\n"
    )
    parsed = note(body)
    # Marked too, so md_in_html reads the rest of the note inside it, as a browser does.
    assert parsed.open_elements == ((4, "details"), (18, "section"))
    assert [link.url for link in parsed.links] == [
        "https://a.example/",
        "https://b.example/",
        "https://c.example/",
    ]


def read_as_the_site_reads(body: str, extensions: list[str]) -> Note:
    """The note of `body`, once checked to link what the site's Markdown, with `extensions`,
    links, and to read no link in what it shows as code (`code.example`); line for line."""
    parsed = note(body)
    html = markdown.markdown(body, extensions=extensions)
    assert all(f'<a href="{link.url}">' in html for link in parsed.links)
    assert '<a href="https://code.example' not in html
    assert len(blocks_as_markdown(body).splitlines()) == len(body.splitlines())
    return parsed


def test_blocks_that_go_on_a_definition_are_read_as_the_site_reads_them() -> None:
    # Material's own definition-list example: the second paragraph is indented by four.
    body = (
        "`Cyclic learning rates`\n"
        "\n"
        ":   Vary the rate: [the paper](https://arxiv.org/abs/1506.01186).\n"  # line 6
        "\n"
        "    Then [the post](https://post.example/) (per Jeremy).\n"  # line 8
        "\n"
        "        [Code in it](https://code.example/indented)\n"
        "\n"
        "    - [In a list](https://list.example/)\n"  # line 12
        "\n"
        "Term\n"
        ":   first\n"
        ":   second\n"
        "\n"
        "\t[After a tab](https://tab.example/)\n"  # line 18
        "\n"
        "    [Still in it](https://still.example/)\n"  # line 20
        "\n"
        "Not indented: the list is over.\n"
        "\n"
        "    [Code](https://code.example/top)\n"
    )
    parsed = read_as_the_site_reads(body, ["def_list"])
    assert [(link.title, link.location.line) for link in parsed.links] == [
        ("the paper", 6),
        ("the post", 8),
        ("In a list", 12),
        ("After a tab", 18),
        ("Still in it", 20),
    ]
    assert parsed.links[1].attribution == "jeremy"


def test_blocks_that_go_on_a_definition_in_a_quote_are_read_as_the_site_reads_them() -> None:
    body = (
        "> Term\n"
        "> :   first\n"
        ">\n"
        ">     [In it](https://in.example/)\n"  # line 7
        "\n"
        "    [Code](https://code.example/after)\n"
    )
    parsed = read_as_the_site_reads(body, ["def_list"])
    assert [(link.title, link.location.line) for link in parsed.links] == [("In it", 7)]


def test_a_lazy_line_under_a_definition_keeps_the_blocks_after_it_in_the_definition() -> None:
    # pandoc wraps a definition at 72 columns, its next line at the margin: def_list goes on
    # with the definition's paragraph, and with the blocks indented by four after it.
    body = (
        "Term\n"
        ":   A definition wrapped\n"
        "at the margin\n"
        "\n"
        "    [In it](https://in.example/)\n"  # line 8
        "\n"
        "Other\n"
        ":   one\n"
        ":   two\n"  # another definition: no lazy line
        "\n"
        "    [In two](https://two.example/)\n"  # line 14
    )
    parsed = read_as_the_site_reads(body, ["def_list"])
    assert [(link.title, link.location.line) for link in parsed.links] == [
        ("In it", 8),
        ("In two", 14),
    ]


@pytest.mark.parametrize(
    "lines",
    [
        ["Term", ": one space"],
        ["Term", "   :   indented"],
        ["Term", "", ":   after a blank line"],
        ["## A heading", ":   after it"],
        [":   first in the note"],
        ["Term", ":no space"],
        ["Term", ":    four spaces"],
        ["Term", ":\ta tab"],
    ],
)
def test_a_definition_opens_where_def_list_opens_one(lines: list[str]) -> None:
    body = "\n".join([*lines, "", "    [x](https://x.example/)", ""])
    html = markdown.markdown(body, extensions=["def_list"])
    opens = "<dd>" in html
    assert (blocks_as_markdown(body) != body) == opens, html
    assert ('<a href="https://x.example/">' in html) == opens


def test_blocks_indented_after_a_details_element_go_on_it_as_on_the_site() -> None:
    body = (
        "<details markdown>\n"
        "<summary>More</summary>\n"
        "\n"
        "[Inside](https://in.example/)\n"
        "\n"
        "</details>\n"
        "\n"
        "    [Still in it](https://still.example/)\n"  # line 11
        "\n"
        "\t- [A tab](https://tab.example/)\n"  # line 13
        "\n"
        "Not indented: the element is over.\n"
        "\n"
        "    [Code](https://code.example/)\n"
    )
    parsed = read_as_the_site_reads(body, ["md_in_html", "pymdownx.details"])
    assert [(link.title, link.location.line) for link in parsed.links] == [
        ("Inside", 7),
        ("Still in it", 11),
        ("A tab", 13),
    ]


def test_the_title_of_an_admonition_or_a_collapsible_block_is_read_as_the_site_reads_it() -> None:
    # Both extensions put the title in the page and read it as Markdown: its links show.
    body = (
        '!!! tip "See [the paper](https://title.example/paper) first"\n'  # line 4
        "\n"
        "    Then [the post](https://post.example/).\n"
        "\n"
        '??? note "A <a href="https://html.example/">tag</a> and <https://auto.example/>"\n'
        "    [Inside](https://inside.example/)\n"
        "\n"
        '!!! quote "[Jeremy Howard](https://course.example/)"\n'  # line 11: its source
        "\n"
        "    Train it, then look at the data.\n"
        "\n"
        '!!! note ""\n'
        "    [No title](https://none.example/)\n"
        "\n"
        '!!! note "By [reference][ref], defined below"\n'  # line 18
        "\n"
        "[ref]: https://ref.example/\n"
    )
    parsed = read_as_the_site_reads(body, ["admonition", "pymdownx.details"])
    assert [(link.url, link.location.line) for link in parsed.links] == [
        ("https://title.example/paper", 4),
        ("https://post.example/", 6),
        ("https://html.example/", 8),
        ("https://auto.example/", 8),
        ("https://inside.example/", 9),
        ("https://course.example/", 11),
        ("https://none.example/", 16),
        ("https://ref.example/", 18),
    ]
    assert parsed.links[0].title == "the paper"
    assert [quote.source for quote in parsed.quotes] == ["jeremy"]


def test_a_fence_that_opens_after_a_list_marker_closes_where_the_site_closes_it() -> None:
    # Its closing line alone looked like a fence that opened: every block below was code.
    body = (
        "- ```\n"
        "  [c](https://code.example/in-a-fence)\n"
        "  ```\n"
        "- [An item](https://item.example/)\n"
        "\n"
        '!!! note "See [the title](https://title.example/)"\n'  # line 9
        "\n"
        "    [Inside](https://inside.example/)\n"
    )
    parsed = read_as_the_site_reads(body, ["admonition", "pymdownx.superfences"])
    assert [(link.url, link.location.line) for link in parsed.links] == [
        ("https://item.example/", 7),
        ("https://title.example/", 9),
        ("https://inside.example/", 11),
    ]


def test_a_markdown_element_closed_on_its_own_line_leaves_no_element_open() -> None:
    # It had stayed open: a later one-line element was then taken for raw HTML inside it.
    body = (
        "<span markdown>[a](https://a.example/) on one line</span>\n"
        "\n"
        '<div markdown="1">[b](https://b.example/)</div>\n'
        "\n"
        "<span>[c](https://c.example/)</span>\n"  # line 8
    )
    parsed = read_as_the_site_reads(body, ["md_in_html"])
    assert [(link.url, link.location.line) for link in parsed.links] == [
        ("https://a.example/", 4),
        ("https://b.example/", 6),
        ("https://c.example/", 8),
    ]


def test_an_admonition_inside_a_list_item_is_read_as_the_site_reads_it() -> None:
    # Python-Markdown opens one indented as the item's text (the page moves an item's lines
    # to its indent of four first); CommonMark reads its body as code inside the item.
    body = (
        "1. [Step two](https://two.example/)\n"  # line 4
        "\n"
        '    ??? tip "See [the title](https://title.example/)"\n'  # line 6
        "\n"
        "        [Tip](https://tip.example/)\n"  # line 8
        "\n"
        "        - [Nested](https://nested.example/)\n"  # line 10
        "\n"
        "            [Deeper](https://deeper.example/)\n"  # line 12: the nested item's text
        "\n"
        "Not in a list:\n"
        "\n"
        "    !!! note\n"  # code to both
        "\n"
        "        [Code](https://code.example/)\n"
    )
    parsed = read_as_the_site_reads(body, ["admonition", "pymdownx.details"])
    assert [(link.url, link.location.line) for link in parsed.links] == [
        ("https://two.example/", 4),
        ("https://title.example/", 6),
        ("https://tip.example/", 8),
        ("https://nested.example/", 10),
        ("https://deeper.example/", 12),
    ]


def test_an_admonition_inside_a_blockquote_is_read_as_the_site_reads_it() -> None:
    # Python-Markdown reads a quote's lines as a note's, blocks and all; CommonMark reads the
    # body, indented past a blank `>` line, as code inside the quote.
    body = (
        "> !!! note\n"
        ">\n"
        ">     Also [t](https://t.example/).\n"  # line 6
        "\n"
        '> > ??? warning "See [w](https://w.example/)"\n'  # line 8
        "> >\n"
        "> >     See <https://q.example/>\n"  # line 10
        "\n"
        "```\n"
        "> !!! note\n"
        ">\n"
        ">     [Code](https://code.example/)\n"
        "```\n"
    )
    site = ["admonition", "pymdownx.details", "pymdownx.superfences"]
    parsed = read_as_the_site_reads(body, site)
    assert [(link.url, link.location.line) for link in parsed.links] == [
        ("https://t.example/", 6),
        ("https://w.example/", 8),
        ("https://q.example/", 10),
    ]
