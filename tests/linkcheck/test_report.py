"""Each report format says the same run its own way: JSON to the schema, JUnit as XML, text and
Markdown for people."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from importlib import resources
from typing import Any

import jsonschema
import pytest

from dlnotes.linkcheck.result import CheckResult, Health, Hop, Verdict
from dlnotes.linkcheck.run import CheckRun
from dlnotes.model import Location
from dlnotes.problems import Problem
from dlnotes.report import FORMATS, format_results

T = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def schema() -> dict[str, Any]:
    text = resources.files("dlnotes").joinpath("schema/linkcheck-report.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def sample_run(*, network_down: bool = False) -> CheckRun:
    dead = CheckResult(
        "https://gone.test/a",
        Verdict.BROKEN,
        code=404,
        error="HTTP 404",
        sources=[Location("notes/a.md", 3), Location("notes/b.md", 7)],
        checked_at=T,
        archive_url="https://web.archive.test/2019/https://gone.test/a",
        health=Health.DEAD,
        consecutive_failures=4,
        first_failure=T - dt.timedelta(days=9),
    )
    results = [
        CheckResult(
            "https://ok.test/",
            Verdict.OK,
            200,
            sources=[Location("notes/a.md", 1)],
            checked_at=T,
            from_cache=True,
            health=Health.HEALTHY,
            last_ok=T,
        ),
        CheckResult(
            "https://moved.test/old",
            Verdict.REDIRECTED,
            301,
            final_url="https://moved.test/new",
            redirects=[Hop("https://moved.test/old", 301)],
            sources=[Location("notes/a.md", 2)],
            checked_at=T,
            health=Health.HEALTHY,
        ),
        dead,
        CheckResult(
            "https://slow.test/|pipe",
            Verdict.TIMEOUT,
            error="timed out after 20 s",
            sources=[Location("notes/b.md", 9)],
            checked_at=T,
            health=Health.FLAKY,
            consecutive_failures=1,
            first_failure=T,
        ),
        CheckResult(
            "https://linkedin.test/in/x",
            Verdict.BLOCKED,
            999,
            sources=[Location("notes/b.md", 10)],
            checked_at=T,
        ),
        CheckResult(
            "ftp://files.test/x",
            Verdict.SKIPPED,
            error="ftp: URLs are not checked",
            sources=[Location("notes/b.md", 11)],
        ),
    ]
    return CheckRun(
        results=results,
        fatal=[dead],
        problems=[Problem("notes/b.md", 12, "no heading #setup in note 'a.md' (a.md#setup)")],
        network_down=network_down,
        requested=5,
        duration=1.25,
    )


def test_json_follows_the_schema_and_says_everything() -> None:
    objects = json.loads(format_results("json", sample_run()))
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(objects, schema())
    assert [o["url"] for o in objects][:3] == [
        "https://ok.test/",
        "https://moved.test/old",
        "https://gone.test/a",
    ]
    gone = objects[2]
    assert gone == {
        "url": "https://gone.test/a",
        "status": "broken",
        "code": 404,
        "final_url": None,
        "redirects": [],
        "error": "HTTP 404",
        "sources": [{"file": "notes/a.md", "line": 3}, {"file": "notes/b.md", "line": 7}],
        "checked_at": "2026-03-01T09:30:00+00:00",
        "from_cache": False,
        "archive_url": "https://web.archive.test/2019/https://gone.test/a",
        "health": "dead",
        "consecutive_failures": 4,
        "first_failure": "2026-02-20T09:30:00+00:00",
        "last_ok": None,
        "fatal": True,
    }
    assert objects[1]["redirects"] == [{"url": "https://moved.test/old", "code": 301}]
    assert objects[0]["from_cache"] is True
    assert sum(o["fatal"] for o in objects) == 1


def test_the_schema_rejects_what_the_documentation_forbids() -> None:
    good = json.loads(format_results("json", sample_run()))
    for broken in (
        [{**good[0], "status": "fine"}],
        [{k: v for k, v in good[0].items() if k != "sources"}],
        [{**good[0], "sources": [{"file": "a.md"}]}],
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema())


def test_an_empty_run_is_an_empty_json_list() -> None:
    assert json.loads(format_results("json", CheckRun())) == []


def test_junit_is_xml_with_one_case_per_url_and_note_link() -> None:
    suite = ET.fromstring(format_results("junit", sample_run()))
    assert suite.tag == "testsuite"
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("7", "2", "2")
    failed = [
        case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None
    ]
    assert failed == ["https://gone.test/a", "notes/b.md:12"]
    gone = suite.find("testcase[@name='https://gone.test/a']")
    assert gone is not None and gone.get("classname") == "notes/a.md"
    failure = gone.find("failure")
    assert failure is not None and "notes/b.md:7" in (failure.text or "")
    assert "web.archive.test" in (failure.text or "")


def test_text_puts_what_fails_first_with_every_place() -> None:
    text = format_results("text", sample_run())
    lines = text.splitlines()
    assert lines[0] == "FAIL BROKEN  https://gone.test/a"
    assert "    archived copy: https://web.archive.test/2019/https://gone.test/a" in lines
    assert "    at notes/a.md:3" in lines and "    at notes/b.md:7" in lines
    assert "dead: failed 4 times in a row since 2026-02-20" in text
    assert "now at https://moved.test/new (update the note)" in text
    assert "could not verify" in text
    assert "https://ok.test/" not in text and "ftp://files.test/x" not in text
    assert "notes/b.md:12: error: no heading #setup" in text
    assert (
        lines[-2]
        == "6 URLs: 1 ok, 1 redirected, 1 broken, 1 timeout, 1 blocked, 1 skipped (1 dead, 1 flaky)"
    )
    assert lines[-1].startswith("FAILED: 1 link fails the policy and 1 broken link between notes")


def test_text_says_plainly_when_there_was_no_network() -> None:
    assert format_results("text", sample_run(network_down=True)).startswith("NO NETWORK")


def test_markdown_is_a_table_with_escaped_cells() -> None:
    md = format_results("markdown", sample_run(network_down=True))
    assert md.startswith("## Link check\n")
    assert "**No network:**" in md
    assert "| Status | URL | Details | Where |" in md
    row = next(line for line in md.splitlines() if "gone.test" in line)
    assert row.startswith("| broken **(fails)** | <https://gone.test/a> |")
    assert "notes/a.md:3<br>notes/b.md:7" in row
    assert "[archived copy](https://web.archive.test/2019/https://gone.test/a)" in row
    slow = next(line for line in md.splitlines() if "slow.test" in line)
    assert slow.count(" | ") == 3  # no stray cell from the "|" in the URL's details
    assert "- `notes/b.md:12`: no heading #setup" in md


def test_a_passing_run_says_ok() -> None:
    run = CheckRun(
        results=[CheckResult("https://ok.test/", Verdict.OK, 200, health=Health.HEALTHY)]
    )
    assert format_results("text", run).splitlines()[-1] == "OK: nothing fails the policy"
    assert "OK: nothing fails the policy" in format_results("markdown", run)


def test_every_format_is_dispatched() -> None:
    run = sample_run()
    for fmt in FORMATS:
        assert format_results(fmt, run)
    assert "::error file=notes/a.md,line=3" in format_results("github", run)
    with pytest.raises(ValueError, match="unknown report format"):
        format_results("yaml", run)


def test_a_failure_no_check_has_counted_yet_is_told_as_one() -> None:
    # A URL refused before any request (malformed) has no streak in the cache: the policy
    # counts it as one failure, and so does the report, never as "failed 0 times".
    refused = CheckResult(
        "https://a.test:99999/x",
        Verdict.ERROR,
        error="malformed URL (Port out of range 0-65535)",
        sources=[Location("notes/a.md", 8)],
        checked_at=T,
        health=Health.FLAKY,
    )
    run = CheckRun(results=[refused], started_at=T)
    for name in ("text", "markdown"):
        report = format_results(name, run)
        assert "flaky: failed 1 time in a row" in report, name
        assert "0 times" not in report
