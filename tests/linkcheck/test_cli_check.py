"""`dlnotes check` end to end: real notes on disk, real servers, exit codes 0/1/2."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dlnotes.cli import main
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import FaultServer, status

PYPROJECT = """
[tool.dlnotes.linkcheck]
allow-private = true
archive = false
timeout = 2
retries = 0
cache = "cache.sqlite"
"""


def write_note(folder: Path, name: str, links: list[str], body: str = "") -> None:
    lines = [f"- [link {i}]({url})" for i, url in enumerate(links)]
    text = f"---\ntitle: {name}\n---\n# {name}\n\n## Setup\n\n" + "\n".join(lines) + "\n" + body
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "notes").mkdir()
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: notes\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def site(serve: Serve) -> FaultServer:
    return serve({"/ok": status(200), "/gone": status(404)})


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args])


def test_all_good_exits_0_and_a_rerun_sends_nothing(project: Path, site: FaultServer) -> None:
    write_note(project / "notes", "a.md", [site.url("/ok"), "#setup", "b.md#setup"])
    write_note(project / "notes", "b.md", [site.url("/ok")])
    first = check()
    assert first.exit_code == 0, first.output
    assert "1 URL: 1 ok" in first.stdout and "OK: nothing fails the policy" in first.stdout
    sent = len(site.stats.requests)
    second = check()
    assert second.exit_code == 0
    assert len(site.stats.requests) == sent
    assert "all from the cache" in second.stdout
    assert (project / "cache.sqlite").is_file()
    # The parses are remembered beside the link cache; an edited note is read afresh.
    assert (project / "notes.pickle").is_file()
    write_note(project / "notes", "b.md", [site.url("/gone")])
    third = check()
    assert "/gone" in third.stdout and "broken" in third.stdout


def test_a_dead_link_exits_1(project: Path, site: FaultServer) -> None:
    write_note(project / "notes", "a.md", [site.url("/ok"), site.url("/gone")])
    flaky = check()
    assert flaky.exit_code == 0, flaky.output  # failed once: flaky, reported, not fatal
    assert "flaky: failed 1 time in a row" in flaky.stdout
    dead = check("--dead-after", "1", "--dead-days", "0", "--max-age-failed", "0")
    assert dead.exit_code == 1, dead.output
    assert dead.stdout.startswith(f"FAIL BROKEN  {site.url('/gone')}")
    assert "at notes/a.md:9" in dead.stdout


def test_a_broken_link_between_notes_exits_1(project: Path) -> None:
    write_note(project / "notes", "a.md", ["b.md#nowhere", "missing.md"])
    write_note(project / "notes", "b.md", [])
    result = check("--offline")
    assert result.exit_code == 1
    assert "notes/a.md:8: error: no heading #nowhere in note 'b.md'" in result.stdout
    assert "notes/a.md:9: error: link to a missing note 'missing.md'" in result.stdout


def test_offline_sends_no_request(project: Path, site: FaultServer) -> None:
    write_note(project / "notes", "a.md", [site.url("/ok")])
    result = check("--offline", "--format", "json")
    assert result.exit_code == 0
    assert site.stats.requests == []
    [obj] = json.loads(result.stdout)
    assert obj["status"] == "skipped" and "offline" in obj["error"]


def test_json_to_a_file(project: Path, site: FaultServer) -> None:
    write_note(project / "notes", "a.md", [site.url("/ok"), site.url("/gone"), "mailto:a@b.org"])
    result = check("-f", "json", "-o", "out/report.json")
    assert result.exit_code == 0 and result.stdout == ""
    objects = json.loads((project / "out/report.json").read_text())
    assert [(o["url"], o["status"]) for o in objects] == [
        (site.url("/ok"), "ok"),
        (site.url("/gone"), "broken"),
        ("mailto:a@b.org", "ok"),
    ]


@pytest.mark.parametrize("fmt", ["markdown", "junit", "github", "text"])
def test_every_format_from_the_command_line(project: Path, site: FaultServer, fmt: str) -> None:
    write_note(project / "notes", "a.md", [site.url("/gone")])
    result = check("--format", fmt)
    assert result.exit_code == 0, result.output
    assert site.url("/gone") in result.stdout


def test_paths_pick_the_notes(project: Path, site: FaultServer) -> None:
    (project / "other").mkdir()
    write_note(project / "notes", "a.md", [site.url("/ok")])
    write_note(project / "other", "x.md", [site.url("/gone")])
    result = check("other", "-f", "json")
    assert [o["url"] for o in json.loads(result.stdout)] == [site.url("/gone")]
    both = check("notes", "other", "-f", "json")
    assert len(json.loads(both.stdout)) == 2


@pytest.mark.parametrize(
    ("args", "pyproject", "words"),
    [
        (["--format", "yaml"], None, "Invalid value for '-f' / '--format'"),
        (["--timeout", "soon"], None, "'soon' is not a valid float"),
        (["--max-age", "soon"], None, "--max-age: 'soon' is not a duration"),
        (["--include", "("], None, "not a valid regular expression"),
        (["--concurrency", "0"], None, "--concurrency: expected a positive"),
        (["nowhere"], None, "no such file or folder"),
        ([], "[tool.dlnotes.linkcheck]\nper-hots = 2\n", "unknown key 'per-hots'"),
        ([], "[tool.dlnotes.linkcheck]\ntimeout = 'x'\n", "timeout: 'x' is not a number"),
        (["--changed-since", "main"], None, "--changed-since"),
        (["--header", "Authorization: x"], None, "--header: Authorization would go to every"),
        ([], "[tool.dlnotes.linkcheck]\nheader = 'Cookie: a=1'\n", "header: Cookie would go"),
    ],
)
def test_usage_and_config_errors_exit_2(
    project: Path, args: list[str], pyproject: str | None, words: str
) -> None:
    if pyproject is not None:
        (project / "pyproject.toml").write_text(pyproject)
    write_note(project / "notes", "a.md", [])
    result = check(*args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_headers_from_the_config_and_the_command_line(
    project: Path, site: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DLNOTES_TEST_COOKIE", "CONSENT=YES+")
    with (project / "pyproject.toml").open("a") as config:
        config.write(f'header = ["{site.host}=Cookie: ${{DLNOTES_TEST_COOKIE}}"]\n')
    write_note(project / "notes", "a.md", [site.url("/ok")])
    assert check().exit_code == 0
    assert site.stats.headers["/ok"]["cookie"] == "CONSENT=YES+"
    # The command line's list replaces the config's, as for --include and --exclude.
    write_note(project / "notes", "a.md", [site.url("/gone")])
    result = check("--header", "Accept-Language: en")
    assert result.exit_code == 0 and "1 broken" in result.stdout, result.output  # flaky yet
    assert site.stats.headers["/gone"]["accept-language"] == "en"
    assert "cookie" not in site.stats.headers["/gone"]


def test_notes_with_errors_are_refused_like_every_command_does(project: Path) -> None:
    (project / "notes" / "bad.md").write_text("---\ntitle: [x\n---\n[a](https://a.test/)\n")
    result = check("--offline")
    assert result.exit_code == 1
    assert "notes/bad.md:3: error: invalid YAML" in result.stderr
    assert "dlnotes lint" in result.stderr


def test_an_unreadable_cache_is_a_warning_and_rebuilt(project: Path, site: FaultServer) -> None:
    (project / "cache.sqlite").write_bytes(b"\x00garbage" * 512)
    write_note(project / "notes", "a.md", [site.url("/ok")])
    result = check()
    assert result.exit_code == 0, result.output
    assert "warning: link cache" in result.stderr and "moved it to" in result.stderr
    assert list(project.glob("cache.sqlite.corrupt-*"))
    assert check().stderr == ""  # the rebuilt cache is fine


def git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t.test",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t.test",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_changed_since_checks_only_new_links_and_fails_on_a_new_broken_one(
    project: Path, serve: Serve
) -> None:
    site = serve({"/old-gone": status(404), "/new-gone": status(404), "/ok": status(200)})
    write_note(project / "notes", "a.md", [site.url("/old-gone")])
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "base")
    write_note(project / "notes", "a.md", [site.url("/old-gone"), site.url("/ok")])
    ok = check("--changed-since", "main", "-f", "json")
    assert ok.exit_code == 0, ok.output
    assert [o["url"] for o in json.loads(ok.stdout)] == [site.url("/ok")]
    write_note(project / "notes", "a.md", [site.url("/old-gone"), site.url("/new-gone")])
    bad = check("--changed-since", "main")
    assert bad.exit_code == 1, bad.output
    assert site.stats.count("/old-gone") == 0  # the old broken link is not the PR's business
    assert f"FAIL BROKEN  {site.url('/new-gone')}" in bad.stdout


def run_on_pty(command: list[str], cwd: Path) -> tuple[bytes, int]:
    """Run with stdout and stderr on a pseudo-terminal, as a person at a terminal would."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen(command, stdout=secondary, stderr=secondary, env=env, cwd=cwd)
    os.close(secondary)
    seen = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(10)
    os.close(primary)
    return seen, proc.returncode


def test_a_progress_bar_on_a_terminal_and_none_in_a_pipe(project: Path, serve: Serve) -> None:
    site = serve({f"/{i}": status(200) for i in range(20)}, latency=0.05)
    write_note(project / "notes", "a.md", [site.url(f"/{i}") for i in range(20)])
    entry = "from dlnotes.cli import run; run()"  # the console script
    command = [sys.executable, "-c", entry, "check", "--per-host", "2"]
    seen, code = run_on_pty(command, project)
    assert code == 0, seen.decode(errors="replace")
    assert b"checking" in seen and b"/20" in seen
    as_json, _ = run_on_pty([*command, "-f", "json", "--max-age", "0"], project)
    assert b"checking" not in as_json and as_json.lstrip().startswith(b"[")
    piped = subprocess.run([*command, "--cache", "fresh.sqlite"], capture_output=True, cwd=project)
    assert piped.returncode == 0
    assert b"checking" not in piped.stdout + piped.stderr
