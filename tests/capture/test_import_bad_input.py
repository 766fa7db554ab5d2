"""Bad exports: a clear message naming the file (and line), exit 1, and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.capture.helpers import SEED, run


def refuse(tmp_path: Path, export: Path, *expected: str) -> None:
    into = tmp_path / "notes"
    result = run("import", str(export), "--into", str(into))
    assert result.exit_code == 1, result.output
    for text in expected:
        assert text in result.output
    assert "nothing was written" in result.output
    assert not into.exists()


def test_missing_export(tmp_path: Path) -> None:
    refuse(tmp_path, tmp_path / "nope.md", "nope.md:0: error: no such file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_export(tmp_path: Path) -> None:
    export = tmp_path / "locked.md"
    export.write_text("# A\n", encoding="utf-8")
    export.chmod(0)
    refuse(tmp_path, export, "locked.md:0: error: cannot be read")


def test_unreadable_export_as_root_too(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    refuse(tmp_path, loop, "loop.md:0: error: cannot be read: Too many levels of symbolic links")


def test_folder_as_export(tmp_path: Path) -> None:
    folder = tmp_path / "dir.md"
    folder.mkdir()
    refuse(tmp_path, folder, "is a folder")


def test_binary_export(tmp_path: Path) -> None:
    export = tmp_path / "image.md"
    export.write_bytes(b"# A\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    refuse(tmp_path, export, "image.md:4: error: looks binary")


def test_not_utf8(tmp_path: Path) -> None:
    export = tmp_path / "latin1.md"
    export.write_bytes("# Café\n\nvoilà\n".encode("latin-1"))
    refuse(tmp_path, export, "latin1.md:1: error: is not UTF-8 (byte 0xe9", "iconv")


def test_no_headings(tmp_path: Path) -> None:
    export = tmp_path / "flat.md"
    export.write_text("[A](https://e.org/a)\n\n# in code\n".replace("# in", "    # in"), "utf-8")
    refuse(tmp_path, export, "flat.md:1: error: the export has no headings")


def test_empty(tmp_path: Path) -> None:
    export = tmp_path / "empty.md"
    export.write_text("\n\n", encoding="utf-8")
    refuse(tmp_path, export, "the export is empty")


def test_url_with_spaces(tmp_path: Path) -> None:
    export = tmp_path / "spaces.md"
    export.write_text(
        "# A\n\n[ok](https://e.org/a%20b)\n\n[bad](https://e.org/a b)\n\n"
        '[fine](<https://e.org/a b>) [titled](https://e.org/t "A title")\n',
        encoding="utf-8",
    )
    refuse(tmp_path, export, "spaces.md:5: error: URL with a space: 'https://e.org/a b'")
    result = run("import", str(export), "--into", str(tmp_path / "n"))
    assert result.output.count("URL with a space") == 1


def test_ten_megabyte_export_is_quick_and_memory_bounded(tmp_path: Path) -> None:
    """10 MB of seed-like notes: measured in a child process so that its peak RSS is its own."""
    seed = SEED.read_text(encoding="utf-8")
    parts = []
    size = 0
    number = 0
    while size < 10 * 1024 * 1024:
        # Distinct headings and URLs, so that the work is real (no duplicate short-cuts).
        part = seed.replace("](http", "](http").replace("# ", f"# {number} ", 2)
        part = part.replace(".html)", f".html?n={number})").replace("/)", f"/?n={number})")
        parts.append(part)
        size += len(part.encode("utf-8"))
        number += 1
    export = tmp_path / "big.md"
    export.write_text("".join(parts), encoding="utf-8")
    into = tmp_path / "notes"
    script = (
        "import resource, sys, time\n"
        "from pathlib import Path\n"
        "from dlnotes.importer import plan_import\n"
        "start = time.perf_counter()\n"
        "plan = plan_import(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "plan.apply()\n"
        "print(time.perf_counter() - start, len(plan.changes),\n"
        "      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(export), str(into)],
        capture_output=True,
        text=True,
        timeout=110,
        check=True,
    )
    seconds, notes, peak_kib = done.stdout.split()
    print(
        f"10 MB import: {float(seconds):.2f} s, {notes} notes, peak RSS {int(peak_kib) // 1024} MiB"
    )
    assert float(seconds) < 45  # ~10 s on an idle 2-core machine
    assert int(notes) == 2 * number
    # The export is 10 MB; a few copies of it (text, lines, cleaned, rendered) are fine, a
    # blow-up per line or per link is not.
    assert int(peak_kib) < 400 * 1024
    assert time.perf_counter() - started < 90
