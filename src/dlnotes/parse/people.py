"""The people/alias table (notes/people.yml) and resolving a written name to a Person."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from dlnotes.model import Person
from dlnotes.problems import Problem, Severity

PEOPLE_FILE = "people.yml"


def slug(name: str) -> str:
    return re.sub(r"[^\w.]+", "-", name.strip().lower()).strip("-") or "someone"


def load_people(path: Path, display: str) -> tuple[dict[str, Person], list[Problem]]:
    """Read people.yml: `id: {name, aliases, kind, url}`. A missing file is an empty table."""
    if not path.is_file():
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return {}, [Problem(display, line, f"cannot read the people table: {exc}")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(display, 1, "people.yml must map ids to {name, aliases, kind, url}")]
    people: dict[str, Person] = {}
    problems: list[Problem] = []
    for pid, entry in data.items():
        entry = entry or {}
        if not isinstance(entry, dict):
            problems.append(Problem(display, 1, f"person `{pid}` must be a mapping"))
            continue
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(Problem(display, 1, f"`aliases` of `{pid}` must be a list of strings"))
            aliases = []
        kind = entry.get("kind", "person")
        if kind not in ("person", "source"):
            problems.append(
                Problem(display, 1, f"`kind` of `{pid}` must be person or source", Severity.ERROR)
            )
            kind = "person"
        people[str(pid)] = Person(
            id=str(pid),
            name=str(entry.get("name", pid)),
            aliases=tuple(aliases),
            kind=kind,
            url=entry.get("url"),
        )
    return people, problems


class PeopleIndex:
    """Case-insensitive lookup of ids, names and aliases; remembers unknown names it meets."""

    def __init__(self, people: dict[str, Person]) -> None:
        self.people = dict(people)
        self._names: dict[str, str] = {}
        for person in people.values():
            for name in (person.id, person.name, *person.aliases):
                self._names[name.casefold()] = person.id

    def find(self, name: str) -> Person | None:
        pid = self._names.get(name.strip().casefold())
        return self.people[pid] if pid else None

    def resolve(self, name: str) -> tuple[Person, bool]:
        """The person for a written name, and whether it was known; unknown names get an entry."""
        found = self.find(name)
        if found:
            return found, found.known
        person = Person(id=slug(name), name=name.strip(), known=False)
        self.people.setdefault(person.id, person)
        self._names[name.strip().casefold()] = person.id
        return self.people[person.id], False
