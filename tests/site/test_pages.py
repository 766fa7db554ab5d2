"""The pages module on small in-memory knowledge bases: no MkDocs, just model in, text out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from dlnotes.linkcheck.result import CheckResult, Health, Verdict
from dlnotes.model import (
    Checklist,
    ChecklistItem,
    Heading,
    Image,
    KnowledgeBase,
    Link,
    LinkKind,
    Location,
    Note,
    Person,
    Quote,
    Tip,
)
from dlnotes.pages import (
    TABLE_MARKER,
    Connections,
    checklists_as_tasks,
    decorate_links,
    quote_sources,
    render_connections,
    render_health_lists,
    render_health_page,
    render_links_page,
    render_links_table,
    render_people_lists,
    render_people_page,
    status_of,
)
from dlnotes.pages.people import person_marker
from dlnotes.pages.status import WAYBACK_SEARCH
from tests.site.project import links_rows

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
VIDEO = "https://www.youtube.com/watch?v=abc"
PAPER = "https://arxiv.org/pdf/1.pdf"
PEOPLE = {
    "jeremy": Person("jeremy", "Jeremy Howard", ("Jeremy",)),
    "mly": Person("mly", "Machine Learning Yearning", kind="source"),
}


def _url(path: str, anchor: str | None = None) -> str:
    return f"../{path.removesuffix('.md')}/" + (f"#{anchor}" if anchor else "")


def _link(url: str, title: str, line: int, file: str = "notes/a.md", **kw: object) -> Link:
    return Link(url=url, title=title, location=Location(file, line), **kw)


def _kb() -> KnowledgeBase:
    a = Note(
        path="a.md",
        title="Alpha",
        tags=("dl", "video"),
        headings=[Heading("Alpha", 1, "alpha", 5), Heading("Videos", 2, "videos", 7)],
        links=[
            _link(VIDEO, "A video", 9, kind=LinkKind.VIDEO, attribution="jeremy"),
            _link(PAPER, "A paper", 10, kind=LinkKind.PAPER),
            _link(VIDEO, "The video again", 11, kind=LinkKind.VIDEO),
            _link("b.md#more", "Beta", 12, kind=LinkKind.NOTE),
        ],
        tips=[Tip("Standardise inputs.", Location("notes/a.md", 6), attribution="jeremy")],
    )
    b = Note(
        path="b.md",
        title="Beta",
        tags=("dl",),
        headings=[Heading("Beta", 1, "beta", 5), Heading("More", 2, "more", 7)],
        links=[_link(PAPER, "Same paper", 9, "notes/b.md", kind=LinkKind.PAPER)],
        quotes=[Quote("Choose well.", Location("notes/b.md", 11), source="mly")],
        checklists=[
            Checklist(
                "Steps",
                (ChecklistItem("Add data", 14), ChecklistItem("Augment", 15)),
                Location("notes/b.md", 13),
                source="mly",
            )
        ],
    )
    c = Note(path="sub/c.md", title="Gamma", tags=("other",))
    return KnowledgeBase([a, b, c], dict(PEOPLE))


def _dead(url: str, archive: str | None = "https://web.archive.org/web/2020/x") -> CheckResult:
    return CheckResult(
        url=url,
        status=Verdict.BROKEN,
        code=404,
        checked_at=NOW,
        health=Health.DEAD,
        first_failure=NOW - dt.timedelta(days=9),
        archive_url=archive,
    )


def test_links_page_has_one_row_per_distinct_url_with_every_place() -> None:
    kb = _kb()
    rows = links_rows(render_links_table(kb, {}, _url))
    assert [row.status for row in rows] == ["unchecked", "unchecked"]
    video, paper = ("".join(row.cells) for row in rows)
    assert 'href="../a/#videos">Alpha › Videos</a>' in video
    assert video.count("Alpha › Videos") == 1  # twice under one heading is one place
    assert ">Jeremy Howard</span>" in video
    assert 'href="../a/#videos"' in paper and 'href="../b/#more">Beta › More</a>' in paper
    assert "dl-kind--paper" in paper
    markdown = render_links_page(kb)
    assert "2 URLs" in markdown
    assert TABLE_MARKER in markdown and "<table" not in markdown
    assert "search:\n  exclude: true" in markdown


def test_links_page_data_cannot_end_its_script() -> None:
    title = "</script><script>alert(1)</script><!--"
    note = Note(path="a.md", title="A", links=[_link("https://x.org/?a=1&b=<2>", title, 3)])
    page = render_links_table(KnowledgeBase([note]), {}, _url)
    script = page[page.index('<script type="application/json"') :]
    assert script.count("</script>") == 1 and "<!--" not in script
    [row] = links_rows(page)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in row.cells[0]
    assert 'href="https://x.org/?a=1&amp;b=&lt;2&gt;"' in row.cells[0]


def test_status_reads_health_before_the_verdict() -> None:
    link = _link(VIDEO, "v", 1)
    assert status_of(link, {}).label == "not checked"
    dead = status_of(link, {link.normalized: _dead(link.normalized)})
    assert dead.is_dead and dead.archive_url == "https://web.archive.org/web/2020/x"
    no_archive = status_of(link, {link.normalized: _dead(link.normalized, archive=None)})
    assert no_archive.archive_url and no_archive.archive_url.startswith(
        "https://web.archive.org/web/*/"
    )
    blocked = CheckResult(url=link.normalized, status=Verdict.BLOCKED, code=999, checked_at=NOW)
    assert status_of(link, {link.normalized: blocked}).label == "could not verify"
    assert status_of(_link("b.md", "b", 1), {}).key == "internal"


def test_decorate_marks_dead_links_and_pairs_anchors_in_order() -> None:
    kb = _kb()
    note = kb.notes[0]
    html = (
        f'<li><a href="{VIDEO}">A video</a> by Jeremy</li>\n'
        f'<li><a href="{PAPER}" title="pdf">A paper</a></li>\n'
        f'<li><a href="{VIDEO}">The video again</a></li>\n'
        '<li><a href="../b/#more">Beta</a></li>\n'
        '<h2 id="x">X<a class="headerlink" href="#x">¶</a></h2>'
    )
    results = {normalize(VIDEO): _dead(normalize(VIDEO))}
    out = decorate_links(html, note, results, kb.people)
    first, second, third, fourth, heading = out.split("\n")
    assert first.startswith(
        f'<li><a href="{VIDEO}" class="dl-link dl-link--dead" data-kind="video"'
        ' data-domain="youtube.com">A video</a><span class="dl-meta">'
    )
    assert ">Jeremy Howard</span>" in first and "dl-status--dead" in first
    assert 'class="dl-archive" href="https://web.archive.org/web/2020/x"' in first
    assert second == (
        f'<li><a href="{PAPER}" class="dl-link dl-link--unchecked" data-kind="paper"'
        ' data-domain="arxiv.org" title="pdf">A paper</a></li>'
    )
    assert "dl-status--dead" in third and "Jeremy" not in third  # the second copy: no chip
    assert fourth == '<li><a href="../b/#more">Beta</a></li>'
    assert heading.endswith('href="#x">¶</a></h2>')


def test_decorate_keeps_the_classes_a_note_gave_its_link() -> None:
    note = Note(path="a.md", title="A", links=[_link(PAPER, "p", 3, kind=LinkKind.PAPER)])
    out = decorate_links(f'<a href="{PAPER}" class="big">p</a>', note, {}, {})
    assert out.count("class=") == 1
    assert 'class="dl-link dl-link--unchecked big"' in out
    assert 'data-kind="paper"' in out


def test_decorate_leaves_a_tag_a_browser_reads_as_no_anchor() -> None:
    # `<a\xa0href=…>` (a no-break space pasted into an exported list) is no `<a>` to a
    # browser: decorated, it became one, a link the model does not hold.
    note = Note(path="a.md", title="A", links=[_link(PAPER, "p", 3, kind=LinkKind.PAPER)])
    html = f'<li><a\xa0href="{PAPER}">x</a></li>\n<a href="{PAPER}">p</a>'
    odd, real = decorate_links(html, note, {}, {}).split("\n")
    assert odd == f'<li><a\xa0href="{PAPER}">x</a></li>'
    assert real.startswith(f'<a href="{PAPER}" class="dl-link dl-link--unchecked"')


def test_decorate_reads_anchors_written_as_html() -> None:
    links = [_link(PAPER, "p", 3, kind=LinkKind.PAPER), _link(VIDEO, "v", 4, kind=LinkKind.VIDEO)]
    note = Note(path="a.md", title="A", links=links)
    html = (
        f"<a target=_blank class='big' href='{PAPER}'>p</a>\n"
        f'<a href={VIDEO} title="v">v</a>\n'
        '<a name="top">no href</a> <abbr title="x">X</abbr>'
    )
    results = {normalize(VIDEO): _dead(normalize(VIDEO))}
    paper, video, other = decorate_links(html, note, results, {}).split("\n")
    assert paper.startswith(
        f'<a href=\'{PAPER}\' data-kind="paper" data-domain="arxiv.org" target=_blank'
        " class='dl-link dl-link--unchecked big'>p</a>"
    )
    assert video.startswith(f'<a href={VIDEO} class="dl-link dl-link--dead" data-kind="video"')
    assert 'title="v">v</a><span class="dl-meta">' in video
    assert other == '<a name="top">no href</a> <abbr title="x">X</abbr>'


def test_decorate_reads_an_href_as_the_model_and_a_browser_do() -> None:
    # `&noteId` stays as written in an attribute; `&amp;` (Python-Markdown's) is decoded.
    review = "https://openreview.example/forum?id=1&noteId=2"
    paper = "https://a.example/?x=1&y=2"
    note = Note(path="a.md", title="A", links=[_link(review, "r", 3), _link(paper, "p", 4)])
    html = f'<a href="{review}">r</a>\n<a href="https://a.example/?x=1&amp;y=2">p</a>'
    assert decorate_links(html, note, {}, {}).count('class="dl-link') == 2


def normalize(url: str) -> str:
    return _link(url, "", 1).normalized


def test_quote_sources_follow_the_quotes_that_do_not_name_them() -> None:
    kb = _kb()
    note = kb.notes[1]
    html = "<blockquote>\n<p>Choose well.</p>\n</blockquote>"
    out = quote_sources(html, note, kb.people)
    assert out.endswith('<p class="dl-source">— Machine Learning Yearning</p>\n</blockquote>')
    named = "<blockquote>\n<p>Choose well. — Machine Learning Yearning</p>\n</blockquote>"
    assert quote_sources(named, note, kb.people) == named
    # Named with markup in the way: emphasis, a link, an entity.
    marked = named.replace("Machine Learning", "<em>Machine</em> <a href='/m'>Learning</a>")
    assert quote_sources(marked, note, kb.people) == marked
    amp = named.replace("Learning", "&#76;earning")
    assert quote_sources(amp, note, kb.people) == amp
    two = html + html  # the counts differ from the model: leave the page alone
    assert quote_sources(two, note, kb.people) == two


@pytest.mark.parametrize(
    "written",
    [
        "<p>Choose well.\n— Machine Learning Yearning</p>",  # under the text's last line
        "<p>Choose well.</p>\n<p>— <em>Machine Learning</em> Yearning</p>",  # its own paragraph
    ],
)
def test_a_source_the_quote_names_on_its_last_line_is_shown_as_the_added_ones(
    written: str,
) -> None:
    kb = _kb()
    out = quote_sources(f"<blockquote>\n{written}\n</blockquote>", kb.notes[1], kb.people)
    assert out.startswith('<blockquote>\n<p>Choose well.</p>\n<p class="dl-source">— ')
    assert out.endswith("Yearning</p>\n</blockquote>")
    assert out.count("Yearning") == 1
    dash = "<blockquote>\n<p>Choose well, Machine Learning Yearning.\n— or not</p>\n</blockquote>"
    assert quote_sources(dash, kb.notes[1], kb.people) == dash  # a dash that names no one


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ('<div class="admonition quote">\n<p class="admonition-title">Quote</p>', "</div>"),
        ('<details class="cite" open="open">\n<summary>Cite</summary>', "</details>"),
    ],
)
def test_quote_sources_follow_quote_admonitions_too(opening: str, closing: str) -> None:
    kb = _kb()
    note = kb.notes[1]
    html = f"{opening}\n<p>Choose well.</p>\n{closing}"
    out = quote_sources(html, note, kb.people)
    assert out.endswith(f'<p class="dl-source">— Machine Learning Yearning</p>\n{closing}')
    tip = '<div class="admonition tip">\n<p>Choose well.</p>\n</div>'
    assert quote_sources(tip, note, kb.people) == tip  # not a quote: nothing to pair


def test_a_quote_admonition_titled_with_its_source_gets_no_second_one() -> None:
    kb = _kb()
    titled = (  # `!!! quote "Machine Learning Yearning"`
        '<div class="admonition quote">\n'
        '<p class="admonition-title">Machine Learning Yearning</p>\n'
        "<p>Choose well.</p>\n</div>"
    )
    assert quote_sources(titled, kb.notes[1], kb.people) == titled


def test_checklist_items_become_tasks_at_their_lines() -> None:
    note = _kb().notes[1]
    body = "# Beta\n\n## More\n\nSome text\n\n## Steps\n\n1. Add data\n2. Augment\n3. Other\n"
    out = checklists_as_tasks(body, note, first_line=6).split("\n")
    assert out[8:11] == ["1. [ ] Add data", "2. [ ] Augment", "3. Other"]
    again = checklists_as_tasks("\n".join(out), note, first_line=6)
    assert again == "\n".join(out)  # an item that is already a task is left alone


def test_people_page_lists_everything_attributed_with_its_place() -> None:
    kb = _kb()
    page = render_people_page(kb)
    assert page.index("## Jeremy Howard { #jeremy }") < page.index("## Machine Learning")
    assert "person · 2 items" in page
    assert "search:\n  exclude: true" in page
    lists = render_people_lists(kb, _url)
    assert set(lists) == {person_marker("jeremy"), person_marker("mly")}
    assert all(marker in page for marker in lists)
    jeremy = lists[person_marker("jeremy")]
    assert f'<a href="{VIDEO}">A video</a> — <a href="../a/#videos">Alpha › Videos</a>' in jeremy
    assert 'tip</span> Standardise inputs. — <a href="../a/">Alpha</a>' in jeremy
    mly = lists[person_marker("mly")]
    assert 'Steps (2 steps) — <a href="../b/#more">Beta › More</a>' in mly
    assert "<em>Choose well.</em>" in mly


def test_people_page_without_attributions_says_so() -> None:
    kb = KnowledgeBase([Note(path="a.md", title="A")])
    assert "Nothing in the notes is attributed" in render_people_page(kb)
    assert render_people_lists(kb, _url) == {}


def test_health_page_with_an_empty_cache_says_how_to_check() -> None:
    page = render_health_page(_kb(), {})
    assert "No link check has run yet" in page
    assert "dlnotes check" in page
    assert "<table" not in page


def test_health_page_counts_and_lists_dead_links_with_first_failure() -> None:
    kb = _kb()
    dead = _dead(normalize(PAPER))
    ok = CheckResult(url=normalize(VIDEO), status=Verdict.OK, code=200, checked_at=NOW)
    results = {dead.url: dead, ok.url: ok}
    page = render_health_page(kb, results)
    assert "2 distinct external URLs" in page
    assert "last refreshed **2026-11-24 12:00 UTC**" in page
    lists = render_health_lists(kb, results, _url)
    assert list(lists) == ["<!-- dlnotes:health:dead -->"]
    assert "<table" not in page  # the lists are HTML, put in after Markdown
    for marker, table in lists.items():
        page = page.replace(marker, table)
    section = page[page.index("## Dead (1) { #dead }") :]
    assert PAPER in section
    assert 'href="../a/#videos">Alpha › Videos</a><br><a href="../b/#more">' in section
    assert "2026-11-15" in section  # first failure
    assert "archived copy" in section
    assert "## Flaky" not in page


def test_health_page_lists_a_dead_image_with_the_links() -> None:
    # A publishing build does not fail on rot: Link health is where a dead diagram shows.
    kb = _kb()
    plot = "https://img.example/plot.png"
    a = kb.notes[0]
    kb.notes[0] = dataclasses.replace(a, images=[Image(plot, "Loss curve", Location(a.path, 8))])
    dead = _dead(normalize(plot), archive=None)
    page = render_health_page(kb, {dead.url: dead})
    assert "3 distinct external URLs" in page
    (table,) = render_health_lists(kb, {dead.url: dead}, _url).values()
    assert f'dl-kind--image" title="Image" aria-label="Image"></span><a href="{plot}">' in table
    assert '>Loss curve</a></td><td><a href="../a/#videos">Alpha › Videos</a>' in table


def test_health_page_lists_flaky_redirected_and_blocked_links_each_with_what_it_needs() -> None:
    moved = "https://moved.example/new"
    kb = KnowledgeBase(
        [
            Note(
                path="a.md",
                title="Alpha",
                links=[
                    _link(VIDEO, "Wobbly", 9),
                    _link(PAPER, "Moved", 10),
                    _link("https://walled.example/", "Walled", 11),
                    _link("https://fine.example/", "Fine", 12),
                ],
            )
        ],
        dict(PEOPLE),
    )
    flaky = dataclasses.replace(
        _dead(normalize(VIDEO), archive=None), health=Health.FLAKY, first_failure=NOW
    )
    redirected = CheckResult(
        url=normalize(PAPER), status=Verdict.REDIRECTED, code=301, final_url=moved, checked_at=NOW
    )
    blocked = CheckResult(
        url="https://walled.example/", status=Verdict.BLOCKED, code=999, checked_at=NOW
    )
    ok = CheckResult(url="https://fine.example/", status=Verdict.OK, code=200, checked_at=NOW)
    results = {r.url: r for r in (flaky, redirected, blocked, ok)}
    page = render_health_page(kb, results)
    for marker, table in render_health_lists(kb, results, _url).items():
        page = page.replace(marker, table)
    sections = dict(re.findall(r"^## (\w[\w ]*?) \(1\) \{ #(\w+) \}", page, re.M))
    assert sections == {"Flaky": "flaky", "Redirected": "redirected", "Could not verify": "blocked"}

    def section(key: str) -> str:
        start = page.index(f"{{ #{key} }}")
        end = page.find("\n## ", start)
        return page[start : end if end >= 0 else len(page)]

    assert "Wobbly" in section("flaky") and "2026-11-24" in section("flaky")  # first failure
    assert WAYBACK_SEARCH in section("flaky")  # no copy known: a search of the archive
    assert f'<a href="{moved}">{moved}</a>' in section("redirected")  # where it went
    assert "Walled" in section("blocked") and "archive" not in section("blocked")
    assert "Fine" not in page  # an ok link needs nothing
    counts = dict(re.findall(r"^\| <[^|]*>([\w ]+)</[^|]*\| (\d+) \|$", page, re.M))
    assert counts == {"ok": "1", "redirected": "1", "flaky": "1", "could not verify": "1"}


def test_connections_find_backlinks_and_related_notes_once() -> None:
    kb = _kb()
    connections = Connections(kb)
    assert [n.path for n in connections.backlinks("b.md")] == ["a.md"]
    related = connections.related("a.md")
    assert [r.note.path for r in related] == ["b.md"]
    assert related[0].tags == ("dl",)
    assert connections.related("sub/c.md") == []
    block = render_connections(kb.notes[1], connections, _url)
    assert block.startswith('<div class="dl-connections" data-search-exclude>')
    assert '<strong>Linked from</strong> <a href="../a/">Alpha</a>' in block
    assert '<li><a href="../a/">Alpha</a> <small>#dl</small></li>' in block
    assert render_connections(kb.notes[2], connections, _url) == ""


def test_related_notes_are_ranked_by_what_they_share() -> None:
    a = Note(path="a.md", title="A", tags=("t", "u"))
    b = Note(path="b.md", title="B", tags=("t",))
    c = Note(path="c.md", title="C", tags=("t", "u"))
    related = Connections(KnowledgeBase([a, b, c])).related("a.md")
    assert [r.note.path for r in related] == ["c.md", "b.md"]
    assert related[0].tags == ("t", "u")


def test_a_tag_on_many_notes_relates_each_note_to_its_neighbours() -> None:
    notes = [Note(path=f"n{i:03d}.md", title=f"N{i}", tags=("common",)) for i in range(300)]
    related = Connections(KnowledgeBase(notes)).related("n150.md")
    assert [r.note.path for r in related] == [
        "n149.md",
        "n151.md",
        "n148.md",
        "n152.md",
        "n147.md",
        "n153.md",
        "n146.md",
        "n154.md",
    ]
