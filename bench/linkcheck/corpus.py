"""A Markdown corpus with its ground truth, and the routes that make the truth true.

Each distinct URL has a *kind* (ok, 404, a 301 chain, a server that never answers...). The
kind says what a host must reply, what a correct checker must conclude, and what the URL costs
at least (requests, waits) - the parts of the ideal schedule no checker can avoid.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.linkcheck.servers import (
    Reply,
    by_method,
    endless,
    hang,
    redirect,
    reset,
    sequence,
    status,
)

from dlnotes.urls import normalize_url

CHALLENGE = b"<html><head><title>Just a moment...</title></head><body>cf-chl</body></html>"


@dataclass(frozen=True)
class Kind:
    name: str
    truth: str  # the dlnotes verdict a correct checker gives
    count: int  # distinct URLs of this kind in a 1,800-URL corpus
    requests: int = 1  # hops: requests no checker can do without
    wait: float = 0.0  # seconds no checker can avoid (Retry-After)
    never_answers: bool = False  # costs the timeout, once per attempt
    # the rules follow its HEAD with a GET (405, 403, 404 or a broken connection): one more
    # request per attempt for a checker that asks HEAD first, none for the ideal
    head_then_get: bool = False


KINDS = [
    Kind("ok", "ok", 0),  # the rest
    Kind("head405", "ok", 60, head_then_get=True),
    Kind("r301", "redirected", 40, requests=2),
    Kind("r302", "ok", 20, requests=2),
    Kind("chain", "redirected", 10, requests=3),
    Kind("e404", "broken", 40, head_then_get=True),
    Kind("e410", "broken", 10),
    Kind("flaky500", "ok", 20, requests=2),
    Kind("down503", "broken", 5, requests=3),
    Kind("r429", "ok", 5, requests=2, wait=1.0),
    Kind("cloudflare", "blocked", 10, head_then_get=True),
    Kind("linkedin", "blocked", 10),
    Kind("hang", "timeout", 3, never_answers=True),
    Kind("reset", "error", 5, head_then_get=True),
    Kind("endless", "ok", 10),
    Kind("loop", "error", 5, requests=2),
    Kind("dns", "error", 5, requests=0),
]
BY_NAME = {kind.name: kind for kind in KINDS}


def routes_for(kind: str, path: str) -> dict[str, Reply]:
    """The replies that give a URL of `kind` at `path` its truth."""
    ok = status(200, b"<html><body>ok</body></html>")
    match kind:
        case "ok":
            return {path: ok}
        case "head405":
            return {path: status(200, b"<html>ok</html>", head_code=405)}
        case "r301":
            return {path: redirect(path + "/new", 301), path + "/new": ok}
        case "r302":
            return {path: redirect(path + "/tmp", 302), path + "/tmp": ok}
        case "chain":
            return {
                path: redirect(path + "/1", 301),
                path + "/1": redirect(path + "/2"),
                path + "/2": ok,
            }
        case "e404":
            return {path: status(404, b"not found")}
        case "e410":
            return {path: status(410, b"gone")}
        case "flaky500":
            return {path: sequence(status(500), ok)}
        case "down503":
            return {path: status(503, b"down")}
        case "r429":
            return {path: sequence(status(429, headers={"Retry-After": "1"}), ok)}
        case "cloudflare":
            return {path: status(403, CHALLENGE, {"cf-mitigated": "challenge"})}
        case "linkedin":
            return {path: status(999, b"")}
        case "hang":
            return {path: hang()}
        case "reset":
            return {path: reset()}
        case "endless":
            return {path: by_method(head=status(405), get=endless())}
        case "loop":
            return {path: redirect(path + "/b"), path + "/b": redirect(path)}
    raise ValueError(kind)


@dataclass
class Url:
    url: str  # as written in the first note that holds it
    host: int  # index of the host serving it; -1 for names that do not resolve
    kind: str

    @property
    def key(self) -> str:
        return normalize_url(self.url)


@dataclass
class Corpus:
    urls: list[Url]
    links: list[str]  # every link as written, in document order (duplicates included)
    routes: list[dict[str, Reply]] = field(default_factory=list)  # per host

    @property
    def truth(self) -> dict[str, str]:
        return {url.key: BY_NAME[url.kind].truth for url in self.urls}

    def per_host(self) -> Counter[int]:
        return Counter(url.host for url in self.urls if url.host >= 0)


def host_sizes(hosts: int, distinct: int, rng: random.Random) -> list[int]:
    """Uneven, as real notes are: a few big hosts (GitHub, YouTube, Medium) and a long tail."""
    weights = [1 / (rank + 1) ** 0.7 for rank in range(hosts)]
    total = sum(weights)
    sizes = [max(1, math.floor(distinct * w / total)) for w in weights]
    for i in range(distinct - sum(sizes)):
        sizes[i % hosts] += 1
    rng.shuffle(sizes)
    return sizes


def make_corpus(
    origins: list[str], *, distinct: int = 1800, links: int = 2000, seed: int = 7
) -> Corpus:
    """URLs over `origins` (one per host) with the fault mix scaled to `distinct`, then
    `links - distinct` repeats (some written differently: trailing slash, tracking query)."""
    rng = random.Random(seed)
    scale = distinct / 1800
    kinds: list[str] = []
    for spec in KINDS[1:]:
        kinds += [spec.name] * (max(1, round(spec.count * scale)) if spec.count else 0)
    dns = [k for k in kinds if k == "dns"]
    served = [k for k in kinds if k != "dns"]
    served += ["ok"] * (distinct - len(dns) - len(served))
    rng.shuffle(served)
    sizes = host_sizes(len(origins), len(served), rng)
    urls: list[Url] = []
    routes: list[dict[str, Reply]] = [{} for _ in origins]
    position = 0
    for host, size in enumerate(sizes):
        for n in range(size):
            kind = served[position]
            position += 1
            path = f"/{kind}/{host}-{n}"
            replies = routes_for(kind, path)
            # The page answers at `path/` too: notes write the same URL both ways.
            replies.setdefault(path + "/", replies[path])
            routes[host].update(replies)
            urls.append(Url(origins[host] + path, host, kind))
    urls += [Url(f"http://gone-{n}.invalid/page", -1, "dns") for n in range(len(dns))]
    rng.shuffle(urls)  # document order knows nothing of hosts or faults
    written = [url.url for url in urls]
    for _ in range(links - distinct):
        original = rng.choice(urls)
        if original.kind == "dns":
            written.append(original.url)
            continue
        variant = rng.choice(["", "/", "?utm_source=newsletter"])
        written.append(original.url + variant)
    rng.shuffle(written)
    return Corpus(urls, written, routes)


def write_notes(corpus: Corpus, folder: Path, per_note: int = 50) -> list[Path]:
    """The links as notes (YAML front matter, a list of links), and an HTML page of them all
    for checkers that read HTML."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number, start in enumerate(range(0, len(corpus.links), per_note)):
        lines = [
            "---",
            f"title: Bench note {number}",
            "summary: Generated links for the link checker benchmark.",
            "tags: [bench]",
            "created: 2026-01-01",
            "---",
            "",
            f"# Bench note {number}",
            "",
        ]
        for i, url in enumerate(corpus.links[start : start + per_note]):
            lines.append(f"- [Link {start + i}]({url})")
        path = folder / f"note-{number:04d}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    anchors = "\n".join(
        f'<li><a href="{url}">Link {i}</a></li>' for i, url in enumerate(corpus.links)
    )
    page = f"<!doctype html><html><head><title>bench</title></head><body><ul>\n{anchors}\n</ul>"
    (folder.parent / "corpus.html").write_text(page + "</body></html>\n", encoding="utf-8")
    return files
