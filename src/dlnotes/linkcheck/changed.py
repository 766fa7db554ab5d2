"""The links (and images) a change added or edited since a git ref: what a pull request is
answerable for.

A link counts as unchanged when its note's old version (followed through a rename) already held
the same (normalised URL, title, annotation), an image when it held the same (normalised URL,
alt text); moving either to another line does not change it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from dlnotes.model import Checked, Image, KnowledgeBase, Link, Note

LinkKey = tuple[str, str, str | None]


class GitRefError(Exception):
    """`--changed-since` cannot be answered: not a git repository, unknown ref, no common base."""


def changed_links(
    kb: KnowledgeBase, repo_root: Path, gitref: str, *, notes_root: Path | None = None
) -> list[Checked]:
    """The links of `kb` that were added or changed since `git merge-base gitref HEAD`,
    uncommitted and untracked changes included, in note order with their current locations;
    then each note's new images the same way.

    `notes_root` is the folder that `Note.path` is relative to (ParseResult.root); without it,
    a note's file is found from its links' `Location.file`, read relative to the cwd.
    """
    git = _Git(Path(repo_root))
    base = git.merge_base(gitref)
    files = _note_files(kb, notes_root)
    if not files:
        return []
    old_paths = git.changes_since(base, pathspecs=_pathspecs(files.values(), git.top))
    changed: list[Checked] = []
    for note in kb.notes:
        file = files.get(note.path)
        if file is None:
            continue
        repo_path = _repo_path(file, git.top)
        if repo_path not in old_paths:
            continue  # untouched since the base: nothing in it is the change's doing
        old_path = old_paths[repo_path]
        old_text = git.show(base, old_path) if old_path else None
        changed.extend(_new_links(note, old_text, kb))
    return changed


def _new_links(note: Note, old_text: str | None, kb: KnowledgeBase) -> Iterator[Checked]:
    if old_text is None:
        yield from note.links
        yield from note.images
        return
    from dlnotes.parse import parse_note  # the parser only when there is an old text to read

    old_note, _ = parse_note(old_text, path=note.path, display=note.path, people=kb.people)
    yield from _not_in(note.links, old_note.links)
    yield from _not_in(note.images, old_note.images)


def _not_in(items: list[Link] | list[Image], old: list[Link] | list[Image]) -> Iterator[Checked]:
    # A multiset: a second copy of an old link is new, the first one is not.
    remaining = Counter(_key(item) for item in old)
    for item in items:
        key = _key(item)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            yield item


def _key(item: Checked) -> LinkKey:
    if isinstance(item, Image):
        return (item.normalized, item.alt, None)
    return (item.normalized, item.title, item.annotation)


def _note_files(kb: KnowledgeBase, notes_root: Path | None) -> dict[str, Path]:
    """Each note with links or images mapped to its file on disk (notes without any cannot
    change any)."""
    files: dict[str, Path] = {}
    for note in kb.notes:
        held = note.links_and_images
        if not held:
            continue
        if notes_root is not None:
            files[note.path] = (Path(notes_root) / note.path).resolve()
        else:
            files[note.path] = Path(held[0].location.file).resolve()
    return files


def _repo_path(file: Path, top: Path) -> str:
    try:
        return file.relative_to(top).as_posix()
    except ValueError as exc:
        raise GitRefError(f"{file} is not inside the git repository at {top}") from exc


def _pathspecs(files: Iterable[Path], top: Path) -> list[str]:
    # The folders that hold notes: wide enough to see a rename's source, narrow enough not to
    # hash the whole repository.
    folders = {_repo_path(file.parent, top) for file in files}
    common = os.path.commonpath(sorted(folders)) if folders else ""
    return [f":(top){common}" if common else ":(top)."]


@dataclass
class _Git:
    root: Path

    def __post_init__(self) -> None:
        if shutil.which("git") is None:
            raise GitRefError("--changed-since needs git, and git is not installed")
        self.top = Path(self.run("rev-parse", "--show-toplevel").strip()).resolve()

    def run(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.root,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                check=False,
            )
        except OSError as exc:
            raise GitRefError(f"cannot run git in {self.root}: {exc}") from exc
        if done.returncode != 0:
            message = done.stderr.strip() or f"git {' '.join(args)} failed"
            raise GitRefError(message)
        return done.stdout

    def merge_base(self, gitref: str) -> str:
        if gitref.startswith("-"):
            raise GitRefError(f"not a git ref: {gitref!r}")
        try:
            self.run("rev-parse", "--verify", "--quiet", f"{gitref}^{{commit}}")
        except GitRefError as exc:
            raise GitRefError(f"unknown git ref {gitref!r}") from exc
        try:
            return self.run("merge-base", gitref, "HEAD").strip()
        except GitRefError as exc:
            shallow = self.run("rev-parse", "--is-shallow-repository").strip() == "true"
            hint = " (a shallow clone: fetch the whole history, e.g. fetch-depth: 0)"
            raise GitRefError(
                f"{gitref!r} and HEAD have no common ancestor{hint if shallow else ''}: {exc}"
            ) from exc

    def changes_since(self, base: str, *, pathspecs: list[str]) -> dict[str, str | None]:
        """Changed files since `base`, working tree and untracked files included:
        {new path: old path, or None for a file that is new}. Deleted files are left out."""
        index = self.run("rev-parse", "--path-format=absolute", "--git-path", "index").strip()
        with tempfile.TemporaryDirectory(prefix="dlnotes-git-") as tmp:
            # A private copy of the index sees untracked notes (and so renames to them)
            # without touching the user's staging area.
            private = Path(tmp) / "index"
            if Path(index).exists():
                shutil.copyfile(index, private)
            env = {**os.environ, "GIT_INDEX_FILE": str(private)}
            self.run("add", "--all", "--", *pathspecs, env=env)
            out = self.run(
                "diff",
                "--cached",
                "--name-status",
                "-M",
                "-z",
                "--no-ext-diff",
                base,
                "--",
                *pathspecs,
                env=env,
            )
        return _parse_name_status(out)

    def show(self, commit: str, path: str) -> str:
        return self.run("show", f"{commit}:{path}")


def _parse_name_status(out: str) -> dict[str, str | None]:
    fields = out.split("\0")
    changes: dict[str, str | None] = {}
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] == "R":
            old, new = fields[i + 1], fields[i + 2]
            changes[new] = old
            i += 3
            continue
        path = fields[i + 1]
        if status[0] in "MT":
            changes[path] = path
        elif status[0] == "A":
            changes[path] = None
        i += 2
    return changes
