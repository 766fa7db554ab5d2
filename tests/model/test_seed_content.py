"""Nothing of the seed export is lost on its way into notes/."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dlnotes.model import KnowledgeBase, Link
from dlnotes.parse import PeopleIndex, load_notes, parse_note
from dlnotes.urls import normalize_url
from tests.conftest import NOTES, SEED

WELCH = "https://www.youtube.com/watch?v=bxe2T-V8XRs"
VISUALISING = (
    "https://dashee87.github.io/data%20science/deep%20learning/"
    "visualising-activation-functions-in-neural-networks/"
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load_notes(NOTES)
    assert result.errors == []
    return result.kb


@pytest.fixture(scope="module")
def seed_links(kb: KnowledgeBase) -> list[Link]:
    """The export parsed as it is (wrapped in front-matter), with the notes' people table."""
    text = "---\ntitle: Seed\n---\n" + SEED.read_text(encoding="utf-8")
    note, problems = parse_note(
        text, path="seed.md", display="seed.md", people=PeopleIndex(kb.people)
    )
    assert not [p for p in problems if p.severity == "error"]
    return note.links


def test_the_export_has_57_links_and_55_urls(seed_links: list[Link]) -> None:
    assert len(seed_links) == 57
    assert len({link.normalized for link in seed_links}) == 55


def test_every_link_of_the_export_is_in_the_notes(
    kb: KnowledgeBase, seed_links: list[Link]
) -> None:
    in_notes = Counter(link.normalized for link in kb.external_links)
    in_seed = Counter(link.normalized for link in seed_links)
    assert in_notes == in_seed
    assert len(kb.external_links) == 57


def test_the_two_repeated_urls_stay_where_they_were_and_are_duplicates(kb: KnowledgeBase) -> None:
    duplicates = kb.duplicates()
    assert set(duplicates) == {normalize_url(WELCH), normalize_url(VISUALISING)}
    welch = duplicates[normalize_url(WELCH)]
    assert {link.location.file for link in welch} == {"notes/general.md"}
    assert {link.title for link in welch} == {
        "Welch Labs introduction to neural networks",
        "Neural Networks Demystified",
    }
    visualising = duplicates[normalize_url(VISUALISING)]
    assert {link.location.file for link in visualising} == {"notes/blackbox.md"}


def test_three_tips_per_jeremy(kb: KnowledgeBase) -> None:
    tips = [tip for tip in kb.tips if tip.attribution == "jeremy"]
    assert len(tips) == 3
    assert tips[0].text == "Neural nets really like standardized variables."
    assert tips[1].text.startswith("Softmax likes picking one class.")
    assert tips[2].text.startswith("If a smaller batch size is used")
    assert all("per Jeremy" not in tip.text for tip in tips)


def test_recommended_by_jeremey_is_jeremy_through_the_alias_table(kb: KnowledgeBase) -> None:
    general = (NOTES / "general.md").read_text(encoding="utf-8")
    assert general.count("Recommended by Jeremey") == 2  # the writer's words, kept
    recommended = [
        link for link in kb.links if link.attribution == "jeremy" and link.kind != "note"
    ]
    assert {link.domain for link in recommended} == {"quid.com", "medium.com"}
    assert kb.people["jeremy"].name == "Jeremy Howard"
    assert "Jeremey" in kb.people["jeremy"].aliases


def test_welch_labs_is_attributed_to_a16z_with_its_comment(kb: KnowledgeBase) -> None:
    (welch,) = [link for link in kb.links if link.title.startswith("Welch Labs")]
    assert welch.attribution == "a16z"
    assert welch.annotation == "a handful of 4-5 minute, well done videos"


def test_checklists_and_the_quote_keep_their_sources(kb: KnowledgeBase) -> None:
    by_source = {c.source: c for c in kb.checklists}
    fastai = by_source["fast.ai"]
    assert [item.text for item in fastai.items] == [
        "Add more data",
        "Use data augmentation",
        "Use architectures that generalize well",
        "Add regularization",
        "Reduce architecture complexity",
    ]
    mly = by_source["machine-learning-yearning"]
    assert len(mly.items) == 7
    assert mly.items[0].text == "Get more data: Collect more pictures of cats."
    (quote,) = kb.quotes
    assert quote.source == "machine-learning-yearning"
    assert quote.text.startswith("If you choose well among these possible directions")
    assert quote.text.endswith("you might waste months.")


def test_the_personal_comment_is_the_links_annotation(kb: KnowledgeBase) -> None:
    (link,) = [link for link in kb.links if link.title == "When Not to Use Deep Learning"]
    assert link.annotation is not None
    assert link.annotation.startswith("Try reading it again after learning deep learning")


def test_chinese_titles_are_kept_verbatim(kb: KnowledgeBase, seed_links: list[Link]) -> None:
    chinese = [link.title for link in seed_links if re.search(r"[\u4e00-\u9fff]", link.title)]
    assert len(chinese) == 3
    titles = {link.title for link in kb.links}
    assert set(chinese) <= titles


def test_the_exports_artefacts_are_gone_from_the_notes(kb: KnowledgeBase) -> None:
    raw = SEED.read_text(encoding="utf-8")
    assert "\\(per Jeremy\\)" in raw and re.search(r"\[\s+\n", raw)  # the fixture keeps them
    for path in NOTES.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "\\(" not in text and "\\)" not in text and "\\|" not in text, path
        assert not re.search(r"\[\s*\n", text), path
    assert [link.url for link in kb.links if link.title == link.url] == []
