"""`changed_links`: only what a change added or edited since a ref, at its new line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlnotes.linkcheck.changed import GitRefError, changed_links
from dlnotes.model import Checked
from dlnotes.parse import load_notes
from tests.github.gitrepo import GitRepo, note

ALPHA = note(
    "Alpha",
    "# Reading",
    "",
    "* [Kept](https://kept.example/a) stays as it is",
    "* [Retitled](https://retitled.example/a)",
    "* [Removed](https://removed.example/a)",
    "* [Moved](https://moved.example/a) will move down",
    "* [Re-annotated](https://annotated.example/a) first words",
)
BETA = note("Beta", "[Travels with its note](https://renamed.example/b)")


def found(links: list[Checked]) -> list[tuple[str, int, str]]:
    return [(link.location.file, link.location.line, link.url) for link in links]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "kb")
    repo.write("notes/alpha.md", ALPHA)
    repo.write("notes/beta.md", BETA)
    repo.commit("notes")
    repo.git("checkout", "--quiet", "-b", "change")
    return repo


def load(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> list[Checked]:
    monkeypatch.chdir(repo.root)
    parsed = load_notes("notes")
    return changed_links(parsed.kb, repo.root, "main")


def test_only_added_and_changed_links_with_their_new_lines(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write(
        "notes/alpha.md",
        note(
            "Alpha",
            "# Reading",
            "",
            "* [Added](https://added.example/a) new in this change",
            "* [Kept](https://kept.example/a) stays as it is",
            "* [Retitled, better](https://retitled.example/a)",
            "* [Re-annotated](https://annotated.example/a) other words",
            "",
            "More text in between.",
            "",
            "* [Moved](https://moved.example/a) will move down",
        ),
    )
    repo.git("mv", "notes/beta.md", "notes/gamma.md")
    repo.commit("edit alpha, rename beta")

    assert found(load(repo, monkeypatch)) == [
        ("notes/alpha.md", 7, "https://added.example/a"),
        ("notes/alpha.md", 9, "https://retitled.example/a"),
        ("notes/alpha.md", 10, "https://annotated.example/a"),
    ]


def test_the_base_is_the_merge_base_not_the_tip_of_the_ref(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # main moves on after the branch: its edits are not the branch's doing.
    repo.git("checkout", "--quiet", "main")
    repo.write("notes/beta.md", BETA.replace("Travels with its note", "Renamed on main"))
    repo.commit("main edits beta")
    repo.git("checkout", "--quiet", "change")
    repo.write("notes/alpha.md", ALPHA + "\n[Branch link](https://branch.example/a)\n")
    repo.commit("branch adds a link")

    assert found(load(repo, monkeypatch)) == [("notes/alpha.md", 13, "https://branch.example/a")]


def test_uncommitted_and_untracked_changes_count(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.write("notes/alpha.md", ALPHA.replace("Kept", "Kept, edited"))  # not staged
    repo.write("notes/sub/new.md", note("New", "[Fresh](https://fresh.example/n)"))  # untracked
    (repo.root / "notes/beta.md").rename(repo.root / "notes/delta.md")  # a rename, unstaged

    assert found(load(repo, monkeypatch)) == [
        ("notes/alpha.md", 7, "https://kept.example/a"),
        ("notes/sub/new.md", 5, "https://fresh.example/n"),
    ]
    # The user's staging area is left as it was.
    assert repo.git("status", "--porcelain") == (
        " M notes/alpha.md\n D notes/beta.md\n?? notes/delta.md\n?? notes/sub/\n"
    )


def test_a_second_copy_of_a_link_is_new(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("notes/beta.md", BETA + "\n[Travels with its note](https://renamed.example/b)\n")

    assert found(load(repo, monkeypatch)) == [("notes/beta.md", 7, "https://renamed.example/b")]


def test_nothing_changed_means_no_links(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load(repo, monkeypatch) == []


def test_an_unknown_ref_is_a_clear_error(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root)
    kb = load_notes("notes").kb
    with pytest.raises(GitRefError, match="unknown git ref 'origin/nope'"):
        changed_links(kb, repo.root, "origin/nope")
    with pytest.raises(GitRefError, match="not a git ref"):
        changed_links(kb, repo.root, "--output=/tmp/x")


def test_outside_a_git_repository_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes/a.md").write_text(note("A", "[X](https://x.example/)"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    kb = load_notes("notes").kb
    with pytest.raises(GitRefError, match="not a git repository"):
        changed_links(kb, tmp_path, "main")


def test_a_shallow_clone_says_how_to_fix_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upstream = GitRepo(tmp_path / "upstream")
    upstream.write("notes/a.md", note("A", "[X](https://x.example/)"))
    upstream.commit("one")
    upstream.git("checkout", "--quiet", "-b", "side")
    upstream.write("notes/b.md", note("B", "[Y](https://y.example/)"))
    upstream.commit("two")
    upstream.git("checkout", "--quiet", "main")
    upstream.write("notes/a.md", note("A", "[Z](https://z.example/)"))
    upstream.commit("three")
    # A CI checkout's default: the tip of one branch, no history.
    clone = GitRepo.existing(tmp_path / "clone")
    upstream.git(
        "clone", "--quiet", "--depth=1", "--branch=side", f"file://{upstream.root}", str(clone.root)
    )
    clone.git("fetch", "--quiet", "--depth=1", "origin", "main:refs/remotes/origin/main")
    monkeypatch.chdir(clone.root)
    kb = load_notes("notes").kb
    with pytest.raises(GitRefError, match="a shallow clone: fetch the whole history"):
        changed_links(kb, clone.root, "origin/main")


def test_new_images_count_and_old_ones_do_not(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pull request that adds a diagram answers for its URL as for a link's.
    repo.git("checkout", "--quiet", "main")
    repo.write("notes/beta.md", BETA + "\n![Old plot](https://img.example/old.png)\n")
    repo.commit("beta gets a plot")
    repo.git("checkout", "--quiet", "-B", "change")
    repo.write(
        "notes/beta.md",
        BETA
        + "\n![Old plot](https://img.example/old.png)\n"
        + "\n![New plot](https://img.example/new.png)\n",
    )
    repo.write("notes/pics.md", note("Pics", "![Only an image](https://img.example/only.png)"))

    assert found(load(repo, monkeypatch)) == [
        ("notes/beta.md", 9, "https://img.example/new.png"),
        ("notes/pics.md", 5, "https://img.example/only.png"),
    ]
