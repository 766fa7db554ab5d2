"""Time `mkdocs build` (and a `mkdocs serve` rebuild after editing one note) with dlnotes against
plain MkDocs + Material on the same generated Markdown.

    python bench/build/run.py                      # 2,000 notes / 50,000 links and 4,000 notes
    python bench/build/run.py --sizes 500:12500     # smaller, for a quick look
    python bench/build/run.py --repeat 3            # alternate plain, warm and cold builds: best
                                                    # of each, and the median of their pairs

Targets: dlnotes adds at most 15% to a build and to a serve rebuild; twice the notes take at most
2.2x the time (linear, not quadratic).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, note_path

CONFIGS = {"plain": "mkdocs-plain.yml", "dlnotes": "mkdocs.yml"}
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


@dataclass
class Timing:
    notes: int
    links: int
    build: dict[str, float]
    rebuild: dict[str, float]
    # warm / plain of builds run back to back: the machine's speed drifts over minutes, so a
    # pair's ratio is steadier than the ratio of two bests taken minutes apart
    pairs: list[float] = field(default_factory=list)
    cold_pairs: list[float] = field(default_factory=list)  # cold / plain, a build apart
    # the same ratios of user CPU alone (see `Cpu`)
    user_pairs: list[float] = field(default_factory=list)
    user_cold_pairs: list[float] = field(default_factory=list)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DLNOTES_LINKCHECK"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


@dataclass(frozen=True)
class Cpu:
    """CPU seconds of one build. The system part drifts on this machine whatever the build
    does: five identical plain builds in a row took 0.53, 0.97, 1.70, 2.85 and 3.11 s of it
    (with the same 12.8-13.6 s of user time), and a pause brings it back down. So the user
    part alone is reported too, and the order of a pair alternates."""

    user: float
    system: float

    @property
    def total(self) -> float:
        return self.user + self.system


def _children_cpu() -> Cpu:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Cpu(usage.ru_utime, usage.ru_stime)


def time_build(root: Path, config: str) -> Cpu:
    """CPU seconds (user and system) of one `mkdocs build`: on a machine shared with other
    work, CPU time moves far less than wall time."""
    before = _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", f"site-{config}"],
        cwd=root,
        env=_env(),
        check=True,
    )
    after = _children_cpu()
    return Cpu(after.user - before.user, after.system - before.system)


def forget(root: Path) -> None:
    """Back to a cold build: no remembered parses, pages or offline check; the link cache
    (the verdicts a site shows) stays."""
    for memo in (root / ".dlnotes").glob("*.pickle"):
        memo.unlink()


def _process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def time_rebuild(root: Path, config: str, note: Path, timeout: float = 1800) -> float:
    """CPU seconds of the rebuild `mkdocs serve` runs after one note is edited."""
    args = [sys.executable, "-m", "mkdocs", "serve", "-f", config]
    args += ["--dev-addr", f"127.0.0.1:{_free_port()}"]
    process = subprocess.Popen(
        args,
        cwd=root,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # Run in the background (`nohup … &`), the bench starts with Ctrl-C ignored, and so
        # would the server, which then never removes its site.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        _wait(lambda: "Serving on" in "".join(lines), timeout)
        time.sleep(2)  # let the watcher settle
        original = note.read_text(encoding="utf-8")
        before = _process_cpu(process.pid)
        note.write_text(original + "\nOne more line.\n", encoding="utf-8")
        _wait(lambda: len(BUILT.findall("".join(lines))) >= 2, timeout)
        spent = _process_cpu(process.pid) - before
        note.write_text(original, encoding="utf-8")
        return spent
    finally:
        # Ctrl-C, as a writer stops it: a terminated server leaves its temporary site (the
        # size of the bench's whole site) behind
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _wait(check: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise TimeoutError("mkdocs serve did not finish in time")


def measure(notes: int, links: int, workdir: Path, serve: bool, repeat: int = 1) -> Timing:
    root = workdir / f"kb-{notes}"
    generate(root, notes, links)
    plain, cold = (time_build(root, config) for config in CONFIGS.values())
    # Again, with .dlnotes/notes.pickle from the first build: what a local rebuild costs.
    # Repeats alternate plain and warm builds: each one's best is the run least disturbed, and
    # each pair's ratio cancels the machine's slow drift (see Timing.pairs); every other
    # repeat runs the warm build first, so that a drift up favours neither (see Cpu).
    warm = time_build(root, CONFIGS["dlnotes"])
    runs = [(plain, warm, cold)]
    for repeat_index in range(repeat - 1):
        order = ["plain", "dlnotes"] if repeat_index % 2 else ["dlnotes", "plain"]
        built = {name: time_build(root, CONFIGS[name]) for name in order}
        plain, warm = built["plain"], built["dlnotes"]
        forget(root)
        cold = time_build(root, CONFIGS["dlnotes"])
        runs.append((plain, warm, cold))
    build = {
        name: min(run[index].total for run in runs)
        for index, name in enumerate(("plain", "dlnotes-warm", "dlnotes"))
    }
    print(f"{notes} notes, {links} links, build seconds: {build}", flush=True)
    note = root / "notes" / note_path(1)
    rebuild = (
        {name: time_rebuild(root, config, note) for name, config in CONFIGS.items()}
        if serve
        else {}
    )
    return Timing(
        notes,
        links,
        build,
        rebuild,
        pairs=[warm.total / plain.total for plain, warm, _ in runs],
        cold_pairs=[cold.total / plain.total for plain, _, cold in runs],
        user_pairs=[warm.user / plain.user for plain, warm, _ in runs],
        user_cold_pairs=[cold.user / plain.user for plain, _, cold in runs],
    )


def report(timings: list[Timing]) -> str:
    out = [
        "| notes | links | plain CPU s | dlnotes (cold) | overhead | dlnotes (warm) | overhead |"
    ]
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in timings:
        cold = t.build["dlnotes"] / t.build["plain"] - 1
        warm = t.build["dlnotes-warm"] / t.build["plain"] - 1
        out.append(
            f"| {t.notes} | {t.links} | {t.build['plain']:.1f} | {t.build['dlnotes']:.1f} "
            f"| {cold:+.1%} | {t.build['dlnotes-warm']:.1f} | {warm:+.1%} |"
        )
    for t in timings:
        if len(t.pairs) > 1:
            ratios = ", ".join(f"{r - 1:+.1%}" for r in t.pairs)
            out.append(
                f"\nwarm overhead, {t.notes} notes, builds run back to back: median "
                f"{statistics.median(t.pairs) - 1:+.1%} ({ratios})"
            )
            ratios = ", ".join(f"{r - 1:+.1%}" for r in t.cold_pairs)
            out.append(
                f"\ncold overhead, {t.notes} notes, each against the plain build of its "
                f"repeat: median {statistics.median(t.cold_pairs) - 1:+.1%} ({ratios})"
            )
            for name, user in (("warm", t.user_pairs), ("cold", t.user_cold_pairs)):
                ratios = ", ".join(f"{r - 1:+.1%}" for r in user)
                out.append(
                    f"\n{name} overhead, {t.notes} notes, user CPU alone: median "
                    f"{statistics.median(user) - 1:+.1%} ({ratios})"
                )
    for t in timings:
        if t.rebuild:
            over = t.rebuild["dlnotes"] / t.rebuild["plain"] - 1
            out.append(
                f"\nserve rebuild after one edit, {t.notes} notes, CPU: plain "
                f"{t.rebuild['plain']:.1f} s, dlnotes {t.rebuild['dlnotes']:.1f} s ({over:+.1%})"
            )
    if len(timings) >= 2:
        small, big = timings[0], timings[-1]
        for name in small.build:
            ratio = big.build[name] / small.build[name]
            out.append(f"\n{name}: {big.notes} notes take {ratio:.2f}x the time of {small.notes}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="2000:50000,4000:100000",
        help="comma-separated NOTES:LINKS pairs, smallest first",
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild timing")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="alternate plain and warm builds N times: best of each, median of pairs",
    )
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in size.split(":")) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="dlnotes-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        timings = []
        for index, (notes, links) in enumerate(sizes):
            serve = not args.no_serve and index == 0
            timing = measure(notes, links, workdir, serve=serve, repeat=args.repeat)
            timings.append(timing)
        print(report(timings))


if __name__ == "__main__":
    main()
