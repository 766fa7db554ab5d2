"""Read a raw export safely: a readable, UTF-8 text file, or a clear error naming what is wrong."""

from __future__ import annotations

from pathlib import Path

from dlnotes.problems import DlnotesError, Problem


def _fail(display: str, line: int, message: str) -> DlnotesError:
    return DlnotesError([Problem(display, line, message)])


def read_export(path: Path, display: str | None = None) -> str:
    """The export's text with line endings made `\\n` and a byte-order mark dropped."""
    shown = display or str(path)
    try:
        if path.is_dir():
            raise _fail(shown, 0, "is a folder, not an export file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(shown, 0, "no such file") from None
    except OSError as error:
        raise _fail(shown, 0, f"cannot be read: {error.strerror or error}") from None
    if b"\0" in data[:8192] or b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise _fail(shown, line, "looks binary (it holds NUL bytes), not a Markdown export")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _fail(
            shown,
            line,
            f"is not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it first, e.g. `iconv -f LATIN1 -t UTF-8`",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
