"""`dlnotes stats` and `dlnotes export --format json` over the repository's own notes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from dlnotes.cli import main
from tests.conftest import NOTES, REPO

SCHEMA = REPO / "src" / "dlnotes" / "schema" / "knowledge-base.schema.json"


def test_stats_of_the_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert counts["external_links"] == 57
    assert counts["distinct_urls"] == 55
    assert counts["duplicates"] == 2
    assert (counts["tips"], counts["quotes"], counts["checklists"]) == (3, 1, 2)
    assert counts["notes"] == 4


def test_export_validates_against_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "kb.json"
    result = CliRunner().invoke(main, ["export", str(NOTES), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert data["version"] == 1
    assert sum(len(n["links"]) for n in data["notes"]) == 60  # 57 external + 3 between notes
    assert len(data["duplicates"]) == 2


def test_the_schema_rejects_a_broken_export() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 2, "notes": [], "people": [], "duplicates": {}}, schema)
