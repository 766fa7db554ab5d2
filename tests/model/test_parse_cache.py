"""Remembered parses: reused while a note's text, name and people.yml stay the same, never after."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dlnotes.parse import ParseCache, load_notes


def _note(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n\n{body}\n"


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text(_note("A", "- [Paper](https://a.example/) (per Somebody)"))
    (folder / "b.md").write_text(_note("B", "- [Talk](https://b.example/) (per Somebody)"))
    return folder


def _urls(folder: Path, cache: ParseCache) -> dict[str, list[str]]:
    kb = load_notes(folder, cache=cache).kb
    return {note.path: [link.url for link in note.links] for note in kb.notes}


def test_an_unchanged_note_is_not_parsed_again(notes: Path) -> None:
    cache = ParseCache()
    first = load_notes(notes, cache=cache).kb
    second = load_notes(notes, cache=cache).kb
    assert [n is m for n, m in zip(first.notes, second.notes, strict=True)] == [True, True]
    (notes / "b.md").write_text(_note("B", "- [Other](https://c.example/)"))
    third = load_notes(notes, cache=cache).kb
    assert third.notes[0] is first.notes[0]
    assert [link.url for link in third.notes[1].links] == ["https://c.example/"]


def test_the_file_carries_parses_to_the_next_process(notes: Path, tmp_path: Path) -> None:
    file = tmp_path / ".dlnotes" / "notes.pickle"
    before = _urls(notes, ParseCache(file))
    assert file.is_file()
    stamp = file.stat().st_mtime_ns
    assert _urls(notes, ParseCache(file)) == before
    assert file.stat().st_mtime_ns == stamp  # nothing new to write
    (notes / "a.md").write_text(_note("A", "- [New](https://new.example/)"))
    assert _urls(notes, ParseCache(file))["a.md"] == ["https://new.example/"]


def test_a_person_met_in_a_remembered_note_stays(notes: Path) -> None:
    cache = ParseCache()
    assert "somebody" in load_notes(notes, cache=cache).kb.people
    # a.md no longer names Somebody; b.md, unchanged and remembered, still does.
    (notes / "a.md").write_text(_note("A", "- [Paper](https://a.example/)"))
    kb = load_notes(notes, cache=cache).kb
    assert kb.people["somebody"].name == "Somebody"
    assert kb.notes[1].links[0].attribution == "somebody"


def test_a_changed_people_table_parses_every_note_again(notes: Path) -> None:
    cache = ParseCache()
    assert not load_notes(notes, cache=cache).kb.people["somebody"].known
    (notes / "people.yml").write_text("sb:\n  name: Some Body\n  aliases: [Somebody]\n")
    kb = load_notes(notes, cache=cache).kb
    assert [note.links[0].attribution for note in kb.notes] == ["sb", "sb"]
    assert "somebody" not in kb.people


def test_problems_name_the_note_as_this_run_sees_it(notes: Path, tmp_path: Path) -> None:
    (notes / "bad.md").write_text("no front matter\n")
    file = tmp_path / "notes.pickle"
    here = load_notes(notes, cache=ParseCache(file)).errors
    assert [p.file for p in here] == ["notes/bad.md"]
    os.chdir(notes)
    there = load_notes(Path("."), cache=ParseCache(file)).errors
    assert [p.file for p in there] == ["bad.md"]


@pytest.mark.parametrize("content", [b"not a pickle", b""], ids=["garbage", "empty"])
def test_an_unreadable_file_is_parsed_afresh_and_rewritten(
    notes: Path, tmp_path: Path, content: bytes
) -> None:
    file = tmp_path / "notes.pickle"
    file.write_bytes(content)
    assert _urls(notes, ParseCache(file))["a.md"] == ["https://a.example/"]
    assert file.read_bytes() != content


def test_an_unwritable_cache_is_a_warning_not_a_failure(notes: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    result = load_notes(notes, cache=ParseCache(blocker / "notes.pickle"))
    assert not result.errors
    assert [n.path for n in result.kb.notes] == ["a.md", "b.md"]
    assert any("could not write" in w.message for w in result.warnings)


def test_the_model_digest_follows_the_parse_not_the_text(notes: Path, tmp_path: Path) -> None:
    file = tmp_path / ".dlnotes" / "notes.pickle"
    cache = ParseCache(file)
    load_notes(notes, cache=cache)
    first = cache.model_of("a.md", "notes/a.md")
    assert first is not None and cache.model_of("nowhere.md", "notes/nowhere.md") is None
    assert cache.save() is None  # the digest worked out is kept with the parse
    again = ParseCache(file)
    load_notes(notes, cache=again)
    assert again.model_of("a.md", "notes/a.md") == first

    text, text_digest = (notes / "a.md").read_text(), cache.digest_of("a.md", "notes/a.md")
    (notes / "a.md").write_text(text + "\nA plain paragraph.\n")
    load_notes(notes, cache=cache)
    assert cache.digest_of("a.md", "notes/a.md") != text_digest  # parsed again...
    assert cache.model_of("a.md", "notes/a.md") == first  # ... into the same model

    (notes / "a.md").write_text(text.replace("Paper", "Preprint"))
    load_notes(notes, cache=cache)
    assert cache.model_of("a.md", "notes/a.md") != first
