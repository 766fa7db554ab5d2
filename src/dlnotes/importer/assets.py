"""Images under GitBook's `.gitbook/assets/` go to the notes' `assets/`, relinked to match."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

_ASSET = re.compile(
    r"(?P<prefix>!\[[^\]]*\]\(|<img[^>]*?src=\")(?P<path>(?:\.\./)*\.gitbook/assets/)"
)
_ASSET_FILE = re.compile(r"(?:\.\./)*\.gitbook/assets/(?P<name>[^)\"\s]+)")


def relink_assets(
    lines: list[str], export_dir: Path, into: Path, copies: list[tuple[Path, Path]]
) -> list[str]:
    """Images under `.gitbook/assets/` are copied to the notes' `assets/` and relinked."""
    out: list[str] = []
    for line in lines:
        if ".gitbook/assets/" not in line:
            out.append(line)
            continue
        for match in _ASSET_FILE.finditer(line):
            name = unquote(match.group("name"))
            source = export_dir / ".gitbook" / "assets" / name
            if source.is_file():
                pair = (source, into / "assets" / name)
                if pair not in copies:
                    copies.append(pair)
        out.append(_ASSET.sub(lambda m: m.group("prefix") + "assets/", line))
    return out
