"""The weekly job's issue step, run by bash as the runner would, with a stand-in `gh` on PATH
that records its arguments: the decisions (open, update, close, leave alone) are ours to test;
GitHub's side of `gh` is not."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
RUN_URL = "https://github.example/o/r/actions/runs/42"

# Answers `gh issue list` from $OPEN_ISSUE and logs every call, one per line.
FAKE_GH = """#!/bin/sh
echo "gh $*" >> "$GH_LOG"
case "$1 $2" in
  "issue list") printf '%s' "$OPEN_ISSUE" ;;
esac
"""


def issue_script() -> str:
    weekly = yaml.safe_load((ROOT / ".github/workflows/links-weekly.yml").read_text("utf-8"))
    (step,) = [s for s in weekly["jobs"]["issue"]["steps"] if "run" in s]
    script = step["run"]
    assert isinstance(script, str)
    return script


def run_step(tmp_path: Path, *, status: str, open_issue: str, report: str) -> list[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(0o755)
    (tmp_path / "link-report.md").write_text(report, encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(log),
        "OPEN_ISSUE": open_issue,
        "STATUS": status,
        "RUN_URL": RUN_URL,
        "GITHUB_REPOSITORY": "o/r",
    }
    # The runner's shell for `run:` on Linux.
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", issue_script()],
        cwd=tmp_path,
        env=env,
        check=True,
        timeout=30,
    )
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


LIST = "gh issue list --repo o/r --label link-rot --state open --limit 1 --json number --jq "
LIST += ".[0].number // empty"


def test_rot_with_no_open_issue_opens_one(tmp_path: Path) -> None:
    calls = run_step(tmp_path, status="1", open_issue="", report="## Link check\n")
    assert calls == [
        LIST,
        "gh label create link-rot --repo o/r --color B60205 --description Links that died"
        " (weekly link check) --force",
        "gh issue create --repo o/r --title Link rot --label link-rot --body-file body.md",
    ]
    body = (tmp_path / "body.md").read_text(encoding="utf-8")
    assert body == f"## Link check\n\n\n[Full report]({RUN_URL})\n"


def test_rot_with_an_open_issue_updates_it(tmp_path: Path) -> None:
    calls = run_step(tmp_path, status="1", open_issue="7", report="x")
    assert calls == [LIST, "gh issue edit 7 --repo o/r --body-file body.md"]


def test_healthy_again_closes_the_open_issue(tmp_path: Path) -> None:
    calls = run_step(tmp_path, status="0", open_issue="7", report="ok")
    assert calls == [
        LIST,
        f"gh issue close 7 --repo o/r --comment Every link passes the policy again: {RUN_URL}",
    ]


def test_healthy_with_no_issue_does_nothing(tmp_path: Path) -> None:
    assert run_step(tmp_path, status="0", open_issue="", report="ok") == [LIST]


def test_a_huge_report_is_cut_to_fit_an_issue_body(tmp_path: Path) -> None:
    run_step(tmp_path, status="1", open_issue="", report="y" * 100_000)
    body = (tmp_path / "body.md").read_text(encoding="utf-8")
    assert len(body) < 65_536
    assert body.endswith(f"[Full report]({RUN_URL})\n")
