"""Check many URLs at once: each distinct URL once, each host at its own pace.

Scheduling is per host: every host gets up to `per_host` workers that take its URLs in order,
so a host with many URLs starts them all at the start of the run, not when a global queue in
document order reaches them. A URL waiting for a retry is set aside, and its worker moves on;
when its backoff is over, it goes to the head of its host's queue.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import httpx

from dlnotes.linkcheck.client import make_client
from dlnotes.linkcheck.filter import prefilter
from dlnotes.linkcheck.fragments import fragment_needs_check
from dlnotes.linkcheck.hostpool import HostPool
from dlnotes.linkcheck.options import CheckOptions, Target
from dlnotes.linkcheck.probe import Attempt, Prober, host_of
from dlnotes.linkcheck.result import CheckResult
from dlnotes.linkcheck.retry import backoff_delay
from dlnotes.linkcheck.verdicts import Judgement, judge
from dlnotes.model import Location

ResultCallback = Callable[[CheckResult], None]


@dataclass
class _Job:
    target: Target
    fragments: frozenset[str]
    sources: list[Location]
    attempts: int = 0


# Where a job waits in its host's queue: a retry that is due goes before the URLs not tried
# yet, so its wait is its backoff, not the rest of the host's queue; the end comes last.
_RETRY, _FIRST_TRY, _END = 0, 1, 2


@dataclass
class _HostQueue:
    name: str
    queue: asyncio.PriorityQueue[tuple[int, int, _Job | None]] = field(
        default_factory=asyncio.PriorityQueue
    )
    outstanding: int = 0  # jobs without a verdict yet, queued or set aside for a retry
    workers: int = 0
    _order: Iterator[int] = field(default_factory=itertools.count)

    def put(self, job: _Job | None, rank: int) -> None:
        # The count keeps document order within a rank, and jobs are never compared.
        self.queue.put_nowait((rank, next(self._order), job))

    async def get(self) -> _Job | None:
        return (await self.queue.get())[2]


def _merge(targets: Sequence[Target], options: CheckOptions) -> dict[str, _Job]:
    """One job per distinct key, holding every source and every fragment asked of it."""
    jobs: dict[str, _Job] = {}
    for target in targets:
        fragment = target.url.partition("#")[2]
        wanted = (
            frozenset({fragment})
            if options.check_fragments and fragment_needs_check(fragment)
            else frozenset()
        )
        job = jobs.get(target.key)
        if job is None:
            jobs[target.key] = _Job(target, wanted, list(target.sources))
        else:
            job.fragments |= wanted
            job.sources.extend(s for s in target.sources if s not in job.sources)
    return jobs


class _Run:
    def __init__(
        self,
        client: httpx.AsyncClient,
        options: CheckOptions,
        pool: HostPool,
        on_result: ResultCallback | None,
        prefiltered: bool,
    ) -> None:
        self._options = options
        self._pool = pool
        self._prober = Prober(client, pool, options)
        self._on_result = on_result
        self.results: dict[str, CheckResult] = {}
        self._prefiltered = prefiltered  # the caller filtered the targets already

    def finish(self, result: CheckResult) -> None:
        self.results[result.url] = result
        if self._on_result is not None:
            self._on_result(result)

    async def run(self, jobs: dict[str, _Job]) -> None:
        hosts: dict[str, _HostQueue] = {}
        for job in jobs.values():
            early = None if self._prefiltered else prefilter(job.target, self._options)
            if early is not None:
                early.sources = job.sources
                self.finish(early)
                continue
            name = host_of(job.target.url)
            host = hosts.setdefault(name, _HostQueue(name))
            host.put(job, _FIRST_TRY)
            host.outstanding += 1
        # A task group: if one worker fails (a callback raising, say), the others are
        # cancelled rather than left running on a closed client.
        try:
            async with asyncio.TaskGroup() as group:
                # Busiest hosts first, at the start as for every later slot (see HostPool).
                for host in sorted(hosts.values(), key=lambda h: -h.outstanding):
                    host.workers = min(self._options.per_host, host.outstanding)
                    for _ in range(host.workers):
                        group.create_task(self._worker(host))
        except BaseExceptionGroup as failed:
            raise failed.exceptions[0] from None  # callers see the error, not a group of it

    async def _worker(self, host: _HostQueue) -> None:
        while True:
            job = await host.get()
            if job is None:
                return
            await self._check(job, host)

    async def _check(self, job: _Job, host: _HostQueue) -> None:
        # The host with the most work left goes first for a global slot.
        attempt = await self._prober.attempt(
            job.target.url, sorted(job.fragments), priority=host.outstanding
        )
        judgement = judge(attempt, self._options)
        if judgement.retry and job.attempts < self._options.retries:
            delay = judgement.wait
            if delay is None:
                delay = backoff_delay(
                    job.attempts, self._options.backoff, self._options.retry_after_cap
                )
            if judgement.code == 429:
                # The whole host rests, not just this URL; see HostLimit.rest.
                host_limit = self._pool.host(host_of(attempt.url))
                host_limit.rest(delay)
                if judgement.slow_host:
                    host_limit.halve()
            job.attempts += 1
            # Set aside, not slept on: this worker goes on with the host's other URLs.
            asyncio.get_running_loop().call_later(delay, host.put, job, _RETRY)
            return
        self.finish(self._result(job, attempt, judgement))
        host.outstanding -= 1
        if host.outstanding == 0:
            for _ in range(host.workers):
                host.put(None, _END)

    def _result(self, job: _Job, attempt: Attempt, judgement: Judgement) -> CheckResult:
        error = judgement.error
        if error is not None and job.attempts:
            error = f"{error} (after {job.attempts + 1} attempts)"
        return CheckResult(
            url=job.target.key,
            status=judgement.verdict,
            code=judgement.code,
            final_url=attempt.url if attempt.hops else None,
            redirects=list(attempt.hops),
            error=error,
            sources=job.sources,
            checked_at=dt.datetime.now(dt.UTC),
        )


async def check_targets(
    targets: Sequence[Target],
    options: CheckOptions,
    *,
    on_result: ResultCallback | None = None,
    client: httpx.AsyncClient | None = None,
    pool: HostPool | None = None,
    prefiltered: bool = False,
) -> list[CheckResult]:
    """Check every distinct URL once; results in the order their keys first appear.

    `on_result` sees each result as soon as it is final (for progress and incremental caching).
    `client` and `pool` are for callers that share them; by default the run makes its own.
    `prefiltered`: every target passed `filter.prefilter` already (it parses each URL)."""
    jobs = _merge(targets, options)
    pool = pool or HostPool(concurrency=options.concurrency, per_host=options.per_host)
    own_client = client is None
    active = client or make_client(options)
    run = _Run(active, options, pool, on_result, prefiltered)
    try:
        await run.run(jobs)
    finally:
        if own_client:
            await active.aclose()
    return [run.results[key] for key in jobs]


def check_targets_sync(
    targets: Sequence[Target],
    options: CheckOptions,
    *,
    on_result: ResultCallback | None = None,
    prefiltered: bool = False,
) -> list[CheckResult]:
    return asyncio.run(
        check_targets(targets, options, on_result=on_result, prefiltered=prefiltered)
    )
