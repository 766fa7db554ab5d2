"""Wikilinks resolved against the notes folder, as Obsidian resolves them."""

from __future__ import annotations

from pathlib import Path

from dlnotes.model import LinkKind
from dlnotes.pages.wikilinks import wikilinks_as_links
from dlnotes.parse import ParseCache, load_notes


def write(folder: Path, notes: dict[str, str]) -> Path:
    for name, body in notes.items():
        title = Path(name).stem.title()
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"---\ntitle: {title}\n---\n\n{body}", encoding="utf-8")
    return folder


NOTES = {
    "a.md": (
        "## Setup\n\n"  # line 5
        "[[b]], <a href='https://mid.test/'>mid</a>, [[Deep/C#Part Two|the part]] and "
        "[[#setup]];\n"  # line 7
        "[first](https://first.test/) then [[B.md|bee]], [[b]] [last](https://last.test/)\n"  # 8
    ),
    "b.md": "Back to [[a]], [[c]] beside and [[topics/c]] by path.\n",
    "deep/c.md": "## Part Two\n\nSee [[c]] here and [[../a]].\n",
    "topics/c.md": "Another c.\n",
}


def test_wikilinks_become_links_between_notes_in_document_order(tmp_path: Path) -> None:
    result = load_notes(write(tmp_path, NOTES))
    a = result.kb.note("a.md")
    assert a is not None
    assert [(link.url, link.title, link.location.line) for link in a.links] == [
        ("b.md", "b", 7),
        ("https://mid.test/", "mid", 7),
        ("deep/c.md#part-two", "the part", 7),
        ("#setup", "setup", 7),
        ("https://first.test/", "first", 8),
        ("b.md", "bee", 8),
        ("b.md", "b", 8),
        ("https://last.test/", "last", 8),
    ]
    assert a.links[0].kind is LinkKind.NOTE
    assert (a.links[0].headings, a.links[0].anchor) == (("Setup",), "setup")
    assert [w.url for w in a.wikilinks] == ["b.md", "deep/c.md#part-two", "#setup", "b.md", "b.md"]


def test_a_name_is_found_beside_the_note_then_by_path(tmp_path: Path) -> None:
    result = load_notes(write(tmp_path, NOTES))
    b, c = result.kb.note("b.md"), result.kb.note("deep/c.md")
    assert b is not None and c is not None
    # [[c]] from b.md: two notes are named c.md, neither beside b.md.
    assert [link.url for link in b.links] == ["a.md", "topics/c.md"]
    assert [link.url for link in c.links] == ["c.md", "../a.md"]  # the c beside it: itself
    (several,) = [p for p in result.problems if p.file.endswith("b.md")]
    assert (several.line, several.severity) == (5, "warning")
    assert "[[c]] could name several notes (deep/c.md, topics/c.md)" in several.message


def test_a_wikilink_to_no_note_is_a_warning_and_stays_text(tmp_path: Path) -> None:
    result = load_notes(write(tmp_path, {"a.md": "See [[nowhere|there]].\n"}))
    (problem,) = result.problems
    assert (problem.line, problem.severity) == (5, "warning")
    assert problem.message.startswith("[[nowhere|there]] names no note here")
    note = result.kb.note("a.md")
    assert note is not None and note.links == [] and note.wikilinks[0].url is None


def test_a_missing_heading_is_reported_as_for_any_link(tmp_path: Path) -> None:
    result = load_notes(write(tmp_path, {"a.md": "[[b#Nowhere]]\n", "b.md": "Text.\n"}))
    a = result.kb.note("a.md")
    assert a is not None and [link.url for link in a.links] == ["b.md#nowhere"]


def test_a_remembered_parse_is_not_changed_by_resolving(tmp_path: Path) -> None:
    folder = write(tmp_path / "notes", NOTES)
    cache = ParseCache(tmp_path / "parses.pickle")
    first = load_notes(folder, cache=cache)
    again = load_notes(folder, cache=cache)
    links = [[link.url for link in note.links] for note in first.kb.notes]
    assert [[link.url for link in note.links] for note in again.kb.notes] == links
    assert sum(len(note_links) for note_links in links) == 12


def test_an_image_embed_is_an_image_of_the_note(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "a.md": "![[plot.png]], ![[Diagram.SVG|A diagram]]\nand ![[missing.png]]\n",
            "deep/c.md": "![[plot.png|300]] ![[shared.png]]\n",
        },
    )
    for image in ("img/plot.png", "deep/diagram.svg", "one/shared.png", "two/shared.png"):
        (folder / image).parent.mkdir(parents=True, exist_ok=True)
        (folder / image).write_bytes(b"\x89PNG")
    result = load_notes(folder)
    a, c = result.kb.note("a.md"), result.kb.note("deep/c.md")
    assert a is not None and c is not None
    assert [(i.url, i.alt, i.location.line) for i in a.images] == [
        ("img/plot.png", "plot.png", 5),
        ("deep/diagram.svg", "A diagram", 5),
    ]
    assert [(i.url, i.alt) for i in c.images] == [("../img/plot.png", "plot.png")]  # 300 wide
    assert a.links == [] and [w.url for w in a.wikilinks] == [
        "img/plot.png",
        "deep/diagram.svg",
        None,
    ]
    missing, several = sorted(result.problems, key=lambda p: p.file)
    assert (missing.file, missing.line, missing.severity) == (f"{folder}/a.md", 6, "warning")
    assert missing.message.startswith("![[missing.png]] names no file here")
    assert several.message.startswith(
        "![[shared.png]] could name several files (one/shared.png, two/shared.png)"
    )


def test_in_a_table_a_wikilink_keeps_its_place_among_the_cells_links(tmp_path: Path) -> None:
    table = (
        "| a | b | c |\n| --- | --- | --- |\n"
        "| [[b]] | [x](https://x.test/) | [[b\\|shown]] [y](https://y.test/) |\n"
    )
    result = load_notes(write(tmp_path, {"a.md": table, "b.md": "B.\n"}))
    a = result.kb.note("a.md")
    assert a is not None
    assert [(link.url, link.title) for link in a.links] == [
        ("b.md", "b"),
        ("https://x.test/", "x"),
        ("b.md", "shown"),  # the cell's `\|`, as Obsidian writes it in a table
        ("https://y.test/", "y"),
    ]


def test_the_site_writes_the_wikilinks_that_code_spans_leave_as_markdown_reads_them(
    tmp_path: Path,
) -> None:
    # A code span ends at the next run of exactly as many backticks: in "` [[b]] ``" nothing
    # closes the first backtick, so that `[[b]]` is a link; "`a``[[b]]`" is one span.
    body = "Type ` [[b]] `` here.\n\nOr `a``[[b]]` there.\n\nSee [[b]].\n"
    result = load_notes(write(tmp_path, {"a.md": body, "b.md": "B.\n"}))
    a = result.kb.note("a.md")
    assert a is not None and [w.url for w in a.wikilinks] == ["b.md", "b.md"]
    markdown = wikilinks_as_links("\n" + body, a, a.body_line)  # the body as in the file
    assert markdown == "\n" + body.replace("[[b]] ``", "[b](b.md) ``").replace(
        "See [[b]]", "See [b](b.md)"
    )
