"""`dlnotes export --format bookmarks`: a Netscape bookmark file a browser (and html.parser)
reads back into the notes' folders, links and descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from dlnotes.bookmarks import to_netscape
from dlnotes.model import KnowledgeBase, Link, Location, Note, Person
from dlnotes.parse import load_notes
from tests.capture.helpers import NOTES, run


@dataclass
class Mark:
    path: tuple[str, ...]
    url: str
    title: str
    tags: str | None
    description: str | None = None


@dataclass
class Reader(HTMLParser):
    marks: list[Mark] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)
    _pending: str | None = None
    _text: list[str] = field(default_factory=list)
    _in: str | None = None
    _attrs: dict[str, str | None] = field(default_factory=dict)
    _depth_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush_description()
        if tag in ("h3", "a", "dd"):
            self._in, self._text, self._attrs = tag, [], dict(attrs)
        elif tag == "dl" and self._pending is not None:
            self.folders.append(self._pending)
            self._pending = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._pending = "".join(self._text)
            self._in = None
        elif tag == "a":
            url = self._attrs["href"] or ""
            self.marks.append(
                Mark(tuple(self.folders), url, "".join(self._text), self._attrs.get("tags"))
            )
            self._in = None
        elif tag == "dl":
            self._flush_description()
            if self.folders:
                self.folders.pop()

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def _flush_description(self) -> None:
        if self._in == "dd":
            self.marks[-1].description = "".join(self._text).strip()
            self._in = None


def read(html: str) -> list[Mark]:
    reader = Reader()
    reader.feed(html)
    reader.close()
    reader._flush_description()
    return reader.marks


def test_the_notes_as_bookmarks() -> None:
    result = run("export", str(NOTES), "--format", "bookmarks")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>")
    marks = read(result.output)
    kb = load_notes(NOTES).kb
    assert len(marks) == len(kb.external_links) == 57
    folders = {mark.path for mark in marks}
    assert ("Deep Learning in General", "Reading list") in folders
    assert ("Overfitting", "Limited data") in folders
    assert {path[0] for path in folders} == {"Blackbox", "Deep Learning in General", "Overfitting"}
    by_url: dict[str, Mark] = {}
    for mark in marks:
        by_url.setdefault(mark.url, mark)
    when = by_url["http://hyperparameter.space/blog/when-not-to-use-deep-learning/"]
    assert when.description is not None and when.description.startswith("Try reading it again")
    welch = by_url["https://www.youtube.com/watch?v=bxe2T-V8XRs"]
    assert welch.description == "a handful of 4-5 minute, well done videos (per a16z)"
    assert any("深度学习" in mark.title for mark in marks)
    assert by_url["http://colah.github.io/"].tags is not None


def test_everything_is_escaped() -> None:
    where = Location("n.md", 3)
    note = Note(
        path="n.md",
        title='Tom & "Jerry" <3',
        tags=("a&b",),
        links=[
            Link(
                url='https://e.org/?a=1&b="2"',
                title="<script>alert(1)</script> & co",
                location=where,
                headings=('Tom & "Jerry" <3', "Sec <b>"),
                annotation="5 > 4 & <i>",
                attribution="p",
            ),
            Link(url="other.md", title="internal", location=where),
        ],
    )
    kb = KnowledgeBase(notes=[note], people={"p": Person("p", "P & Q")})
    html = to_netscape(kb)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    (mark,) = read(html)
    assert mark.path == ('Tom & "Jerry" <3', "Sec <b>")
    assert mark.url == 'https://e.org/?a=1&b="2"'
    assert mark.title == "<script>alert(1)</script> & co"
    assert mark.description == "5 > 4 & <i> (per P & Q)"
    assert mark.tags == "a&b"
