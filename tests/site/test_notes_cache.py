"""The plugin remembers parsed notes between builds, and never serves a stale parse."""

from __future__ import annotations

from pathlib import Path

from tests.site.project import build, make_project, note, write_notes

HOME = note("Home", "## Reading\n\n- [A paper](https://papers.example/a.pdf) (per Somebody)\n")


def test_a_second_build_reads_the_cache_and_sees_every_change(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": HOME, "other.md": note("Other", "Text.")})
    first = build(root)
    assert first.code == 0, first.output
    cache = root / ".dlnotes" / "notes.pickle"
    assert cache.is_file()
    assert "Somebody" in first.page("people.md")

    again = build(root)  # nothing changed: from the cache, same pages
    assert again.code == 0, again.output
    assert "Somebody" in again.page("people.md")  # a person met in a cached note is kept

    write_notes(root, {"other.md": note("Other", "- [New](https://new.example/) (per Jeremy)")})
    changed = build(root)
    assert changed.code == 0, changed.output
    assert "new.example" in changed.page("links.md")
    people = changed.page("people.md")
    assert "Jeremy" in people and "Somebody" in people

    (root / "notes" / "people.yml").write_text(
        "somebody:\n  name: Some Body\n  aliases: [Somebody]\n", encoding="utf-8"
    )
    renamed = build(root)  # people.yml changed: every note is read again
    assert renamed.code == 0, renamed.output
    assert "Some Body" in renamed.page("people.md")


def test_an_unreadable_cache_is_rebuilt(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": HOME})
    cache = root / ".dlnotes" / "notes.pickle"
    cache.parent.mkdir()
    cache.write_bytes(b"not a pickle")
    done = build(root)
    assert done.code == 0, done.output
    assert "Somebody" in done.page("people.md")
    assert cache.read_bytes() != b"not a pickle"
