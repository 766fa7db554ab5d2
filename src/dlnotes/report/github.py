"""Check results as GitHub Actions workflow commands: one annotation per place a URL stands.

`::error` marks what fails the run; `::warning` what a reader should look at but that never
fails it (flaky, blocked, redirected, rot that is not the change's doing); `::notice` a link
that was not checked on purpose (a private address, an excluded URL). GitHub parses each
command from a single line, so values are escaped exactly as its toolkit does
(`@actions/core` `escapeData` / `escapeProperty`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from dlnotes.linkcheck.result import FAILING, CheckResult, Health, Verdict
from dlnotes.model import Location
from dlnotes.problems import Problem, Severity


def escape_data(value: str) -> str:
    """A command's message: `%` first, so that the escapes it adds are not escaped again."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (`file=`, `title=`): also `:` and `,`, which end a property."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class Annotation:
    level: str  # "error", "warning" or "notice"
    location: Location
    title: str
    message: str

    def command(self) -> str:
        props = [
            f"file={escape_property(self.location.file)}",
            f"line={self.location.line}",
        ]
        if self.location.column > 1:
            props.append(f"col={self.location.column}")
        props.append(f"title={escape_property(self.title)}")
        return f"::{self.level} {','.join(props)}::{escape_data(self.message)}"


@runtime_checkable
class RunLike(Protocol):
    """What a check run offers a report (dlnotes.linkcheck.run.CheckRun has it)."""

    @property
    def results(self) -> Sequence[CheckResult]: ...
    @property
    def fatal(self) -> Sequence[CheckResult]: ...
    @property
    def problems(self) -> Sequence[Problem]: ...
    @property
    def warnings(self) -> Sequence[str]: ...


def format_github(
    run: RunLike | Iterable[CheckResult], fatal: Collection[str] = frozenset()
) -> str:
    """One workflow command per (result, source location), sorted by file and line.

    Given a run, its fatal results fail and its problems (links between notes) and warnings are
    reported too. Given bare results, `fatal` holds the normalised URLs that fail the run (the
    policy's decision); every other failing result is a warning.
    """
    notes: list[str] = []
    problems: Sequence[Problem] = ()
    if isinstance(run, RunLike):
        fatal = {result.url for result in run.fatal}
        problems, notes = run.problems, list(run.warnings)
        results: Iterable[CheckResult] = run.results
    else:
        results = run
    annotations = [
        annotation for result in results for annotation in annotations_for(result, fatal)
    ]
    annotations += [_from_problem(problem) for problem in problems]
    annotations.sort(key=lambda a: (a.location, a.message))
    lines = [f"::warning::{escape_data(note)}" for note in notes]
    lines += [annotation.command() for annotation in annotations]
    return "".join(line + "\n" for line in lines)


def _from_problem(problem: Problem) -> Annotation:
    level = "error" if problem.severity == Severity.ERROR else "warning"
    return Annotation(level, Location(problem.file, problem.line), "note link", problem.message)


def annotations_for(result: CheckResult, fatal: Collection[str]) -> list[Annotation]:
    judged = _judge(result, result.url in fatal)
    if judged is None:
        return []
    level, title, message = judged
    return [Annotation(level, source, title, message) for source in result.sources]


def _judge(result: CheckResult, is_fatal: bool) -> tuple[str, str, str] | None:
    url, status = result.url, result.status
    if status in FAILING:
        what = _failure(result)
        if is_fatal:
            title = "dead link" if result.health is Health.DEAD else f"{status} link"
            return "error", title, f"{url}: {what}{_history(result)}{_archive(result)}"
        title = "flaky link" if result.health is Health.FLAKY else f"{status} link (not blocking)"
        return "warning", title, f"{url}: {what}{_history(result)}{_archive(result)}"
    if status is Verdict.REDIRECTED:
        target = result.final_url or "another URL"
        return (
            "warning",
            "redirected link",
            f"{url}: moved permanently to {target}; update the note",
        )
    if status is Verdict.BLOCKED:
        why = f" (HTTP {result.code})" if result.code else ""
        return "warning", "could not verify", f"{url}: blocked by the site{why}; check it by hand"
    if status is Verdict.SKIPPED and result.error:
        return "notice", "not checked", f"{url}: skipped ({result.error})"
    return None


def _failure(result: CheckResult) -> str:
    if result.status is Verdict.BROKEN:
        return f"broken (HTTP {result.code})" if result.code else "broken"
    if result.error:
        return f"{result.status} ({result.error})"
    return str(result.status)


def _history(result: CheckResult) -> str:
    if result.consecutive_failures < 2 or result.first_failure is None:
        return ""
    since = result.first_failure.date().isoformat()
    return f"; failed {result.consecutive_failures} checks in a row since {since}"


def _archive(result: CheckResult) -> str:
    return f"; archived copy: {result.archive_url}" if result.archive_url else ""
