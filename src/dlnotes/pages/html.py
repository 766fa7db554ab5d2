"""Small HTML fragments shared by the generated pages and the topic-page decorations."""

from __future__ import annotations

from html import escape

from dlnotes.model import LinkKind, Person
from dlnotes.pages.status import LinkStatus

KIND_LABELS = {
    LinkKind.VIDEO: "Video",
    LinkKind.REPOSITORY: "Repository",
    LinkKind.PAPER: "Paper / PDF",
    LinkKind.COURSE: "Course",
    LinkKind.BOOK: "Book",
    LinkKind.ARTICLE: "Article",
    LinkKind.NOTE: "Note",
}


def kind_icon(kind: LinkKind) -> str:
    """An icon drawn by the site's CSS (a mask per kind), titled for screen readers."""
    label = KIND_LABELS[kind]
    return (
        f'<span class="dl-kind dl-kind--{kind.value}" title="{label}" aria-label="{label}"></span>'
    )


def image_icon() -> str:
    """The icon of an image (a diagram, a badge) where a list holds images among links."""
    return '<span class="dl-kind dl-kind--image" title="Image" aria-label="Image"></span>'


def person_name(person_id: str, people: dict[str, Person]) -> str:
    person = people.get(person_id)
    return person.name if person else person_id


def chip(person_id: str, people: dict[str, Person]) -> str:
    name = escape(person_name(person_id, people))
    return f'<span class="dl-chip" title="Attributed to {name}">{name}</span>'


def status_badge(status: LinkStatus) -> str:
    title = f' title="{escape(status.detail)}"' if status.detail else ""
    return f'<span class="dl-status dl-status--{status.key}"{title}>{escape(status.label)}</span>'


def archive_link(status: LinkStatus) -> str:
    if not status.archive_url:
        return ""
    return (
        f'<a class="dl-archive" href="{escape(status.archive_url)}" '
        'title="An archived copy of this page">archived copy</a>'
    )
