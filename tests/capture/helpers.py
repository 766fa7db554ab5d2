"""Shared by the capture tests: the seed, the lead's notes, and ways to compare folders."""

from __future__ import annotations

import difflib
import hashlib
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from dlnotes.cli import main
from tests.conftest import NOTES, SEED

__all__ = ["NOTES", "SEED", "copy_notes", "folder_bytes", "inserted_lines", "run", "squash"]


def inserted_lines(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails when any old line was changed or removed."""
    # A last line without its ending may gain one so that a line can follow it: allowed.
    ending = "\r\n" if "\r\n" in new else "\n"
    if old and not old.endswith(("\n", "\r")):
        old += ending
    if new and not new.endswith(("\n", "\r")):
        new += ending
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {a[i1:i2]!r} -> {b[j1:j2]!r}"
        if tag == "insert":
            added += [line.rstrip("\r\n") for line in b[j1:j2]]
    return added


def squash(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def folder_bytes(folder: Path) -> dict[str, str]:
    """Every file below `folder` by relative path, as a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_notes(target: Path) -> Path:
    shutil.copytree(NOTES, target)
    return target


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)
