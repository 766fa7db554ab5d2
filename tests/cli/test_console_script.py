"""The `dlnotes` console script: it ends without the interpreter's teardown, so what a run
writes must all be out before then, and its exit code must be the command's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from dlnotes.cli import main
from tests.conftest import NOTES, REPO
from tests.linkcheck._helpers import closed_port_url

SCRIPT = "import sys; sys.argv[0] = 'dlnotes'; from dlnotes.cli import run; run()"


def dlnotes(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=cwd, capture_output=True, timeout=60
    )


def test_the_console_script_is_run() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["dlnotes"] == "dlnotes.cli:run"


def many_links(folder: Path) -> Path:
    """Notes whose export is larger than a pipe's buffer: still being written as a run ends."""
    folder.mkdir()
    lines = [f"- [link {i}](https://site{i % 50}.test/page/{i})" for i in range(3000)]
    text = "---\ntitle: Many\n---\n\n" + "\n".join(lines) + "\n"
    (folder / "many.md").write_text(text, encoding="utf-8")
    return folder


def test_what_goes_to_stdout_is_all_there(tmp_path: Path) -> None:
    notes = many_links(tmp_path / "notes")
    done = dlnotes("export", str(notes), "--format", "json")
    assert done.returncode == 0, done.stderr
    in_process = CliRunner().invoke(main, ["export", str(notes), "--format", "json"])
    assert len(done.stdout) > 1 << 20
    assert done.stdout == in_process.stdout_bytes
    assert json.loads(done.stdout)["version"] == 1


def test_a_written_file_is_whole(tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    done = dlnotes("export", str(NOTES), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_bytes())["version"] == 1


def test_a_failing_command_keeps_its_exit_code_and_its_message(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("---\ntitle: T\ntags: [a, b\n---\nbody\n", encoding="utf-8")
    done = dlnotes("lint", str(tmp_path))
    assert done.returncode == 1
    assert b"bad.md:4: error: invalid YAML" in done.stdout
    assert b"1 error(s)" in done.stderr and b"Traceback" not in done.stderr


def test_a_usage_error_exits_2() -> None:
    done = dlnotes("check", "--format", "yaml")
    assert done.returncode == 2
    assert b"Invalid value for '-f' / '--format'" in done.stderr


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # `dlnotes export | head -c 10`: the reader goes before the writer is done.
    reader = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "export", str(many_links(tmp_path / "notes"))],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(10) == b'{\n  "$sche'
    reader.stdout.close()
    errors = reader.stderr.read()
    reader.stderr.close()
    assert reader.wait(60) in (0, 1)  # click ends a broken pipe quietly
    assert b"Traceback" not in errors and b"Exception ignored" not in errors


def test_the_package_metadata_builds_without_deprecations() -> None:
    # setuptools stops building a license given as a table on 2027-02-18: an SPDX string.
    assert metadata.metadata("dlnotes")["License-Expression"] == "MIT"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"


def checked_with_imports(tmp_path: Path, link: str, *flags: str) -> tuple[Any, set[str]]:
    """`dlnotes check --format json` of a note holding `link`: its report and every module
    the run imported (Python's own import timing names each)."""
    notes = tmp_path / "notes"
    notes.mkdir(exist_ok=True)  # a rerun keeps the first run's notes
    (notes / "a.md").write_text(f"---\ntitle: A\n---\n\n- [a]({link})\n", encoding="utf-8")
    args = ["check", str(notes), "--cache", str(tmp_path / "cache.sqlite"), "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args, *flags],
        cwd=REPO,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"},
    )
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.decode().splitlines()
        if line.startswith("import time:")
    }
    return json.loads(done.stdout), imported


def test_a_check_online_leaves_httpx_s_own_command_line_unloaded(tmp_path: Path) -> None:
    link = closed_port_url("127.0.0.1", "/gone")
    flags = ("--allow-private", "--no-archive", "--retries", "0")
    report, imported = checked_with_imports(tmp_path, link, *flags)
    assert report[0]["status"] == "error"  # it went online, through httpx
    assert "httpx._client" in imported
    # what httpx's CLI would have brought in: its console, its syntax highlighting
    assert not imported & {"rich.console", "rich.syntax", "pygments"}


def test_a_check_the_cache_answers_loads_neither_httpx_nor_asyncio(tmp_path: Path) -> None:
    # A cached rerun (here: --offline) reads the notes and the cache, and nothing else.
    report, imported = checked_with_imports(tmp_path, "https://a.test/x", "--offline")
    assert report[0]["url"] == "https://a.test/x"
    assert "dlnotes.linkcheck.run" in imported
    assert not imported & {"httpx", "asyncio"}


def test_a_rerun_of_remembered_notes_loads_only_what_a_check_needs(tmp_path: Path) -> None:
    _, first = checked_with_imports(tmp_path, "https://a.test/x", "--offline")
    assert {"dlnotes.parse.note", "markdown"} <= first  # the first run parses the note
    report, imported = checked_with_imports(tmp_path, "https://a.test/x", "--offline")
    assert report[0]["url"] == "https://a.test/x"
    # the parser and Python-Markdown (the note's parse is remembered), what writes notes,
    # git's runner for --changed-since, and logging (the site's, not the command line's)
    unused = {"dlnotes.parse.note", "markdown", "dlnotes.write", "dlnotes.linkcheck.changed"}
    assert not imported & (unused | {"logging", "tempfile"})
