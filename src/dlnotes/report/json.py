"""The JSON report: one object per distinct URL, as documented in
`dlnotes/schema/linkcheck-report.schema.json`."""

from __future__ import annotations

import json
from typing import Any

from dlnotes.linkcheck.cache import utc_iso
from dlnotes.linkcheck.result import CheckResult
from dlnotes.linkcheck.run import CheckRun


def result_object(result: CheckResult, *, fatal: bool) -> dict[str, Any]:
    return {
        "url": result.url,
        "status": result.status.value,
        "code": result.code,
        "final_url": result.final_url,
        "redirects": [{"url": hop.url, "code": hop.code} for hop in result.redirects],
        "error": result.error,
        "sources": [{"file": s.file, "line": s.line} for s in result.sources],
        "checked_at": utc_iso(result.checked_at),
        "from_cache": result.from_cache,
        "archive_url": result.archive_url,
        "health": result.health.value,
        "consecutive_failures": result.consecutive_failures,
        "first_failure": utc_iso(result.first_failure),
        "last_ok": utc_iso(result.last_ok),
        "fatal": fatal,
    }


def format_json(run: CheckRun) -> str:
    fatal = {id(result) for result in run.fatal}
    # One object a line: as easy to read and diff as indented JSON, and the C encoder (which
    # `indent` turns off) writes 10,000 results in a tenth of the time.
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per result
    lines = [encode(result_object(r, fatal=id(r) in fatal)) for r in run.results]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
