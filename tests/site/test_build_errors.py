"""What stops a build, and how it says so: bad front-matter, dead and broken links, bad options."""

from __future__ import annotations

from pathlib import Path

from dlnotes.linkcheck.result import Verdict
from dlnotes.parse.openelements import MOST_NESTED
from tests.site.project import build, make_project, note, seed, seed_dead, use_plugin_options
from tests.site.server import serve

GOOD = note("Good", "## Reading\n\n- [A paper](https://papers.example/a.pdf) per Jeremy\n")


def test_bad_front_matter_stops_the_build_at_its_line(tmp_path: Path) -> None:
    bad = "---\ntitle: Bad\ntags: [unclosed\n---\n\n# Bad\n"
    root = make_project(tmp_path, {"index.md": GOOD, "bad.md": bad})
    done = build(root)
    assert done.code != 0
    assert "notes/bad.md:" in done.output
    line = done.output[done.output.index("notes/bad.md:") :].split(":")[1]
    assert line.isdigit() and 1 <= int(line) <= 4
    assert "Traceback" not in done.output
    assert not (root / "site" / "bad").exists()


def test_a_missing_title_stops_a_non_strict_build_too(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": GOOD, "x.md": "---\ntags: [a]\n---\n\nText\n"})
    done = build(root, strict=False)
    assert done.code != 0
    assert "notes/x.md:" in done.output
    assert "title" in done.output
    assert "Traceback" not in done.output


def test_a_title_yaml_reads_as_a_date_stops_the_build_with_its_line(tmp_path: Path) -> None:
    # Unchecked, Material's tags plugin stopped the build with a traceback: a date is no JSON.
    dated = "---\ntitle: 2021-01-01\ntags: [dl]\n---\n\nText.\n"
    root = make_project(tmp_path, {"index.md": GOOD, "day.md": dated})
    done = build(root, strict=False)
    assert done.code != 0
    assert "notes/day.md:2: error: `title` must be text" in done.output
    assert "Traceback" not in done.output
    quoted = dated.replace("2021-01-01", '"2021-01-01"')
    (root / "notes" / "day.md").write_text(quoted)
    assert build(root).code == 0


def test_a_dead_link_fails_strict_naming_its_line(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": GOOD})
    seed_dead(root, "https://papers.example/a.pdf")
    done = build(root)
    assert done.code != 0
    assert "notes/index.md:9: dead link https://papers.example/a.pdf" in done.output
    assert "Traceback" not in done.output
    relaxed = build(root, strict=False)
    assert relaxed.code == 0, relaxed.output
    assert "dl-status--dead" in relaxed.page("index.md")


def test_a_site_can_publish_with_its_dead_links_marked(tmp_path: Path) -> None:
    # What pages.yml sets: rot is shown to readers, and is the weekly issue's business, not a
    # reason to stop publishing. Broken links between notes still fail.
    other = note("Other", "See [the good note](index.md#no-such-heading).")
    root = make_project(tmp_path, {"index.md": GOOD})
    seed_dead(root, "https://papers.example/a.pdf")
    publishing = {"DLNOTES_FAIL_ON_DEAD_LINKS": "false"}
    done = build(root, env=publishing)
    assert done.code == 0, done.output
    assert "notes/index.md:9: dead link https://papers.example/a.pdf" in done.output
    assert "dl-status--dead" in done.page("index.md")
    assert "papers.example" in done.page("link-health.md")
    (root / "notes" / "other.md").write_text(other, encoding="utf-8")
    broken = build(root, env=publishing)
    assert broken.code != 0
    assert "notes/other.md:7:" in broken.output


def test_a_flaky_or_blocked_link_never_fails_the_build(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": GOOD})
    seed(root, "https://papers.example/a.pdf", Verdict.BLOCKED, code=403)
    done = build(root)
    assert done.code == 0, done.output
    assert "could not verify" in done.page("link-health.md")


def test_a_broken_link_between_notes_fails_strict_naming_its_line(tmp_path: Path) -> None:
    other = note("Other", "See [the good note](index.md#no-such-heading).")
    root = make_project(tmp_path, {"index.md": GOOD, "other.md": other})
    done = build(root)
    assert done.code != 0
    assert "notes/other.md:7:" in done.output
    assert "no-such-heading" in done.output


def test_offline_by_default_online_on_request(tmp_path: Path) -> None:
    with serve({"/ok": 200, "/gone": 404}) as server:
        body = f"- [Fine]({server.url('/ok')})\n- [Gone]({server.url('/gone')})\n"
        root = make_project(tmp_path, {"index.md": note("Home", body)})
        use_plugin_options(root, "      linkcheck:\n        allow_private: true\n")
        offline = build(root)
        assert offline.code == 0, offline.output
        assert server.requests == 0
        online = build(root, strict=False, env={"DLNOTES_LINKCHECK": "online"})
        assert online.code == 0, online.output
        assert server.hits["/ok"] >= 1 and server.hits["/gone"] >= 1
        rows = [row.status for row in online.links_rows()]
        assert "ok" in rows
        assert "flaky" in rows  # one failure is not yet dead
        before = server.requests
        again = build(root)  # offline again: the cache answers, no request
        assert again.code == 0, again.output
        assert server.requests == before
        assert "ok" in [row.status for row in again.links_rows()]


def test_the_plugin_option_asks_for_an_online_check(tmp_path: Path) -> None:
    with serve({"/ok": 200}) as server:
        root = make_project(tmp_path, {"index.md": note("Home", f"[Fine]({server.url('/ok')})")})
        options = "      linkcheck_online: true\n      linkcheck:\n        allow_private: true\n"
        use_plugin_options(root, options)
        done = build(root)
        assert done.code == 0, done.output
        assert server.hits["/ok"] >= 1
        assert "ok" in [row.status for row in done.links_rows()]
        before = server.requests
        offline = build(root, env={"DLNOTES_LINKCHECK": "offline"})  # the variable wins
        assert offline.code == 0, offline.output
        assert server.requests == before


def test_a_wrong_linkcheck_mode_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": GOOD})
    done = build(root, env={"DLNOTES_LINKCHECK": "sometimes"})
    assert done.code != 0
    assert "DLNOTES_LINKCHECK must be 'online' or 'offline'" in done.output
    assert "Traceback" not in done.output


def test_plugin_options_are_validated_by_the_schema(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": GOOD})
    use_plugin_options(root, "      links_page: sub/links.md\n")
    done = build(root)
    assert done.code != 0
    assert "links_page" in done.output
    assert "top of the notes folder" in done.output
    assert "Traceback" not in done.output


def test_an_unknown_linkcheck_option_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": GOOD})
    use_plugin_options(root, "      linkcheck:\n        timeuot: 3\n")
    done = build(root)
    assert done.code != 0
    assert "timeuot" in done.output
    assert "Traceback" not in done.output


def test_generated_pages_can_be_renamed(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"index.md": GOOD})
    use_plugin_options(root, "      links_page: all-links.md\n")
    done = build(root)
    assert done.code == 0, done.output
    assert "dl-links-table" in done.page("all-links.md")
    assert not (root / "site" / "links").exists()


def test_a_link_to_a_note_the_site_leaves_out_fails_strict(tmp_path: Path) -> None:
    # The note is on disk, but `exclude_docs` keeps it off the site: no page to link to.
    notes = {"index.md": note("Home", "See [the draft](drafts/plan.md)."), "drafts/plan.md": GOOD}
    root = make_project(tmp_path, notes)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "exclude_docs: drafts/\n")
    done = build(root)
    assert done.code != 0
    assert "notes/index.md:7: link to a missing note 'drafts/plan.md'" in done.output


def test_elements_nested_past_what_the_sites_markdown_reads_stop_the_build_at_their_line(
    tmp_path: Path,
) -> None:
    # Unchecked, md_in_html ran out of stack reading 1,000 collapsible sections left open
    # inside each other, and the build ended in a RecursionError's traceback.
    section = "<details><summary>More</summary>\n\n- [a](https://a.example/) per Jeremy\n\n"
    root = make_project(tmp_path, {"index.md": GOOD, "deep.md": note("Deep", section * 1000)})
    done = build(root, strict=False)
    assert done.code != 0
    assert "Traceback" not in done.output
    # note() puts the body's first line on line 7; each section takes 4 lines.
    assert f"notes/deep.md:{7 + 4 * MOST_NESTED}: error: `<details>` opens" in done.output
    within = note("Deep", section * MOST_NESTED)
    (root / "notes" / "deep.md").write_text(within, encoding="utf-8")
    assert build(root).code == 0
