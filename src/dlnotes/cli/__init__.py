"""The `dlnotes` command line: one module per command, loaded only when that command runs."""

from __future__ import annotations

import importlib
import os
import sys
from typing import NoReturn

import click

from dlnotes._gc import tune_for_one_command

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


def run() -> NoReturn:
    """The `dlnotes` console script: `main`, then an exit that skips the interpreter's
    teardown. Freeing every object of a finished run one by one took 0.1-0.2 s after a
    2,000-link check, time a user waits for nothing. Every command closes what it writes
    before it returns (files by atomic rename, the cache by commit), so only the standard
    streams are left to flush. A crash still ends the ordinary way, with its traceback."""
    # `import httpx` imports httpx's own command line too (click, rich, pygments): 50-90 ms
    # that every `dlnotes check` paid for a CLI it never calls (encode/httpx#3547). With None
    # in its place that import fails (the import system's documented way to block one), and
    # httpx defines a stub `main` instead. Only here, in dlnotes' own process: a program that
    # imports dlnotes keeps its httpx whole.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    tune_for_one_command()
    try:
        main()
        code = 0  # not reached in click's standalone mode, which always raises SystemExit
    except SystemExit as done:
        code = _exit_code(done)
    if "logging" in sys.modules:  # flush its handlers; a check never loads it (12 ms)
        sys.modules["logging"].shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`dlnotes check | head`), a closed stream
            code = code or 1
    os._exit(code)


def _exit_code(done: SystemExit) -> int:
    if done.code is None:
        return 0
    if isinstance(done.code, int):
        return done.code
    print(done.code, file=sys.stderr)  # what `sys.exit("message")` prints
    return 1
