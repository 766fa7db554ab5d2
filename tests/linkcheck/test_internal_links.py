"""Links between notes and to headings are checked against the model, with no request."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from dlnotes.linkcheck.internal import check_internal
from dlnotes.model import Image, Location
from tests.linkcheck._helpers import kb_of, note


def messages(kb: object, root: Path | None = None) -> dict[int, str]:
    return {p.line: p.message for p in check_internal(kb, root)}  # type: ignore[arg-type]


def test_good_links_between_notes_and_headings_are_quiet() -> None:
    kb = kb_of(
        note(
            "a.md",
            ["b.md", "b.md#setup", "#intro", "sub/c.md", "https://x.test/#nope"],
            headings=("intro",),
        ),
        note("b.md", ["a.md#intro"], headings=("setup",)),
        note("sub/c.md", ["../a.md", "../b.md#setup", "/absolute/path"]),
    )
    assert check_internal(kb) == []


def test_missing_notes_and_headings_are_errors_at_their_line() -> None:
    kb = kb_of(
        note("a.md", ["missing.md", "b.md#nowhere", "#gone", "b.md#"], headings=("intro",)),
        note("b.md", [], headings=("setup",)),
    )
    found = check_internal(kb)
    assert [(p.file, p.line) for p in found] == [
        ("notes/a.md", 10),
        ("notes/a.md", 11),
        ("notes/a.md", 12),
    ]
    text = {p.line: p.message for p in found}
    assert "missing note 'missing.md'" in text[10]
    assert "no heading #nowhere in note 'b.md'" in text[11]
    assert "no heading #gone in this note" in text[12]
    assert all(p.severity == "error" for p in found)


def test_url_typos_are_not_mistaken_for_relative_files() -> None:
    kb = kb_of(note("a.md", ["https;//x.test/a", "http//x.test", "www.example.org/page"]))
    assert all("malformed URL" in m for m in messages(kb).values()) and len(messages(kb)) == 3


def test_relative_files_are_checked_when_the_folder_is_known(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "plot.png").write_bytes(b"png")
    kb = kb_of(note("a.md", ["img/plot.png", "img/missing%20file.png"]))
    assert list(messages(kb, tmp_path).values()) == [
        "link to a missing file 'img/missing file.png'"
    ]
    assert messages(kb) == {}  # without the folder, files are not guessed at


def test_a_link_to_a_folder_is_an_error_that_names_its_index(tmp_path: Path) -> None:
    # A site leaves such a link as written: from the page of a.md it leads nowhere.
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.md").write_text("# Sub\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    kb = kb_of(note("a.md", ["./", "sub/", "empty"]))
    assert list(messages(kb, tmp_path).values()) == [
        "link to a folder './', not to a note",
        "link to a folder 'sub/', not to a note; did you mean 'sub/index.md'?",
        "link to a folder 'empty', not to a note",
    ]


def test_a_missing_file_that_is_a_note_without_md_says_so(tmp_path: Path) -> None:
    (tmp_path / "general.md").write_text("# General\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.md").write_text("# Deep\n", encoding="utf-8")
    kb = kb_of(note("sub/a.md", ["../general", "deep", "nowhere"]))
    assert list(messages(kb, tmp_path).values()) == [
        "link to a missing file '../general'; did you mean '../general.md'?",
        "link to a missing file 'deep'; did you mean 'deep.md'?",
        "link to a missing file 'nowhere'",
    ]


def test_an_absolute_link_to_a_note_is_an_error_that_gives_the_relative_form() -> None:
    kb = kb_of(
        note("sub/c.md", ["/general.md", "/sub/d.md#x", "/assets/plot.png", "/about/"]),
    )
    assert list(messages(kb).values()) == [
        "absolute link to a note '/general.md': write it relative to this note, '../general.md'",
        "absolute link to a note '/sub/d.md#x': write it relative to this note, 'd.md#x'",
    ]


def test_a_link_to_a_note_with_a_space_is_read_as_markdown_writes_it() -> None:
    # `my%20note.md` and `<my note.md>` both reach the note `my note.md` (Obsidian names).
    kb = kb_of(
        note("links.md", ["my%20note.md", "my%20note.md#part-one", "my%20nope.md"]),
        note("my note.md", [], headings=("part-one",)),
    )
    assert list(messages(kb).values()) == ["link to a missing note 'my nope.md' (my%20nope.md)"]
    assert [n.path for n in kb.backlinks("my note.md")] == ["links.md"]


def test_an_image_whose_file_is_missing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "plot.png").write_bytes(b"png")
    shown = dataclasses.replace(
        note("a.md", []),
        images=[
            Image(url, "alt", Location("notes/a.md", line))
            for line, url in enumerate(
                ["img/plot.png", "img/gone.png", "img", "/assets/x.png", "https://x.test/a.png"],
                start=20,
            )
        ],
    )
    assert messages(kb_of(shown), tmp_path) == {
        21: "image from a missing file 'img/gone.png'",
        22: "image from a missing file 'img'",
    }
    assert messages(kb_of(shown)) == {}  # without the folder, files are not guessed at
