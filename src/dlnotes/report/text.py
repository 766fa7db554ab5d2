"""The plain-text report: what needs a look, where it is, and one closing verdict."""

from __future__ import annotations

from dlnotes.linkcheck.run import CheckRun
from dlnotes.report.common import detail, is_fatal, notable, summary, verdict_line


def format_text(run: CheckRun) -> str:
    lines: list[str] = []
    if run.network_down:
        lines += ["NO NETWORK: every host failed to resolve or connect; nothing was recorded.", ""]
    for result in notable(run):
        mark = "FAIL " if is_fatal(run, result) else ""
        lines.append(f"{mark}{result.status.value.upper()}  {result.url}")
        if text := detail(result):
            lines.append(f"    {text}")
        if result.archive_url:
            lines.append(f"    archived copy: {result.archive_url}")
        lines.extend(f"    at {source}" for source in result.sources)
    if run.problems:
        if lines:
            lines.append("")
        lines.extend(str(problem) for problem in run.problems)
    if lines:
        lines.append("")
    lines.append(summary(run))
    lines.append(verdict_line(run))
    return "\n".join(lines) + "\n"
