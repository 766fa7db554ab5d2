"""The `dlnotes` command line: one module per command, loaded only when that command runs."""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute"; a new command adds one line here. Loading lazily keeps
# `dlnotes lint` from paying for httpx, and a command whose module fails to import cannot
# take the others down with it.
COMMANDS = {
    "lint": "dlnotes.cli.lint:lint",
    "stats": "dlnotes.cli.stats:stats",
    "export": "dlnotes.cli.export:export",
    "check": "dlnotes.cli.check:check",
    "import": "dlnotes.cli.importer:import_",
    "add": "dlnotes.cli.add:add",
    "fix": "dlnotes.cli.fix:fix",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module_name, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dlnotes")
def main() -> None:
    """dlnotes: a personal knowledge base that publishes itself."""
