"""Writing notes without losing any: atomic replacement, conflict detection, minimal edits."""

from dlnotes.write.atomic import (
    ChangedOnDiskError,
    Snapshot,
    read_bytes,
    read_text,
    unchanged,
    write_atomic,
)
from dlnotes.write.frontmatter import NoFrontMatterError, add_tag, set_key, set_updated
from dlnotes.write.lines import find_section, headings, insert_entry, split_lines

__all__ = [
    "ChangedOnDiskError",
    "NoFrontMatterError",
    "Snapshot",
    "add_tag",
    "find_section",
    "headings",
    "insert_entry",
    "read_bytes",
    "read_text",
    "set_key",
    "set_updated",
    "split_lines",
    "unchanged",
    "write_atomic",
]
