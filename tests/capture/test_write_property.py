"""Generated notes: written back unchanged they are byte-identical; an edit adds or changes
only the lines it must, and the parser sees exactly the change."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlnotes.parse import parse_note
from dlnotes.write import add_tag, insert_entry, read_text, set_updated, write_atomic
from tests.capture.helpers import inserted_lines

WORD = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABC深度学习é0123456789"),
    min_size=1,
    max_size=8,
)
WORDS = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
URL = st.builds(lambda host, path: f"https://{host}.example/{path}", WORD.map(str.lower), WORD)


@st.composite
def links(draw: st.DrawFn) -> str:
    line = f"[{draw(WORDS)}]({draw(URL).replace(' ', '')})"
    if draw(st.booleans()):
        line += f" {draw(st.sampled_from(['|', '—', ',']))} {draw(WORDS)}"
    return line


@st.composite
def sections(draw: st.DrawFn) -> tuple[str, list[str]]:
    heading = draw(WORDS)
    style = draw(st.sampled_from(["- ", "* ", "1. ", ""]))
    items = draw(st.lists(links(), min_size=0, max_size=4))
    if style == "":
        body = [line for item in items for line in (item, "")][:-1]
    elif style == "1. ":
        body = [f"{n}. {item}" for n, item in enumerate(items, 1)]
    else:
        body = [style + item for item in items]
    return heading, body


@st.composite
def notes(draw: st.DrawFn) -> str:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    head = ["---", f"title: Note {draw(WORDS)}"]
    if draw(st.booleans()):
        head.append(f"tags: [t{draw(WORD).lower()}]")
    if draw(st.booleans()):
        head.append("updated: 2020-01-02")
    head.append("---")
    body = [""]
    if draw(st.booleans()):
        body += [draw(WORDS), ""]
    for heading, lines in draw(
        st.lists(sections(), min_size=0, max_size=4, unique_by=lambda s: s[0])
    ):
        body += [f"## {heading}", ""] + lines + ([""] if lines else [])
    text = newline.join(head + body)
    if not draw(st.booleans()):
        text = text.rstrip("\r\n")  # no final newline
    return text + ("" if text.endswith(newline) else newline) if draw(st.booleans()) else text


FAST = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def parsed_links(text: str) -> list[tuple[str, tuple[str, ...]]]:
    note, problems = parse_note(text, path="n.md", display="n.md", people={})
    assert [p for p in problems if p.severity == "error"] == []
    return [(link.url, link.headings) for link in note.links]


@FAST
@given(notes())
def test_written_back_unchanged_is_byte_identical(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path: Path = tmp_path_factory.mktemp("w") / "note.md"
    path.write_bytes(text.encode("utf-8"))
    read, snapshot = read_text(path)
    parsed_links(read)
    write_atomic(path, read, snapshot)
    assert path.read_bytes() == text.encode("utf-8")


@FAST
@given(notes(), st.data())
def test_adding_a_link_only_adds_lines(text: str, data: st.DataObject) -> None:
    before = parsed_links(text)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    section = data.draw(st.sampled_from([None, *headings, "A brand new section"]))
    entry = "[Added](https://added.example/x) — why it matters"
    after_text = insert_entry(text, entry, section, at_end=section is None)
    added = inserted_lines(text, after_text)
    *heading, line = [line for line in added if line.strip()]
    assert heading in ([], [f"## {section}"])
    assert re.fullmatch(r"(- |\* |\d+\. )?" + re.escape(entry), line)
    after = parsed_links(after_text)
    assert len(after) == len(before) + 1
    new = [link for link in after if link[0] == "https://added.example/x"]
    assert len(new) == 1
    if section is not None:
        assert new[0][1][-1] == section


def one_line_changed(old: str, new: str) -> None:
    """`new` differs from `old` in one line only: replaced, or added."""
    changed = [
        op
        for op in difflib.SequenceMatcher(
            None, old.splitlines(keepends=True), new.splitlines(keepends=True), autojunk=False
        ).get_opcodes()
        if op[0] != "equal"
    ]
    assert len(changed) == 1, changed
    _, i1, i2, j1, j2 = changed[0]
    assert i2 - i1 <= 1 and j2 - j1 == 1, changed


@FAST
@given(notes())
def test_front_matter_edits_touch_one_line(text: str) -> None:
    updated = set_updated(text, dt.date(2026, 11, 24))
    one_line_changed(text, updated)
    note, _ = parse_note(updated, path="n.md", display="n.md", people={})
    assert note.updated == dt.date(2026, 11, 24)
    tagged = add_tag(updated, "fresh")
    one_line_changed(updated, tagged)
    note, _ = parse_note(tagged, path="n.md", display="n.md", people={})
    assert "fresh" in note.tags
    assert add_tag(tagged, "fresh") == tagged
