"""YAML front-matter: split it from the body and validate it against the documented keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from dlnotes.problems import Problem, Severity

BYTE_ORDER_MARK = "\ufeff"  # what some editors put before UTF-8 text; not part of the note

# Keys dlnotes reads, and keys MkDocs/Material read that a note may carry through.
KNOWN_KEYS = frozenset({"title", "summary", "tags", "created", "updated", "aliases"})
PASSTHROUGH_KEYS = frozenset(
    {"description", "hide", "icon", "status", "template", "search", "comments", "subtitle"}
)


# libyaml's loader where PyYAML was built with it: the pure-Python one took a fifth of the
# time spent parsing a large knowledge base.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """SafeLoader that leaves dates as strings, so a bad date is our error with our line."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# YAML's own reading of a plain scalar as a date, which MkDocs' and Material's front-matter
# loaders keep: a title or a tag they read so is no text to them (Material's tags plugin stops
# the build on it with a traceback).
_TIMESTAMP = next(
    rx
    for resolvers in yaml.SafeLoader.yaml_implicit_resolvers.values()
    for tag, rx in resolvers
    if tag == "tag:yaml.org,2002:timestamp"
)


def _read_as_date(node: yaml.Node) -> str | None:
    """The first plain scalar of `node` (a value, or a list's items) that YAML reads as a
    date, as written."""
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in nodes:
        plain = isinstance(item, yaml.ScalarNode) and not item.style  # no quotes
        if plain and _TIMESTAMP.match(item.value):
            return str(item.value)
    return None


def _compose(source: str) -> tuple[yaml.Node | None, Any]:
    """The document's node (for the lines of its keys) and its value, from one parse."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


@dataclass
class FrontMatter:
    title: str = ""
    summary: str | None = None
    tags: tuple[str, ...] = ()
    created: dt.date | None = None
    updated: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(YAML text or None, body, 1-based line the body starts on)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None, text, 1


def parse_front_matter(source: str, display: str) -> tuple[FrontMatter, list[Problem]]:
    """Validate the YAML between the `---` lines; lines in problems count from the file's top."""
    problems: list[Problem] = []

    def error(line: int, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(display, line, message, severity))

    try:
        node, data = _compose(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        error(line, f"invalid YAML in front-matter: {exc.problem or exc}")
        return FrontMatter(), problems
    if node is None:
        error(1, "front-matter is empty: a note needs at least `title:`")
        return FrontMatter(), problems
    if not isinstance(node, yaml.MappingNode):
        error(node.start_mark.line + 2, "front-matter must be a mapping of keys to values")
        return FrontMatter(), problems

    lines = {key.value: key.start_mark.line + 2 for key, _ in node.value}
    values = {key.value: value for key, value in node.value}
    meta = FrontMatter()
    seen_title = False
    for key, value in data.items():
        line = lines.get(key, 1)
        key = str(key)
        dated = _read_as_date(values[key]) if key in ("title", "tags") else None
        if dated is not None:
            seen_title = seen_title or key == "title"
            error(
                line,
                f'`{key}` must be text, but the site reads {dated} as a date: quote it, "{dated}"',
            )
        elif key == "title":
            seen_title = True
            if not isinstance(value, str) or not value.strip():
                error(line, "`title` must be a non-empty string")
            else:
                meta.title = value.strip()
        elif key == "summary":
            if isinstance(value, str):
                meta.summary = value.strip()
            else:
                error(line, "`summary` must be a string")
        elif key == "tags":
            if value is None:
                pass  # `tags:` left empty, as Obsidian's properties and templates write it
            elif isinstance(value, list) and all(isinstance(t, str) and t.strip() for t in value):
                meta.tags = tuple(t.strip() for t in value)
            else:
                error(line, "`tags` must be a list of strings, e.g. `tags: [optimisation, cnn]`")
        elif key in ("created", "updated"):
            parsed = _date(value)
            if parsed is None:
                error(line, f"`{key}` must be a date written YYYY-MM-DD, not {value!r}")
            elif key == "created":
                meta.created = parsed
            else:
                meta.updated = parsed
        elif key == "aliases":
            if isinstance(value, list) and all(isinstance(a, str) for a in value):
                meta.extra[key] = value
            else:
                error(line, "`aliases` must be a list of strings")
        elif key in PASSTHROUGH_KEYS:
            meta.extra[key] = value
        else:
            error(line, f"unknown front-matter key `{key}`", Severity.WARNING)
            meta.extra[key] = value
    if not seen_title:
        error(1, "front-matter has no `title:`")
    return meta, problems


def _date(value: object) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
