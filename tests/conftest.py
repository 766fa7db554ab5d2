"""Shared fixtures: the repository's own notes and the seed export."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTES = REPO / "notes"
SEED = REPO / "tests" / "fixtures" / "seed-export.md"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO
