"""The JUnit XML report: one test case per URL and per broken link between notes, so a CI
server lists each failing link by name."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dlnotes.linkcheck.result import Verdict
from dlnotes.linkcheck.run import CheckRun
from dlnotes.problems import Severity
from dlnotes.report.common import detail, is_fatal


def format_junit(run: CheckRun) -> str:
    suite = ET.Element("testsuite", name="dlnotes.linkcheck")
    failures = skipped = 0
    for result in run.results:
        where = result.sources[0].file if result.sources else "notes"
        case = ET.SubElement(suite, "testcase", classname=where, name=result.url)
        text = detail(result) or result.status.value
        sources = "\n".join(str(source) for source in result.sources)
        if is_fatal(run, result):
            failures += 1
            failure = ET.SubElement(case, "failure", message=f"{result.status.value}: {text}")
            failure.text = sources + (
                f"\narchived copy: {result.archive_url}" if result.archive_url else ""
            )
        elif result.status in (Verdict.SKIPPED, Verdict.BLOCKED):
            skipped += 1
            ET.SubElement(case, "skipped", message=f"{result.status.value}: {text}")
        elif result.status is not Verdict.OK:
            out = ET.SubElement(case, "system-out")
            out.text = f"{result.status.value}: {text}\n{sources}"
    for problem in run.problems:
        case = ET.SubElement(
            suite, "testcase", classname=problem.file, name=f"{problem.file}:{problem.line}"
        )
        if problem.severity is Severity.ERROR:
            failures += 1
            ET.SubElement(case, "failure", message=problem.message)
    suite.set("tests", str(len(run.results) + len(run.problems)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    suite.set("time", f"{run.duration:.3f}")
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )
