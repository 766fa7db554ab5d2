"""The plugin remembers page parts between builds (dlnotes.pages.memo) and never shows a stale one:
after any change, a build that reads the memo writes the same site as a build without it."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from dlnotes.linkcheck.result import Verdict
from dlnotes.pages import PageMemo
from tests.site.project import (
    build,
    make_project,
    note,
    seed,
    use_plugin_options,
    write_notes,
)
from tests.site.server import serve

PAPER = "https://papers.example/a.pdf"
NOTES = {
    "index.md": note("Home", "Start here."),
    "a.md": note(
        "Alpha",
        f"## Reading\n\n- [A paper]({PAPER}) Recommended by Somebody\n\n> Know your data.\n",
        tags=("data",),
    ),
    "b.md": note("Beta", "See [Alpha](a.md).", tags=("data",)),
    "c.md": note("Gamma", "Nothing yet."),
}
MEMO = Path(".dlnotes/pages.pickle")


def _failing(root: Path) -> None:
    seed(root, PAPER, Verdict.BROKEN, code=404)  # flaky: marked, with an archive search


def _note_text(root: Path) -> None:
    write_notes(root, {"a.md": NOTES["a.md"].replace("Know your data", "Look at the data")})


def _paragraph(root: Path) -> None:
    # Text that adds nothing to the model: the generated pages stay as they were.
    write_notes(root, {"c.md": note("Gamma", "Nothing yet.\n\nStill nothing.")})


def _moved(root: Path) -> None:
    # Alpha's link moves two lines down: its place changes, its verdict does not.
    write_notes(root, {"a.md": NOTES["a.md"].replace("## Reading", "A new line.\n\n## Reading")})


def _backlink(root: Path) -> None:
    # Alpha's own text is untouched; its footer gains "Linked from Gamma".
    write_notes(root, {"c.md": note("Gamma", "Back to [Alpha](a.md).")})


def _title(root: Path) -> None:
    write_notes(root, {"b.md": note("Beta renamed", "See [Alpha](a.md).", tags=("data",))})


def _person(root: Path) -> None:
    people = "somebody:\n  name: Some Body\n  aliases: [Somebody]\n"
    (root / "notes" / "people.yml").write_text(people, encoding="utf-8")


def _option(root: Path) -> None:
    use_plugin_options(root, "      decorate_links: false\n")


def _urls(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8"
    )


def _html(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


CHANGES: dict[str, Callable[[Path], None]] = {
    "a link's verdict": _failing,
    "a note's text": _note_text,
    "a link moved down": _moved,
    "a plain paragraph": _paragraph,
    "a new backlink": _backlink,
    "another note's title": _title,
    "a person's name": _person,
    "a plugin option": _option,
    "the page URLs": _urls,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_build_after_a_change_matches_a_build_from_scratch(tmp_path: Path, change: str) -> None:
    root = make_project(tmp_path, NOTES)
    seed(root, PAPER, Verdict.OK)
    first = build(root)
    assert first.code == 0, first.output
    assert (root / MEMO).is_file()
    before = _html(first.site)

    CHANGES[change](root)
    remembered = build(root)
    assert remembered.code == 0, remembered.output
    with_memo = _html(remembered.site)

    (root / MEMO).unlink()
    fresh = build(root)
    assert fresh.code == 0, fresh.output
    assert with_memo == _html(fresh.site)
    assert with_memo != before  # the change shows


def _stamp_parts(root: Path, mark: str) -> None:
    """Rewrite every remembered part in the memo file, keeping its key: a build that shows
    `mark` took that part from the memo."""
    with (root / MEMO).open("rb") as handle:
        stamp, parts = pickle.load(handle)
    for name, (key, text) in parts.items():
        # The People and Link health pages' Markdown is what their lists are put into: left
        # as it was, so that the lists' own keys still match.
        if name not in ("page:people.md", "page:link-health.md"):
            parts[name] = (key, f"{text}<!--{mark}:{name}-->")
    with (root / MEMO).open("wb") as handle:
        pickle.dump((stamp, parts), handle)


def test_an_unchanged_rebuild_takes_every_part_from_the_memo(tmp_path: Path) -> None:
    root = make_project(tmp_path, NOTES)
    first = build(root)
    assert first.code == 0, first.output
    _stamp_parts(root, "memo")

    again = build(root)
    assert again.code == 0, again.output
    assert "<!--memo:note:a.md-->" in again.page("a.md")
    assert "<!--memo:links-table-->" in again.page("links.md")
    assert "<!--memo:people-lists-->" in again.page("people.md")
    assert "<!--memo:health-lists-->" in again.page("link-health.md")
    assert "<!--memo:page:links.md-->" in again.page("links.md")

    _note_text(root)  # one note changes: the other notes' parts still come from the memo
    _stamp_parts(root, "kept")
    changed = build(root)
    assert changed.code == 0, changed.output
    assert "<!--kept:note:a.md-->" not in changed.page("a.md")
    assert "Look at the data" in changed.page("a.md")
    assert "<!--kept:note:b.md-->" in changed.page("b.md")
    assert "<!--kept:links-table-->" not in changed.page("links.md")


def test_parts_made_from_an_online_check_are_never_read_back(tmp_path: Path) -> None:
    with serve({"/ok": 200}) as server:
        notes = {**NOTES, "c.md": note("Gamma", f"- [Fine]({server.url('/ok')})")}
        root = make_project(tmp_path, notes)
        use_plugin_options(root, "      linkcheck:\n        allow_private: true\n")
        assert build(root).code == 0
        _stamp_parts(root, "memo")
        # An online check has no key that says what its results hold: every part is made.
        online = build(root, strict=False, env={"DLNOTES_LINKCHECK": "online"})
        assert online.code == 0, online.output
        assert server.hits["/ok"] >= 1
        assert "<!--memo:" not in online.page("a.md") + online.page("links.md")


def test_a_part_is_made_once_per_key(tmp_path: Path) -> None:
    made: list[str] = []

    def make(text: str) -> Callable[[], str]:
        def run() -> str:
            made.append(text)
            return text

        return run

    memo = PageMemo(tmp_path / "pages.pickle")
    assert memo.part("note:a.md", "k1", make("one")) == "one"
    assert memo.part("note:a.md", "k1", make("two")) == "one"  # same inputs: remembered
    assert memo.part("note:a.md", "k2", make("three")) == "three"  # inputs changed
    assert memo.part("note:b.md", None, make("four")) == "four"  # inputs unknown
    assert memo.part("note:b.md", None, make("five")) == "five"  # ... never remembered
    assert made == ["one", "three", "four", "five"]


def test_the_file_keeps_what_the_last_build_asked_for(tmp_path: Path) -> None:
    file = tmp_path / ".dlnotes" / "pages.pickle"
    memo = PageMemo(file)
    memo.part("note:a.md", "ka", lambda: "A")
    memo.part("note:gone.md", "kg", lambda: "G")
    assert memo.save() is None

    later = PageMemo(file)  # a build after gone.md was deleted
    assert later.part("note:a.md", "ka", lambda: "made again") == "A"
    assert later.save() is None
    before = file.read_bytes()
    assert later.save() is None  # nothing asked for since: the file stays as it is
    assert file.read_bytes() == before

    again = PageMemo(file)
    assert again.part("note:gone.md", "kg", lambda: "made again") == "made again"


def test_a_damaged_file_reads_as_nothing_and_a_failed_write_is_a_message(tmp_path: Path) -> None:
    file = tmp_path / "pages.pickle"
    file.write_bytes(b"not a pickle")
    memo = PageMemo(file)
    assert memo.part("note:a.md", "k", lambda: "made") == "made"
    assert memo.save() is None
    assert PageMemo(file).part("note:a.md", "k", lambda: "again") == "made"

    blocked = PageMemo(tmp_path / "pages.pickle" / "inside")  # its folder is a file
    blocked.part("note:a.md", "k", lambda: "made")
    trouble = blocked.save()
    assert trouble is not None and "could not write" in trouble


def test_moving_links_keeps_the_other_notes_parts(tmp_path: Path) -> None:
    root = make_project(tmp_path, NOTES)
    seed(root, PAPER, Verdict.OK)
    assert build(root).code == 0
    _stamp_parts(root, "kept")
    _moved(root)
    moved = build(root)
    assert moved.code == 0, moved.output
    assert "<!--kept:note:a.md-->" not in moved.page("a.md")
    assert "<!--kept:note:b.md-->" in moved.page("b.md")  # the verdicts' key did not change


def test_a_plain_paragraph_keeps_the_generated_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path, NOTES)
    assert build(root).code == 0
    _stamp_parts(root, "kept")
    _paragraph(root)
    edited = build(root)
    assert edited.code == 0, edited.output
    assert "Still nothing." in edited.page("c.md")
    assert "<!--kept:note:c.md-->" not in edited.page("c.md")
    assert "<!--kept:links-table-->" in edited.page("links.md")
    assert "<!--kept:people-lists-->" in edited.page("people.md")
