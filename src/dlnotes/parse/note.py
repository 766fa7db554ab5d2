"""One note file (front-matter + body) → a Note and its problems."""

from __future__ import annotations

from dlnotes.model import Note, Person
from dlnotes.parse.body import parse_body
from dlnotes.parse.frontmatter import BYTE_ORDER_MARK, parse_front_matter, split_front_matter
from dlnotes.parse.people import PeopleIndex
from dlnotes.problems import Problem


def parse_note(
    text: str, *, path: str, display: str, people: dict[str, Person] | PeopleIndex
) -> tuple[Note, list[Problem]]:
    """Parse a note's text. `path` is its name inside the notes folder, `display` how problems
    name it (e.g. `notes/general.md`)."""
    index = people if isinstance(people, PeopleIndex) else PeopleIndex(people)
    # Some editors (Windows Notepad among them) start UTF-8 with a byte order mark. MkDocs reads
    # it away (utf-8-sig), so a note must not lose its front-matter to it; the mark sits on
    # line 1, so no line number moves.
    text = text.removeprefix(BYTE_ORDER_MARK)
    # MkDocs reads a note with Python's universal newlines, so the site never sees the CR of a
    # Windows line end (CR LF): nor must the model, which read it as a space (a definition's
    # "space other than an ordinary one") and lost the screens that look at a line's end.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Note(path=path, title=""), [Problem(display, 1, "note is empty")]
    source, body, body_line = split_front_matter(text)
    if source is None:
        problem = Problem(
            display, 1, "no front-matter: a note starts with `---`, `title: …` and `---`"
        )
        return Note(path=path, title=""), [problem]
    meta, problems = parse_front_matter(source, display)
    parsed = parse_body(body, display=display, offset=body_line, people=index)
    note = Note(
        path=path,
        title=meta.title,
        summary=meta.summary,
        tags=meta.tags,
        created=meta.created,
        updated=meta.updated,
        extra=meta.extra,
        headings=parsed.headings,
        links=parsed.links,
        tips=parsed.tips,
        quotes=parsed.quotes,
        checklists=parsed.checklists,
        body_line=body_line,
        adjoining_lists=tuple(sorted(parsed.adjoining_lists, key=lambda a: a.line)),
        item_blocks=tuple(parsed.item_blocks),
        paren_items=tuple(parsed.paren_items),
        open_elements=tuple(parsed.open_elements),
        adjoining_quotes=tuple(parsed.adjoining_quotes),
        indented_fences=tuple(parsed.indented_fences),
        unbordered_headers=tuple(parsed.unbordered_headers),
        site_only_tables=tuple(parsed.site_only_tables),
        bracketed_references=tuple(parsed.bracketed_references),
        swallowing_tags=tuple(parsed.swallowing_tags),
        bare_angles=tuple(parsed.bare_angles),
        comment_marks=tuple(parsed.comment_marks),
        tag_breaks=tuple(parsed.tag_breaks),
        images=parsed.images,
        wikilinks=tuple(parsed.wikilinks),
    )
    return note, problems + parsed.problems
