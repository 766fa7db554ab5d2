"""On generated notes that mix every way a note holds a link (lists of each kind and nesting,
quotes, admonitions, tables, definition lists, HTML blocks and inline HTML, GitHub's
collapsible sections, references, images and badges, code that holds none), each page of a
real `mkdocs build --strict` links exactly the external URLs the model holds for its note: what
the checker checks and the Links table lists is what a reader can click, and no more.

Differences this found and the site now mends: ordered lists numbered `1)` (shown as text),
code blocks whose header pymdownx.superfences does not know (`js{4}`: shown as text, and the
next fence opened a block that hid the links after it),
Markdown inside `<details>` left open (shown as text), and a linked badge without alt text
(refused as a link without text). Differences the model now reads as the site does: links in
an admonition's title, an autolink in a link's text, a fence opened after a list marker, and
a `markdown` element closed on its own line; the media a page embeds (`<iframe>`, `<video>`,
`<source>`) are held with the images."""

from __future__ import annotations

import html
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from dlnotes.parse import load_notes
from tests.site.project import REPO, build, make_project

_HEADERS = ["js{4}", "sh [npm]", "jsx showLineNumbers", "ts twoslash", "js:line-numbers"]
_CODE = ["", "```", "y", "```"]


class _Notes:
    """Random notes whose every URL is unique and on a `*.example` host."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.count = 0

    def url(self) -> str:
        self.count += 1
        return f"https://h{self.count % 7}.example/p{self.count}"

    def link(self) -> str:
        url, text = (
            self.url(),
            self.rnd.choice(["text", "a *b* c", "x [y] z", "`code`", "深度学习"]),
        )
        return self.rnd.choice(
            [
                f"[{text}]({url})",
                f'[{text}]({url} "a title")',
                f"[{text}](<{url}>)",
                f"<{url}>",
                f'<a href="{url}">{text}</a>',
                f"<A HREF='{url}'>{text}</A>",
                f"![image]({url}.png)",
                f"[![]({url}.svg)]({self.url()})",
                f"[{text}]({url}) (per Jeremy)",
                f"[{text}]({url}) — an annotation",
                f"**[{text}]({url})**",
            ]
        )

    def text(self) -> str:
        words = [self.rnd.choice(["Some text", "see", "and", "Tip:"]) for _ in range(2)]
        words.insert(self.rnd.randrange(3), self.link())
        return " ".join(words)

    def block(self) -> list[str]:
        t = self.text
        label = f"r{self.count}"
        shapes: list[Callable[[], list[str]]] = [
            lambda: [t()],
            lambda: [f"- {t()}", f"- {t()}"],
            lambda: [f"1. {t()}", f"   - {t()}", f"2. {t()}"],
            lambda: [f"1) {t()}", f"2) {t()}", "", f"    - {t()}"],
            lambda: ["Lead in:", f"- {t()}", f"  - {t()}"],
            lambda: [f"- [ ] {t()}", f"  - [x] {t()}"],
            lambda: [f"> {t()}", "> — Jeremy"],
            lambda: [f"> - {t()}", f"lazy {self.link()}"],
            lambda: ["!!! note", "", f"    {t()}", f"    - {t()}"],
            lambda: ["| a | b |", "|---|---|", f"| {t()} | x |"],
            lambda: ["Term", f":   {t()}"],
            lambda: ["<details><summary>More</summary>", "", f"- {t()}", "", "</details>"],
            lambda: ["<details markdown>", "<summary>More</summary>", "", t(), "", "</details>"],
            lambda: ["<div>", f'<a href="{self.url()}">x</a>', "</div>"],
            lambda: [f"See [it][{label}].", "", f"[{label}]: {self.url()}"],
            lambda: [
                "```",
                "[not](https://code.test/x)",
                "```",
                f"`[no](https://code.test/y)` {t()}",
            ],
            lambda: [f"<!-- [no]({self.url()}) -->", t()],
            lambda: ["<!--", t(), "-->", t()],
            lambda: [f"- [{label}]: {self.url()}", "", f"Use [{label}]."],
            lambda: [f"> [{label}]: {self.url()}", "", f"Use [{label}]."],
            lambda: [f"-\t{t()}", f"1.  {t()}", f"    {t()}"],
            lambda: [f"[in parentheses]({self.url()}_(b)_c) and [amp]({self.url()}?a=1&amp;b=2)"],
            lambda: ["<div>", "", t(), "", "</div>"],
            lambda: ["Term", "", f":   {t()}", "", f"    {t()}", "", f"\t- {t()}"],
            lambda: [
                "<details markdown>",
                "<summary>S</summary>",
                "",
                "</details>",
                "",
                f"    {t()}",
            ],
            lambda: ["<details><summary>S</summary>", "", t(), "", "</details>", "", f"    {t()}"],
            lambda: [f'!!! tip "See {self.link()}"', "", f"    {t()}"],
            lambda: [f"[<{self.url()}>]({self.url()}) {t()}"],
            lambda: ["- ```", "  code", "  ```", "", '??? note "More"', "", f"    {t()}"],
            lambda: [f"<span markdown>{t()}</span>", "", f"<span>{t()}</span>"],
            lambda: ["[a link](", f"{self.url()}) over two lines"],
            lambda: [f'<iframe src="{self.url()}" title="Lecture 1"></iframe>', "", t()],
            lambda: [f'Watch <video src="{self.url()}.mp4" poster="{self.url()}.jpg"></video>'],
            lambda: ["<audio controls>", f'<source src="{self.url()}.ogg">', "</audio>"],
            lambda: ["- a", "  b", "", "1. c", "", "    !!! tip", "", f"        {t()}"],
            # Headers VitePress and Docusaurus write: code to CommonMark, whatever follows.
            lambda: [f"```{self.rnd.choice(_HEADERS)}", "x = 1", "```", "", t(), *_CODE],
        ]
        return self.rnd.choice(shapes)()

    def note(self, n: int) -> str:
        lines = ["---", f"title: Note {n}", "---", "", f"# Note {n}", ""]
        for section in range(self.rnd.randrange(1, 4)):
            lines += [f"## Section {section}", ""]
            for _ in range(self.rnd.randrange(1, 4)):
                lines += [*self.block(), ""]
        return "\n".join(lines)


_URL = re.compile(r"""(?:href|src|poster)=["'](https://h\d\.example/[^"']*)["']""", re.I)


@pytest.mark.parametrize("seed", [1, 2])
def test_every_page_links_what_its_note_holds(tmp_path: Path, seed: int) -> None:
    notes = _Notes(seed)
    files = {f"n{n}.md": notes.note(n) for n in range(80)}
    files["index.md"] = "---\ntitle: Home\n---\n# Home\n"
    files["people.yml"] = (REPO / "notes" / "people.yml").read_text(encoding="utf-8")
    root = make_project(tmp_path, files)
    done = build(root)
    assert done.code == 0, done.output[-3000:]
    model = load_notes(root / "notes").kb
    differ = []
    for note in model.notes:
        if note.path == "index.md":
            continue
        page = done.page(note.path)
        article = page[page.index("<article") : page.index("</article>")]
        # Code and comments show no link.
        article = re.sub(r"<pre.*?</pre>|<!--.*?-->", "", article, flags=re.S)
        on_page = Counter(html.unescape(url) for url in _URL.findall(article))
        held = Counter(item.url for item in note.links_and_images if ".example/" in item.url)
        if on_page != held:
            differ.append((note.path, on_page - held, held - on_page))
    assert differ == []


def test_a_bookmark_title_holding_a_script_tag_leaves_the_page_whole(tmp_path: Path) -> None:
    # MDN's page titles: written as they are, each would swallow the rest of the page.
    body = (
        "- [<script>: The Script element | MDN](https://h1.example/script)\n"
        "- [<textarea>: The Textarea element](https://h2.example/textarea)\n"
        "- [next](https://h3.example/next)\n"
    )
    title = "'<style>: The Style element | MDN'"  # a note per bookmark, titled as the bookmark
    files = {
        "index.md": "---\ntitle: Home\n---\n# Home\n",
        "n.md": f"---\ntitle: {title}\n---\n{body}",
    }
    done = build(make_project(tmp_path, files))
    assert done.code == 0, done.output[-3000:]
    page = done.page("n.md")
    article = page[page.index("<article") : page.index("</article>")]
    assert "<script" not in article and "<textarea" not in article and "<style" not in article
    assert "<h1>&lt;style&gt;: The Style element | MDN</h1>" in article
    assert "&lt;script&gt;: The Script element" in article
    assert 'href="https://h3.example/next"' in article


def test_a_short_comment_hides_no_link(tmp_path: Path) -> None:
    # `<!-->` and `<!--->`, typed for `<!-- -->` (Stack Exchange posts): an empty comment to
    # CommonMark and to a browser; Python-Markdown ran it on to the next `-->`, the one below
    # or the break the page puts between a task list and the list after it.
    body = (
        "<!-->\n[a](https://h1.example/a)\n-->\n\n"
        "x <!---> [b](https://h2.example/b) -->\n\n"
        "<!-->\n- [ ] [c](https://h3.example/c) (via Sebastian)\n"
        "1. [d](https://h4.example/d) — 2017\n\n"
        "```\n<!-->\n```\n\n`<!--->` in code, then [e](https://h5.example/e)\n"
    )
    files = {"index.md": "---\ntitle: Home\n---\n# Home\n", "n.md": f"---\ntitle: N\n---\n{body}"}
    notes = load_notes(make_project(tmp_path, files) / "notes").kb.notes
    (note,) = [n for n in notes if n.path == "n.md"]
    assert note.comment_marks == ((4, "<!-->"), (8, "<!--->"), (10, "<!-->"))
    done = build(tmp_path)
    assert done.code == 0, done.output[-3000:]
    page = done.page("n.md")
    article = page[page.index("<article") : page.index("</article>")]
    assert sorted(_URL.findall(article)) == [
        f"https://h{n}.example/{c}" for n, c in zip(range(1, 6), "abcde", strict=True)
    ]
    assert "<code>&lt;!--&gt;\n</code>" in article and "<code>&lt;!---&gt;</code>" in article
