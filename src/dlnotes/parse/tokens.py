"""A note body's markdown-it token stream, from the Rust port when it can be trusted to match.

markdown-it-py (pure Python) was two thirds of what dlnotes added to a first site build. Its
Rust port, markdown-it.rs, parses the same CommonMark about 17x faster but hands back a node
tree with byte offsets, percent-encoded URLs, and `javascript:`-style links turned into text.
So the tree is turned into the token stream markdown-it-py would give (what the walker reads),
and a body the port could read differently goes to markdown-it-py itself:

- a URL the port percent-encoded that the note does not hold as written: our URLs stay as
  written (percent-encoding belongs to URL normalisation);
- a link to `javascript:`, `vbscript:`, `data:` or `file:`, which the port leaves as text (we
  must see those links to refuse them);
- bare CR or NUL characters, which markdown-it-py turns into line breaks and U+FFFD first,
  and the few constructs where the two read odd input differently (see _NEEDS_REFERENCE);
- a `[` and a backtick run that nothing closes, or a backtick in a link's URL or title, an
  autolink or an HTML tag: the port may panic on these (see _may_panic);
- hundreds of reference definitions in a row, which the port reads in time that grows with
  the square of the run (see _MOST_DEFINITIONS_IN_A_ROW).

Random character soup still finds a difference about once in 60,000 bodies: a paragraph that
starts with a line holding only a no-break space, whose links markdown-it-py puts a line too
early (it strips the paragraph with `str.strip`).
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from markdown_it_pyrs import Node

try:
    import markdown_it_pyrs
except ImportError:  # pragma: no cover - a platform without a wheel: markdown-it-py alone
    markdown_it_pyrs = None  # type: ignore[assignment]


class TokenLike(Protocol):
    """What the walker reads of a markdown-it token."""

    @property
    def type(self) -> str: ...
    @property
    def tag(self) -> str: ...
    @property
    def nesting(self) -> int: ...
    @property
    def level(self) -> int: ...
    @property
    def map(self) -> Sequence[int] | None: ...
    @property
    def content(self) -> str: ...
    @property
    def children(self) -> Sequence[TokenLike] | None: ...
    @property
    def attrs(self) -> Mapping[str, str | int | float]: ...


class _Token:
    """A markdown-it token with only what the walker reads: markdown-it-py's dataclass took
    longer to make than the port took to parse."""

    __slots__ = ("attrs", "children", "content", "level", "map", "nesting", "tag", "type")

    def __init__(
        self,
        type: str,
        tag: str = "",
        nesting: int = 0,
        *,
        level: int = 0,
        map: list[int] | None = None,
        content: str = "",
        children: list[TokenLike] | None = None,
        attrs: dict[str, str | int | float] | None = None,
    ) -> None:
        self.type = type
        self.tag = tag
        self.nesting = nesting
        self.level = level
        self.map = map
        self.content = content
        self.children = children
        self.attrs = attrs or {}


@functools.cache
def _reference() -> MarkdownIt:
    # Made when first needed: most bodies never need it, and importing markdown-it-py costs
    # about 20 ms of every command's start-up.
    from markdown_it import MarkdownIt, rules_inline

    md = MarkdownIt("commonmark").enable("table")
    # Keep every URL as written: validation is ours (so a `javascript:` link is seen and refused,
    # not silently dropped), and percent-encoding belongs to URL normalisation.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda link: link  # type: ignore[method-assign]
    # A link's destination or title, or an image's, may sit on the next line: no token keeps
    # that break, so the rules mark it (see `breaks_in`).
    md.inline.ruler.at("link", functools.partial(_marking_breaks, rules_inline.link, True))
    md.inline.ruler.at("image", functools.partial(_marking_breaks, rules_inline.image, False))
    return md


def _marking_breaks(
    rule: Callable[[StateInline, bool], bool], link: bool, state: StateInline, silent: bool
) -> bool:
    """markdown-it-py's link or image `rule`, which on a match marks its last token (a link's
    close, an image) with the line breaks its source holds that no token of its own does:
    after a link's text (whose breaks are tokens), all of an image's."""
    start = state.pos
    if not rule(state, silent):
        return False
    if not silent and state.src.find("\n", start, state.pos) >= 0:
        held_from = state.md.helpers.parseLinkLabel(state, start, True) if link else start
        if breaks := state.src.count("\n", held_from, state.pos):
            state.tokens[-1].attrs[_BREAKS] = breaks
    return True


_RUST = (
    None if markdown_it_pyrs is None else markdown_it_pyrs.MarkdownIt("commonmark").enable("table")
)

# Where the two readings part on odd input: what Python's str.splitlines (and so
# markdown-it-py) takes for line breaks, and NUL; `<!` and a letter (an HTML block for
# markdown-it-py); a list marker alone on its line (it may not cut a paragraph short).
_NEEDS_REFERENCE = re.compile(
    r"[\r\x00\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|<![A-Za-z]"
    r"|^[ \t]*(?:>[ \t]*)*(?:[-*+]|[0-9]{1,9}[.)])[ \t]*$"
    # A comment holding `--` (a W&B report's URL does): the port's CommonMark 0.30 reads
    # no comment there, markdown-it-py's 0.31 (and the site, and a browser) does.
    r"|<!--(?:(?!-->)[\s\S])*?--[^>]",
    re.MULTILINE,
)
# A link the port refused, left in the text: `[a](javascript:…)`, `<data:…>`, `[a]: file:…`.
# Text is decoded, so `&#106;avascript:` and `javascript\:` show here as `javascript:`.
_DROPPED_LINK = re.compile(r"(?:\]\(|<|\]:)\s*<?\s*(?:javascript|vbscript|data|file):", re.I)
# Where a paragraph's later lines start: past blockquote markers and indentation.
_CONTAINER_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*")

_NEWLINE = re.compile(b"\n")
_LIST_MARKER = re.compile(rb"^(?:[-+*]|[0-9]{1,9}[.)])")

_TEXT_BLOCKS = frozenset({"paragraph", "heading", "lheading", "tcell"})
_LEAF_BLOCKS = frozenset({"code_block", "fence", "html_block", "hr"})
_LISTS = {"bullet_list": ("bullet_list", "ul"), "ordered_list": ("ordered_list", "ol")}
_TABLE = {"table": "table", "thead": "thead", "tbody": "tbody", "trow": "tr"}


# The attribute that carries how many line breaks a code span's, an image's or (past its
# text) a link's source holds: see breaks_in.
_BREAKS = "data-dlnotes-breaks"


class _NotAsWritten(Exception):
    """The port's reading may differ from markdown-it-py's: use markdown-it-py."""


def markdown_tokens(body: str) -> Sequence[TokenLike]:
    """The tokens markdown-it-py gives for `body` (CommonMark and tables, URLs as written)."""
    fast = rust_tokens(body)
    return fast if fast is not None else reference_tokens(body)


def reference_tokens(body: str) -> Sequence[TokenLike]:
    """markdown-it-py's own tokens for `body`, each code span marked with the line breaks it
    holds (see `breaks_in`)."""
    tokens = _reference().parse(body)
    for token in tokens:
        if token.type == "inline" and "`" in token.content and "\n" in token.content:
            _mark_code_breaks(token)
    return tokens


def inline_urls(text: str, definitions: str = "") -> list[str]:
    """The URLs of the Markdown links and images CommonMark finds in `text` read as one
    paragraph (its HTML tags stay HTML), as written; its references resolved by the reference
    definitions of `definitions`."""
    return [url for url, _ in inline_links(text, definitions)]


def inline_links(text: str, definitions: str = "") -> list[tuple[str, int]]:
    """`inline_urls`, each with the line of `text` (from 0) it starts on: a reference's URL is
    written elsewhere, so its line is known only from the run."""
    found = []
    md = _reference()
    env: dict[str, Any] = {}
    if definitions:
        md.parse(definitions, env)
    for token in md.parseInline(text, env):
        line = 0
        for child in token.children or []:
            if child.type == "link_open":
                found.append((str(child.attrs["href"]), line))
            elif child.type == "image":
                found.append((str(child.attrs["src"]), line))
            line += breaks_in(child)
    return found


def breaks_in(child: TokenLike) -> int:
    """How many line breaks an inline token holds: a break's one, and those that its content
    shows no more (a code span reads each as a space) or that only its source holds."""
    kind = child.type
    if kind in ("softbreak", "hardbreak"):
        return 1
    if kind == "html_inline":
        return child.content.count("\n")
    if kind in ("code_inline", "link_close", "image"):
        return int(child.attrs.get(_BREAKS, 0))
    return 0


def _mark_code_breaks(inline: Token) -> None:
    """Mark each code span of markdown-it-py's `inline` run with the breaks its source holds:
    its tokens keep no place in the source, so the run's code spans are found again in its
    source, and each is taken for the token whose text it reads as."""
    code = [child for child in inline.children or [] if child.type == "code_inline"]
    spans = code_spans(inline.content)
    if len(code) != len(spans):
        return  # a backtick that a URL or a tag took: leave the lines as they are
    for child, (start, end) in zip(code, spans, strict=True):
        written = inline.content[start:end]
        if "\n" in written and _code_text(written) == child.content:
            child.attrs[_BREAKS] = written.count("\n")


def _code_text(written: str) -> str:
    """The text CommonMark reads in a code span written so (`written` holds its backticks)."""
    ticks = len(written) - len(written.lstrip("`"))
    text = written[ticks:-ticks].replace("\n", " ")
    if text.startswith(" ") and text.endswith(" ") and text.strip(" "):
        text = text[1:-1]
    return text


def rust_tokens(body: str) -> Sequence[TokenLike] | None:
    """The same tokens, from markdown-it.rs; None when it is missing or may read `body`
    otherwise."""
    if _RUST is None or _NEEDS_REFERENCE.search(body) or _may_panic(body):
        return None
    if _definitions_in_a_row(body) >= _MOST_DEFINITIONS_IN_A_ROW:
        return None
    try:
        tree = _RUST.tree(body)
    except BaseException as exc:  # a Rust panic is raised as a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        return None
    try:
        return _Converter(body).blocks(tree.children, 0)
    except _NotAsWritten:
        return None


# The port reads a run of reference definitions with no blank line between them in time that
# grows with the square of the run (8,000: 2.4 s, where markdown-it-py takes 0.2 s); with a
# blank line after each it is as quick as ever. A bookmark list written as references can
# hold thousands: markdown-it-py reads those.
_MOST_DEFINITIONS_IN_A_ROW = 500
_DEFINITION_START = re.compile(r" {0,3}\[[^\]\n]*\]:")


def _definitions_in_a_row(body: str) -> int:
    """The most lines in a row of `body` that start like a reference definition (or `body`'s
    count of `]:` when that is fewer: no run can be longer)."""
    count = body.count("]:")
    if count < _MOST_DEFINITIONS_IN_A_ROW:
        return count
    most = run = 0
    for line in body.split("\n"):
        run = run + 1 if _DEFINITION_START.match(line) else 0
        most = max(most, run)
    return most


def _may_panic(body: str) -> bool:
    """Whether the port could panic: its markdown-it 0.6 indexes past its table of backtick
    runs when a `[` meets a run that no later run closes (`[a `), and prints the panic to
    stderr before Python can catch it. A paragraph has such a run only if one of its lines
    does, so the lines are enough, once no backtick sits where a link or a tag may take it.
    Where the screen is unsure a line is code, it reads it as text: at worst a body goes to
    markdown-it-py that the port could have taken."""
    if "`" not in body or "[" not in body:
        return False
    if _BACKTICK_IN_MARKUP.search(body):
        return True  # not a code span's, so the runs below cannot be paired as written
    fence: _Fence | None = None
    for line in body.split("\n"):
        if fence is not None:
            inside = fence.holds(line)
            if inside is not None:
                fence = fence if inside else None
                continue
            fence = None  # its container ended, and the fence with it: the line is read below
        opened = _FENCE.match(line) if "`" in line or "~" in line else None
        if opened is not None and not (opened["run"][0] == "`" and "`" in opened["info"]):
            fence = _Fence(opened["run"], opened["quotes"].count(">"), len(opened["indent"]))
        elif "`" in line and unclosed_backticks(line):
            return True
    return False


@dataclass(frozen=True, slots=True)
class _Fence:
    """An open fenced code block: its run of backticks or tildes, and where it sits (inside
    how many `>`, how far in): a line outside that container ends it."""

    run: str
    quotes: int
    indent: int

    def holds(self, line: str) -> bool | None:
        """True: the line is code. False: it closes the fence. None: the fence ended before it."""
        rest = line
        for _ in range(self.quotes):
            quoted = QUOTE_MARKER.match(rest)
            if quoted is None:
                return None
            rest = rest[quoted.end() :]
        stripped = rest.strip()
        if not stripped:
            return True
        if len(rest) - len(rest.lstrip(" ")) < self.indent:
            return None
        # Anything like a closer closes: ending a fence early only reads more lines as text.
        closes = stripped.strip(self.run[0]) == "" and len(stripped) >= len(self.run)
        return not closes


def unclosed_backticks(line: str) -> bool:
    """Whether a backtick run in `line` opens a code span that nothing closes."""
    return any(end is None for _, end in _backtick_runs(line))


def code_spans(line: str) -> list[tuple[int, int]]:
    """Where each code span of `line` starts and ends; a run that nothing closes is text."""
    return [(start, end) for start, end in _backtick_runs(line) if end is not None]


def _backtick_runs(line: str) -> Iterator[tuple[int, int | None]]:
    """Each backtick run that opens a code span, and where its closer ends (None: nothing
    closes it). CommonMark: the next run of the same length closes it; outside code, `\\`
    escapes a backtick."""
    at = 0
    while (found := _ESCAPE_OR_BACKTICKS.search(line, at)) is not None:
        at = found.end()
        if found.group().startswith("\\"):
            continue
        closer = _run_of(len(found.group())).search(line, at)
        yield found.start(), None if closer is None else closer.end()
        if closer is not None:
            at = closer.end()


# Blocks shown as written; and markdown-it-py's leaf blocks, each of whose maps holds all its
# lines: container blocks (a quote, a list) may hold a reference definition, leaf blocks not.
_VERBATIM = frozenset(("fence", "code_block", "html_block"))
_HTML = frozenset(("html_block",))
_LEAVES = _VERBATIM | {"paragraph_open", "heading_open", "hr", "table_open"}


def verbatim_lines(tokens: Sequence[TokenLike]) -> set[int]:
    """The lines (of the body the tokens were made from, from 0) that Markdown shows as they
    are written: code blocks, fenced code and HTML blocks. What looks like a reference
    definition there defines nothing."""
    return _lines_of(tokens, _VERBATIM)


def html_lines(tokens: Sequence[TokenLike]) -> set[int]:
    """The lines that HTML blocks map."""
    return _lines_of(tokens, _HTML)


def leaf_lines(tokens: Sequence[TokenLike]) -> set[int]:
    """The lines (of the body the tokens were made from, from 0) that CommonMark reads as no
    reference definition, whatever they look like: code and HTML blocks (`verbatim_lines`),
    and paragraphs and headings too, as a definition may not interrupt a paragraph. Only
    `reference_tokens` will do: the Rust port maps a paragraph's first line alone."""
    return _lines_of(tokens, _LEAVES)


def _lines_of(tokens: Sequence[TokenLike], types: frozenset[str]) -> set[int]:
    """The lines that the tokens of `types` map."""
    return {
        index
        for token in tokens
        if token.type in types and token.map
        for index in range(token.map[0], token.map[1])
    }


@functools.cache
def _run_of(length: int) -> re.Pattern[str]:
    """A run of exactly `length` backticks."""
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


# Spaces only, at most three before a marker: a tab or a deeper indent may make an indented
# code block or a paragraph's line, so such a line is not taken for a fence.
_FENCE = re.compile(
    r"(?P<quotes>(?: {0,3}> ?)*)(?P<indent> {0,3}(?:[-*+] +|[0-9]{1,9}[.)] +)?)"
    r"(?P<run>`{3,}|~{3,})(?P<info>.*)"
)
# One quote marker, as CommonMark takes it: up to three spaces, `>`, and a space.
QUOTE_MARKER = re.compile(r" {0,3}> ?")
_ESCAPE_OR_BACKTICKS = re.compile(r"\\.|`+")
# A backtick that a link's URL or title, an autolink or an HTML tag may take: `[](`)[``.
# Rarely written, so bodies holding one go to markdown-it-py whatever follows.
_BACKTICK_IN_MARKUP = re.compile(r"\]\([^)]*`|<[^>]*`")


class _Converter:
    def __init__(self, body: str) -> None:
        self.body = body
        self.raw = body.encode()
        self.newlines = [m.start() for m in _NEWLINE.finditer(self.raw)]
        self.tokens: list[TokenLike] = []
        self.quotes = 0  # blockquotes around the current block

    def line(self, node: Node) -> int:
        return bisect_right(self.newlines, node.srcmap[0]) if node.srcmap else 0

    def end_line(self, node: Node) -> int:
        """The line after the node's last, as markdown-it-py maps a block: code and HTML blocks
        span lines that their first alone does not tell (a fence's closing one, say)."""
        return bisect_left(self.newlines, node.srcmap[1] - 1) + 1 if node.srcmap else 0

    def follows_blank(self, line: int) -> bool:
        if line == 0:
            return True
        start = self.newlines[line - 2] + 1 if line >= 2 else 0
        return not self.raw[start : self.newlines[line - 1]].strip()

    def blocks(self, nodes: Sequence[Node], level: int) -> list[TokenLike]:
        for node in nodes:
            self.block(node, level)
        return self.tokens

    def block(self, node: Node, level: int) -> None:
        name = node.name
        line = self.line(node)
        out = self.tokens.append
        if name in ("heading", "lheading"):
            tag = f"h{node.meta['level']}"
            out(_Token("heading_open", tag, 1, map=[line, line + 1], level=level))
            out(self.inline(node.children, line, level + 1, node))
            out(_Token("heading_close", tag, -1, level=level))
        elif name == "paragraph":
            self.paragraph(node.children, line, level, node)
        elif name in _LISTS:
            kind, tag = _LISTS[name]
            out(_Token(f"{kind}_open", tag, 1, map=[line, line + 1], level=level))
            for item in node.children:
                self.list_item(item, level + 1)
            out(_Token(f"{kind}_close", tag, -1, level=level))
        elif name == "blockquote":
            out(_Token("blockquote_open", "blockquote", 1, map=[line, line + 1], level=level))
            self.quotes += 1
            self.blocks(node.children, level + 1)
            self.quotes -= 1
            out(_Token("blockquote_close", "blockquote", -1, level=level))
        elif name in _TABLE:
            if name == "table" and not self.follows_blank(line):
                # Whether a table may cut a paragraph short (lazily, inside a quote) is where
                # the two parsers part ways.
                raise _NotAsWritten(name)
            tag = _TABLE[name]
            out(_Token(f"{tag}_open", tag, 1, map=[line, line + 1], level=level))
            self.blocks(node.children, level + 1)
            out(_Token(f"{tag}_close", tag, -1, level=level))
        elif name == "tcell":
            out(_Token("td_open", "td", 1, level=level))
            out(self.inline(node.children, line, level + 1, node))
            out(_Token("td_close", "td", -1, level=level))
        elif name in _LEAF_BLOCKS:
            content = node.meta.get("content", "") if name == "html_block" else ""
            out(_Token(name, "", 0, map=[line, self.end_line(node)], level=level, content=content))
        elif name != "definition":  # markdown-it-py keeps reference definitions out of the stream
            raise _NotAsWritten(name)

    def list_item(self, item: Node, level: int) -> None:
        out = self.tokens.append
        out(_Token("list_item_open", "li", 1, map=[self.line(item)] * 2, level=level))
        # A tight item holds its text directly: markdown-it-py wraps it in a hidden paragraph.
        # Its text starts on the marker's line (a marker alone on its line goes to
        # markdown-it-py), and the port's offsets inside a run of text are not always right.
        run: list[Node] = []
        for child in [*item.children, None]:
            if child is not None and not _is_block(child):
                run.append(child)
                continue
            if run:
                self.paragraph(run, self.line(item), level + 1, item)
                run = []
            if child is not None:
                self.block(child, level + 1)
        out(_Token("list_item_close", "li", -1, level=level))

    def paragraph(self, children: Sequence[Node], line: int, level: int, node: Node) -> None:
        out = self.tokens.append
        out(_Token("paragraph_open", "p", 1, map=[line, line + 1], level=level))
        out(self.inline(children, line, level + 1, node))
        out(_Token("paragraph_close", "p", -1, level=level))

    def inline(self, children: Sequence[Node], line: int, level: int, node: Node) -> _Token:
        flat: list[TokenLike] = []
        self.flatten(children, flat)
        text = "".join(token.content for token in flat if token.type == "text")
        if ":" in text and _DROPPED_LINK.search(text):
            raise _NotAsWritten(text)
        return _Token(
            "inline",
            "",
            0,
            map=[line, line + 1],
            level=level,
            # Read by the walker only to find a quote's source line: left out elsewhere.
            content=self.content(node) if self.quotes else "",
            children=flat,
        )

    def content(self, node: Node) -> str:
        """The inline run's source as markdown-it-py keeps it: container markers left out."""
        if not node.srcmap:
            return ""
        source = self.raw[node.srcmap[0] : node.srcmap[1]]
        if node.name == "list_item":
            source = _LIST_MARKER.sub(b"", source, count=1)
        first, *rest = source.decode(errors="replace").split("\n")
        return "\n".join([first, *(_CONTAINER_PREFIX.sub("", line) for line in rest)]).strip()

    def flatten(self, nodes: Sequence[Node], out: list[TokenLike]) -> None:
        for node in nodes:
            name = node.name
            if name in ("text", "text_special"):
                out.append(_Token("text", "", 0, content=node.meta["content"]))
            elif name in ("softbreak", "hardbreak"):
                out.append(_Token(name, "br", 0))
            elif name == "code_inline":
                code = _Token("code_inline", "code", 0, content=_text_of(node))
                if breaks := self.breaks(node):  # see breaks_in
                    code.attrs[_BREAKS] = breaks
                out.append(code)
            elif name == "image":
                attrs: dict[str, str | int | float] = {"src": self.url(node)}
                if breaks := self.breaks(node):  # see breaks_in
                    attrs[_BREAKS] = breaks
                out.append(_Token("image", "img", 0, attrs=attrs, content=_alt_as_written(node)))
            elif name in ("link", "autolink"):
                out.append(_Token("link_open", "a", 1, attrs={"href": self.url(node)}))
                text = len(out)
                self.flatten(node.children, out)
                close = _Token("link_close", "a", -1)
                # See breaks_in: those past the link's text, whose own are its tokens'.
                held = self.breaks(node)
                if held and (breaks := held - sum(breaks_in(t) for t in out[text:])):
                    close.attrs[_BREAKS] = breaks
                out.append(close)
            elif name == "html_inline":
                out.append(_Token("html_inline", "", 0, content=node.meta["content"]))
            else:  # emphasis and the like: their text is the run's text
                self.flatten(node.children, out)

    def breaks(self, node: Node) -> int:
        """The line breaks in the node's source."""
        return self.raw.count(b"\n", node.srcmap[0], node.srcmap[1]) if node.srcmap else 0

    def url(self, node: Node) -> str:
        url = str(node.meta["url"])
        # Percent-encoding always writes a `%`: without one, the URL is as written (and
        # unescaped, as markdown-it-py has it). With one, the note must hold it as it is:
        # the link itself, or a reference's definition (elsewhere in the note).
        if "%" in url:
            source = self.raw[node.srcmap[0] : node.srcmap[1]] if node.srcmap else b""
            holds = source if b"](" in source or source.startswith(b"<") else self.raw
            if url.encode() not in holds:
                raise _NotAsWritten(url)
        return url


def _is_block(node: Node) -> bool:
    name = node.name
    return (
        name in _TEXT_BLOCKS
        or name in _LISTS
        or name in _TABLE
        or name in _LEAF_BLOCKS
        or name in ("blockquote", "definition")
    )


def _alt_as_written(image: Node) -> str:
    # markdown-it-py keeps an image's alt text as written, markup and all; the port parses it.
    if any(child.name != "text" for child in image.children):
        raise _NotAsWritten("image")
    return "".join(str(child.meta["content"]) for child in image.children)


def _text_of(node: Node) -> str:
    return "".join(
        str(child.meta.get("content", "")) if child.name in ("text", "text_special") else ""
        for child in node.walk(include_self=False)
    )


class TextLines:
    """A text's lines, and the text from any of them on, found without walking the text from
    its start each time: asked once per HTML block, that was quadratic over a note of
    thousands of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self._starts = list(itertools.accumulate((len(line) + 1 for line in self.lines), initial=0))

    def lines_from(self, line: int, stop: int | None = None) -> str:
        """The text from its line `line` (from 0) on, up to line `stop` if given (without it);
        empty past its end."""
        if line >= len(self.lines):
            return ""
        end = None if stop is None or stop >= len(self.lines) else self._starts[stop]
        return self.text[self._starts[line] : end]


class LineCount:
    """The line (from 0) of each of a text's positions, asked in increasing order, counted on
    from the last one: counting from the start for each of thousands of matches in one note
    was quadratic."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._at = 0
        self._line = 0

    def __call__(self, at: int) -> int:
        if at < self._at:  # asked out of order: count from the start
            self._at = self._line = 0
        self._line += self._text.count("\n", self._at, at)
        self._at = at
        return self._line


def line_and_column(text: str, at: int) -> tuple[int, int]:
    """The line (from 0) and the column of `text`'s character `at`."""
    return text.count("\n", 0, at), at - (text.rfind("\n", 0, at) + 1)


# What the site's Markdown escapes with a backslash: Python-Markdown's own characters, and the
# tables' and definition lists' `|` and `:`. A backslash before any other stays on the page,
# where CommonMark reads an escape before any ASCII punctuation.
SITE_ESCAPES = "\\`*_{}[]()>#+-.!|:"
