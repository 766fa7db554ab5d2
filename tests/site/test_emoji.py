"""Emoji on the site are served by the site itself, as every other asset is."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[2]


def render_as_the_site(text: str) -> str:
    """`text` through the Markdown extensions, and their options, of the repo's mkdocs.yml."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(REPO / "mkdocs.yml"))
    md = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    return md.convert(text)


def test_an_emoji_is_its_character_and_an_icon_inline_svg_with_nothing_from_a_cdn() -> None:
    html = render_as_the_site("Nice :smile: and :+1:, on :material-github:.")
    assert "\U0001f604" in html and "\U0001f44d" in html  # the characters themselves
    assert "<svg" in html  # the theme's icon, inline
    assert "<img" not in html and not re.search(r"src=[\"']?(?:https?:)?//", html)
