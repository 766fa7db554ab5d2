"""The `dlnotes` plugin's options, as a schema: MkDocs validates them and words the errors."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c


class PageName(c.Type[str]):
    """The file name of a generated page, at the top of the notes folder (`links.md`)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        if not name.endswith(".md") or "/" in name or "\\" in name or name.startswith("."):
            raise base.ValidationError(
                f"expected a Markdown file name at the top of the notes folder, got {name!r}"
            )
        return name


class DlnotesConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options under `plugins: - dlnotes:` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    # Generated pages; a `nav:` may place them (see unlisted_notes).
    links_page = PageName("links.md")
    people_page = PageName("people.md")
    tags_page = PageName("tags.md")
    health_page = PageName("link-health.md")
    # The section of a `nav:` written in mkdocs.yml that lists the notes it leaves out (added
    # at the end when missing), so a new note needs no edit there; generated pages it leaves
    # out go under Browse. '' keeps the nav as written (MkDocs then warns of each page left
    # out, and a strict build fails).
    unlisted_notes = c.Type(str, default="Topics")
    # Topic-page extras: icons, domains, chips and status markers; backlinks and related notes.
    decorate_links = c.Type(bool, default=True)
    connections = c.Type(bool, default=True)
    # Remember parsed notes in .dlnotes/notes.pickle, so a build parses only what changed.
    notes_cache = c.Type(bool, default=True)
    # The link-check hook reads the cache only (no request) unless this is true or
    # DLNOTES_LINKCHECK=online is set; then `mkdocs build` checks stale links first.
    linkcheck_online = c.Type(bool, default=False)
    # Dead links (the policy's fatal verdicts) are warnings, so `--strict` fails on them. False
    # logs them as information instead: a publishing build shows readers the rot (markers, Link
    # health) without stopping the site. Broken links between notes fail either way.
    fail_on_dead_links = c.Type(bool, default=True)
    # The link checker's settings, as in `[tool.dlnotes.linkcheck]` of pyproject.toml (cache,
    # timeout, dead_after...); read and checked by dlnotes.linkcheck.config.
    linkcheck: c.Type[dict[str, Any]] = c.Type(dict, default={})
