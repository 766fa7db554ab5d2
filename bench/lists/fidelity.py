"""How often the site shows the lists the model reads, on generated list-heavy notes.

    .venv/bin/python bench/lists/fidelity.py                  # 3,000 notes in the usual styles
    .venv/bin/python bench/lists/fidelity.py --soup --seed 3  # random indents and markers

Each note is rendered three ways and reduced to its skeleton (lists, items, code blocks, link
targets; see tests/site/test_lists_render.py): by markdown-it-py as CommonMark (what the model
reads), by Python-Markdown with the site's extensions as written (before the plugin's rewrite),
and by Python-Markdown after `dlnotes.pages.site_markdown` (what the site shows). Prints how
many notes the site showed as CommonMark reads them before and after, and how many it showed
right before and wrong after (regressions), with a few examples.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import markdown
from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the tests' helpers

from tests.site.project import SITE_EXTENSIONS
from tests.site.test_lists_render import as_the_site_renders, skeleton

MARKERS = ["- ", "* ", "1. "]
TEXTS = ["[a](https://a.x/)", "text", "Reading:"]


def usual_note(rng: random.Random, step: int) -> str:
    """Nested lists by `step` spaces, paragraphs between, blank lines here and there."""
    lines: list[str] = []
    depth = 0
    for _ in range(rng.randint(2, 8)):
        roll = rng.random()
        if roll < 0.55:
            depth = max(0, min(depth + rng.choice([-1, 0, 0, 1]), 3))
            marker = rng.choice(MARKERS[:2]) if rng.random() < 0.7 else MARKERS[2]
            lines.append(" " * (step * depth) + marker + rng.choice(TEXTS))
        elif roll < 0.75:
            lines.append("")
        else:
            depth = 0
            lines.append(rng.choice(TEXTS))
    return "\n".join(lines) + "\n"


def soup_note(rng: random.Random) -> str:
    """Any indent from 0 to 3 before a marker, text indented anyhow."""
    lines: list[str] = []
    for _ in range(rng.randint(2, 7)):
        roll = rng.random()
        if roll < 0.6:
            indent = rng.choice(["", "  ", "   ", "    "])
            lines.append(indent + rng.choice([*MARKERS, "2. "]) + rng.choice(TEXTS))
        elif roll < 0.8:
            lines.append("")
        else:
            lines.append(rng.choice(["", "  ", "    ", "      "]) + rng.choice(TEXTS))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--soup", action="store_true", help="random indents, not the usual styles")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    reference = MarkdownIt("commonmark").enable("table")
    before = after = 0
    regressions: list[str] = []
    for number in range(args.notes):
        note = soup_note(rng) if args.soup else usual_note(rng, 2 if number % 2 == 0 else 4)
        wanted = skeleton(reference.render(note))
        written = skeleton(markdown.markdown(note, extensions=SITE_EXTENSIONS)) == wanted
        shown = skeleton(as_the_site_renders(note)) == wanted
        before += written
        after += shown
        if written and not shown:
            regressions.append(note)
    share = f"before {before / args.notes:.1%}, after {after / args.notes:.1%}"
    print(f"{args.notes} notes shown as CommonMark reads them: {share}; ", end="")
    print(f"{len(regressions)} right before and wrong after")
    for note in regressions[:3]:
        print("  e.g.", repr(note))


if __name__ == "__main__":
    main()
