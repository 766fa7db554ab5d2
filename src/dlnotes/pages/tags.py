"""The Tags page: a listing Material's tags plugin fills from the notes' front-matter tags."""

from __future__ import annotations

# Out of the search index: it only lists note titles, which the notes themselves answer.
TAGS_PAGE = """---
search:
  exclude: true
---

# Tags

Every tag used in the notes, with the notes that carry it.

<!-- material/tags -->
"""


def render_tags_page() -> str:
    return TAGS_PAGE
