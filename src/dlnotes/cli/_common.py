"""What every command shares: the PATH argument and turning core errors into exits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from dlnotes.parse import ParseCache, ParseResult, load_notes
from dlnotes.problems import DlnotesError

if TYPE_CHECKING:
    from dlnotes.write import Snapshot

path_argument = click.argument(
    "path", required=False, type=click.Path(path_type=Path, exists=False)
)


def load_or_exit(path: Path | None, cache: ParseCache | None = None) -> ParseResult:
    """Parse the notes at PATH (default: mkdocs.yml's docs_dir); exit 2 if there are none."""
    try:
        return load_notes(path, cache=cache)
    except DlnotesError as exc:
        for problem in exc.problems:
            click.echo(f"{problem.file}:{problem.line}: {problem.message}", err=True)
        raise SystemExit(2) from exc


def fail_on_errors(result: ParseResult) -> None:
    """Commands that read the model refuse to work from notes with errors: exit 1, say where."""
    if result.errors:
        for problem in result.errors:
            click.echo(str(problem), err=True)
        click.echo(f"{len(result.errors)} error(s): run `dlnotes lint` for details", err=True)
        raise SystemExit(1)


def write_or_exit(file: Path, text: str, snapshot: Snapshot, display: str) -> None:
    """Write a note atomically; a note changed on disk since it was read stops with exit 1."""
    # Imported here: `dlnotes check` and `lint` write no note.
    from dlnotes.write import write_atomic

    try:
        write_atomic(file, text, snapshot, display=display)
    except DlnotesError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from exc
