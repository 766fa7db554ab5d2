"""What a change would do to a file, as a unified diff (the `--dry-run` output)."""

from __future__ import annotations

import difflib


def unified_diff(display: str, old: str, new: str, *, existed: bool = True) -> str:
    if old == new:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{display}" if existed else "/dev/null",
        tofile=f"b/{display}",
    )
    # difflib leaves a last line without its newline glued to the next header.
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
