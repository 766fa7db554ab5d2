"""Find the notes (a folder, a file, or mkdocs.yml's docs_dir) and load them all."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dlnotes._gc import paused_gc
from dlnotes.model import KnowledgeBase, Person
from dlnotes.parse.cache import ParseCache
from dlnotes.parse.people import PEOPLE_FILE, load_people
from dlnotes.parse.wikilinks import resolve_wikilinks
from dlnotes.problems import DlnotesError, Problem, Severity


@dataclass
class ParseResult:
    kb: KnowledgeBase
    problems: list[Problem] = field(default_factory=list)
    root: Path = Path()
    # Some notes of `root` only (PATH named files): a link to another note of `root` is
    # checked against that note as it is on disk.
    partial: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its `!!python/name:` and `!ENV` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_MkDocsLoader.add_multi_constructor("!", _ignore_tag)


def read_mkdocs_config(config_file: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise DlnotesError([Problem(str(config_file), 1, f"cannot read: {exc}")]) from exc
    return data if isinstance(data, dict) else {}


def notes_dir_from_mkdocs(start: Path | None = None) -> Path:
    """The docs_dir named by mkdocs.yml in `start` (default: the current folder)."""
    folder = start or Path.cwd()
    config_file = folder / "mkdocs.yml"
    if not config_file.is_file():
        raise DlnotesError(
            [Problem(str(config_file), 1, "no mkdocs.yml here: name the notes folder or file")]
        )
    docs_dir = read_mkdocs_config(config_file).get("docs_dir", "docs")
    return (folder / str(docs_dir)).resolve()


def display_path(path: Path) -> str:
    """How problems name a file: relative to the current folder when it lies below it."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(resolved)


def note_files(root: Path) -> list[Path]:
    """Every Markdown file below `root`, skipping hidden folders, in a stable order."""
    return [file for file in _files(root) if file.name.endswith(".md")]


def folder_files(root: Path) -> list[str]:
    """Every file below `root` but in hidden folders, as a path inside it: what an embed may
    name."""
    return [file.relative_to(root).as_posix() for file in _files(root)]


def _files(root: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath) / f for f in sorted(filenames)]
    return found


def read_note_text(file: Path, display: str) -> tuple[str | None, list[Problem]]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 1, f"cannot read: {exc.strerror or exc}")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(display, line, f"not UTF-8 (byte {raw[exc.start]:#04x}): save as UTF-8")
        ]


def display_prefix(folder: Path) -> str:
    """How problems name the files below `folder`: this, then their path inside it. One
    `display_path` for the folder: resolving each file costs a lookup per folder level."""
    shown = display_path(folder)
    return "" if shown == "." else f"{shown}/"


def parse_file(
    file: Path,
    *,
    path: str,
    display: str,
    people: dict[str, Person],
    parses: ParseCache,
    kb: KnowledgeBase,
) -> tuple[str | None, list[Problem]]:
    """Read one note and add its parse to `kb` (people it names that `people`, the people.yml
    table, does not know join `kb.people`); its text, None when unreadable, and its problems."""
    text, problems = read_note_text(file, display)
    if text is None:
        return None, problems
    parsed = parses.parse(text, path=path, display=display, people=people)
    for person in parsed.met:
        kb.people.setdefault(person.id, person)
    kb.notes.append(parsed.note)
    return text, problems + parsed.problems


def load_notes(path: str | Path | None = None, *, cache: ParseCache | None = None) -> ParseResult:
    """Parse a notes folder or a single note into a KnowledgeBase; never raises for bad notes.

    With `cache`, notes parsed before with the same text are not parsed again."""
    target = Path(path) if path is not None else notes_dir_from_mkdocs()
    if not target.exists():
        raise DlnotesError([Problem(str(target), 1, "no such file or folder")])
    root = target if target.is_dir() else target.parent
    files = note_files(target) if target.is_dir() else [target]
    people_file = root / PEOPLE_FILE
    people, problems = load_people(people_file, display_path(people_file))
    parses = cache or ParseCache()
    parses.use_people(people_file)
    kb = KnowledgeBase(people=dict(people))
    prefix = display_prefix(root)
    with paused_gc():  # see dlnotes._gc: a model of many small objects, no cycles
        for file in files:
            rel = file.relative_to(root).as_posix()
            _, note_problems = parse_file(
                file, path=rel, display=prefix + rel, people=people, parses=parses, kb=kb
            )
            problems += note_problems
    kb.notes, unresolved = resolve_wikilinks(kb.notes, functools.partial(folder_files, root))
    problems += unresolved
    if cache is not None:
        trouble = cache.save()
        if trouble is not None:
            problems.append(Problem(str(cache.file), 1, trouble, Severity.WARNING))
    return ParseResult(kb, problems, root.resolve(), partial=not target.is_dir())
