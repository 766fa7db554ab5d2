"""Real site projects in tmp folders: notes, mkdocs.yml and the hook copied from the repo, a real
`mkdocs build` in a subprocess, and a link cache seeded through the checker's own cache API."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from dlnotes.linkcheck.cache import LinkCache
from dlnotes.linkcheck.result import CheckResult, Verdict
from dlnotes.parse import read_mkdocs_config
from dlnotes.urls import normalize_url

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(".dlnotes/linkcheck.sqlite")
# The repo's own Markdown extensions, by name (their options do not change what a page links):
# tests follow the site's configuration rather than a copy of it.
SITE_EXTENSIONS = [
    entry if isinstance(entry, str) else next(iter(entry))
    for entry in read_mkdocs_config(REPO / "mkdocs.yml")["markdown_extensions"]
]


@dataclass
class Build:
    code: int
    output: str
    site: Path

    def page(self, name: str) -> str:
        """The built HTML of a page by its source name: "general.md", "links.md"."""
        stem = name.removesuffix(".md")
        path = self.site / ("index.html" if stem == "index" else f"{stem}/index.html")
        return path.read_text(encoding="utf-8")

    def links_rows(self, name: str = "links.md") -> list[TableRow]:
        return links_rows(self.page(name))


@dataclass(frozen=True)
class TableRow:
    status: str
    cells: tuple[str, ...]  # each cell's HTML, as the site's script writes it


_ROWS = re.compile(r'<script type="application/json" id="dl-links-rows">(.*?)</script>', re.S)


def links_rows(html: str) -> list[TableRow]:
    """The Links table's rows from the JSON in its page, put together the way dlnotes.js does
    (the browser tests run the script itself)."""
    found = _ROWS.search(html)
    assert found is not None, "no Links table data in the page"
    data = json.loads(found[1])
    parts = data["parts"]
    rows = []
    for status, icon, url, title, domain, kind, places, people, badge, checked in data["rows"]:
        cells = (
            f'{parts[icon]}<a href="{escape(url)}">{escape(title)}</a>',
            escape(domain),
            parts[kind],
            "<br>".join(parts[i] for i in places),
            " ".join(parts[i] for i in people),
            parts[badge],
            escape(checked),
        )
        rows.append(TableRow(status, cells))
    return rows


def make_project(root: Path, notes: dict[str, str] | None = None) -> Path:
    """A project in `root`: the repo's mkdocs.yml and hook, and `notes` (default: the repo's)."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if notes is not None:
        config = without_nav(config)  # the repo's nav names the repo's notes
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    if notes is None:
        shutil.copytree(REPO / "notes", root / "notes")
    else:
        write_notes(root, notes)
    return root


def use_plugin_options(root: Path, options: str) -> None:
    """Give the project's `dlnotes` plugin `options`: YAML lines indented under it."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - dlnotes:\n" in text
    config.write_text(text.replace("  - dlnotes:\n", f"  - dlnotes:\n{options}"), encoding="utf-8")


def without_nav(config: str) -> str:
    """mkdocs.yml with its `nav:` block removed, so MkDocs lists whatever pages there are."""
    kept, skipping = [], False
    for line in config.splitlines(keepends=True):
        if line.startswith("nav:"):
            skipping = True
            continue
        if skipping and line.strip() and not line.startswith((" ", "#")):
            skipping = False
        if not skipping:
            kept.append(line)
    return "".join(kept)


def write_notes(root: Path, notes: dict[str, str]) -> None:
    folder = root / "notes"
    folder.mkdir(exist_ok=True)
    for name, text in notes.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def build(root: Path, *, strict: bool = True, env: dict[str, str] | None = None) -> Build:
    """`mkdocs build` in `root`, as a user runs it, into `root/site`."""
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"]
    if strict:
        args.append("--strict")
    # Builds in tests run as the Makefile's do, and never inherit an online link check.
    environment = {k: v for k, v in os.environ.items() if k != "DLNOTES_LINKCHECK"}
    environment.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    done = subprocess.run(
        args, cwd=root, env=environment, capture_output=True, text=True, timeout=110
    )
    return Build(done.returncode, done.stdout + done.stderr, root / "site")


def seed_dead(
    root: Path,
    url: str,
    *,
    archive_url: str | None = None,
    now: dt.datetime | None = None,
    days: int = 10,
) -> None:
    """Record `url` as failing on three checks spread over `days` days: dead per the default
    policy (3 failures over at least 7 days)."""
    now = now or dt.datetime.now(dt.UTC)
    key = normalize_url(url)
    with LinkCache.open(root / CACHE) as cache:
        for back in (days, days // 2, 0):
            at = now - dt.timedelta(days=back)
            result = CheckResult(url=key, status=Verdict.BROKEN, code=404, checked_at=at)
            cache.record(result, at)
        if archive_url:
            cache.set_archive(key, archive_url, now)


def seed(root: Path, url: str, status: Verdict, *, code: int | None = 200) -> None:
    """Record one verdict for `url`, checked now."""
    now = dt.datetime.now(dt.UTC)
    with LinkCache.open(root / CACHE) as cache:
        cache.record(
            CheckResult(url=normalize_url(url), status=status, code=code, checked_at=now), now
        )


def note(title: str, body: str, *, tags: tuple[str, ...] = ()) -> str:
    tag_line = f"tags: [{', '.join(tags)}]\n" if tags else ""
    return f"---\ntitle: {title}\n{tag_line}---\n\n# {title}\n\n{body}\n"
