"""MkDocs plumbing the plugin needs: generated files, the site's assets and page URLs."""

from __future__ import annotations

import functools
import logging
import posixpath
from collections.abc import Iterator
from importlib.resources import as_file
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from dlnotes.pages import UrlFor
from dlnotes.parse import display_path

log = logging.getLogger("mkdocs.plugins.dlnotes")

ASSETS = ("dlnotes.css", "dlnotes.js")
ASSET_DIR = "assets/dlnotes"


def asset_uris() -> tuple[str, str]:
    css, js = (f"{ASSET_DIR}/{name}" for name in ASSETS)
    return css, js


def asset_files(config: MkDocsConfig) -> list[File]:
    """The plugin's CSS and JS, served by the site itself (never from a CDN)."""
    found = []
    for name in ASSETS:
        with as_file(package_files("dlnotes") / "assets" / name) as path:
            found.append(
                File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(Path(path)))
            )
    return found


def add_generated(files: Files, config: MkDocsConfig, names: list[str]) -> dict[str, File]:
    """Placeholder files for the generated pages, filled once every result is known; a name the
    notes already use is left to the note."""
    made: dict[str, File] = {}
    for name in names:
        if files.get_file_from_path(name) is not None:
            # Said, not warned: a note of that name is the writer's choice, and must not fail
            # a strict build; but a page that silently goes missing is a puzzle.
            log.info(
                "%s is a note, so dlnotes makes no page of that name: name the generated page "
                "otherwise in the plugin's options to have both",
                display_path(Path(config.docs_dir) / name),
            )
            continue
        made[name] = File.generated(config, name, content="")
        files.append(made[name])
    return made


def place_unlisted(nav: list[Any], notes: list[str], section: str) -> list[str]:
    """Add to `section` of a `nav:` written in mkdocs.yml the notes it does not name, so that a
    new note (written, or made by `dlnotes import`) is on the site without editing mkdocs.yml,
    and a strict build does not fail on it. The section is the top-level one of that title,
    added at the end when there is none. Returns the notes placed, in `notes` order."""
    named = {posixpath.normpath(path) for path in _nav_paths(nav)}
    unlisted = [note for note in notes if posixpath.normpath(note) not in named]
    if not unlisted:
        return []
    for item in nav:
        if isinstance(item, dict) and isinstance(item.get(section), list) and len(item) == 1:
            item[section].extend(unlisted)
            break
    else:
        nav.append({section: list(unlisted)})
    return unlisted


def _nav_paths(items: object) -> Iterator[str]:
    """Every page path and URL a `nav:` names, however deep."""
    if isinstance(items, str):
        yield items
    elif isinstance(items, list):
        for item in items:
            yield from _nav_paths(item)
    elif isinstance(items, dict):
        for value in items.values():
            yield from _nav_paths(value)


def group_generated(nav: Navigation, files: list[File], title: str) -> None:
    """Without a `nav:` in mkdocs.yml, MkDocs puts each generated page at the top of the nav.
    Material draws that top level on every page (as tabs, and in the sidebar), so four pages
    there cost every page four more items - about 7% of a 2,000-note build. Gathered under one
    section, in `files` order, they take one place."""
    order = {file.src_uri: index for index, file in enumerate(files)}
    moved = [i for i in nav.items if isinstance(i, Page) and i.file.src_uri in order]
    if len(moved) < 2:
        return
    moved.sort(key=lambda page: order[page.file.src_uri])
    section = Section(title, list(moved))
    for page in moved:
        page.parent = section
    gone = {id(page) for page in moved}
    nav.items = [item for item in nav.items if id(item) not in gone] + [section]
    nav.pages = [page for page in nav.pages if id(page) not in gone] + moved
    # Previous and next follow the nav's new order (Material's footer shows them).
    pages = nav.pages
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after


def page_urls(files: Files) -> dict[str, str]:
    """Each page's URL by its source path; built once per build, read by every url_for."""
    return {f.src_uri: f.url for f in files.documentation_pages()}


def url_for_page(page: File, urls: dict[str, str]) -> UrlFor:
    """Relative URLs from `page` to notes and their headings, for the HTML the plugin writes
    (MkDocs rewrites links only in Markdown)."""

    # Many links share a note and a heading: work out each relative URL once.
    @functools.cache
    def url_for(note_path: str, anchor: str | None = None) -> str:
        url = get_relative_url(urls.get(note_path, note_path), page.url)
        return url + (f"#{anchor}" if anchor else "")

    return url_for


def body_first_line(file: File, markdown: str) -> int | None:
    """The line of the source file that `markdown` (the page body MkDocs read, front-matter
    removed) starts on; None when an earlier plugin changed the body."""
    source = file.content_string
    if not source.endswith(markdown):
        return None
    return source[: len(source) - len(markdown)].count("\n") + 1
