"""Writing text into generated Markdown without it turning into markup."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]>#!])")


def escape_md(text: str) -> str:
    """Plain text, safe inside a Markdown paragraph, link text or heading."""
    flat = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", flat)


def one_line(text: str, limit: int = 240) -> str:
    """Markdown written in a note (a tip, a quote), folded onto one line and shortened."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
