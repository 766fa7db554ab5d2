"""Text the site would write into the page as a tag: tags that open an element a browser
reads the rest of the page into, never closed, and a `<` that is no tag to CommonMark.

A bookmark's title copied from MDN, `[<script>: The Script element](…)`, is an inline tag
to CommonMark and to the site alike, and both write it into the page as it is. A browser
then reads everything after it, up to a `</script>` that only Material's own scripts hold,
as the element's text: the rest of the note, the links and Material's scripts vanish (a
`<textarea>` shows them as text in a box). The model reads those links, so the page writes
such a tag as text (`pages/rawtext.py`).

`<!-->` and `<!--->` are whole, empty comments to CommonMark (0.31) and to a browser; the
site's Python-Markdown opens a comment there that runs to the next `-->`, hiding every link in
between (Stack Exchange posts hold them, typed for `<!-- -->`). The page writes `<!---->`.

`--!>` (an issue template's `<!-- delete this --!>`) ends a comment to a browser and to the
site, but not to CommonMark, which reads on to the next `-->`: the links between are hidden
from the model and shown by the site. The page writes `--!&gt;`, which ends nothing, so the
site hides them too (as GitHub shows them only as text), and the parser warns.

A tag over lines whose line ends in two spaces or a tab (`<a  ` then `href="…">`, as a web
clipper wraps it) is a tag to CommonMark, whitespace and all; the site's Python-Markdown reads
a hard break there even inside the tag, writes `<br />` into it and shows the tag as text. The
page trims those lines' ends.

A `<` before a letter that CommonMark reads as text (`$x<y$`, `lr<k`) may start a tag to
the site's Python-Markdown, whose pattern runs to the next `>` however far (`$x<y$ see
[docs](…) and $y>x$` becomes one `<y$ …>` tag, its link an attribute): the page writes such a
`<` as `&lt;`, which shows the same and opens nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dlnotes.parse.tokens import TokenLike, breaks_in, code_spans, inline_urls

# The elements whose content a browser reads as text, or hides, up to their closing tag.
_SWALLOWING = (
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
)
_OPENING = re.compile(rf"<({'|'.join(_SWALLOWING)})(?:\s[^>]*)?>", re.IGNORECASE)


# A tag left open (a `<`, no `<` or `>` after it, over any number of lines) at the end of a
# line that ends in two spaces or a tab.
_MAY_BREAK_TAG = re.compile(r"<[^<>]*?(?:  |\t)[ \t]*$", re.MULTILINE)


def may_break_tags(text: str) -> bool:
    """Cheap, and false for most notes: whether a line of `text` may end inside a tag with a
    hard break."""
    return "<" in text and _MAY_BREAK_TAG.search(text) is not None


def broken_tag_lines(tag: str, line: int, file_line: Callable[[int], str]) -> list[int]:
    """The file lines, from `line` (the first of the inline tag `tag`), that end inside the
    tag with what the site reads as a hard break: two spaces at the line's end once its tabs
    are four columns wide, as Python-Markdown reads them. It writes `<br />` there, which
    breaks the tag, and shows it as text; whitespace in a tag is whitespace to CommonMark."""
    return [
        line + index
        for index in range(tag.count("\n"))
        if file_line(line + index).expandtabs(4).endswith("  ")
    ]


def may_swallow(text: str) -> bool:
    """Cheap, and false for most notes: whether `text` holds such an opening tag."""
    return _OPENING.search(text) is not None


def swallowing_tags(
    tokens: Sequence[TokenLike], line_of: Callable[[TokenLike], int]
) -> list[tuple[int, str]]:
    """Each inline opening tag of such an element that nothing after it in its inline run
    closes (a `</script>` further on would take in all between): its file line and the tag
    as written."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        line = line_of(token)
        children = token.children
        for index, child in enumerate(children):
            opening = _OPENING.fullmatch(child.content) if child.type == "html_inline" else None
            if opening is not None:
                closing = re.compile(rf"</{opening.group(1)}\s*>", re.IGNORECASE)
                after = children[index + 1 :]
                if not any(c.type == "html_inline" and closing.match(c.content) for c in after):
                    found.append((line, child.content))
            line += breaks_in(child)
    return found


# A `<` before what may start a tag's name, not an autolink's scheme (`<https://a b>`, which
# the spaced-URL warning covers).
_BARE_ANGLE = re.compile(r"<(?=/?[A-Za-z])(?![A-Za-z][\w+.-]{1,31}:)")


def bare_angles(text: str, line: int) -> list[tuple[int, str]]:
    """Each `<` of `text`, a text child of an inline run on file line `line` (CommonMark
    read no tag there), that may start a tag to the site: its line and the text from it to
    the line's end, or 8 characters (what finds it in the line as written)."""
    found = []
    for angle in _BARE_ANGLE.finditer(text):
        at = line + text.count("\n", 0, angle.start())
        rest = text[angle.start() : angle.start() + 8].split("\n", 1)[0]
        found.append((at, rest))
    return found


_SHORT_COMMENT = re.compile(r"<!---?>")


def may_hold_short_comments(text: str) -> bool:
    """Cheap, and false for most notes: whether `text` holds `<!-->` or `<!--->`."""
    return "<!--" in text and _SHORT_COMMENT.search(text) is not None


def short_comments(lines: Sequence[str], first: int, code: set[int]) -> list[tuple[int, str]]:
    """Each `<!-->` or `<!--->` of `lines` (a body, whose line 0 is file line `first`) outside
    code (the lines of `code`, from 0, and code spans): its file line and the comment."""
    found = []
    for index, line in enumerate(lines):
        if index in code or "<!--" not in line:
            continue
        spans = code_spans(line)
        for comment in _SHORT_COMMENT.finditer(line):
            if not any(start <= comment.start() < end for start, end in spans):
                found.append((first + index, comment.group()))
    return found


BANG_CLOSE = "--!>"


def bang_closes(
    tokens: Sequence[TokenLike], line_of: Callable[[TokenLike], int]
) -> list[tuple[int, int]]:
    """Each `--!>` inside a comment that CommonMark closes at a later `-->` (a comment block,
    or one inline): its file line and how many links it hides from there to that `-->`. One
    in a comment that nothing closes is left alone: CommonMark hides the rest of the note
    then, which `comment_left_open` warns of, and the site ends the comment at the mark."""
    found: list[tuple[int, int]] = []
    for token in tokens:
        if token.type == "html_block" and token.content.lstrip(" ").startswith("<!--"):
            found += _inside_comment(token.content, line_of(token))
        elif token.type == "inline":  # its own content the Rust port leaves empty
            line = line_of(token)
            for child in token.children or []:
                if child.type == "html_inline" and child.content.startswith("<!--"):
                    found += _inside_comment(child.content, line)
                line += breaks_in(child)
    return found


def _inside_comment(html: str, line: int) -> list[tuple[int, int]]:
    """`bang_closes` of the comment that opens `html` (its first line is file line `line`)."""
    opening = html.index("<!--")
    closing = html.find("-->", opening + 2)  # `<!-->` is whole
    found = []
    mark = html.find(BANG_CLOSE, opening + 4)
    while 0 <= mark < closing:
        hidden = html[mark + len(BANG_CLOSE) : closing]
        found.append((line + html.count("\n", 0, mark), len(inline_urls(hidden))))
        mark = html.find(BANG_CLOSE, mark + 1)
    return found
