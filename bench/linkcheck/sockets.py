"""Benchmark: the CPU a link check spends sending requests, layer by layer, over HTTP and HTTPS.

    .venv/bin/python bench/linkcheck/sockets.py              # 2,000 HEADs a run, 3 rounds
    .venv/bin/python bench/linkcheck/sockets.py --requests 4000 --rounds 5

Four stacks, each with a pool per origin, 4 connections each and 64 requests at once, as the
checker has:
- `anyio`: httpcore's pool on httpcore's anyio backend;
- `dlnotes`: httpcore's pool on dlnotes' own stream (`dlnotes.linkcheck.streams`);
- `httpx`: httpx requests and responses through httpx's transport, on that same pool and
  stream (what the checker sent through until `dlnotes.linkcheck.transport`);
- `transport`: httpx requests and responses through `dlnotes.linkcheck.transport` (h11 on
  dlnotes' stream), what the checker sends through now.

The servers (the tests' fault servers, 50 origins on 127.0.0.1, 10 ms latency, HTTPS with the
tests' certificate) run in a child process, so the CPU counted is the client's alone. Each
round runs every stack once, in turn; printed are each run's CPU seconds and, per scheme, the
median ratios within a round of dlnotes' stream to anyio's and of dlnotes' transport to
httpx's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import ssl
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpcore
import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # the fault servers live with the tests

from tests.linkcheck.servers import TLS_CERT, ServerLoop, server_tls, status  # noqa: E402

from dlnotes.linkcheck.safety import GuardedBackend  # noqa: E402
from dlnotes.linkcheck.streams import AsyncioBackend  # noqa: E402
from dlnotes.linkcheck.transport import PerOriginTransport  # noqa: E402

ORIGINS = 50
BACKENDS: dict[str, type[httpcore.AsyncNetworkBackend]] = {
    "anyio": httpcore.AnyIOBackend,
    "dlnotes": AsyncioBackend,
}
STACKS = (*BACKENDS, "httpx", "transport")


def serve() -> None:
    """The child: start the servers, print their origins, serve until stdin closes."""
    loop = ServerLoop()
    origins = {
        scheme: [
            loop.serve("127.0.0.1", {"/": status(200)}, 0.01, tls).origin for _ in range(ORIGINS)
        ]
        for scheme, tls in (("http", None), ("https", server_tls()))
    }
    print(json.dumps(origins), flush=True)
    sys.stdin.read()


async def _run(origins: list[str], backend: httpcore.AsyncNetworkBackend, requests: int) -> None:
    context = ssl.create_default_context(cafile=str(TLS_CERT))
    # As the checker does: a pool per origin, 4 connections each, 64 requests at once.
    pools = [
        httpcore.AsyncConnectionPool(
            ssl_context=context, max_connections=4, network_backend=backend
        )
        for _ in origins
    ]
    limit = asyncio.Semaphore(64)

    async def one(n: int) -> None:
        async with limit:
            response = await pools[n % len(pools)].request("HEAD", origins[n % len(pools)] + "/")
            assert response.status == 200

    await asyncio.gather(*(one(n) for n in range(requests)))
    for pool in pools:
        await pool.aclose()


def _httpx_transport(context: ssl.SSLContext) -> httpx.AsyncHTTPTransport:
    transport = httpx.AsyncHTTPTransport(verify=context, trust_env=False)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=context, max_connections=4, network_backend=AsyncioBackend()
    )
    return transport


async def _run_httpx(origins: list[str], stack: str, requests: int) -> None:
    context = ssl.create_default_context(cafile=str(TLS_CERT))
    transports: list[httpx.AsyncBaseTransport] = [
        _httpx_transport(context)
        if stack == "httpx"
        else PerOriginTransport(
            backend=GuardedBackend(guard=False), ssl_context=context, per_origin=4
        )
        for _ in origins
    ]
    limit = asyncio.Semaphore(64)

    async def one(n: int) -> None:
        async with limit:
            request = httpx.Request("HEAD", origins[n % len(origins)] + "/")
            response = await transports[n % len(origins)].handle_async_request(request)
            await response.aread()
            assert response.status_code == 200

    await asyncio.gather(*(one(n) for n in range(requests)))
    for transport in transports:
        await transport.aclose()


def cpu_seconds(origins: list[str], stack: str, requests: int) -> float:
    started = time.process_time()
    if stack in BACKENDS:
        asyncio.run(_run(origins, BACKENDS[stack](), requests))
    else:
        asyncio.run(_run_httpx(origins, stack, requests))
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
        return
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        origins: dict[str, list[str]] = json.loads(child.stdout.readline())
        for scheme, where in origins.items():
            streams, transports = [], []
            for round_ in range(1, args.rounds + 1):
                cpu = {name: cpu_seconds(where, name, args.requests) for name in STACKS}
                streams.append(cpu["dlnotes"] / cpu["anyio"])
                transports.append(cpu["transport"] / cpu["httpx"])
                print(
                    f"{scheme:5} round {round_}: "
                    + "  ".join(f"{name} {seconds:.2f} s" for name, seconds in cpu.items())
                    + f"  dlnotes/anyio {streams[-1]:.2f}  transport/httpx {transports[-1]:.2f}",
                    flush=True,
                )
            print(
                f"{scheme:5} median CPU: dlnotes/anyio {statistics.median(streams):.2f}, "
                f"transport/httpx {statistics.median(transports):.2f}"
            )
    finally:
        child.stdin.close()  # type: ignore[union-attr]
        child.wait(timeout=10)


if __name__ == "__main__":
    main()
