"""The link checker's configuration: defaults, then `[tool.dlnotes.linkcheck]` in pyproject.toml,
then the `dlnotes` plugin's `linkcheck:` options in mkdocs.yml, then the command line.

Every key is declared once in `FIELDS` with the function that reads it, so a bad value is
reported with its source and key, and an unknown key (a typo) is an error, not silence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dlnotes.linkcheck.cache import DEFAULT_CACHE_PATH
from dlnotes.linkcheck.headers import HeaderRule, parse_header
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.policy import Policy

FORMATS = ("text", "json", "markdown", "github", "junit")
CLI = "command line"
# The Wayback Machine's availability API (dlnotes.linkcheck.archive). Named here, not there:
# every run reads the configuration, and that module brings asyncio, which a run the cache
# answers never needs.
DEFAULT_ENDPOINT = "https://archive.org/wayback/available"


class ConfigError(Exception):
    """The configuration cannot be used; the message says where and why."""


@dataclass(frozen=True)
class CheckConfig:
    """Everything a check run needs: the HTTP options and what to do around them."""

    options: CheckOptions = field(default_factory=CheckOptions)
    cache_path: Path | None = DEFAULT_CACHE_PATH  # None: keep results in memory only
    max_age: dt.timedelta = dt.timedelta(days=1)  # how long ok/redirected/blocked stay fresh
    max_age_failed: dt.timedelta = dt.timedelta(hours=1)  # how long a failure stays fresh
    policy: Policy = field(default_factory=Policy)
    archive: bool = True
    archive_endpoint: str = DEFAULT_ENDPOINT
    format: str = "text"


# -- value readers: each takes what TOML/YAML/the CLI gave and returns the typed value -------

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhms])", re.IGNORECASE)
_UNITS = {"w": 604800.0, "d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0}


def parse_duration(value: object) -> dt.timedelta:
    """`1d`, `12h`, `1h30m`, `90s`, `2w`, or a number of seconds; `0` means never fresh."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 1d, 12h, 30m or 90s")
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace(" ", "")
        try:
            seconds = float(text)
        except ValueError:
            parts = _DURATION.findall(text)
            if not parts or "".join(n + u for n, u in parts).lower() != text.lower():
                raise ValueError(
                    f"{value!r} is not a duration (use e.g. 1d, 12h, 30m, 90s)"
                ) from None
            seconds = sum(float(n) * _UNITS[u.lower()] for n, u in parts)
    else:
        raise ValueError("expected a duration such as 1d, 12h, 30m or 90s")
    if seconds < 0:
        raise ValueError("a duration cannot be negative")
    return dt.timedelta(seconds=seconds)


def parse_codes(value: object) -> frozenset[int]:
    """Status codes to accept as ok: `200,204`, `200..299`, `200-299`, or a list of those."""
    items: list[object] = (
        list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    )
    codes: set[int] = set()
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            pieces = [str(item)]
        elif isinstance(item, str):
            pieces = [p.strip() for p in item.split(",") if p.strip()]
        else:
            raise ValueError(f"{item!r} is not a status code")
        for piece in pieces:
            low, sep, high = _split_range(piece)
            bounds = (low, high) if sep else (piece, piece)
            try:
                start, stop = int(bounds[0]), int(bounds[1])
            except ValueError:
                raise ValueError(f"{piece!r} is not a status code or range") from None
            if not 100 <= start <= stop <= 999:
                raise ValueError(f"{piece!r} is not a status code range within 100..999")
            codes.update(range(start, stop + 1))
    return frozenset(codes)


def _split_range(piece: str) -> tuple[str, str, str]:
    match = re.fullmatch(r"\s*(\d+)\s*(\.\.|-)\s*(\d+)\s*", piece)
    if match:
        return match.group(1), match.group(2), match.group(3)
    return piece, "", ""


def _positive_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("expected a positive whole number")
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise ValueError(f"expected a positive whole number, got {number}")
    return number


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("expected a whole number (0 or more)")
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None
    if number < 0:
        raise ValueError(f"expected 0 or more, got {number}")
    return number


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("expected a number of seconds")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number of seconds") from None
    if not number > 0:
        raise ValueError(f"expected a positive number of seconds, got {value}")
    return number


def _days(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("expected a number of days")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a number of days") from None
    if number < 0:
        raise ValueError(f"expected 0 or more days, got {value}")
    return number


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty string")
    return value


def _patterns(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValueError("expected a regular expression or a list of them")
    patterns: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"{item!r} is not a regular expression")
        try:
            re.compile(item)
        except re.error as exc:
            raise ValueError(f"{item!r} is not a valid regular expression: {exc}") from None
        patterns.append(item)
    return tuple(patterns)


def _headers(value: object) -> tuple[HeaderRule, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ValueError("expected `[HOST=]Name: value` or a list of them")
    return tuple(parse_header(item) for item in items)


def _cache(value: object) -> Path | None:
    if value is None or value is False:
        return None
    return value if isinstance(value, Path) else Path(_text(value))


def _format(value: object) -> str:
    if value not in FORMATS:
        raise ValueError(f"expected one of {', '.join(FORMATS)}, got {value!r}")
    return str(value)


def _endpoint(value: object) -> str:
    text = _text(value)
    if not text.startswith(("http://", "https://")):
        raise ValueError(f"expected an http(s) URL, got {text!r}")
    return text


# key -> (reader, where the value goes: "options" for CheckOptions, else a CheckConfig field)
FIELDS: dict[str, tuple[Callable[[object], Any], str]] = {
    "concurrency": (_positive_int, "options"),
    "per_host": (_positive_int, "options"),
    "timeout": (_seconds, "options"),
    "retries": (_count, "options"),
    "include": (_patterns, "options"),
    "exclude": (_patterns, "options"),
    "accept": (parse_codes, "options"),
    "allow_private": (_flag, "options"),
    "check_fragments": (_flag, "options"),
    "user_agent": (_text, "options"),
    "header": (_headers, "options"),
    "max_redirects": (_count, "options"),
    "retry_after_cap": (_seconds, "options"),
    "cache": (_cache, "cache_path"),
    "max_age": (parse_duration, "max_age"),
    "max_age_failed": (parse_duration, "max_age_failed"),
    "dead_after": (_positive_int, "dead_after"),
    "dead_days": (_days, "dead_days"),
    "archive": (_flag, "archive"),
    "archive_endpoint": (_endpoint, "archive_endpoint"),
    "format": (_format, "format"),
}


def read_values(raw: Mapping[str, object], source: str) -> dict[str, Any]:
    """Check and convert one source's keys; `-` and `_` are the same in a key."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if source == CLI:
            key = "--" + name.replace("_", "-")
        if name not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            raise ConfigError(f"{source}: unknown key {key!r} (known keys: {known})")
        reader, _ = FIELDS[name]
        try:
            values[name] = reader(value)
        except ValueError as exc:
            raise ConfigError(f"{source}: {key}: {exc}") from None
    return values


def build_config(values: Mapping[str, Any], *, root: Path | None = None) -> CheckConfig:
    """A CheckConfig from already-read values; a relative cache path is taken from `root`."""
    base = CheckConfig()
    option_values = {k: v for k, v in values.items() if FIELDS[k][1] == "options"}
    options = dataclasses.replace(base.options, **option_values)
    policy = Policy(
        dead_after=values.get("dead_after", base.policy.dead_after),
        dead_days=values.get("dead_days", base.policy.dead_days),
    )
    cache_path = values.get("cache", base.cache_path)
    if cache_path is not None and root is not None and not cache_path.is_absolute():
        cache_path = root / cache_path
    return CheckConfig(
        options=options,
        cache_path=cache_path,
        max_age=values.get("max_age", base.max_age),
        max_age_failed=values.get("max_age_failed", base.max_age_failed),
        policy=policy,
        archive=values.get("archive", base.archive),
        archive_endpoint=values.get("archive_endpoint", base.archive_endpoint),
        format=values.get("format", base.format),
    )


def load_config(
    root: str | Path = ".",
    overrides: Mapping[str, object] | None = None,
    *,
    mkdocs_file: str | Path | None = None,
) -> CheckConfig:
    """Read pyproject.toml and mkdocs.yml in `root`, then apply `overrides` (the CLI's)."""
    root = Path(root)
    values: dict[str, Any] = {}
    values.update(read_values(_pyproject_table(root / "pyproject.toml"), "pyproject.toml"))
    mkdocs_path = Path(mkdocs_file) if mkdocs_file else root / "mkdocs.yml"
    values.update(read_values(_mkdocs_options(mkdocs_path), str(mkdocs_path.name)))
    values.update(read_values(overrides or {}, CLI))
    return build_config(values, root=root)


def _pyproject_table(path: Path) -> Mapping[str, object]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    table: object = data.get("tool", {})
    for key in ("dlnotes", "linkcheck"):
        table = table.get(key, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.dlnotes.linkcheck] must be a table")
    return table


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; their values do not matter here."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def _mkdocs_options(path: Path) -> Mapping[str, object]:
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries = (
        plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []
    )
    for entry in entries:
        if isinstance(entry, dict) and "dlnotes" in entry:
            options = entry["dlnotes"] or {}
            linkcheck = options.get("linkcheck", {}) if isinstance(options, dict) else {}
            if linkcheck is None:
                return {}
            if not isinstance(linkcheck, dict):
                raise ConfigError(f"{path}: plugins.dlnotes.linkcheck must be a mapping")
            return linkcheck
    return {}
