"""Configuration from pyproject.toml, mkdocs.yml and the command line, in that order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dlnotes.linkcheck.config import (
    CheckConfig,
    ConfigError,
    load_config,
    parse_codes,
    parse_duration,
)

PYPROJECT = """
[project]
name = "x"

[tool.dlnotes.linkcheck]
concurrency = 8
per-host = 2
timeout = 5
exclude = ["linkedin\\\\.com"]
max-age = "12h"
dead_after = 4
cache = "var/links.sqlite"
"""

MKDOCS = """
site_name: x
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - dlnotes:
      linkcheck:
        timeout: 9
        accept: "200..299,403"
        archive: false
"""


def test_defaults_without_any_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.options.concurrency == 64 and config.options.per_host == 4
    assert config.options.timeout == 20
    assert config.max_age == dt.timedelta(days=1)
    assert config.max_age_failed == dt.timedelta(hours=1)
    assert config.cache_path == tmp_path / ".dlnotes/linkcheck.sqlite"
    assert (config.policy.dead_after, config.policy.dead_days) == (3, 7)
    assert config.archive and config.format == "text"


def test_files_then_command_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS)
    config = load_config(tmp_path, {"per_host": 3, "max_age_failed": "10m"})
    assert config.options.concurrency == 8  # pyproject
    assert config.options.timeout == 9  # mkdocs.yml over pyproject
    assert config.options.per_host == 3  # command line over both
    assert config.options.exclude == ("linkedin\\.com",)
    assert config.options.accept == frozenset(range(200, 300)) | {403}
    assert config.max_age == dt.timedelta(hours=12)
    assert config.max_age_failed == dt.timedelta(minutes=10)
    assert config.policy.dead_after == 4
    assert config.cache_path == tmp_path / "var/links.sqlite"
    assert config.archive is False


@pytest.mark.parametrize(
    ("files", "overrides", "words"),
    [
        ({"pyproject.toml": "[tool.dlnotes.linkcheck]\nconcurency = 3\n"}, {}, "unknown key"),
        ({"pyproject.toml": "[tool.dlnotes.linkcheck]\ntimeout = -1\n"}, {}, "timeout"),
        ({"pyproject.toml": "[tool.dlnotes.linkcheck\n"}, {}, "cannot read"),
        ({"pyproject.toml": "[tool.dlnotes]\nlinkcheck = 3\n"}, {}, "must be a table"),
        ({"mkdocs.yml": "plugins:\n  - dlnotes:\n      linkcheck: [1]\n"}, {}, "mapping"),
        ({"mkdocs.yml": "plugins: [\n"}, {}, "cannot read"),
        ({}, {"include": ["("]}, "not a valid regular expression"),
        ({}, {"accept": "2xx"}, "not a status code"),
        ({}, {"max_age": "soon"}, "not a duration"),
        ({}, {"format": "yaml"}, "expected one of"),
        ({}, {"concurrency": 0}, "positive"),
        ({}, {"archive_endpoint": "ftp://x"}, "http"),
        ({}, {"allow_private": "yes"}, "true or false"),
    ],
)
def test_bad_config_names_its_source_and_key(
    tmp_path: Path, files: dict[str, str], overrides: dict[str, object], words: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError, match=words) as caught:
        load_config(tmp_path, overrides)
    source = next(iter(files), "command line")
    assert source in str(caught.value) or "pyproject" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1d", 86400),
        ("12h", 43200),
        ("1h30m", 5400),
        ("90s", 90),
        ("2w", 1209600),
        ("0", 0),
        (3600, 3600),
        ("1.5h", 5400),
    ],
)
def test_durations(text: object, seconds: float) -> None:
    assert parse_duration(text) == dt.timedelta(seconds=seconds)


def test_codes() -> None:
    assert parse_codes("200,204") == {200, 204}
    assert parse_codes([403, "500-502"]) == {403, 500, 501, 502}
    with pytest.raises(ValueError):
        parse_codes("300..200")


def test_no_cache_keeps_it_in_memory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.dlnotes.linkcheck]\ncache = false\n")
    assert load_config(tmp_path).cache_path is None
    assert isinstance(load_config(tmp_path), CheckConfig)
