"""Undo what exporters do to Markdown (escapes, entities, broken link text, GitBook embeds)
while leaving code and math exactly as they were."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dlnotes.importer.links import find_links, normalized, url_of

_FENCE = re.compile(r"^(?P<quote>(?:>\s?)*)\s{0,3}(?P<fence>`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# Code spans and inline math: never touched.
_PROTECTED = re.compile(r"(`+)[\s\S]+?(?<!`)\1(?!`)|\$\$[\s\S]+?\$\$|\$[^\s$][^$\n]*?\$")
_EMBED = re.compile(r"\{%\s*embed\s+(?P<attrs>.*?)%\}", re.S)
_ENDEMBED = re.compile(r"\{%\s*endembed\s*%\}")
_ATTR = re.compile(r"(?P<name>\w+)=\"(?P<value>(?:[^\"\\]|\\.)*)\"")
_GLUED_WORD = re.compile(r"\)[A-Za-z0-9]")
# Not after `](`, `<`, `[`, a quote or `=` (a link, an autolink, a link text, an attribute).
_BARE_URL = re.compile(r"(?<!\]\()(?<![\w<\[\"'=/])https?://[^\s<>\[\]\"'`]+")
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")
# Only a paragraph with one of these can need a fix: the rest skip every pattern.
_NEEDS_FIX = re.compile(r"[&\\]|\]\(|\[\s|://")


@dataclass(frozen=True)
class Block:
    """A run of export lines that is either prose (cleaned) or verbatim (code, math, comments)."""

    start: int  # 0-based index of its first line in the export
    lines: list[str]
    verbatim: bool


def blocks(lines: list[str]) -> Iterator[Block]:
    """Split lines into prose and verbatim runs; fences count inside blockquotes too."""
    prose: list[str] = []
    prose_start = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        end = _verbatim_end(lines, index)
        if end is None:
            if not prose:
                prose_start = index
            prose.append(line)
            index += 1
            continue
        if prose:
            yield Block(prose_start, prose, False)
            prose = []
        yield Block(index, lines[index:end], True)
        index = end
    if prose:
        yield Block(prose_start, prose, False)


def _verbatim_end(lines: list[str], index: int) -> int | None:
    """If a verbatim run starts at `index`, the index just past it (an unclosed run takes all)."""
    line = lines[index]
    if "`" not in line and "~" not in line and "$$" not in line and "<!--" not in line:
        return None
    fence = _FENCE.match(line)
    if fence:
        mark = fence.group("fence")
        for end in range(index + 1, len(lines)):
            inner = re.sub(r"^(?:>\s?)*", "", lines[end]).strip()
            if inner.startswith(mark[0] * len(mark)) and not inner.strip(mark[0]):
                return end + 1
        return len(lines)
    stripped = re.sub(r"^(?:>\s?)*", "", line).strip()
    if stripped.startswith("$$") and stripped.count("$$") == 1:
        for end in range(index + 1, len(lines)):
            if "$$" in lines[end]:
                return end + 1
        return len(lines)
    if stripped.startswith("<!--"):
        for end in range(index, len(lines)):
            if "-->" in lines[end]:
                return end + 1
        return len(lines)
    return None


def clean_prose(text: str, known_titles: dict[str, str]) -> str:
    """Clean one prose run (several lines joined with `\\n`)."""
    # Inline Markdown never crosses a blank line: working a paragraph at a time keeps every
    # pattern's reach (and so the time a 10 MB export takes) bounded.
    parts = _PARAGRAPH_BREAK.split(text)
    for index in range(0, len(parts), 2):
        part = parts[index]
        if "{%" in part:
            part = _ENDEMBED.sub("", _EMBED.sub(_embed_link, part))
        if _NEEDS_FIX.search(part):
            part = on_unprotected(part, _fix_inline)
        if "[http" in part:
            part = on_unprotected(part, lambda piece: _retitle(piece, known_titles))
        parts[index] = part
    joined = "".join(parts)
    return _unwrap_quoted_lists(joined) if "\n>" in joined or joined.startswith(">") else joined


def on_unprotected(text: str, fix: Callable[[str], str]) -> str:
    """`text` with `fix` applied to all but its code spans and math."""
    if "`" not in text and "$" not in text:
        return fix(text)
    out: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(fix(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(fix(text[last:]))
    return "".join(out)


def _fix_inline(text: str) -> str:
    if "&" in text:
        text = _entities(text)
    if "\n" in text or "[ " in text:
        text = _join_link_text(text)
    if "\\" in text:
        text = "\n".join(_unescape_line(line) for line in text.split("\n"))
    if "](" in text:
        text = _unglue(text)
    return _autolink(text) if "http" in text else text


def _autolink(text: str) -> str:
    """A bare URL in prose is no link to Markdown: make it `<url>`, leaving out the sentence's
    punctuation after it (and a `)` it does not open)."""

    def wrap(match: re.Match[str]) -> str:
        url = match.group(0)
        tail = ""
        while url and (
            url[-1] in ".,;:!?*_~'\"" or (url[-1] == ")" and url.count("(") < url.count(")"))
        ):
            url, tail = url[:-1], url[-1] + tail
        return f"<{url}>{tail}" if "://" in url and len(url) > 8 else match.group(0)

    if not _BARE_URL.search(text):
        return text
    # A URL inside a link (its text or its destination) is the link's business.
    out: list[str] = []
    last = 0
    for link in sorted(find_links(text), key=lambda found: found.start):
        if link.start < last:
            continue
        out.append(_BARE_URL.sub(wrap, text[last : link.start]))
        out.append(text[link.start : link.end])
        last = link.end
    out.append(_BARE_URL.sub(wrap, text[last:]))
    return "".join(out)


def _entities(text: str) -> str:
    text = re.sub(r"&lt;br\s*/?&gt;", "<br>", text, flags=re.I)
    text = re.sub(r"&nbsp;|&#160;|&#xa0;", " ", text, flags=re.I)
    # `&lt;`, `&gt;` and `&amp;` would turn into HTML or another entity; decode them only where
    # they cannot.
    text = re.sub(r"&lt;(?![A-Za-z/!?$])", "<", text)
    text = "\n".join(
        line if "&lt;" in line else re.sub(r"(?<=\S)&gt;", ">", line) for line in text.split("\n")
    )
    text = re.sub(r"&amp;(?!#?\w+;)", "&", text)
    return re.sub(
        r"&(?!lt;|gt;|amp;)(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",
        lambda m: html.unescape(m.group(0)),
        text,
    )


def _join_link_text(text: str) -> str:
    """`[  \\nTitle](url)`: a link text broken across lines becomes one line."""

    def join(match: re.Match[str]) -> str:
        inner = match.group(1)
        if "\n" not in inner and inner == inner.strip():
            return match.group(0)
        return "[" + " ".join(inner.split()) + "]("

    return re.sub(r"(?<!\\)\[((?:[^\[\]\\\n]|\\.|\n(?!\s*\n))*)\]\(", join, text)


def _unescape_line(line: str) -> str:
    if "\\" not in line:
        return line
    # `]\(` would become a link; a table row needs its `\|`.
    line = re.sub(r"(?<!\])(?<!\\)\\([()])", r"\1", line)
    if not line.lstrip().startswith("|"):
        line = re.sub(r"(?<!\\)\\\|", "|", line)
    line = re.sub(
        r"(?<!\\)\\\[((?:[^\[\]\\]|\\[^\[\]])*)\\\](?![(\[:])",
        r"[\1]",
        line,
    )
    # `_` and `*` only where they cannot start or end emphasis: inside a word, or alone.
    line = re.sub(r"(?<=[^\W_])\\_(?=[^\W_])", "_", line)
    line = re.sub(r"(?<=\s)\\([_*])(?=\s)", r"\1", line)
    # Sentence punctuation escaped mid-line means nothing; at the start of a line it may.
    return re.sub(r"(?<=\S)\\([.\-#+!])(?!\[)", r"\1", line)


def _unglue(text: str) -> str:
    # `[t](url)word` -> `[t](url) word`; `[t](url)/` -> `[t](url/)`.
    if _GLUED_WORD.search(text):
        text = re.sub(r"(\]\((?:[^()\s]|\([^()\s]*\))+\))(?=[A-Za-z0-9])", r"\1 ", text)
    if ")/" not in text:
        return text
    return re.sub(r"\]\(((?:[^()\s]|\([^()\s]*\))+?[^/\s()])\)/(?=\s|$)", r"](\1/)", text)


def _retitle(text: str, known_titles: dict[str, str]) -> str:
    """`[https://x](https://x)` takes the title the same URL has elsewhere, when one is known."""
    out: list[str] = []
    last = 0
    for link in find_links(text):
        own = url_of(link.text)
        if own is None or text[link.start] != "[":
            continue
        title = known_titles.get(normalized(link.url))
        if title is None:
            continue
        out.append(text[last : link.start])
        # Known titles come from the raw export too: clean them as the text around them.
        out.append(f"[{_fix_inline(title)}]({text[link.start : link.end].split('](', 1)[1]}")
        last = link.end
    out.append(text[last:])
    return "".join(out)


def titles_of(text: str) -> dict[str, str]:
    """Normalised URL -> the first real (non-URL) title a link to it carries in `text`."""
    titles: dict[str, str] = {}
    for link in find_links(text):
        if text[link.start] == "[" and url_of(link.text) is None and link.text.strip():
            titles.setdefault(normalized(link.url), " ".join(link.text.split()))
    return titles


def _embed_link(match: re.Match[str]) -> str:
    attrs = {m.group("name"): m.group("value") for m in _ATTR.finditer(match.group("attrs"))}
    url = attrs.get("url")
    title = attrs.get("caption") or attrs.get("title")
    if "data" in attrs:
        data = _embed_data(attrs["data"])
        url = url or _str(data.get("url"))
        title = title or _str(data.get("title"))
    if not url:
        return match.group(0)
    url = url.replace("\\/", "/")
    text = " ".join((title or url).split()).replace("[", "\\[").replace("]", "\\]")
    return f"[{text}]({url})"


def _embed_data(raw: str) -> dict[str, object]:
    for candidate in (raw.replace('\\"', '"'), raw, html.unescape(raw)):
        try:
            value = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return {}


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _unwrap_quoted_lists(text: str) -> str:
    """A blockquote that holds nothing but a list, right under a heading, is how GitBook exports
    a plain list in a hint box: unwrap it so the list reads as the heading's checklist."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        if not lines[index].startswith(">") or not _after_heading(lines, index):
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].startswith(">"):
            end += 1
        inner = [re.sub(r"^>\s?", "", line) for line in lines[index:end]]
        if (
            inner
            and _LIST_ITEM.match(inner[0])
            and all(
                _LIST_ITEM.match(line) or line.startswith(" ") or not line.strip() for line in inner
            )
        ):
            lines[index:end] = inner
        index = end
    return "\n".join(lines)


def _after_heading(lines: list[str], index: int) -> bool:
    previous = index - 1
    while previous >= 0 and not lines[previous].strip():
        previous -= 1
    return previous >= 0 and bool(_HEADING.match(lines[previous]))
