"""A web page's title for a new link: `og:title` when the page gives one, else `<title>`."""

from __future__ import annotations

from html.parser import HTMLParser


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.og_title: str | None = None
        self.title: str | None = None
        self._in_title = False
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = dict(attrs)
            key = values.get("property") or values.get("name")
            if key in ("og:title", "twitter:title") and values.get("content") and not self.og_title:
                self.og_title = values["content"]
        elif tag == "title" and self.title is None:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = "".join(self._parts)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._parts.append(data)


def page_title(html: str) -> str | None:
    """The page's title with its whitespace tidied, or None when it has none."""
    parser = _TitleParser()
    parser.feed(html)
    parser.close()
    if parser._in_title:  # a page cut off at max_bytes inside <title>
        parser.title = "".join(parser._parts)
    for candidate in (parser.og_title, parser.title):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return None
