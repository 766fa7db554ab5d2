"""Generate a knowledge base for the build benchmark: notes with front-matter, headings, links
(with annotations and attributions), tips, quotes, checklists and links between notes, plus two
MkDocs configs over the same Markdown: `mkdocs.yml` (dlnotes) and `mkdocs-plain.yml` (plain
MkDocs + Material, plugin and hook off).

    python bench/build/generate.py OUT --notes 2000 --links 50000
"""

from __future__ import annotations

import argparse
import datetime as dt
import posixpath
import random
import re
import shutil
from pathlib import Path

from dlnotes.linkcheck.cache import LinkCache
from dlnotes.linkcheck.result import CheckResult, Verdict
from dlnotes.urls import normalize_url

REPO = Path(__file__).resolve().parents[2]
WORDS = [
    "gradient",
    "descent",
    "learning",
    "rate",
    "batch",
    "norm",
    "dropout",
    "layer",
    "network",
    "model",
    "training",
    "loss",
    "convolution",
    "attention",
    "embedding",
    "optimizer",
    "weight",
    "decay",
    "overfitting",
    "data",
    "augmentation",
    "transfer",
    "fine",
    "tuning",
    "residual",
    "activation",
    "softmax",
    "entropy",
    "regularization",
    "validation",
]
KINDS = ("watch?v=", "blob/main/", "paper.pdf", "course/", "book/", "post/")
HOSTS = [f"site{i}.example.org" for i in range(400)]
PEOPLE = {f"p{i}": f"Person {i}" for i in range(40)}
TAGS = [f"topic-{i}" for i in range(60)]
NOTES_PER_TOPIC = 20
TOPICS_PER_AREA = 10
CHINESE = ("深度学习", "神经网络", "机器学习", "架构")


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _url(rng: random.Random, n: int) -> str:
    host = rng.choice(HOSTS)
    return f"https://{host}/{rng.choice(KINDS)}{n}-{rng.randint(0, 10**6)}"


def note_text(rng: random.Random, index: int, links: int, total_notes: int, urls: list[str]) -> str:
    title = f"Note {index} {_words(rng, 2, 4)}"
    tags = rng.sample(TAGS, 3)
    out = [
        "---",
        f"title: {title}",
        f"summary: {_words(rng, 6, 12)}",
        f"tags: [{', '.join(tags)}]",
        "created: 2024-01-15",
        "---",
        "",
        f"# {title}",
        "",
        f"{_words(rng, 20, 40).capitalize()}. (per {rng.choice(list(PEOPLE.values()))})",
        "",
    ]
    sections = max(1, links // 8)
    per_section = [links // sections] * sections
    per_section[0] += links - sum(per_section)
    for s, count in enumerate(per_section):
        out += [f"## Section {s} {_words(rng, 1, 3)}", "", _words(rng, 15, 30) + ".", ""]
        for n in range(count):
            title_words = _words(rng, 3, 8)
            if rng.random() < 0.03:
                title_words = rng.choice(CHINESE) + " " + title_words
            url = _url(rng, n)
            urls.append(url)
            line = f"- [{title_words}]({url})"
            if rng.random() < 0.3:
                line += f" {_words(rng, 4, 10)}"
            if rng.random() < 0.1:
                line += f" Recommended by {rng.choice(list(PEOPLE.values()))}"
            out.append(line)
        out.append("")
        if rng.random() < 0.2:
            out += [f"> {_words(rng, 15, 25)}.", ""]
        if rng.random() < 0.15:
            out += [f"## Checklist {s}", ""]
            out += [f"{i}. {_words(rng, 3, 6)}" for i in range(1, 6)]
            out.append("")
    other = rng.randrange(total_notes)
    target = posixpath.relpath(note_path(other), posixpath.dirname(note_path(index)))
    out += ["## See also", "", f"- [Note {other}]({target})", ""]
    return "\n".join(out)


def note_path(index: int) -> str:
    """Notes sit in folders as a real knowledge base grows: areas of topics of 20 notes. With
    `navigation.prune`, each page then renders a nav of nearly constant size."""
    topic, area = index // NOTES_PER_TOPIC, index // (NOTES_PER_TOPIC * TOPICS_PER_AREA)
    return f"area-{area:03d}/topic-{topic:04d}/note-{index:05d}.md"


def people_yml() -> str:
    return "".join(f"{pid}:\n  name: {name}\n  kind: person\n" for pid, name in PEOPLE.items())


def configs(out: Path) -> None:
    """mkdocs.yml from the repo (nav dropped: MkDocs lists every note) and its plain twin."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^nav:.*?(?=^\S)", "", text)
    text = text.replace("hooks/linkcheck.py", str(REPO / "hooks" / "linkcheck.py"))
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")
    # The plugin's entry with its options, if any (lines indented under it).
    plain = re.sub(r"(?m)^  - dlnotes(?::\n(?:      .*\n)*|\n)", "", text)
    plain = re.sub(r"(?ms)^hooks:.*?(?=^\S)", "", plain)
    # A "plain" build that still ran dlnotes would make every comparison meaningless.
    if "dlnotes" in plain.split("plugins:", 1)[1].split("\n\n", 1)[0] or "hooks:" in plain:
        raise SystemExit("bench: could not take the dlnotes plugin and hook out of mkdocs.yml")
    (out / "mkdocs-plain.yml").write_text(plain, encoding="utf-8")


def generate(out: Path, notes: int, links: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    folder = out / "notes"
    folder.mkdir(parents=True)
    (folder / "people.yml").write_text(people_yml(), encoding="utf-8")
    (folder / "index.md").write_text(
        "---\ntitle: Home\n---\n\n# Home\n\nA generated knowledge base.\n", encoding="utf-8"
    )
    per_note = [links // notes] * notes
    for i in range(links - sum(per_note)):
        per_note[i] += 1
    urls: list[str] = []
    for i, count in enumerate(per_note):
        path = folder / note_path(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(note_text(rng, i, count, notes, urls), encoding="utf-8")
    configs(out)
    seed_cache(out / ".dlnotes" / "linkcheck.sqlite", urls, rng)


def seed_cache(path: Path, urls: list[str], rng: random.Random) -> None:
    """A link cache as a site that runs `dlnotes check` has one: every URL checked, most ok,
    a few dead (three failures over ten days) with an archived copy."""
    now = dt.datetime.now(dt.UTC)
    ok, dead = [], []
    for url in dict.fromkeys(normalize_url(u) for u in urls):
        if rng.random() < 0.02:
            dead.append(url)
        else:
            ok.append(CheckResult(url=url, status=Verdict.OK, code=200, checked_at=now))
    with LinkCache.open(path) as cache:
        cache.record_many(ok, now)
        for back in (10, 5, 0):
            at = now - dt.timedelta(days=back)
            failing = [
                CheckResult(url=url, status=Verdict.BROKEN, code=404, checked_at=at) for url in dead
            ]
            cache.record_many(failing, at)
        for url in dead:
            cache.set_archive(url, "https://web.archive.org/web/2020/" + url, now)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--links", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.notes, args.links, args.seed)


if __name__ == "__main__":
    main()
