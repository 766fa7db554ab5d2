"""The Markdown report: a summary and a table of what needs a look (for a PR comment or a page)."""

from __future__ import annotations

from dlnotes.linkcheck.run import CheckRun
from dlnotes.report.common import detail, is_fatal, notable, summary, verdict_line


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_markdown(run: CheckRun) -> str:
    lines = ["## Link check", ""]
    if run.network_down:
        lines += [
            "> **No network:** every host failed to resolve or connect; nothing was recorded.",
            "",
        ]
    lines += [f"**{verdict_line(run)}** — {summary(run)}", ""]
    shown = notable(run)
    if shown:
        lines += ["| Status | URL | Details | Where |", "|---|---|---|---|"]
        for result in shown:
            status = result.status.value + (" **(fails)**" if is_fatal(run, result) else "")
            details = detail(result)
            if result.archive_url:
                details += f" ([archived copy]({result.archive_url}))"
            where = "<br>".join(_cell(str(source)) for source in result.sources)
            lines.append(f"| {status} | <{result.url}> | {_cell(details)} | {where} |")
        lines.append("")
    if run.problems:
        lines += ["### Links between notes", ""]
        lines += [
            f"- `{problem.file}:{problem.line}`: {_cell(problem.message)}"
            for problem in run.problems
        ]
        lines.append("")
    return "\n".join(lines)
