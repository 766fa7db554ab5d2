"""`dlnotes lint`: validate every note."""

from __future__ import annotations

from pathlib import Path

import click

from dlnotes.cli._common import load_or_exit, path_argument
from dlnotes.linkcheck.internal import check_internal
from dlnotes.problems import Severity


@click.command()
@path_argument
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def lint(path: Path | None, strict: bool) -> None:
    """Validate notes: front-matter, links, conventions. Prints FILE:LINE: message per problem."""
    result = load_or_exit(path)
    # Links between notes and to headings need no network: lint checks them too.
    internal = check_internal(result.kb, result.root, read_missing=result.partial)
    problems = sorted(result.problems + internal)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    click.echo(
        f"{len(result.kb.notes)} notes checked: {errors} error(s), {warnings} warning(s)", err=True
    )
    if errors or (strict and warnings):
        raise SystemExit(1)
