"""The domain: notes, what they hold (links, tips, quotes, checklists), the people behind them.

This module imports nothing else of dlnotes but `urls`; every other layer reads these objects.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any
from urllib.parse import unquote

from dlnotes.urls import domain_of, has_web_scheme, normalize_url, tracking_params


@dataclass(frozen=True, order=True)
class Location:
    """Where an item stands: a note's path (as given to the parser), a 1-based line, a column."""

    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class LinkKind(StrEnum):
    """What a link points at, guessed from its URL and title; drives the icon on the site."""

    VIDEO = "video"
    REPOSITORY = "repository"
    PAPER = "paper"
    COURSE = "course"
    BOOK = "book"
    ARTICLE = "article"
    NOTE = "note"


@dataclass(frozen=True)
class Person:
    """A person or a source (a course, a book, a company) that items are attributed to."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "person"  # "person" or "source"
    url: str | None = None
    known: bool = True  # False when only seen in a note, not in people.yml


class _UrlHeld:
    """What a link and an image know of the URL they hold as written."""

    url: str

    @cached_property
    def normalized(self) -> str:
        # Kept once computed, and pickled with the note by dlnotes.parse.ParseCache: a rerun
        # over 10,000 remembered links then does not normalise them again.
        return normalize_url(self.url)

    @cached_property
    def is_external(self) -> bool:
        return has_web_scheme(self.url)


@dataclass(frozen=True)
class Link(_UrlHeld):
    """A link in a note. `url` is exactly as written; `normalized` is its identity."""

    url: str
    title: str
    location: Location
    headings: tuple[str, ...] = ()
    annotation: str | None = None
    attribution: str | None = None  # a Person id
    kind: LinkKind = LinkKind.ARTICLE
    anchor: str = ""  # the anchor of the nearest heading above, "" at the top of a note

    @cached_property
    def domain(self) -> str:
        return domain_of(self.url)

    @property
    def tracking(self) -> tuple[str, ...]:
        return tracking_params(self.url)


@dataclass(frozen=True)
class Image(_UrlHeld):
    """An image a note shows: its file or URL is checked as a link's is, and it is listed
    nowhere (a diagram or a badge is no reading). `url` is exactly as written."""

    url: str
    alt: str
    location: Location


@dataclass(frozen=True)
class Tip:
    """A piece of advice, usually attributed: "Softmax likes picking one class (per Jeremy)"."""

    text: str
    location: Location
    headings: tuple[str, ...] = ()
    attribution: str | None = None
    anchor: str = ""


@dataclass(frozen=True)
class Quote:
    """A blockquote; its source comes from the heading or a trailing `— SOURCE` line."""

    text: str
    location: Location
    headings: tuple[str, ...] = ()
    source: str | None = None  # a Person id
    anchor: str = ""


@dataclass(frozen=True)
class ChecklistItem:
    text: str
    line: int
    checked: bool | None = None  # None for a plain list item, bool for a task list item


@dataclass(frozen=True)
class Checklist:
    """A list of steps under a heading, or a task list."""

    title: str
    items: tuple[ChecklistItem, ...]
    location: Location
    headings: tuple[str, ...] = ()
    source: str | None = None  # a Person id
    anchor: str = ""


@dataclass(frozen=True)
class AdjoiningList:
    """A list (not in a quote) that begins on the line right after a paragraph
    (`after="text"`) or right after another list (`after="list"`, the marker changed), or
    a table right after a paragraph, or a fence right after indented code. CommonMark (GFM
    for tables), and so the model, reads it as a block of its own; Python-Markdown, which
    renders the site, would run it into the block before it."""

    line: int
    after: str  # "text" or "list"; "code": indented code right after a list, which the site
    # would read as the last item's


@dataclass(frozen=True)
class ListItemBlock:
    """A list item (not in a quote) that holds more than its first line: lines `line` to
    `last_line`, its content starting `column` characters after its marker ("- " is 2, "1. "
    is 3). CommonMark indents an item's other lines, nested lists included, by that column;
    Python-Markdown, which renders the site, by 4."""

    line: int
    last_line: int
    column: int


@dataclass(frozen=True)
class WikiLink:
    """A `[[wikilink]]` (Obsidian's, Quartz's) as written: `[[Note]]`, `[[Note#Heading]]`,
    `[[Note|shown text]]`, `[[#Heading]]`, or an image's embed, `![[diagram.png]]`. A note's
    parse holds it unresolved (`url` None): which note or file it names depends on the others
    (`dlnotes.parse.wikilinks`)."""

    written: str  # as in the note: "[[general#Setup|the setup]]"
    target: str  # "general"; "" for a heading of the note itself
    heading: str | None
    shown: str  # the text shown: what follows `|`, else the note's name
    location: Location
    headings: tuple[str, ...] = ()  # as for a Link: the headings above it
    anchor: str = ""
    url: str | None = None  # once resolved: the Markdown link it stands for, "general.md#setup"
    # `![[diagram.png]]`: an image shown in the page; `shown` is what follows `|`, its alt
    # text or, as Obsidian reads `|300` and `|300x200`, its size
    embed: bool = False
    # How many of the note's links on its line come before it: where its link goes among them
    links_before: int = 0


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    anchor: str
    line: int


@dataclass
class Note:
    """One Markdown file with front-matter."""

    path: str  # relative to the notes folder, with forward slashes: "general.md"
    title: str
    summary: str | None = None
    tags: tuple[str, ...] = ()
    created: dt.date | None = None
    updated: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    body_line: int = 1  # the line the Markdown body starts on
    adjoining_lists: tuple[AdjoiningList, ...] = ()
    item_blocks: tuple[ListItemBlock, ...] = ()
    # The lines of ordered list items written `1)`: CommonMark's other delimiter, which
    # Python-Markdown, the site's renderer, does not know (it shows such a list as text).
    paren_items: tuple[int, ...] = ()
    # The line and tag of each HTML element left open around Markdown, as GitHub's collapsible
    # `<details>` is written: Python-Markdown shows its Markdown as text unless it is marked
    # `markdown` (see dlnotes.parse.openelements).
    open_elements: tuple[tuple[int, str], ...] = ()
    # The first line of each quote (not inside another) that follows another quote with only
    # blank lines between: two quotes to CommonMark, one to Python-Markdown unless kept apart
    # (see dlnotes.parse.quoteshape).
    adjoining_quotes: tuple[int, ...] = ()
    # The first and last line, and the opening line's indent, of each fence outside lists and
    # quotes with its opening or closing line indented: superfences pairs such fence lines
    # otherwise, so the page writes the fence at the margin (see dlnotes.parse.fenceshape).
    indented_fences: tuple[tuple[int, int, int], ...] = ()
    # The header line of each table (not in a quote) without a pipe at either end whose body
    # rows start with one: the site would drop each row's last cell (see
    # dlnotes.parse.tableshape), so the page gives the header a leading pipe.
    unbordered_headers: tuple[int, ...] = ()
    # The second line of each paragraph the site would take for a table (`a | b` over `|-`):
    # the page escapes its first pipe (see dlnotes.parse.tableshape).
    site_only_tables: tuple[int, ...] = ()
    # The line and label of each `[[label]]` that CommonMark reads as a reference link in
    # brackets, `label` being defined (Foam's link references): Python-Markdown shows text
    # unless the outer brackets are escaped (see dlnotes.parse.references).
    bracketed_references: tuple[tuple[int, str], ...] = ()
    # The line and text of each inline tag that opens an element a browser reads the rest of
    # the page into (`<script>`, `<textarea>`), which nothing closes: the page writes it as
    # text (see dlnotes.parse.rawtext).
    swallowing_tags: tuple[tuple[int, str], ...] = ()
    # The line and text of each `<` that CommonMark reads as text but the site may take for a
    # tag's start (`$x<y$ see [docs](…) and $y>x$`): the page writes it `&lt;` (see
    # dlnotes.parse.rawtext).
    bare_angles: tuple[tuple[int, str], ...] = ()
    # The line and text of each comment mark the site reads otherwise (see dlnotes.parse.rawtext):
    # `<!-->` or `<!--->`, an empty comment to CommonMark, one that runs to the next `-->` to
    # the site: the page writes `<!---->`; `--!>` inside a comment CommonMark closes later, an
    # end to the site: the page writes `--!&gt;`.
    comment_marks: tuple[tuple[int, str], ...] = ()
    # Each line that ends inside an inline tag with two spaces or a tab: a hard break to the
    # site, which writes `<br />` into the tag and shows it as text; the page trims the line
    # (see dlnotes.parse.rawtext).
    tag_breaks: tuple[int, ...] = ()
    images: list[Image] = field(default_factory=list)
    wikilinks: tuple[WikiLink, ...] = ()

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(h.anchor for h in self.headings)

    @property
    def links_and_images(self) -> list[Checked]:
        """What a link check reads of this note: its links, then its images."""
        return [*self.links, *self.images]

    def attributed(self) -> Iterator[Link | Tip | Quote | Checklist]:
        yield from (link for link in self.links if link.attribution)
        yield from (tip for tip in self.tips if tip.attribution)
        yield from (quote for quote in self.quotes if quote.source)
        yield from (checklist for checklist in self.checklists if checklist.source)


Item = Link | Tip | Quote | Checklist
Checked = Link | Image  # what a link check reads: `KnowledgeBase.links_and_images`


def attribution_of(item: Item) -> str | None:
    """The person id an item is attributed to, whatever the item's kind."""
    if isinstance(item, Link | Tip):
        return item.attribution
    return item.source


@dataclass
class KnowledgeBase:
    """All notes and people, with the lookups the checker, the reports and the site need."""

    notes: list[Note] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)

    def note(self, path: str) -> Note | None:
        return next((n for n in self.notes if n.path == path), None)

    @property
    def links(self) -> list[Link]:
        return [link for note in self.notes for link in note.links]

    @property
    def images(self) -> list[Image]:
        return [image for note in self.notes for image in note.images]

    @property
    def links_and_images(self) -> list[Checked]:
        """Everything a link check reads: the links, then the images."""
        return [*self.links, *self.images]

    @property
    def external_links(self) -> list[Link]:
        return [link for link in self.links if link.is_external]

    @property
    def tips(self) -> list[Tip]:
        return [tip for note in self.notes for tip in note.tips]

    @property
    def quotes(self) -> list[Quote]:
        return [quote for note in self.notes for quote in note.quotes]

    @property
    def checklists(self) -> list[Checklist]:
        return [c for note in self.notes for c in note.checklists]

    def by_url(self) -> dict[str, list[Link]]:
        """Links grouped by normalised URL, in document order."""
        groups: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            groups[link.normalized].append(link)
        return dict(groups)

    def links_to(self, url: str) -> list[Link]:
        return self.by_url().get(normalize_url(url), [])

    def duplicates(self) -> dict[str, list[Link]]:
        """Normalised URLs that appear more than once, with every place they appear."""
        return {url: links for url, links in self.by_url().items() if len(links) > 1}

    def by_person(self) -> dict[str, list[Item]]:
        """Everything attributed to each person id, in note order."""
        groups: dict[str, list[Item]] = defaultdict(list)
        for note in self.notes:
            for item in note.attributed():
                person = attribution_of(item)
                if person:
                    groups[person].append(item)
        return dict(groups)

    def attributed_to(self, person_id: str) -> list[Item]:
        return self.by_person().get(person_id, [])

    def by_tag(self) -> dict[str, list[Note]]:
        groups: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            for tag in note.tags:
                groups[tag].append(note)
        return dict(groups)

    def domains(self) -> set[str]:
        return {link.domain for link in self.external_links}

    def backlinks(self, path: str) -> list[Note]:
        """Notes with a link to the note at `path` (relative .md links, resolved by the parser)."""
        return [
            note
            for note in self.notes
            if note.path != path and any(_targets(note, link.url) == path for link in note.links)
        ]

    def related(self, path: str) -> list[Note]:
        """Notes that share a tag or a person with the note at `path`."""
        this = self.note(path)
        if this is None:
            return []
        mine = set(this.tags) | _people_of(this)
        return [
            note
            for note in self.notes
            if note.path != path and mine & (set(note.tags) | _people_of(note))
        ]

    def person(self, person_id: str) -> Person | None:
        return self.people.get(person_id)


def _people_of(note: Note) -> set[str]:
    return {p for item in note.attributed() if (p := attribution_of(item))}


def _targets(note: Note, url: str) -> str | None:
    """The note path a relative link points at, or None for an external or non-note link."""
    return resolve_note_link(note.path, url)


def resolve_note_link(source: str, url: str) -> str | None:
    """Resolve a relative `.md` link written in note `source` to a note path, ignoring fragments."""
    if ":" in url.split("/", 1)[0] or url.startswith(("/", "#")):
        return None
    # As written in Markdown: `my%20note.md` (or `<my note.md>`, which reads the same) is the
    # note `my note.md`, as MkDocs and every Markdown viewer take it.
    target = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if not target.endswith(".md"):
        return None
    parts = source.split("/")[:-1]
    for part in target.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def note_link(source: str, target: str) -> str:
    """The relative path, as a link in note `source` writes it, to the note at `target` (both
    paths inside the notes folder): the inverse of `resolve_note_link`, not yet quoted."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def iter_items(kb: KnowledgeBase) -> Iterable[Item]:
    for note in kb.notes:
        yield from note.links
        yield from note.tips
        yield from note.quotes
        yield from note.checklists
