"""The writer never leaves a mix of old and new bytes, and never overwrites someone's edit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dlnotes.write import ChangedOnDiskError, read_text, write_atomic
from dlnotes.write.atomic import PAUSE_ENV

OLD = "---\ntitle: Old\n---\n\n" + "old line\n" * 20_000
NEW = "---\ntitle: New\n---\n\n" + "new line\n" * 20_000

WRITER = """
import sys
from pathlib import Path
from dlnotes.write import read_text, write_atomic
path = Path(sys.argv[1])
_, snapshot = read_text(path)
write_atomic(path, Path(sys.argv[2]).read_bytes(), snapshot)
"""


def new_file(tmp_path: Path) -> Path:
    source = tmp_path.parent / f"{tmp_path.name}-new.txt"
    source.write_text(NEW, encoding="utf-8")
    return source


def kill_at(tmp_path: Path, stage: str) -> Path:
    path = tmp_path / "note.md"
    path.write_text(OLD, encoding="utf-8")
    env = {**os.environ, PAUSE_ENV: stage}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(new_file(tmp_path))],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    assert child.stderr.readline().strip() == f"dlnotes-write-paused:{stage}"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stderr.close()
    return path


@pytest.mark.parametrize("stage", ["mid-write", "before-rename"])
def test_killed_writer_leaves_the_old_file_whole(tmp_path: Path, stage: str) -> None:
    path = kill_at(tmp_path, stage)
    assert path.read_text(encoding="utf-8") == OLD
    # The half-written temporary file is the only trace, and no note reader picks it up.
    leftovers = [p.name for p in tmp_path.iterdir() if p != path]
    assert all(name.startswith(".note.md.") and name.endswith(".dlnotes-tmp") for name in leftovers)


def test_writer_that_finishes_leaves_the_new_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(OLD, encoding="utf-8")
    source = new_file(tmp_path)
    subprocess.run([sys.executable, "-c", WRITER, str(path), str(source)], check=True, timeout=30)
    assert path.read_text(encoding="utf-8") == NEW
    assert list(tmp_path.iterdir()) == [path]


def test_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(OLD, encoding="utf-8")
    _, snapshot = read_text(path)
    path.write_text(OLD + "a hand edit\n", encoding="utf-8")
    with pytest.raises(ChangedOnDiskError, match="changed on disk since it was read"):
        write_atomic(path, NEW, snapshot)
    assert path.read_text(encoding="utf-8") == OLD + "a hand edit\n"
    assert list(tmp_path.iterdir()) == [path]


def test_same_size_edit_with_restored_mtime_is_caught_by_the_hash(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("abc\n", encoding="utf-8")
    _, snapshot = read_text(path)
    stat = path.stat()
    path.write_text("xyz\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    with pytest.raises(ChangedOnDiskError):
        write_atomic(path, "new\n", snapshot)


def test_a_touch_without_change_is_no_conflict(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("abc\n", encoding="utf-8")
    _, snapshot = read_text(path)
    os.utime(path, ns=(1, 1))
    write_atomic(path, "new\n", snapshot)
    assert path.read_text(encoding="utf-8") == "new\n"


def test_a_file_that_appeared_since_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    _, snapshot = read_text(path)
    path.write_text("someone else's\n", encoding="utf-8")
    with pytest.raises(ChangedOnDiskError):
        write_atomic(path, "mine\n", snapshot)
    assert path.read_text(encoding="utf-8") == "someone else's\n"


def test_permissions_and_bytes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(b"a\r\nb\r\n")
    path.chmod(0o640)
    data, snapshot = read_text(path)
    write_atomic(path, data + "c\r\n", snapshot)
    assert path.read_bytes() == b"a\r\nb\r\nc\r\n"
    assert path.stat().st_mode & 0o777 == 0o640
