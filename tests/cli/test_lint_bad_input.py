"""Bad notes: a clear `file:line: message`, a non-zero exit, and the files left untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlnotes.cli import main

CASES = {
    "no front-matter": (b"# Just a heading\n\n[a](https://a.test/)\n", 1, "no front-matter"),
    "invalid YAML": (b"---\ntitle: T\ntags: [a, b\n---\nbody\n", 4, "invalid YAML"),
    "title missing": (b"---\nsummary: s\n---\nbody\n", 1, "no `title:`"),
    "title not a string": (b"---\ntitle: [1, 2]\n---\nbody\n", 2, "`title` must be"),
    "tags not strings": (b"---\ntitle: T\ntags: [ok, 3]\n---\nbody\n", 3, "`tags` must be a list"),
    "tags not a list": (b"---\ntitle: T\ntags: one\n---\nbody\n", 3, "`tags` must be a list"),
    "title a date": (b"---\ntitle: 2021-01-01\n---\nbody\n", 2, "reads 2021-01-01 as a date"),
    "tag a date": (b"---\ntitle: T\ntags: [a, 2021-01-02]\n---\nb\n", 3, "quote it"),
    "invalid date": (b"---\ntitle: T\ncreated: 2024-13-45\n---\nbody\n", 3, "`created` must be"),
    "not UTF-8": (b"---\ntitle: T\n---\nline\ncaf\xe9\n", 5, "not UTF-8"),
    "empty link": (b"---\ntitle: T\n---\n\nsee []() here\n", 5, "empty link"),
    "javascript link": (b"---\ntitle: T\n---\n[x](javascript:alert(1))\n", 4, "`javascript:`"),
    "vbscript link": (b"---\ntitle: T\n---\n\n\n[x](VBScript:run)\n", 6, "`vbscript:`"),
    "data link": (b"---\ntitle: T\n---\n[x](data:text/html;base64,PHA+)\n", 4, "`data:`"),
    "empty note": (b"", 1, "note is empty"),
    "blank note": (b"\n  \n", 1, "note is empty"),
}


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_note_names_file_and_line_and_changes_nothing(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, line, words = CASES[case]
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "good.md").write_text("---\ntitle: Good\n---\n[ok](https://ok.test/)\n")
    (notes / "bad.md").write_bytes(content)
    before = _digest(notes)
    monkeypatch.chdir(tmp_path)
    for command in (["lint", "notes"], ["stats", "notes"], ["export", "notes"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, (command, result.output)
        assert f"notes/bad.md:{line}: error: " in result.output
        assert words in result.output
        assert "Traceback" not in result.output
    assert _digest(notes) == before


def test_warnings_pass_unless_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "n.md").write_text(
        "---\ntitle: T\nmood: happy\n---\n[a](https://a.test/?utm_source=x)\n"
    )
    monkeypatch.chdir(tmp_path)
    relaxed = CliRunner().invoke(main, ["lint", "n.md"])
    assert relaxed.exit_code == 0
    assert "n.md:3: warning: unknown front-matter key `mood`" in relaxed.output
    assert "n.md:5: warning: link carries tracking parameters (utm_source)" in relaxed.output
    assert CliRunner().invoke(main, ["lint", "--strict", "n.md"]).exit_code == 1


def test_a_missing_path_or_mkdocs_yml_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["lint", "nowhere"]).exit_code == 2
    result = CliRunner().invoke(main, ["lint"])
    assert result.exit_code == 2
    assert "mkdocs.yml" in result.output


def test_default_path_is_mkdocs_docs_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: kb\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "a.md").write_text("---\ntitle: A\n---\n[x](https://x.test/)\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["links"] == 1


def test_links_between_notes_and_to_headings_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: A\n---\n# Top\n\n[ok](b.md#part) [gone](c.md) [no heading](b.md#nowhere)\n"
        "[self](#top)\n"
    )
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\n## Part\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "."])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("a.md")]
    assert len(lines) == 2
    assert lines[0].startswith("a.md:6: error: link to a missing note 'c.md'")
    assert lines[1].startswith("a.md:6: error: no heading #nowhere in note 'b.md'")


@pytest.mark.parametrize("command", [["lint"], ["check", "--offline"]])
def test_one_note_is_checked_against_the_notes_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # `dlnotes lint notes/a.md`: a.md's links to b.md are checked against b.md on disk, and
    # only a.md's problems are told (b.md's own bad link is not a.md's business).
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(
        "---\ntitle: A\n---\n# Top\n\n[ok](b.md#part) [gone](c.md) [no heading](b.md#nowhere)\n"
    )
    (notes / "b.md").write_text("---\ntitle: B\n---\n## Part\n\n[bad](a.md#missing)\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*command, "notes/a.md"])
    assert result.exit_code == 1, result.output
    problems = [line for line in result.output.splitlines() if ": error: " in line]
    assert problems == [
        "notes/a.md:6: error: link to a missing note 'c.md' (c.md)",
        "notes/a.md:6: error: no heading #nowhere in note 'b.md' (b.md#nowhere)",
    ]


def test_tags_left_empty_are_no_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Obsidian's properties and many templates write `tags:` with nothing after it; Material's
    # tags plugin reads that as no tags too.
    (tmp_path / "n.md").write_text("---\ntitle: T\ntags:\n---\n[a](https://a.test/)\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "n.md"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["notes"][0]["tags"] == []
