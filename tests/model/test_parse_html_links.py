"""Links and images written as raw HTML are links like any other: lychee reads them, and the
site shows them as written."""

from __future__ import annotations

from dlnotes.model import LinkKind
from dlnotes.parse.htmllinks import srcset_urls
from tests.model.helpers import note, note_and_problems


def test_an_html_link_takes_the_conventions_of_a_markdown_link() -> None:
    tail = " on regularisation (per Jeremy)\n"
    (html,) = note('Read <a href="https://a.test/paper.pdf">the paper</a>' + tail).links
    (markdown,) = note("Read [the paper](https://a.test/paper.pdf)" + tail).links
    assert html == markdown
    assert (html.title, html.location.line, html.kind) == ("the paper", 4, LinkKind.PAPER)
    assert (html.annotation, html.attribution) == ("on regularisation", "jeremy")


def test_an_html_block_gives_its_links_and_images_at_their_lines() -> None:
    parsed = note(
        "Before.\n"
        "\n"
        '<p align="center">\n'
        '  <a href="https://b.test/?a=1&amp;b=2"><img src="https://b.test/logo.png" alt="Logo">'
        "</a>\n"
        '  <a name="top">no href</a> <a href="https://c.test/">C\n'
        "  site</a>\n"
        "</p>\n"
    )
    assert [(link.url, link.title, link.location.line) for link in parsed.links] == [
        ("https://b.test/?a=1&b=2", "Logo", 7),  # entities decoded; an image link's alt
        ("https://c.test/", "C site", 8),
    ]
    assert [(image.url, image.alt, image.location.line) for image in parsed.images] == [
        ("https://b.test/logo.png", "Logo", 7)
    ]


def test_an_attributes_references_are_read_as_a_browser_reads_them() -> None:
    # OpenReview's `&noteId=`: a legacy name with no `;` (`&not`) before a letter stays as
    # written in an attribute, where html.parser would decode it as in text.
    parsed = note(
        '<a href="https://openreview.example/forum?id=1&noteId=2">paper</a>\n'
        '<a href="https://a.example/?x=1&amp;y=2&not;z">a</a>\n'
        "<img src='https://i.example/?a&not=1&lt' alt=\"&not b\">\n"
    )
    assert [link.url for link in parsed.links] == [
        "https://openreview.example/forum?id=1&noteId=2",
        "https://a.example/?x=1&y=2\u00acz",
    ]
    assert [(image.url, image.alt) for image in parsed.images] == [
        ("https://i.example/?a&not=1<", "\u00ac b")
    ]


def test_embedded_media_are_held_with_the_images_as_the_page_loads_them() -> None:
    parsed = note(
        '<iframe src="https://www.youtube.com/embed/abc" title="Lecture 1"></iframe>\n'
        "\n"
        'Watch <video controls src="https://v.test/a.mp4" poster="https://v.test/a.jpg"></video>\n'
        "\n"
        "<audio controls>\n"
        '  <source src="https://v.test/b.ogg" type="audio/ogg">\n'
        '  <track src="https://v.test/b.vtt">\n'
        "</audio>\n"
        "\n"
        'See <embed src="https://v.test/c.pdf"> and `<iframe src="https://code.test/">`\n'
        "\n"
        '<object data="https://v.test/d.pdf" type="application/pdf"></object>\n'
    )
    assert parsed.links == []
    assert [(image.url, image.alt, image.location.line) for image in parsed.images] == [
        ("https://www.youtube.com/embed/abc", "Lecture 1", 4),  # its title says what it is
        ("https://v.test/a.mp4", "", 6),
        ("https://v.test/a.jpg", "", 6),
        ("https://v.test/b.ogg", "", 9),
        ("https://v.test/b.vtt", "", 10),
        ("https://v.test/c.pdf", "", 13),
        ("https://v.test/d.pdf", "", 15),
    ]


def test_each_image_of_a_srcset_is_held_as_lychee_reads_it() -> None:
    # A README's picture for dark and light themes, and an image at two densities.
    parsed = note(
        "<picture>\n"
        '  <source media="(prefers-color-scheme: dark)" srcset="https://i.test/dark.png">\n'
        '  <img alt="Logo" src="https://i.test/light.png">\n'
        "</picture>\n\n"
        'Plot <img src="https://i.test/p.png" srcset="https://i.test/p,1.png 1x, '
        'https://i.test/p2.png 2x" alt="Plot">\n'
    )
    assert [(image.url, image.location.line) for image in parsed.images] == [
        ("https://i.test/dark.png", 5),
        ("https://i.test/light.png", 6),
        ("https://i.test/p.png", 9),
        ("https://i.test/p,1.png", 9),  # a comma inside a URL is the URL's
        ("https://i.test/p2.png", 9),
    ]


def test_a_srcset_splits_as_a_browser_splits_it() -> None:
    assert srcset_urls("a.png, b.png 2x,c.png 480w (x, y), d.png,, e.png,") == [
        "a.png",
        "b.png",
        "c.png",
        "d.png",
        "e.png",
    ]


def test_html_inside_lists_and_quotes_keeps_document_order() -> None:
    parsed = note(
        "- [first](https://1.test/)\n"
        "- second\n"
        "\n"
        "  <div><a href='https://2.test/'>two</a></div>\n"
        "- [third](https://3.test/) and <a href='https://4.test/'>four</a>\n"
        "\n"
        "> <a href=https://5.test/>five</a>\n"
    )
    urls = [(link.url, link.location.line) for link in parsed.links]
    assert urls == [
        ("https://1.test/", 4),
        ("https://2.test/", 7),
        ("https://3.test/", 8),
        ("https://4.test/", 8),
        ("https://5.test/", 10),
    ]


def test_a_refused_or_empty_html_link_is_an_error() -> None:
    _, problems = note_and_problems(
        "<a href=\"javascript:alert(1)\">x</a>\n\n<a href='https://e.test/'></a>\n"
    )
    errors = [(p.line, p.message) for p in problems if p.severity == "error"]
    assert errors[0][0] == 4 and "`javascript:`" in errors[0][1]
    assert errors[1][0] == 6 and "has no text" in errors[1][1]


def test_an_html_link_to_a_note_warns_that_the_site_would_miss_it() -> None:
    _, problems = note_and_problems(
        '<a href="other.md#setup">setup</a> and [the same](other.md#setup) in Markdown;\n'
        '<a href="https://x.test/a.md">a file elsewhere</a>\n'
    )
    warnings = [(p.line, p.message) for p in problems if p.severity == "warning"]
    assert len(warnings) == 1
    line, message = warnings[0]
    assert line == 4 and "HTML link to a note (other.md#setup)" in message
    assert "write [setup](other.md#setup)" in message


def test_html_without_links_adds_nothing() -> None:
    parsed = note(
        "<div class='x'>\n<b>bold</b> <!-- a comment <a href='https://no.test/'> -->\n</div>\n"
    )
    assert parsed.links == [] and parsed.images == []


def test_a_link_made_of_an_image_says_what_the_image_says() -> None:
    # A reader sees the image: such a link has text, its image's alt or else its file's name.
    parsed, problems = note_and_problems(
        '<a href="https://a.test/"><img src="https://img.test/build%20status.svg"></a>\n\n'
        "[![](https://img.test/badge.png?style=flat)](https://b.test/)\n\n"
        '[![Coverage](https://img.test/c.svg)](https://c.test/) and text <a href="https://d.test/">'
        '<img src="https://img.test/d.png" alt="Docs"></a>\n'
    )
    assert [p for p in problems if p.severity == "error"] == []
    assert [(link.url, link.title) for link in parsed.links] == [
        ("https://a.test/", "build status.svg"),
        ("https://b.test/", "badge.png"),
        ("https://c.test/", "Coverage"),
        ("https://d.test/", "Docs"),
    ]
    # The images keep their own alt text, empty or not.
    assert [image.alt for image in parsed.images] == ["", "", "Coverage", "Docs"]


def test_an_href_with_spaces_around_its_url_is_the_url_a_browser_follows() -> None:
    # Dropbox Paper and RSS readers write `href=" https://…"`; a browser strips the spaces,
    # the checker must too, or the link it lists is one nothing can fetch.
    parsed = note(
        '<p>Read <a href=" https://a.test/lead-space">this</a></p>\n\n'
        'Text <a href="\nhttps://b.test/lead-newline">that</a> and '
        '<a href="&#32;https://c.test/entity&#10;">this</a>.\n'
    )
    assert [link.url for link in parsed.links] == [
        "https://a.test/lead-space",
        "https://b.test/lead-newline",
        "https://c.test/entity",
    ]
    assert all(link.is_external for link in parsed.links)
