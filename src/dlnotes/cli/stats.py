"""`dlnotes stats`: counts of what the notes hold."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dlnotes.cli._common import fail_on_errors, load_or_exit, path_argument
from dlnotes.stats import compute_stats


@click.command()
@path_argument
@click.option("--json", "as_json", is_flag=True, help="Print the counts as a JSON object.")
def stats(path: Path | None, as_json: bool) -> None:
    """Counts of notes, links, distinct URLs, domains, people, tips, quotes, checklists."""
    result = load_or_exit(path)
    fail_on_errors(result)
    counts = compute_stats(result.kb).as_dict()
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    width = max(len(name) for name in counts)
    for name, value in counts.items():
        click.echo(f"{name.replace('_', ' '):<{width}}  {value}")
