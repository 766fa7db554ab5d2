"""A throwaway git repository of notes, built commit by commit in a test's tmp_path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# No user or system config: a developer's hooks, signing or default branch must not leak in.
GIT_ENV = {
    **os.environ,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


class GitRepo:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch=main")

    @classmethod
    def existing(cls, root: Path) -> GitRepo:
        repo = cls.__new__(cls)
        repo.root = root
        return repo

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=GIT_ENV,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def write(self, path: str, text: str) -> Path:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        return file

    def commit(self, message: str) -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--no-verify", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


def note(title: str, *lines: str) -> str:
    """A note's text: front-matter, then one body line per argument."""
    return "\n".join(["---", f"title: {title}", "---", "", *lines, ""])
