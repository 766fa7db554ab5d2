"""The link checker: filter, per-host pool, HTTP probe, cache and policy over the model's URLs.

Names are loaded on first use, so that `import dlnotes.linkcheck.result` (which every report
needs) does not pay for httpx and SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlnotes._lazy import lazy_exports

if TYPE_CHECKING:
    from dlnotes.linkcheck.cache import CacheEntry, HistoryEntry, LinkCache
    from dlnotes.linkcheck.changed import GitRefError, changed_links
    from dlnotes.linkcheck.checker import check_targets, check_targets_sync
    from dlnotes.linkcheck.client import FetchError, fetch_text, make_client
    from dlnotes.linkcheck.config import CheckConfig, ConfigError, load_config
    from dlnotes.linkcheck.headers import HeaderRule, parse_header
    from dlnotes.linkcheck.internal import check_internal
    from dlnotes.linkcheck.offline import offline_check, verdicts_key
    from dlnotes.linkcheck.options import CheckOptions, Target
    from dlnotes.linkcheck.policy import Policy
    from dlnotes.linkcheck.result import FAILING, CheckResult, Health, Hop, Verdict
    from dlnotes.linkcheck.run import CheckRun, collect_targets, run_check

_HOMES = {
    "CacheEntry": "cache",
    "CheckConfig": "config",
    "CheckOptions": "options",
    "CheckResult": "result",
    "CheckRun": "run",
    "ConfigError": "config",
    "FAILING": "result",
    "FetchError": "client",
    "GitRefError": "changed",
    "HeaderRule": "headers",
    "Health": "result",
    "HistoryEntry": "cache",
    "Hop": "result",
    "LinkCache": "cache",
    "Policy": "policy",
    "Target": "options",
    "Verdict": "result",
    "changed_links": "changed",
    "check_internal": "internal",
    "check_targets": "checker",
    "check_targets_sync": "checker",
    "collect_targets": "run",
    "fetch_text": "client",
    "load_config": "config",
    "make_client": "client",
    "offline_check": "offline",
    "parse_header": "headers",
    "run_check": "run",
    "verdicts_key": "offline",
}

__all__ = [
    "FAILING",
    "CacheEntry",
    "CheckConfig",
    "CheckOptions",
    "CheckResult",
    "CheckRun",
    "ConfigError",
    "FetchError",
    "GitRefError",
    "HeaderRule",
    "Health",
    "HistoryEntry",
    "Hop",
    "LinkCache",
    "Policy",
    "Target",
    "Verdict",
    "changed_links",
    "check_internal",
    "check_targets",
    "check_targets_sync",
    "collect_targets",
    "fetch_text",
    "load_config",
    "make_client",
    "offline_check",
    "parse_header",
    "run_check",
    "verdicts_key",
]


__getattr__, __dir__ = lazy_exports(
    __name__, {name: f"{__name__}.{home}" for name, home in _HOMES.items()}, globals()
)
