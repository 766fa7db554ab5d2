"""`dlnotes add`: capture a link in one step, into the right note and section."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import click

from dlnotes.cli._common import load_or_exit, path_argument, write_or_exit
from dlnotes.importer.pagetitle import page_title
from dlnotes.importer.render import render
from dlnotes.importer.split import Draft, slugify
from dlnotes.linkcheck.client import FetchError, fetch_text
from dlnotes.linkcheck.config import ConfigError, load_config
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.model import KnowledgeBase, Note
from dlnotes.parse import display_path, parse_note
from dlnotes.write import (
    NoFrontMatterError,
    Snapshot,
    add_tag,
    insert_entry,
    read_text,
    set_key,
    set_updated,
)
from dlnotes.write.entry import link_entry, title_markdown

# A title sits in the page's head; there is no need to read a whole page to find it.
TITLE_BYTES = 256 * 1024


@click.command()
@click.argument("url")
@path_argument
@click.option("--note", "note_name", required=True, help="The note: its file name or title.")
@click.option("--section", help="The section (heading) to add to; created when missing.")
@click.option("--by", help="Who recommended it: written as `(per NAME)`.")
@click.option("--comment", help="Why it matters: the link's annotation.")
@click.option("--tag", "tags", multiple=True, help="A tag for the note (repeatable).")
@click.option("--title", help="The link's title; without it the page's title is fetched.")
@click.option("--allow-private", is_flag=True, default=None, help="Allow private addresses.")
@click.option(
    "--new",
    "create",
    is_flag=True,
    help="Start the note when none has that name: titled NOTE, in notes/<slug>.md.",
)
def add(
    url: str,
    path: Path | None,
    note_name: str,
    section: str | None,
    by: str | None,
    comment: str | None,
    tags: tuple[str, ...],
    title: str | None,
    allow_private: bool | None,
    create: bool,
) -> None:
    """Add URL to a note: fetch its title, refuse a duplicate, keep the file's formatting."""
    problem = url_problem(url)
    if problem:
        raise click.UsageError(f"invalid URL {url!r}: {problem}")
    parsed = load_or_exit(path)
    note = find_note(parsed.kb, note_name)
    if note is None and create:
        note = _new_note(parsed.root, note_name)
    if note is None:
        known = ", ".join(f"{n.path[:-3]} ({n.title})" for n in parsed.kb.notes)
        raise click.UsageError(
            f"unknown note {note_name!r}; the notes are: {known} (--new starts a note)"
        )
    already = parsed.kb.links_to(url)
    if already:
        where = already[0].location
        heading = " › ".join(already[0].headings)
        click.echo(
            f"{where}: already there{f' ({heading})' if heading else ''}: {already[0].url}",
            err=True,
        )
        raise SystemExit(1)
    if title is None:
        title = _fetch_title(url, allow_private)
    file = parsed.root / note.path
    shown = display_path(file)
    if file.exists():
        text, snapshot = read_text(file)
    else:  # a note --new starts: it must still not exist when written
        text, snapshot = _new_note_text(note.title), Snapshot(file, False)
    new = insert_entry(text, link_entry(title, url, comment=comment, by=by), section, at_end=True)
    try:
        new = set_updated(new, dt.date.today())
        for tag in tags:
            new = add_tag(new, tag)
    except NoFrontMatterError:
        click.echo(f"{shown}: has no front-matter (run `dlnotes lint`); nothing written", err=True)
        raise SystemExit(1) from None
    _check_parses(new, note, url, shown, parsed.kb)
    write_or_exit(file, new, snapshot, shown)
    click.echo(f"added to {shown}{f' ({section})' if section else ''}: [{title}]({url})")


def _new_note(root: Path, name: str) -> Note:
    """The note `--new` starts for `name`, not yet written: its title and free path."""
    title = " ".join(name.strip().removesuffix(".md").split())
    if not title:
        raise click.UsageError("--new needs a note name")
    path = f"{slugify(title)}.md"
    if (root / path).exists():
        raise click.UsageError(f"{display_path(root / path)} exists but is not a note it can read")
    return Note(path=path, title=title)


def _new_note_text(title: str) -> str:
    """A new note as an import starts one, with its title as heading and today as `created:`."""
    text = render(Draft(title, 1, [f"# {title_markdown(title)}"]))
    return set_key(text, "created", dt.date.today().isoformat())


def url_problem(url: str) -> str | None:
    """Why `url` cannot be added, or None: an http(s) URL with a host and no spaces."""
    if any(c.isspace() for c in url):
        return "it holds whitespace (write a space as %20)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in ("http", "https"):
        return "only http:// and https:// links can be added"
    if not parts.hostname:
        return "it has no host"
    return None


def find_note(kb: KnowledgeBase, name: str) -> Note | None:
    """A note by path (`general.md`), path without `.md`, or title, in that order."""
    wanted = name.strip()
    stem = wanted.removesuffix(".md")
    for found in (
        [n for n in kb.notes if n.path == wanted],
        [n for n in kb.notes if n.path.removesuffix(".md") == stem],
        [n for n in kb.notes if n.title.casefold() == wanted.casefold()],
    ):
        if found:
            return found[0]
    return None


def _fetch_title(url: str, allow_private: bool | None) -> str:
    overrides = {"allow_private": True} if allow_private else None
    try:
        options: CheckOptions = load_config(Path.cwd(), overrides).options
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        _, html = asyncio.run(fetch_text(url, options, TITLE_BYTES))
    except FetchError as exc:
        click.echo(f"cannot fetch the page's title ({exc}); give one with --title", err=True)
        raise SystemExit(1) from exc
    title = page_title(html)
    if title is None:
        click.echo(f"the page has no title: give one with --title ({url})", err=True)
        raise SystemExit(1)
    return title


def _check_parses(text: str, note: Note, url: str, shown: str, kb: KnowledgeBase) -> None:
    """Write nothing the parser would not read back as this link."""
    parsed, problems = parse_note(text, path=note.path, display=shown, people=kb.people)
    if not any(link.url == url for link in parsed.links):
        click.echo(f"{shown}: the new line would not read as a link; nothing written", err=True)
        raise SystemExit(1)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        for item in errors:
            click.echo(str(item), err=True)
        click.echo("nothing written", err=True)
        raise SystemExit(1)
