"""The weekly job's `gh` steps, run by bash as the runner would, with a stand-in `gh` on PATH
that records its arguments: the decisions (which run's history to restore; open, update, close
or leave the issue) are ours to test; GitHub's side of `gh` is not."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RUN_URL = "https://github.example/o/r/actions/runs/42"

# Logs every call, one per line. `issue list` answers $OPEN_ISSUE, `run list` $RUNS; `run
# download` of a run in $WITH_HISTORY writes a history (a cache and a pickle) into its --dir,
# any other run fails like gh does.
FAKE_GH = """#!/bin/sh
echo "gh $*" >> "$GH_LOG"
case "$1 $2" in
  "issue list") printf '%s' "$OPEN_ISSUE" ;;
  "run list") if [ -n "${LIST_FAILS:-}" ]; then exit 1; fi; printf '%s' "$RUNS" ;;
  "run download")
    case " $WITH_HISTORY " in
      *" $3 "*) mkdir -p "$9" && echo "history of run $3" > "$9/linkcheck.sqlite" \
          && echo "parses of run $3" > "$9/notes.pickle" ;;
      *) echo "no valid artifacts found to download" >&2; exit 1 ;;
    esac ;;
esac
"""


def script_of(job: str, step_name: str, workflow: str = "links-weekly.yml") -> str:
    loaded = yaml.safe_load((ROOT / ".github/workflows" / workflow).read_text("utf-8"))
    (script,) = [s["run"] for s in loaded["jobs"][job]["steps"] if s.get("name") == step_name]
    assert isinstance(script, str)
    # Scripts the steps call live in the repository; here they run from a scratch folder.
    return script.replace("bash .github/scripts/", f"bash {ROOT}/.github/scripts/")


def run_script(tmp_path: Path, script: str, **env: str) -> list[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(0o755)
    log = tmp_path / "gh.log"
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GH_LOG": str(log),
        "GITHUB_REPOSITORY": "o/r",
        **env,
    }
    # The runner's shell for `run:` on Linux.
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=env,
        check=True,
        timeout=30,
    )
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


RESTORE = "Restore the history from the last run that left one"
LIST_RUNS = (
    "gh run list --repo o/r --workflow links-weekly.yml --branch main --limit 20 --json"
    ' databaseId,status --jq .[] | select(.status == "completed") | .databaseId'
)


def download(run_id: str, into: str = ".dlnotes") -> str:
    return f"gh run download {run_id} --repo o/r --name linkcheck-history --dir {into}"


def test_history_comes_from_the_newest_run_that_left_one(tmp_path: Path) -> None:
    calls = run_script(
        tmp_path,
        script_of("check", RESTORE),
        BRANCH="main",
        RUNS="103\n102\n101\n",
        WITH_HISTORY="102 101",
    )
    assert calls == [LIST_RUNS, download("103"), download("102")]
    history = tmp_path / ".dlnotes/linkcheck.sqlite"
    assert history.read_text(encoding="utf-8") == "history of run 102\n"


def test_no_earlier_history_starts_afresh(tmp_path: Path) -> None:
    calls = run_script(
        tmp_path, script_of("check", RESTORE), BRANCH="main", RUNS="", WITH_HISTORY=""
    )
    assert calls == [LIST_RUNS]
    assert not (tmp_path / ".dlnotes").exists()


PUBLISH_RESTORE = "Restore the link cache from the weekly check"


def test_the_published_site_gets_the_weekly_cache_and_no_pickle(tmp_path: Path) -> None:
    script = script_of("build", PUBLISH_RESTORE, "pages.yml")
    scratch = tmp_path / "runner-temp"
    calls = run_script(
        tmp_path, script, BRANCH="main", RUNS="7\n6\n", WITH_HISTORY="6", RUNNER_TEMP=str(scratch)
    )
    into = f"{scratch}/history"
    assert calls == [LIST_RUNS, download("7", into), download("6", into)]
    assert sorted(p.name for p in (tmp_path / ".dlnotes").iterdir()) == ["linkcheck.sqlite"]
    history = (tmp_path / ".dlnotes/linkcheck.sqlite").read_text(encoding="utf-8")
    assert history == "history of run 6\n"


@pytest.mark.parametrize("trouble", [{}, {"LIST_FAILS": "1"}], ids=["no history", "gh fails"])
def test_the_published_site_builds_without_a_history(
    tmp_path: Path, trouble: dict[str, str]
) -> None:
    script = script_of("build", PUBLISH_RESTORE, "pages.yml")
    scratch = tmp_path / "runner-temp"
    env = {"BRANCH": "main", "RUNS": "", "WITH_HISTORY": "", "RUNNER_TEMP": str(scratch)}
    run_script(tmp_path, script, **env, **trouble)  # and the step succeeds
    assert list((tmp_path / ".dlnotes").iterdir()) == []


def run_step(tmp_path: Path, *, status: str, open_issue: str, report: str) -> list[str]:
    (tmp_path / "link-report.md").write_text(report, encoding="utf-8")
    script = script_of("issue", "Open, update or close the link-rot issue")
    return run_script(tmp_path, script, STATUS=status, OPEN_ISSUE=open_issue, RUN_URL=RUN_URL)


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
