"""One check run: the model's URLs → fresh answers from the cache or the network → history →
policy → archive. Engine-free: it prints nothing and knows nothing of the CLI or MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dlnotes._gc import paused_gc
from dlnotes.linkcheck.accept import rejudged
from dlnotes.linkcheck.cache import CacheEntry, LinkCache
from dlnotes.linkcheck.config import CheckConfig
from dlnotes.linkcheck.filter import prefilter
from dlnotes.linkcheck.fragments import fragment_needs_check
from dlnotes.linkcheck.internal import check_internal, is_relative
from dlnotes.linkcheck.options import Target
from dlnotes.linkcheck.result import FAILING, GOOD, CheckResult, Health, Verdict
from dlnotes.model import Checked, KnowledgeBase, Location
from dlnotes.problems import Problem, Severity

OnResult = Callable[[CheckResult], None]
Clock = Callable[[], dt.datetime]

NO_NETWORK = (
    "no network: every host failed to resolve or connect, so nothing was learned and no "
    "failure was recorded; verdicts shown are from the cache where it had them"
)
# Results are written in batches while the run goes on: one transaction per 64 results or per
# half second, whichever comes first, so a killed run loses at most that much.
_FLUSH_EVERY = 64
_FLUSH_AFTER_S = 0.5
_ARCHIVE_RECHECK = dt.timedelta(days=30)  # a lookup that found nothing may find something later


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class CheckRun:
    """What a run found: one result per distinct URL, in document order, and what fails it."""

    results: list[CheckResult] = field(default_factory=list)
    fatal: list[CheckResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # internal links (notes, headings)
    warnings: list[str] = field(default_factory=list)
    network_down: bool = False
    offline: bool = False
    changed_only: bool = False  # True in --changed-since mode: only changed links were checked
    unverified: set[str] = field(default_factory=set)  # failed only because the network was down
    requested: int = 0  # URLs sent to the network this run (0 on a warm rerun)
    started_at: dt.datetime = field(default_factory=utcnow)
    duration: float = 0.0  # seconds

    @property
    def counts(self) -> dict[str, int]:
        """Results per verdict, every verdict present (0 when none)."""
        found = Counter(result.status.value for result in self.results)
        return {verdict.value: found.get(verdict.value, 0) for verdict in Verdict}

    @property
    def health_counts(self) -> dict[str, int]:
        found = Counter(result.health.value for result in self.results)
        return {health.value: found.get(health.value, 0) for health in Health}

    @property
    def failed(self) -> bool:
        """Whether the run fails the policy: a fatal URL or a broken link between notes."""
        return bool(self.fatal) or any(p.severity is Severity.ERROR for p in self.problems)


def collect_targets(kb: KnowledgeBase, only: Iterable[Checked] | None = None) -> list[Target]:
    """The URLs to check, one target per distinct URL as written (so each `#fragment` asked of
    a page is known), with every place that holds it, links then images, each in document
    order. Relative links (notes, headings, files) are not targets: `check_internal` reads
    them. `only`: just these (the links and images a change brought)."""
    sources: dict[tuple[str, str], list[Location]] = {}
    # The images' URLs too: a dead diagram or badge is rot like any other.
    for item in kb.links_and_images if only is None else only:
        if item.is_external or not is_relative(item.url):  # see check_internal
            sources.setdefault((item.normalized, item.url.strip()), []).append(item.location)
    return [Target(key=key, url=url, sources=tuple(at)) for (key, url), at in sources.items()]


def run_check(
    kb: KnowledgeBase,
    config: CheckConfig,
    *,
    offline: bool = False,
    only: Collection[Checked] | None = None,
    on_result: OnResult | None = None,
    on_start: Callable[[int], None] | None = None,
    clock: Clock = utcnow,
    notes_root: Path | None = None,
    read_missing_notes: bool = False,
) -> CheckRun:
    """Check the external URLs of `kb` and its links between notes. `offline` answers from the
    cache alone, sending no request.

    `only` (the `--changed-since` mode) checks just those links, and a new one that is broken
    fails the run. `on_start` is told how many distinct URLs there are, `on_result` sees each
    one's result as it is known (from the cache or the network): enough for a progress bar."""
    started = time.perf_counter()
    run = CheckRun(offline=offline, changed_only=only is not None, started_at=clock())
    run.problems = check_internal(kb, notes_root, read_missing=read_missing_notes)
    if only is not None:
        changed = {(link.location.file, link.location.line) for link in only}
        run.problems = [p for p in run.problems if (p.file, p.line) in changed]
    groups: dict[str, list[Target]] = {}
    with paused_gc():  # see dlnotes._gc
        for target in collect_targets(kb, only):
            groups.setdefault(target.key, []).append(target)
    if on_start is not None:
        on_start(len(groups))
    with LinkCache.open(config.cache_path) as cache:
        run.warnings.extend(cache.warnings)
        _Run(run, config, cache, clock, on_result).go(groups)
    new_urls = set(groups) if only is not None else None
    run.fatal = [
        result
        for result in run.results
        if result.url not in run.unverified and config.policy.is_fatal(result, new_urls=new_urls)
    ]
    run.duration = time.perf_counter() - started
    return run


class _Run:
    """The steps of one run, sharing the cache and the clock."""

    def __init__(
        self,
        run: CheckRun,
        config: CheckConfig,
        cache: LinkCache,
        clock: Clock,
        on_result: OnResult | None,
    ) -> None:
        self.run = run
        self.config = config
        self.cache = cache
        self.clock = clock
        self.on_result = on_result
        self.pending: list[CheckResult] = []  # fresh results not yet written
        self.held: list[CheckResult] = []  # fresh failures held until the network is known up
        self.network_up = False
        self.entries: dict[str, CacheEntry] = {}
        self.flushed_at = time.monotonic()

    def go(self, groups: dict[str, list[Target]]) -> None:
        with paused_gc():  # see dlnotes._gc: tens of thousands of entries, no cycles
            answers, to_check, local = self._answer_from_cache(groups)
        checked: list[CheckResult] = []
        if to_check:
            self.run.requested = len({target.key for target in to_check})
            try:
                # Here, not at the top: a run that the cache answers never loads httpx.
                from dlnotes.linkcheck.checker import check_targets_sync

                checked = check_targets_sync(
                    to_check, self.config.options, on_result=self._fresh_result, prefiltered=True
                )
            except BaseException:
                self._flush()  # an interrupted run (Ctrl-C) keeps what it learned
                raise
        self._finish(local, checked)
        with paused_gc():
            answers.update((result.url, result) for result in checked)
            self._collect(groups, answers)

    def _answer_from_cache(
        self, groups: dict[str, list[Target]]
    ) -> tuple[dict[str, CheckResult], list[Target], list[CheckResult]]:
        """What the cache (or the URL alone) answers, the targets left to check, and the
        results decided from the URL alone."""
        self.entries = self.cache.get_many(groups)
        answers: dict[str, CheckResult] = {}
        local: list[CheckResult] = []  # decided from the URL alone: malformed, mailto, excluded
        to_check: list[Target] = []
        now = self.clock()
        options = self.config.options
        other_agent = set() if self.run.offline else self._asked_as_someone_else()
        for key, targets in groups.items():
            entry = self.entries.get(key)
            # What today's accepted codes make of the cached verdict, if not what it says.
            judged = None if entry is None else rejudged(entry.status, entry.code, options)
            usable = entry is not None and (
                self.run.offline
                or (
                    self._fresh(entry, now)
                    and not self._asks_fragments(targets)
                    and judged is None
                    and key not in other_agent
                )
            )
            # Only what passed the filter was ever cached, so a fresh entry needs the filter
            # again only if include/exclude patterns may have changed since: the full filter
            # parses every URL and is most of a warm run's time.
            if entry is not None and usable and not self._patterns_apply(targets[0]):
                answers[key] = self._emit(_cached(entry, judged))
            elif (decided := prefilter(targets[0], options)) is not None:
                decided.checked_at = now
                local.append(decided)
                answers[key] = self._emit(decided)
            elif entry is not None and usable:
                answers[key] = self._emit(_cached(entry, judged))
            elif self.run.offline:
                answers[key] = self._emit(_not_cached(key))
            else:
                to_check.extend(targets)
        if not self.run.offline:  # an offline run only reads the cache
            self.pending.extend(r for r in local if r.status is not Verdict.SKIPPED)
        return answers, to_check, local

    def _collect(self, groups: dict[str, list[Target]], answers: dict[str, CheckResult]) -> None:
        """The run's results in document order, with their sources and health."""
        self.run.results = [answers[key] for key in groups if key in answers]
        for key, targets in groups.items():
            if key in answers:
                answers[key].sources = [s for t in targets for s in t.sources]
        now, health = self.clock(), self.config.policy.health
        for result in self.run.results:
            if result.url in self.run.unverified:
                result.health = Health.UNKNOWN
            else:
                result.health = health(result, now)

    def _asks_fragments(self, targets: list[Target]) -> bool:
        """Whether a `#fragment` of this page is to be looked for: the cache keeps the page's
        verdict, not which anchors it held, so such a page is fetched again."""
        return self.config.options.check_fragments and any(
            fragment_needs_check(target.url.partition("#")[2]) for target in targets
        )

    def _patterns_apply(self, target: Target) -> bool:
        """Whether an include/exclude pattern could skip this URL (the filter says how)."""
        options = self.config.options
        if not options.include and not options.exclude:
            return False
        candidates = (target.url, target.key)
        excluded = any(p.search(c) for p in _regexes(options.exclude) for c in candidates)
        included = not options.include or any(
            p.search(c) for p in _regexes(options.include) for c in candidates
        )
        return excluded or not included

    def _asked_as_someone_else(self) -> set[str]:
        """The URLs whose cached answer was not a good one and was had with another
        User-Agent: some sites refuse agents they do not know, so a new agent asks again."""
        doubtful = [url for url, e in self.entries.items() if e.status not in GOOD]
        if not doubtful:
            return set()
        agent = self.config.options.identity
        return {url for url, was in self.cache.agents(doubtful).items() if was != agent}

    def _fresh(self, entry: CacheEntry, now: dt.datetime) -> bool:
        max_age = self.config.max_age_failed if entry.failing else self.config.max_age
        return entry.age(now) < max_age

    def _emit(self, result: CheckResult) -> CheckResult:
        if self.on_result is not None:
            self.on_result(result)
        return result

    def _fresh_result(self, result: CheckResult) -> None:
        """Called by the checker as each answer arrives: write it (in batches) unless it is a
        failure that may only mean the network is down."""
        result.checked_at = self.clock()
        if result.code is not None:
            self.network_up = True
        if result.status in FAILING and not self.network_up:
            self.held.append(result)
        elif result.status is not Verdict.SKIPPED:
            self.pending.append(result)
        if self.network_up and self.held:
            self.pending.extend(self.held)
            self.held.clear()
        if len(self.pending) >= _FLUSH_EVERY or (
            self.pending and time.monotonic() - self.flushed_at >= _FLUSH_AFTER_S
        ):
            self._flush()
        self._emit(result)

    def _flush(self) -> None:
        self.flushed_at = time.monotonic()
        if self.pending:
            agent = self.config.options.identity
            self.entries.update(self.cache.record_many(self.pending, self.clock(), agent=agent))
            self.pending.clear()

    def _finish(self, local: list[CheckResult], checked: list[CheckResult]) -> None:
        self.run.network_down = not self.network_up and _all_unreachable(checked)
        if self.run.network_down:
            self.run.warnings.append(NO_NETWORK)
            self.run.unverified = {r.url for r in self.held}
            self.held.clear()
        self.pending.extend(self.held)
        self.held.clear()
        self._flush()
        # Copy the streak the cache now holds onto each result, so the policy can read it.
        for results in (local, checked):
            for index, result in enumerate(results):
                entry = self.entries.get(result.url)
                if entry is None or result.status is Verdict.SKIPPED:
                    continue
                if result.url in self.run.unverified:
                    # What the cache knew stands in for what the network could not say.
                    results[index] = entry.to_result()
                    self.run.unverified.discard(result.url)
                    continue
                result.checked_at = entry.last_checked
                result.consecutive_failures = entry.consecutive_failures
                result.first_failure = entry.first_failure
                result.last_ok = entry.last_ok
                result.archive_url = entry.archive_url if result.status in FAILING else None
        if self.config.archive and not self.run.network_down:
            self._archive([r for r in checked if r.status in FAILING and not r.from_cache])

    def _archive(self, failing: list[CheckResult]) -> None:
        now = self.clock()
        wanted = [
            result
            for result in failing
            if result.archive_url is None
            and (
                (entry := self.entries.get(result.url)) is None
                or entry.archive_checked is None
                or now - entry.archive_checked >= _ARCHIVE_RECHECK
            )
        ]
        if not wanted:
            return
        from dlnotes.linkcheck.archive import lookup_many_sync

        found = lookup_many_sync(
            [result.url for result in wanted],
            self.config.archive_endpoint,
            timeout=self.config.options.timeout,
            user_agent=self.config.options.user_agent,
            header=self.config.options.header,
        )
        for result in wanted:
            if result.url in found:
                result.archive_url = found[result.url]
                self.cache.set_archive(result.url, result.archive_url, now)


@functools.lru_cache(maxsize=16)
def _regexes(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def _cached(entry: CacheEntry, judged: Verdict | None) -> CheckResult:
    """The cached verdict, or what today's accepted codes make of it (`accept.rejudged`): only
    an offline run answers with that, an online one asks the URL again."""
    result = entry.to_result()
    if judged is Verdict.OK:
        result.status, result.error, result.archive_url = judged, None, None
        result.first_failure, result.consecutive_failures = None, 0
    elif judged is not None:
        result.status, result.error = judged, f"HTTP {entry.code}, not an accepted code"
    return result


def _not_cached(key: str) -> CheckResult:
    return CheckResult(
        url=key, status=Verdict.SKIPPED, error="offline run: this URL is not in the cache yet"
    )


def _all_unreachable(checked: list[CheckResult]) -> bool:
    """True when no host answered at all, over at least two hosts: one host that fails may just
    be gone, every host failing means the machine has no network."""
    tried = [r for r in checked if r.status is not Verdict.SKIPPED]
    if not tried or any(r.code is not None or r.status not in FAILING for r in tried):
        return False
    return len({_host(r.url) for r in tried}) >= 2


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return url
