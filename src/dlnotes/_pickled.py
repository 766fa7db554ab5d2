"""Files of remembered work (parses, an offline check): pickles stamped with the code that wrote
them, since they hold dlnotes' own classes. They only save time, so a missing, damaged or
foreign file reads as nothing, and a failed write is a message, never an error."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from pathlib import Path

from dlnotes._gc import paused_gc


def digest(*parts: str | bytes) -> str:
    """One digest of `parts`, told apart however their contents run together."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def source_fingerprint(*paths: Path) -> str:
    """Changes whenever one of `paths` (files, or folders of `*.py`) changes."""
    hasher = hashlib.sha256()
    for path in paths:
        for file in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            hasher.update(file.read_bytes())
    return hasher.hexdigest()


def read_stamped(path: Path | None, stamp: str) -> object | None:
    """What `write_stamped` stored under `stamp`; None for anything else."""
    if path is None:
        return None
    try:
        with path.open("rb") as handle, paused_gc():
            stored, payload = pickle.load(handle)
    except Exception:
        return None  # missing, unreadable, or not ours
    return payload if stored == stamp else None


def write_stamped(path: Path, stamp: str, payload: object) -> str | None:
    """Write aside and rename, so a reader sees the old file or the new one, never half of one;
    the name aside is unique, as two runs may save at once. A message when it fails."""
    import tempfile  # here: a run that only reads remembered work never writes any

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((stamp, payload), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as exc:
        return f"could not write {path}: {exc}"
    return None
