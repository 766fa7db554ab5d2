"""Guess what a link points at (video, repository, paper…) from its URL and title."""

from __future__ import annotations

import re

from dlnotes.model import LinkKind
from dlnotes.urls import domain_of

_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "bilibili.com")
_REPO_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
_PAPER_HOSTS = ("arxiv.org", "openreview.net", "papers.nips.cc", "aclanthology.org")
_COURSE_HOSTS = ("coursera.org", "udemy.com", "edx.org", "course.fast.ai", "udacity.com")
_COURSE_WORDS = re.compile(r"\b(course|courses|bootcamp|mooc|lecture|lectures|6\.S191)\b", re.I)
_BOOK_WORDS = re.compile(r"\(book\)|\bbook\b", re.I)


_HOST_KINDS = {
    host: kind
    for hosts, kind in (
        (_VIDEO_HOSTS, LinkKind.VIDEO),
        (_PAPER_HOSTS, LinkKind.PAPER),
        (_COURSE_HOSTS, LinkKind.COURSE),
        (_REPO_HOSTS, LinkKind.REPOSITORY),
    )
    for host in hosts
}


def _host_kind(domain: str) -> LinkKind | None:
    """The kind of the listed host that `domain` is or is under (`m.youtube.com`)."""
    # One lookup per dot, not one suffix test per listed host: this runs for every link.
    while domain:
        kind = _HOST_KINDS.get(domain)
        if kind is not None:
            return kind
        domain = domain.partition(".")[2]
    return None


def guess_kind(url: str, title: str) -> LinkKind:
    """The most specific kind that fits; an article when nothing does."""
    path = url.split("?", 1)[0].lower()
    if not url.lower().startswith(("http://", "https://")):
        return LinkKind.NOTE if path.endswith(".md") or ".md#" in path else LinkKind.ARTICLE
    host_kind = _host_kind(domain_of(url))
    if host_kind is LinkKind.VIDEO:
        return LinkKind.VIDEO
    if host_kind is LinkKind.PAPER or path.endswith(".pdf"):
        return LinkKind.PAPER
    if host_kind is LinkKind.COURSE or _COURSE_WORDS.search(title):
        return LinkKind.COURSE
    if host_kind is LinkKind.REPOSITORY:
        return LinkKind.REPOSITORY
    if _BOOK_WORDS.search(title):
        return LinkKind.BOOK
    return LinkKind.ARTICLE
