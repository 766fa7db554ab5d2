"""The set-up a new user runs: `make serve` / `make test` install once, then never again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO


def test_install_is_up_to_date_once_done() -> None:
    # `make -q` answers 0 only when the target needs no work: no venv rebuild, no pip run.
    done = subprocess.run(["make", "-q", "install"], cwd=REPO, check=False)
    assert done.returncode == 0


def test_a_changed_pyproject_means_a_reinstall(tmp_path: Path) -> None:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    plan = subprocess.run(
        ["make", "-n", "install"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "pip install" in plan.stdout
    stamp = subprocess.run(
        ["make", "-s", "-f", "Makefile", "--eval=print-stamp: ; @echo $(STAMP)", "print-stamp"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (tmp_path / stamp).touch()
    assert subprocess.run(["make", "-q", "install"], cwd=tmp_path, check=False).returncode == 0
    with (tmp_path / "pyproject.toml").open("a") as handle:
        handle.write("\n# changed\n")
    assert subprocess.run(["make", "-q", "install"], cwd=tmp_path, check=False).returncode != 0
