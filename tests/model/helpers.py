"""Build notes in memory: a test states its whole input in a few lines."""

from __future__ import annotations

from dlnotes.model import Note, Person
from dlnotes.parse import PeopleIndex, parse_note
from dlnotes.problems import Problem

PEOPLE = {
    "jeremy": Person("jeremy", "Jeremy Howard", ("Jeremy", "Jeremey")),
    "fast.ai": Person("fast.ai", "fast.ai", kind="source"),
    "a16z": Person("a16z", "a16z", kind="source"),
}


def note(body: str, *, front: str = "title: T\n", people: dict[str, Person] | None = None) -> Note:
    parsed, problems = note_and_problems(body, front=front, people=people)
    assert not [p for p in problems if p.severity == "error"], problems
    return parsed


def note_and_problems(
    body: str, *, front: str = "title: T\n", people: dict[str, Person] | None = None
) -> tuple[Note, list[Problem]]:
    text = f"---\n{front}---\n{body}"
    return parse_note(text, path="t.md", display="notes/t.md", people=PeopleIndex(people or PEOPLE))
