"""The repo's own site, built for real with `mkdocs build --strict` in a tmp copy."""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from pathlib import Path

import pytest

from dlnotes.linkcheck.result import Verdict
from dlnotes.parse.loader import load_notes
from tests.site.project import (
    REPO,
    Build,
    build,
    make_project,
    note,
    seed,
    seed_dead,
    use_plugin_options,
)

GENERATED = ("links.md", "people.md", "tags.md", "link-health.md")
TOPICS = ("general.md", "blackbox.md", "overfitting.md")
WELCH = "https://www.youtube.com/watch?v=bxe2T-V8XRs"
_TASK_ITEM = re.compile(
    r'<li class="task-list-item"><label class="task-list-control"><input type="checkbox"'
    r"[^>]*/?>.*?</label>\s*(.*?)</li>",
    re.S,
)
_TAB = re.compile(r'class="md-tabs__link[^"]*">\s*(.*?)\s*</a>', re.S)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = make_project(tmp_path_factory.mktemp("site"))
    seed_dead(root, WELCH, archive_url="https://web.archive.org/web/2020/" + WELCH)
    seed(root, "http://colah.github.io/", Verdict.OK)
    done = build(root, strict=False)
    assert done.code == 0, done.output
    return done


def test_repo_site_builds_strict_with_an_empty_cache(tmp_path: Path) -> None:
    done = build(make_project(tmp_path))
    assert done.code == 0, done.output
    assert "WARNING" not in done.output
    health = done.page("link-health.md")
    assert "No link check has run yet" in health
    assert "dlnotes check" in health


def test_every_page_of_the_nav_is_built(site: Build) -> None:
    for name in ("index.md", *TOPICS, *GENERATED):
        assert "<h1" in site.page(name), name


def test_no_asset_comes_from_another_site(site: Build) -> None:
    """Fonts, styles and scripts are all served by the site itself, so it works offline."""
    remote = re.compile(
        r"""<(?:script|img|iframe)[^>]+src=["']?(?:https?:)?//"""
        r"""|<link[^>]+href=["']?(?:https?:)?//"""
        r"""|url\(["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
        re.IGNORECASE,
    )
    checked = 0
    for path in site.site.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            found = remote.search(path.read_text(encoding="utf-8", errors="replace"))
            assert found is None, f"{path}: {found and found[0]}"
            checked += 1
    assert checked > 20
    assert "fonts.googleapis" not in site.page("index.md")


def test_edit_button_points_at_the_note_source(site: Build) -> None:
    html = site.page("overfitting.md")
    assert re.search(r'href="https://[^"]+/edit/main/notes/overfitting\.md"', html)
    assert 'rel="edit"' not in site.page("links.md")  # generated pages have no source


def test_chinese_titles_are_segmented_for_search(site: Build) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en", "zh"]
    assert "\\u200b" in index["config"]["separator"] or "\u200b" in index["config"]["separator"]
    texts = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "深度\u200b学习" in texts


def test_topic_links_show_kind_domain_and_attribution(site: Build) -> None:
    html = site.page("general.md")
    welch = re.search(
        r'<a href="'
        + re.escape(WELCH)
        + r'" class="dl-link dl-link--dead" data-kind="video" data-domain="youtube.com">'
        + r'Welch Labs.*?</a><span class="dl-meta">(.*?)</span></li>',
        html,
        re.DOTALL,
    )
    assert welch, "the Welch Labs video is decorated"
    assert ">a16z</span>" in welch[1]
    assert "a handful of 4-5 minute, well done videos" in html  # the annotation stays
    assert re.search(r'class="dl-chip"[^>]*>Jeremy Howard</span>', html)


def test_a_dead_link_is_marked_with_its_archive_on_its_topic_page(site: Build) -> None:
    html = site.page("general.md")
    assert 'class="dl-link dl-link--dead"' in html
    assert '<span class="dl-status dl-status--dead"' in html
    assert 'href="https://web.archive.org/web/2020/' + WELCH + '"' in html
    assert html.count("dl-status--dead") == 2  # the video appears twice in the note


def test_link_health_lists_the_dead_link(site: Build) -> None:
    html = site.page("link-health.md")
    dead = html[html.index('id="dead"') :]
    assert WELCH in dead
    assert "https://web.archive.org/web/2020/" in dead
    assert "last refreshed" in html
    assert re.search(r"dl-status--ok\">ok</span></td>\s*<td[^>]*>1</td>", html)


def test_links_table_has_one_row_per_distinct_url(site: Build) -> None:
    html = site.page("links.md")
    rows = [row.status for row in site.links_rows()]
    assert len(rows) == 55  # 57 links, two URLs twice
    assert rows.count("dead") == 1
    assert rows.count("ok") == 1
    assert 'data-dl-filter="dl-links-table"' in html
    assert "dlnotes.js" in html


def test_people_page_links_back_to_each_place(site: Build) -> None:
    html = site.page("people.md")
    for person in ("Jeremy Howard", "fast.ai", "a16z", "Machine Learning Yearning"):
        assert person in html
    assert re.search(r'href="\.\./general/#tips"', html)


def test_tags_page_lists_the_notes(site: Build) -> None:
    html = site.page("tags.md")
    assert "deep-learning" in html
    assert "../general/" in html


def test_checklists_render_as_task_lists(site: Build) -> None:
    # Written as plain lists in the notes: the plugin makes them tasks before Markdown runs.
    model = load_notes(REPO / "notes").kb
    for topic in TOPICS:
        items = [i for n in model.notes if n.path == topic for c in n.checklists for i in c.items]
        html = site.page(topic)
        tasks = _TASK_ITEM.findall(html)
        assert [" ".join(text.split()) for text in tasks] == [item.text for item in items], topic
    assert len(_TASK_ITEM.findall(site.page("overfitting.md"))) >= 2


def test_quotes_show_their_source(site: Build) -> None:
    # The source comes from the heading above the quote: the note does not write it there.
    model = load_notes(REPO / "notes").kb
    quotes = [(n.path, q) for n in model.notes for q in n.quotes if q.source]
    assert quotes
    for topic, quote in quotes:
        blocks = re.findall(r"<blockquote>(.*?)</blockquote>", site.page(topic), re.S)
        name = model.people[quote.source].name if quote.source in model.people else quote.source
        words = " ".join(quote.text.split()[:6])
        assert any(words in b and f'<p class="dl-source">— {name}</p>' in b for b in blocks)


def test_notes_show_backlinks_or_related_notes(site: Build) -> None:
    html = site.page("overfitting.md")
    assert 'class="dl-connections"' in html
    assert "Related notes" in html


def test_search_indexes_the_notes_not_the_pages_that_repeat_them(site: Build) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"general/", "blackbox/", "overfitting/", "link-health/"} <= pages
    assert not pages & {"links/", "people/", "tags/"}
    overfitting = " ".join(d["text"] for d in index["docs"] if d["location"] == "overfitting/")
    assert "Related notes" not in overfitting
    assert "Related notes" in site.page("overfitting.md")


def test_every_link_the_plugin_writes_reaches_its_page_and_heading(site: Build) -> None:
    """The Links table, People lists and note footers are HTML MkDocs does not check: every
    relative href in them must land on a built page, and its #anchor on an id there."""
    checked = 0
    for name in ("links.md", "people.md", "link-health.md", *TOPICS):
        page_dir = (site.site / name.removesuffix(".md")).resolve()
        html = site.page(name)
        if name == "links.md":  # the table's HTML is written by the site's script
            html += "".join("".join(row.cells) for row in site.links_rows())
        for href in re.findall(r'href="([^"#:]*/)(?:#([^"]*))?"', html):
            path, anchor = href
            target = (page_dir / path / "index.html").resolve()
            assert target.is_file(), f"{name}: {path}"
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (name, href)
                checked += 1
    assert checked > 50


def test_the_repo_nav_gives_its_own_tabs(site: Build) -> None:
    assert _TAB.findall(site.page("index.md")) == ["Home", "Topics", "Browse"]


def test_without_a_nav_the_generated_pages_share_one_tab(tmp_path: Path) -> None:
    notes = {"index.md": note("Home", "Hi."), "zeta.md": note("Zeta", "Z.")}
    done = build(make_project(tmp_path, notes))
    assert done.code == 0, done.output
    assert _TAB.findall(done.page("index.md")) == ["Home", "Zeta", "Browse"]
    # Previous and next follow the new order: Zeta, Links, People, Tags, Link health.
    assert 'aria-label="Next: Links"' in done.page("zeta.md")
    assert 'aria-label="Previous: Tags"' in done.page("link-health.md")
    assert "md-footer__link--next" not in done.page("link-health.md")


_SIDEBAR_LINK = re.compile(
    r'<a href="([^"]*)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<'
)


def test_a_note_the_written_nav_leaves_out_is_listed_under_topics(tmp_path: Path) -> None:
    # A new note, written by hand or by `dlnotes import`, must not fail the strict build
    # that `make test` and CI run, nor need an edit of mkdocs.yml to be found on the site.
    root = make_project(tmp_path)
    (root / "notes" / "transformers.md").write_text(
        note("Transformers", "- [Attention](https://arxiv.example/abs/1706.03762)"),
        encoding="utf-8",
    )
    done = build(root)
    assert done.code == 0, done.output
    assert "leaves out 1 page(s); listed under 'Topics': transformers.md" in done.output
    links = _SIDEBAR_LINK.findall(done.page("general.md"))
    pages = [title for href, title in links if not href.startswith("#")]  # not the page's toc
    at = pages.index("Blackbox")
    assert pages[at : at + 3] == ["Blackbox", "Overfitting", "Transformers"]
    assert _TAB.findall(done.page("transformers.md")) == ["Home", "Topics", "Browse"]


def test_without_a_topics_section_the_left_out_notes_get_one_and_not_in_nav_is_kept(
    tmp_path: Path,
) -> None:
    notes = {
        "index.md": note("Home", "Hi."),
        "alpha.md": note("Alpha", "A."),
        "beta.md": note("Beta", "B."),
        "draft.md": note("Draft", "Linked from nowhere, on purpose."),
    }
    root = make_project(tmp_path, notes)
    config = root / "mkdocs.yml"
    extra = "not_in_nav: |\n  /draft.md\nnav:\n  - Home: index.md\n  - Alpha: alpha.md\n"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    use_plugin_options(root, "      unlisted_notes: Notes\n")
    done = build(root)
    assert done.code == 0, done.output
    assert "leaves out 1 page(s); listed under 'Notes': beta.md\n" in done.output
    assert "listed under 'Browse': links.md, people.md, tags.md, link-health.md" in done.output
    assert _TAB.findall(done.page("index.md")) == ["Home", "Alpha", "Notes", "Browse"]
    assert (root / "site" / "draft" / "index.html").exists()  # built, left out of the nav
    assert 'href="draft/"' not in done.page("index.md")
    assert 'href="beta/"' in done.page("index.md")


def test_with_unlisted_notes_off_the_nav_stays_as_written(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "notes" / "transformers.md").write_text(note("Transformers", "T."), encoding="utf-8")
    use_plugin_options(root, "      unlisted_notes: ''\n")
    done = build(root)
    assert done.code != 0
    assert 'not included in the "nav" configuration' in done.output
    assert "transformers.md" in done.output


def test_a_note_saved_with_a_byte_order_mark_and_crlf_builds_like_any_other(
    tmp_path: Path,
) -> None:
    body = "- [Paper](https://papers.example/a.pdf)\n\n## Steps (From fast.ai)\n\n"
    body += "1. Add data\n2. Augment"
    text = "\ufeff" + note("Marked", body).replace("\n", "\r\n")
    root = make_project(tmp_path, {"index.md": text})
    line = text.splitlines().index("- [Paper](https://papers.example/a.pdf)") + 1
    seed_dead(root, "https://papers.example/a.pdf")
    strict = build(root)
    assert strict.code != 0
    assert f"notes/index.md:{line}: dead link https://papers.example/a.pdf" in strict.output
    done = build(root, strict=False)
    assert done.code == 0, done.output
    html = done.page("index.md")
    assert [" ".join(t.split()) for t in _TASK_ITEM.findall(html)] == ["Add data", "Augment"]
    assert "dl-status--dead" in html


def test_lists_written_right_after_text_or_another_list_render_as_the_model_reads_them(
    tmp_path: Path,
) -> None:
    # Python-Markdown runs a list with no blank line before it into the paragraph, and a list
    # of another kind into the list before it; CommonMark, and the model, read lists.
    body = (
        "## Steps (From fast.ai)\n\nDo this:\n1. Add data\n2. Augment\n- [Paper](https://p.example/a)\n"
        "\n## Reading\n\nTry these:\n- [A](https://a.example/x)\n- [B](https://b.example/y)\n"
    )
    root = make_project(tmp_path, {"index.md": note("Lists", body)})
    done = build(root)
    assert done.code == 0, done.output
    html = done.page("index.md")
    assert [" ".join(t.split()) for t in _TASK_ITEM.findall(html)] == ["Add data", "Augment"]
    assert "[ ]" not in html and "<p>Do this:</p>" in html and "<p>Try these:</p>" in html
    lists = re.findall(r"<(ol|ul)[^>]*>(.*?)</\1>", html, re.S)
    links = [(kind, re.findall(r'<li><a href="([^"]+)"', items)) for kind, items in lists]
    assert [entry for entry in links if entry[1]] == [
        ("ul", ["https://p.example/a"]),
        ("ul", ["https://a.example/x", "https://b.example/y"]),
    ]


def test_the_models_heading_anchors_are_the_ids_the_site_gives(tmp_path: Path) -> None:
    # Links to headings are checked against the model: its anchors must be the built ids,
    # attr_list's `{#id}` and toc's de-duplication included.
    guide = (
        "## Install\n\n## Setup {#install}\n\n## Usage { #use .big }\n\n## R&amp;D and `code()`\n\n"
        "## Dup\n\n## Dup\n\n## 深度学习\n\n## Steps (From fast.ai) {: .steps }\n\n1. one\n2. two\n"
    )
    links = "- [Setup](guide.md#install)\n- [Again](guide.md#dup_1)\n- [Use](guide.md#use)\n"
    root = make_project(tmp_path, {"guide.md": note("Guide", guide), "index.md": note("I", links)})
    done = build(root)
    assert done.code == 0, done.output
    html = done.page("guide.md")
    ids = re.findall(r'<h[1-6][^>]* id="([^"]+)"', html)
    (model,) = [n for n in load_notes(root / "notes").kb.notes if n.path == "guide.md"]
    assert [h.anchor for h in model.headings] == ids
    assert ids[1:4] == ["install_1", "install", "use"]
    texts = [
        re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", h)
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    ]
    assert [h.text for h in model.headings[1:]] == [html_unescape(t) for t in texts]


def test_links_in_admonitions_are_checked_listed_and_marked(tmp_path: Path) -> None:
    body = (
        '!!! tip "Worth reading"\n    Start here: [Paper](https://papers.example/a.pdf)\n\n'
        "    More:\n    - [Course](https://course.example/)\n    - [Book](https://book.example/)\n"
        "    * [Other](https://other.example/)\n"
    )
    root = make_project(tmp_path, {"index.md": note("Blocks", body)})
    seed_dead(root, "https://papers.example/a.pdf")
    strict = build(root)
    assert "notes/index.md:8: dead link https://papers.example/a.pdf" in strict.output
    done = build(root, strict=False)
    assert done.code == 0, done.output
    html = done.page("index.md")
    block = html[
        html.index('class="admonition tip"') : html.index("</div>", html.index("admonition tip"))
    ]
    assert "dl-status--dead" in block
    lists = re.findall(r"<ul>(.*?)</ul>", block, re.S)
    assert [re.findall(r'href="(https://[^"]+)"', items) for items in lists] == [
        ["https://course.example/", "https://book.example/"],
        ["https://other.example/"],
    ]
    listed = {re.findall(r'href="([^"]+)"', row.cells[0])[0] for row in done.links_rows()}
    assert listed == {
        "https://papers.example/a.pdf",
        "https://course.example/",
        "https://book.example/",
        "https://other.example/",
    }


def test_a_note_named_like_a_generated_page_keeps_its_place_and_says_so(tmp_path: Path) -> None:
    notes = {"index.md": note("Home", "Home."), "links.md": note("My links", "- [A](https://a.x/)")}
    root = make_project(tmp_path, notes)
    done = build(root)
    assert done.code == 0, done.output
    assert "<h1" in done.page("links.md") and "My links" in done.page("links.md")
    assert "notes/links.md is a note, so dlnotes makes no page of that name" in done.output
    assert all(done.page(name) for name in ("people.md", "tags.md", "link-health.md"))
    assert "Every distinct link" not in done.page("links.md")
    use_plugin_options(root, "      links_page: all-links.md\n")
    both = build(root)
    assert both.code == 0, both.output
    assert "My links" in both.page("links.md")
    assert "Every distinct link" in both.page("all-links.md")
    assert "makes no page of that name" not in both.output


def test_links_written_as_html_are_checked_listed_and_marked(tmp_path: Path) -> None:
    body = (
        'See <a href="https://papers.example/a.pdf">the paper</a> first.\n\n'
        '<p align="center">\n  <a href="https://course.example/">The course</a>\n</p>\n\n'
        '<a href="other.md">the other note</a>\n'
    )
    notes = {"index.md": note("Html", body), "other.md": note("Other", "Text.")}
    root = make_project(tmp_path, notes)
    seed_dead(root, "https://papers.example/a.pdf")
    strict = build(root)
    assert strict.code != 0
    assert "notes/index.md:7: dead link https://papers.example/a.pdf" in strict.output
    # What the warning says: MkDocs leaves an HTML link as written, so this one misses its page.
    assert "notes/index.md:13: warning: HTML link to a note (other.md)" in strict.output
    done = build(root, strict=False)
    assert done.code == 0, done.output
    html = done.page("index.md")
    assert '<a href="https://papers.example/a.pdf" class="dl-link dl-link--dead"' in html
    assert re.search(r'<a href="https://course.example/" class="dl-link', html)
    assert '<a href="other.md">' in html  # not the page's URL, `../other/`
    listed = {re.findall(r'href="([^"]+)"', row.cells[0])[0] for row in done.links_rows()}
    assert {"https://papers.example/a.pdf", "https://course.example/"} <= listed


def test_wikilinks_are_links_on_the_site(tmp_path: Path) -> None:
    notes = {
        "index.md": note(
            "Home",
            "Start at [[guide|the guide]], then [[deep/part#Step Two]].\n\n"
            "Code shows `[[guide]]` as it is; [[nowhere]] links nothing.",
        ),
        "guide.md": note(
            "Guide",
            "Text.\n\n| Step | Where |\n| --- | --- |\n| two | [[deep/part#Step Two\\|step two]] |",
        ),
        "deep/part.md": note("Part", "## Step Two\n\nBack [[index|home]].\n\n![[plot.png|300]]"),
    }
    root = make_project(tmp_path, notes)
    (root / "notes" / "img").mkdir()
    (root / "notes" / "img" / "plot.png").write_bytes(b"\x89PNG\r\n")
    done = build(root)
    assert done.code == 0, done.output
    assert "notes/index.md:9: warning: [[nowhere]] names no note here" in done.output
    home = done.page("index.md")
    assert '<a href="guide/">the guide</a>' in home
    assert '<a href="deep/part/#step-two">deep/part</a>' in home
    assert "<code>[[guide]]</code>" in home and "[[nowhere]]" in home
    part = done.page("deep/part.md")
    assert '<a href="../../">home</a>' in part
    # An image's embed: the image, 300 pixels wide, its URL as MkDocs writes a page's.
    assert '<img alt="plot.png" src="../../img/plot.png" width="300" />' in part
    assert (root / "site" / "img" / "plot.png").is_file()
    guide = done.page("guide.md")
    assert "Linked from" in guide and ">Home</a>" in guide  # the wikilink is a backlink
    # In a table cell, its `|` written `\|` as Obsidian writes it.
    assert '<td><a href="../deep/part/#step-two">step two</a></td>' in guide
