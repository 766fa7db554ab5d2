"""What every report format says the same way: which results to show, in what order, in words."""

from __future__ import annotations

from dlnotes.linkcheck.result import CheckResult, Health, Verdict
from dlnotes.linkcheck.run import CheckRun
from dlnotes.problems import Severity

# Worst first: what fails the run, then what needs a look, then what could not be verified.
_RANK = {
    Verdict.BROKEN: 0,
    Verdict.ERROR: 1,
    Verdict.TIMEOUT: 2,
    Verdict.REDIRECTED: 3,
    Verdict.BLOCKED: 4,
    Verdict.SKIPPED: 5,
    Verdict.OK: 6,
}
SHOWN = frozenset(_RANK) - {Verdict.OK, Verdict.SKIPPED}


def notable(run: CheckRun) -> list[CheckResult]:
    """Results worth a line in a human report (not ok, not skipped), fatal and worst first."""
    fatal = {id(result) for result in run.fatal}
    shown = [r for r in run.results if r.status in SHOWN or id(r) in fatal]
    return sorted(shown, key=lambda r: (id(r) not in fatal, _RANK[r.status], r.url))


def is_fatal(run: CheckRun, result: CheckResult) -> bool:
    return any(result is other for other in run.fatal)


def detail(result: CheckResult) -> str:
    """One line on what happened: the code, the error, where a redirect leads."""
    parts: list[str] = []
    if result.code is not None:
        parts.append(str(result.code))
    if result.status is Verdict.REDIRECTED and result.final_url:
        parts.append(f"now at {result.final_url} (update the note)")
    if result.status is Verdict.BLOCKED:
        parts.append("could not verify (bot wall)")
    if result.error:
        parts.append(result.error)
    if result.health in (Health.FLAKY, Health.DEAD):
        parts.append(_streak(result))
    return "; ".join(parts)


def _streak(result: CheckResult) -> str:
    count = result.streak  # as the policy counts it: never "failed 0 times"
    since = f" since {result.first_failure:%Y-%m-%d}" if result.first_failure else ""
    times = "time" if count == 1 else "times"
    return f"{result.health.value}: failed {count} {times} in a row{since}"


def summary(run: CheckRun) -> str:
    """`12 URLs: 9 ok, 1 broken, ...` with only the verdicts that occur."""
    counts = ", ".join(f"{n} {verdict}" for verdict, n in run.counts.items() if n)
    health = run.health_counts
    flags = ", ".join(
        f"{health[h.value]} {h.value}" for h in (Health.DEAD, Health.FLAKY) if health[h.value]
    )
    total = len(run.results)
    line = f"{total} URL{'s' if total != 1 else ''}" + (f": {counts}" if counts else "")
    if flags:
        line += f" ({flags})"
    if run.offline:
        line += "; offline: from the cache only"
    elif run.results and all(result.from_cache for result in run.results):
        line += "; all from the cache"
    return line


def verdict_line(run: CheckRun) -> str:
    if run.failed:
        dead = len(run.fatal)
        internal = sum(1 for p in run.problems if p.severity is Severity.ERROR)
        reasons = []
        if dead:
            reasons.append(f"{dead} link{'s fail' if dead != 1 else ' fails'} the policy")
        if internal:
            reasons.append(f"{internal} broken link{'s' if internal != 1 else ''} between notes")
        return "FAILED: " + " and ".join(reasons)
    return "OK: nothing fails the policy"
