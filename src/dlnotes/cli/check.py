"""`dlnotes check`: check every link of the notes, remember what was learned, report it."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from dlnotes.cli._common import fail_on_errors, load_or_exit
from dlnotes.linkcheck.config import FORMATS, CheckConfig, ConfigError, load_config
from dlnotes.linkcheck.result import CheckResult
from dlnotes.linkcheck.run import run_check
from dlnotes.model import Checked, KnowledgeBase
from dlnotes.parse import ParseCache, ParseResult
from dlnotes.parse.cache import DEFAULT_NOTES_CACHE
from dlnotes.report import format_results


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help="Report format [text].")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write the report to FILE.",
)
@click.option("--offline", is_flag=True, help="Answer from the cache only; send no request.")
@click.option("--max-age", metavar="DURATION", help="How long a good result stays fresh [1d].")
@click.option("--max-age-failed", metavar="DURATION", help="How long a failure stays fresh [1h].")
@click.option("--concurrency", type=int, help="Requests in flight over all hosts [64].")
@click.option("--per-host", type=int, help="Requests in flight on one host [4].")
@click.option("--timeout", type=float, help="Seconds a whole request may take [20].")
@click.option("--retries", type=int, help="Further attempts after a retryable failure [2].")
@click.option("--include", multiple=True, metavar="REGEX", help="Check only matching URLs.")
@click.option("--exclude", multiple=True, metavar="REGEX", help="Skip matching URLs.")
@click.option("--accept", metavar="CODES", help="Codes counted as ok, e.g. 200,204,300..399.")
@click.option("--allow-private", is_flag=True, default=None, help="Allow private addresses.")
@click.option("--check-fragments", is_flag=True, default=None, help="Check #fragments in HTML.")
@click.option("--user-agent", help="The User-Agent header sent.")
@click.option(
    "--header",
    multiple=True,
    metavar="[HOST=]NAME:VALUE",
    help="Send this header too: to HOST and its subdomains, or to every host.",
)
@click.option("--changed-since", metavar="GITREF", help="Only links added or changed since GITREF.")
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The cache file [.dlnotes/linkcheck.sqlite].",
)
@click.option("--archive/--no-archive", default=None, help="Look up archived copies [on].")
@click.option("--dead-after", type=int, help="Failures in a row before a link is dead [3].")
@click.option("--dead-days", type=float, help="Days a failure streak must span to be dead [7].")
def check(
    paths: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    offline: bool,
    changed_since: str | None,
    **flags: Any,
) -> None:
    """Check the links of the notes at PATH... (default: mkdocs.yml's docs_dir).

    Every option can also be set in `[tool.dlnotes.linkcheck]` of pyproject.toml or the
    dlnotes plugin's `linkcheck:` options in mkdocs.yml. A DURATION is like 90s, 30m, 12h, 1d.

    Exit 0 when nothing fails the policy, 1 when something does, 2 for usage or config errors.
    """
    overrides = {key: value for key, value in flags.items() if value not in (None, ())}
    if fmt is not None:
        overrides["format"] = fmt
    try:
        config = load_config(Path.cwd(), overrides)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    # The parses are remembered beside the link cache: a rerun then costs little but reading.
    notes_cache = config.cache_path and config.cache_path.with_name(DEFAULT_NOTES_CACHE.name)
    parsed = _load(paths, ParseCache(notes_cache) if notes_cache else None)
    fail_on_errors(parsed)  # as every command that reads the model: no check of half the notes
    only = _changed(parsed, changed_since) if changed_since else None
    with _progress(config) as on_result:
        run = run_check(
            parsed.kb,
            config,
            offline=offline,
            only=only,
            on_result=on_result.advance if on_result else None,
            on_start=on_result.start if on_result else None,
            notes_root=parsed.root,
            read_missing_notes=parsed.partial,
        )
    for warning in run.warnings:
        click.echo(f"warning: {warning}", err=True)
    if config.format == "json":
        for problem in run.problems:  # the JSON lists URLs; links between notes go here
            click.echo(str(problem), err=True)
    report = format_results(config.format, run)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False)
    raise SystemExit(1 if run.failed else 0)


def _load(paths: tuple[Path, ...], cache: ParseCache | None) -> ParseResult:
    if len(paths) <= 1:
        return load_or_exit(paths[0] if paths else None, cache)
    parts = [load_or_exit(path, cache) for path in paths]
    kb = KnowledgeBase(
        notes=[note for part in parts for note in part.kb.notes],
        people={k: v for part in parts for k, v in part.kb.people.items()},
    )
    first = parts[0]
    problems = [p for part in parts for p in part.problems]
    return ParseResult(kb, problems, first.root, partial=any(part.partial for part in parts))


def _changed(parsed: ParseResult, gitref: str) -> list[Checked]:
    # Imported here: only --changed-since runs git.
    from dlnotes.linkcheck.changed import GitRefError, changed_links

    try:
        return changed_links(parsed.kb, Path.cwd(), gitref, notes_root=parsed.root)
    except GitRefError as exc:
        raise click.UsageError(f"--changed-since: {exc}") from None


class _Bar:
    """A rich progress bar: done/total, counts per verdict, rate."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.counts: Counter[str] = Counter()
        self.progress = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("check", total=None, rate="", counts="")

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, result: CheckResult) -> None:
        self.counts[result.status.value] += 1
        counts = " ".join(f"{status} {n}" for status, n in sorted(self.counts.items()))
        task = self.progress.tasks[0]
        speed = task.speed
        rate = f"{speed:.0f} URL/s" if speed else ""
        self.progress.update(self.task, advance=1, counts=counts, rate=rate)


@contextmanager
def _progress(config: CheckConfig) -> Iterator[_Bar | None]:
    # A bar only for a person watching: never into a pipe, a file or a JSON consumer.
    if config.format == "json" or not (sys.stdout.isatty() and sys.stderr.isatty()):
        yield None
        return
    bar = _Bar()
    with bar.progress:
        yield bar
