"""MkDocs plumbing the plugin needs: generated files, the site's assets and page URLs."""

from __future__ import annotations

import functools
from importlib.resources import as_file
from importlib.resources import files as package_files
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from dlnotes.pages import UrlFor

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
            continue
        made[name] = File.generated(config, name, content="")
        files.append(made[name])
    return made


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
