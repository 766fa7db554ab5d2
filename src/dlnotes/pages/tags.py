"""The Tags page: a listing Material's tags plugin fills from the notes' front-matter tags."""

from __future__ import annotations

TAGS_PAGE = """# Tags

Every tag used in the notes, with the notes that carry it.

<!-- material/tags -->
"""


def render_tags_page() -> str:
    return TAGS_PAGE
