"""A draft as a new note file: front-matter with its title, then its body."""

from __future__ import annotations

import json
import re

from dlnotes.importer.split import Draft


def yaml_string(value: str) -> str:
    """A YAML scalar for `value`: plain when that is safe, else double-quoted (JSON is YAML)."""
    plain = re.fullmatch(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*", value) and value == value.strip()
    if plain and value.lower() not in ("true", "false", "null", "yes", "no", "on", "off", "~"):
        return value
    return json.dumps(value, ensure_ascii=False)


def render(draft: Draft) -> str:
    head = f"---\ntitle: {yaml_string(draft.title)}\n---\n"
    if not draft.body:
        return head
    return head + "\n" + "\n".join(draft.body) + "\n"
