"""Where `dlnotes add` puts a link: a new or empty section starts a list like the note's own."""

from __future__ import annotations

from dlnotes.parse import parse_note
from dlnotes.write import insert_entry

ENTRY = "[Added](https://added.example/x)"


def _added(before: str, after: str) -> list[str]:
    assert after.startswith(before.rstrip("\n"))
    return after[len(before.rstrip("\n")) :].split("\n")


def test_a_new_section_starts_a_list_with_the_bullet_the_note_uses() -> None:
    text = "---\ntitle: T\n---\n\n# T\n\n1. Step\n\n## Reads\n\n* [A](https://a.example)\n"
    after = insert_entry(text, ENTRY, "Fresh finds")
    assert _added(text, after) == ["", "", "## Fresh finds", "", f"* {ENTRY}", ""]
    note, _ = parse_note(after, path="t.md", display="t.md", people={})
    (link,) = [link for link in note.links if link.url == "https://added.example/x"]
    assert link.headings[-1] == "Fresh finds"


def test_without_a_bullet_list_outside_code_the_bullet_is_a_dash() -> None:
    text = "---\ntitle: T\n---\n\n# T\n\n```\n* not a list\n```\n\n1. Step\n"
    assert _added(text, insert_entry(text, ENTRY, "Reads"))[-2] == f"- {ENTRY}"


def test_an_empty_section_gets_a_list_item_and_one_ending_in_text_a_paragraph() -> None:
    text = "---\ntitle: T\n---\n\n## Empty\n\n## Prose\n\nSome words.\n"
    after = insert_entry(text, ENTRY, "Empty")
    assert f"## Empty\n\n- {ENTRY}\n\n## Prose" in after
    after = insert_entry(text, ENTRY, "Prose")
    assert after.endswith(f"Some words.\n\n{ENTRY}\n")
