"""Counts over a knowledge base, for `dlnotes stats` and the site."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from dlnotes.model import KnowledgeBase


@dataclass(frozen=True)
class Stats:
    notes: int
    links: int
    external_links: int
    distinct_urls: int
    domains: int
    people: int
    tips: int
    quotes: int
    checklists: int
    duplicates: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def compute_stats(kb: KnowledgeBase) -> Stats:
    external = kb.external_links
    return Stats(
        notes=len(kb.notes),
        links=len(kb.links),
        external_links=len(external),
        distinct_urls=len({link.normalized for link in external}),
        domains=len(kb.domains()),
        people=len(kb.people),
        tips=len(kb.tips),
        quotes=len(kb.quotes),
        checklists=len(kb.checklists),
        duplicates=len(kb.duplicates()),
    )
