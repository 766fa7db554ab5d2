"""Generated exports: every link arrives (same URLs, same count), and importing again changes
nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlnotes.importer import plan_import
from dlnotes.parse import load_notes
from dlnotes.urls import normalize_url
from tests.capture.helpers import inserted_lines

LETTERS = "abcdefghijklmnopqrstuvwxyz深度学习é"
WORD = st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=7)
WORDS = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
PATH = st.lists(WORD.map(str.lower), min_size=0, max_size=3).map("/".join)
URL = st.builds(lambda host, path: f"https://{host}.example/{path}", WORD.map(str.lower), PATH)


@st.composite
def link_block(draw: st.DrawFn) -> tuple[str, str]:
    url = draw(URL)
    title = draw(WORDS)
    forms = ["plain", "escaped", "broken", "self", "embed", "data", "bare", "glued", "entity"]
    form = draw(st.sampled_from(forms))
    text = {
        "plain": f"[{title}]({url})",
        "escaped": f"[{title} \\(v2\\)]({url}) \\| a note",
        "broken": f"[  \n{title}]({url})",
        "self": f"[{url}]({url})",
        "embed": f'{{% embed url="{url}" caption="{title}" %}}',
        "data": f'{{% embed data="{{\\"url\\":\\"{url}\\",\\"title\\":\\"{title}\\"}}" %}}',
        "bare": f"See {url} today.",
        "glued": f"[{title}]({url}){draw(WORD)}/",
        "entity": f"[{title} &amp; co&lt;br&gt;]({url}) caf&eacute;",
    }[form]
    if draw(st.booleans()) and form not in ("embed", "data"):
        text = f"* {text}"
    if draw(st.booleans()) and form in ("plain", "self"):
        text += f" per {draw(WORD)}"
    return text, url


@st.composite
def exports(draw: st.DrawFn) -> tuple[str, list[str]]:
    parts: list[str] = []
    urls: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        parts.append(f"{'#' * draw(st.integers(1, 2))} {draw(WORDS)}")
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(["link", "link", "tip", "code", "math", "sub"]))
            if kind == "link":
                text, url = draw(link_block())
                parts.append(text)
                urls.append(url)
            elif kind == "tip":
                parts.append(f"{draw(WORDS)} \\(per {draw(WORD)}\\)")
            elif kind == "code":
                parts.append("```\n[not](https://code.example/x) \\(kept\\)\n```")
            elif kind == "math":
                parts.append("$$\na\\_1 + b\n$$")
            else:
                parts.append(f"#### {draw(WORDS)}")
    return "\n\n".join(parts) + "\n", urls


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(exports())
def test_import_keeps_every_link_and_reimport_is_a_no_op(
    tmp_path_factory: pytest.TempPathFactory, generated: tuple[str, list[str]]
) -> None:
    text, urls = generated
    folder = tmp_path_factory.mktemp("gen")
    export = folder / "export.md"
    export.write_text(text, encoding="utf-8")
    into = folder / "notes"
    plan_import(export, into).apply()
    parsed = load_notes(into) if into.exists() else None
    got = Counter(link.normalized for link in parsed.kb.external_links) if parsed else Counter()
    assert got == Counter(normalize_url(url) for url in urls)
    assert parsed is None or parsed.errors == []
    again = plan_import(export, into)
    assert again.changes == []


def test_an_export_of_headings_only_makes_empty_notes(tmp_path: Path) -> None:
    export = tmp_path / "export.md"
    export.write_text("# One\n\n# Two\n", encoding="utf-8")
    plan_import(export, tmp_path / "notes").apply()
    assert (tmp_path / "notes" / "one.md").read_text(encoding="utf-8") == "---\ntitle: One\n---\n"


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(exports(), exports())
def test_merging_a_second_export_only_adds_lines(
    tmp_path_factory: pytest.TempPathFactory,
    first: tuple[str, list[str]],
    second: tuple[str, list[str]],
) -> None:
    folder = tmp_path_factory.mktemp("merge")
    into = folder / "notes"
    export = folder / "export.md"
    export.write_text(first[0], encoding="utf-8")
    plan_import(export, into).apply()
    before = {p.name: p.read_text(encoding="utf-8") + "A hand edit.\n" for p in into.glob("*.md")}
    for name, text in before.items():
        (into / name).write_text(text, encoding="utf-8")
    export.write_text(first[0] + "\n" + second[0], encoding="utf-8")
    plan_import(export, into).apply()
    for name, text in before.items():
        inserted_lines(text, (into / name).read_text(encoding="utf-8"))
    got = {link.normalized for link in load_notes(into).kb.external_links}
    assert got == {normalize_url(url) for url in first[1] + second[1]}
    assert plan_import(export, into).changes == []
