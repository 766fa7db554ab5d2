"""Change one front-matter key by rewriting or adding just its line; the rest stays as it was."""

from __future__ import annotations

import datetime as dt
import re

from dlnotes.write.lines import front_matter_end, newline_of, split_lines


class NoFrontMatterError(ValueError):
    """The note has no `---` front-matter block to change."""


def _key_line(lines: list[str], end: int, key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i for i in range(1, end - 1) if pattern.match(lines[i])), None)


def set_key(text: str, key: str, value: str) -> str:
    """Set a top-level key to a scalar written as `value` (already YAML): the key's line is
    replaced (with its ending kept), or a line is added before the closing `---`."""
    lines = split_lines(text)
    end = front_matter_end(lines)
    if end == 0:
        raise NoFrontMatterError("the note has no front-matter")
    newline = newline_of(text)
    index = _key_line(lines, end, key)
    if index is not None:
        ending = lines[index][len(lines[index].rstrip("\r\n")) :] or newline
        lines[index] = f"{key}: {value}{ending}"
        # A block value under the key (indented lines) would now be orphaned: drop it.
        while index + 1 < end - 1 and lines[index + 1][:1] in (" ", "\t"):
            del lines[index + 1]
    else:
        lines.insert(end - 1, f"{key}: {value}{newline}")
    return "".join(lines)


def set_updated(text: str, day: dt.date) -> str:
    """Set `updated:` to `day` (ISO date), touching only that line."""
    return set_key(text, "updated", day.isoformat())


_FLOW_LIST = re.compile(r"^(tags\s*:\s*\[)(.*?)(\]\s*)$")


def add_tag(text: str, tag: str) -> str:
    """Add `tag` to the `tags:` list (flow or block style) unless it is there already."""
    lines = split_lines(text)
    end = front_matter_end(lines)
    if end == 0:
        raise NoFrontMatterError("the note has no front-matter")
    newline = newline_of(text)
    index = _key_line(lines, end, "tags")
    if index is None:
        lines.insert(end - 1, f"tags: [{_yaml_scalar(tag)}]{newline}")
        return "".join(lines)
    body = lines[index].rstrip("\r\n")
    ending = lines[index][len(body) :] or newline
    flow = _FLOW_LIST.match(body)
    if flow:
        items = [item.strip().strip("'\"") for item in flow.group(2).split(",") if item.strip()]
        if tag in items:
            return text
        joined = f"{flow.group(2).rstrip()}, " if items else ""
        lines[index] = f"{flow.group(1)}{joined}{_yaml_scalar(tag)}{flow.group(3)}{ending}"
        return "".join(lines)
    if body.split(":", 1)[1].strip():
        # `tags: one` is a lone scalar: make it a list that keeps it.
        old = body.split(":", 1)[1].strip()
        lines[index] = f"tags: [{old}, {_yaml_scalar(tag)}]{ending}"
        return "".join(lines)
    last = index
    indent = "  "
    while last + 1 < end - 1 and re.match(r"^\s*-\s", lines[last + 1]):
        last += 1
        item = lines[last].strip()[1:].strip().strip("'\"")
        indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
        if item == tag:
            return text
    lines.insert(last + 1, f"{indent}- {_yaml_scalar(tag)}{newline}")
    return "".join(lines)


def _yaml_scalar(value: str) -> str:
    if re.fullmatch(r"[\w][\w .\-/]*", value) and value.strip() == value:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
