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


def guess_kind(url: str, title: str) -> LinkKind:
    """The most specific kind that fits; an article when nothing does."""
    domain = domain_of(url)
    path = url.split("?", 1)[0].lower()

    def on(hosts: tuple[str, ...]) -> bool:
        return any(domain == h or domain.endswith("." + h) for h in hosts)

    if not url.lower().startswith(("http://", "https://")):
        return LinkKind.NOTE if path.endswith(".md") or ".md#" in path else LinkKind.ARTICLE
    if on(_VIDEO_HOSTS):
        return LinkKind.VIDEO
    if on(_PAPER_HOSTS) or path.endswith(".pdf"):
        return LinkKind.PAPER
    if on(_COURSE_HOSTS) or _COURSE_WORDS.search(title):
        return LinkKind.COURSE
    if on(_REPO_HOSTS) and domain != "github.io":
        return LinkKind.REPOSITORY
    if _BOOK_WORDS.search(title):
        return LinkKind.BOOK
    return LinkKind.ARTICLE
