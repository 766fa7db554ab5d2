"""Reports of a check run, one module per format; `format_results` picks the module."""

from __future__ import annotations

from collections.abc import Callable

from dlnotes.linkcheck.run import CheckRun

FORMATS = ("text", "json", "markdown", "github", "junit")


def _formatter(fmt: str) -> Callable[[CheckRun], str]:
    # Imported on demand: a run asking for JSON need not load the XML machinery.
    if fmt == "text":
        from dlnotes.report.text import format_text

        return format_text
    if fmt == "json":
        from dlnotes.report.json import format_json

        return format_json
    if fmt == "markdown":
        from dlnotes.report.markdown import format_markdown

        return format_markdown
    if fmt == "github":
        from dlnotes.report.github import format_github

        return format_github
    if fmt == "junit":
        from dlnotes.report.junit import format_junit

        return format_junit
    raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")


def format_results(fmt: str, run: CheckRun) -> str:
    """The report of `run` in format `fmt` (text, json, markdown, github or junit)."""
    return _formatter(fmt)(run)


__all__ = ["FORMATS", "format_results"]
