"""Mend one link on one line: put an archived copy beside it, or point it at a new URL. Each
returns the new line, or None when the link is not on that line as expected."""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from dataclasses import dataclass
from html import escape
from itertools import accumulate
from typing import TypeVar

from dlnotes.parse.blocks import blocks_as_markdown
from dlnotes.parse.frontmatter import split_front_matter
from dlnotes.parse.references import DEFINITION, DESTINATION_OPENS, reference_label
from dlnotes.parse.tokens import (
    code_spans,
    markdown_tokens,
    reference_tokens,
    unclosed_backticks,
    verbatim_lines,
)

ARCHIVED_LABEL = "archived"
_Span = TypeVar("_Span", bound=tuple[int, ...])  # a link's start on its line, then more
_Code = list[tuple[int, int]]  # where a line's code spans start and end on it
# What add_archive_link puts after a link, in Markdown or in HTML.
_ALREADY_ARCHIVED = re.compile(
    rf"\s*\((?:\[{ARCHIVED_LABEL}\]\(|<a href=[^>]*>{ARCHIVED_LABEL}</a>)"
)


# A reference-style link where it is used: `[text][label]`, `[label][]` or `[label]` (not an
# inline link, a full reference or a definition), the text allowed one level of brackets.
_REFERENCE = re.compile(
    r"!?\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\](?:\[((?:[^\[\]\\]|\\.)*)\]|(?![(\[:]))"
)


def _url_pattern(url: str, *, escapes: bool = False) -> str:
    """`url` as a note may write it: as read, or with an `&` as the entity `&amp;` (which
    CommonMark and HTML both read as `&`, and the parser hands over what it read); in a
    Markdown link's destination or a definition (`escapes`), with a backslash before any
    punctuation too (`a\\_b`), which CommonMark reads as an escape there, and not in an
    autolink or in HTML."""
    parts = []
    for char in url:
        written = "(?:&amp;|&)" if char == "&" else re.escape(char)
        parts.append(rf"\\?{written}" if escapes and char in _PUNCTUATION else written)
    return "".join(parts)


_PUNCTUATION = frozenset(string.punctuation)


def _destination_goes_on(url: str) -> re.Pattern[str]:
    """A link's destination begun at the end of what is read so far, to be finished on the
    next line: `[t](⏎url)`, `[t](url⏎"title")` or a title that runs on (CommonMark allows a
    line break before the URL, before the title and inside it; none inside `<url>`); or an
    HTML link's tag that goes on, `<a⏎href="url">`."""
    written = _url_pattern(url, escapes=True)
    title = r"""(?:\s+(?:"[^"]*|'[^']*|\([^()]*))?"""
    markdown = rf"\]\(\s*(?:(?:<{written}>|{written}){title})?\s*\Z"
    return re.compile(rf"{markdown}|<a(?:\s[^<>]*)?\Z", re.IGNORECASE)


def joined_lines(lines: list[str], url: str, skip: frozenset[int] = frozenset()) -> list[range]:
    """The lines (each ending in its line break) as the mends read them: one at a time, but a
    line on which a link to `url` begins whose destination (or HTML tag) goes on to the next
    line (`[t](⏎url)`, `<a⏎href="url">`) is read with the lines that finish it, as one: each
    range is one such read. A link may begin where one ends, so a read may hold many; a blank
    line ends them, and the lines of `skip` (see `not_markdown`) hold none."""
    goes_on = _destination_goes_on(url)
    read: list[range] = []
    at = 0
    while at < len(lines):
        stop = at + 1
        if at not in skip and ("](" in lines[at] or "<a" in lines[at].lower()):
            text = lines[at]
            while (
                stop < len(lines)
                and stop not in skip
                and lines[stop].strip()
                and goes_on.search(text)
            ):
                text += lines[stop]
                stop += 1
        read.append(range(at, stop))
        at = stop
    return read


def is_definition(line: str) -> bool:
    """Whether the line is a reference definition, `[label]: url`, maybe with a title."""
    return DEFINITION.match(line) is not None


def not_markdown(text: str) -> frozenset[int]:
    """The lines of a note's file (from 0) that hold no reference definition, whatever they
    look like: its front-matter, and its body's code and HTML blocks."""
    _, body, body_line = split_front_matter(text)
    offset = body_line - 1
    shown = verbatim_lines(markdown_tokens(blocks_as_markdown(body)))  # as the parser reads it
    return frozenset(range(offset)) | {offset + index for index in shown}


def spanning_code(text: str) -> dict[int, range]:
    """For each line of a note's file (from 0) in a paragraph where a code span may run from
    one line to the next, that paragraph's lines: there, a line alone does not say what is
    code (see `code_on`). Empty for most notes, whose every backtick pairs on its line."""
    if "`" not in text or not any(
        unclosed_backticks(line) for line in text.split("\n") if "`" in line
    ):
        return {}
    _, body, body_line = split_front_matter(text)
    offset = body_line - 1
    found: dict[int, range] = {}
    # markdown-it-py's own tokens: their paragraphs map every line they hold.
    for token in reference_tokens(blocks_as_markdown(body)):
        if token.type in ("paragraph_open", "heading_open") and token.map:
            lines = range(offset + token.map[0], offset + token.map[1])
            if len(lines) > 1:
                found.update(dict.fromkeys(lines, lines))
    return found


def code_over(lines: list[str], held: range, spanning: dict[int, range]) -> _Code:
    """`code_on` for the lines of `held` read as one (see `joined_lines`)."""
    if len(held) == 1:
        return code_on(lines, held.start, spanning)
    code: _Code = []
    start = 0
    for at in held:
        code += [(begin + start, end + start) for begin, end in code_on(lines, at, spanning)]
        start += len(lines[at])
    return code


def code_on(lines: list[str], at: int, spanning: dict[int, range]) -> _Code:
    """Where the code spans of line `at` start and end on it, found over its paragraph when
    one may run on from line to line (see `spanning_code`): the markers that may begin its
    lines (`>`, a list's) hold no backtick, so they change no pairing."""
    paragraph = spanning.get(at)
    if paragraph is None:
        return code_spans(lines[at])
    start = sum(len(line) for line in lines[paragraph.start : at])
    end = start + len(lines[at])
    joined = "".join(lines[paragraph.start : paragraph.stop])
    return [
        (max(begin, start) - start, min(stop, end) - start)
        for begin, stop in code_spans(joined)
        if begin < end and stop > start
    ]


@dataclass(frozen=True)
class Definition:
    label: str  # as written
    url: str  # as written
    line: int  # of the label, from 0
    url_line: int  # the label's, or the next one when the URL is written there
    url_at: int  # where the URL starts on its line


def defining(lines: list[str], url: str, skip: frozenset[int] = frozenset()) -> list[Definition]:
    """The reference definitions among `lines` (each ending in its line break) that point at
    `url`, but those whose label is on a line of `skip` (see `not_markdown`)."""
    text = "".join(lines)
    if "]:" not in text:
        return []
    written = re.compile(_url_pattern(url, escapes=True))
    starts = [0, *accumulate(len(line) for line in lines)]  # where each line starts in `text`
    found = []
    for match in DEFINITION.finditer(text):
        line = bisect_right(starts, match.start()) - 1
        if line not in skip and written.fullmatch(match.group(2)):
            url_line = bisect_right(starts, match.start(2)) - 1
            at = match.start(2) - starts[url_line]
            found.append(Definition(match.group(1), match.group(2), line, url_line, at))
    return found


def reference_labels(
    lines: list[str], url: str, skip: frozenset[int] = frozenset()
) -> frozenset[str]:
    """The labels of the reference definitions among `lines` (but those at `skip`, see
    `not_markdown`) that point at `url`."""
    return frozenset(reference_label(d.label) for d in defining(lines, url, skip))


def _outside_code(line: str, spans: list[_Span], code: _Code | None) -> list[_Span]:
    """The spans that do not start inside one of the line's code spans (`code`, else those
    the line holds alone): a link shown as code is no link."""
    if code is None:
        code = code_spans(line) if "`" in line else []
    return [span for span in spans if not any(start <= span[0] < end for start, end in code)]


def _reference_spans(
    line: str, labels: frozenset[str], code: _Code | None
) -> list[tuple[int, int]]:
    if not labels or is_definition(line):
        return []
    spans: list[tuple[int, int]] = []
    for match in _REFERENCE.finditer(line):
        label = match.group(2) or match.group(1)  # `[label][]` and `[label]` name themselves
        # Foam's `[[label]]` is `[`, a reference, `]` (see `bracketed_references`): the copy
        # goes after the whole, which the page keeps whole.
        bracketed = match.group(2) is None and label[:1] == "[" and label[-1:] == "]"
        if reference_label(label[1:-1] if bracketed else label) in labels:
            spans.append((match.start(), match.end()))
    return _outside_code(line, spans, code)


def _link_spans(line: str, url: str, code: _Code | None) -> list[tuple[int, int, int, int]]:
    """(link start, link end, url start, url end) for each link to `url` on the line: inline
    `[t](url)` or `[t](<url>)`, autolink `<url>`, or an HTML `<a href="url">` (a definition's
    URL is found by `defining`)."""
    spans: list[tuple[int, int, int, int]] = []
    escaped, written = _url_pattern(url), _url_pattern(url, escapes=True)
    # A title in any of CommonMark's three forms: "t", 't' or (t), escapes and all.
    title = r"""(\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"""
    for match in re.finditer(rf"\]\(\s*(<?)({written})(>?){title}\s*\)", line):
        if bool(match.group(1)) == bool(match.group(3)):
            spans.append((match.start(), match.end(), match.start(2), match.end(2)))
    for match in re.finditer(rf"<({escaped})>", line):
        if not DESTINATION_OPENS.search(line, 0, match.start()):  # `](<url>)` is no autolink
            spans.append((match.start(), match.end(), match.start(1), match.end(1)))
    # Raw HTML, `<a href="url">T</a>`: the link ends with its `</a>` when the line holds it.
    for match in re.finditer(rf"""<a\s[^>]*?\bhref\s*=\s*(["']?)({escaped})\1[\s>/]""", line, re.I):
        closing = line.lower().find("</a>", match.end())
        end = closing + len("</a>") if closing >= 0 else match.end()
        spans.append((match.start(), end, match.start(2), match.end(2)))
    return sorted(_outside_code(line, spans, code))


def _archivable(
    line: str, url: str, labels: frozenset[str], code: _Code | None
) -> list[tuple[int, int]]:
    """Where each link to `url` on the line starts and ends, written inline, as HTML or as a
    reference to one of `labels`, with the attribute list that follows it (attr_list's
    `{target=_blank}`, which a copy must not part from it). Not a definition: a copy after it
    would break it (CommonMark reads the line as text; Python-Markdown takes the copy for the
    link's title)."""
    inline = [(start, end) for start, end, _, _ in _link_spans(line, url, code)]
    spans = [
        (start, end)
        for start, end in sorted(inline + _reference_spans(line, labels, code))
        if not _in_link_text(line, start, end)
    ]
    return [(start, _past_attributes(line, start, end)) for start, end in spans]


# An autolink or a reference inside another link's text, `[see <url> here](other)` or
# `[[1]](other)`: a copy there would end up in that link's text, parting it from its URL.
_TEXT_OPEN_BEFORE = re.compile(r"\[[^\[\]]*\Z")
_TEXT_CLOSES_AFTER = re.compile(r"[^\[\]]*\]\(")


def _in_link_text(line: str, start: int, end: int) -> bool:
    return (
        line[start : start + 2] != "<a"
        and _TEXT_OPEN_BEFORE.search(line, 0, start) is not None
        and _TEXT_CLOSES_AFTER.match(line, end) is not None
    )


# An attribute list right after a Markdown link (not HTML, which attr_list leaves alone).
_ATTRIBUTE_LIST = re.compile(r"\{[^{}\n]*\}")


def _past_attributes(line: str, start: int, end: int) -> int:
    if line[start : start + 2].lower() == "<a":
        return end
    attributes = _ATTRIBUTE_LIST.match(line, end)
    return end if attributes is None else attributes.end()


def links_held(
    line: str, url: str, labels: frozenset[str] = frozenset(), code: _Code | None = None
) -> int:
    """How many links to `url`, or references to one of `labels`, the line holds where they
    are used (a definition aside). `code`: where its code spans are, when the line alone
    does not say (see `code_on`); the same for each function below."""
    return len(_archivable(line, url, labels, code))


def archived_links(
    line: str, url: str, labels: frozenset[str] = frozenset(), code: _Code | None = None
) -> int:
    """How many links to `url` on the line (or references to `labels`) have an archived copy
    after them."""
    return sum(
        1 for _, end in _archivable(line, url, labels, code) if _ALREADY_ARCHIVED.match(line[end:])
    )


def _runs_on(line: str, start: int, end: int) -> bool:
    """Whether the span is an HTML link whose text goes on past the line (no `</a>` on it)."""
    return line[start : start + 2].lower() == "<a" and not line[:end].lower().endswith("</a>")


def html_link_runs_on(line: str, url: str, code: _Code | None = None) -> bool:
    """Whether a link to `url` on the line is HTML whose `</a>` is on a later line, with no
    archived copy after it: `add_archive_link` leaves such a link as it is."""
    return any(
        _runs_on(line, start, end) and not _ALREADY_ARCHIVED.match(line[end:])
        for start, end, _, _ in _link_spans(line, url, code)
    )


def add_archive_link(
    line: str,
    url: str,
    archive_url: str,
    labels: frozenset[str] = frozenset(),
    code: _Code | None = None,
) -> str | None:
    """`[T](url)` -> `[T](url) ([archived](archive_url))`, and the same after `[T][label]`
    for a label of `labels` (see `reference_labels`); unchanged when already there. An HTML
    link gets an HTML one, which reads the same in a paragraph and in an HTML block."""
    spans = _archivable(line, url, labels, code)
    if not spans:
        return None
    out = line
    for start, end in reversed(spans):
        if _ALREADY_ARCHIVED.match(out[end:]):
            continue
        if out[start : start + 2].lower() == "<a":
            if _runs_on(out, start, end):
                continue  # no place to put it on this line: see html_link_runs_on
            archived = f'(<a href="{escape(archive_url)}">{ARCHIVED_LABEL}</a>)'
        else:
            archived = f"([{ARCHIVED_LABEL}]({_destination(archive_url)}))"
        out = f"{out[:end]} {archived}{out[end:]}"
    return out


def _destination(url: str) -> str:
    """`url` as a Markdown link's destination: in `<…>` when it holds what a bare one may
    not (a space, a parenthesis left open), as an archived copy of such a URL does."""
    bare = not any(c.isspace() for c in url) and url.count("(") == url.count(")")
    return url if bare or "<" in url or ">" in url else f"<{url}>"


def replace_link_url(line: str, url: str, new_url: str, code: _Code | None = None) -> str | None:
    """The link's URL replaced by `new_url`; the title and the rest of the line kept."""
    spans = _link_spans(line, url, code)
    if not spans:
        return None
    out = line
    for link, _, start, end in reversed(spans):
        new = _as_written(out[start:end], url, new_url)
        if out.startswith("](", link) and out[start - 1] != "<":
            # A bare destination: a redirect's URL may leave a parenthesis open
            # (`…_(Foundation,_#1)` becomes `…Foundation#1)`), which would end the link early.
            new = _destination(new)
        out = out[:start] + new + out[end:]
    return out


def replace_defined_url(line: str, definition: Definition, url: str, new_url: str) -> str:
    """The line that holds `definition`'s URL (see `defining`), with `new_url` in its place."""
    start, end = definition.url_at, definition.url_at + len(definition.url)
    new = _as_written(definition.url, url, new_url)
    if line[start - 1 : start] != "<":
        new = _destination(new)  # as in `replace_link_url`: CommonMark's definitions too
    return line[:start] + new + line[end:]


def _as_written(written: str, url: str, new_url: str) -> str:
    """`new_url` in place of `url` as a note wrote it: with `&amp;`, it stays so written."""
    if written == url or "&amp;" not in written:  # an autolink's `&amp;` is as read
        return new_url
    return new_url.replace("&", "&amp;")
