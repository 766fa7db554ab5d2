"""Benchmark: the link checker's CPU per request, with httpcore's anyio backend and ours.

    .venv/bin/python bench/linkcheck/client_cpu.py               # 2,000 URLs, 3 rounds
    .venv/bin/python bench/linkcheck/client_cpu.py --rounds 5 --urls 4000

One process serves every path with a 200 at once; each check runs in a fresh process of its
own, so that the server's CPU and earlier runs' garbage stay out of the figure, and the
backends take turns (ABBA) so that a machine busy with something else hurts both alike. The
figure is the client's process time over check_targets, after a short warm-up run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # the fault servers live with the tests

import httpcore  # noqa: E402
from tests.linkcheck.servers import ServerLoop, status  # noqa: E402

from dlnotes.linkcheck.checker import check_targets  # noqa: E402
from dlnotes.linkcheck.client import make_client  # noqa: E402
from dlnotes.linkcheck.options import CheckOptions, Target  # noqa: E402
from dlnotes.linkcheck.result import Verdict  # noqa: E402
from dlnotes.linkcheck.streams import AsyncioBackend  # noqa: E402
from dlnotes.model import Location  # noqa: E402
from dlnotes.urls import normalize_url  # noqa: E402

BACKENDS: dict[str, type[httpcore.AsyncNetworkBackend]] = {
    "anyio": httpcore.AnyIOBackend,
    "asyncio": AsyncioBackend,
}
WARMUP = 200


def serve(count: int) -> None:
    """Serve /0 ... /count-1 (and the warm-up paths) until stdin closes."""
    loop = ServerLoop()
    routes = {f"/{n}": status(200) for n in range(count + WARMUP)}
    server = loop.serve("127.0.0.1", routes)
    print(server.origin, flush=True)
    sys.stdin.read()
    loop.close()


def targets(origin: str, paths: range) -> list[Target]:
    urls = [f"{origin}/{n}" for n in paths]
    return [Target(normalize_url(url), url, (Location("bench.md", 1),)) for url in urls]


async def check(origin: str, backend: str, count: int) -> float:
    options = CheckOptions(allow_private=True, per_host=4)
    client = make_client(options)
    # Swap the guard's inner backend: the rest of the client is exactly what a run builds.
    client._transport._backend._inner = BACKENDS[backend]()  # type: ignore[attr-defined]
    try:
        warm_up = targets(origin, range(count, count + WARMUP))
        warm = await check_targets(warm_up, options, client=client)
        started = time.process_time()
        results = await check_targets(targets(origin, range(count)), options, client=client)
        spent = time.process_time() - started
    finally:
        await client.aclose()
    bad = [r for r in [*warm, *results] if r.status is not Verdict.OK]
    if bad:
        raise SystemExit(
            f"{len(bad)} URLs failed, first: {bad[0].url}: {bad[0].status} {bad[0].error}"
        )
    return spent


def measure(origin: str, backend: str, count: int) -> float:
    """ms of CPU per URL, in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--client", backend, "--origin", origin, "--urls", str(count)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(out) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--client", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--origin", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.urls)
        return
    if args.client:
        print(asyncio.run(check(args.origin, args.client, args.urls)))
        return

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--urls", str(args.urls)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        origin = server.stdout.readline().strip()
        figures: dict[str, list[float]] = {name: [] for name in BACKENDS}
        for round_ in range(args.rounds):
            order = list(BACKENDS) if round_ % 2 == 0 else list(reversed(BACKENDS))
            for backend in order:
                figures[backend].append(measure(origin, backend, args.urls))
            anyio, ours = figures["anyio"][-1], figures["asyncio"][-1]
            print(
                f"round {round_ + 1}: anyio {anyio:.3f}  asyncio {ours:.3f} ms/request"
                f"  ratio {ours / anyio:.2f}",
                flush=True,
            )
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    best = {name: min(values) for name, values in figures.items()}
    median = {name: statistics.median(values) for name, values in figures.items()}
    for name in BACKENDS:
        print(f"{name:8} best {best[name]:.3f}  median {median[name]:.3f} ms/request")
    # A round's two runs are seconds apart: the median of their ratios shrugs off load that
    # comes and goes better than a ratio of two medians does.
    pairs = zip(figures["asyncio"], figures["anyio"], strict=True)
    paired = statistics.median(ours / anyio for ours, anyio in pairs)
    print(
        f"asyncio/anyio: best {best['asyncio'] / best['anyio']:.2f}"
        f"  median {median['asyncio'] / median['anyio']:.2f}  median per round {paired:.2f}"
    )


if __name__ == "__main__":
    main()
