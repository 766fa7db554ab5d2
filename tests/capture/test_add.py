"""`dlnotes add`: one step to capture a link, title fetched from a real local server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import markdown
import pytest

from dlnotes.parse import load_notes
from tests.capture.helpers import copy_notes, folder_bytes, inserted_lines, run

PAGES = {
    "/og": b'<html><head><title>Site | A page</title><meta property="og:title" '
    b'content="The &amp; real title"></head><body>x</body></html>',
    "/plain": "<html><head><title>\n  深度学习 notes  \n</title></head></html>".encode(),
    "/untitled": b"<html><body>no title</body></html>",
    "/hostile": b"<html><head><title>&lt;img src=x onerror=alert(1)&gt; *Big* news_of `today` "
    b"&amp;copy; [1]</title></head></html>",
}


class Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/plain")
            self.end_headers()
            return
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body or b"not found")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no pyproject.toml or mkdocs.yml here: default options
    return copy_notes(tmp_path / "notes")


def test_add_fetches_the_title_and_keeps_the_rest_of_the_file(server: str, notes: Path) -> None:
    general = notes / "general.md"
    before = general.read_text(encoding="utf-8")
    others = {p: p.read_bytes() for p in notes.iterdir() if p != general}
    result = run(
        "add", f"{server}/og", str(notes), "--note", "general", "--section", "Reading list",
        "--by", "Jeremy", "--comment", "worth a second read", "--tag", "captured",
        "--allow-private",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = general.read_text(encoding="utf-8")
    changed = [
        line
        for line in after.splitlines()
        if line not in before.splitlines() and not line.startswith("updated:")
    ]
    assert changed == [
        "tags: [deep-learning, learning-rate, reading-list, architectures, courses, captured]",
        f"- [The & real title]({server}/og) — worth a second read (per Jeremy)",
    ]
    assert {p: p.read_bytes() for p in notes.iterdir() if p != general} == others
    parsed = load_notes(notes)
    (link,) = parsed.kb.links_to(f"{server}/og")
    assert link.title == "The & real title"
    assert (link.attribution, link.annotation) == ("jeremy", "worth a second read")
    assert link.headings[-1] == "Reading list"
    note = parsed.kb.note("general.md")
    assert note is not None and "captured" in note.tags
    assert note.updated is not None and note.updated.isoformat() in after


def test_add_to_a_new_section_with_a_title_tag(server: str, notes: Path) -> None:
    blackbox = notes / "blackbox.md"
    before = blackbox.read_text(encoding="utf-8")
    result = run(
        "add", f"{server}/plain", str(notes), "--note", "Blackbox", "--section", "Fresh finds",
        "--allow-private",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    after = blackbox.read_text(encoding="utf-8")
    today = next(line for line in after.splitlines() if line.startswith("updated:"))
    before = "\n".join(
        today if line.startswith("updated:") else line for line in before.split("\n")
    )
    assert inserted_lines(before, after) == [
        "",
        "## Fresh finds",
        "",
        f"- [深度学习 notes]({server}/plain)",
    ]
    assert after.endswith(f"\n## Fresh finds\n\n- [深度学习 notes]({server}/plain)\n")
    (link,) = load_notes(notes).kb.links_to(f"{server}/plain")
    assert link.headings[-1] == "Fresh finds"


def test_the_ssrf_guard_applies_and_then_a_title_is_needed(server: str, notes: Path) -> None:
    before = folder_bytes(notes)
    result = run("add", f"{server}/og", str(notes), "--note", "general")
    assert result.exit_code == 1
    assert "cannot fetch the page's title" in result.output
    assert "--title" in result.output
    assert folder_bytes(notes) == before


@pytest.mark.parametrize("path", ["/untitled", "/missing"])
def test_no_title_found_asks_for_one(server: str, notes: Path, path: str) -> None:
    before = folder_bytes(notes)
    result = run("add", server + path, str(notes), "--note", "general", "--allow-private")
    assert result.exit_code == 1
    assert "--title" in result.output
    assert folder_bytes(notes) == before


def test_offline_with_a_title_needs_no_network(notes: Path) -> None:
    url = "https://unreachable.invalid/paper"
    result = run("add", url, str(notes), "--note", "overfitting.md", "--title", "A [draft] paper")
    assert result.exit_code == 0, result.output
    (link,) = load_notes(notes).kb.links_to(url)
    assert link.title == "A [draft] paper"
    assert "- [A \\[draft\\] paper](https://unreachable.invalid/paper)" in (
        notes / "overfitting.md"
    ).read_text(encoding="utf-8")


def test_a_duplicate_is_refused_with_where_it_is(notes: Path) -> None:
    before = folder_bytes(notes)
    url = "https://QUID.com/feed/how-quid-uses-deep-learning-with-small-data/?utm_source=x#top"
    result = run("add", url, str(notes), "--note", "blackbox", "--title", "Quid")
    assert result.exit_code == 1
    assert "general.md:" in result.output and "already there (" in result.output
    assert "Reading list" in result.output
    assert folder_bytes(notes) == before


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.org/file", "only http:// and https://"),
        ("example.org/page", "only http:// and https://"),
        ("https://exa mple.org/", "whitespace"),
        ("https:///path-only", "no host"),
        ("http://example.org:port/", "Port could not be cast"),
        ("javascript:alert(1)", "only http:// and https://"),
    ],
)
def test_an_invalid_url_is_refused(notes: Path, url: str, why: str) -> None:
    before = folder_bytes(notes)
    result = run("add", url, str(notes), "--note", "general", "--title", "T")
    assert result.exit_code == 2
    assert "invalid URL" in result.output and why in result.output
    assert folder_bytes(notes) == before


def test_an_unknown_note_is_refused_with_the_known_ones(notes: Path) -> None:
    before = folder_bytes(notes)
    result = run("add", "https://e.org/x", str(notes), "--note", "nope", "--title", "T")
    assert result.exit_code == 2
    assert "unknown note 'nope'" in result.output and "general (Deep Learning in General)" in (
        result.output
    )
    assert folder_bytes(notes) == before


def test_the_title_is_read_past_redirects_but_the_url_is_kept(server: str, notes: Path) -> None:
    result = run("add", f"{server}/moved", str(notes), "--note", "general", "--allow-private")
    assert result.exit_code == 0, result.output
    (link,) = load_notes(notes).kb.links_to(f"{server}/moved")
    assert (link.url, link.title) == (f"{server}/moved", "深度学习 notes")


def test_a_note_saved_with_a_byte_order_mark_and_crlf_keeps_both(notes: Path) -> None:
    file = notes / "overfitting.md"
    text = file.read_text(encoding="utf-8").replace("updated: 2026-11-24\n", "")
    old = "\ufeff" + text.replace("\n", "\r\n")
    file.write_bytes(old.encode("utf-8"))
    url = "https://unreachable.invalid/paper"
    result = run("add", url, str(notes), "--note", "Overfitting", "--title", "A paper")
    assert result.exit_code == 0, result.output
    new = file.read_bytes().decode("utf-8")
    assert new.startswith("\ufeff---\r\n")
    assert new.count("\n") == new.count("\r\n")
    added = inserted_lines(old, new)
    assert added[0].startswith("updated: ") and added[1:] == [f"- [A paper]({url})"]
    (link,) = load_notes(notes).kb.links_to(url)
    assert link.location.line == new.splitlines().index(f"- [A paper]({url})") + 1


def test_a_fetched_title_is_written_as_text_never_as_markup(server: str, notes: Path) -> None:
    # A page chooses its own title: written as it came, its tag would be HTML on the site.
    url = f"{server}/hostile"
    result = run("add", url, str(notes), "--note", "general", "--allow-private")
    assert result.exit_code == 0, result.output
    title = "<img src=x onerror=alert(1)> *Big* news_of `today` &copy; [1]"
    (link,) = load_notes(notes).kb.links_to(url)
    assert link.title == title
    line = next(x for x in (notes / "general.md").read_text("utf-8").splitlines() if url in x)
    html = markdown.markdown(line, extensions=["attr_list", "md_in_html"])
    assert "<img" not in html and "<em>" not in html and "<code>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; *Big* news_of `today` &amp;copy; [1]" in html


def test_new_starts_the_note_and_later_adds_go_to_it(notes: Path) -> None:
    before = folder_bytes(notes)
    refused = run("add", "https://x.example/p", str(notes), "--note", "Attention", "--title", "P")
    assert refused.exit_code == 2
    assert "unknown note 'Attention'" in refused.output and "--new starts a note" in refused.output
    assert folder_bytes(notes) == before  # nothing written
    args = ("--title", "Attention is all you need", "--section", "Papers", "--by", "Jeremy")
    made = run(
        "add", "https://x.example/p", str(notes), "--note", "Attention & heads", "--new", *args
    )
    assert made.exit_code == 0, made.output
    today = date.today().isoformat()
    assert (notes / "attention-heads.md").read_text(encoding="utf-8") == (
        f"---\ntitle: Attention & heads\ncreated: {today}\nupdated: {today}\n---\n\n"
        "# Attention & heads\n\n## Papers\n\n"
        "- [Attention is all you need](https://x.example/p) (per Jeremy)\n"
    )
    again = run(
        "add", "https://x.example/q", str(notes), "--note", "Attention & heads", "--new",
        "--title", "Q", "--section", "Papers",
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in notes.glob("attention*")) == ["attention-heads.md"]
    note = load_notes(notes).kb.note("attention-heads.md")
    assert note is not None and note.title == "Attention & heads"
    assert [(link.url, link.headings[-1]) for link in note.links] == [
        ("https://x.example/p", "Papers"),
        ("https://x.example/q", "Papers"),
    ]
