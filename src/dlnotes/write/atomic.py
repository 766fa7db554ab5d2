"""Write a file so that a crash leaves either the old or the new bytes, never a mix, and never
over a file someone changed since we read it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dlnotes.problems import DlnotesError, Problem

# A test hook: when set to a stage name ("mid-write" or "before-rename"), the writer announces
# the stage on stderr and sleeps, so that a test can kill it at exactly that point.
PAUSE_ENV = "DLNOTES_WRITE_PAUSE_AT"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Snapshot:
    """What a file looked like when it was read: enough to tell whether it changed since."""

    path: Path
    exists: bool
    size: int = 0
    mtime_ns: int = 0
    sha256: str = ""

    @classmethod
    def of_bytes(cls, path: Path, data: bytes, stat: os.stat_result) -> Snapshot:
        return cls(path, True, stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


class ChangedOnDiskError(DlnotesError):
    """The file changed on disk between our read and our write; we refuse to overwrite it."""

    def __init__(self, path: Path, display: str | None = None) -> None:
        shown = display or str(path)
        super().__init__(
            [Problem(shown, 0, "changed on disk since it was read; not overwritten (run again)")]
        )
        self.path = path


def read_bytes(path: Path) -> tuple[bytes, Snapshot]:
    """Read a file and remember its state; a missing file reads as empty with `exists=False`."""
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            data = handle.read()
    except FileNotFoundError:
        return b"", Snapshot(path, False)
    return data, Snapshot.of_bytes(path, data, stat)


def read_text(path: Path) -> tuple[str, Snapshot]:
    """Read a UTF-8 file as text without touching its line endings."""
    data, snapshot = read_bytes(path)
    return data.decode("utf-8"), snapshot


def unchanged(snapshot: Snapshot) -> bool:
    """True when the file on disk is still what `snapshot` saw (same bytes, or still absent)."""
    try:
        stat = snapshot.path.stat()
    except FileNotFoundError:
        return not snapshot.exists
    if not snapshot.exists:
        return False
    if stat.st_size == snapshot.size and stat.st_mtime_ns == snapshot.mtime_ns:
        return True
    # Size or mtime moved: only the hash can tell a touch from an edit.
    if stat.st_size != snapshot.size:
        return False
    return hashlib.sha256(snapshot.path.read_bytes()).hexdigest() == snapshot.sha256


def _pause(stage: str) -> None:
    if os.environ.get(PAUSE_ENV) == stage:
        print(f"dlnotes-write-paused:{stage}", file=sys.stderr, flush=True)
        time.sleep(60)


def write_atomic(
    path: Path,
    data: bytes | str,
    expected: Snapshot | None = None,
    *,
    display: str | None = None,
    sync_folder: bool = True,
) -> None:
    """Replace `path` with `data` atomically: a temporary file in the same folder, flushed and
    fsynced, renamed over the original. With `expected`, refuse when the file changed since.

    A caller writing many files in one folder may pass `sync_folder=False` and call
    `sync_folder_of(path)` once at the end."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    if expected is not None and not unchanged(expected):
        raise ChangedOnDiskError(path, display)
    mode = _mode_of(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".dlnotes-tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            half = len(payload) // 2
            _write_chunks(handle.fileno(), payload[:half])
            _pause("mid-write")
            _write_chunks(handle.fileno(), payload[half:])
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        # Checked again at the last moment, so the window for a lost edit is as small as can be.
        if expected is not None and not unchanged(expected):
            raise ChangedOnDiskError(path, display)
        _pause("before-rename")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    if sync_folder:
        sync_folder_of(path)


def _write_chunks(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        # mkstemp makes 0600 files; a new note should get what any editor would give it.
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def sync_folder_of(path: Path) -> None:
    """Make a rename in `path`'s folder durable (not every OS allows fsync on a folder)."""
    folder = path.parent
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
