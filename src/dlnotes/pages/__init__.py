"""Pages built from the model: Markdown (and a little HTML) for the site, engine-free.

Nothing here imports MkDocs: the plugin hands in the knowledge base, the link results and a way
to turn a note path into a URL, and gets text back.
"""

from dlnotes.pages.checklists import checklists_as_tasks
from dlnotes.pages.connections import Connections, render_connections
from dlnotes.pages.decorate import decorate_links, quote_sources
from dlnotes.pages.health import render_health_lists, render_health_page
from dlnotes.pages.links import TABLE_MARKER, render_links_page, render_links_table
from dlnotes.pages.lists import rewrites, site_markdown
from dlnotes.pages.memo import PageMemo
from dlnotes.pages.people import render_people_lists, render_people_page
from dlnotes.pages.places import UrlFor
from dlnotes.pages.status import LinkStatus, Results, status_of
from dlnotes.pages.tags import render_tags_page

__all__ = [
    "TABLE_MARKER",
    "Connections",
    "LinkStatus",
    "PageMemo",
    "Results",
    "UrlFor",
    "checklists_as_tasks",
    "decorate_links",
    "quote_sources",
    "render_connections",
    "render_health_lists",
    "render_health_page",
    "render_links_page",
    "render_links_table",
    "render_people_lists",
    "render_people_page",
    "render_tags_page",
    "rewrites",
    "site_markdown",
    "status_of",
]
