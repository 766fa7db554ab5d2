"""Links and images written as raw HTML in a note: `<a href>`, `<img src>`, and the media and
frames a page loads as it loads an image (`<iframe src>`, `<video src poster>`, `<audio src>`,
`<source src>`, `<embed src>`, `<track src>`), which the model keeps with the images, as it
keeps each image of a `srcset` (`<img srcset>`, a README's `<picture><source srcset>`).

Markdown passes raw HTML to the page as written, so an `<a href>` in a note is a link on the
site like any other, and an embedded video a part of the page; lychee reads them too. The
standard library's HTML parser reads them, entities decoded, as a browser would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.entities import html5
from html.parser import HTMLParser
from urllib.parse import unquote

# An attribute's value as HTML writes it: quoted either way, or bare. Patterns that find tags
# in raw HTML or in pages (md_in_html's `markdown` elements, the anchors the site decorates)
# read attributes with it.
ATTRIBUTE_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'>]+)"""
# What each element loads into the page, by attribute: an embedded video is dead with its URL.
_EMBEDS = {
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src",),
    "embed": ("src",),
    "track": ("src",),
    "object": ("data",),
}
# A character reference, its `;` optional (a legacy name may go without).
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_RAW_ATTRIBUTE = re.compile(rf"\s([^\s=>/]+)\s*=\s*({ATTRIBUTE_VALUE})")
_LINK_TAG = re.compile(rf"</?a\b|<(?:img|{'|'.join(_EMBEDS)})\b", re.IGNORECASE)


def image_text(alt: str, src: str) -> str:
    """What a link made of an image says: its alt text, else its file's name. The image is
    what a reader sees of the link, so such a link is not one without text."""
    return alt or unquote(src.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1])


@dataclass
class HtmlSpan:
    """A link's href and text, or an image's src and alt, with its line (from 1 in the HTML)."""

    url: str
    text: str
    line: int


@dataclass
class HtmlTag:
    """One tag of inline HTML: what `<a href>`, `</a>` and `<img src>` mean to a link, and
    what an embedding tag loads (its `title` as its text)."""

    opens: HtmlSpan | None = None  # an `<a href>`: its text follows
    closes: bool = False  # an `</a>`
    image: HtmlSpan | None = None  # an `<img src>`
    embeds: list[HtmlSpan] = field(default_factory=list)  # `<iframe src>`, `<video poster>`…


def attribute_value(written: str) -> str:
    """An attribute's value, quotes taken off, as a browser reads it. html.unescape reads a
    legacy name with no `;` (`&not`) anywhere; in an attribute the HTML standard keeps one
    followed by a letter, a digit or `=` as written, so `?id=1&noteId=2` stays so."""

    def read(found: re.Match[str]) -> str:
        reference = found[0]
        if reference.endswith(";") or reference[1] == "#":
            return unescape(reference)
        # The longest name html.unescape would take, and what follows it.
        end = next((n for n in range(len(reference), 1, -1) if reference[1:n] in html5), 0)
        after = reference[end : end + 1] or found.string[found.end() : found.end() + 1]
        kept = end == 0 or after.isalnum() or after == "="
        return reference if kept else unescape(reference)

    if written[:1] in "\"'" and written[-1:] == written[:1] and len(written) > 1:
        written = written[1:-1]
    return _REFERENCE.sub(read, written) if "&" in written else written


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset`, split as a browser splits it: each candidate a URL (a comma
    may end it), then its descriptors (`2x`, `480w`) up to a comma."""
    urls: list[str] = []
    at, end = 0, len(srcset)
    while at < end:
        while at < end and (srcset[at].isspace() or srcset[at] == ","):
            at += 1
        start = at
        while at < end and not srcset[at].isspace():
            at += 1
        url = srcset[start:at]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0  # descriptors in parentheses may hold a comma
            while at < end and (srcset[at] != "," or depth):
                depth += {"(": 1, ")": -1}.get(srcset[at], 0)
                at += 1
        if url:
            urls.append(url)
    return urls


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[HtmlSpan] = []
        self.images: list[HtmlSpan] = []
        self.tag = HtmlTag()
        self._open: HtmlSpan | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        raw = self.get_starttag_text() or ""
        if "&" in raw:
            # Read again from the tag as written: the parser decodes as in text.
            for name, written in _RAW_ATTRIBUTE.findall(raw):
                values[name.lower()] = attribute_value(written)
        line = self.getpos()[0]
        if tag == "a" and values.get("href") is not None:
            self._close()  # an `<a>` inside an `<a>` ends the first, as in a browser
            self._open = self.tag.opens = HtmlSpan(values["href"] or "", "", line)
            self._text = []
        elif tag == "img" and values.get("src"):
            alt = values.get("alt") or ""
            self.images.append(HtmlSpan(values["src"] or "", alt, line))
            self.tag.image = self.images[-1]
            if self._open is not None:
                self._text.append(image_text(alt, values["src"] or ""))
        elif tag in _EMBEDS:
            for name in _EMBEDS[tag]:
                if values.get(name):
                    embed = HtmlSpan(values[name] or "", values.get("title") or "", line)
                    self.images.append(embed)
                    self.tag.embeds.append(embed)
        if tag in ("img", "source") and values.get("srcset"):
            for url in srcset_urls(values["srcset"] or ""):
                candidate = HtmlSpan(url, values.get("alt") or "", line)
                self.images.append(candidate)
                self.tag.embeds.append(candidate)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.tag.closes = True
            self._close()

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._close()  # an `<a>` the block leaves open ends with it

    def _close(self) -> None:
        if self._open is not None:
            self._open.text = " ".join("".join(self._text).split())
            self.links.append(self._open)
            self._open = None


def html_block_links(html: str) -> tuple[list[HtmlSpan], list[HtmlSpan]]:
    """The links and the images (embedded media too) of a block of raw HTML, in document
    order."""
    if _LINK_TAG.search(html) is None:
        return [], []  # most HTML blocks are comments, `<div>`s and `<br>`s
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.links, reader.images


def html_tag(html: str) -> HtmlTag:
    """What one inline HTML tag (`<a href="…">`, `</a>`, `<img …>`, `<video …>`) is, for a
    link."""
    if _LINK_TAG.match(html) is None:
        return HtmlTag()  # a `<br>`, a `<span>`: no parser needed
    reader = _Reader()
    reader.feed(html)
    return reader.tag
