"""The `dlnotes` MkDocs plugin: one short method per event, the work done by dlnotes.pages.

Parse early (`on_files`), render the generated pages once every file event has run - the
link-check hook's included - (`on_nav`), fill in the People lists late (`on_page_content`), and
put in the Links table, the Link health lists and the notes' decorations last, once search has
run (`on_post_page`).
Each part made is remembered with a digest of its inputs (dlnotes.pages.memo): a build in which
they did not change takes it back instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import html
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from dlnotes._gc import kept_for_the_build, paused_gc
from dlnotes._pickled import digest
from dlnotes.linkcheck.result import CheckResult
from dlnotes.mkdocs_plugin.config import DlnotesConfig
from dlnotes.mkdocs_plugin.notes import NotesReader
from dlnotes.mkdocs_plugin.site import (
    add_generated,
    asset_files,
    asset_uris,
    body_first_line,
    group_generated,
    page_urls,
    place_unlisted,
    url_for_page,
)
from dlnotes.model import KnowledgeBase, Note
from dlnotes.pages import (
    TABLE_MARKER,
    Connections,
    decorate_links,
    quote_sources,
    render_connections,
    render_health_lists,
    render_health_page,
    render_links_page,
    render_links_table,
    render_people_lists,
    render_people_page,
    render_tags_page,
    rewrites,
    site_markdown,
)
from dlnotes.pages.memo import DEFAULT_PAGES_MEMO, PageMemo, code_fingerprint
from dlnotes.pages.status import forget_shown
from dlnotes.parse.cache import DEFAULT_NOTES_CACHE

log = logging.getLogger("mkdocs.plugins.dlnotes")

BROWSE = "Browse"  # the nav section of the generated pages, as the repo's own mkdocs.yml names it

# Where a note's own HTML begins and ends in the page MkDocs writes.
_NOTE_START = "<!-- dlnotes:note -->"
_NOTE_END = "<!-- /dlnotes:note -->"


class DlnotesPlugin(BasePlugin[DlnotesConfig]):  # type: ignore[no-untyped-call]
    """Reads the notes into the model once per build and builds pages from it."""

    def __init__(self) -> None:
        self.kb = KnowledgeBase()
        self.results: dict[str, CheckResult] = {}
        self.refreshed: dt.datetime | None = None
        self.is_serve = False
        self._notes: dict[str, Note] = {}
        self._generated: dict[str, File] = {}
        self._urls: dict[str, str] = {}
        self._connections: Connections | None = None
        self._reader = NotesReader()
        self._parts = PageMemo()
        self._results_key: str | None = None  # see use_results
        self._site_key: str | None = None  # digest of every input of the generated pages
        self._notes_key: str | None = None  # ... of every input of notes' parts but their own
        # State the link-check hook keeps across `mkdocs serve` rebuilds (the hook module is
        # loaded afresh with each rebuild's config; this instance is not).
        self.memo: dict[str, Any] = {}

    def use_results(
        self,
        results: Mapping[str, CheckResult],
        refreshed: dt.datetime | None = None,
        key: str | None = None,
    ) -> None:
        """Called by the link-check hook: verdicts keyed by normalised URL for the pages. `key`
        is a digest that changes whenever the results may (an offline check's key); without
        one, no page part made from the results is remembered."""
        self.results = dict(results)
        self.refreshed = refreshed
        self._results_key = key
        forget_shown()  # statuses of the last build's results

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.is_serve = command == "serve"
        self._reader = NotesReader(keep_last_good=self.is_serve)

    def on_shutdown(self) -> None:
        # `mkdocs serve` keeps its parses and page parts in memory until it stops
        self._reader.save()
        self._save_parts()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Default priority: only adds what the generated Markdown and the assets rely on.
        for extension in ("attr_list", "md_in_html"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        css, js = asset_uris()
        config.extra_css.append(css)
        config.extra_javascript.append(js)
        return config

    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Early: the link-check hook and the tags plugin read the model and the pages made here.
        if not self.config.enabled:
            return files
        if self.config.notes_cache and self._reader.parses.file is None:
            root = Path(config.config_file_path or ".").resolve().parent
            self._reader.parses.file = root / DEFAULT_NOTES_CACHE
            self._parts.file = root / DEFAULT_PAGES_MEMO
        with kept_for_the_build():
            self.kb = self._reader.read(config.docs_dir, files)
            self._notes = {note.path: note for note in self.kb.notes}
            self._connections = Connections(self.kb) if self.config.connections else None
        self.results, self.refreshed, self._results_key = {}, None, None
        self._generated = add_generated(files, config, self._page_names())
        if config.nav is not None and self.config.unlisted_notes:
            self._place_unlisted(config.nav, files)
        for asset in asset_files(config):
            files.append(asset)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # After every on_files (the hook's too): the results are known, so render each page once.
        # The model and the verdicts now live until the build ends: moved out of the cycle
        # collector's sight, MkDocs' page loop stops walking them at every collection (-8% CPU
        # at 2,000 notes). on_post_build hands them back to a server; on_build_error always does.
        gc.freeze()
        if config.nav is None:  # a nav written in mkdocs.yml places the pages itself
            group_generated(nav, list(self._generated.values()), BROWSE)
        self._urls = page_urls(files)
        self._part_keys()
        for name, file in self._generated.items():
            file.content_string = self._parts.part(
                f"page:{name}", self._site_key, functools.partial(self._render, name)
            )
        return nav

    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Last, when every page has been read and converted: what that made (tables of
        # contents, metadata) lasts until the build ends too. Frozen like the model (see
        # on_nav), the full collections of the page-writing loop stop walking it.
        gc.freeze()
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Before rendering, so that the page shows the lists the model reads (see
        # dlnotes.pages.lists): checklists as task lists, nesting and breaks as CommonMark's.
        note = self._notes.get(page.file.src_uri)
        if note is not None and "<" in note.title:
            # A title is text (a bookmark's `<script>: The Script element`), but MkDocs and
            # Material write it into the page as HTML: a `<script>` there swallowed the page.
            page.meta["title"] = html.escape(note.title, quote=False)
        if note is None or not rewrites(note):
            return markdown  # nothing to change: the source need not be read again
        first_line = body_first_line(page.file, markdown)
        if first_line is None:
            return markdown
        return site_markdown(markdown, note, first_line)

    @event_priority(-90)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Late, so other plugins' HTML changes come first; still before search indexes the page.
        # What is big (the People lists; later the Links table and each note's footer) is
        # written as HTML rather than as Markdown: Markdown would only slow a big site down.
        if self._generated.get(self.config.people_page) is page.file:
            key = None if self._site_key is None else digest(self._site_key, html)
            return self._parts.part("people-lists", key, lambda: self._people_lists(html, page))
        if page.file.src_uri in self._notes:
            # A note's decorations and footer go in after search has indexed the page (see
            # on_post_page): they are markup and other notes' titles, not the note's words.
            return f"{_NOTE_START}{html}{_NOTE_END}"
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._generated.get(self.config.links_page) is page.file:
            # Last, so no other plugin scans its megabytes (the page is left out of search).
            table = self._parts.part("links-table", self._site_key, lambda: self._table(page))
            return output.replace(TABLE_MARKER, table, 1)
        if self._generated.get(self.config.health_page) is page.file:
            # Its lists too: thousands of rows that Markdown and search need not go through.
            key = None if self._site_key is None else digest(self._site_key, output)
            return self._parts.part("health-lists", key, lambda: self._health_lists(output, page))
        note = self._notes.get(page.file.src_uri)
        start = output.find(_NOTE_START) if note is not None else -1
        end = output.find(_NOTE_END, start)
        if note is None or start < 0 or end < 0:
            return output
        html = output[start + len(_NOTE_START) : end]
        make = functools.partial(self._note_parts, html, note, page)
        html = self._parts.part(f"note:{note.path}", self._note_key(note, html), make)
        return "".join((output[:start], html, output[end + len(_NOTE_END) :]))  # one copy

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Only a server goes on to build again, and it saves its page parts once, when it stops.
        # A one-off build leaves the objects frozen: the process ends next, and unfrozen, its
        # last collection would walk them all (about a second of CPU at 2,000 notes).
        if self.is_serve:
            gc.unfreeze()
        else:
            self._save_parts()

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

    def _part_keys(self) -> None:
        """Digests of what the page parts are made from, when every input is known."""
        self._site_key = self._notes_key = None
        if self._results_key is None:
            return  # results from a check that went online: no key says what they hold
        shared = digest(
            code_fingerprint(),
            repr(self.config),
            self._results_key,
            repr(self.refreshed),
            repr(self.kb.people),
            repr(self._urls),
        )
        connections = "-" if self._connections is None else self._connections.key
        self._notes_key = digest(shared, connections)
        # The generated pages are made from the model alone: a note's text may change and
        # leave them as they were (a new plain paragraph).
        notes = [(n.path, self._reader.models.get(n.path)) for n in self.kb.notes]
        if all(made is not None for _, made in notes):
            self._site_key = digest(shared, repr(notes))

    def _place_unlisted(self, nav: list[Any], files: Files) -> None:
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_nav)  # not `not_in_nav`
        notes = [file.src_uri for file in pages if file.src_uri in self._notes]
        for section, left_out in (
            (self.config.unlisted_notes, notes),
            (BROWSE, list(self._generated)),
        ):
            placed = place_unlisted(nav, left_out, section)
            if placed:
                # Said, not warned: listing them is what the option asks for.
                log.info(
                    "dlnotes: the nav of mkdocs.yml leaves out %d page(s); listed under %r: %s",
                    len(placed),
                    section,
                    ", ".join(placed),
                )

    def _note_key(self, note: Note, html: str) -> str | None:
        # A note's parts are made from its HTML and its parse; a note that is bad or served in
        # its last good version has no digest of its parse.
        made = self._reader.models.get(note.path)
        if self._notes_key is None or made is None:
            return None
        return digest(self._notes_key, made, html)

    def _save_parts(self) -> None:
        trouble = self._parts.save()
        if trouble is not None:
            log.debug(f"dlnotes: {trouble}")

    def _note_parts(self, html: str, note: Note, page: Page) -> str:
        """A note's HTML with its links decorated, its quotes' sources and its footer."""
        if self.config.decorate_links:
            html = quote_sources(html, note, self.kb.people)
            html = decorate_links(html, note, self.results, self.kb.people)
        if self._connections is not None:
            html += render_connections(note, self._connections, url_for_page(page.file, self._urls))
        return html

    def _people_lists(self, html: str, page: Page) -> str:
        url_for = url_for_page(page.file, self._urls)
        return _fill(html, render_people_lists(self.kb, url_for))

    def _health_lists(self, html: str, page: Page) -> str:
        url_for = url_for_page(page.file, self._urls)
        return _fill(html, render_health_lists(self.kb, self.results, url_for))

    def _table(self, page: Page) -> str:
        url_for = url_for_page(page.file, self._urls)
        with paused_gc():  # see dlnotes._gc: a row of objects per URL, no cycles
            return render_links_table(self.kb, self.results, url_for)

    def _page_names(self) -> list[str]:
        c = self.config
        return [c.links_page, c.people_page, c.tags_page, c.health_page]

    def _render(self, name: str) -> str:
        c = self.config
        if name == c.links_page:
            return render_links_page(self.kb)
        if name == c.people_page:
            return render_people_page(self.kb)
        if name == c.tags_page:
            return render_tags_page()
        return render_health_page(self.kb, self.results, self.refreshed)


def _fill(html: str, parts: dict[str, str]) -> str:
    """`html` with each marker replaced by its part."""
    for marker, part in parts.items():
        html = html.replace(marker, part, 1)
    return html
