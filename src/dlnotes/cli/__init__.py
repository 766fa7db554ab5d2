"""The `dlnotes` command line: one module per command, registered here."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dlnotes")
def main() -> None:
    """dlnotes: a personal knowledge base that publishes itself."""


def _register() -> None:
    # Imported here so that each command module stays importable on its own.
    from dlnotes.cli import export, lint, stats

    for command in (lint.lint, stats.stats, export.export):
        main.add_command(command)
    from dlnotes.cli import importer

    main.add_command(importer.import_)


_register()
