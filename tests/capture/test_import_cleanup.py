"""What exports do to Markdown is undone; code, math and non-Latin text are left as they are."""

from __future__ import annotations

from pathlib import Path

from dlnotes.importer import plan_import
from dlnotes.parse import load_notes


def imported(tmp_path: Path, export: str, *, level: int = 2) -> str:
    source = tmp_path / "export.md"
    source.write_text(export, encoding="utf-8")
    into = tmp_path / "notes"
    plan = plan_import(source, into, level=level)
    plan.apply()
    return "".join(p.read_text(encoding="utf-8") for p in sorted(into.glob("*.md")))


def test_escaped_punctuation_and_entities(tmp_path: Path) -> None:
    text = imported(
        tmp_path,
        "# N\n\nA tip \\(per Jeremy\\) with snake\\_case and 3 \\* 4 and \\[1\\] ok.\n\n"
        "Line one&lt;br&gt;line two &amp; more&nbsp;text caf&eacute; &lt;b&gt; kept\n\n"
        "[Title \\| Part 1](https://example.org/a) \\| an annotation\n",
    )
    assert "A tip (per Jeremy) with snake_case and 3 * 4 and [1] ok." in text
    assert "Line one<br>line two & more text café &lt;b&gt; kept" in text
    assert "[Title | Part 1](https://example.org/a) | an annotation" in text


def test_escapes_that_mean_something_stay(tmp_path: Path) -> None:
    text = imported(tmp_path, "# N\n\n\\*not emphasis\\* and \\_nor this\\_ and [x]\\(y\\)\n")
    assert "\\*not emphasis\\* and \\_nor this\\_ and [x]\\(y)" in text


def test_link_text_broken_across_lines(tmp_path: Path) -> None:
    text = imported(tmp_path, "# N\n\n[  \nVisualising Activation\n  Functions](https://e.org/v)\n")
    assert "[Visualising Activation Functions](https://e.org/v)" in text


def test_link_text_that_is_its_url_takes_a_known_title(tmp_path: Path) -> None:
    text = imported(
        tmp_path,
        "# N\n\n[https://e.org/a](https://e.org/a) Recommended by Jeremy\n\n"
        "[https://e.org/b](https://e.org/b)\n\n## S\n\n[The A page \\(v2\\)](https://e.org/a/)\n",
    )
    assert "[The A page (v2)](https://e.org/a) Recommended by Jeremy" in text
    assert "[https://e.org/b](https://e.org/b)" in text


def test_url_glued_to_the_next_word_or_to_a_slash(tmp_path: Path) -> None:
    text = imported(tmp_path, "# N\n\n[A](https://e.org/a)great read\n\n[B](https://e.org/b)/\n")
    assert "[A](https://e.org/a) great read" in text
    assert "[B](https://e.org/b/)" in text


def test_gitbook_embeds_become_links(tmp_path: Path) -> None:
    data = (
        '{\\"url\\":\\"https://www.youtube.com/watch?v=x1\\",'
        '\\"type\\":\\"video\\",\\"title\\":\\"A [great] talk\\"}'
    )
    text = imported(
        tmp_path,
        '# N\n\n{% embed url="https://e.org/plain" %}\n\n'
        '{% embed url="https://e.org/cap" caption="With a caption" %}\n\n'
        f'{{% embed data="{data}" %}}\n',
    )
    assert "[https://e.org/plain](https://e.org/plain)" in text
    assert "[With a caption](https://e.org/cap)" in text
    assert "[A [great] talk](https://www.youtube.com/watch?v=x1)" in text
    kb = load_notes(tmp_path / "notes").kb
    assert [link.title for link in kb.links][-1] == "A [great] talk"


def test_code_and_math_are_left_alone(tmp_path: Path) -> None:
    code = "```python\nx = a\\_b  # \\(kept\\) &lt;\n\n\n# not a heading\n```\n"
    quoted = "> ```\n> y \\(kept\\)\n> # not a heading\n> ```\n"
    math = "$$\n\\frac{a\\_1}{b} \\(x\\)\n$$\n"
    inline = "Inline `a\\_b \\(c\\)` and $x\\_1$ and $$y\\_2$$ stay.\n"
    text = imported(tmp_path, f"# N\n\n{code}\n{quoted}\n{math}\n{inline}", level=1)
    for block in (code, quoted, math, inline):
        assert block in text
    assert text.count("title:") == 1


def test_images_under_gitbook_assets_are_copied(tmp_path: Path) -> None:
    assets = tmp_path / ".gitbook" / "assets"
    assets.mkdir(parents=True)
    (assets / "plot.png").write_bytes(b"\x89PNG fake")
    text = imported(tmp_path, "# N\n\n![a plot](.gitbook/assets/plot.png)\n")
    assert "![a plot](assets/plot.png)" in text
    assert (tmp_path / "notes" / "assets" / "plot.png").read_bytes() == b"\x89PNG fake"


def test_chinese_titles_and_file_names(tmp_path: Path) -> None:
    text = imported(tmp_path, "# 深度学习\n\n* [一图看尽深度学习架构谱系](https://e.org/zh)\n")
    assert "title: 深度学习" in text
    assert (tmp_path / "notes" / "深度学习.md").is_file()
    assert "[一图看尽深度学习架构谱系](https://e.org/zh)" in text


def test_notes_split_by_level_and_sections_moved_up(tmp_path: Path) -> None:
    export = "Intro text.\n\n# One\n\n#### Deep\n\ntext\n\n## Two\n\n### Sub\n\nmore\n"
    imported(tmp_path, export)
    notes = tmp_path / "notes"
    assert sorted(p.name for p in notes.glob("*.md")) == ["export.md", "one.md", "two.md"]
    assert "## Deep\n" in (notes / "one.md").read_text(encoding="utf-8")
    assert "## Sub\n" in (notes / "two.md").read_text(encoding="utf-8")
    assert "title: Export" in (notes / "export.md").read_text(encoding="utf-8")


def test_bare_urls_become_links_but_not_inside_links(tmp_path: Path) -> None:
    text = imported(
        tmp_path,
        "# N\n\nSee https://e.org/bare, and (https://en.wikipedia.org/wiki/Counter_(digital)).\n\n"
        "[see https://x.org here](https://x.org) and <https://e.org/y>\n",
    )
    assert (
        "See <https://e.org/bare>, and (<https://en.wikipedia.org/wiki/Counter_(digital)>)." in text
    )
    assert "[see https://x.org here](https://x.org) and <https://e.org/y>" in text
    urls = [link.url for link in load_notes(tmp_path / "notes").kb.links]
    assert urls == [
        "https://e.org/bare",
        "https://en.wikipedia.org/wiki/Counter_(digital)",
        "https://x.org",
        "https://e.org/y",
    ]
