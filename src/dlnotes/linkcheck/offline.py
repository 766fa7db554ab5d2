"""An offline check remembered on disk, for builds that ask for the same answer every time.

An offline run reads the link cache and nothing else, so its outcome depends only on the cache
file, the links with their places, and the configuration. A site build makes one on every
build; at 50,000 URLs reading the outcome back costs a quarter of working it out again. Links
between notes are always checked afresh: they depend on the notes' files, not on the cache.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import dlnotes.linkcheck
import dlnotes.model
import dlnotes.problems
from dlnotes._pickled import digest, read_stamped, source_fingerprint, write_stamped
from dlnotes.linkcheck.config import CheckConfig
from dlnotes.linkcheck.internal import check_internal
from dlnotes.linkcheck.run import CheckRun, run_check
from dlnotes.model import KnowledgeBase

OFFLINE_MEMO_NAME = "offline-check.pickle"  # beside the link cache, gitignored with it


@functools.cache
def _fingerprint() -> str:
    return source_fingerprint(
        Path(dlnotes.linkcheck.__path__[0]),
        Path(str(dlnotes.model.__file__)),
        Path(str(dlnotes.problems.__file__)),
    )


def offline_key(kb: KnowledgeBase, config: CheckConfig) -> str | None:
    """What an offline run's outcome depends on, as a digest; None without a cache file."""
    places = "\n".join(f"{item.url}\t{item.location}" for item in kb.links_and_images)
    return _key(config, places)


def verdicts_key(kb: KnowledgeBase, config: CheckConfig) -> str | None:
    """What the verdicts of an offline run depend on: the cache, the configuration and which
    URLs are asked about, but not where their links sit. A site remembers what it made from the
    verdicts under it, so an edit that moves links down a line keeps all of that."""
    return _key(config, "\n".join(sorted({item.url for item in kb.links_and_images})))


def _key(config: CheckConfig, links: str) -> str | None:
    if config.cache_path is None:
        return None
    stats = []
    for path in (config.cache_path, config.cache_path.with_name(config.cache_path.name + "-wal")):
        try:
            stat = path.stat()
        except OSError:
            stats.append("-")
            continue
        stats.append(f"{stat.st_mtime_ns}:{stat.st_size}")
    return digest(repr(config), *stats, links)


Remembered = tuple[CheckRun, str | None]
"""An outcome and the key it is remembered under, as `offline_check` returns them."""


def offline_check(
    kb: KnowledgeBase,
    config: CheckConfig,
    *,
    notes_root: Path | None = None,
    last: Remembered | None = None,
) -> Remembered:
    """`run_check(offline=True)`, read back when nothing it depends on changed: from `last` (a
    server keeps its previous outcome in memory), else from beside the cache. Returns the run
    and its key: what to pass as `last` next time."""
    key = offline_key(kb, config)
    memo = None if config.cache_path is None else config.cache_path.with_name(OFFLINE_MEMO_NAME)
    remembered = last[0] if last is not None and key is not None and last[1] == key else None
    if remembered is None:
        remembered = _load(memo, key)
    if remembered is not None:
        problems = check_internal(kb, notes_root)
        return dataclasses.replace(remembered, problems=problems, warnings=[]), key
    run = run_check(kb, config, offline=True, notes_root=notes_root)
    # The key as the run left the cache: reading it may have folded its write-ahead log in.
    key = offline_key(kb, config)
    if memo is not None and key is not None:
        write_stamped(memo, _fingerprint(), (key, run))  # it only saves time: failing is no error
    return run, key


def _load(memo: Path | None, key: str | None) -> CheckRun | None:
    stored = read_stamped(memo, _fingerprint()) if key is not None else None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        run = stored[1]
        return run if isinstance(run, CheckRun) else None
    return None
