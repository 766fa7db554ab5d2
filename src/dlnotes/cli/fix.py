"""`dlnotes fix`: mend the links the link cache knows about - an archived copy beside a dead
link, a permanent redirect's final URL in place of the old one. Flaky and blocked links are
never touched: they may well come back."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import click

from dlnotes.cli._common import fail_on_errors, load_or_exit, path_argument, write_or_exit
from dlnotes.linkcheck.cache import LinkCache
from dlnotes.linkcheck.config import ConfigError, load_config
from dlnotes.linkcheck.policy import Policy
from dlnotes.linkcheck.result import Health, Verdict
from dlnotes.model import Link
from dlnotes.parse import display_path
from dlnotes.urls import with_fragment
from dlnotes.write import read_text
from dlnotes.write.diff import unified_diff
from dlnotes.write.lines import split_lines
from dlnotes.write.mend import (
    add_archive_link,
    archived_links,
    code_over,
    defining,
    html_link_runs_on,
    joined_lines,
    links_held,
    not_markdown,
    reference_labels,
    replace_defined_url,
    replace_link_url,
    spanning_code,
)

# How many lines a link's text may run over before its URL is looked for no further.
_RUNS_ON_AT_MOST = 8


@dataclass(frozen=True)
class Mend:
    link: Link
    kind: str  # "archive" or "redirect"
    target: str  # the archived copy, or the final URL


@click.command()
@path_argument
@click.option("--archive", is_flag=True, help="Add the archived copy beside each dead link.")
@click.option("--redirects", is_flag=True, help="Point permanent redirects at their final URL.")
@click.option("--dry-run", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.option("--cache", type=click.Path(path_type=Path), help="The link cache file.")
def fix(
    path: Path | None, archive: bool, redirects: bool, dry_run: bool, cache: Path | None
) -> None:
    """Mend the links `dlnotes check` found dead (--archive, the default) or moved for good
    (--redirects), from its cache; nothing is fetched."""
    if not archive and not redirects:
        archive = True
    try:
        config = load_config(Path.cwd(), {"cache": str(cache)} if cache else None)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    cache_path = config.cache_path
    if cache_path is None or not cache_path.is_file():
        click.echo(f"no link cache at {cache_path}: run `dlnotes check` first", err=True)
        raise SystemExit(1)
    parsed = load_or_exit(path)
    fail_on_errors(parsed)
    with LinkCache.open(cache_path) as store:
        for warning in store.warnings:
            click.echo(f"warning: {warning}", err=True)
        mends = plan_mends(parsed.kb.external_links, store, config.policy, archive, redirects)
    by_file: dict[str, list[Mend]] = defaultdict(list)
    for mend in mends:
        note_path = next(n.path for n in parsed.kb.notes if mend.link in n.links)
        by_file[note_path].append(mend)
    mended: Counter[str] = Counter()
    notes = 0
    for note_path, items in sorted(by_file.items()):
        file = parsed.root / note_path
        shown = display_path(file)
        text, snapshot = read_text(file)
        new, counts = apply_mends(text, items, shown)
        mended += counts
        if new == text:
            continue
        notes += 1
        if dry_run:
            click.echo(unified_diff(shown, text, new), nl=False)
            continue
        write_or_exit(file, new, snapshot, shown)
    # What changed a line: a link archived or moved by an earlier run is not counted again.
    verb = "would mend" if dry_run else "mended"
    click.echo(
        f"{verb} {mended['archive']} dead link(s) and {mended['redirect']} redirect(s) "
        f"in {notes} note(s)",
        err=True,
    )


def plan_mends(
    links: list[Link], store: LinkCache, policy: Policy, archive: bool, redirects: bool
) -> list[Mend]:
    entries = store.get_many(link.normalized for link in links)
    mends: list[Mend] = []
    for link in links:
        entry = entries.get(link.normalized)
        if entry is None:
            continue
        result = entry.to_result()
        if archive and policy.health(result) is Health.DEAD:
            if entry.archive_url:
                mends.append(Mend(link, "archive", entry.archive_url))
            else:
                click.echo(
                    f"{link.location}: dead, but no archived copy is known: {link.url}", err=True
                )
        elif redirects and entry.status is Verdict.REDIRECTED and entry.final_url:
            target = with_fragment(entry.final_url, link.url)
            if target != link.url:
                mends.append(Mend(link, "redirect", target))
    return mends


def apply_mends(text: str, mends: list[Mend], shown: str) -> tuple[str, Counter[str]]:
    """Each URL's mends change the lines that hold its links; a line that no longer holds the
    link is left. The text, and how many links each kind of mend changed."""
    lines = split_lines(text)
    skip = not_markdown(text)  # code that looks like a definition is left as it is
    spanning = spanning_code(text)  # mends add no line and no backtick: it holds throughout
    counts: Counter[str] = Counter()
    groups: dict[tuple[str, str, str], list[Mend]] = {}
    for mend in mends:
        groups.setdefault((mend.kind, mend.link.url, mend.target), []).append(mend)
    # One URL at a time, each line once: an edit mends every link to the URL on its line.
    for (kind, url, target), group in groups.items():
        if kind == "archive":
            # Its copy goes where the link is used, whether written inline or by reference.
            labels = reference_labels(lines, url, skip)
            defined = []
        else:
            # A reference-style link's URL sits on its definition's line (or the next one), not
            # where it is used.
            labels = frozenset()
            defined = defining(lines, url, skip)
            for definition in defined:
                at = definition.url_line
                lines[at] = replace_defined_url(lines[at], definition, url, target)
        # The lines as read for this URL: one at a time, a link's destination over lines as one.
        reads = joined_lines(lines, url, skip)
        read_of = {line: index for index, read in enumerate(reads) for line in read}
        # Where each link's URL sits: its own line, or a later one when its text runs on.
        starts = [read_of.get(m.link.location.line - 1, -1) for m in group]
        holding = _holding_lines(lines, reads, starts, url, labels, spanning)
        found: set[int] = set()
        for at in sorted(set(holding)):
            if not 0 <= at < len(reads):
                continue
            read = reads[at]
            old, code = "".join(lines[read.start : read.stop]), code_over(lines, read, spanning)
            if kind == "archive":
                new = add_archive_link(old, url, target, labels, code)
            else:
                new = replace_link_url(old, url, target, code)
            if new is None or len(split_lines(new)) != len(read):
                continue
            found.add(at)
            lines[read.start : read.stop] = split_lines(new)
            if kind == "archive":
                new_code = code_over(lines, read, spanning)  # the copies moved what followed
                before = archived_links(old, url, labels, code)
                counts[kind] += archived_links(new, url, labels, new_code) - before
                if html_link_runs_on(new, url, new_code):
                    click.echo(
                        f"{shown}:{read.start + 1}: an HTML link to {url} goes on past its "
                        f"line, so it got no archived copy: put one after its </a> by hand: "
                        f"{target}",
                        err=True,
                    )
        for mend, held in zip(group, holding, strict=True):
            at = mend.link.location.line - 1
            if held in found or defined:
                if kind == "redirect":  # an archived copy was counted as it went in
                    counts[kind] += 1
            else:
                click.echo(f"{shown}:{at + 1}: link not found as written; left alone", err=True)
    return "".join(lines), counts


def _holding_lines(
    lines: list[str],
    reads: list[range],
    starts: list[int],
    url: str,
    labels: frozenset[str],
    spanning: dict[int, range],
) -> list[int]:
    """For each read a link starts on (in `starts'` order; see `joined_lines`), the read that
    holds its URL: that one, or for a link whose text runs on (`[two⏎lines](url)`), a later
    one of the same paragraph. Links are matched to the links a read holds in document
    order, so two links on one line, or on neighbouring ones, each find their own."""
    taken: Counter[int] = Counter()
    holding = list(starts)
    for position in sorted(range(len(starts)), key=lambda p: starts[p]):
        at = starts[position]
        for index in range(at, min(at + _RUNS_ON_AT_MOST, len(reads))):
            read = reads[index]
            text = "".join(lines[read.start : read.stop])
            if index > at and not text.strip():
                break
            if at >= 0 and taken[index] < links_held(
                text, url, labels, code_over(lines, read, spanning)
            ):
                taken[index] += 1
                holding[position] = index
                break
    return holding
