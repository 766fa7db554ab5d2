"""Whole `dlnotes check` processes against one cache: killed midway, or two at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from dlnotes.linkcheck.cache import LinkCache
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import status

ENTRY = "from dlnotes.cli import run; run()"  # the console script
N = 40


def setup_project(root: Path, urls: list[str]) -> None:
    (root / "notes").mkdir()
    links = "\n".join(f"- [l{i}]({url})" for i, url in enumerate(urls))
    (root / "notes" / "a.md").write_text(f"---\ntitle: A\n---\n# A\n\n{links}\n")
    (root / "mkdocs.yml").write_text("site_name: t\ndocs_dir: notes\n")
    (root / "pyproject.toml").write_text(
        "[tool.dlnotes.linkcheck]\nallow-private = true\narchive = false\ncache = 'c.sqlite'\n"
    )


def rows(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM links").fetchone()[0])
    except sqlite3.Error:
        return 0


def dlnotes(root: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", ENTRY, "check", *args],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_a_run_killed_midway_keeps_what_it_learned(tmp_path: Path, serve: Serve) -> None:
    site = serve({f"/{i}": status(200) for i in range(N)}, latency=0.15)
    setup_project(tmp_path, [site.url(f"/{i}") for i in range(N)])
    cache = tmp_path / "c.sqlite"
    proc = dlnotes(tmp_path, "--per-host", "2")
    deadline = time.monotonic() + 30
    while rows(cache) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert proc.stderr is not None
    proc.stderr.close()
    kept = rows(cache)
    assert 0 < kept < N  # killed in the middle, with part of the work on disk
    before = len(site.stats.requests)
    rerun = subprocess.run(
        [sys.executable, "-c", ENTRY, "check", "--per-host", "8"], cwd=tmp_path, capture_output=True
    )
    assert rerun.returncode == 0, rerun.stderr
    assert b"warning" not in rerun.stderr  # the cache opened cleanly
    asked = {path for _, path, _ in site.stats.requests[before:]}
    assert len(asked) == N - kept  # only what the killed run had not recorded
    with LinkCache.open(cache) as reopened:
        assert len(reopened) == N and reopened.warnings == []


def test_two_runs_at_once_share_the_cache_safely(tmp_path: Path, serve: Serve) -> None:
    site = serve({f"/{i}": status(200 if i % 3 else 404) for i in range(N)}, latency=0.02)
    setup_project(tmp_path, [site.url(f"/{i}") for i in range(N)])
    runs = [dlnotes(tmp_path) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        assert b"warning" not in err
    with LinkCache.open(tmp_path / "c.sqlite") as cache:
        assert len(cache) == N and cache.warnings == []
        entries = cache.get_many(site.url(f"/{i}") for i in range(N))
        # Each run saw each failure once: two failures in a row, none lost, none doubled.
        assert {e.consecutive_failures for u, e in entries.items() if u.endswith(("/0", "/3"))} == {
            2
        }
    with sqlite3.connect(tmp_path / "c.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_interrupted_run_keeps_what_it_learned(tmp_path: Path, serve: Serve) -> None:
    site = serve({f"/{i}": status(200) for i in range(N)}, latency=0.1)
    setup_project(tmp_path, [site.url(f"/{i}") for i in range(N)])
    proc = dlnotes(tmp_path, "--per-host", "2")
    deadline = time.monotonic() + 30
    while len(site.stats.requests) < 6 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)  # Ctrl-C, before the half-second flush is due
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    assert 0 < rows(tmp_path / "c.sqlite") < N
