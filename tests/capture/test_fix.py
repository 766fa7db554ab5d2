"""`dlnotes fix`: only what the cache calls dead (archived copy added) or permanently redirected
(URL rewritten) is touched; flaky, blocked and healthy links never are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from dlnotes.linkcheck.cache import DEFAULT_CACHE_PATH, LinkCache
from dlnotes.linkcheck.result import CheckResult, Hop, Verdict
from dlnotes.parse import load_notes, parse_note
from dlnotes.urls import normalize_url
from dlnotes.write.mend import (
    add_archive_link,
    defining,
    not_markdown,
    reference_labels,
    replace_link_url,
)
from tests.capture.helpers import copy_notes, folder_bytes, run

NOW = dt.datetime.now(dt.UTC)
DEAD = "http://teleported.in/posts/cyclic-learning-rate/"
DEAD_TWICE = "https://www.youtube.com/watch?v=bxe2T-V8XRs"
DEAD_UNARCHIVED = "http://iamtrask.github.io/2015/07/12/basic-python-network/"
FLAKY = "https://techburst.io/improving-the-way-we-work-with-learning-rate-5e99554f163b"
BLOCKED = "https://medium.com/merantix/applying-deep-learning-to-real-world-problems-ba2d86ac5837"
MOVED = "http://colah.github.io/"
MOVED_TO = "https://colah.github.io/"
HEALTHY = "http://neuralnetworksanddeeplearning.com/"


def archived(url: str) -> str:
    return f"https://web.archive.org/web/2018/{url}"


def record(store: LinkCache, url: str, status: Verdict, days_ago: float, **extra: Any) -> None:
    at = NOW - dt.timedelta(days=days_ago)
    result = CheckResult(url=normalize_url(url), status=status, checked_at=at, **extra)
    store.record(result, at)


@pytest.fixture
def notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = copy_notes(tmp_path / "notes")
    cache = tmp_path / DEFAULT_CACHE_PATH
    cache.parent.mkdir(parents=True)
    with LinkCache.open(cache) as store:
        for url in (DEAD, DEAD_TWICE, DEAD_UNARCHIVED):
            for days in (10, 5, 0):
                record(store, url, Verdict.BROKEN, days, code=404)
        for url in (DEAD, DEAD_TWICE):
            store.set_archive(normalize_url(url), archived(url), NOW)
        record(store, FLAKY, Verdict.OK, 3)
        record(store, FLAKY, Verdict.TIMEOUT, 0)
        store.set_archive(normalize_url(FLAKY), archived(FLAKY), NOW)
        for days in (10, 5, 0):
            record(store, BLOCKED, Verdict.BLOCKED, days, code=403)
        record(
            store, MOVED, Verdict.REDIRECTED, 0, code=301, final_url=MOVED_TO,
            redirects=[Hop(MOVED, 301)],
        )  # fmt: skip
        record(store, HEALTHY, Verdict.OK, 0, code=200)
    return folder


def changed_lines(before: dict[str, str], notes: Path) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for name, text in before.items():
        after = (notes / name).read_text(encoding="utf-8")
        old, new = text.splitlines(), after.splitlines()
        assert len(old) == len(new)
        pairs = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        if pairs:
            out[name] = pairs
    return out


def lone_note(notes: Path, name: str, text: str) -> Path:
    """A folder beside the fixture's notes (and under its cache) holding one note."""
    only = notes.parent / "only"
    only.mkdir()
    (only / name).write_text(text, encoding="utf-8")
    return only / name


def fix_in(folder: Path, *options: str) -> Result:
    """`dlnotes fix OPTIONS` over the notes of `folder`, which must succeed."""
    result = run("fix", str(folder), *options)
    assert result.exit_code == 0, result.output
    return result


def texts(notes: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in notes.glob("*.md")}


def test_archive_and_redirects_touch_only_dead_and_moved_links(notes: Path) -> None:
    before = texts(notes)
    result = fix_in(notes, "--archive", "--redirects")
    changes = changed_lines(before, notes)
    flat = [(old, new) for pairs in changes.values() for old, new in pairs]
    assert len(flat) == 4  # DEAD, DEAD_TWICE twice, MOVED
    for old, new in flat:
        if MOVED in old:
            assert new == old.replace(f"]({MOVED})", f"]({MOVED_TO})")
        else:
            url = DEAD if DEAD in old else DEAD_TWICE
            assert new == old.replace(f"]({url})", f"]({url}) ([archived]({archived(url)}))")
    assert f"no archived copy is known: {DEAD_UNARCHIVED}" in result.output
    for untouched in (FLAKY, BLOCKED, HEALTHY, DEAD_UNARCHIVED):
        assert not any(untouched in old for old, _ in flat)
    kb = load_notes(notes).kb
    assert [link.url for link in kb.links_to(MOVED_TO)] == [MOVED_TO]
    # The archived copy is a link of its own now, beside the original.
    assert len(kb.links_to(archived(DEAD))) == 1
    after = folder_bytes(notes)
    again = run("fix", str(notes), "--archive", "--redirects")
    assert again.exit_code == 0, again.output
    assert folder_bytes(notes) == after


def test_without_flags_only_dead_links_are_archived(notes: Path) -> None:
    before = texts(notes)
    fix_in(notes)
    flat = [pair for pairs in changed_lines(before, notes).values() for pair in pairs]
    assert len(flat) == 3
    assert all("[archived]" in new for _, new in flat)


def test_dry_run_prints_the_diff_and_writes_nothing(notes: Path) -> None:
    before = folder_bytes(notes)
    result = fix_in(notes, "--redirects", "--dry-run")
    assert folder_bytes(notes) == before
    assert f"-- [colah's blog]({MOVED})" in result.output
    assert f"+- [colah's blog]({MOVED_TO})" in result.output
    assert "would mend 0 dead link(s) and 1 redirect(s)" in result.output


def test_no_cache_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    notes = copy_notes(tmp_path / "notes")
    result = run("fix", str(notes))
    assert result.exit_code == 1
    assert "run `dlnotes check` first" in result.output
    assert not (tmp_path / ".dlnotes").exists()


def test_a_reference_style_link_is_mended_on_its_definition(notes: Path) -> None:
    extra = notes / "refs.md"
    extra.write_text(
        f"---\ntitle: Refs\n---\n\nSee [the blog][colah] and [cyclic][lr].\n\n"
        f"[colah]: {MOVED}\n[lr]: https://teleported.in/posts/cyclic-learning-rate\n",
        encoding="utf-8",
    )
    fix_in(notes, "--redirects")
    text = extra.read_text(encoding="utf-8")
    assert f"[colah]: {MOVED_TO}\n" in text
    assert "See [the blog][colah] and [cyclic][lr].\n" in text


def test_a_link_written_as_html_is_mended_in_html(notes: Path) -> None:
    extra = notes / "html.md"
    extra.write_text(
        "---\ntitle: Html\n---\n\n"
        f'Read <a href="{MOVED}" class="x">the blog</a> and\n'
        f"<a href='{DEAD}'>cyclic rates</a>, or <a href=\"{DEAD}\">the same\n"
        "over two lines</a>.\n",
        encoding="utf-8",
    )
    result = fix_in(notes, "--archive", "--redirects")
    lines = extra.read_text(encoding="utf-8").splitlines()
    assert lines[4] == f'Read <a href="{MOVED_TO}" class="x">the blog</a> and'
    assert lines[5] == (
        f"<a href='{DEAD}'>cyclic rates</a> (<a href=\"{archived(DEAD)}\">archived</a>), "
        f'or <a href="{DEAD}">the same'
    )
    assert lines[6] == "over two lines</a>."
    # Its text goes on to the next line: no place for the archived copy, and fix says so.
    said = result.output.count("html.md:6: an HTML link to")
    assert said == 1, result.output
    assert f"put one after its </a> by hand: {archived(DEAD)}" in result.output
    again = run("fix", str(notes), "--archive", "--redirects")  # nothing added twice
    assert again.exit_code == 0, again.output
    assert extra.read_text(encoding="utf-8").splitlines() == lines
    assert "mended 0 dead link(s) and 0 redirect(s) in 0 note(s)" in again.output


def test_two_links_to_one_url_on_a_line_are_each_counted(notes: Path) -> None:
    twice = lone_note(
        notes,
        "twice.md",
        "---\ntitle: Twice\n---\n\n"
        f"See [cyclic]({DEAD}) and [again]({DEAD}).\n"
        f"Read [the blog]({MOVED}) or [its home]({MOVED}).\n",
    )
    only = twice.parent
    result = fix_in(only, "--archive", "--redirects")
    lines = twice.read_text(encoding="utf-8").splitlines()
    copy = f"([archived]({archived(DEAD)}))"
    assert lines[4] == f"See [cyclic]({DEAD}) {copy} and [again]({DEAD}) {copy}."
    assert lines[5] == f"Read [the blog]({MOVED_TO}) or [its home]({MOVED_TO})."
    # One edit of a line mended both its links: each is counted, and neither is "not found".
    assert result.output.splitlines() == ["mended 2 dead link(s) and 2 redirect(s) in 1 note(s)"], (
        result.output
    )
    dry = run("fix", str(only), "--archive", "--redirects", "--dry-run")
    assert "would mend 0 dead link(s) and 0 redirect(s) in 0 note(s)" in dry.output


def test_a_redirected_link_keeps_its_fragment_as_a_browser_does(notes: Path) -> None:
    note = lone_note(
        notes,
        "sections.md",
        "---\ntitle: Sections\n---\n\n"
        f"[The diagrams]({MOVED}#lstm) and [the text]({MOVED}).\n"
        f'<a href="{MOVED}#:~:text=gates">the gates</a>\n',
    )
    result = fix_in(note.parent, "--redirects")
    lines = note.read_text(encoding="utf-8").splitlines()
    assert lines[4] == f"[The diagrams]({MOVED_TO}#lstm) and [the text]({MOVED_TO})."
    assert lines[5] == f'<a href="{MOVED_TO}#:~:text=gates">the gates</a>'
    assert "mended 0 dead link(s) and 3 redirect(s) in 1 note(s)" in result.output


def test_a_redirect_that_leaves_a_parenthesis_open_keeps_the_link_whole(notes: Path) -> None:
    # A Goodreads slug, `…_(Series,_#1)`: its fragment is `1)`, which the redirect keeps.
    book = "https://www.goodreads.com/book/show/29579.Foundation_(Foundation,_#1)"
    moved = "https://www.goodreads.com/book/show/29579.Foundation"
    with LinkCache.open(notes.parent / DEFAULT_CACHE_PATH) as store:
        record(
            store, book, Verdict.REDIRECTED, 0, code=301, final_url=moved,
            redirects=[Hop(book, 301)],
        )  # fmt: skip
    note = lone_note(
        notes,
        "books.md",
        f"---\ntitle: Books\n---\n\n- [Foundation]({book}) ★★★★☆\n- [Again](<{book}>)\n"
        f"- [Dune][d]\n\n[d]: {book}\n",
    )
    fix_in(note.parent, "--redirects")
    lines = note.read_text(encoding="utf-8").splitlines()
    assert lines[4:] == [
        f"- [Foundation](<{moved}#1)>) ★★★★☆",  # bare, the `)` would end the link
        f"- [Again](<{moved}#1)>)",
        "- [Dune][d]",
        "",
        f"[d]: <{moved}#1)>",
    ]
    parsed, _ = parse_note(
        note.read_text(encoding="utf-8"), path="books.md", display="b", people={}
    )
    assert [link.url for link in parsed.links] == [f"{moved}#1)"] * 3


def test_a_reference_defined_in_a_quote_is_mended_there(notes: Path) -> None:
    note = lone_note(
        notes,
        "quoted.md",
        "---\ntitle: Quoted\n---\n\n"
        "> Read [the post][clr] and [the blog][colah].\n>\n"
        f"> [clr]: {DEAD}\n> > [colah]: {MOVED}\n",
    )
    result = fix_in(note.parent, "--archive", "--redirects")
    lines = note.read_text(encoding="utf-8").splitlines()
    copy = f"([archived]({archived(DEAD)}))"
    assert lines[4:] == [
        f"> Read [the post][clr] {copy} and [the blog][colah].",
        ">",
        f"> [clr]: {DEAD}",
        f"> > [colah]: {MOVED_TO}",
    ]
    assert "mended 1 dead link(s) and 1 redirect(s) in 1 note(s)" in result.output


def test_a_dead_reference_style_link_gets_its_copy_where_it_is_used(notes: Path) -> None:
    # After the definition the copy would break it: CommonMark reads the line as text, and
    # Python-Markdown takes `(...)` for the link's title, so the copy never shows.
    extra = notes / "refs.md"
    extra.write_text(
        "---\ntitle: Refs\n---\n\n"
        "See [cyclic rates][LR] and [lr][].\n"
        "Later: [lr], and [the same][lr](not a link).\n\n"
        f"[lr]: {DEAD}\n",
        encoding="utf-8",
    )
    fix_in(notes, "--archive")
    copy = f"([archived]({archived(DEAD)}))"
    assert extra.read_text(encoding="utf-8").splitlines()[4:] == [
        f"See [cyclic rates][LR] {copy} and [lr][] {copy}.",
        f"Later: [lr] {copy}, and [the same][lr] {copy}(not a link).",
        "",
        f"[lr]: {DEAD}",
    ]
    parsed = load_notes(notes)
    assert not parsed.problems
    again = run("fix", str(notes), "--archive")
    assert "mended 0 dead link(s)" in again.output, again.output


@pytest.mark.parametrize("title", ['"The title"', "'The title'", "(The title)", ""])
def test_a_link_with_a_title_in_any_form_is_mended(title: str) -> None:
    url = "https://en.wikipedia.org/wiki/Dropout_(neural_networks)"
    line = f"- [Dropout](<{url}> {title}) and [again]({url} {title}), said Jeremy.\n"
    copy = " ([archived](https://web.archive.org/web/1/x))"
    archived = add_archive_link(line, url, "https://web.archive.org/web/1/x")
    assert archived == line.replace(f"{title}) and", f"{title}){copy} and").replace(
        f"{title}), said", f"{title}){copy}, said"
    )
    moved = replace_link_url(line, url, "https://new.test/dropout")
    assert moved == line.replace(url, "https://new.test/dropout")


def test_a_copy_goes_after_the_links_attribute_list() -> None:
    # attr_list gives `{target=_blank}` to the link right before it: a copy between the two
    # would leave it shown as text, and the link without its attributes.
    url, copy = "https://x.test/p", " ([archived](https://web.archive.org/web/1/x))"
    line = f"[a]({url}){{target=_blank}} and <{url}>{{: .x }} and [p]{{ .md-button }}\n"
    archived = add_archive_link(line, url, "https://web.archive.org/web/1/x", frozenset({"p"}))
    assert archived == line.replace("}", "}" + copy)
    assert add_archive_link(archived, url, "y", frozenset({"p"})) == archived  # once only


def test_a_line_like_a_definition_with_more_after_its_url_is_text() -> None:
    # `[^1]: See [t][r].` defines nothing to either reader (no footnotes here): its
    # reference is a link like any other, and gets its copy.
    line = "[^1]: See [t][r].\n"
    archived = add_archive_link(line, "https://x.test/", "https://a.test/", frozenset({"r"}))
    assert archived == "[^1]: See [t][r] ([archived](https://a.test/)).\n"
    assert add_archive_link('[r]: https://x.test/ "T"\n', "https://x.test/", "z") is None


def test_an_archived_url_with_a_space_is_written_in_angle_brackets() -> None:
    # A bare destination holds no space: the copy would be no link to Markdown.
    url = "https://x.test/a b"
    archived = add_archive_link(f"[t](<{url}>)\n", url, f"https://web.archive.org/web/1/{url}")
    assert archived == f"[t](<{url}>) ([archived](<https://web.archive.org/web/1/{url}>))\n"


def test_an_autolink_in_another_links_text_gets_no_copy_inside_that_text() -> None:
    line = "[<https://a.test/>](https://b.test/) and [see <https://a.test/> too](https://c.test/)\n"
    assert add_archive_link(line, "https://a.test/", "https://arch.test/") is None
    assert add_archive_link(line, "https://b.test/", "https://arch.test/") == line.replace(
        "(https://b.test/)", "(https://b.test/) ([archived](https://arch.test/))"
    )
    assert replace_link_url(line, "https://a.test/", "https://n.test/") == line.replace(
        "https://a.test/", "https://n.test/"
    )


def test_a_reference_in_another_links_text_gets_no_copy_inside_that_text() -> None:
    # A chat export's numbered citation, `[[1]](url)`: the copy would land in the outer
    # link's text, and the page would nest links.
    line = "See [[1]](https://b.test/) and [1].\n"
    archived = add_archive_link(line, "https://a.test/", "https://arch.test/", frozenset({"1"}))
    assert archived == "See [[1]](https://b.test/) and [1] ([archived](https://arch.test/)).\n"
    alone = "See [[1]](https://b.test/).\n"
    assert (
        add_archive_link(alone, "https://a.test/", "https://arch.test/", frozenset({"1"})) is None
    )


def test_foams_bracketed_reference_gets_its_copy_after_the_brackets() -> None:
    line = "See [[Attention]] here.\n"
    archived = add_archive_link(
        line, "https://a.test/", "https://arch.test/", frozenset({"attention"})
    )
    assert archived == "See [[Attention]] ([archived](https://arch.test/)) here.\n"


def test_a_line_like_a_definition_with_more_after_its_url_is_not_rewritten_as_one() -> None:
    # Neither reader takes `[x]: url and more` for a definition: a redirect moves the links
    # to the URL, not the text of that line.
    lines = ["See [a](https://old.test/).\n", "\n", "[x]: https://old.test/ was the old site\n"]
    assert defining(lines, "https://old.test/") == []
    assert defining(["[x]: https://old.test/ 'T'\n"], "https://old.test/") != []


def test_a_url_written_with_amp_entities_is_found_and_kept_in_that_form() -> None:
    # The parser reads `&amp;` as `&`, as CommonMark and HTML do: the URL it hands over is
    # not the text on the line.
    url, new = "https://x.test/p?a=1&b=2", "https://y.test/p?a=1&b=3"
    line = (
        '<a href="https://x.test/p?a=1&amp;b=2">page</a> and '
        "[page](https://x.test/p?a=1&amp;b=2) and [raw](https://x.test/p?a=1&b=2)\n"
    )
    archived = add_archive_link(line, url, "https://web.archive.org/web/1/x")
    assert archived is not None and archived.count("archived") == 3
    assert replace_link_url(line, url, new) == (
        '<a href="https://y.test/p?a=1&amp;b=3">page</a> and '
        "[page](https://y.test/p?a=1&amp;b=3) and [raw](https://y.test/p?a=1&b=3)\n"
    )
    defined = ["See [it][p].\n", "\n", "[p]: https://x.test/p?a=1&amp;b=2\n"]
    assert reference_labels(defined, url) == {"p"}
    # An autolink reads `&amp;` as written: its URL is the line's, and the new one goes in as it is.
    auto = "https://x.test/p?a=1&amp;b=2"
    assert replace_link_url(f"<{auto}>\n", auto, new) == f"<{new}>\n"


def test_a_link_shown_as_code_is_left_as_written(notes: Path) -> None:
    # The parser reads no link in code, so only the real link on each line is mended; what a
    # note shows as code (a span, a fenced or an indented block) stays byte for byte.
    text = (
        "---\ntitle: Code\n---\n\n"
        f"Write `[cyclic]({DEAD})` as [cyclic]({DEAD}); ``[b]({MOVED})`` is [b]({MOVED}).\n"
        "See [the blog][blog] and `[blog][]`.\n\n"
        "```markdown\n"
        f"[blog]: {MOVED}\n"
        f"[cyclic]({DEAD})\n"
        "```\n\n"
        f"    [blog]: {MOVED}\n\n"
        f"[blog]: {MOVED}\n"
    )
    note = lone_note(notes, "code.md", text)
    result = fix_in(note.parent, "--archive", "--redirects")
    copy = f"([archived]({archived(DEAD)}))"
    expected = text.replace(f"as [cyclic]({DEAD});", f"as [cyclic]({DEAD}) {copy};").replace(
        f"is [b]({MOVED}).", f"is [b]({MOVED_TO})."
    )
    expected = expected.removesuffix(f"[blog]: {MOVED}\n") + f"[blog]: {MOVED_TO}\n"
    assert note.read_text(encoding="utf-8") == expected
    assert "mended 1 dead link(s) and 2 redirect(s) in 1 note(s)" in result.output, result.output
    assert "not found" not in result.output


def test_a_code_span_that_runs_over_lines_is_code_on_each_of_them(notes: Path) -> None:
    # A code span may go from one line of a paragraph to the next: read line by line, the
    # backticks of the middle lines pair the other way, taking the real link for code.
    text = (
        "---\ntitle: Spans\n---\n\n"
        "See `the code\n"
        f"span` and [cyclic]({DEAD}), `then [cyclic]({DEAD})\n"
        "as code` and ``two\n"
        f"`[b]({MOVED})` more`` [b]({MOVED}) `[b]({MOVED})\n"
        "shown`.\n\n"
        f"> Quoted `and [b]({MOVED})\n> still code` [b]({MOVED}).\n"
    )
    note = lone_note(notes, "spans.md", text)
    assert [link.url for link in load_notes(note.parent).kb.notes[0].links] == [
        DEAD,
        MOVED,
        MOVED,
    ]
    result = fix_in(note.parent, "--archive", "--redirects")
    copy = f"([archived]({archived(DEAD)}))"
    expected = text.replace(f"and [cyclic]({DEAD}),", f"and [cyclic]({DEAD}) {copy},")
    expected = expected.replace(f"`` [b]({MOVED}) `", f"`` [b]({MOVED_TO}) `")
    expected = expected.replace(f"` [b]({MOVED}).", f"` [b]({MOVED_TO}).")
    assert note.read_text(encoding="utf-8") == expected
    assert "mended 1 dead link(s) and 2 redirect(s) in 1 note(s)" in result.output, result.output
    assert "not found" not in result.output


def test_a_definition_in_code_gives_no_label_to_archive_under() -> None:
    lines = ["See [it][p] and [it].\n", "\n", "```\n", f"[p]: {DEAD}\n", "```\n"]
    assert reference_labels(lines, DEAD) == {"p"}  # line by line, it looks like one
    assert reference_labels(lines, DEAD, not_markdown("".join(lines))) == frozenset()
    assert add_archive_link("Use `[it](x)` or [it](x).", "x", "y") == (
        "Use `[it](x)` or [it](x) ([archived](y))."
    )


def test_a_definition_with_its_url_on_the_next_line_is_mended(notes: Path) -> None:
    # CommonMark lets a definition put its URL (and title) on the lines after its label.
    text = (
        "---\ntitle: Below\n---\n\n"
        "See [the blog][colah] and [cyclic][lr].\n\n"
        f"[colah]:\n  {MOVED}\n  'Colah'\n"
        f"[lr]:\n   <{DEAD}>\n"
    )
    note = lone_note(notes, "below.md", text)
    only = note.parent
    parsed = load_notes(only)
    assert [link.url for link in parsed.kb.notes[0].links] == [MOVED, DEAD]
    result = fix_in(only, "--archive", "--redirects")
    copy = f"([archived]({archived(DEAD)}))"
    assert note.read_text(encoding="utf-8") == text.replace(
        "[cyclic][lr].", f"[cyclic][lr] {copy}."
    ).replace(f"  {MOVED}\n", f"  {MOVED_TO}\n")
    assert "mended 1 dead link(s) and 1 redirect(s) in 1 note(s)" in result.output, result.output
