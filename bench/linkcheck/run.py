"""Benchmark: dlnotes and its peers on the same generated corpus, served by local fault hosts.

    .venv/bin/python bench/linkcheck/run.py            # the 2,000-link cold run, every checker
    .venv/bin/python bench/linkcheck/run.py --warm     # 10,000 links, a cached rerun
    .venv/bin/python bench/linkcheck/run.py --checker dlnotes --seeds 1-10
                                                       # other corpora: where the faults fall

Prints, per checker: wall time (process start included), peak memory, requests the hosts
received, the most requests in flight on one host, verdicts right and wrong against the ground
truth, and the ratio to the ideal schedule and to the in-order schedule (`schedule.py`: what the
issue's rules cost with no overhead). See the README's "Link checker benchmark".
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # the fault servers live with the tests

from bench.linkcheck.corpus import BY_NAME, Corpus, make_corpus, write_notes  # noqa: E402
from bench.linkcheck.schedule import ideal_seconds, in_order_seconds  # noqa: E402
from tests.linkcheck.servers import FaultServer, ServerLoop  # noqa: E402

from dlnotes.urls import normalize_url  # noqa: E402

PEERS = Path(os.environ.get("DLNOTES_BENCH_PEERS", "/tmp/peers"))
DLNOTES = Path(sys.executable).parent / "dlnotes"


@dataclass(frozen=True)
class Setup:
    hosts: int = 50
    distinct: int = 1800
    links: int = 2000
    latency: float = 0.05
    timeout: float = 3.0
    per_host: int = 4
    concurrency: int = 64
    retries: int = 2
    backoff: float = 0.5  # dlnotes' first retry delay, doubled each retry; jitter averages 1x
    seed: int = 7  # the corpus: which URLs are faulty, on which hosts, in which order


@dataclass
class Outcome:
    name: str
    wall: float
    cpu: float  # user + system seconds of the checker and the children it waited for
    peak_mib: float
    requests: int
    most_in_flight: int
    connections: int
    right: int
    wrong: int
    wrong_kinds: Counter[str]
    exit_code: int
    stopped: str = ""


# What a checker says of each URL as written: a dlnotes verdict, or "alive"/"dead".
Verdicts = dict[str, str]


@dataclass(frozen=True)
class Checker:
    name: str
    command: Callable[[Path, Setup], list[str]]
    read: Callable[[Path, str], Verdicts]  # workdir, stdout -> verdicts
    exact: bool  # says dlnotes verdicts (else only alive/dead)

    def available(self) -> bool:
        return Path(self.command(Path("/"), Setup())[0]).exists()


def _dlnotes_command(work: Path, setup: Setup) -> list[str]:
    return [
        str(DLNOTES),
        "check",
        str(work / "notes"),
        "--format=json",
        f"--output={work / 'report.json'}",
        f"--cache={work / 'cache.sqlite'}",
        f"--timeout={setup.timeout}",
        f"--per-host={setup.per_host}",
        f"--concurrency={setup.concurrency}",
        f"--retries={setup.retries}",
        "--allow-private",
        "--no-archive",
    ]


def _dlnotes_read(work: Path, stdout: str) -> Verdicts:
    report = json.loads((work / "report.json").read_text(encoding="utf-8"))
    items = report if isinstance(report, list) else report.get("results", [])
    return {item["url"]: item["status"] for item in items}


def _linkinator_command(work: Path, setup: Setup) -> list[str]:
    cli = PEERS / "li6/node_modules/.bin/linkinator"
    return [
        str(cli),
        "notes/*.md",  # linkinator serves the working folder: paths relative to it
        "--markdown",
        "--format=json",
        f"--timeout={int(setup.timeout * 1000)}",
        f"--concurrency={setup.concurrency}",
        "--retry",
        "--retry-errors",
        f"--retry-errors-count={setup.retries}",
    ]


def _linkinator_read(work: Path, stdout: str) -> Verdicts:
    data = json.loads(stdout[stdout.index("{") :])
    return {
        link["url"]: "alive" if link["state"] == "OK" else "dead"
        for link in data["links"]
        if link["url"].startswith("http") and link["state"] != "SKIPPED"
    }


def _mlc_command(work: Path, setup: Setup) -> list[str]:
    config = work / "mlc.json"
    config.write_text(json.dumps({"timeout": f"{setup.timeout:g}s", "retryOn429": True}))
    return [
        str(PEERS / "node_modules/.bin/markdown-link-check"),
        "-c",
        str(config),
        str(work / "notes"),
    ]


def _mlc_read(work: Path, stdout: str) -> Verdicts:
    verdicts: Verdicts = {}
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith(("[✓]", "[✖]")) and "→" not in line:
            verdicts[line[4:].strip()] = "alive" if line.startswith("[✓]") else "dead"
    return verdicts


def _linkchecker_command(work: Path, setup: Setup) -> list[str]:
    return [
        str(PEERS / "venv/bin/linkchecker"),
        "--check-extern",
        "--no-robots",
        "--no-status",
        "--verbose",  # every URL, not only the failures
        "-o",
        "csv",
        f"--timeout={setup.timeout:g}",
        "-t",
        str(min(setup.concurrency, 100)),
        str(work / "corpus.html"),
    ]


def _linkchecker_read(work: Path, stdout: str) -> Verdicts:
    rows = [line for line in stdout.splitlines() if line and not line.startswith("#")]
    verdicts: Verdicts = {}
    for row in csv.DictReader(rows, delimiter=";"):
        url = row.get("urlname") or ""
        if url.startswith("http"):
            verdicts[url] = "alive" if row.get("valid") == "True" else "dead"
    return verdicts


CHECKERS = [
    Checker("dlnotes", _dlnotes_command, _dlnotes_read, exact=True),
    Checker("linkinator", _linkinator_command, _linkinator_read, exact=False),
    Checker("markdown-link-check", _mlc_command, _mlc_read, exact=False),
    Checker("LinkChecker", _linkchecker_command, _linkchecker_read, exact=False),
]


def judge(corpus: Corpus, verdicts: Verdicts, exact: bool) -> tuple[int, int, Counter[str]]:
    """Verdicts right and wrong, one per distinct URL. dlnotes answers per normalised URL; a
    peer answers per URL as written, so a URL written two ways is right only if both are."""
    kinds = {url.key: url.kind for url in corpus.urls}
    written_as: dict[str, list[str]] = {url.key: [url.url] for url in corpus.urls}
    if not exact:
        written_as = {}
        for written in corpus.links:
            forms = written_as.setdefault(normalize_url(written), [])
            if written not in forms:
                forms.append(written)
    right = wrong = 0
    wrong_kinds: Counter[str] = Counter()
    for key, forms in written_as.items():
        truth = BY_NAME[kinds[key]].truth
        said_all = [verdicts.get(key if exact else form) for form in forms]
        wrongly = [said for said in said_all if not _right(truth, said, exact)]
        if not wrongly:
            right += 1
        else:
            wrong += 1
            wrong_kinds[f"{kinds[key]}->{wrongly[0]}"] += 1
    return right, wrong, wrong_kinds


def _right(truth: str, said: str | None, exact: bool) -> bool:
    if exact:
        return said == truth
    if truth in ("ok", "redirected", "blocked"):  # "could not verify" is not "dead"
        return said == "alive"
    return said == "dead"


def serve_corpus(
    loop: ServerLoop, setup: Setup, **corpus_args: int
) -> tuple[Corpus, list[FaultServer]]:
    servers = [loop.serve(f"127.0.2.{n + 1}", {}, setup.latency) for n in range(setup.hosts)]
    corpus = make_corpus([s.origin for s in servers], **corpus_args)
    for server, routes in zip(servers, corpus.routes, strict=True):
        server.routes.update(routes)
    return corpus, servers


MEMORY_CAP_MIB = 2048  # a peer that reads an endless body would take the machine down
TIME_CAP_S = 300.0


def _rss_mib(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_process(command: list[str], cwd: Path) -> tuple[float, float, float, int, str, str]:
    """Wall seconds, CPU seconds and peak MiB (the process and the children it waited for),
    exit code, stdout, and why it was stopped ("" when it ended by itself)."""
    out = cwd / "stdout.txt"
    started = time.monotonic()
    stopped = ""
    with out.open("wb") as sink:
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if not stopped and _rss_mib(process.pid) > MEMORY_CAP_MIB:
                stopped = f"killed at {MEMORY_CAP_MIB} MiB"
                process.kill()
            elif not stopped and time.monotonic() - started > TIME_CAP_S:
                stopped = f"killed after {TIME_CAP_S:g} s"
                process.kill()
            time.sleep(0.02)
    wall = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return (
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        process.returncode,
        out.read_text(errors="replace"),
        stopped,
    )


def bench_one(checker: Checker, setup: Setup, loop: ServerLoop) -> tuple[Outcome, Corpus]:
    corpus, servers = serve_corpus(
        loop, setup, distinct=setup.distinct, links=setup.links, seed=setup.seed
    )
    work = Path(tempfile.mkdtemp(prefix=f"bench-{checker.name}-"))
    try:
        write_notes(corpus, work / "notes")
        os.chmod(work, 0o755)  # LinkChecker drops root for `nobody`
        for path in work.rglob("*"):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        wall, cpu, peak, code, stdout, stopped = run_process(checker.command(work, setup), work)
        verdicts = checker.read(work, stdout)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    right, wrong, wrong_kinds = judge(corpus, verdicts, checker.exact)
    outcome = Outcome(
        checker.name,
        wall,
        cpu,
        peak,
        sum(s.stats.count() for s in servers),
        max(s.stats.max_in_flight for s in servers),
        sum(s.stats.connections for s in servers),
        right,
        wrong,
        wrong_kinds,
        code,
        stopped,
    )
    loop.stop_all()
    return outcome, corpus


def cold(names: list[str], setup: Setup) -> dict[str, float]:
    """Run each checker on one corpus; their walls as multiples of the ideal schedule."""
    ratios: dict[str, float] = {}
    loop = ServerLoop()
    try:
        print(
            f"corpus {setup.seed}: "
            f"{setup.links} links ({setup.distinct} distinct) over {setup.hosts} hosts, "
            f"{setup.latency * 1000:g} ms latency, timeout {setup.timeout:g} s, "
            f"per-host {setup.per_host}, concurrency {setup.concurrency}, retries {setup.retries}"
        )
        rows = []
        for checker in CHECKERS:
            if names and checker.name not in names:
                continue
            if not checker.available():
                print(f"  {checker.name}: not installed, skipped")
                continue
            outcome, corpus = bench_one(checker, setup, loop)
            rows.append(outcome)
            ideal = ideal_seconds(corpus, setup)
            ratios[f"{checker.name} ×ideal"] = outcome.wall / ideal
            strict = ideal_seconds(corpus, setup, rest_hosts=False)
            ratios[f"{checker.name} ×strict bound"] = outcome.wall / strict
            in_order = in_order_seconds(corpus, setup)
            ratios[f"{checker.name} ×in-order"] = outcome.wall / in_order
            sizes = corpus.per_host()
            print(
                f"  {outcome.name:20} wall {outcome.wall:6.2f} s  CPU {outcome.cpu:6.2f} s"
                f"  peak {outcome.peak_mib:6.1f} MiB"
                f"  requests {outcome.requests:5}  connections {outcome.connections:5}"
                f"  max in flight/host {outcome.most_in_flight:3}"
                f"  right {outcome.right:5} wrong {outcome.wrong:4}"
                f"  ×ideal {outcome.wall / ideal:4.2f}"
                f" (×strict bound {outcome.wall / strict:4.2f})"
                f"  ×in-order {outcome.wall / in_order:4.2f}"
            )
            if outcome.stopped:
                print(f"      {outcome.stopped}")
            if outcome.wrong_kinds:
                print(f"      wrong: {dict(outcome.wrong_kinds.most_common(8))}")
        print(
            f"  ideal schedule {ideal:.2f} s (a 429 rests its whole host, as the rules ask); "
            f"strict bound {strict:.2f} s (the wait spread over the host's slots); "
            f"largest host {max(sizes.values())} URLs"
        )
        print(
            f"  in-order schedule {in_order:.2f} s = {in_order / ideal:.2f}× ideal (document"
            " order per host, no foreknowledge, both limits, HEAD then GET, 429 rests, retries"
            " after backoff; no overhead)"
        )
        ratios["in-order schedule ×ideal"] = in_order / ideal
    finally:
        loop.close()
    return ratios


def warm(links: int, setup: Setup) -> None:
    """A rerun over a fresh cache: zero requests, under a second, under 150 MB."""
    loop = ServerLoop()
    try:
        corpus, servers = serve_corpus(loop, setup, distinct=links, links=links)
        work = Path(tempfile.mkdtemp(prefix="bench-warm-"))
        write_notes(corpus, work / "notes")
        checker = CHECKERS[0]
        first = run_process(checker.command(work, setup), work)
        before = sum(s.stats.count() for s in servers)
        wall, cpu, peak, code, _, _ = run_process(checker.command(work, setup), work)
        again = sum(s.stats.count() for s in servers) - before
        print(
            f"{links} links, cold run {first[0]:.2f} s ({before} requests); warm rerun: "
            f"wall {wall:.2f} s, CPU {cpu:.2f} s, peak {peak:.1f} MiB, requests {again}, "
            f"exit {code}"
        )
        shutil.rmtree(work, ignore_errors=True)
    finally:
        loop.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", action="store_true", help="the 10,000-link cached rerun")
    parser.add_argument("--checker", action="append", default=[], help="only these checkers")
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--distinct", type=int, default=1800)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument(
        "--seeds", default="7", help="corpora to run, e.g. 7 or 1-10 (7 is the one reported)"
    )
    args = parser.parse_args()
    if args.warm:
        warm(10_000, Setup(timeout=1.0, concurrency=args.concurrency))
        return
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    by_seed = {}
    for seed in seeds:
        setup = Setup(
            distinct=args.distinct,
            links=args.links,
            retries=args.retries,
            concurrency=args.concurrency,
            seed=seed,
        )
        by_seed[seed] = cold(args.checker, setup)
    if len(seeds) > 1:
        for name in by_seed[seeds[0]]:
            ratios = sorted(by_seed[seed][name] for seed in seeds)
            print(
                f"{name} over {len(seeds)} corpora: median "
                f"{statistics.median(ratios):.2f}, best {ratios[0]:.2f}, worst {ratios[-1]:.2f}; "
                f"{sum(r <= 1.5 for r in ratios)} of {len(ratios)} within 1.5"
            )


if __name__ == "__main__":
    main()
