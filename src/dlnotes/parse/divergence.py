"""Where the site's Markdown (Python-Markdown) reads a note otherwise than CommonMark, which
the model, GitHub and Obsidian follow, and no rewrite of the page can make them agree: the
parser warns, as the page would show a link that no check reads, or break one."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet

from markdown.blockprocessors import ReferenceProcessor
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE
from markdown.util import BLOCK_LEVEL_ELEMENTS

from dlnotes.parse.blocks import DEFINITION_LINE
from dlnotes.parse.htmllinks import html_block_links
from dlnotes.parse.listshape import MARKER, LineText
from dlnotes.parse.references import DEFINITION, DESTINATION_OPENS, reference_label
from dlnotes.parse.tokens import (
    QUOTE_MARKER,
    SITE_ESCAPES,
    LineCount,
    TokenLike,
    code_spans,
    inline_links,
    inline_urls,
    line_and_column,
)

# A link, or an autolink, whose URL holds a space: CommonMark leaves it as text, Python-Markdown
# links it.
_SPACED_URL = re.compile(
    # A link's URL, a space, and what is no title to CommonMark (a run as written holds the
    # links it reads too), on the line (a URL a break cuts: see url_over_lines) but for a
    # quoted title; an autolink, not a link's `<destination>`.
    r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:https?|ftp)://[^\s()<>]*(?P<space>[ \t])"
    r"(?![ \t]*(?:\"[^\"]*\"|'[^']*'|\([^()]*\))[ \t]*\))(?:[ \t]*[\"'][^()]*|[^()\n]*)\)"
    r"|(?<!\]\()(?<!\]\( )<(?:https?|ftp)://[^\s<>]*[ \t][^<>\n]*>",
    re.IGNORECASE,
)
# A link whose `(title)` holds parentheses, `[t](https://a (LoRA (2021)))`: text to
# CommonMark, which allows none unescaped in a title; a link to Python-Markdown, whose URL
# takes the title in.
_TITLE_WITH_PARENTHESES = re.compile(
    r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?:https?|ftp)://(?:[^\s()<>]|\([^\s()<>]*\))*[ \t]+"
    r"\((?:[^()\n]*\([^()\n]*\))+[^()\n]*\)[ \t]*\)",
    re.IGNORECASE,
)
# Brackets right before a link in parentheses, `[^1]([paper](https://…))`: `[^1]`, then the
# link, to CommonMark; one link to Python-Markdown, whose URL is `[paper](https://…)`.
_LINK_AS_URL = re.compile(r"\[[^\[\]\n]*\]\(\s*\[[^\[\]\n]*\]\([^()\s]*\)[^()\n]*\)")
# What follows an inner link when it sat in another's text: the outer link's URL.
_OUTER_URL = re.compile(r"\]\(\s*<?([^\s()<>]*)")
# A reference definition as the site's Python-Markdown finds one, which it seeks on every
# line of a block: its own pattern, so the warning follows the site's version.
_SITE_DEFINITION = ReferenceProcessor.RE
# An abbreviation's definition as the site's abbr extension finds one, which takes the lines
# out of the page: its pattern since Python-Markdown 3.7 (`AbbrBlockprocessor.RE`), copied, as
# the class has that name only since then and the project allows 3.6.
# The site reads one inside a quote, a list item or a definition too (their text is blocks
# of its own): so after their markers, or indented as an item's later lines are. And it reads
# a block at a time, so an abbreviation runs over no blank line and into no next list item
# (`*[t](url)*` then, blocks below, a `]:` is no definition of "t](url)*…").
_CONTAINER_LEAD = r"(?:[ ]{0,3}>[ ]?)*(?:[ ]{4,}|(?:[ ]{0,3}(?:[-*+]|\d+[.)]|:)[ \t]+)*)"
_IN_BLOCK = rf"(?:[^\\\n]|\n(?![ \t\r]*\n|[ \t]*(?:>[ \t]*)*{MARKER}[ \t]))"
_ABBREVIATION = re.compile(
    rf"^{_CONTAINER_LEAD}[*]\[(?P<abbr>{_IN_BLOCK}*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$",
    re.MULTILINE,
)
# Some link's title written `(title)`, anywhere in a note; its URL may hold parentheses, in
# pairs (Wikipedia's `…/Transformer_(deep_learning_architecture) (Wikipedia)`).
_PAREN_TITLE = re.compile(r"\]\((?:[^\s()]|\([^\s()]*\))+>?\s+\([^()]*\)\s*\)")


def _cut_at_parenthesis(written: str, url: str, definition: str) -> str:
    """Why a definition whose URL the site cuts at a `(` to make the rest a title breaks."""
    whole = definition.split("]:", 1)[1].split()[0]
    return (
        f"the site cuts the URL of [{written}]'s definition at its `(` and links {url}, reading "
        f"the rest for a title: Markdown reads no definition there (nor in the definitions "
        f"right below it), so [{written}] shows as text: put what follows the URL in quotes, "
        f'[{written}]: {whole} "..."'
    )


def may_title_in_parentheses(text: str) -> bool:
    """Cheap, and false for most notes: whether some link's title is written `(title)`."""
    return ("))" in text or ") )" in text) and _PAREN_TITLE.search(text) is not None


# A destination then a `(title)`, the destination as written (`&amp;`, `\_` and all).
_DESTINATION_PAREN_TITLE = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()]*\))+)>?\s+\([^()]*\)\s*\)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def title_in_parentheses(line: str, url: str) -> str | None:
    """Why the link to `url` on `line` breaks on the site, when its title is `(title)`."""
    if not any(
        _ESCAPED.sub(r"\1", html.unescape(match.group(1))) == url
        for match in _DESTINATION_PAREN_TITLE.finditer(line)
    ):
        return None
    return (
        f"the title of the link to {url} is in parentheses, which the site's Markdown "
        f"(Python-Markdown) reads as part of the URL, so the page's link would be broken: "
        f'write the title in quotes, [text]({url} "title")'
    )


def may_space_urls(markdown: str) -> bool:
    """Cheap: whether `markdown` may hold a link or an autolink whose URL holds a space."""
    return ("](" in markdown or "<" in markdown) and (" " in markdown or "\t" in markdown)


# The site's e-mail autolink: a tag whose name a line break ends (`<a⏎href="…/@alice">`) fits it.
_TAG_AS_MAIL = re.compile(rf"(?=<[A-Za-z][A-Za-z0-9-]*\n){AUTOMAIL_RE}")


def tags_read_as_mail(markdown: str) -> Iterator[tuple[int, int, str]]:
    """Each HTML tag of `markdown` (an inline run as written) whose name ends its line and
    whose attributes hold an `@` and no space (Medium's, Mastodon's URLs): its line in the
    run (from 0), column and why. The site's Python-Markdown reads it as an e-mail address."""
    code = code_spans(markdown)
    for match in _TAG_AS_MAIL.finditer(markdown):
        if any(start <= match.start() < end for start, end in code):
            continue
        tag = match.group(1).split("\n", 1)[0]
        yield (
            *line_and_column(markdown, match.start()),
            f"the <{tag}> tag's attributes start on the next line and hold an `@` with no "
            f"space: the site reads the tag as an e-mail address, a mailto: link, and drops "
            f"the URL the check reads: put its first attribute on the tag's line",
        )


def _site_code_spans(text: str) -> list[tuple[int, int]]:
    """The code spans the site's Python-Markdown finds in `text`, backticks included: a run
    of n backticks closes at the next run of n, or else at the longest shorter run after it,
    giving up its first backticks (`BacktickInlineProcessor.find_code_spans`)."""
    spans: list[tuple[int, int]] = []
    index, last = 0, len(text)
    while index < last:
        if text[index] != "`" or (index and text[index - 1] == "\\"):
            index += 1
            continue
        start = index
        while index < last and text[index] == "`":
            index += 1
        ticks, longest, end, scan = index - start, 0, 0, index
        closed = None
        while scan < last:
            run = scan
            while scan < last and text[scan] == "`":
                scan += 1
            if run == scan:
                scan += 1
            elif scan - run == ticks:
                closed = (start, scan)
                break
            elif scan - run > longest:
                longest, end = scan - run, scan
        if closed is None and 0 < longest < ticks:
            closed = (start + ticks - longest, end)
        if closed is not None:
            spans.append(closed)
            index = closed[1]
    return spans


# What links in a run as written: a link's `](`, an autolink.
_LINK_START = re.compile(r"\]\(|<(?:https?|ftp)://", re.IGNORECASE)


def code_paired_otherwise(markdown: str) -> Iterator[tuple[int, int, str]]:
    """Each link of `markdown` (an inline run as written) that is code to one side and not
    to the other, as the two pair backticks otherwise (an unmatched ``` `` ```, as pandoc
    leaves LaTeX's ``quotes''): its line in the run (from 0), column and why."""
    ours, site = code_spans(markdown), _site_code_spans(markdown)
    for match in _LINK_START.finditer(markdown):
        at = match.start()
        in_ours = any(a <= at < b for a, b in ours)
        if in_ours == any(a <= at < b for a, b in site):
            continue
        shown = "code, the site a link" if in_ours else "a link, the site code"
        yield (
            *line_and_column(markdown, at),
            f"the backticks before this link pair otherwise on the site (an unmatched ``, as "
            f"LaTeX's quotes convert): Markdown reads it as {shown}, so the check and the page "
            f"differ: escape the unmatched backticks (\\`) or write the quotes as “”",
        )


def spaced_urls(markdown: str) -> Iterator[tuple[int, int, str]]:
    """Each `[text](https://a b)` or `<https://a b>` of `markdown` (an inline run as written,
    whose markup, entities and escapes may split its text) that is a link on the site and
    none in the model, with its line in the run (from 0), column and why: CommonMark allows
    no space in a URL. The same for a `(title)` holding parentheses."""
    for match in _SPACED_URL.finditer(markdown):
        written = match.group(0)
        after = markdown[match.end("space") : match.end()].lstrip() if match["space"] else ""
        if after[:1] in ("'", '"'):
            why = f"its title holds its own {after[0]}"
            mend = f"write the title's own quotes as \\{after[0]}"
        else:
            why = "its URL holds a space"
            mend = "write the space as %20" + (
                "" if written.startswith("<") else ", or put the URL in <…>"
            )
        yield (
            *line_and_column(markdown, match.start()),
            f"`{written}` is not a link in Markdown ({why}), yet the site shows it as one, "
            f"which is never checked: {mend}",
        )
    for match in _TITLE_WITH_PARENTHESES.finditer(markdown):
        yield (
            *line_and_column(markdown, match.start()),
            f"`{match.group(0)}` is not a link in Markdown (its (title) holds parentheses), "
            f"yet the site shows one, to a URL that takes the title in: write the title in "
            f'quotes, "title"',
        )


def links_taken_as_urls(markdown: str) -> Iterator[tuple[int, int, str]]:
    """Each `[^1]([paper](https://…))` of `markdown` (an inline run as written), with its
    line in the run (from 0), column and why: a link to CommonMark, whose URL is checked;
    the site links `[^1]` to the text `[paper](https://…)` instead."""
    for match in _LINK_AS_URL.finditer(markdown):
        yield (
            *line_and_column(markdown, match.start()),
            f"`{match.group(0)}`: the site reads one link there, whose URL is the link in "
            f"the parentheses as written, and shows no link to that link's URL, which "
            f"Markdown does: put a space between `]` and `(`",
        )


# A URL that a line break cuts in two, `[t](https://a⏎/b)` or `<https://a⏎/b>`: text to
# CommonMark, a link to Python-Markdown (whose patterns take the break, which a browser drops).
# Before the break or after it, the URL may hold balanced parentheses (Wikipedia's
# `Transformer_(…)`) and, as pandoc's tables wrap a cell, spaces and `|` (`https://a |⏎| b)`);
# not a quote, which would start a title.
_IN_URL = r"(?:[^()<>\n\"']|\([^()<>\n]*\))"
# The site's link takes every line up to its `)` (a table's cell may cut a URL several times,
# even inside `https:` and `//`).
_URL_GOES_ON = re.compile(rf"(\]\(|<)((?:https?|ftp):[^\s()<>]*{_IN_URL}*)\Z", re.IGNORECASE)
# The rest of a URL cut by a line break, up to its `)` or `>`, a title on the way (the site
# takes the break into the URL and the title for a title all the same).
_URL_ENDS = re.compile(
    rf"(?:{_IN_URL}|\n)*?(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*([)>])"
)


def url_goes_on(before: str) -> bool:
    """Cheap: whether the text `before` a line break ends inside a link's or autolink's URL."""
    return _URL_GOES_ON.search(before) is not None


def url_over_lines(before: str, after: str) -> str | None:
    """Why the text `before` a line break and the text `after` it (the rest of the run, its
    breaks as newlines) are a link on the site and none in the model, if they are: a URL cut
    by the break."""
    start, end = _URL_GOES_ON.search(before), _URL_ENDS.match(after)
    if start is None or end is None or (start.group(1) == "<") != (end.group(1) == ">"):
        return None
    rest = end.group(0)[:-1].replace("\n", "⏎")
    rest = rest if len(rest) <= 60 else rest[:57] + "…"
    return (
        f"the URL `{start.group(2).rstrip()}` goes on past the line break (`{rest}`): "
        f"Markdown shows it as text, but the site links it, which no check reads: write the "
        f"URL on one line"
    )


def outer_link(after: str, depth: int = 1) -> tuple[str | None, int]:
    """Reading `after`, text that follows a link written inside `depth` open `[`: the URL of
    the link those brackets make on the site once their `](` comes (None when they close
    otherwise; "" when `after` ends there, before an autolink `<url>`), and how many `[` are
    still open (0 once they closed)."""
    for index, char in enumerate(after):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                outer = _OUTER_URL.match(after, index)
                return (None if outer is None else outer.group(1)), 0
    return None, depth


def link_in_link_text(inner: str, outer: str) -> str:
    """Why `[text [inner](…)](outer)` breaks on the site: CommonMark keeps the inner link (a
    link holds no other) and leaves the rest as text; Python-Markdown links the outer one."""
    return (
        f"a link inside another link's text: Markdown keeps the inner one ({inner}), the "
        f"site the outer one ({outer}), so the page would link what no check reads: take "
        f"one of them out"
    )


def redefined_references(
    text: str, shown: set[int], as_text: set[int], offset: int
) -> Iterator[tuple[int, str]]:
    """Each label that `text` (a note's body, whose line 0 is file line `offset`) defines
    again with another URL: the file line of its last definition, and why. CommonMark takes
    the first definition, the site the last. Lines of `shown` (code, HTML) define nothing to
    either; those of `as_text` (these, and paragraphs: see `leaf_lines`) nothing to CommonMark,
    whereas the site reads a definition on a paragraph's line too."""
    first: dict[str, tuple[int, str]] = {}
    last: dict[str, tuple[int, str, str]] = {}
    headings = _underlined_definitions(text, shown)  # the site reads no definition there
    for index, match in _definitions(text, shown):
        label = reference_label(match.group(1))
        if index not in as_text:
            first.setdefault(label, (index + offset, match.group(2)))
        if index not in headings:
            last[label] = (index + offset, match.group(2), match.group(1))
    for label, (line, url, written) in last.items():
        if label not in first:
            continue  # a definition Markdown never reads: see `definitions_in_paragraphs`
        first_line, first_url = first[label]
        if url != first_url and _used(text, written):
            yield (
                line,
                (
                    f"[{written}] is defined again here: Markdown reads the first definition "
                    f"(line {first_line}, {first_url}), the site the last ({url}), so the page "
                    f"would link what no check reads: keep one"
                ),
            )


# Two references one space or line break apart, `[a] [b]`: the site's Python-Markdown reads
# them as one link, `a` to b's URL (its reference pattern takes one whitespace before a label).
# The site's reference pattern takes any one space between the two, a non-breaking one too
# (`\s?`, which Python reads as Unicode's).
MAY_TOUCH = re.compile(r"\]\s\[")


def references_one_apart(
    source: str, first: tuple[str, str], second: tuple[str, str]
) -> str | None:
    """Why the site makes one link of two references that `source` (the lines from the
    first's to the second's) writes one space or line break apart, each a (text, URL); None
    when it does not write them so, or both go to one URL."""
    (text, url), (next_text, next_url) = first, second
    written = rf"\[{re.escape(text)}\]\s\[{re.escape(next_text)}\](?!\()"
    if url == next_url or re.search(written, source) is None:
        return None
    return (
        f"`[{text}] [{next_text}]`: the site reads the two as one link, {text} to {next_url}, "
        f"so the page would not link {url} there: write `[{text}][] [{next_text}]`, or put a "
        f"word between them"
    )


# `[text]`, one whitespace character, `[label]`, as the site's reference pattern takes it
# (not after a `!`, which makes it an image's, nor an escaping backslash).
_JOINED = re.compile(r"(?<![!\\])\[([^\[\]]*)\](\s?)\[([^\[\]]*)\]")


_MAY_JOIN = re.compile(r"\]\s\[")


def may_join_references(text: str) -> bool:
    """Cheap, and false for most notes: whether some `]` and `[` are one whitespace apart.
    `text` is `unquoted`."""
    return _MAY_JOIN.search(text) is not None


def references_joined(text: str, shown: set[int]) -> Iterator[tuple[int, int, str]]:
    """Each `[text] [label]` of `text` (a body) that the site makes one link of, `text` to
    what `label` is defined as, where Markdown reads something else: `[paper] [2](https://…)`
    (a numbered citation after a bracket: `[!NOTE]`, an image's `![logo][lg]`), or `[a] [b]`
    when `[a]` is no reference. Its line (from 0), column and why. Two references both
    defined are `references_one_apart`'s. Definitions on lines of `shown` define nothing."""
    defined = {reference_label(match.group(1)) for _, match in _definitions(text, shown)}
    if not defined:
        return
    at = 0
    while (found := _JOINED.search(text, at)) is not None:
        written, space, label = found.group(1), found.group(2), found.group(3)
        if reference_label(label or written) not in defined:
            at = found.start(3) - 1  # the site tries again from the second bracket
            continue
        at = found.end()
        inline = text.startswith("(", found.end())
        if space and (inline or reference_label(written) not in defined):
            gap = "⏎" if space == "\n" else " "
            yield (
                *line_and_column(text, found.start()),
                f"`[{written}]{gap}[{label}]`: the site reads the two as one link, "
                f"{written} to what [{label}] is defined as, which Markdown does not"
                + (", and shows the `(…)` after it as text" if inline else "")
                + f": put a word between them, or write `\\[{written}]`",
            )


# A code span that may hold a `|`: in a table row, GitHub's tables (and so the model) split
# the cell there, unless it is escaped; the site's Python-Markdown keeps the span whole.
_PIPE_IN_CODE = re.compile(r"`[^`\n]*\|")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def may_split_cells(text: str) -> bool:
    """Cheap, and false for most notes: whether a code span may hold a `|`."""
    return "|" in text and _PIPE_IN_CODE.search(text) is not None


def cells_split_in_code(
    tokens: Sequence[TokenLike], line_text: LineText, offset: int
) -> Iterator[tuple[int, str]]:
    """Each table row (of a body whose line 0, `line_text(0)`, is file line `offset`) that
    splits a cell at a `|` in a code span with a link after it, which a cell past the last
    column takes away, and why the site shows it otherwise."""
    for token in tokens:
        if token.type != "tr_open" or not token.map:
            continue
        line = line_text(token.map[0])
        pipes = (_UNESCAPED_PIPE.search(line, start, end) for start, end in code_spans(line))
        split = next((pipe.start() for pipe in pipes if pipe is not None), None)
        if split is not None and _LINK_IN_PARAGRAPH.search(line, split):
            yield (
                offset + token.map[0],
                "a `|` in a code span splits this table row's cells in Markdown (and on "
                "GitHub), but not on the site, so the site shows cells, and links, that no "
                "check reads: write it `\\|` (the site then shows the backslash)",
            )


# A Markdown link as it may stand in raw HTML: inline, by reference, an autolink, or a
# reference's definition on a line of its own (`<p>&nbsp;</p>` then `[1]: https://…`).
_MARKDOWN_LINK = re.compile(
    r"\]\(|\]\[|<(?:https?|ftp)://|^ {0,3}\[[^\[\]\n]+\]:[ \t]*\S", re.IGNORECASE | re.MULTILINE
)
_FIRST_TAG = re.compile(r" {0,3}<(/?)([A-Za-z][\w-]*)")
# The elements the site's Python-Markdown keeps as raw HTML up to their closing tag: its own
# list. After an inline one (`<a href>` alone on a line) it reads the block as a paragraph.
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
AFTER_HTML = (
    "this line goes on an HTML block: Markdown (and GitHub) reads it as HTML, the site as "
    "Markdown, so the page would show links that no check reads: put a blank line before it"
)
# Text after an element's closing tag on its line (BookStack's `<iframe …></iframe> Talk by
# [x](…)`): the HTML block's to CommonMark, Markdown to the site once the element ends.
AFTER_CLOSING_TAG = (
    "the text after this line's closing tag goes on an HTML block: Markdown (and GitHub) "
    "reads it as HTML, the site as Markdown, so the page would show links that no check "
    "reads: put the text on a line of its own, after a blank line"
)


def text_after_comment(url: str) -> str:
    """Why a link after a comment's `-->`, on the line the comment closes on, breaks: an
    HTML block to CommonMark up to that line's end, Markdown to the site after `-->`."""
    return (
        f"{url} is after an HTML comment on the line the comment closes on (Hugo's "
        f"`<!--more-->`): Markdown (and GitHub) reads the whole line as HTML, the site the "
        f"text after `-->` as Markdown, so the page would show a link that no check reads: "
        f"start the text on the next line"
    )


def comment_past_block(html: str, after: str) -> tuple[int, str] | None:
    """A comment that opens in an HTML block (`html`, not itself a comment: an issue
    template's `</details>` then `<!-- Please fill in:`) and closes only after it, in `after`,
    with a Markdown link between: its line in `html` (from 0) and why. CommonMark ends the
    block, and the comment with it, at the blank line; the site hides all up to `-->`."""
    opening = html.rfind("<!--")
    if opening < 0 or "-->" in html[opening:] or html.lstrip(" ").startswith("<!--"):
        return None
    closing = after.find("-->")
    if closing < 0 or not _MARKDOWN_LINK.search(after[:closing]):
        return None
    return (
        html.count("\n", 0, opening),
        "this comment opens inside an HTML block and closes only after it, with Markdown "
        "between: Markdown (and GitHub) ends the block and the comment at the blank line, the "
        "site hides all up to `-->`, links too: open the comment on a line of its own, after "
        "a blank line",
    )


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def shown_as_text(html: str) -> bool:
    """Whether the site, reading `html` (an HTML block in a quote, a list item or an
    admonition, see `markdown_in_html`) as Markdown, shows a comment that opens it as text:
    when a blank line comes before its `-->`, the paragraph `<!--` opens holds no end, so
    the site writes it out as text, and what follows as Markdown (a comment within one
    paragraph it hides, as CommonMark does)."""
    if not html.lstrip(" ").startswith("<!--"):
        return False
    blank = _BLANK_LINE.search(html)
    closing = html.find("-->", html.index("<!--") + 2)
    return blank is not None and 0 <= blank.start() < closing  # one never closed: its own warning


def comment_shown_as_text(url: str) -> str:
    """Why a link inside such a comment breaks (see `shown_as_text`)."""
    return (
        f"{url} is inside an HTML comment in a quote, a list item or an admonition: Markdown "
        f"(and GitHub) hides it, the site shows the comment as text, with a link that no "
        f"check reads: end the comment before its first blank line, or take it out of the "
        f"quote or item"
    )


# A fence line inside an HTML block (none above it but the block's own lines).
_FENCE_IN_HTML = re.compile(r"\n {0,3}(`{3,}|~{3,})")


def fence_in_html(html: str) -> tuple[int, str] | None:
    """A fence that opens inside an HTML block (`<div>` then ```` ```html ```` on the next line,
    as MDX and Docusaurus pages write a code sample) with an HTML link after it: its line in
    `html` (from 0) and why. CommonMark reads the block's lines as HTML up to a blank line,
    the link a link; superfences reads the fence, and the link as code."""
    fence = None if html.lstrip(" ").startswith("<!--") else _FENCE_IN_HTML.search(html)
    if fence is None or not html_block_links(html[fence.end() :])[0]:
        return None
    return (
        html.count("\n", 0, fence.end()),
        f"this {fence.group(1)} fence opens inside an HTML block (no blank line above it): "
        f"Markdown reads its lines as HTML, its HTML links as links, the site as code, so the "
        f"check reads links the page does not show: put a blank line before the fence",
    )


def comment_left_open(links: int) -> str:
    """Why a comment that nothing closes breaks: Markdown hides the rest of the note in it,
    the site's Python-Markdown shows it (`<!--` as text) with the links it holds."""
    held = f", with {links} link(s) that no check reads" if links else ""
    return (
        f"this comment is never closed: Markdown (and GitHub) hides the rest of the note in "
        f"it, the site shows it{held}: close it with `-->`"
    )


def bang_close(links: int) -> str:
    """Why `--!>` inside a comment breaks: a browser and the site end the comment there,
    CommonMark (0.31) only at `-->`; the page hides the text between, as CommonMark does."""
    held = f" ({links} link{'s' if links > 1 else ''})" if links else ""
    return (
        f"`--!>` does not close this comment to Markdown (and GitHub), which hides what "
        f"follows{held} up to the next `-->`; a browser and the site would end it at `--!>`, "
        f"so the page hides it as Markdown does: write `-->`"
    )


def url_set_by_attrs(url: str, attr: str, value: str) -> str:
    """Why an attribute list that sets a link's `href` (an image's `src`) breaks: the site's
    attr_list gives the page its URL, Markdown shows the braces as text."""
    shown = "links" if attr == "href" else "shows"
    return (
        f"the attribute list after {url} sets its {attr} to {value}: the site {shown} {value}, "
        f"Markdown (and GitHub) {url}, which the check reads: write the URL in the link, "
        f"and drop `{attr}=` from the braces"
    )


def autolink_holding_label(url: str, label: str, kind: str = "autolink") -> str:
    """Why an autolink (`kind`, or an HTML link) holding a label the note defines breaks:
    the site's Python-Markdown reads references before autolinks and inside raw HTML's
    attributes, so it links the label inside it."""
    return (
        f"the {kind} {url} holds [{label}], which the note defines: the site links "
        f"[{label}] inside it, which breaks the link the check reads: write the brackets "
        f"as %5B and %5D"
    )


def spaced_at_ends(url: str, written: str) -> str:
    """Why a destination that starts or ends with a space other than ASCII's breaks: Markdown
    keeps it in the URL, the site's Python-Markdown strips it (as Python strips any)."""
    spaces = {f"U+{ord(c):04X}" for c in written if c.isspace()}
    return (
        f"the URL {url} is written with a space ({', '.join(sorted(spaces))}) at its start or "
        f"end: Markdown keeps it in the URL, the site drops it and links what no check reads: "
        f"delete it"
    )


def markdown_in_html(url: str) -> str:
    """Why a Markdown link in an HTML block inside a quote, a list item or an admonition
    breaks: the site's Python-Markdown keeps raw only HTML that starts a line (by at most
    three spaces), so it reads the Markdown inside such a block."""
    return (
        f"{url} is Markdown inside an HTML block in a quote, a list item or an admonition: "
        f"Markdown (and GitHub) reads it as HTML, the site as a link that no check reads: "
        f'write it as <a href="{url}">, or take the HTML out of the block'
    )


def markdown_after_open_tag(tag: str, url: str) -> str:
    """Why a Markdown link between an element's tag and the next blank line breaks, when the
    site opens the element for the Markdown after that line (see `openelements`)."""
    return (
        f"{url} is on the lines right after <{tag}>, before any blank line: Markdown (and "
        f"GitHub) reads them as HTML and shows the link as text, the site, which reads the "
        f"element's Markdown, as a link that no check reads: start it on a line of its own, "
        f"after a blank line"
    )


def nested_past_limit(tag: str, most: int) -> str:
    """Why a note whose elements nest too deep around Markdown stops the site's build."""
    return (
        f"`<{tag}>` opens {most} elements deep inside an element left open around Markdown: "
        f"the site's Markdown reads each element inside such a one by calling itself once "
        f"more, and this deep it runs out of stack and the build fails: close the elements "
        f"where they end"
    )


def left_open(tag: str, links: int, first: int) -> str:
    """Why the links after an element left open show as text on the site."""
    some = "a link" if links == 1 else f"{links} links"
    return (
        f"`<{tag}>` is left open here: Markdown (and GitHub) reads the Markdown after this "
        f"HTML block, the site keeps it as HTML up to `</{tag}>` (or to the end of the note), "
        f"so {some} from line {first} on show as text there: close `<{tag}>` in this block "
        f"(a pasted bookmark export ends in an unclosed `<p>`: delete it)"
    )


# A shortcut reference, `[label]`: a link where the note defines the label.
_SHORTCUT = re.compile(r"\[([^\[\]\n]+)\](?![(\[:])")


def markdown_after_html(
    html: str, labels: AbstractSet[str] = frozenset()
) -> Iterator[tuple[int, str]]:
    """The lines (from 0) of an HTML block, as CommonMark reads one (up to a blank line),
    that hold a Markdown link the site shows, and why: those after its first element closes,
    which Python-Markdown reads as Markdown again, but the lines of a block-level element
    that starts a line there, which it keeps as raw HTML up to its closing tag; and the text
    after that tag on its line. `labels`: those the note defines, so `[1]` alone links."""

    def links(text: str) -> bool:
        if _MARKDOWN_LINK.search(text):
            return True
        found = _SHORTCUT.findall(text) if labels else []
        return any(reference_label(label) in labels for label in found)

    if _FIRST_TAG.match(html) is None or not links(html):
        return  # a comment or the like ends where CommonMark ends it
    lines = html.split("\n")
    # An indented line right after a block-level element is code to the site (the element's
    # raw HTML ends a block there); after an inline tag or a closing one it goes on the
    # paragraph they start (Docusaurus' `<TabItem>` with its Markdown indented by four).
    code = True
    index = 0
    while index < len(lines):
        line = lines[index]
        first = _FIRST_TAG.match(line)
        if first is not None and not first.group(1) and first.group(2).lower() in _BLOCK_LEVEL:
            tag = first.group(2).lower()
            end = index if tag == "hr" else _closing_line(lines, index, tag)
            if end is None:
                return  # open to the block's end: raw HTML to both
            if links(_after_closing(lines[end], tag)):
                yield end, AFTER_CLOSING_TAG
            index = end + 1
            code = True
            continue
        if index == 0:  # an inline tag or a closing one starts it: Markdown from the next line
            code = False
            tag = first.group(2) if first is not None and not first.group(1) else ""
            if tag.lower() in _COMMONMARK_ONLY_BLOCK and links(line[first.end() if first else 0 :]):
                yield 0, commonmark_only_block(tag)
        elif not (code and line.startswith(("    ", "\t"))) and links(line):
            yield index, AFTER_HTML
        if line.strip() and not line.startswith(("    ", "\t")):
            code = False  # an indented line after text goes on it, code no more
        index += 1


# The elements the site keeps raw where they start a line that CommonMark reads inline, in a
# paragraph (its HTML blocks start with these others, or with a tag alone on its line):
# `<video src="…">[Download](…)</video>`, `<object data="…">[the PDF](…)</object>`.
_COMMONMARK_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "script",
        "pre",
        "style",
        "textarea",
    ]
)
_SITE_ONLY_BLOCK = _BLOCK_LEVEL - _COMMONMARK_BLOCK
# And those only CommonMark starts a block with (MDX's `<Link to>`, a pasted `<base>`): the
# site reads the line as a paragraph.
_COMMONMARK_ONLY_BLOCK = _COMMONMARK_BLOCK - _BLOCK_LEVEL


def commonmark_only_block(tag: str) -> str:
    return (
        f"this line starts with `<{tag}>`, which Markdown (and GitHub) takes for an HTML "
        f"block, its links for text, but the site for a paragraph, whose links no check "
        f"reads: start the line with text, or put the links on a line of their own after a "
        f"blank line"
    )


_SITE_ONLY_BLOCK_LINE = re.compile(
    rf"^ {{0,3}}<({'|'.join(sorted(_SITE_ONLY_BLOCK))})\b", re.IGNORECASE | re.MULTILINE
)


def site_only_blocks(text: str, shown: set[int]) -> Iterator[tuple[int, str]]:
    """Each line of `text` (a body, from 0) but those of `shown` (code and HTML blocks) that
    starts with an element only the site reads as a block (`<video>`, `<object>`, `<canvas>`,
    `<noscript>`…) and holds a Markdown link, and why: a paragraph to CommonMark, whose link
    the model checks; raw HTML to the site up to the element's end, link and all."""
    for index, match in _found_outside(_SITE_ONLY_BLOCK_LINE, text, shown):
        line = text[match.start() :].split("\n", 1)[0]
        if _MARKDOWN_LINK.search(line):
            tag = match.group(1).lower()
            yield (
                index,
                f"this line starts with `<{tag}>`, which the site keeps as raw HTML up to its "
                f"end, so the page would not show the link(s) Markdown reads here (a fallback "
                f"link in a video or an object): put them on a line of their own, after a "
                f"blank line",
            )


def may_start_site_only_blocks(text: str) -> bool:
    """Cheap, and false for most notes: whether a line starts with such an element."""
    return "<" in text and _SITE_ONLY_BLOCK_LINE.search(text) is not None


def _after_closing(line: str, tag: str) -> str:
    """The text of `line` after its last closing tag of `tag` (`<hr>`'s own), with the
    block-level elements after it, which the site keeps as HTML too, taken out."""
    closing = list(re.finditer(rf"</{re.escape(tag)}\s*>|<hr\b[^>]*>", line, re.IGNORECASE))
    rest = line[closing[-1].end() :] if closing else ""
    return _BLOCK_ELEMENTS_ON_LINE.sub("", rest)


# A block-level element that opens and closes on a line, `<p>b</p>`: raw HTML to the site.
_BLOCK_ELEMENTS_ON_LINE = re.compile(
    rf"<({'|'.join(sorted(BLOCK_LEVEL_ELEMENTS))})\b[^>]*>.*?</\1\s*>", re.IGNORECASE
)


def _closing_line(lines: list[str], start: int, tag: str) -> int | None:
    """The line (from `start`) on which the element `tag` opened on line `start` closes."""
    tags = re.compile(rf"<(/?){re.escape(tag)}\b", re.IGNORECASE)
    depth = 0
    for index in range(start, len(lines)):
        depth += sum(-1 if found.group(1) else 1 for found in tags.finditer(lines[index]))
        if depth <= 0:
            return index
    return None


# An autolink after a backslash that an odd run of them leaves standing: CommonMark reads
# `\<` as a `<` in text, whereas the site's Python-Markdown cannot escape a `<` and links what
# follows by its own autolink pattern.
_ESCAPED_AUTOLINK = re.compile(r"(?<!\\)(?:\\\\)*\\" + AUTOLINK_RE)


def escaped_autolinks(text: str) -> Iterator[tuple[int, int, str]]:
    """Each escaped autolink of `text` (a body): its line (from 0), where its `<` is on the
    line, and why the site shows it otherwise."""
    for found in _ESCAPED_AUTOLINK.finditer(text):
        yield (
            *line_and_column(text, found.start(1) - 1),  # at its `<`
            f"`\\<{found.group(1)}>` is text in Markdown (an escaped `<`), but the site's "
            f"Markdown cannot escape a `<` and links it, which no check reads: write `&lt;` "
            f"for the `<`",
        )


# A backslash or an entity in an autolink's URL, or a backslash before punctuation in a
# definition's: CommonMark keeps the first two as written and takes the third out (an
# escape), Python-Markdown the other way round, so the page links another URL than the one
# checked (`a\_b` and `a_b`, `a=1&amp;b=2` and `a=1&b=2`).
_READ_OTHERWISE = r"(?:\\|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"
_AUTOLINK_READ_OTHERWISE = re.compile(
    rf"<(?:https?|ftp)://[^\s<>]*?(?P<written>{_READ_OTHERWISE})[^\s<]*?>", re.IGNORECASE
)
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
# A link's or image's URL holding a backslash before punctuation the site does not escape
# (Outline writes `https://…/\~hinton/`; a `\"` is quotedurls', a title's start to the site):
# CommonMark reads an escape, the site keeps the backslash.
_KEPT = re.escape("".join(sorted(set(string.punctuation) - set(SITE_ESCAPES) - {'"'})))
_LINK_KEPT_ESCAPE = re.compile(rf"\]\([ \t]*(?P<url>[^\s()<>]*?\\(?P<kept>[{_KEPT}])[^\s()<>]*)")


# A link's or image's destination holding a numeric character reference (Windows-1252's
# `&#146;` from old feed HTML): markdown-it leaves one it takes for invalid as text, the site
# passes it to the page, where a browser decodes it (0x80-0x9F as Windows-1252 does).
_LINK_URL = re.compile(r"\]\([ \t]*<?(?P<url>[^\s()<>]*&#[^\s()<>]*)")
_NUMERIC = re.compile(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def _code(reference: re.Match[str]) -> int:
    decimal, hexadecimal = reference.groups()
    return int(decimal) if decimal is not None else int(hexadecimal, 16)


def _decoded(reference: re.Match[str]) -> bool:
    """Whether markdown-it decodes the numeric reference (its `isValidEntityCode`)."""
    code = _code(reference)
    return not (
        0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFF in (0xFFFE, 0xFFFF)
        or code <= 0x08
        or code == 0x0B
        or 0x0E <= code <= 0x1F
        or 0x7F <= code <= 0x9F
        or code > 0x10FFFF
    )


def _browser_reads(reference: re.Match[str]) -> str:
    """What a browser shows for a numeric reference markdown-it leaves alone."""
    code = _code(reference)
    if 0x80 <= code <= 0x9F:
        character = bytes([code]).decode("cp1252", errors="replace")
        return f"`{character}` (Windows-1252's {code})"
    return "U+FFFD, a replacement character" if code != 0x7F else "a control character"


def urls_read_otherwise(text: str, shown: set[int]) -> Iterator[tuple[int, int, str]]:
    """Each autolink, link and reference definition of `text` (a body) whose URL the site
    reads otherwise for a backslash or an entity in it: its line (from 0), its column, and
    why."""
    definitions = list(_definitions(text, shown))
    held = [found.span() for _, found in definitions]  # a definition's `<url>` is no autolink
    for found in _AUTOLINK_READ_OTHERWISE.finditer(text):
        escaped = text[found.start() - 1 : found.start()] == "\\"  # warned of apart
        # `[t](<url>)` is a destination, which both read alike: no autolink.
        destination = DESTINATION_OPENS.search(text, 0, found.start()) is not None
        if not (escaped or destination) and not any(a <= found.start() < b for a, b in held):
            written = found["written"]
            as_read, mend = (
                ("an escape", "without the backslash")
                if written == "\\"
                else (f"`{html.unescape(written)}`", f"with `{html.unescape(written)}` itself")
            )
            yield (
                *line_and_column(text, found.start()),
                f"`{found.group(0)}`: Markdown keeps `{written}` in the URL as written, the "
                f"site's Markdown reads it as {as_read}, so the page links another URL than the "
                f"one checked: write the URL {mend}",
            )
    for _, found in _found_outside(_LINK_KEPT_ESCAPE, text, shown):
        url = found["url"]
        kept = found["kept"]
        yield (
            *line_and_column(text, found.start("url")),
            f"`{url}`: Markdown reads `\\{kept}` in this link's URL as an escape, the site's "
            f"Markdown keeps the backslash, so the page links another URL than the one "
            f"checked: write the URL without the backslash",
        )
    destinations = [
        (found.start("url"), found["url"]) for _, found in _found_outside(_LINK_URL, text, shown)
    ]
    for start, url in destinations + [(found.start(2), found.group(2)) for _, found in definitions]:
        reference = next((r for r in _NUMERIC.finditer(url) if not _decoded(r)), None)
        if reference is not None:
            shown_as = _browser_reads(reference)
            yield (
                *line_and_column(text, start),
                f"`{url}`: Markdown keeps `{reference.group(0)}` in this URL as written (a "
                f"code it does not decode), a browser reads {shown_as}, so the page links "
                f"another URL than the one checked: write the URL with the character itself",
            )
    for _, found in definitions:
        url = found.group(2)
        if _ESCAPE.search(url):
            yield (
                *line_and_column(text, found.start(2)),  # the URL's line, maybe the next
                f"`{url}`: Markdown reads the backslash in this definition's URL as an escape, "
                f"the site's Markdown keeps it, so the page links another URL than the one "
                f"checked: write the URL without the backslash",
            )


# Any quote markers that begin a line, for the patterns that read past them.
_QUOTES = r"(?:[ \t]*>)*"

# A `~~~` fence on a list item's first line (inside quotes too): fenced code to CommonMark,
# whereas pymdownx.superfences takes a fence on a line of its own only, so the site shows its
# lines as a paragraph. A backtick fence there is a code span on the site: no link either.
_TILDES_ON_MARKER = re.compile(rf"{_QUOTES}(?:[ \t]*{MARKER}[ \t]+)+~{{3,}}")
# A link as a paragraph may hold one: Markdown's, or an HTML `<a>` or `<img>`.
_LINK_IN_PARAGRAPH = re.compile(rf"{_MARKDOWN_LINK.pattern}|<(?:a|img)\s", re.IGNORECASE)
FENCE_ON_MARKER = (
    "a `~~~` fence on a list item's first line: Markdown reads code, the site a paragraph, so "
    "the page would show its links, which no check reads: put the fence on a line of its own "
    "below the item's text"
)


def fences_on_markers(tokens: Sequence[TokenLike], line_text: LineText) -> Iterator[int]:
    """The lines (of a body, from 0: `line_text` gives each) of the `~~~` fences that open on
    a list item's first line and hold a link, in Markdown or HTML."""
    for token in tokens:
        if token.type != "fence" or not token.map:
            continue
        start, end = token.map
        if _TILDES_ON_MARKER.match(line_text(start)) and any(
            _LINK_IN_PARAGRAPH.search(line_text(index)) for index in range(start + 1, end)
        ):
            yield start


# A line that may open or close a fence, inside quotes and on list markers too.
_FENCE_LINE = re.compile(rf"^{_QUOTES}(?:[ \t]*{MARKER}[ \t]+)*[ \t]*(`{{3,}}|~{{3,}})(.*)$", re.M)
_CONTAINERS = re.compile(rf"^{_QUOTES}[ \t]*")


def _site_closes(marker: str, line: str) -> bool:
    """Whether `line`, its quote markers and indent aside, closes a fence opened by `marker`
    on the site: with that marker alone (CommonMark takes a longer one too)."""
    return _CONTAINERS.sub("", line).rstrip() == marker


def may_leave_fence_open(text: str) -> bool:
    """Whether a fence may go unclosed on the site, or close elsewhere than in Markdown: a
    screen, pairing the lines that look like fences in order. Pairing leaves one open; or a
    fence and the line that closes it sit in different containers (`  ```` in a list item
    closed by `` ``` `` at the margin, `> ```` closed without `>`: Markdown ends the item or
    the quote there, and opens a fence of its own); or a quote's fence holds a line without
    its `>` (Markdown ends the quote there), or an indented fence one at the margin (an
    item's end); or a backtick fence's info holds a backtick (Markdown reads no fence
    there)."""
    marker, where, opened = "", (0, 0), 0
    for match in _FENCE_LINE.finditer(text):
        if not marker:
            marker, where, opened = match.group(1), _container(match), match.end()
            if marker[0] == "`" and "`" in match.group(2):
                return True
        elif _site_closes(marker, match.group(0)):
            if _container(match) != where:
                return True
            inside = text[opened : match.start()].split("\n")[1:-1]
            if where[0] and any(_quotes(line) < where[0] for line in inside if line.strip()):
                return True
            # An item's fence with a line inside at the margin (an LLM's answer): Markdown
            # ends the item there, and the fence line below opens a fence of its own.
            if where[1] > 1 and any(line.strip() and not line[:1].isspace() for line in inside):
                return True
            marker = ""
    return bool(marker)


def _container(fence: re.Match[str]) -> tuple[int, int]:
    """Where a line of `_FENCE_LINE` sits: its quote markers, and the columns from the last
    one (and the space it takes) to the fence, a list marker counting as its width."""
    lead = fence.string[fence.start() : fence.start(1)]
    quotes, inside = _quotes(lead), lead.rpartition(">")[2]
    if quotes and inside.startswith(" "):
        inside = inside[1:]
    return quotes, len(inside.expandtabs(4))


def _quotes(line: str) -> int:
    """How many quote markers open `line`."""
    return line[: len(line) - len(line.lstrip(" \t>"))].count(">")


def fences_with_backtick_info(text: str, code: Callable[[], set[int]]) -> Iterator[int]:
    """The lines (of `text`, a body, from 0) of the backtick fences whose info holds a
    backtick (```` ```python # see `x` ````, Slack's one-line ```` ```code``` ````), but those
    on lines of `code()` (asked only once such a line is found), above some link.
    CommonMark reads no fence there (the next fence line opens one instead); the site's
    pymdownx.superfences does, so code and text trade places from there on."""
    fences = list(_FENCE_LINE.finditer(text))
    line_of = LineCount(text)
    for at, match in enumerate(fences):
        marker = match.group(1)
        if marker[0] != "`" or "`" not in match.group(2):
            continue
        if not any(_site_closes(marker, later.group(0)) for later in fences[at + 1 :]):
            continue  # the site needs its closing line too: else a code span to both
        index = line_of(match.start())
        after = text[match.start(2) :]  # a one-liner's own line too
        if ("](" in after or "<http" in after) and index not in code():
            yield index


FENCE_WITH_BACKTICK_INFO = (
    "a ``` line that goes on with a backtick (```` ```python # see `x` ````, or Slack's "
    "one-line ```` ```code``` ````): Markdown reads no fence there and opens one at the next "
    "fence line, the site a fence here, so code and text trade places below, links and all: "
    "write one-line code in single backticks, and a fence's info without any"
)


def unclosed_fences(tokens: Sequence[TokenLike], line_text: LineText) -> Iterator[tuple[int, str]]:
    """The lines (of a body, from 0) of the fences that end with no line of their own marker,
    with why each breaks. CommonMark (and GitHub) end a fence at the end of its block (a
    list item, a quote, the note) or at a longer fence too, and show its lines as code,
    whereas pymdownx.superfences takes a fence with its very closing fence only, so the site
    shows its lines as text, links and all; or a line at the margin ends a list item's fence
    and item. `tokens`: markdown-it-py's, whose fences map their closing line."""
    for token in tokens:
        if token.type != "fence" or not token.map:
            continue
        start, end = token.map
        opener = _FENCE_LINE.match(line_text(start))
        if opener is None:
            continue
        marker = opener.group(1)
        if end - 1 == start or not _site_closes(marker, line_text(end - 1)):
            if opener.start(1) and _cut_at_margin(line_text, end, marker):
                yield start, item_fence_cut(marker)
            else:
                yield start, unclosed_fence(marker)


def _cut_at_margin(line_text: LineText, end: int, marker: str) -> bool:
    """Whether line `end`, which ended an indented fence, is text at the margin with the
    fence's own closing line, indented, a little below it (an LLM's `1. Install:`, an
    indented fence, its command at the margin, the indented closing line)."""
    ended = line_text(end)
    if not ended.strip() or ended[:1].isspace() or _FENCE_LINE.match(ended):
        return False
    for index in range(end + 1, end + 30):
        line = line_text(index)
        if _FENCE_LINE.match(line):
            return line[:1] == " " and line.strip() == marker
    return False


def item_fence_cut(marker: str) -> str:
    return (
        f"a line at the margin inside this list item's {marker} fence ends the item, and the "
        f"code, to Markdown, so the {marker} line meant to close it opens code of its own, "
        f"hiding what follows up to the next {marker}; the site reads one fence: indent the "
        f"fence's lines as far as the fence"
    )


def unclosed_fence(marker: str) -> str:
    return (
        f"a {marker} fence that no {marker} line closes: Markdown shows its lines as code, "
        f"the site as text, its links too, which no check reads: close it with {marker} "
        f"alone on a line, as far in as the fence and inside its quote (the site takes no "
        f"longer fence)"
    )


# A list item whose text starts five columns or more past its marker (`-     [t](url)`, a tab
# or two): CommonMark reads the text as indented code inside the item, Python-Markdown as
# the item's text.
_FAR_ITEM = re.compile(
    r"^(?P<lead>(?:[ ]{0,3}>[ ]?)*[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?P<gap>[ \t]+)(?=\S)",
    re.MULTILINE,
)


def may_open_code_in_items(text: str) -> bool:
    """Cheap, and false for most notes: whether some list marker has 5 spaces or a tab after
    it."""
    return ("     " in text or "\t" in text) and any(
        _gap_width(found) >= 5 for found in _FAR_ITEM.finditer(text)
    )


def _gap_width(found: re.Match[str]) -> int:
    """How many columns the spaces and tabs after a list marker take, tabs to stops of 4."""
    start = len(found["lead"].expandtabs(4)) + len(found["marker"])
    column = start
    for char in found["gap"]:
        column = (column // 4 + 1) * 4 if char == "\t" else column + 1
    return column - start


def items_opening_code(text: str, tokens: Sequence[TokenLike]) -> Iterator[tuple[int, int, str]]:
    """Each list item of `text` (a body; `tokens` its markdown-it-py tokens) whose text starts
    five columns or more past its marker and holds a link: its line (from 0), the column of
    its text, and why the site shows it otherwise."""
    code: set[int] = set()  # lines of code and HTML that no item of theirs opened
    for token in tokens:
        if token.type in ("fence", "html_block", "code_block") and token.map:
            # Code in a container may be an item's own, opened on the item's line.
            own = token.type == "code_block" and token.level > 0
            code.update(range(token.map[0] + own, token.map[1]))
    for found in _FAR_ITEM.finditer(text):
        line, column = line_and_column(text, found.end())
        end = text.find("\n", found.end())
        rest = text[found.end() : end if end >= 0 else None]
        if line in code or _gap_width(found) < 5 or not _LINK_IN_PARAGRAPH.search(rest):
            continue
        yield (
            line,
            column,
            f"this list item's text starts {_gap_width(found)} columns past its marker: "
            f"Markdown reads it as code, the site as text, its links too, which no check "
            f"reads: put one space after the `{found['marker']}`",
        )


# A full reference, `[text][label]`: when nothing defines its label, CommonMark reads it as
# text, whereas Python-Markdown falls back to a shortcut reference to its text's label. So too
# when `[label]` is a link's own text (`[a][b](url)`, `[a][b][c]`): CommonMark takes no `[a]`
# right before a link label for a shortcut reference.
_FULL_REFERENCE = re.compile(r"(?<![\]\\!])\[([^\[\]]+)\]\[([^\[\]]+)\](?!:)")


# A parenthesis inside a `(title)` that no backslash escapes.
_BARE_PAREN = re.compile(r"(?<!\\)[()]")


# A definition right above a line of `-` or `=`: the site's Python-Markdown reads the two as
# a heading (setext), CommonMark as a definition and a rule (or a paragraph of `=`).
_DEFINITION_UNDERLINED = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[^\n]*\n {0,3}(?:-+|=+)[ \t]*$", re.M)


def _underlined_definitions(text: str, shown: set[int]) -> dict[int, re.Match[str]]:
    """The definitions of `text` right above a line of `-` or `=`, by line (from 0)."""
    if "\n-" not in text and "\n=" not in text and "\n " not in text:
        return {}
    return dict(_found_outside(_DEFINITION_UNDERLINED, text, shown))


def definitions_as_headings(text: str, shown: set[int]) -> Iterator[tuple[int, str]]:
    """Each definition of `text` (a body, `unquoted`) right above a line of `-` or `=`,
    that some reference uses: its line (from 0) and why. Lines of `shown` define nothing."""
    headings = _underlined_definitions(text, shown)
    for index, match in headings.items():
        written = match.group(1)
        if not _used(text, written):
            continue
        label = reference_label(written)
        # Another definition of the label, which the site reads: the page links that.
        other = next(
            (
                found.group(2)
                for line, found in _definitions(text, shown)
                if line not in headings and reference_label(found.group(1)) == label
            ),
            None,
        )
        links = "nothing" if other is None else f"only what it is defined as elsewhere ({other})"
        yield (
            index,
            f"[{written}]'s definition is right above a line of `-` or `=`: Markdown reads a "
            f"definition, the site a heading, so [{written}] links {links} on the page: put "
            f"a blank line between them",
        )


# A definition whose destination, in `<…>`, holds a space: CommonMark allows it, the site's
# Python-Markdown takes no space in a definition's URL (a clipper's `[a]: <img src="…">`).
_SPACED_DESTINATION = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[ \t]*<([^<>\n]*\s[^<>\n]*)>", re.M)


def definitions_with_spaces(text: str, shown: set[int]) -> Iterator[tuple[int, str]]:
    """Each definition of `text` (a body, `unquoted`) whose `<destination>` holds a space,
    with its line (from 0) and why: a definition to CommonMark, a paragraph to the site (its
    `<…>` shown as HTML when it is a tag). Lines of `shown` define nothing."""
    if "]:" not in text or "<" not in text:
        return
    for index, match in _found_outside(_SPACED_DESTINATION, text, shown):
        label, destination = match.group(1), match.group(2)
        yield (
            index,
            f"[{label}]'s definition has a space in its <{destination[:40]}>: Markdown reads a "
            f"definition, the site a paragraph (an <img> in it shows, unchecked), so [{label}] "
            f"links nothing on the page: write the space as %20",
        )


# A definition whose line holds a space other than ASCII's (U+00A0, U+3000), as Word, Paper
# and Quip write one: the site's pattern takes ASCII spaces only around the URL and the title.
_OTHER_SPACED_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[^\n]*[^\S \t\n][^\n]*$", re.M)


def definitions_with_other_spaces(
    text: str, shown: set[int], as_text: Callable[[], set[int]]
) -> Iterator[tuple[int, str]]:
    """Each definition of `text` (a body, `unquoted`) that holds a space other than ASCII's
    where the site reads none, with its line (from 0) and why: CommonMark reads the
    definition (the space ends its URL or its title's line), the site's Python-Markdown, whose
    pattern takes `[ ]*` there, a paragraph. Lines of `shown` define nothing; nor do those
    of `as_text()`, which Markdown reads as paragraphs (a line a definition cannot end)."""
    for index, match in _found_outside(_OTHER_SPACED_DEFINITION, text, shown):
        if index in as_text():
            continue
        label = match.group(1)
        if _SITE_DEFINITION.match(match.group(0)) or not _used(text, label):
            continue
        # The model's Markdown trims the note's end of any space, Unicode's too.
        line = match.group(0)
        last = not text[match.end() :].strip()
        if not inline_urls(f"[{label}]", line.rstrip() if last else line):
            continue  # no definition to Markdown either
        spaces = sorted({f"U+{ord(c):04X}" for c in line if c.isspace() and c != " "})
        yield (
            index,
            f"[{label}]'s definition holds a space other than an ordinary one "
            f"({', '.join(spaces)}): Markdown reads a definition, the site a paragraph, so "
            f"[{label}] links nothing on the page: write an ordinary space there, or none",
        )


# A definition-like line whose title may hold its own closer, a `(title)` a parenthesis, a
# quoted one its quote (`'Jeremy's talk'`, `"say "hi" now"`): the screen for the next.
# (A `(title)` need not follow a space: the site's pattern backs off from a URL holding `(` to
# find one.)
_MAY_NEST_TITLE = re.compile(
    r"\]:[^\n]*(?:\([^\n]*[()][^\n]*\)|\s([\"'])[^\n]*\1[^\n]*\1)[ \t]*$", re.MULTILINE
)


def titles_holding_their_ends(text: str, shown: set[int]) -> Iterator[tuple[int, str]]:
    """Each definition of `text` (a body, `unquoted`) whose title, on the URL's line, holds
    what ends it (a `(title)` a parenthesis, a quoted one its own quote), with its line (from
    0) and why: CommonMark then reads no definition but a paragraph (which takes in the
    definitions right below it too), the site's Python-Markdown reads `(.*)` or `"(.*)"` as
    the title, and backs off from a URL holding `(` to find one (`[r]: …/Dropout_(nn) - Wiki
    (2024)` links `…/Dropout_`). Lines of `shown` (code, HTML) define nothing."""
    if _MAY_NEST_TITLE.search(text) is None:
        return  # most notes: no title holds its own end
    line_of = LineCount(text)
    for match in _SITE_DEFINITION.finditer(text):
        quote, quoted, title = match.group(4), match.group(5), match.group(6)
        index = line_of(match.start())
        on_its_line = "\n" not in match.group(0).rstrip("\n")
        if title is not None and _BARE_PAREN.search(title):
            what, mend = "in parentheses and holds one", '"title"'
        elif quoted is not None and re.search(rf"(?<!\\){quote}", quoted):
            other = "'" if quote == '"' else '"'
            what = f"in {quote}quotes{quote} and holds one"
            mend = f"{other}title{other}" if other not in quoted else f"{quote}title{quote}"
        else:
            continue
        if not on_its_line or inline_urls(match.group(0)):
            continue  # links the site hides: see `definitions_hiding_links`
        if index in shown or not _used(text, match.group(1)):
            continue
        written, url = match.group(1), match.group(2)
        if text.startswith("(", match.end(2)):
            yield (index, _cut_at_parenthesis(written, url, match.group(0)))
            continue
        yield (
            index,
            f"the title of [{written}]'s definition is {what}: Markdown reads no definition "
            f"there (nor in the definitions right below it), so [{written}] shows as text, but "
            f"the site links {url}, which no check reads: write the title as {mend}"
            + ("" if mend[0] != quote else f" with its own {quote} written \\{quote}"),
        )


def code_under_blocks(
    tokens: Sequence[TokenLike], line_text: LineText, offset: int
) -> Iterator[tuple[int, str]]:
    """Each indented code block holding links that starts on the line right under a fenced
    block's closing line, a table's last row or a heading in a list item, with its line
    (from 0) and why: code to CommonMark, text to the site. Python-Markdown runs it into a
    paragraph with the fenced block's placeholder, takes it for one more row of the table
    (its rows run to a blank line, at any indent), or reads an item's lines at another indent
    (Logseq's `- ## Topic` with a deeper bullet under it). Line 0 is file line `offset`."""
    under: dict[int, str] = {}  # a line right under a block: what that block is
    containers: list[str] = []  # the blocks open around the token
    for token in tokens:
        if token.map and token.type == "fence":
            under[token.map[1]] = "a fenced block's closing line"
        elif token.map and token.type == "tr_open":
            # Each row's own end: the Rust port maps a table by its header row alone.
            under[token.map[1]] = "a table's last row (the site reads it as one more row)"
        elif token.map and token.type == "heading_open" and containers[-1:] == ["list_item_open"]:
            under[token.map[1]] = "a heading in a list item"
        elif token.map and token.type == "code_block" and token.map[0] in under:
            lines = range(token.map[0], token.map[1])
            urls = inline_urls("\n".join(line_text(index) for index in lines))
            if urls:
                first, last = token.map[0] + offset, token.map[1] - 1 + offset
                where = f"line {first}" if first == last else f"lines {first}-{last}"
                what = urls[0] if len(urls) == 1 else f"{len(urls)} links ({urls[0]}, ...)"
                yield (
                    token.map[0],
                    f"{what} on the indented {where}, right under {under[token.map[0]]}: "
                    f"Markdown (and GitHub) reads them as code, the site as text with links "
                    f"that no check reads: put a blank line above them to keep them code, or "
                    f"indent them less",
                )
        if token.nesting == 1:
            containers.append(token.type)
        elif token.nesting == -1 and containers:
            containers.pop()


def may_hide_links_in_definitions(text: str) -> bool:
    """Cheap, and false for most notes: whether a line the site reads as a definition holds
    a link. `text` is `unquoted`."""
    return "](" in text or "<http" in text


def definitions_hiding_links(
    text: str, tokens: Callable[[], Sequence[TokenLike]]
) -> Iterator[tuple[int, str]]:
    """Each line of `text` (a body, `unquoted`; `tokens` makes its `reference_tokens`, only
    when a line may be one: most notes with definitions have none) that
    CommonMark reads as a paragraph's, links and all, and the site as a definition,
    which it takes out of the page: its line (from 0) and why. An Obsidian footnote, say:
    `[^1]: [paper](https://…), Vaswani et al. (2017)` is a definition of `[paper]` titled
    `(https://…), Vaswani et al. (2017` to Python-Markdown, and none to CommonMark, whose URL
    `[paper](https://…),` is followed by no title."""
    firsts: set[int] | None = None  # the paragraphs' first lines
    later: set[int] = set()  # and their other lines
    for match in _SITE_DEFINITION.finditer(text):
        written = match.group(0).strip("\n")
        if "\n" in written or ("](" not in written and "<http" not in written):
            continue
        at = match.start() + match.group(0).index(written)
        after_blank = at == 0 or not text[: at - 1].rpartition("\n")[2].strip()
        if after_blank and DEFINITION.match(written):
            continue  # a definition to CommonMark too, `[r]: <https://…> "t"`
        urls = inline_urls(written)
        if not urls:
            continue
        if firsts is None:
            maps = [t.map for t in tokens() if t.type == "paragraph_open" and t.map]
            firsts = {start for start, _ in maps}
            later = {line for start, end in maps for line in range(start + 1, end)}
        index = text.count("\n", 0, at)
        if index in later and _used(text, match.group(1)):
            continue  # `definitions_in_paragraphs` tells of it
        if index in firsts or index in later:
            yield (
                index,
                f"the site reads this line as the definition of [{match.group(1)}] and leaves "
                f"it out of the page, with {', '.join(urls)}, which Markdown shows as links: "
                f"start the line with something other than `[{match.group(1)}]:`",
            )


def undefined_references(text: str, shown: set[int]) -> Iterator[tuple[int, int, str]]:
    """Each `[text][label]` of `text` (a body) whose label nothing defines while its text's
    label is defined: its line (from 0), where it starts on the line, and why the site shows
    it otherwise. Definitions on lines of `shown` (code, HTML) define nothing."""
    defined: dict[str, str] = {}
    for _, match in _definitions(text, shown):
        defined.setdefault(reference_label(match.group(1)), match.group(2))
    # Defined with a space other than ASCII's: to Markdown alone (`definitions_with_other_spaces`).
    other = {
        reference_label(m.group(1))
        for _, m in _found_outside(_OTHER_SPACED_DEFINITION, text, shown)
    }
    for found in _FULL_REFERENCE.finditer(text):
        written, label = (" ".join(found.group(n).split()) for n in (1, 2))
        url = defined.get(reference_label(written))
        if url is None or reference_label(label) in defined or reference_label(label) in other:
            continue
        yield (
            *line_and_column(text, found.start()),
            f"`[{written}][{label}]`: [{label}] is not defined, so Markdown shows text, but "
            f"the site falls back to [{written}] and links {url} there, which no check reads: "
            f"define [{label}], or write `[{written}][]`",
        )


# A reference as written: `[label]`, `[text][]` or `[text][label]` (not a link, not a
# definition, not the label of a full reference already read).
_REFERENCE_USE = re.compile(r"(?<![\]\\])\[([^\[\]\n]+)\](?:\[([^\[\]]*)\])?(?![(:\[])")


def _site_use_key(label: str) -> str:
    """The key the site's Python-Markdown looks a reference's label up by: lowered, each run
    of spaces one space, its ends kept."""
    return re.sub(r"\s+", " ", label.lower())


def _site_definition_key(label: str) -> str:
    """The key the site keeps a definition under: stripped and lowered, its inner spaces
    kept."""
    return label.strip().lower()


def may_match_labels_otherwise(text: str) -> bool:
    """Cheap, and false for most notes: whether a definition's label, or a reference's, holds
    what CommonMark and the site match otherwise (two spaces, a space other than ASCII's, a
    letter outside ASCII, a space inside its brackets)."""
    return "]:" in text and _ODD_LABEL.search(text) is not None


_ODD_LABEL = re.compile(r"\[(?:\s|[^\[\]\n]*(?:\s\s|[^\x00-\x7f])[^\[\]\n]*\]|[^\[\]\n]*\s\])")


def labels_matched_otherwise(text: str, shown: set[int]) -> Iterator[tuple[int, int, str]]:
    """Each reference of `text` (a body) that CommonMark matches to a definition and the site
    does not: its line (from 0), column and why. CommonMark matches labels whatever their ends,
    their runs of spaces (U+00A0 too) and their case (`ß` is `SS`); the site keeps a
    definition's inner spaces, and a reference's ends, and lowers letters only. Definitions
    on lines of `shown` define nothing."""
    markdown: dict[str, str] = {}
    site: set[str] = set()
    for _, match in _definitions(text, shown):
        markdown.setdefault(reference_label(match.group(1)), match.group(1))
        site.add(_site_definition_key(match.group(1)))
    for _, use in _found_outside(_REFERENCE_USE, text, shown):
        label = use.group(2) or use.group(1)
        defined = markdown.get(reference_label(label))
        if defined is None or _site_use_key(label) in site:
            continue
        odd = sorted({f"U+{ord(c):04X}" for c in label + defined if c.isspace() and c != " "})
        shown_as = f"[{defined}]" + (f" (written with {', '.join(odd)})" if odd else "")
        yield (
            *line_and_column(text, use.start()),
            f"`{use.group(0)}`: Markdown matches [{label}] to the definition of {shown_as}, "
            f"the site does not (it keeps a definition's inner spaces and a reference's ends, "
            f"and lowers letters only), so the page shows text there, or another link: write "
            f"the label as the definition does",
        )


def _used(text: str, label: str) -> bool:
    """Whether some reference in `text` may use `label` (`[label]`, `[text][label]`, its case
    and its runs of spaces aside): a definition no reference uses shows no link. Any
    `[label]` but a whole definition's may be one (`[r]:fire:` is a reference)."""
    words = r"\s+".join(re.escape(word) for word in label.split())
    written = len(re.findall(rf"\[{words}\]", text, re.IGNORECASE))
    key = reference_label(label)
    defining = sum(reference_label(found.group(1)) == key for found in DEFINITION.finditer(text))
    return written > defining


def _definitions(text: str, shown: set[int]) -> Iterator[tuple[int, re.Match[str]]]:
    """Each reference definition of `text` (a body) with its line (from 0), but those on a
    line of `shown` (code, HTML), which define nothing."""
    return _found_outside(DEFINITION, text, shown)


def _found_outside(
    pattern: re.Pattern[str], text: str, shown: set[int]
) -> Iterator[tuple[int, re.Match[str]]]:
    """Each match of `pattern` in `text` (a body) with the line (from 0) it starts on, but
    those starting on a line of `shown`."""
    line_of = LineCount(text)
    for match in pattern.finditer(text):
        index = line_of(match.start())
        if index not in shown:
            yield index, match


_QUOTE_MARKERS = re.compile(rf"^(?:{QUOTE_MARKER.pattern})+", re.MULTILINE)


def unquoted(text: str) -> str:
    """`text` without its quotes' markers, line for line: the site reads a quote's lines as
    a note's."""
    return _QUOTE_MARKERS.sub("", text) if ">" in text else text


# A definition list's definition that is a reference definition (`Sources` then
# `:   [1]: https://…`): the site's def_list reads what follows `:` as Markdown, so as a
# definition, where CommonMark goes on with the paragraph.
_LISTED_DEFINITION = re.compile(r"\n {0,3}:[ \t]+(?=\[[^\[\]\n]*\]:)")


def may_define_in_paragraph(text: str) -> bool:
    """Cheap, and false for most notes: whether a line the site reads as a definition follows
    a line that neither is blank nor is one. `text` is `unquoted`, so in a quote too."""
    if _LISTED_DEFINITION.search(text):
        return True
    for match in _SITE_DEFINITION.finditer(text):
        if match.start() == 0:
            continue
        previous = text[: match.start() - 1].rpartition("\n")[2]
        # A line of U+00A0 is no blank line to either (Python strips it, Markdown does not).
        if previous.strip(" \t") and not _SITE_DEFINITION.match(previous):
            return True
    return False


def definitions_in_paragraphs(
    text: str, tokens: Sequence[TokenLike], offset: int
) -> Iterator[tuple[int, str]]:
    """Each line of a body (`text`, whose line 0 is file line `offset`, and `tokens` its
    `reference_tokens`, whose paragraphs map all their lines) that goes on a paragraph and
    looks like the definition of a label some reference uses, and why it breaks on the site:
    CommonMark lets no definition interrupt a paragraph, Python-Markdown takes it anywhere in
    a block."""
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or not token.map:
            continue
        content = tokens[index + 1].content
        # markdown-it-py strips the paragraph's content as Python does, lines of U+00A0 and
        # all: the lines it took off the top, for each line's place.
        lines = text.split("\n")[token.map[0] : token.map[1]]
        top = next((n for n, line in enumerate(lines) if line.strip()), 0)
        listed = {content.count("\n", 0, m.start()) for m in _LISTED_DEFINITION.finditer(content)}
        # Each line stays on its line: only the definition lists' markers go.
        content = _LISTED_DEFINITION.sub("\n", content)
        for match in _SITE_DEFINITION.finditer(content):
            at = content.count("\n", 0, match.start())
            written = f"`[{match.group(1)}]: {match.group(2)}`"
            if not _used(text, match.group(1)):
                # No link either way, but the site's paragraph ends there: a line below
                # indented by four is code to it (a quoted mail's wrapped line).
                below = lines[top + at + 1] if top + at + 1 < len(lines) else ""
                if _indent_in_quote(below) >= 4 and _MARKDOWN_LINK.search(below):
                    yield offset + token.map[0] + top + at, code_below_definition(written)
                continue
            if at - 1 in listed:
                why = (
                    f"{written} is a definition list's definition, so Markdown reads it as "
                    f"text, but the site as a definition of [{match.group(1)}] that no check "
                    f"reads: write it at the line's start, after a blank line"
                )
            else:
                why = (
                    f"{written} goes on the paragraph above it, so Markdown reads it as text, "
                    f"but the site as a definition of [{match.group(1)}] that no check reads: "
                    f"put a blank line before it"
                )
            yield offset + token.map[0] + top + at, why


# A line that may be a definition's `:` line, in a quote or a list item too.
_MAY_DEFINE_TERM = re.compile(r"\n[ \t>]*:[ \t]")


def may_cut_terms(text: str) -> bool:
    """Cheap, and false for most notes: whether a line may be a definition's `:` line, with
    a link somewhere for a term to hold."""
    return "](" in text and _MAY_DEFINE_TERM.search(text) is not None


def terms_cutting_links(tokens: Sequence[TokenLike], offset: int) -> Iterator[tuple[int, str]]:
    """Each link written over two lines of a definition list's term, with its file line (a
    body's line 0 is file line `offset`; `tokens` are its `reference_tokens`, whose
    paragraphs map all their lines) and why: the site's def_list makes each line above the
    `:` line a term of its own, so the link is text on the page; CommonMark reads no
    definition list, and a paragraph with the link. The terms are the lines of the paragraph
    above the `:` line, or of the paragraph before it when the `:` line starts one."""
    above: tuple[int, list[str]] | None = None  # the last paragraph: its first line, lines
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or not token.map:
            if token.type not in ("paragraph_close", "inline"):
                above = None  # def_list looks back at a paragraph alone
            continue
        lines = tokens[index + 1].content.split("\n")
        marker = next((n for n, line in enumerate(lines) if DEFINITION_LINE.match(line)), None)
        first, terms = token.map[0], lines[:marker]
        if marker == 0 and above is not None:
            first, terms = above
        # A paragraph with a `:` line is a definition list to the site, no paragraph.
        above = (token.map[0], lines) if marker is None else None
        if marker is None or len(terms) < 2:
            continue
        joined = inline_links("\n".join(terms))
        apart = {url for term in terms for url in inline_urls(term)} if joined else set()
        for url, line in joined:
            if url not in apart:
                yield (
                    offset + first + line,
                    f"the link to {url} runs over the lines of a definition list's term, and "
                    f"the site makes each line a term of its own, so the page shows it as "
                    f"text (the check still reads it): write the link on one line",
                )


def _indent_in_quote(line: str) -> int:
    """The columns a line is indented by, inside its quote markers (each with its space)."""
    rest = re.sub(r"^[ \t]*(?:>[ \t]?)+", "", line) if line.lstrip().startswith(">") else line
    return len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip())


def code_below_definition(written: str) -> str:
    return (
        f"{written} goes on the paragraph above it, so Markdown reads it as text, but the "
        f"site as a definition that ends the paragraph: the line below, indented by four, "
        f"is code to it, and its links go: put a blank line before the definition, or "
        f"indent the line less"
    )


def abbreviation_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of `text` (a body, from 0) that the site reads as part of an abbreviation's
    definition (`*[HTML]: Hyper Text Markup Language`), with the abbreviation."""
    if "*[" not in text:
        return  # most notes: spare them the search
    line_of = LineCount(text)
    for match in _ABBREVIATION.finditer(text):
        first = line_of(match.start())
        for line in range(first, first + match.group(0).count("\n") + 1):
            yield line, match.group("abbr")


def link_in_abbreviation(url: str, abbreviation: str) -> str:
    """Why a link inside an abbreviation's definition is missing from the page."""
    return (
        f"the link to {url} is in the definition of the abbreviation {abbreviation}, which "
        f"the site takes out of the page, so no reader sees what the check reads: write the "
        f"link on a line of its own"
    )
