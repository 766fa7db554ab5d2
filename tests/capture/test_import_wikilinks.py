"""An Obsidian export's `[[wikilinks]]` become Markdown links between the notes: on the site, in
backlinks and checked like any link between notes."""

from __future__ import annotations

from pathlib import Path

from dlnotes.importer import plan_import
from dlnotes.linkcheck.internal import check_internal
from dlnotes.parse import load_notes
from tests.capture.helpers import folder_bytes

VAULT = """# Vault

## Transformers

See [[Attention notes]], [[attention-notes|the attention note]]
and [[Attention notes#Scaled dot product]].
Back to [[#Reads]]; in code `[[not a link]]` stays.

- [Attention is all you need](https://arxiv.org/abs/1706.03762)
- ![[diagram.png]]
- [[Nowhere to be found]]

```
[[also not a link]]
```

### Reads

## Attention notes

### Scaled dot product

Back to [[Transformers]] and to [[Old notes|the notes from before]].
"""


def _import(tmp_path: Path, export: str) -> tuple[Path, list[str]]:
    source = tmp_path / "vault.md"
    source.write_text(export, encoding="utf-8")
    into = tmp_path / "notes"
    plan = plan_import(source, into)
    plan.apply()
    return into, [f"{p.line}: {p.message}" for p in plan.problems]


def test_wikilinks_become_links_between_the_notes_made(tmp_path: Path) -> None:
    into = tmp_path / "notes"
    (into / "old").mkdir(parents=True)
    (into / "old" / "before.md").write_text("---\ntitle: Old notes\n---\n\nOld.\n", "utf-8")
    into, problems = _import(tmp_path, VAULT)
    transformers = (into / "transformers.md").read_text(encoding="utf-8")
    assert (
        "See [Attention notes](attention-notes.md), [the attention note](attention-notes.md)\n"
        "and [Attention notes > Scaled dot product](attention-notes.md#scaled-dot-product).\n"
        "Back to [Reads](#reads); in code `[[not a link]]` stays." in transformers
    )
    assert "```\n[[also not a link]]\n```" in transformers
    assert "- ![[diagram.png]]\n- [[Nowhere to be found]]" in transformers
    attention = (into / "attention-notes.md").read_text(encoding="utf-8")
    assert (
        "Back to [Transformers](transformers.md) and to "
        "[the notes from before](old/before.md)." in attention
    )
    assert problems == [
        "10: ![[diagram.png]] kept as written: an image's embed, which the site shows once "
        "the notes hold diagram.png",
        "11: [[Nowhere to be found]] kept as written: it names no note of the export or of "
        "the notes",
    ]
    loaded = load_notes(into)
    assert check_internal(loaded.kb, into) == []  # every link made reaches its note and heading
    assert [n.path for n in loaded.kb.backlinks("transformers.md")] == ["attention-notes.md"]


def test_a_wikilink_to_a_note_with_a_space_in_its_file_name(tmp_path: Path) -> None:
    into = tmp_path / "notes"
    into.mkdir()
    (into / "reading list.md").write_text("---\ntitle: Books\n---\n\nB.\n", encoding="utf-8")
    into, problems = _import(tmp_path, "# Vault\n\n## Paper\n\nSee [[reading list]].\n")
    assert "See [reading list](reading%20list.md)." in (into / "paper.md").read_text("utf-8")
    assert problems == []
    assert check_internal(load_notes(into).kb, into) == []


def test_importing_the_vault_again_changes_no_byte(tmp_path: Path) -> None:
    into, _ = _import(tmp_path, VAULT)
    before = folder_bytes(into)
    _import(tmp_path, VAULT)
    assert folder_bytes(into) == before
