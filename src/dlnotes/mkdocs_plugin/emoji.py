"""The site's emoji, all served by the site itself: the theme's icons (`:material-github:`)
as inline SVG, as Material's own generator makes them, and every other emoji (Twemoji's
`:smile:`) as its Unicode character, where pymdownx's SVG generator would link an image on a
CDN, which a site that works offline must not load."""

from __future__ import annotations

from typing import Any

from material.extensions.emoji import to_svg as _material_to_svg
from pymdownx.emoji import to_alt


def to_svg_or_unicode(
    index: str,
    shortname: str,
    alias: str,
    uc: str | None,
    alt: str,
    title: str,
    category: str,
    options: dict[str, Any],
    md: Any,
) -> Any:
    """pymdownx.emoji's `emoji_generator` (named in mkdocs.yml)."""
    make = _material_to_svg if not uc else to_alt  # no code point: one of the theme's icons
    return make(index, shortname, alias, uc, alt, title, category, options, md)
