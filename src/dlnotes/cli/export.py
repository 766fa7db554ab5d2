"""`dlnotes export`: the model in another format."""

from __future__ import annotations

from pathlib import Path

import click

from dlnotes.bookmarks import to_netscape
from dlnotes.cli._common import fail_on_errors, load_or_exit, path_argument
from dlnotes.kbjson import kb_to_json
from dlnotes.write.atomic import write_atomic

FORMATS = ("json", "bookmarks")


@click.command()
@path_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here, not stdout.")
def export(path: Path | None, fmt: str, output: Path | None) -> None:
    """Export the whole model (JSON: see src/dlnotes/schema/knowledge-base.schema.json), or the
    links as a browser bookmark file (--format bookmarks)."""
    result = load_or_exit(path)
    fail_on_errors(result)
    text = to_netscape(result.kb) if fmt == "bookmarks" else kb_to_json(result.kb)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
