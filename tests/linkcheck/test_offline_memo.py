"""An offline check remembered beside the cache: read back only while the cache, the links with
their places and the configuration are unchanged; links between notes are always checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from dlnotes.linkcheck.cache import LinkCache
from dlnotes.linkcheck.config import CheckConfig
from dlnotes.linkcheck.offline import OFFLINE_MEMO_NAME, offline_check, verdicts_key
from dlnotes.linkcheck.policy import Policy
from dlnotes.linkcheck.result import CheckResult, Health, Verdict
from dlnotes.model import KnowledgeBase, Location
from tests.linkcheck._helpers import kb_of, note

A, B = "https://a.example/page", "https://b.example/gone"
NOW = dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC)


@pytest.fixture
def config(tmp_path: Path) -> CheckConfig:
    config = CheckConfig(cache_path=tmp_path / ".dlnotes" / "linkcheck.sqlite", archive=False)
    assert config.cache_path is not None
    with LinkCache.open(config.cache_path) as cache:
        cache.record_many([CheckResult(A, Verdict.OK, code=200)], NOW)
        for days in (8, 4, 0):  # three failures over eight days: dead by the default policy
            cache.record_many([CheckResult(B, Verdict.BROKEN, code=404)], NOW - dt.timedelta(days))
    return config


def statuses(kb: KnowledgeBase, config: CheckConfig) -> dict[str, tuple[Verdict, Health]]:
    run, _ = offline_check(kb, config)
    return {r.url: (r.status, r.health) for r in run.results}


def test_an_unchanged_check_is_read_back(config: CheckConfig) -> None:
    kb = kb_of(note("one.md", [A, B]))
    first, key = offline_check(kb, config)
    assert config.cache_path is not None
    assert (config.cache_path.parent / OFFLINE_MEMO_NAME).is_file()
    assert not [p for p in config.cache_path.parent.iterdir() if p.suffix == ".tmp"]
    again, key_again = offline_check(kb, config)
    assert key_again == key
    # The remembered run, not a new one: it started when the first did.
    assert again.started_at == first.started_at
    assert [(r.url, r.status, r.health, r.sources) for r in again.results] == [
        (A, Verdict.OK, Health.HEALTHY, [Location("notes/one.md", 10)]),
        (B, Verdict.BROKEN, Health.DEAD, [Location("notes/one.md", 11)]),
    ]
    assert [r.url for r in again.fatal] == [B]


def test_a_server_passes_its_last_outcome_back(config: CheckConfig) -> None:
    kb = kb_of(note("one.md", [A, B]))
    first = offline_check(kb, config)
    assert config.cache_path is not None
    (config.cache_path.parent / OFFLINE_MEMO_NAME).unlink()  # only memory is left
    again, _ = offline_check(kb, config, last=first)
    assert again.started_at == first[0].started_at
    moved = kb_of(note("two.md", [A, B]))  # another key: the last outcome does not answer
    fresh, _ = offline_check(moved, config, last=first)
    assert fresh.started_at != first[0].started_at
    assert fresh.results[0].sources == [Location("notes/two.md", 10)]


def test_a_new_verdict_in_the_cache_is_seen(config: CheckConfig) -> None:
    kb = kb_of(note("one.md", [A, B]))
    assert statuses(kb, config)[B] == (Verdict.BROKEN, Health.DEAD)
    assert config.cache_path is not None
    with LinkCache.open(config.cache_path) as cache:
        cache.record_many([CheckResult(B, Verdict.OK, code=200)], NOW + dt.timedelta(hours=1))
    assert statuses(kb, config)[B] == (Verdict.OK, Health.HEALTHY)


def test_moved_links_and_new_links_are_seen(config: CheckConfig) -> None:
    statuses(kb_of(note("one.md", [A, B])), config)
    moved, _ = offline_check(kb_of(note("one.md", [B, A])), config)
    assert [(r.url, r.sources) for r in moved.results] == [
        (B, [Location("notes/one.md", 10)]),
        (A, [Location("notes/one.md", 11)]),
    ]
    renamed, _ = offline_check(kb_of(note("two.md", [B, A])), config)  # same URLs, in order
    assert [r.sources for r in renamed.results] == [
        [Location("notes/two.md", 10)],
        [Location("notes/two.md", 11)],
    ]
    grown = statuses(kb_of(note("one.md", [B, A, "https://c.example/"])), config)
    assert grown["https://c.example/"][0] is Verdict.SKIPPED  # never checked: not in the cache


def test_a_changed_policy_is_seen(config: CheckConfig) -> None:
    kb = kb_of(note("one.md", [A, B]))
    assert statuses(kb, config)[B][1] is Health.DEAD
    patient = dataclasses.replace(config, policy=Policy(dead_after=5))
    assert statuses(kb, patient)[B][1] is Health.FLAKY


def test_links_between_notes_are_checked_every_time(config: CheckConfig, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "paper.pdf").write_bytes(b"%PDF")
    kb = kb_of(note("one.md", [A, "paper.pdf"]))
    first, _ = offline_check(kb, config, notes_root=notes)
    assert first.problems == []
    (notes / "paper.pdf").unlink()  # the links, the cache and the config are all unchanged
    again, _ = offline_check(kb, config, notes_root=notes)
    assert again.started_at == first.started_at
    assert [(p.file, p.line) for p in again.problems] == [("notes/one.md", 11)]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_memo_is_worked_out_again(config: CheckConfig, damage: bytes) -> None:
    kb = kb_of(note("one.md", [A, B]))
    first, _ = offline_check(kb, config)
    assert config.cache_path is not None
    (config.cache_path.parent / OFFLINE_MEMO_NAME).write_bytes(damage)
    again, _ = offline_check(kb, config)
    assert again.started_at != first.started_at
    assert statuses(kb, config)[B] == (Verdict.BROKEN, Health.DEAD)


def test_without_a_cache_file_nothing_is_remembered(tmp_path: Path) -> None:
    config = CheckConfig(cache_path=None, archive=False)
    run, key = offline_check(kb_of(note("one.md", [A])), config)
    assert key is None
    assert [r.status for r in run.results] == [Verdict.SKIPPED]
    assert list(tmp_path.iterdir()) == []


def test_the_verdicts_key_ignores_where_links_sit_but_not_what_they_are(
    config: CheckConfig,
) -> None:
    kb = kb_of(note("one.md", [A, B]))
    key = verdicts_key(kb, config)
    assert key is not None
    assert verdicts_key(kb_of(note("two.md", [B, A, A])), config) == key  # moved, repeated
    assert verdicts_key(kb_of(note("one.md", [A])), config) != key  # a URL fewer
    assert verdicts_key(kb, dataclasses.replace(config, policy=Policy(dead_after=9))) != key
    assert config.cache_path is not None
    with LinkCache.open(config.cache_path) as cache:  # a new verdict in the cache
        cache.record_many([CheckResult(A, Verdict.BROKEN, code=500)], NOW)
    assert verdicts_key(kb, config) != key
    assert verdicts_key(kb, dataclasses.replace(config, cache_path=None)) is None


def test_a_check_read_back_never_loads_httpx(config: CheckConfig) -> None:
    # What every warm site build does: the plugin, then an offline check that is read back.
    offline_check(kb_of(note("one.md", [A, B])), config)
    code = f"""
import sys
from pathlib import Path
import dlnotes.mkdocs_plugin.plugin
from dlnotes.linkcheck.config import CheckConfig
from dlnotes.linkcheck.offline import offline_check
from tests.linkcheck._helpers import kb_of, note
config = CheckConfig(cache_path=Path({str(config.cache_path)!r}), archive=False)
run, _ = offline_check(kb_of(note("one.md", [{A!r}, {B!r}])), config)
print(len(run.results), "httpx" in sys.modules)
"""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["2", "False"]
