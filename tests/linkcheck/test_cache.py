"""The cache remembers verdicts and failure streaks, survives kills, concurrency and corruption."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import dlnotes.linkcheck.cache as cache_module
from dlnotes.linkcheck.cache import HISTORY_SIZE, LinkCache
from dlnotes.linkcheck.result import CheckResult, Hop, Verdict

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def result(url: str, status: Verdict, code: int | None = None, **kw: object) -> CheckResult:
    return CheckResult(url=url, status=status, code=code, **kw)  # type: ignore[arg-type]


def test_a_recorded_verdict_reads_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with LinkCache.open(path) as cache:
        cache.record(
            result(
                "https://a.test/x",
                Verdict.REDIRECTED,
                301,
                final_url="https://b.test/y",
                redirects=[Hop("https://a.test/x", 301), Hop("https://b.test/y", 200)],
            ),
            T0,
        )
    with LinkCache.open(path) as cache:
        entry = cache.get("https://a.test/x")
        assert cache.warnings == []
    assert entry is not None
    assert entry.status is Verdict.REDIRECTED
    assert entry.final_url == "https://b.test/y"
    assert entry.redirects == [Hop("https://a.test/x", 301), Hop("https://b.test/y", 200)]
    assert entry.first_seen == entry.last_checked == entry.last_ok == T0
    assert entry.consecutive_failures == 0


def test_the_agent_a_url_was_asked_with_is_kept_and_a_cache_from_before_reads_as_unknown(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.sqlite"
    with LinkCache.open(path) as cache:
        cache.record(result("https://a.test/", Verdict.BLOCKED, 999), T0)  # as before agents
    with LinkCache.open(path) as cache:
        assert cache.agents(["https://a.test/"]) == {}  # no table yet, and no error
        tables = {row[0] for row in cache._conn.execute("SELECT name FROM sqlite_master")}
        assert "asked" not in tables  # opening to read leaves the file as it was
        cache.record_many([result("https://a.test/", Verdict.BLOCKED, 999)], T0, agent="one/1")
        cache.record_many([result("https://b.test/", Verdict.OK, 200)], T0, agent="two/2")
        cache.record_many([result("https://b.test/", Verdict.OK, 200)], T0)  # agent unknown
    with LinkCache.open(path) as cache:
        wanted = ["https://a.test/", "https://b.test/", "https://c.test/"]
        assert cache.agents(wanted) == {"https://a.test/": "one/1", "https://b.test/": "two/2"}


def test_failures_make_a_streak_that_an_ok_ends_and_blocked_leaves_alone(tmp_path: Path) -> None:
    url = "https://a.test/"
    with LinkCache.open(tmp_path / "c.sqlite") as cache:
        cache.record(result(url, Verdict.OK, 200), T0)
        for day in (1, 2):
            entry = cache.record(result(url, Verdict.BROKEN, 404), T0 + dt.timedelta(days=day))
        assert entry.consecutive_failures == 2
        assert entry.first_failure == T0 + dt.timedelta(days=1)
        assert entry.last_ok == T0
        entry = cache.record(result(url, Verdict.BLOCKED, 999), T0 + dt.timedelta(days=3))
        assert (entry.consecutive_failures, entry.first_failure) == (2, T0 + dt.timedelta(days=1))
        entry = cache.record(result(url, Verdict.OK, 200), T0 + dt.timedelta(days=4))
        assert (entry.consecutive_failures, entry.first_failure) == (0, None)
        assert entry.first_seen == T0


def test_history_keeps_only_the_last_checks(tmp_path: Path) -> None:
    url = "https://a.test/"
    with LinkCache.open(tmp_path / "c.sqlite") as cache:
        for hour in range(HISTORY_SIZE + 5):
            cache.record(result(url, Verdict.TIMEOUT), T0 + dt.timedelta(hours=hour))
        history = cache.history(url)
    assert len(history) == HISTORY_SIZE
    assert history[-1].checked_at == T0 + dt.timedelta(hours=HISTORY_SIZE + 4)
    assert all(h.status is Verdict.TIMEOUT for h in history)


def test_skipped_results_are_not_remembered(tmp_path: Path) -> None:
    with LinkCache.open(tmp_path / "c.sqlite") as cache:
        cache.record_many([result("mailto:a@b.test", Verdict.SKIPPED)], T0)
        assert len(cache) == 0


def test_the_cache_file_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    LinkCache.open(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


_WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from dlnotes.linkcheck.cache import LinkCache
    from dlnotes.linkcheck.result import CheckResult, Verdict
    cache = LinkCache.open(sys.argv[1])
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    count = int(sys.argv[3])
    for i in range(count if count else 10**9):
        cache.record_many(
            [CheckResult(url=f"https://{sys.argv[2]}.test/{i}", status=Verdict.OK, code=200),
             CheckResult(url="https://shared.test/", status=Verdict.BROKEN, code=404)],
            now,
        )
        if i == 50:
            print("ready", flush=True)
    print("done", flush=True)
    """
)


def _writer(path: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), name, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_run_killed_midway_leaves_a_usable_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    writer = _writer(path, "killed", 0)  # writes until killed
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(10)
    writer.stdout.close()
    with LinkCache.open(path) as cache:
        assert cache.warnings == []
        kept = len(cache)
        assert kept > 50  # what was committed before the kill is all there
        shared = cache.get("https://shared.test/")
        assert shared is not None and shared.consecutive_failures == kept - 1
        cache.record(result("https://after.test/", Verdict.OK, 200), T0)
        assert len(cache) == kept + 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_runs_at_once_neither_corrupt_nor_lose_an_update(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    writers = [_writer(path, name, 150) for name in ("one", "two")]
    for writer in writers:
        out, _ = writer.communicate(timeout=60)
        assert writer.returncode == 0, out
    with LinkCache.open(path) as cache:
        assert len(cache) == 2 * 150 + 1
        shared = cache.get("https://shared.test/")
        # Each process failed the shared URL 150 times; none of the 300 increments is lost.
        assert shared is not None and shared.consecutive_failures == 300


def test_a_corrupt_cache_is_moved_aside_and_rebuilt_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database, just some bytes " * 100)
    with LinkCache.open(path) as cache:
        assert len(cache.warnings) == 1
        assert "unreadable" in cache.warnings[0] and str(path) in cache.warnings[0]
        cache.record(result("https://a.test/", Verdict.OK, 200), T0)
    aside = list(tmp_path.glob("c.sqlite.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    with LinkCache.open(path) as cache:
        assert cache.warnings == [] and len(cache) == 1


def test_a_truncated_cache_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with LinkCache.open(path) as cache:
        for i in range(200):
            cache.record(result(f"https://a.test/{i}", Verdict.OK, 200), T0)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    for sidecar in tmp_path.glob("c.sqlite-*"):
        sidecar.unlink()
    with LinkCache.open(path) as cache:
        assert cache.warnings and "moved it to" in cache.warnings[0]
        assert len(cache) == 0


def test_a_cache_from_a_future_version_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version=99")
    with LinkCache.open(path) as cache:
        assert cache.warnings and "schema version 99" in cache.warnings[0]
        assert cache.path == path


def test_a_cache_path_that_cannot_be_a_file_falls_back_to_memory(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.mkdir()
    with LinkCache.open(path) as cache:
        assert cache.path is None
        assert "in memory only" in cache.warnings[0]
        cache.record(result("https://a.test/", Verdict.OK, 200), T0)
        assert len(cache) == 1
    assert path.is_dir()  # a folder of the user's is never moved


def test_a_cache_another_run_holds_locked_is_never_moved_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Busy is not corrupt: moving aside a file that another run is writing would corrupt it.
    monkeypatch.setattr(cache_module, "_BUSY_TIMEOUT_S", 0.3)
    path = tmp_path / "c.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE mine (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with LinkCache.open(path) as cache:
            assert cache.path is None
            assert "in memory only" in cache.warnings[0]
        assert sorted(p.name for p in tmp_path.iterdir() if "corrupt" in p.name) == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with LinkCache.open(path) as cache:  # free again: opened where it is, nothing lost
        assert cache.path == path and cache.warnings == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM mine").fetchone() == (0,)


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("2026-01-02T03:04:05.123456+00:00", "2026-01-02T03:04:05.123456+00:00"),
        ("2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05+00:00"),
        # Read from other forms (an older cache, a hand edit), written back in the one form.
        ("2026-01-02T03:04:05.000000+00:00", "2026-01-02T03:04:05+00:00"),
        ("2026-01-02T03:04:05.123+00:00", "2026-01-02T03:04:05.123000+00:00"),
        ("2026-01-02 03:04:05.123456+00:00", "2026-01-02T03:04:05.123456+00:00"),
        ("2026-01-02T03:04:05Z", "2026-01-02T03:04:05+00:00"),
        ("2026-01-02T04:04:05.123456+01:00", "2026-01-02T03:04:05.123456+00:00"),
        ("2026-01-02T03:04:05.123456", "2026-01-02T03:04:05.123456+00:00"),
    ],
)
def test_a_moment_read_from_the_cache_is_written_back_in_utc_iso_form(
    stored: str, written: str
) -> None:
    # A stored moment keeps the text it was read from only when that text is the one form.
    moment = cache_module._when(stored)
    assert moment is not None
    assert cache_module.utc_iso(moment) == written == moment.astimezone(dt.UTC).isoformat()
