"""`--format github`: workflow commands GitHub turns into annotations on the note's line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dlnotes.linkcheck.result import CheckResult, Health, Verdict
from dlnotes.model import Location
from dlnotes.problems import Problem, Severity
from dlnotes.report.github import escape_data, escape_property, format_github


def at(file: str, line: int, column: int = 1) -> Location:
    return Location(file, line, column)


def test_one_command_per_source_location_sorted_by_file_and_line() -> None:
    results = [
        CheckResult(
            "https://gone.example/a",
            Verdict.BROKEN,
            code=404,
            sources=[at("notes/b.md", 12), at("notes/a.md", 3)],
            archive_url="https://web.archive.org/web/2019/https://gone.example/a",
        ),
        CheckResult(
            "https://moved.example/old",
            Verdict.REDIRECTED,
            code=301,
            final_url="https://moved.example/new",
            sources=[at("notes/a.md", 9)],
        ),
        CheckResult("https://fine.example/", Verdict.OK, code=200, sources=[at("notes/a.md", 1)]),
    ]

    assert format_github(results, fatal={"https://gone.example/a"}) == (
        "::error file=notes/a.md,line=3,title=broken link::https://gone.example/a: broken"
        " (HTTP 404); archived copy: https://web.archive.org/web/2019/https://gone.example/a\n"
        "::warning file=notes/a.md,line=9,title=redirected link::https://moved.example/old:"
        " moved permanently to https://moved.example/new; update the note\n"
        "::error file=notes/b.md,line=12,title=broken link::https://gone.example/a: broken"
        " (HTTP 404); archived copy: https://web.archive.org/web/2019/https://gone.example/a\n"
    )


def test_every_verdict_and_health_has_its_level_and_title() -> None:
    since = dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC)
    results = [
        CheckResult(
            "https://dead.example/",
            Verdict.ERROR,
            error="DNS: cannot resolve dead.example",
            health=Health.DEAD,
            consecutive_failures=4,
            first_failure=since,
            sources=[at("n.md", 1)],
        ),
        CheckResult(
            "https://flaky.example/",
            Verdict.TIMEOUT,
            health=Health.FLAKY,
            consecutive_failures=1,
            first_failure=since,
            sources=[at("n.md", 2)],
        ),
        CheckResult("https://old-rot.example/", Verdict.BROKEN, code=410, sources=[at("n.md", 3)]),
        CheckResult("https://wall.example/", Verdict.BLOCKED, code=999, sources=[at("n.md", 4)]),
        CheckResult(
            "http://169.254.169.254/latest/meta-data",
            Verdict.SKIPPED,
            error="private address",
            sources=[at("n.md", 5, column=3)],
        ),
        CheckResult("mailto:me@example.org", Verdict.SKIPPED, sources=[at("n.md", 6)]),
    ]

    assert format_github(results, fatal={"https://dead.example/"}).splitlines() == [
        # A colon in the message stays as it is: only properties escape it.
        "::error file=n.md,line=1,title=dead link::https://dead.example/: error (DNS: cannot"
        " resolve dead.example); failed 4 checks in a row since 2026-10-01",
        "::warning file=n.md,line=2,title=flaky link::https://flaky.example/: timeout",
        "::warning file=n.md,line=3,title=broken link (not blocking)::https://old-rot.example/:"
        " broken (HTTP 410)",
        "::warning file=n.md,line=4,title=could not verify::https://wall.example/: blocked by"
        " the site (HTTP 999); check it by hand",
        "::notice file=n.md,line=5,col=3,title=not checked::"
        "http://169.254.169.254/latest/meta-data: skipped (private address)",
    ]


def test_messages_escape_percent_cr_and_lf_and_properties_also_colon_and_comma() -> None:
    result = CheckResult(
        "https://x.example/100%25",
        Verdict.ERROR,
        error="reset\r\nby peer: 100% sure",
        sources=[at("notes/a,b:c.md", 7)],
    )

    assert format_github([result], fatal={"https://x.example/100%25"}) == (
        "::error file=notes/a%2Cb%3Ac.md,line=7,title=error link::https://x.example/100%2525:"
        " error (reset%0D%0Aby peer: 100%25 sure)\n"
    )


def test_escaping_matches_githubs_toolkit() -> None:
    # @actions/core: escapeData replaces %, \r, \n (in that order); escapeProperty also : and ,
    assert escape_data("50%\r\n:,") == "50%25%0D%0A:,"
    assert escape_property("50%\r\n:,") == "50%25%0D%0A%3A%2C"
    assert escape_data("%0A") == "%250A"  # an escape already in the text stays literal


@dataclass
class Run:
    results: list[CheckResult] = field(default_factory=list)
    fatal: list[CheckResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def test_a_run_brings_its_fatal_results_problems_and_warnings() -> None:
    new_broken = CheckResult(
        "https://new.example/", Verdict.BROKEN, code=404, sources=[at("notes/a.md", 4)]
    )
    run = Run(
        results=[new_broken],
        fatal=[new_broken],
        problems=[
            Problem("notes/a.md", 2, "no note general.md"),
            Problem("notes/b.md", 1, "no heading #intro", Severity.WARNING),
        ],
        warnings=["no network: nothing was learned,\nno failure recorded"],
    )

    assert format_github(run) == (
        "::warning::no network: nothing was learned,%0Ano failure recorded\n"
        "::error file=notes/a.md,line=2,title=note link::no note general.md\n"
        "::error file=notes/a.md,line=4,title=broken link::"
        "https://new.example/: broken (HTTP 404)\n"
        "::warning file=notes/b.md,line=1,title=note link::no heading #intro\n"
    )


def test_nothing_to_say_is_empty_output() -> None:
    ok = CheckResult("https://fine.example/", Verdict.OK, code=200, sources=[at("a.md", 1)])
    assert format_github([ok]) == ""
    assert format_github([]) == ""
