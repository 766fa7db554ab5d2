"""From an export and a notes folder to the changes an import makes: new notes, links merged
into existing ones, images to copy, and what is worth telling (duplicates, tracking)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dlnotes.importer.assets import relink_assets
from dlnotes.importer.clean import blocks, clean_prose, titles_of
from dlnotes.importer.existing import ExistingNote, read_notes
from dlnotes.importer.links import find_links, normalized
from dlnotes.importer.merge import merge
from dlnotes.importer.render import render
from dlnotes.importer.report import export_problems
from dlnotes.importer.source import read_export
from dlnotes.importer.split import Draft, slugify, split_drafts
from dlnotes.importer.wikilinks import NoteNames, unresolved
from dlnotes.importer.wikilinks import resolve as resolve_wikilinks
from dlnotes.problems import DlnotesError, Problem, Severity
from dlnotes.wikilink import IMAGE_FILE
from dlnotes.write import ChangedOnDiskError, Snapshot, unchanged, write_atomic
from dlnotes.write.atomic import sync_folder_of
from dlnotes.write.diff import unified_diff
from dlnotes.write.lines import headings
from dlnotes.write.lines import plain_heading as plain


@dataclass
class FileChange:
    path: Path
    display: str
    old: str
    new: str
    snapshot: Snapshot | None  # None: a new file that must not exist when written
    added_links: int = 0

    @property
    def created(self) -> bool:
        return self.snapshot is None


@dataclass
class ImportPlan:
    changes: list[FileChange] = field(default_factory=list)
    copies: list[tuple[Path, Path]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def diff(self) -> str:
        return "".join(
            unified_diff(c.display, c.old, c.new, existed=not c.created) for c in self.changes
        )

    def apply(self) -> None:
        """Write every change, each atomically; when any note changed on disk since it was
        read, refuse before writing the first one."""
        expected = [(c, c.snapshot or Snapshot(c.path, False)) for c in self.changes]
        stale = [c for c, snapshot in expected if not unchanged(snapshot)]
        if stale:
            raise ChangedOnDiskError(stale[0].path, stale[0].display)
        folders: dict[Path, Path] = {}
        for change, snapshot in expected:
            write_atomic(
                change.path, change.new, snapshot, display=change.display, sync_folder=False
            )
            folders.setdefault(change.path.parent, change.path)
        for source, target in self.copies:
            if not target.exists():
                write_atomic(
                    target, source.read_bytes(), Snapshot(target, False), sync_folder=False
                )
                folders.setdefault(target.parent, target)
        # One folder fsync per folder, not per note: a 2,000-note import is I/O-bound otherwise.
        for path in folders.values():
            sync_folder_of(path)


def plan_import(
    export: Path,
    into: Path,
    *,
    level: int = 2,
    export_display: str | None = None,
    into_display: str | None = None,
) -> ImportPlan:
    """What importing `export` into the notes folder `into` would change; nothing is written
    until `apply()`. Raises DlnotesError (with file and line) for an export it cannot take."""
    shown = export_display or str(export)
    text = read_export(export, shown)
    lines = text.split("\n")
    _check_structure(lines, shown)
    existing = read_notes(into)
    # A link whose text is its own URL takes a title the notes or the export give it elsewhere.
    known_titles = titles_of(text)
    for note in existing:
        for url, title in titles_of(note.text).items():
            known_titles.setdefault(url, title)
    plan = ImportPlan()
    plan.problems.extend(export_problems(lines, shown, known_titles))
    errors = [p for p in plan.problems if p.severity is Severity.ERROR]
    if errors:
        raise DlnotesError(errors)

    cleaned = _clean(lines, known_titles)
    cleaned = relink_assets(cleaned, export.parent, into, plan.copies)
    drafts = split_drafts(cleaned, level, _title_of_file(export))
    names = _place(drafts, existing, into, into_display or str(into), plan)
    if any("[[" in line for line in lines):
        plan.problems.extend(_wikilink_problems(lines, names, shown))
    return plan


def _wikilink_problems(lines: list[str], names: NoteNames, shown: str) -> list[Problem]:
    """The wikilinks that stay as written, at the export's lines: to no note of the export or
    the notes (`names`, as `_place` found them), or embeds."""
    problems = []
    for found in unresolved(lines, names):
        if not found.text.startswith("!"):
            why = "it names no note of the export or of the notes"
        elif IMAGE_FILE.search(found.target):
            why = f"an image's embed, which the site shows once the notes hold {found.target}"
        else:
            why = "an embed of a note, which Markdown cannot show"
        problems.append(
            Problem(shown, found.line + 1, f"{found.text} kept as written: {why}", Severity.WARNING)
        )
    return problems


def _check_structure(lines: list[str], shown: str) -> None:
    if not any(line.strip() for line in lines):
        raise DlnotesError([Problem(shown, 1, "the export is empty")])
    if not headings(lines):
        raise DlnotesError(
            [
                Problem(
                    shown,
                    1,
                    "the export has no headings, so nothing says where one note ends and the "
                    "next begins; add a `# Title` line above each note's text",
                )
            ]
        )


def _clean(lines: list[str], known_titles: dict[str, str]) -> list[str]:
    out: list[str] = []
    for block in blocks(lines):
        if block.verbatim:
            out.extend(block.lines)
        else:
            out.extend(clean_prose("\n".join(block.lines), known_titles).split("\n"))
    return out


def _title_of_file(export: Path) -> str:
    stem = re.sub(r"\.raw$", "", export.stem)
    return " ".join(re.split(r"[-_\s]+", stem)).strip().capitalize() or "Imported"


def _place(
    drafts: list[Draft],
    existing: list[ExistingNote],
    into: Path,
    into_display: str,
    plan: ImportPlan,
) -> NoteNames:
    """Put each draft in the plan, as a new note or merged into its note; the notes a wikilink
    may name, each with the path it has once the plan is applied."""
    known = {url for note in existing for url in note.urls}
    texts = {note.path: note.text for note in existing}
    taken = {note.path for note in existing}
    added: dict[str, int] = defaultdict(int)
    new_files: dict[str, str] = {}
    names = NoteNames()
    for note in existing:
        names.add(note.title, note.path)
    places: list[tuple[Draft, ExistingNote | str]] = []
    for draft in drafts:
        target = _match(draft, existing)
        if target is None:
            path = _free_path(draft.slug, taken)
            taken.add(path)
            names.add(draft.title, path)
            places.append((draft, path))
        else:
            names.add(draft.title, target.path)
            places.append((draft, target))
    for draft, place in places:
        if isinstance(place, str):
            # Only new notes: a merge takes entries with URLs, and a wikilink has none.
            body = resolve_wikilinks(draft.body, place, names)
            new_files[place] = render(Draft(draft.title, draft.line, body))
            continue
        text, entries = merge(texts[place.path], draft.body, known)
        texts[place.path] = text
        added[place.path] += len(entries)
    for note in existing:
        if texts[note.path] != note.text:
            plan.changes.append(
                FileChange(
                    into / note.path,
                    f"{into_display.rstrip('/')}/{note.path}",
                    note.text,
                    texts[note.path],
                    note.snapshot,
                    added[note.path],
                )
            )
    for path, text in new_files.items():
        plan.changes.append(
            FileChange(into / path, f"{into_display.rstrip('/')}/{path}", "", text, None)
        )
    return names


def _match(draft: Draft, existing: list[ExistingNote]) -> ExistingNote | None:
    """The note a draft belongs to: same file name, else same title, else most URLs shared."""
    if not existing:
        return None
    for note in existing:
        if note.path == f"{draft.slug}.md":
            return note
    for note in existing:
        if note.title is not None and plain(note.title) == plain(draft.title):
            return note
    urls = {normalized(link.url) for link in find_links("\n".join(draft.body))}
    best = max(existing, key=lambda note: len(note.urls & urls), default=None)
    if best is not None and best.urls & urls:
        return best
    return None


def _free_path(slug: str, taken: set[str]) -> str:
    path = f"{slug}.md"
    number = 2
    while path in taken:
        path = f"{slug}-{number}.md"
        number += 1
    return path


__all__ = ["FileChange", "ImportPlan", "plan_import", "slugify"]
