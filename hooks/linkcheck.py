"""MkDocs hook: run the dlnotes link checker over the model the `dlnotes` plugin parsed.

Links between notes and to headings are always checked. External links come from the link cache
only - zero requests, so offline CI builds and every `mkdocs serve` reload cost nothing - unless
`DLNOTES_LINKCHECK=online` (or the plugin's `linkcheck_online: true`) asks `mkdocs build` to check
what is stale first. An offline outcome is remembered beside the cache (`offline_check`) and
read back while the cache, the links and the configuration are unchanged. Problems are logged
as warnings at `notes/x.md:LINE`, so `--strict` fails on them: broken links between notes, and
external links the policy calls fatal (dead) unless the plugin's `fail_on_dead_links` is false.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from dlnotes._gc import kept_for_the_build
from dlnotes.linkcheck.config import CheckConfig, ConfigError, load_config
from dlnotes.linkcheck.offline import offline_check, verdicts_key
from dlnotes.linkcheck.run import CheckRun, run_check

log = logging.getLogger("mkdocs.hooks.linkcheck")

ENV = "DLNOTES_LINKCHECK"


@event_priority(-50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # After the dlnotes plugin parsed the notes (its on_files runs at 50), before it renders the
    # generated pages (on_nav), which show these results.
    plugin: Any = config.plugins.get("dlnotes")
    if plugin is None or not plugin.config.enabled:
        return files
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        check_config = load_config(root, mkdocs_file=config.config_file_path)
    except ConfigError as exc:
        raise PluginError(f"link check: {exc}") from None
    online = _online(plugin.config.linkcheck_online) and not plugin.is_serve
    notes_root = Path(config.docs_dir)
    if online:
        # Not with the collector paused: a network run leaves garbage cycles as it goes.
        plugin.memo.pop("linkcheck", None)
        run, key = run_check(plugin.kb, check_config, offline=False, notes_root=notes_root), None
    # The verdicts, an object or more per URL, last until the build ends (see dlnotes._gc).
    with kept_for_the_build():
        if not online:
            run, key = _offline(plugin, check_config, notes_root)
        # An offline run answers "not in the cache" for URLs never checked: that is no verdict.
        known = {r.url: r for r in run.results if r.checked_at is not None}
        plugin.use_results(known, key=key)
    _report(run, dead_fails=plugin.config.fail_on_dead_links)
    return files


def _offline(
    plugin: Any, check_config: CheckConfig, notes_root: Path
) -> tuple[CheckRun, str | None]:
    """The cache's verdicts, and their key (see DlnotesPlugin.use_results)."""
    # A serve reload passes the last outcome back: with the same links and an untouched cache
    # it is used again, only the links between notes get a fresh look.
    last = plugin.memo.get("linkcheck")
    remembered = offline_check(plugin.kb, check_config, notes_root=notes_root, last=last)
    plugin.memo["linkcheck"] = remembered
    # Taken after the run: reading the cache may have folded its write-ahead log in.
    return remembered[0], verdicts_key(plugin.kb, check_config)


def _online(option: bool) -> bool:
    value = os.environ.get(ENV, "").strip().lower()
    if value in ("online", "offline"):
        return value == "online"
    if value:
        raise PluginError(f"{ENV} must be 'online' or 'offline', not {value!r}")
    return option


def _report(run: CheckRun, *, dead_fails: bool) -> None:
    for message in run.warnings:
        log.info(f"link check: {message}")
    for problem in run.problems:
        log.warning(f"{problem.file}:{problem.line}: {problem.message}")
    say_dead = log.warning if dead_fails else log.info
    for result in run.fatal:
        detail = f"HTTP {result.code}" if result.code else (result.error or result.status.value)
        for source in result.sources:
            say_dead(f"{source}: dead link {result.url} ({detail})")
    if not run.offline:
        log.info(f"link check: {run.requested} URLs checked, {len(run.results)} known")
