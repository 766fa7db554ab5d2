"""The pull-request job's command, run as a user would run it (README "Link checks in CI"):
`dlnotes check --changed-since origin/main --format github` in a clone whose branch adds links,
against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.github.gitrepo import GIT_ENV, GitRepo, note
from tests.github.localserver import WAYBACK, Server, serve

DLNOTES = Path(sys.executable).parent / "dlnotes"
SNAPSHOT = "http://web.archive.example/web/2020/"


@pytest.fixture
def server() -> Iterator[Server]:
    with serve({"/kept": 200, "/fine": 200}) as server:
        server.snapshots[server.url("/missing")] = SNAPSHOT + server.url("/missing")
        yield server


def clone_with_branch(tmp_path: Path, main_notes: dict[str, str]) -> GitRepo:
    """An upstream with `main`, and a clone on branch `change`: origin/main is the PR's base."""
    upstream = GitRepo(tmp_path / "upstream")
    for path, text in main_notes.items():
        upstream.write(path, text)
    upstream.commit("notes on main")
    subprocess.run(
        ["git", "clone", "--quiet", str(upstream.root), str(tmp_path / "work")],
        env=GIT_ENV,
        check=True,
    )
    work = GitRepo.existing(tmp_path / "work")
    work.git("checkout", "--quiet", "-b", "change")
    return work


def pr_check(repo: GitRepo, *extra: str) -> subprocess.CompletedProcess[str]:
    """The job's command; `extra` only for what a test's own setup needs."""
    return subprocess.run(
        [str(DLNOTES), "check", "--changed-since", "origin/main", "--format", "github", *extra],
        cwd=repo.root,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def configure(repo: GitRepo, server: Server) -> None:
    repo.write("mkdocs.yml", "site_name: KB\ndocs_dir: notes\n")
    repo.write(
        "pyproject.toml",
        "[tool.dlnotes.linkcheck]\n"
        "retries = 0\n"
        "timeout = 5\n"
        f'archive-endpoint = "{server.url(WAYBACK)}"\n',
    )


def test_only_links_the_change_added_can_fail_it(tmp_path: Path, server: Server) -> None:
    rot = server.url("/rotted-long-ago")
    kept = server.url("/kept")
    repo = clone_with_branch(
        tmp_path,
        {"notes/old.md": note("Old", f"[Rotted long ago]({rot})", "", f"[Kept]({kept})")},
    )
    configure(repo, server)
    missing, fine = server.url("/missing"), server.url("/fine")
    repo.write(
        "notes/old.md",
        note("Old", f"[Kept]({kept})", "", f"[Rotted long ago]({rot})", "", f"[Typo]({missing})"),
    )
    repo.write("notes/new.md", note("New", "Some text.", "", f"* [Fine]({fine}) a good read"))
    repo.commit("a pull request's change")

    done = pr_check(repo, "--allow-private")  # the test's server is on 127.0.0.1

    assert done.stdout == (
        f"::error file=notes/old.md,line=9,title=broken link::{missing}: broken (HTTP 404);"
        f" archived copy: {SNAPSHOT}{missing}\n"
    ), done.stderr
    assert done.returncode == 1
    # The old rot and the moved link were never asked about; the new ones were.
    asked = {request.split("?")[0] for request in server.requests}
    assert asked == {"HEAD /missing", "GET /missing", "HEAD /fine", f"GET {WAYBACK}"}


def test_the_ssrf_guard_skips_private_addresses_without_asking_them(
    tmp_path: Path, server: Server
) -> None:
    repo = clone_with_branch(tmp_path, {"notes/a.md": note("A", "Nothing yet.")})
    configure(repo, server)
    local = server.url("/fine").replace("127.0.0.1", "localhost")
    metadata = "http://169.254.169.254/latest/meta-data/"
    repo.write("notes/a.md", note("A", f"[Metadata]({metadata})", "", f"[Local]({local})"))
    repo.commit("links to internal addresses")

    done = pr_check(repo)

    port = server.base.rsplit(":", 1)[1]
    assert done.stdout == (
        "::notice file=notes/a.md,line=5,title=not checked::http://169.254.169.254/latest/meta-data:"
        " skipped (private address: 169.254.169.254 resolves to 169.254.169.254)\n"
        f"::notice file=notes/a.md,line=7,title=not checked::http://localhost:{port}/fine:"
        " skipped (private address: localhost resolves to 127.0.0.1)\n"
    ), done.stderr
    assert done.returncode == 0
    assert server.requests == []


def test_a_bad_ref_is_a_usage_error(tmp_path: Path, server: Server) -> None:
    repo = clone_with_branch(tmp_path, {"notes/a.md": note("A", "Nothing yet.")})
    configure(repo, server)

    done = subprocess.run(
        [str(DLNOTES), "check", "--changed-since", "origin/nope", "--format", "github"],
        cwd=repo.root,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 2
    assert "unknown git ref 'origin/nope'" in done.stderr
