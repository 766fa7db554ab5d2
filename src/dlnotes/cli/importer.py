"""`dlnotes import`: a raw Markdown export into notes, or merged into the notes already there."""

from __future__ import annotations

from pathlib import Path

import click

from dlnotes.importer import ImportPlan, plan_import
from dlnotes.parse import display_path
from dlnotes.problems import DlnotesError


@click.command(name="import")
@click.argument("export", type=click.Path(path_type=Path))
@click.option(
    "--into",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("notes"),
    show_default=True,
    help="The notes folder to create or merge into.",
)
@click.option("--dry-run", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.option(
    "--level",
    type=click.IntRange(1, 6),
    default=2,
    show_default=True,
    help="Headings of this level or above (# .. ##) each start a note; deeper ones are sections.",
)
def import_(export: Path, into: Path, dry_run: bool, level: int) -> None:
    """Import EXPORT (GitBook, Notion or Obsidian Markdown) into notes.

    Re-importing changes nothing; importing into existing notes only adds the links they lack,
    each in its matching note and section.
    """
    try:
        plan = plan_import(
            export,
            into,
            level=level,
            export_display=_shown(export),
            into_display=_shown(into),
        )
    except DlnotesError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo("nothing was written", err=True)
        raise SystemExit(1) from exc
    for problem in plan.problems:
        click.echo(str(problem), err=True)
    if dry_run:
        click.echo(plan.diff(), nl=False)
        click.echo(f"dry run: {_summary(plan)}; nothing written", err=True)
        return
    try:
        plan.apply()
    except DlnotesError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from exc
    click.echo(_summary(plan), err=True)


def _summary(plan: ImportPlan) -> str:
    created = sum(1 for c in plan.changes if c.created)
    merged = [c for c in plan.changes if not c.created]
    links = sum(c.added_links for c in merged)
    if not plan.changes:
        return "nothing to do: every link is already in the notes"
    return f"{created} new note(s), {links} link(s) merged into {len(merged)} note(s)"


def _shown(path: Path) -> str:
    try:
        return display_path(path)
    except (OSError, RuntimeError):  # a symlink loop cannot be resolved; say it as given
        return str(path)
