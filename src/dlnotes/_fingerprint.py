"""A digest of source files: pickled results written by one version of the code are never read
by another (the pickles hold dlnotes' own classes)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def source_fingerprint(*paths: Path) -> str:
    """Changes whenever one of `paths` (files, or folders of `*.py`) changes."""
    digest = hashlib.sha256()
    for path in paths:
        for file in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.hexdigest()
