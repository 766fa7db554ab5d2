"""The schedules a checker's wall time is measured against, worked out from the corpus alone.

- The ideal schedule: a lower bound on any checker that follows the issue's rules, even one
  that knew every URL's fault in advance and ordered its requests to suit; and the stricter
  bound on any checker at all, which may ignore the rule that a 429 rests its whole host.
- The in-order schedule: how long a checker takes that costs nothing to start, to parse or
  to send, and otherwise does what the issue asks of dlnotes: each host's URLs in the order
  the notes give them (no foreknowledge of which is slow), within the per-host and global
  limits (a free slot to the host with the most URLs left), HEAD first and a GET after a 403,
  404, 405 or a broken connection, a host rested after a 429, a 500, 503 or reset retried
  after a backoff. The gap between it and a real run is the checker's
  own overhead; the gap between it and the ideal is what that policy costs on the corpus.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bench.linkcheck.corpus import BY_NAME, Corpus, Url

from dlnotes.urls import normalize_url

if TYPE_CHECKING:
    from bench.linkcheck.run import Setup


def ideal_seconds(
    corpus: Corpus, setup: Setup, *, attempts: int = 1, rest_hosts: bool = True
) -> float:
    """The issue's ideal schedule, a lower bound: per host, its URLs' unavoidable costs (one
    latency per hop, the timeout of a URL that never answers, once per attempt) spread over
    `per_host` slots - but never less than its slowest URL or its ⌈n ÷ per_host⌉ rounds.

    With `rest_hosts`, a 429's `Retry-After` comes on top for its whole host: the issue asks
    every checker to rest the host, so while it waits no slot of that host works (the issue's
    "plus ... Retry-After waits"). Without, the wait is spread over the host's slots like any
    other cost: a bound on any checker at all, rules or none (the stricter figure, the only one
    this bench printed before 2026-11-30)."""
    costs: dict[int, list[float]] = {}
    rests: dict[int, float] = {}
    for url in corpus.urls:
        kind = BY_NAME[url.kind]
        cost = kind.requests * setup.latency
        if kind.never_answers:
            cost = setup.timeout * attempts
        if rest_hosts:
            rests[url.host] = max(rests.get(url.host, 0.0), kind.wait)
        else:
            cost += kind.wait
        costs.setdefault(url.host, []).append(cost)
    bounds = []
    for host, host_costs in costs.items():
        if host < 0:
            continue
        rounds = math.ceil(len(host_costs) / setup.per_host) * setup.latency
        busy = max(max(host_costs), sum(host_costs) / setup.per_host, rounds)
        bounds.append(busy + rests.get(host, 0.0))
    every = sum(sum(c) for c in costs.values()) / setup.concurrency
    return max([*bounds, every])


def in_order_seconds(corpus: Corpus, setup: Setup) -> float:
    """The in-order schedule's length: each host's URLs in document order (as first written),
    at most `per_host` at once and `concurrency` over all hosts, a free slot going to the host
    with the most URLs left (dlnotes' rule); a URL's hops back to back in its slot, a
    never-answering URL holding its slot for one timeout, a 429 resting the whole host for
    its `Retry-After`, and the retries the issue asks for (a 500, a 503 or a reset asked again
    after an average backoff, its slot free meanwhile); a URL asked again goes first."""
    by_key = {url.key: url for url in corpus.urls}
    order: dict[int, list[Url]] = {}
    seen: set[str] = set()
    for written in corpus.links:
        url = by_key[normalize_url(written)]
        if url.key not in seen and url.host >= 0:
            seen.add(url.key)
            order.setdefault(url.host, []).append(url)
    # The ideal bounds every checker that follows the rules, this one too.
    return max(_in_order(list(order.values()), setup), ideal_seconds(corpus, setup))


# Kinds whose attempts fail before the last: a 500 passes when asked again, a 503 and a reset
# never do (every retry fails).
_FAILS_ONCE = frozenset({"flaky500"})
_FAILS_ALWAYS = frozenset({"down503", "reset"})


@dataclass(frozen=True)
class _Attempt:
    takes: float  # seconds it holds a slot
    rest: float = 0.0  # then the whole host waits this long (Retry-After)
    backoff: float = 0.0  # or this URL alone does, before its next attempt


def _attempts(url: Url, setup: Setup) -> list[_Attempt]:
    kind = BY_NAME[url.kind]
    if kind.never_answers:
        return [_Attempt(setup.timeout)]  # retried alongside, not after: one timeout
    asks = setup.latency * (2 if kind.head_then_get else 1)  # one attempt at one hop
    if kind.wait:
        return [
            _Attempt(asks, rest=kind.wait),
            _Attempt((kind.requests - 1) * setup.latency),
        ]
    if kind.name in _FAILS_ONCE:
        fails = 1
    elif kind.name in _FAILS_ALWAYS:
        fails = setup.retries
    else:
        return [_Attempt(asks + (kind.requests - 1) * setup.latency)]
    backoffs = [setup.backoff * 2**n for n in range(fails)]
    return [_Attempt(asks, backoff=wait) for wait in backoffs] + [_Attempt(asks)]


@dataclass
class _Host:
    waiting: deque[Url]  # not asked yet, in document order
    left: int  # URLs without a final answer
    again: deque[Url] = field(default_factory=deque)  # asked again once its wait is over
    active: int = 0
    rest_until: float = 0.0


def _in_order(hosts: list[list[Url]], setup: Setup) -> float:
    plans = {id(url): _attempts(url, setup) for urls in hosts for url in urls}
    done = dict.fromkeys(plans, 0)  # attempts made, by URL
    state = [_Host(deque(urls), len(urls)) for urls in hosts]
    free, end = setup.concurrency, 0.0
    # (time, tie-break, what happens, host, URL): an attempt ends, a URL's backoff ends, a
    # host's rest ends
    events: list[tuple[float, int, str, int, Url | None]] = []
    tickets = itertools.count()

    def start(now: float) -> None:
        nonlocal free
        while free:
            ready = [
                (-host.left, index)
                for index, host in enumerate(state)
                if host.active < setup.per_host
                and now >= host.rest_until
                and (host.again or host.waiting)
            ]
            if not ready:
                return
            index = min(ready)[1]
            host = state[index]
            url = host.again.popleft() if host.again else host.waiting.popleft()
            attempt = plans[id(url)][done[id(url)]]
            host.active += 1
            free -= 1
            heapq.heappush(events, (now + attempt.takes, next(tickets), "answered", index, url))

    start(0.0)
    while events:
        now, _, what, index, url = heapq.heappop(events)
        host = state[index]
        if what == "answered" and url is not None:
            free += 1
            host.active -= 1
            end = max(end, now)
            attempt = plans[id(url)][done[id(url)]]
            done[id(url)] += 1
            if attempt.rest:
                host.rest_until = max(host.rest_until, now + attempt.rest)
                host.again.append(url)
                heapq.heappush(events, (host.rest_until, next(tickets), "rested", index, None))
            elif attempt.backoff:
                heapq.heappush(
                    events, (now + attempt.backoff, next(tickets), "backed off", index, url)
                )
            else:
                host.left -= 1
        elif what == "backed off" and url is not None:
            host.again.append(url)
        start(now)
    return end
