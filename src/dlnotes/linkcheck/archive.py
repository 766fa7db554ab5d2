"""Archived copies of failing links, from the Wayback Machine's availability API.

The endpoint is configurable so that tests (and mirrors) can stand in for archive.org. A lookup
that could not be made is left out of the answer, so it is retried next run; a lookup that found
nothing is an answer (None) and is cached like one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dlnotes.linkcheck.headers import HeaderRule, headers_for

if TYPE_CHECKING:
    import httpx

_CONCURRENCY = 4  # one shared service: be gentle


def parse_availability(payload: object) -> str | None:
    """The closest available snapshot's URL in an availability API answer, or None."""
    if not isinstance(payload, dict):
        return None
    snapshots = payload.get("archived_snapshots")
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None
    url = closest.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    return url


async def lookup(client: httpx.AsyncClient, endpoint: str, url: str) -> str | None:
    """One lookup; raises httpx.HTTPError (or ValueError on a non-JSON answer) when it fails."""
    response = await client.get(endpoint, params={"url": url})
    response.raise_for_status()
    return parse_availability(response.json())


async def lookup_many(
    urls: Iterable[str],
    endpoint: str,
    *,
    timeout: float = 20.0,
    user_agent: str | None = None,
    header: Iterable[HeaderRule] = (),
) -> dict[str, str | None]:
    """Look up each URL; failed lookups are absent from the result. `header`: the extra
    headers of the check, those for the endpoint's host are sent."""
    import httpx  # here: the configuration reads this module, and needs no HTTP client

    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    gate = asyncio.Semaphore(_CONCURRENCY)
    found: dict[str, str | None] = {}
    headers = {"User-Agent": user_agent} if user_agent else {}
    headers |= headers_for(endpoint, header)

    async def one(client: httpx.AsyncClient, url: str) -> None:
        async with gate:
            # A failed lookup is left out, so the next run tries again.
            with contextlib.suppress(httpx.HTTPError, httpx.InvalidURL, ValueError):
                found[url] = await lookup(client, endpoint, url)

    async with httpx.AsyncClient(timeout=timeout, headers=headers) as client:
        await asyncio.gather(*(one(client, url) for url in wanted))
    return found


def lookup_many_sync(
    urls: Iterable[str],
    endpoint: str,
    *,
    timeout: float = 20.0,
    user_agent: str | None = None,
    header: Iterable[HeaderRule] = (),
) -> dict[str, str | None]:
    return asyncio.run(
        lookup_many(urls, endpoint, timeout=timeout, user_agent=user_agent, header=header)
    )
