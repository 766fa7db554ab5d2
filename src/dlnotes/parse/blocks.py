"""Admonitions (`!!! tip "Title"`) and collapsible blocks (`??? note`, `???+ note`), which the
site renders with Python-Markdown's admonition and pymdownx.details: a header line, then
Markdown indented by four spaces. CommonMark reads the header's first paragraph as going on
and the rest as indented code, so the links, tips and lists in such a block were half lost.
The model reads the body with each header line left blank and its block moved out by four
spaces: every line stays on its line, and a block's Markdown is read as Markdown.
"""

from __future__ import annotations

import re

# The two extensions' own header forms: a type (or a quoted title alone for details), an
# optional quoted title, nothing else on the line.
_TYPE = r"[\w-]+(?: +[\w-]+)*"
_TITLE = r'"[^"\n]*"'
_HEADER = re.compile(rf"(?:!!!|\?\?\?\+?) ?(?:{_TYPE}(?: +{_TITLE})?|(?:{_TYPE} +)?{_TITLE}) *")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENT = "    "


def blocks_as_markdown(body: str) -> str:
    """`body` with its admonitions and collapsible blocks opened up (see the module)."""
    if "!!!" not in body and "???" not in body:
        return body
    out: list[str] = []
    depth = 0  # blocks open around the current line
    fence: str | None = None  # the open fence's run, and the depth it opened at
    fence_depth = 0
    for line in body.splitlines(keepends=True):
        text = line.rstrip("\r\n")
        ending = line[len(text) :]
        if not text.strip():
            out.append(ending)
            continue
        if depth:
            text = text.expandtabs(4)  # as Python-Markdown reads a block's indent
            # A line indented less than a block's content ends that block.
            while depth and not text.startswith(_INDENT * depth):
                depth -= 1
            text = text[len(_INDENT) * depth :]
        if fence is not None and fence_depth > depth:
            fence = None  # its block ended: so did the fence
        found = _FENCE.match(text)
        if fence is not None:
            if found and _closes(found, text, fence):
                fence = None
        elif found and "`" not in text[found.end() :]:
            fence, fence_depth = found.group(1), depth
        elif _HEADER.fullmatch(text):
            out.append(ending)
            depth += 1
            continue
        out.append(text + ending)
    return "".join(out)


def _closes(found: re.Match[str], text: str, fence: str) -> bool:
    run = found.group(1)
    return run[0] == fence[0] and len(run) >= len(fence) and not text[found.end() :].strip()
