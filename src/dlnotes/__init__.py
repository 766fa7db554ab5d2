"""dlnotes: a personal knowledge base that publishes itself.

The public API, re-exported from the modules that own it. Names load on first use, so that
`import dlnotes` (which every submodule import runs) costs nothing: `dlnotes lint` never loads
httpx, and the MkDocs plugin never loads the HTTP engine unless it checks online.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlnotes._lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dlnotes.bookmarks import to_netscape
    from dlnotes.importer import FileChange, ImportPlan, plan_import
    from dlnotes.kbjson import kb_to_dict, kb_to_json
    from dlnotes.linkcheck import (
        CheckConfig,
        CheckOptions,
        CheckResult,
        CheckRun,
        HeaderRule,
        Health,
        LinkCache,
        Policy,
        Target,
        Verdict,
        changed_links,
        check_internal,
        check_targets_sync,
        load_config,
        offline_check,
        parse_header,
        run_check,
        verdicts_key,
    )
    from dlnotes.model import (
        AdjoiningList,
        Checklist,
        ChecklistItem,
        Heading,
        Image,
        KnowledgeBase,
        Link,
        LinkKind,
        ListItemBlock,
        Location,
        Note,
        Person,
        Quote,
        Tip,
        WikiLink,
    )
    from dlnotes.parse import ParseCache, ParseResult, load_notes, parse_note
    from dlnotes.problems import DlnotesError, Problem, Severity
    from dlnotes.report import format_results
    from dlnotes.stats import Stats, compute_stats
    from dlnotes.urls import normalize_url
    from dlnotes.write import ChangedOnDiskError, write_atomic

_HOMES = {
    "AdjoiningList": "dlnotes.model",
    "ChangedOnDiskError": "dlnotes.write",
    "CheckConfig": "dlnotes.linkcheck",
    "CheckOptions": "dlnotes.linkcheck",
    "CheckResult": "dlnotes.linkcheck",
    "CheckRun": "dlnotes.linkcheck",
    "Checklist": "dlnotes.model",
    "ChecklistItem": "dlnotes.model",
    "DlnotesError": "dlnotes.problems",
    "FileChange": "dlnotes.importer",
    "HeaderRule": "dlnotes.linkcheck",
    "Heading": "dlnotes.model",
    "Image": "dlnotes.model",
    "Health": "dlnotes.linkcheck",
    "ImportPlan": "dlnotes.importer",
    "KnowledgeBase": "dlnotes.model",
    "Link": "dlnotes.model",
    "LinkCache": "dlnotes.linkcheck",
    "LinkKind": "dlnotes.model",
    "ListItemBlock": "dlnotes.model",
    "Location": "dlnotes.model",
    "Note": "dlnotes.model",
    "ParseCache": "dlnotes.parse",
    "ParseResult": "dlnotes.parse",
    "Person": "dlnotes.model",
    "Policy": "dlnotes.linkcheck",
    "Problem": "dlnotes.problems",
    "Quote": "dlnotes.model",
    "Severity": "dlnotes.problems",
    "Stats": "dlnotes.stats",
    "Target": "dlnotes.linkcheck",
    "Tip": "dlnotes.model",
    "Verdict": "dlnotes.linkcheck",
    "WikiLink": "dlnotes.model",
    "changed_links": "dlnotes.linkcheck",
    "check_internal": "dlnotes.linkcheck",
    "check_targets_sync": "dlnotes.linkcheck",
    "compute_stats": "dlnotes.stats",
    "format_results": "dlnotes.report",
    "kb_to_dict": "dlnotes.kbjson",
    "kb_to_json": "dlnotes.kbjson",
    "load_config": "dlnotes.linkcheck",
    "load_notes": "dlnotes.parse",
    "normalize_url": "dlnotes.urls",
    "offline_check": "dlnotes.linkcheck",
    "parse_header": "dlnotes.linkcheck",
    "parse_note": "dlnotes.parse",
    "plan_import": "dlnotes.importer",
    "run_check": "dlnotes.linkcheck",
    "to_netscape": "dlnotes.bookmarks",
    "verdicts_key": "dlnotes.linkcheck",
    "write_atomic": "dlnotes.write",
}

__all__ = [
    "AdjoiningList",
    "ChangedOnDiskError",
    "CheckConfig",
    "CheckOptions",
    "CheckResult",
    "CheckRun",
    "Checklist",
    "ChecklistItem",
    "DlnotesError",
    "FileChange",
    "HeaderRule",
    "Heading",
    "Health",
    "Image",
    "ImportPlan",
    "KnowledgeBase",
    "Link",
    "LinkCache",
    "LinkKind",
    "ListItemBlock",
    "Location",
    "Note",
    "ParseCache",
    "ParseResult",
    "Person",
    "Policy",
    "Problem",
    "Quote",
    "Severity",
    "Stats",
    "Target",
    "Tip",
    "Verdict",
    "WikiLink",
    "changed_links",
    "check_internal",
    "check_targets_sync",
    "compute_stats",
    "format_results",
    "kb_to_dict",
    "kb_to_json",
    "load_config",
    "load_notes",
    "normalize_url",
    "offline_check",
    "parse_header",
    "parse_note",
    "plan_import",
    "run_check",
    "to_netscape",
    "verdicts_key",
    "write_atomic",
]


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, globals())
