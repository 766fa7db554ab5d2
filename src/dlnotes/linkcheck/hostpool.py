"""Per-host pools under one global limit: who may send a request now.

Each host has its own limit (and its own pause after a 429), so one slow or angry host never
holds the others back. The global limit serves the host with the most work left first: hosts
with long queues decide when the run ends, so they should never wait behind short ones.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


class PriorityLimiter:
    """At most `limit` holders at once; waiters are served highest priority first, then in
    the order they came."""

    def __init__(self, limit: int) -> None:
        self._free = limit
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    async def acquire(self, priority: int = 0) -> None:
        if self._free > 0 and not self._waiters:
            self._free -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (-priority, next(self._order), future))
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # handed a slot while being cancelled: pass it on
            raise

    def has_free(self) -> bool:
        return self._free > 0 and not self._waiters

    def release(self) -> None:
        while self._waiters:
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():
                future.set_result(None)
                return
        self._free += 1


@dataclass
class HostLimit:
    """One host's requests in flight, its limit, and the time before which it must rest."""

    name: str
    limit: int
    active: int = 0
    most_active: int = 0  # the highest `active` seen: what the host's server would count
    requests: int = 0
    paused_until: float = 0.0
    _waiters: deque[asyncio.Future[None]] = field(default_factory=deque)

    async def acquire(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            rest = self.paused_until - loop.time()
            if rest > 0:
                await asyncio.sleep(rest)
                continue
            if self.active < self.limit:
                self.active += 1
                self.requests += 1
                self.most_active = max(self.most_active, self.active)
                return
            future: asyncio.Future[None] = loop.create_future()
            self._waiters.append(future)
            try:
                await future
            except asyncio.CancelledError:
                if future.done() and not future.cancelled():
                    self._wake_next()  # woken while being cancelled: wake another instead
                raise

    def release(self) -> None:
        self.active -= 1
        self._wake_next()

    def _wake_next(self) -> None:
        while self._waiters:
            future = self._waiters.popleft()
            if not future.done():
                future.set_result(None)
                return

    def has_free(self) -> bool:
        loop = asyncio.get_running_loop()
        return self.active < self.limit and self.paused_until <= loop.time()

    def rest(self, seconds: float) -> None:
        """A 429: no request to this host for `seconds`, whichever URL it is for."""
        loop = asyncio.get_running_loop()
        self.paused_until = max(self.paused_until, loop.time() + seconds)

    def halve(self) -> None:
        """Send half as many requests at once, for the rest of the run."""
        self.limit = max(1, self.limit // 2)


class HostPool:
    """Hands out request slots: one per host limit, one of the global limit."""

    def __init__(self, *, concurrency: int, per_host: int) -> None:
        self._global = PriorityLimiter(max(1, concurrency))
        self._per_host = max(1, per_host)
        self.hosts: dict[str, HostLimit] = {}

    def host(self, name: str) -> HostLimit:
        limit = self.hosts.get(name)
        if limit is None:
            limit = self.hosts[name] = HostLimit(name, self._per_host)
        return limit

    def has_free_slot(self, host: str) -> bool:
        """Whether a request to `host` would start now, without waiting behind another."""
        return self.host(host).has_free() and self._global.has_free()

    @asynccontextmanager
    async def slot(self, host: str, priority: int = 0) -> AsyncIterator[None]:
        # Host first: a request that must wait for its host should not hold a global slot.
        limit = self.host(host)
        await limit.acquire()
        try:
            await self._global.acquire(priority)
            try:
                yield
            finally:
                self._global.release()
        finally:
            limit.release()
