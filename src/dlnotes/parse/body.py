"""A note's Markdown body → links, tips, quotes, checklists and headings, each with its line.

Structure comes from a real CommonMark parser (markdown-it's tokens, which carry source line
maps; `dlnotes.parse.tokens` says which port makes them), so code spans, fenced code and HTML
comments never yield links.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify, unique

from dlnotes.kinds import guess_kind
from dlnotes.model import (
    AdjoiningList,
    Checklist,
    ChecklistItem,
    Heading,
    Image,
    Link,
    ListItemBlock,
    Location,
    Quote,
    Tip,
    WikiLink,
    resolve_note_link,
)
from dlnotes.parse.attribution import annotation_of, quote_source, split_attribution
from dlnotes.parse.blocks import OPEN_TAG, Taken, blocks_as_markdown
from dlnotes.parse.divergence import (
    FENCE_ON_MARKER,
    FENCE_WITH_BACKTICK_INFO,
    MAY_TOUCH,
    abbreviation_lines,
    autolink_holding_label,
    bang_close,
    cells_split_in_code,
    code_paired_otherwise,
    code_under_blocks,
    comment_left_open,
    comment_past_block,
    comment_shown_as_text,
    definitions_as_headings,
    definitions_hiding_links,
    definitions_in_paragraphs,
    definitions_with_other_spaces,
    definitions_with_spaces,
    escaped_autolinks,
    fence_in_html,
    fences_on_markers,
    fences_with_backtick_info,
    items_opening_code,
    labels_matched_otherwise,
    left_open,
    link_in_abbreviation,
    link_in_link_text,
    links_taken_as_urls,
    markdown_after_html,
    markdown_after_open_tag,
    markdown_in_html,
    may_cut_terms,
    may_define_in_paragraph,
    may_hide_links_in_definitions,
    may_join_references,
    may_leave_fence_open,
    may_match_labels_otherwise,
    may_open_code_in_items,
    may_space_urls,
    may_split_cells,
    may_start_site_only_blocks,
    may_title_in_parentheses,
    nested_past_limit,
    outer_link,
    redefined_references,
    references_joined,
    references_one_apart,
    shown_as_text,
    site_only_blocks,
    spaced_at_ends,
    spaced_urls,
    tags_read_as_mail,
    terms_cutting_links,
    text_after_comment,
    title_in_parentheses,
    titles_holding_their_ends,
    unclosed_fences,
    undefined_references,
    unquoted,
    url_goes_on,
    url_over_lines,
    url_set_by_attrs,
    urls_read_otherwise,
)
from dlnotes.parse.fenceshape import indented_fences, may_indent_fences
from dlnotes.parse.htmllinks import html_block_links, html_tag, image_text
from dlnotes.parse.listshape import (
    LIST_OPEN,
    adjoining,
    may_have_paren_items,
    may_nest_unevenly,
    nested_shapes,
    paren_items,
)
from dlnotes.parse.openelements import (
    MOST_NESTED,
    kept_raw,
    may_hold_open_elements,
    nested_too_deep,
    open_elements,
)
from dlnotes.parse.parenurls import may_run_on, run_on_urls
from dlnotes.parse.people import PeopleIndex
from dlnotes.parse.quotedurls import may_hold_quoted_urls, quoted_urls
from dlnotes.parse.quoteshape import adjoining_quotes, may_adjoin_quotes
from dlnotes.parse.rawtext import (
    BANG_CLOSE,
    bang_closes,
    bare_angles,
    broken_tag_lines,
    may_break_tags,
    may_hold_short_comments,
    may_swallow,
    short_comments,
    swallowing_tags,
)
from dlnotes.parse.references import DEFINITION, bracketed_references, reference_label
from dlnotes.parse.tableshape import (
    may_hold_unbordered_headers,
    site_only_tables,
    unbordered_headers,
)
from dlnotes.parse.tokens import (
    TextLines,
    TokenLike,
    breaks_in,
    code_spans,
    html_lines,
    inline_links,
    inline_urls,
    leaf_lines,
    markdown_tokens,
    reference_tokens,
    verbatim_lines,
)
from dlnotes.problems import Problem, Severity
from dlnotes.urls import has_web_scheme, tracking_params
from dlnotes.wikilink import IMAGE_FILE, WIKILINK

# What HTML calls ASCII whitespace, which a browser strips from around an attribute's URL.
_HTML_SPACES = " \t\n\r\f"

# Schemes that run code or smuggle content in a reader's browser: the site must never carry one.
REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:")
# Python-Markdown's attr_list (which the site always has): `## Setup {#install .big}` gives
# the heading the id `install`, and `[Paper](url){target=_blank}` sets attributes on the link;
# either way the braces are not text. The patterns are attr_list's own.
_HEADING_ATTRS = re.compile(r"[ ]+\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}[ ]*$")
_INLINE_ATTRS = re.compile(r"^\{:?[ ]*[^}\n ][^}\n]*[ ]*\}")
_ATTR_WORD = re.compile(r"""[^ =}]+=".*?"|[^ =}]+='.*?'|[^ =}]+=[^ =}]+|[^ =}]+""")
_TASK = re.compile(r"^\[(?P<mark>[ xX])\]\s+")

_UNIQUE_COUNTS = "counters" in inspect.signature(unique).parameters


@dataclass
class _Span:
    """One link inside an inline run."""

    url: str
    title: str
    line: int
    raw: bool = False  # written as HTML: MkDocs leaves it as written


@dataclass
class _Inline:
    """An inline run (a paragraph, a list item's text, a cell) flattened for the conventions."""

    text: str
    links: list[_Span]
    trailing: str  # the text after the last link
    line: int
    images: list[_Span] = field(default_factory=list)  # src and alt text
    # The text of its last line and that line, when it has more than one: a quote's
    # `— SOURCE` under its last line of text, links and emphasis read as the page shows them
    last_line: tuple[str, int] | None = None


@dataclass
class Body:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    adjoining_lists: list[AdjoiningList] = field(default_factory=list)
    item_blocks: list[ListItemBlock] = field(default_factory=list)
    paren_items: list[int] = field(default_factory=list)
    open_elements: list[tuple[int, str]] = field(default_factory=list)
    adjoining_quotes: list[int] = field(default_factory=list)
    indented_fences: list[tuple[int, int, int]] = field(default_factory=list)
    unbordered_headers: list[int] = field(default_factory=list)
    site_only_tables: list[int] = field(default_factory=list)
    bracketed_references: list[tuple[int, str]] = field(default_factory=list)
    swallowing_tags: list[tuple[int, str]] = field(default_factory=list)
    bare_angles: list[tuple[int, str]] = field(default_factory=list)
    tag_breaks: list[int] = field(default_factory=list)
    comment_marks: list[tuple[int, str]] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    wikilinks: list[WikiLink] = field(default_factory=list)


def _code_lines(tokens: Sequence[TokenLike]) -> set[int]:
    """The lines (of the body, from 0) of code blocks and fenced code."""
    return verbatim_lines(tokens) - html_lines(tokens)


def _text_from(children: Sequence[TokenLike], start: int) -> str:
    """The text of the run of text children from `start` on: an entity (`&amp;`) is a child of
    its own, so a URL holding one spans several."""
    end = start
    while end < len(children) and children[end].type == "text":
        end += 1
    return "".join(child.content for child in children[start:end])


def _run_from(children: Sequence[TokenLike], start: int) -> str:
    """The text of the run from child `start` on, its line breaks as newlines; up to the
    first child that is neither (a code span, a tag: no URL goes on through one), emphasis
    marks aside (`_` in a URL may pair with another)."""
    parts = []
    for child in children[start:]:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type not in ("em_open", "em_close", "strong_open", "strong_close"):
            break
    return "".join(parts)


def _flatten(token: TokenLike, first_line: int) -> _Inline:
    text: list[str] = []
    links: list[_Span] = []
    trailing: list[str] = []
    line = first_line
    current: _Span | None = None
    title: list[str] = []
    images: list[_Span] = []
    outer: list[tuple[_Span, list[str]]] = []  # links open around the current one
    breaks = 0  # those a code span, a tag, an image or a link past its text held: the line
    # takes them on at the next child
    last_line: tuple[int, int] | None = None  # where in `text` the last line starts, and its line
    for child in token.children or []:
        if breaks:
            line, breaks = line + breaks, 0
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            piece = " "
            # A break inside a link's text starts no line of the run's own.
            last_line = None if current is not None else (len(text), line)
        elif child.type == "text":
            piece = child.content
        elif child.type == "code_inline":
            piece = child.content
            breaks = breaks_in(child)
        elif child.type == "image":
            piece = child.content
            breaks = breaks_in(child)
            src = str(child.attrs.get("src", ""))
            images.append(_Span(src, piece, line))
            if current is not None:  # a link made of an image says what the image says
                piece = image_text(piece, src)
        elif child.type == "html_inline":
            # Raw HTML is a link on the page too: `<a href>` opens one as `[` does, `</a>`
            # closes it, `<img src>` is an image.
            breaks = breaks_in(child)
            tag = html_tag(child.content)
            piece = ""
            if tag.image is not None:
                piece = tag.image.text
                images.append(_Span(tag.image.url, piece, line))
                if current is not None:
                    piece = image_text(piece, tag.image.url)
            images.extend(_Span(embed.url, embed.text, line) for embed in tag.embeds)
            if tag.opens is not None:
                if current is not None:  # an `<a>` the text left open ends here
                    links.append(_ended(current, title, text))
                current = _Span(tag.opens.url, "", line, raw=True)
                title = []
                trailing = []
                continue
            if tag.closes and current is not None:
                links.append(_ended(current, title, text))
                current = None
                continue
        else:
            piece = ""
        if child.type == "link_open":
            if current is not None:  # an autolink in a link's text, which CommonMark nests
                outer.append((current, title))
            current = _Span(str(child.attrs.get("href", "")), "", line)
            title = []
            trailing = []
            continue
        if child.type == "link_close":
            breaks = breaks_in(child)
            if current is not None:
                # A nested link's text is its outer link's too.
                links.append(_ended(current, title, outer[-1][1] if outer else text))
                current = None
                if outer:
                    current, title = outer.pop()
            continue
        if current is not None:
            title.append(piece)
        else:
            text.append(piece)
            trailing.append(piece)
    if current is not None:  # an `<a>` never closed: its text runs to the end
        links.append(_ended(current, title, text))
    text_of = " ".join("".join(text).split())
    last = None
    if last_line is not None:
        start, number = last_line
        last = (" ".join("".join(text[start:]).split()), number)
    return _Inline(text_of, links, "".join(trailing), first_line, images, last)


def _ended(link: _Span, title: list[str], text: list[str]) -> _Span:
    """`link` with the text it gathered, which the run's text takes in too."""
    link.title = " ".join("".join(title).split())
    text.append(link.title)
    return link


def _refused_scheme(url: str) -> str | None:
    """The scheme of a URL that must never reach the page (`javascript`...), or None.
    Browsers drop whitespace and control characters inside a scheme, so this does too."""
    if has_web_scheme(url):
        return None  # most links: no need to look further
    scheme = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    return scheme.split(":", 1)[0] if scheme.startswith(REFUSED_SCHEMES) else None


def _may_have_attrs(inline: TokenLike) -> bool:
    """Whether a heading's text may end in an attribute list: cheap, asked of every heading."""
    last = inline.children[-1] if inline.children else None
    return last is not None and last.content.rstrip().endswith("}")


def _heading_attrs(text: str) -> tuple[str, str | None]:
    """A heading's text without its attribute list, and the id that list gives (the last one,
    as attr_list sets them in turn), if any."""
    found = _HEADING_ATTRS.search(text)
    if found is None:
        return text, None
    ids = [w[1:] for w in _ATTR_WORD.findall(found.group(1)) if w.startswith("#") and "=" not in w]
    return text[: found.start()], (ids[-1] if ids else None)


class _Walker:
    def __init__(
        self,
        text: str,
        display: str,
        offset: int,
        people: PeopleIndex,
        taken: Taken | None = None,
        source: str | None = None,
    ) -> None:
        self.text = text  # the body
        # The body as written, line for line: `text` may have blocks opened up (see blocks).
        self.written = text if source is None else source
        self.taken = taken or Taken()  # what blocks_as_markdown took out of `text`
        self._lines: TextLines | None = None
        self.braces = "{" in text  # without one, no attribute list to read
        # Without one, no link's title is in parentheses: spare each link the look at its line.
        self.paren_titles = may_title_in_parentheses(text)
        self.may_touch = MAY_TOUCH.search(text) is not None  # `[a] [b]`: see divergence
        self.defines = "]:" in text  # may hold a reference definition: asked per run
        self.breaks_tags = may_break_tags(text)  # a tag over lines, a hard break in it
        self.display = display
        self.offset = offset  # body line 1 is file line `offset`
        self.people = people
        self.body = Body()
        self.stack: list[Heading] = []
        self._headings: tuple[str, ...] | None = ()  # the stack's texts; None once it changes
        self.heading_source: list[str | None] = []
        self.ids: set[str] = set()
        self.id_counts: dict[str, int] = {}  # see _unique_id
        # Links were taken out of document order: from an HTML block inside a list or quote,
        # or from a one-line element (see walk)
        self._html_inside = False

    # -- context -------------------------------------------------------------------------
    def loc(self, line: int) -> Location:
        return Location(self.display, line)

    def headings(self) -> tuple[str, ...]:
        # Asked for every link, tip and quote; the stack changes only at a heading.
        if self._headings is None:
            self._headings = tuple(h.text for h in self.stack)
        return self._headings

    def anchor(self) -> str:
        return self.stack[-1].anchor if self.stack else ""

    def source(self) -> str | None:
        """The attribution of the nearest heading that carries one."""
        return next((s for s in reversed(self.heading_source) if s), None)

    def person(self, name: str | None, line: int) -> str | None:
        if name is None:
            return None
        person, known = self.people.resolve(name)
        if not known:
            self.warn(line, f"`{name}` is not in people.yml: add them, or an alias, to link them")
        return person.id

    def quoted_person(self, name: str, line: int) -> str | None:
        """A quote's source: `— Jeremy Howard, lesson 3` is Jeremy's, when the table knows him
        and not the whole line (an unknown author keeps the line, as no guess is safe)."""
        author = name.split(",", 1)[0]
        if author != name and not self._known(name) and self._known(author):
            name = author
        return self.person(name, line)

    def error(self, line: int, message: str) -> None:
        self.body.problems.append(Problem(self.display, line, message))

    def warn(self, line: int, message: str) -> None:
        self.body.problems.append(Problem(self.display, line, message, Severity.WARNING))

    def line_of(self, token: TokenLike) -> int:
        return (token.map[0] if token.map else 0) + self.offset

    # -- blocks --------------------------------------------------------------------------
    def walk(self, tokens: Sequence[TokenLike]) -> Body:
        if self.braces:  # most notes have no attribute list: spare them the pass
            self.reserve_heading_ids(tokens)
        if may_nest_unevenly(self.text):
            lists, blocks = nested_shapes(tokens, self._line_text, len(self._split()), self.offset)
            self.body.adjoining_lists += lists
            self.body.item_blocks += blocks
        if may_have_paren_items(self.text):
            self.body.paren_items = paren_items(tokens, self._line_text, self.offset)
        if may_adjoin_quotes(self.text):
            self.body.adjoining_quotes = adjoining_quotes(tokens, self.offset)
        if may_indent_fences(self.text):
            self.body.indented_fences = [
                fence
                for fence in indented_fences(tokens, self._line_text, self.offset)
                if self._as_written(fence[0] - self.offset)  # not in an admonition's body
            ]
        if may_hold_unbordered_headers(self.text):
            self.body.unbordered_headers = unbordered_headers(tokens, self._line_text, self.offset)
            self.body.site_only_tables = site_only_tables(tokens, self._line_text, self.offset)
        raw_html = may_hold_open_elements(self.text)
        if raw_html:
            self.body.open_elements = open_elements(
                tokens, self._text_lines(), self.offset, self.kept_as_html
            )
            if self.body.open_elements:
                deep = nested_too_deep(tokens, self.body.open_elements, self.offset)
                if deep is not None:
                    self.error(deep[0], nested_past_limit(deep[1], MOST_NESTED))
                self.opened_early(tokens)
        self.divergences(tokens)
        taken = self.taken
        elements = sorted(
            [(self.offset + i, self.html_links, html) for i, html in taken.elements.items()]
            + [(self.offset + i, self.title, title) for i, title in taken.titles.items()],
            key=lambda element: element[0],
        )
        # One inside a list is read after the list's links, at the next block.
        self._html_inside = bool(elements)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            while elements and token.map and elements[0][0] < self.line_of(token):
                line, read, written = elements.pop(0)
                read(written, line)  # under the headings above it
            if token.type == "heading_open":
                self.heading(token, tokens[i + 1])
                i += 3
            elif token.type in LIST_OPEN:
                end = _close(tokens, i)
                if token.level == 0 and i and token.map:
                    self.adjoining(token, tokens[i - 1].type)
                self.list_block(tokens[i : end + 1])
                self.nested_html_blocks(tokens[i : end + 1])
                i = end + 1
            elif token.type == "blockquote_open":
                end = _close(tokens, i)
                self.blockquote(tokens[i : end + 1])
                self.nested_html_blocks(tokens[i : end + 1])
                i = end + 1
            elif token.type == "inline":
                self.paragraph(self.inline(token))
                i += 1
            else:
                if token.type == "html_block":
                    self.html_block(token)
                if token.level == 0 and i and token.map:
                    self.adjoining(token, tokens[i - 1].type)
                i += 1
        for line, read, written in elements:
            read(written, line)
        self.abbreviations()
        if raw_html:
            self.links_kept_raw(tokens)
        if "[[" in self.text and "]:" in self.text:
            self.body.bracketed_references = bracketed_references(
                self.body.links, self.text, self._line_text, self.offset
            )
        if may_swallow(self.text):
            self.body.swallowing_tags = swallowing_tags(tokens, self.line_of)
        if may_hold_short_comments(self.text):
            lines = self.text.split("\n")
            self.body.comment_marks = short_comments(lines, self.offset, _code_lines(tokens))
        if BANG_CLOSE in self.text:
            for line, links in bang_closes(tokens, self.line_of):
                self.body.comment_marks.append((line, BANG_CLOSE))
                self.warn(line, bang_close(links))
        if self._html_inside:
            # Back in document order (the sort is stable within a line).
            self.body.links.sort(key=lambda link: link.location.line)
            self.body.images.sort(key=lambda image: image.location.line)
        return self.body

    def divergences(self, tokens: Sequence[TokenLike]) -> None:
        """Warnings for the blocks and lines that the site reads otherwise (`divergence`);
        each check only for a note that may hold what it looks for."""
        text = self.text
        # markdown-it-py's own tokens, for the checks that need all of a block's lines mapped:
        # made once, and only for a note that passes one of their screens.
        reference = functools.cache(lambda: reference_tokens(text))
        # A backslash, an entity in an autolink or a numeric reference in a URL, which the
        # site reads otherwise.
        escapes = (("\\" in text or "&#" in text) and ("]:" in text or "](" in text)) or (
            ("\\" in text or "&" in text) and "<" in text
        )
        # Code and HTML blocks, which define nothing and show no Markdown link.
        shown = verbatim_lines(tokens) if "]:" in text or escapes else set()
        if "\\<" in text:
            self.warn_outside_code(escaped_autolinks(text), shown)
        if escapes:
            self.warn_outside_code(urls_read_otherwise(text, shown), shown)
        if "][" in text and "]:" in text:
            self.warn_outside_code(undefined_references(text, shown), shown)
        if may_start_site_only_blocks(text):
            blocks = verbatim_lines(tokens)  # code and HTML blocks: read alike
            for index, message in site_only_blocks(text, blocks):
                self.warn(self.offset + index, message)
        if may_match_labels_otherwise(text):
            self.warn_outside_code(labels_matched_otherwise(text, shown), shown)
        if "]:" in text and may_join_references(flat := unquoted(text)):
            # In a quote too, as the site reads its lines: `> [!NOTE]` then `> [2](…)`.
            self.warn_outside_code(references_joined(flat, shown), shown)
        if "~~~" in text:
            for index in fences_on_markers(tokens, self._line_text):
                self.warn(self.offset + index, FENCE_ON_MARKER)
        if "```" in text:
            code = functools.cache(lambda: _code_lines(tokens))
            for index in fences_with_backtick_info(text, code):
                self.warn(self.offset + index, FENCE_WITH_BACKTICK_INFO)
        if ("```" in text or "~~~" in text) and may_leave_fence_open(text):
            for index, why in unclosed_fences(reference(), self._line_text):
                self.warn(self.offset + index, why)
        if may_open_code_in_items(text):
            self.warn_outside_code(items_opening_code(text, reference()), set())
        if may_split_cells(text):
            for line, message in cells_split_in_code(tokens, self._line_text, self.offset):
                self.warn(line, message)
        if "]:" in text:
            as_text = shown
            defining = unquoted(text)  # the site reads a quote's lines as a note's
            if may_define_in_paragraph(defining):
                as_text = leaf_lines(reference())  # its paragraphs map all their lines
                for line, message in definitions_in_paragraphs(text, reference(), self.offset):
                    self.warn(line, message)
            for line, message in redefined_references(defining, shown, as_text, self.offset):
                self.warn(line, message)
            for index, message in titles_holding_their_ends(defining, shown):
                self.warn(self.offset + index, message)
            for index, message in definitions_as_headings(defining, shown):
                self.warn(self.offset + index, message)
            for index, message in definitions_with_spaces(defining, shown):
                self.warn(self.offset + index, message)
            paragraphs = functools.cache(lambda: leaf_lines(reference()))
            for index, message in definitions_with_other_spaces(defining, shown, paragraphs):
                self.warn(self.offset + index, message)
            if may_hide_links_in_definitions(defining):
                for index, message in definitions_hiding_links(defining, reference):
                    self.warn(self.offset + index, message)
        if may_cut_terms(text):
            for line, message in terms_cutting_links(reference(), self.offset):
                self.warn(line, message)
        # An indented line (code, maybe) and a fence, a table or a heading for it to sit under.
        if ("    " in text or "\t" in text) and any(m in text for m in ("```", "~~~", "#", "|")):
            for index, message in code_under_blocks(tokens, self._line_text, self.offset):
                self.warn(self.offset + index, message)

    def abbreviations(self) -> None:
        """A warning for each link on a line the site takes for an abbreviation's definition."""
        defining = {self.offset + line: name for line, name in abbreviation_lines(self.text)}
        if not defining:
            return
        held = [(link.url, link.location) for link in self.body.links]
        held += [(image.url, image.location) for image in self.body.images]
        for url, location in held:
            name = defining.get(location.line)
            if name is not None:
                self.warn(location.line, link_in_abbreviation(url, name))

    def links_kept_raw(self, tokens: Sequence[TokenLike]) -> None:
        """A warning for each element left open that has the site show the Markdown links
        after it as text: it keeps raw HTML going up to the element's closing tag."""
        held = [link.location.line for link in self.body.links]
        held += [image.location.line for image in self.body.images]
        if not held:
            return
        kept = kept_raw(
            tokens,
            self._text_lines(),
            self.body.open_elements,
            self.offset,
            self.kept_as_html,
            max(held),
        )
        if not kept:
            return
        # Links in HTML blocks are HTML to both readers.
        html = {self.offset + line for line in html_lines(tokens)}
        for line, start, end, tag in kept:
            lost = sorted(at for at in held if start <= at <= end and at not in html)
            if lost:
                self.warn(line, left_open(tag, len(lost), lost[0]))

    def warn_outside_code(self, found: Iterable[tuple[int, int, str]], shown: set[int]) -> None:
        """Warn of each (body line, column, why) but those in code: a code block or an HTML
        block (`shown`), or a code span on the line."""
        for index, column, message in found:
            code = code_spans(self._line_text(index))
            if index not in shown and not any(a <= column < b for a, b in code):
                self.warn(self.offset + index, message)

    def html_block(self, token: TokenLike) -> None:
        """The `<a href>` links and `<img src>` images of a raw HTML block."""
        line = self.line_of(token)
        self.html_links(token.content, line)
        labels = self._defined_labels if self.defines else frozenset()
        for index, why in markdown_after_html(token.content, labels):
            self.warn(line + index, why)
        if "\n" in token.content and ("```" in token.content or "~~~" in token.content):
            fenced = fence_in_html(token.content)
            if fenced is not None:
                self.warn(line + fenced[0], fenced[1])
        if token.content.lstrip(" ").startswith("<!--") and "-->" not in token.content:
            self.warn(line, comment_left_open(len(inline_urls(token.content))))
        elif "<!--" in token.content and token.map:
            found = comment_past_block(token.content, self._text_lines().lines_from(token.map[1]))
            if found is not None:
                self.warn(line + found[0], found[1])
        if not token.map or not self._may_link(token.content):
            return
        if self.read_as_markdown(token.map[0]):
            html: str = token.content
            explain: Callable[[str], str] = markdown_in_html
            if shown_as_text(html):
                html, explain = html.replace("<!--", "&lt;!--", 1), comment_shown_as_text
            for url, index in inline_links(html, self._definitions(html)):
                self.warn(line + index, explain(url))
        elif token.content.lstrip(" ").startswith("<!--") and "-->" in token.content:
            # CommonMark's comment block runs to the end of the line its `-->` is on.
            closing = token.content.index("-->") + 3
            after = token.content[closing:].split("\n", 1)[0]
            at = line + token.content.count("\n", 0, closing)
            for url, _ in inline_links(after, self._definitions(after)):
                self.warn(at, text_after_comment(url))

    def _defines(self, url: str) -> bool:
        """Whether a reference definition of the note gives `url`, as written."""
        return self.defines and re.search(rf"\]:[ \t]*{re.escape(url)}", self.text) is not None

    def _may_link(self, markdown: str) -> bool:
        """Cheap: whether `markdown` may hold a Markdown link, an autolink or a reference."""
        return "](" in markdown or "<http" in markdown or ("]" in markdown and self.defines)

    def _definitions(self, markdown: str) -> str:
        """The note's reference definitions, when `markdown` may use one: what resolves it."""
        if "]" not in markdown or "]:" not in self.text:
            return ""
        return self._all_definitions

    @functools.cached_property
    def _found_definitions(self) -> list[re.Match[str]]:
        return list(DEFINITION.finditer(self.text))

    @functools.cached_property
    def _all_definitions(self) -> str:
        return "\n".join(definition.group().strip() for definition in self._found_definitions)

    @functools.cached_property
    def _written_lines(self) -> list[str]:
        return self.written.split("\n")

    def opened_early(self, tokens: Sequence[TokenLike]) -> None:
        """A warning for each Markdown link on the lines between the tag of an element the
        page opens (see `open_elements`) and the blank line that ends its HTML block: HTML to
        CommonMark (and GitHub), Markdown to the site once the element is marked."""
        for token in tokens:
            if token.type != "html_block" or token.level or not token.map:
                continue
            if not self._may_link(token.content):
                continue
            first = self.offset + token.map[0]
            lines = token.content.split("\n")
            for line, tag in self.body.open_elements:
                if not first <= line < first + len(lines):
                    continue
                on_line = lines[line - first]
                opening = next(
                    (m for m in OPEN_TAG.finditer(on_line) if m["tag"].lower() == tag), None
                )
                after = on_line[opening.end() :] if opening else on_line
                rest = "\n".join([after, *lines[line - first + 1 :]])
                for url, index in inline_links(rest, self._definitions(rest)):
                    self.warn(line + index, markdown_after_open_tag(tag, url))

    def kept_as_html(self, index: int) -> bool:
        return not self.read_as_markdown(index)

    def read_as_markdown(self, index: int) -> bool:
        """Whether the site reads the HTML block that starts on body line `index` as
        Markdown: its Python-Markdown keeps raw only HTML that starts a line, by at most
        three spaces, so not one in a quote, an admonition or a list item's text (whose
        lines the page moves to the indent of 4, see `ListItemBlock`)."""
        written = self._written_lines[index]
        lead = written[: written.find("<")]
        line = index + self.offset
        moved = sum(4 - b.column for b in self.body.item_blocks if b.line < line <= b.last_line)
        return bool(lead.strip()) or len(lead.expandtabs(4)) + moved > 3

    def html_links(self, html: str, line: int) -> None:
        """The links and images of raw HTML whose first line is file line `line`."""
        links, images = html_block_links(html)
        if not links and not images:
            return
        first = line - 1
        flat = _Inline(
            "",
            [_Span(span.url, span.text, first + span.line, raw=True) for span in links],
            "",
            first + 1,
            [_Span(span.url, span.text, first + span.line) for span in images],
        )
        self.links(flat, own_annotation=False)
        self.images(flat)

    def title(self, title: str, line: int) -> None:
        """The links and images of an admonition's or collapsible block's title, which the
        site reads as Markdown, on file line `line`."""
        # Parsed at its line, so that every count of lines the run makes holds as it is.
        source = "\n" * (line - self.offset) + title
        if "]" in title and "]:" in self.text:
            # With the note's definitions after it: the site finds a reference's anywhere.
            found = DEFINITION.finditer(self.text)
            source += "\n\n" + "\n".join(definition.group().strip() for definition in found)
        for token in markdown_tokens(source):
            if token.type == "inline":
                flat = self.inline(token)
                self.links(flat, own_annotation=False)
                quote = line - self.offset + 1  # a quote block's first line
                if quote in self.taken.quote_titles:  # its source, by the text it shows
                    self.taken.quote_titles[quote] = flat.text

    def nested_html_blocks(self, tokens: Sequence[TokenLike]) -> None:
        for token in tokens:
            if token.type == "html_block":
                self._html_inside = True
                self.html_block(token)

    def adjoining(self, token: TokenLike, before: str) -> None:
        # The token before a top-level block is the last of the block before it.
        assert token.map is not None
        first = token.map[0]
        found = adjoining(first, token.type, before, self._line_text, self.offset)
        # The comment before code goes at the margin, where it would end an admonition whose
        # body the model reads moved out: only where the page's line is the model's.
        if found is not None and (found.after != "code" or self._as_written(first)):
            self.body.adjoining_lists.append(found)

    def file_line(self, line: int) -> str:
        """The text of file line `line`, one of the body's."""
        return self._line_text(line - self.offset)

    def _line_text(self, index: int) -> str:
        """Line `index` (from 0) of the body; split out when first asked for."""
        lines = self._split()
        return lines[index] if index < len(lines) else ""

    def _as_written(self, index: int) -> bool:
        """Whether body line `index` (from 0) is the model's as written: no block opened up
        moved it (see blocks), so the page may change it where it stands."""
        written = self._written_lines
        return index < len(written) and written[index] == self._line_text(index)

    def _split(self) -> list[str]:
        return self._text_lines().lines

    def _text_lines(self) -> TextLines:
        if self._lines is None:
            self._lines = TextLines(self.text)
        return self._lines

    def reserve_heading_ids(self, tokens: Sequence[TokenLike]) -> None:
        """Python-Markdown's toc makes generated ids unique around the ids headings were given
        (`{#install}`), wherever those headings are: so those are taken before any other."""
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and _may_have_attrs(tokens[index + 1]):
                given = _heading_attrs(_flatten(tokens[index + 1], 0).text)[1]
                if given:
                    self.ids.add(given)

    def heading(self, open_token: TokenLike, inline: TokenLike) -> None:
        level = int(open_token.tag[1])
        line = self.line_of(open_token)
        flat = _flatten(inline, line)
        self.links(flat, own_annotation=False)
        if flat.images:
            self.images(flat)
        self.read_otherwise(inline, flat)  # `## See [[1]](url)`, as in a paragraph
        attrs = self.braces and _may_have_attrs(inline)
        text, given = _heading_attrs(flat.text) if attrs else (flat.text, None)
        anchor = given or self._unique_id(slugify(text, "-"))
        heading = Heading(text, level, anchor, line)
        self.body.headings.append(heading)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
            self.heading_source.pop()
        name = split_attribution(text, self._known).name
        self.stack.append(heading)
        self._headings = None
        self.heading_source.append(self.person(name, line) if name else None)

    def _unique_id(self, slug: str) -> str:
        # Python-Markdown 3.11.3 and later remember, per name, how many suffixed ids are
        # taken: N headings of one name cost N steps, not N*N/2 (4,000: 0.46 s, not 3.65 s). The
        # ids are the same either way, and the same as the site's.
        if _UNIQUE_COUNTS:
            return unique(slug, self.ids, self.id_counts)
        return unique(slug, self.ids)

    def inline(self, token: TokenLike) -> _Inline:
        flat = _flatten(token, self.line_of(token))
        if "[[" in flat.text:
            self.wikilinks(token, flat.line)
        if self.breaks_tags:
            self.tags_over_lines(token, flat.line)
        if flat.images:
            self.images(flat)
        self.read_otherwise(token, flat)
        return flat

    def tags_over_lines(self, inline: TokenLike, line: int) -> None:
        """Note the lines of the run (`inline`, from file line `line`) that end inside an
        inline tag in what the site reads as a hard break (`rawtext.broken_tag_lines`)."""
        for child in inline.children or []:
            if child.type == "html_inline" and "\n" in child.content:
                self.body.tag_breaks += broken_tag_lines(child.content, line, self.file_line)
            line += breaks_in(child)

    def read_otherwise(self, token: TokenLike, flat: _Inline) -> None:
        """The warnings for links of an inline run (`flat`, of `token`) that the site reads
        otherwise."""
        if "](" in flat.text or "<" in flat.text:
            self.divergent_links(token, flat.line)
        if self.braces and ("href=" in flat.text or "src=" in flat.text):
            self.urls_set_by_attrs(token, flat.line)
        if self.defines and any("[" in span.url for span in flat.links):
            self.autolinks_holding_labels(flat)
        # A link's text left `](` behind, or a URL holds a quote (see quotedurls).
        spans = [*flat.links, *flat.images]
        if (
            "](" in flat.text
            or "<" in flat.text
            or "`" in flat.text
            or any("'" in span.url or '"' in span.url or "@" in span.url for span in spans)
        ):
            # The run as written: its tokens keep no `](` past a link. (Its lines from the
            # run's own count: the Rust port maps a paragraph's first line alone.)
            first = flat.line - self.offset
            last = first + sum(breaks_in(child) for child in token.children or [])
            written = "\n".join(self._line_text(index) for index in range(first, last + 1))
            if "]([" in written:  # `[^7](` then a link: see links_taken_as_urls
                found = links_taken_as_urls(written)
                self.warn_outside_code(((first + i, at, why) for i, at, why in found), set())
            if may_space_urls(written):
                spaced = spaced_urls(written)
                self.warn_outside_code(((first + i, at, why) for i, at, why in spaced), set())
            if may_run_on(written):
                run_on = run_on_urls(written)
                self.warn_outside_code(((first + i, at, why) for i, at, why in run_on), set())
            if "``" in written:  # a link in code to one side: no code span to skip
                for i, _, why in code_paired_otherwise(written):
                    self.warn(self.offset + first + i, why)
            if "@" in written and "<" in written:
                mail = tags_read_as_mail(written)
                self.warn_outside_code(((first + i, at, why) for i, at, why in mail), set())
            if may_hold_quoted_urls(written):
                quoted = quoted_urls(written, self.offset + first)
                self.warn_outside_code(((first + i, at, why) for i, at, why in quoted), set())
        if self.may_touch and len(flat.links) > 1:
            self.one_link_on_the_site(flat)

    def one_link_on_the_site(self, flat: _Inline) -> None:
        """A warning for each two references of the run that the site makes one link of."""
        for one, two in itertools.pairwise(flat.links):
            if one.raw or two.raw or two.line - one.line > 1:
                continue
            lines = range(one.line - self.offset, two.line - self.offset + 1)
            source = "\n".join(self._line_text(index) for index in lines)
            message = references_one_apart(source, (one.title, one.url), (two.title, two.url))
            if message is not None:
                self.warn(one.line, message)

    def divergent_links(self, inline: TokenLike, line: int) -> None:
        """Links to the site that the model has not, each at its line (`divergence`)."""
        brackets = 0  # `[` left open in the run's text so far
        inner: str | None = None  # a link that opened while a `[` was open: its URL
        open_after = 0  # once it ended: that `[` and any opened since, until they close
        outer: str | None = None  # "": the child before ended with the `](` that closed them
        before_break, text = "", ""  # text before a line break; the run's since a non-text child
        children = inline.children or []
        for index, child in enumerate(children):
            outer_next, outer = outer == "", None
            if child.type != "text":
                # A URL the site runs past a break: a hard one (two spaces) too.
                broken = child.type in ("softbreak", "hardbreak")
                before_break, text = (text if broken else ""), ""
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type in ("code_inline", "html_inline", "image"):  # none warns: count now
                line += breaks_in(child)
            elif child.type == "link_open":
                href = str(child.attrs.get("href", ""))
                if outer_next and inner is not None:  # `](<url>)`: read as an autolink
                    self.warn(line, link_in_link_text(inner, href))
                # Inside the text still when an inner link before it left that `[` open:
                # `[[a](u) [b](v)](w)`, a fix's copy after a citation.
                inner = href if brackets or open_after else None
                open_after = 0
            elif child.type == "link_close":
                line += breaks_in(child)
                if inner is not None:
                    open_after = 1
            elif child.type == "text":
                if open_after:
                    outer, open_after = outer_link(_text_from(children, index), open_after)
                    if outer and inner is not None:
                        self.warn(line, link_in_link_text(inner, outer))
                cut = None
                if before_break and url_goes_on(before_break):
                    cut = url_over_lines(before_break, _run_from(children, index))
                if cut is not None:
                    self.warn(line - 1, cut)
                # The run's text up to here: an entity (`&amp;`) is a text of its own.
                before_break, text = "", text + child.content
                brackets = max(0, brackets + child.content.count("[") - child.content.count("]"))
                if "<" in child.content:
                    self.body.bare_angles += bare_angles(child.content, line)

    def autolinks_holding_labels(self, flat: _Inline) -> None:
        """Warn of an autolink, or an HTML link, whose URL holds a label the note defines
        (`<https://…/[1]>` over html2text's `[1]: …`): the site reads a reference link
        inside it."""
        for span in flat.links:
            raw = span.raw and "[" in span.url
            if not raw and f"<{span.url}>" not in self.file_line(span.line):
                continue
            for label in re.findall(r"\[([^\[\]]+)\]", span.url):
                if reference_label(label) in self._defined_labels:
                    kind = "HTML link to" if raw else "autolink"
                    self.warn(span.line, autolink_holding_label(span.url, label, kind))
                    break

    @functools.cached_property
    def _defined_labels(self) -> set[str]:
        return {reference_label(found.group(1)) for found in self._found_definitions}

    def urls_set_by_attrs(self, inline: TokenLike, line: int) -> None:
        """Warn of an attribute list right after a link that sets its `href`, or after an
        image that sets its `src` (`[a](u){: href="v"}`): attr_list gives the page that URL."""
        url, attr = "", ""  # the last link's or image's URL, and the attribute that sets it
        for child in inline.children or []:
            if child.type == "link_open":
                url = str(child.attrs.get("href", ""))
            elif child.type in ("link_close", "image"):
                attr = "href" if child.type == "link_close" else "src"
                if child.type == "image":
                    url = str(child.attrs.get("src", ""))
            elif child.type == "text" and attr:
                found = _INLINE_ATTRS.match(child.content)
                words = _ATTR_WORD.findall(found.group()[1:-1]) if found else []
                values = [w.split("=", 1)[1] for w in words if w.startswith(f"{attr}=")]
                if values:
                    self.warn(line, url_set_by_attrs(url, attr, values[-1].strip("\"'")))
            if child.type not in ("link_close", "image"):
                attr = ""
            line += breaks_in(child)

    def images(self, flat: _Inline) -> None:
        """The images a note shows, to be checked as links are. `data:` images carry their
        picture with them; a `javascript:` one is refused, as for a link."""
        for span in flat.images:
            url = span.url.strip()
            if not url or url[:5].lower() == "data:":
                continue
            refused = _refused_scheme(url)
            if refused:
                self.error(span.line, f"refused `{refused}:` image: the site must never carry one")
                continue
            self.body.images.append(Image(url, span.title, self.loc(span.line)))

    def wikilinks(self, inline: TokenLike, line: int) -> None:
        """The `[[wikilinks]]` (Obsidian's, Quartz's) of an inline run, each at its own line;
        which note each names is known once every note is read (`dlnotes.parse.wikilinks`).
        Only in text: a code span may well show one. An image's embed (`![[diagram.png]]`) is
        kept too; a note's embed is a warning, as the site cannot show a note in another."""
        # (line, links on that line before the run, the run's text)
        runs: list[tuple[int, int, str]] = []
        run: list[str] = []
        before = 0  # the links of this line read so far (a table's earlier cells): the last
        for link in reversed(self.body.links):
            if link.location.line != line:
                break
            before += 1
        for child in inline.children or []:
            if child.type == "text":
                run.append(child.content)
                continue
            runs.append((line, before, "".join(run)))
            run = []
            if breaks := breaks_in(child):
                line += breaks
                before = 0
            elif child.type == "link_open" or (
                child.type == "html_inline" and html_tag(child.content).opens is not None
            ):
                before += 1
        runs.append((line, before, "".join(run)))
        for at, links_before, text in runs:
            for found in WIKILINK.finditer(text):
                name = found.group(2).strip()
                embed = bool(found.group(1))
                if embed and not IMAGE_FILE.search(name):
                    self.warn(
                        at,
                        f"{found.group(0)} embeds a note, which the site does not show: write "
                        f"[[{name}]] to link it instead",
                    )
                    continue
                heading = found.group(3).strip() if found.group(3) is not None else None
                shown = (found.group(4) or "").strip()
                if not embed:
                    shown = shown or name or (heading or "")
                wikilink = WikiLink(
                    found.group(0),
                    name,
                    heading,
                    shown,
                    self.loc(at),
                    self.headings(),
                    self.anchor(),
                    embed=embed,
                    links_before=links_before,
                )
                self.body.wikilinks.append(wikilink)

    def paragraph(self, flat: _Inline) -> None:
        self.links(flat, own_annotation=True)
        if not flat.links:
            self.tip(flat)

    def tip(self, flat: _Inline) -> bool:
        attributed = split_attribution(flat.text, self._known)
        if attributed.name is None or not attributed.text:
            return False
        self.body.tips.append(
            Tip(
                attributed.text,
                self.loc(flat.line),
                self.headings(),
                self.person(attributed.name, flat.line),
                self.anchor(),
            )
        )
        return True

    def links(self, flat: _Inline, *, own_annotation: bool) -> None:
        single = own_annotation and len(flat.links) == 1
        for span in flat.links:
            annotation: str | None = None
            attribution: str | None = None
            if single:
                trailing = flat.trailing
                if trailing.startswith("{"):
                    trailing = _INLINE_ATTRS.sub("", trailing, count=1)
                split = split_attribution(trailing, self._known)
                annotation = annotation_of(split.text)
                attribution = self.person(split.name, span.line)
            if self.valid(span):
                # A browser takes an `href` without the ASCII spaces around it (Paper's and
                # RSS readers' `<a href=" https://…">`); Markdown's destination has none.
                url = span.url.strip(_HTML_SPACES) if span.raw else span.url
                self.body.links.append(
                    Link(
                        url=url,
                        title=span.title,
                        location=self.loc(span.line),
                        headings=self.headings(),
                        annotation=annotation,
                        attribution=attribution,
                        kind=guess_kind(url, span.title),
                        anchor=self.anchor(),
                    )
                )

    def valid(self, span: _Span) -> bool:
        url = span.url.strip()
        if not url:
            self.error(span.line, f"empty link `[{span.title}]()`: give it a URL")
            return False
        refused = _refused_scheme(url)
        if refused:
            self.error(span.line, f"refused `{refused}:` link: the site must never carry one")
            return False
        if not span.title:
            self.error(span.line, f"link to {url} has no text: readers cannot see it")
        # A definition's the site does not read at all: see definitions_with_other_spaces.
        spaced = url != span.url and span.url.strip(" \t\n") == span.url
        if spaced and not span.raw and not self._defines(span.url):
            self.warn(span.line, spaced_at_ends(url, span.url))
        if span.raw and resolve_note_link("", url) is not None:
            self.warn(
                span.line,
                f"HTML link to a note ({url}): MkDocs turns Markdown links to notes into page "
                f"URLs but leaves HTML as written, so the site's link would not be found: "
                f"write [{span.title or 'text'}]({url})",
            )
        tracking = tracking_params(url)
        if tracking:
            names = ", ".join(tracking)
            self.warn(span.line, f"link carries tracking parameters ({names}): {url}")
        if self.paren_titles and not span.raw:
            breaks = title_in_parentheses(self.file_line(span.line), url)
            if breaks:
                self.warn(span.line, breaks)
        return True

    def list_block(self, tokens: Sequence[TokenLike]) -> None:
        items = _items(tokens)
        flats = [[self.inline(t) for t in item if t.type == "inline"] for item in items]
        firsts = [f[0] for f in flats if f]
        tasks = [_TASK.match(f.text) for f in firsts]
        has_links = any(f.links for fs in flats for f in fs)
        is_task_list = bool(firsts) and all(tasks)
        # Whether every item is attributed matters only to a list without links.
        if is_task_list or (
            not has_links
            and firsts
            and not all(split_attribution(f.text, self._known).name for f in firsts)
        ):
            self.checklist(firsts, tokens[0])
            for fs in flats:
                for flat in fs:
                    self.links(flat, own_annotation=not is_task_list)
            return
        for fs in flats:
            for index, flat in enumerate(fs):
                self.links(flat, own_annotation=True)
                if index == 0 and not flat.links:
                    self.tip(flat)

    def checklist(self, firsts: list[_Inline], open_token: TokenLike) -> None:
        items = []
        for flat in firsts:
            match = _TASK.match(flat.text)
            checked = None if match is None else match.group("mark") != " "
            text = flat.text[match.end() :] if match else flat.text
            items.append(ChecklistItem(text, flat.line, checked))
        title = self.stack[-1].text if self.stack else ""
        if title:
            title = split_attribution(title, self._known).text or title
        line = self.line_of(open_token)
        self.body.checklists.append(
            Checklist(
                title, tuple(items), self.loc(line), self.headings(), self.source(), self.anchor()
            )
        )

    def blockquote(self, tokens: Sequence[TokenLike]) -> None:
        inner = tokens[1:-1]
        blocks = [t for t in inner if t.level == tokens[0].level + 1 and t.nesting >= 0]
        if blocks and all(t.type in ("bullet_list_open", "ordered_list_open") for t in blocks):
            # Each list: another marker, or a number after bullets, starts another.
            level = tokens[0].level + 1
            for start, token in enumerate(inner):
                if token.level == level and token.nesting == 1:
                    self.list_block(inner[start : _close(inner, start) + 1])
            return
        paragraphs = [self.inline(t) for t in inner if t.type == "inline"]
        for flat in paragraphs:
            self.links(flat, own_annotation=True)
        if not paragraphs:
            return
        source = self.source()
        lines = [p.text for p in paragraphs]
        named = quote_source(lines[-1])
        if named is not None:
            source = self.quoted_person(named, paragraphs[-1].line)
            lines.pop()
        elif (last := paragraphs[-1].last_line) and (named := quote_source(last[0])) is not None:
            # Under the quote's last line: the text before it is the quote's (the break
            # before the last line is a space in the run's text).
            source = self.quoted_person(named, last[1])
            lines[-1] = lines[-1][: len(lines[-1]) - len(last[0])].rstrip()
        elif (title := self._quote_title(tokens[0])) and self._known(title):
            # `!!! quote "Jeremy Howard"`: a title that names someone is the source; any
            # other ("On overfitting") is only a title.
            source = self.person(title, self.line_of(tokens[0]) - 1)
        text = "\n\n".join(line for line in lines if line)
        if text:
            line = self.line_of(tokens[0])
            self.body.quotes.append(
                Quote(text, self.loc(line), self.headings(), source, self.anchor())
            )

    def _quote_title(self, opening: TokenLike) -> str | None:
        """The title of the quote block whose blockquote `opening` opens, if it has one."""
        return self.taken.quote_titles.get(self.line_of(opening) - self.offset)

    def _known(self, name: str) -> bool:
        return self.people.find(name) is not None


def _close(tokens: Sequence[TokenLike], start: int) -> int:
    """Index of the token closing the one at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _items(tokens: Sequence[TokenLike]) -> list[list[TokenLike]]:
    """The top-level items of a list, each as its tokens."""
    level = tokens[0].level + 1
    items: list[list[TokenLike]] = []
    for token in tokens[1:-1]:
        if token.type == "list_item_open" and token.level == level:
            items.append([])
        elif items:
            items[-1].append(token)
    return items


def parse_body(body: str, *, display: str, offset: int, people: PeopleIndex) -> Body:
    """Walk the Markdown of a note whose first body line is file line `offset`."""
    taken = Taken()
    text = blocks_as_markdown(body, taken)
    return _Walker(text, display, offset, people, taken, body).walk(markdown_tokens(text))
