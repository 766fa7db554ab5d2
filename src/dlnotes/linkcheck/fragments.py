"""Does an HTML page hold an anchor? Fed chunk by chunk, so the read can stop once it is found."""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import unquote

# Fragments a browser honours without any anchor in the page.
_ALWAYS_PRESENT = ("", "top")
_TEXT_DIRECTIVE = ":~:"


def fragment_needs_check(fragment: str) -> bool:
    return fragment not in _ALWAYS_PRESENT and not fragment.startswith(_TEXT_DIRECTIVE)


class AnchorFinder(HTMLParser):
    """Watches `id` and `name` attributes until every wanted fragment has turned up."""

    def __init__(self, fragments: Iterable[str], encoding: str = "utf-8") -> None:
        super().__init__(convert_charrefs=True)
        try:
            decoder = codecs.getincrementaldecoder(encoding)
        except LookupError:
            decoder = codecs.getincrementaldecoder("utf-8")
        # Incremental, so a character split between two chunks is decoded whole.
        self._decoder = decoder(errors="replace")
        # Each fragment with the anchor names that satisfy it. GitHub renders a heading's id
        # as `user-content-x` and lets its script resolve `#x`.
        self._wanted: dict[str, set[str]] = {}
        for fragment in fragments:
            decoded = unquote(fragment)
            self._wanted[fragment] = {fragment, decoded, f"user-content-{decoded}"}

    @property
    def missing(self) -> list[str]:
        return sorted(self._wanted)

    @property
    def done(self) -> bool:
        return not self._wanted

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value is not None:
                for fragment, names in list(self._wanted.items()):
                    if value in names:
                        del self._wanted[fragment]

    def feed_bytes(self, chunk: bytes) -> bool:
        """Feed a chunk; True once every anchor has been seen, so reading can stop."""
        if self._wanted:
            self.feed(self._decoder.decode(chunk))
        return self.done
