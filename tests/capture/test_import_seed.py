"""Importing the seed export loses nothing the hand-made notes/ hold, and importing again (or
into notes that already have it all) changes nothing."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from dlnotes.importer import plan_import
from dlnotes.model import KnowledgeBase
from dlnotes.parse import load_notes
from dlnotes.write import ChangedOnDiskError
from tests.capture.helpers import NOTES, SEED, copy_notes, folder_bytes, inserted_lines, run, squash


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("imported") / "notes"
    folder.mkdir()
    # The alias table is the person's, not the export's: "Jeremey" is Jeremy only through it.
    shutil.copy(NOTES / "people.yml", folder / "people.yml")
    result = run("import", str(SEED), "--into", str(folder))
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def models(imported: Path) -> tuple[KnowledgeBase, KnowledgeBase]:
    ours = load_notes(imported)
    assert ours.errors == []
    return ours.kb, load_notes(NOTES).kb


def test_every_link_of_the_notes_with_multiplicity(
    models: tuple[KnowledgeBase, KnowledgeBase],
) -> None:
    ours, theirs = models
    urls = Counter(link.normalized for link in ours.external_links)
    assert sum(urls.values()) == 57
    assert len(urls) == 55
    assert urls == Counter(link.normalized for link in theirs.external_links)
    assert set(ours.duplicates()) == set(theirs.duplicates())


def test_links_keep_attribution_annotation_and_title(
    models: tuple[KnowledgeBase, KnowledgeBase],
) -> None:
    ours, theirs = models

    def facts(kb: KnowledgeBase) -> Counter[tuple[str, str | None, str | None]]:
        return Counter(
            (link.normalized, link.attribution, squash(link.annotation))
            for link in kb.external_links
        )

    assert facts(ours) == facts(theirs)
    titles: dict[str, set[str]] = {}
    for link in theirs.external_links:
        titles.setdefault(link.normalized, set()).add(link.title)
    for link in ours.external_links:
        # Titles match, except where the export only ever gave the URL as the link text.
        assert link.title in titles[link.normalized] | {link.url}
    chinese = [t.title for t in ours.links if any("\u4e00" <= c <= "\u9fff" for c in t.title)]
    assert len(chinese) == 3


def test_tips_quotes_and_checklists(models: tuple[KnowledgeBase, KnowledgeBase]) -> None:
    ours, theirs = models
    assert Counter((squash(t.text), t.attribution) for t in ours.tips) == Counter(
        (squash(t.text), t.attribution) for t in theirs.tips
    )
    assert Counter((squash(q.text), q.source) for q in ours.quotes) == Counter(
        (squash(q.text), q.source) for q in theirs.quotes
    )

    def lists(kb: KnowledgeBase) -> Counter[tuple[tuple[str | None, ...], str | None]]:
        return Counter((tuple(squash(i.text) for i in c.items), c.source) for c in kb.checklists)

    assert lists(ours) == lists(theirs)
    assert sorted(len(c.items) for c in ours.checklists) == [5, 7]


def test_export_artefacts_are_gone(imported: Path) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(imported.glob("*.md")))
    assert "\\(" not in text and "\\)" not in text and "\\|" not in text
    assert "[  \n" not in text and "[\n" not in text


def test_reimport_changes_no_byte(imported: Path) -> None:
    before = folder_bytes(imported)
    result = run("import", str(SEED), "--into", str(imported))
    assert result.exit_code == 0, result.output
    assert "nothing to do" in result.output
    assert folder_bytes(imported) == before


def test_import_into_the_hand_made_notes_changes_nothing(tmp_path: Path) -> None:
    notes = copy_notes(tmp_path / "notes")
    before = folder_bytes(notes)
    result = run("import", str(SEED), "--into", str(notes))
    assert result.exit_code == 0, result.output
    assert folder_bytes(notes) == before


def test_merge_adds_new_links_in_their_section_and_keeps_hand_edits(tmp_path: Path) -> None:
    notes = copy_notes(tmp_path / "notes")
    general = notes / "general.md"
    edited = general.read_text(encoding="utf-8").replace(
        "Neural nets really like standardized variables.",
        "Neural nets REALLY like standardized variables (my own words).",
    )
    general.write_text(edited, encoding="utf-8")
    export = tmp_path / "export.md"
    export.write_text(
        "# Deep Learning in General\n\n"
        "## Learning rate\n\n"
        "[Improving the way we work with learning rate. – techburst]"
        "(https://techburst.io/improving-the-way-we-work-with-learning-rate-5e99554f163b)\n\n"
        "[A new LR paper \\(2024\\)](https://example.org/lr-paper) per Jeremy\n\n"
        "## Brand new section\n\n"
        "* [Something else](https://example.org/else)\n",
        encoding="utf-8",
    )
    others = {p: p.read_bytes() for p in notes.iterdir() if p != general}
    result = run("import", str(export), "--into", str(notes), "--level", "1")
    assert result.exit_code == 0, result.output
    after = general.read_text(encoding="utf-8")
    added = inserted_lines(edited, after)
    assert "- [A new LR paper (2024)](https://example.org/lr-paper) per Jeremy" in added
    assert "## Brand new section" in added
    section = after.split("## Learning rate", 1)[1].split("\n## ", 1)[0]
    assert "https://example.org/lr-paper" in section
    assert {p: p.read_bytes() for p in notes.iterdir() if p != general} == others
    kb = load_notes(notes).kb
    lr = kb.links_to("https://example.org/lr-paper")
    assert [(link.attribution, link.headings[-1]) for link in lr] == [("jeremy", "Learning rate")]


def test_dry_run_prints_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    result = run("import", str(SEED), "--into", str(target), "--dry-run")
    assert result.exit_code == 0, result.output
    assert not target.exists()
    assert "+++ b/" in result.output and "/dev/null" in result.output
    assert "+title: Blackbox" in result.output

    notes = copy_notes(tmp_path / "copy")
    before = folder_bytes(notes)
    export = tmp_path / "one.md"
    export.write_text("# Blackbox\n\n[New](https://example.org/new)\n", encoding="utf-8")
    result = run("import", str(export), "--into", str(notes), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+[New](https://example.org/new)" in result.output or "+- [New]" in result.output
    assert folder_bytes(notes) == before


def test_duplicates_and_tracking_are_reported(tmp_path: Path) -> None:
    result = run("import", str(SEED), "--into", str(tmp_path / "n"), "--dry-run")
    assert "seed-export.md:55: warning: duplicate of line 44" in result.output
    assert "seed-export.md:108: warning: duplicate of line 99" in result.output
    assert "tracking parameters (siteID, LSNPUBID)" in result.output


def test_a_note_edited_while_importing_stops_every_write(tmp_path: Path) -> None:
    notes = copy_notes(tmp_path / "notes")
    export = tmp_path / "export.md"
    export.write_text(
        "# Blackbox\n\n[B](https://example.org/b)\n\n# Overfitting\n\n[O](https://example.org/o)\n"
        "\n# Brand new\n\n[N](https://example.org/n)\n",
        encoding="utf-8",
    )
    plan = plan_import(export, notes)
    names = sorted(c.path.name for c in plan.changes)
    assert names == ["blackbox.md", "brand-new.md", "overfitting.md"]
    overfitting = notes / "overfitting.md"
    overfitting.write_text(overfitting.read_text(encoding="utf-8") + "\nmine\n", encoding="utf-8")
    before = folder_bytes(notes)
    with pytest.raises(ChangedOnDiskError, match="changed on disk"):
        plan.apply()
    assert folder_bytes(notes) == before


def test_links_before_any_section_go_below_the_title_heading(tmp_path: Path) -> None:
    notes = copy_notes(tmp_path / "notes")
    export = tmp_path / "export.md"
    export.write_text("# Overfitting\n\n[Intro link](https://example.org/intro)\n", "utf-8")
    before = (notes / "overfitting.md").read_text(encoding="utf-8")
    assert run("import", str(export), "--into", str(notes)).exit_code == 0
    after = (notes / "overfitting.md").read_text(encoding="utf-8")
    assert inserted_lines(before, after) == ["", "[Intro link](https://example.org/intro)"]
    assert after.index("# Overfitting\n") < after.index("[Intro link]") < after.index("## ")
