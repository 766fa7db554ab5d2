"""The GitHub workflows: valid against GitHub's schema, clean under zizmor, and holding to the
security rules a knowledge base that takes pull requests needs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$")

BAD_WORKFLOW = """\
name: bad
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def run_tool(name: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / name), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as True.
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict)
    return on


def without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_four_workflows_are_there() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "links-weekly.yml", "links.yml", "pages.yml"]


def test_workflows_validate_against_githubs_schema() -> None:
    done = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_tool(
        "check-jsonschema", "--builtin-schema", "vendor.dependabot", ROOT / ".github/dependabot.yml"
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps: []\n", encoding="utf-8")  # no runs-on
    done = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken)
    assert done.returncode == 1


def test_zizmor_finds_nothing() -> None:
    done = run_tool(
        "zizmor",
        "--offline",
        "--no-progress",
        ROOT / ".github",
        ROOT / ".pre-commit-config.yaml",
        ROOT / ".pre-commit-hooks.yaml",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_zizmor_would_catch_the_classic_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / ".github/workflows/bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    done = run_tool("zizmor", "--offline", "--no-progress", "--format", "plain", tmp_path)
    assert done.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert audit in done.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_security_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert "pull_request_target" not in without_comments(text)
    assert "pull_request_target" not in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    for line in text.splitlines():
        if "uses:" in line:
            ref = line.split("uses:", 1)[1].strip()
            assert PINNED.match(ref), f"{path.name}: not pinned by full SHA: {ref}"
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_pull_request_jobs_hold_no_secret_and_keep_the_ssrf_guard() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        if "pull_request" in triggers(workflow):
            text = without_comments(path.read_text(encoding="utf-8"))
            assert "secrets." not in text
            assert "--allow-private" not in text
            for job in workflow["jobs"].values():
                assert "permissions" not in job  # the read-only top level applies


def test_the_pull_request_check_runs_the_documented_command() -> None:
    links = load(ROOT / ".github/workflows/links.yml")
    assert triggers(links) == {"pull_request": {"paths": ["notes/**"]}}
    commands = [step.get("run", "") for step in steps(links)]
    assert 'dlnotes check --changed-since "origin/${BASE_REF}" --format github' in commands
    cache = next(step for step in steps(links) if step.get("uses", "").startswith("actions/cache@"))
    # A PR restores main's cache through the bare prefix the weekly job saves under.
    assert cache["with"]["path"] == ".dlnotes/linkcheck.sqlite"
    assert "linkcheck-" in cache["with"]["restore-keys"].split()


def test_write_permissions_only_where_needed() -> None:
    weekly = load(ROOT / ".github/workflows/links-weekly.yml")
    assert set(triggers(weekly)) == {"schedule", "workflow_dispatch"}
    assert weekly["jobs"]["issue"]["permissions"] == {"issues": "write"}
    assert weekly["jobs"]["check"]["permissions"] == {"contents": "read", "actions": "read"}
    pages = load(ROOT / ".github/workflows/pages.yml")
    assert triggers(pages) == {"push": {"branches": ["main"]}}
    # The build reads the weekly check's link cache, an artifact of another workflow.
    assert pages["jobs"]["build"]["permissions"] == {"contents": "read", "actions": "read"}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for path in WORKFLOWS:
        if path.name not in ("links-weekly.yml", "pages.yml"):
            assert all("permissions" not in job for job in load(path)["jobs"].values())


def test_every_site_build_silences_the_mkdocs_2_banner() -> None:
    # `make` exports it for ci.yml; a workflow that calls mkdocs itself sets it on the step.
    builds = [
        step for path in WORKFLOWS for step in steps(load(path)) if "mkdocs " in step.get("run", "")
    ]
    assert builds
    for step in builds:
        assert step.get("env", {}).get("NO_MKDOCS_2_WARNING") == "1", step


def test_pre_commit_hooks_run_lint_and_the_offline_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["id"]: hook["entry"] for hook in hooks} == {
        "dlnotes-lint": "dlnotes lint",
        "dlnotes-check-offline": "dlnotes check --offline",
    }
    config = load(ROOT / ".pre-commit-config.yaml")
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"dlnotes-lint", "dlnotes-check-offline", "ruff", "ruff-format"} <= used
