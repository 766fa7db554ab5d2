"""The checker's memory: per normalised URL, the last verdict and its history, in SQLite.

WAL mode and one short transaction per write, so a run killed midway leaves every result it
recorded and two runs at once only wait for each other. A cache file that cannot be read is a
warning, never a traceback: it is moved aside and rebuilt (or, failing that, kept in memory).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from dlnotes.linkcheck.result import FAILING, GOOD, CheckResult, Hop, Verdict

DEFAULT_CACHE_PATH = Path(".dlnotes/linkcheck.sqlite")
SCHEMA_VERSION = 1
HISTORY_SIZE = 10
_BUSY_TIMEOUT_S = 30.0
_CHUNK = 500  # stays under SQLite's limit on bound parameters

_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    code INTEGER,
    final_url TEXT,
    redirects TEXT NOT NULL DEFAULT '[]',
    error TEXT,
    archive_url TEXT,
    archive_checked TEXT,
    first_seen TEXT NOT NULL,
    last_checked TEXT NOT NULL,
    last_ok TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    first_failure TEXT
);
CREATE TABLE IF NOT EXISTS history (
    url TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    status TEXT NOT NULL,
    code INTEGER,
    error TEXT
);
CREATE INDEX IF NOT EXISTS history_url ON history (url, checked_at);
"""
# The User-Agent each URL was last asked with. A table of its own, made on the first write that
# has one, so that a cache from before it opens as it is and dlnotes versions without it leave
# it alone: a bot wall that refused one agent may let another through.
_ASKED = "CREATE TABLE IF NOT EXISTS asked (url TEXT PRIMARY KEY, agent TEXT NOT NULL)"


@dataclass(frozen=True)
class HistoryEntry:
    checked_at: dt.datetime
    status: Verdict
    code: int | None
    error: str | None


@dataclass
class CacheEntry:
    """What the cache knows of one normalised URL."""

    url: str
    status: Verdict
    code: int | None
    final_url: str | None
    redirects: list[Hop]
    error: str | None
    archive_url: str | None
    archive_checked: dt.datetime | None  # None: never looked up
    first_seen: dt.datetime
    last_checked: dt.datetime
    last_ok: dt.datetime | None
    consecutive_failures: int
    first_failure: dt.datetime | None
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def failing(self) -> bool:
        return self.status in FAILING

    def age(self, now: dt.datetime) -> dt.timedelta:
        return now - self.last_checked

    def to_result(self) -> CheckResult:
        """The cached verdict as a result (without sources: the caller knows them)."""
        return CheckResult(
            url=self.url,
            status=self.status,
            code=self.code,
            final_url=self.final_url,
            redirects=list(self.redirects),
            error=self.error,
            checked_at=self.last_checked,
            from_cache=True,
            archive_url=self.archive_url if self.failing else None,
            first_failure=self.first_failure,
            consecutive_failures=self.consecutive_failures,
            last_ok=self.last_ok,
        )


# Moments as the cache and the JSON report write them, each formatted once; one read from the
# cache in the form written here keeps the text it was read from (see `_when`). A rerun's
# report writes back as many moments as it has links (each verdict was stored at its own), and
# formatting them again was a fortieth of a 10,000-link rerun.
_WRITTEN: dict[dt.datetime, str] = {}
_MOST_WRITTEN = 100_000  # a server reads the cache build after build: bounded


def utc_iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    text = _WRITTEN.get(moment)
    if text is None:
        text = moment.astimezone(dt.UTC).isoformat()
        _remember(moment, text)
    return text


def _remember(moment: dt.datetime, text: str) -> None:
    if len(_WRITTEN) >= _MOST_WRITTEN:
        _WRITTEN.clear()
    _WRITTEN[moment] = text


# A row often holds one moment three times (first seen, last checked, last ok): parse it once.
@functools.lru_cache(maxsize=1024)
def _when(text: str | None) -> dt.datetime | None:
    if text is None:
        return None
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    # `utc_iso`'s own form (UTC, a `T`, all six digits of a fraction or none): the text is
    # what it would write.
    if (
        text.endswith("+00:00")
        and text[10] == "T"
        and len(text) == (32 if moment.microsecond else 25)
    ):
        _remember(moment, text)
    return moment


def _hops(text: str) -> list[Hop]:
    if text == "[]":
        return []  # most links: no JSON to parse
    return [Hop(url=str(url), code=int(code)) for url, code in json.loads(text)]


class LinkCache:
    """The SQLite cache. Open with `LinkCache.open(path)`; read `.warnings` after opening."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, warnings: list[str], history_size: int
    ) -> None:
        self._conn = conn
        self.path = path  # None when the cache lives in memory only
        self.warnings = warnings
        self.history_size = history_size

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None, *, history_size: int = HISTORY_SIZE) -> LinkCache:
        """Open (or create) the cache at `path`; None keeps it in memory for this run only."""
        warnings: list[str] = []
        if path is None:
            return cls(_open_memory(), None, warnings, history_size)
        path = Path(path)
        try:
            return cls(_open_file_when_free(path), path, warnings, history_size)
        except (sqlite3.DatabaseError, OSError) as exc:
            reason = _reason(exc)
            # Busy, locked or not openable is not corrupt: moving a file aside that another
            # run is writing would corrupt that run's cache. Only damage is moved aside.
            damaged = not isinstance(exc, sqlite3.OperationalError | OSError)
        if damaged and path.is_file():
            aside = _move_aside(path)
            if aside is not None:
                try:
                    conn = _open_file(path)
                except (sqlite3.DatabaseError, OSError) as exc:
                    reason = f"{reason}; rebuilding failed too: {_reason(exc)}"
                else:
                    warnings.append(
                        f"link cache {path} was unreadable ({reason}); "
                        f"moved it to {aside} and started a new one"
                    )
                    return cls(conn, path, warnings, history_size)
        warnings.append(
            f"link cache {path} is unusable ({reason}); this run keeps its results in memory only"
        )
        return cls(_open_memory(), None, warnings, history_size)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> LinkCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock before reading, so two runs updating the same URL
        # cannot both read the old failure count and lose one increment.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------------

    def get(self, url: str) -> CacheEntry | None:
        return self.get_many([url]).get(url)

    def get_many(self, urls: Iterable[str], *, with_history: bool = False) -> dict[str, CacheEntry]:
        entries: dict[str, CacheEntry] = {}
        for row in self._rows_for(f"SELECT {_ENTRY_COLUMNS} FROM links WHERE url IN ({{}})", urls):
            entry = _entry(row)
            entries[entry.url] = entry
        if with_history:
            for entry in entries.values():
                entry.history = self.history(entry.url)
        return entries

    def agents(self, urls: Iterable[str]) -> dict[str, str]:
        """The User-Agent each of `urls` was last asked with, where the cache knows it."""
        try:
            rows = self._rows_for("SELECT url, agent FROM asked WHERE url IN ({})", urls)
            return {row["url"]: row["agent"] for row in rows}
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            return {}  # a cache from before agents were kept: nothing is known

    def _rows_for(self, query: str, urls: Iterable[str]) -> Iterator[sqlite3.Row]:
        """The rows of `query` (its `{}` takes the placeholders) for each distinct URL, asked
        in chunks of `_CHUNK`."""
        wanted = list(dict.fromkeys(urls))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            yield from self._conn.execute(query.format(",".join("?" * len(chunk))), chunk)

    def history(self, url: str) -> list[HistoryEntry]:
        rows = self._conn.execute(
            "SELECT checked_at, status, code, error FROM history WHERE url = ? ORDER BY checked_at",
            (url,),
        )
        return [
            HistoryEntry(_when(at) or dt.datetime.min, Verdict(status), code, error)
            for at, status, code, error in rows
        ]

    def __len__(self) -> int:
        (count,) = self._conn.execute("SELECT COUNT(*) FROM links").fetchone()
        return int(count)

    # -- writing -------------------------------------------------------------------------------

    def record(self, result: CheckResult, now: dt.datetime) -> CacheEntry:
        """Store a fresh verdict and update the failure streak; returns the new entry."""
        return self.record_many([result], now)[result.url]

    def record_many(
        self, results: Iterable[CheckResult], now: dt.datetime, *, agent: str | None = None
    ) -> dict[str, CacheEntry]:
        """Store fresh verdicts in one transaction, with the User-Agent they were asked with
        when given. Skipped results are not stored: they were decided by this run's options,
        not learned from the site."""
        stored: dict[str, CacheEntry] = {}
        with self._write() as conn:
            if agent is not None:
                conn.execute(_ASKED)
            for result in results:
                if result.status is Verdict.SKIPPED:
                    continue
                stored[result.url] = self._upsert(conn, result, now)
                if agent is not None:
                    conn.execute("INSERT OR REPLACE INTO asked VALUES (?, ?)", (result.url, agent))
        return stored

    def _upsert(
        self, conn: sqlite3.Connection, result: CheckResult, now: dt.datetime
    ) -> CacheEntry:
        row = conn.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM links WHERE url = ?", (result.url,)
        ).fetchone()
        old = _entry(row) if row else None
        at = result.checked_at or now
        failures = old.consecutive_failures if old else 0
        first_failure = old.first_failure if old else None
        last_ok = old.last_ok if old else None
        if result.status in FAILING:
            failures += 1
            first_failure = first_failure or at
        elif result.status in GOOD:
            failures, first_failure, last_ok = 0, None, at
        # A blocked answer says nothing of the link: the streak neither grows nor ends.
        archive_url = result.archive_url or (old.archive_url if old else None)
        archive_checked = old.archive_checked if old else None
        entry = CacheEntry(
            url=result.url,
            status=result.status,
            code=result.code,
            final_url=result.final_url,
            redirects=list(result.redirects),
            error=result.error,
            archive_url=archive_url,
            archive_checked=archive_checked,
            first_seen=old.first_seen if old else at,
            last_checked=at,
            last_ok=last_ok,
            consecutive_failures=failures,
            first_failure=first_failure,
        )
        conn.execute(
            "INSERT OR REPLACE INTO links VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                entry.url,
                entry.status.value,
                entry.code,
                entry.final_url,
                json.dumps([[hop.url, hop.code] for hop in entry.redirects]),
                entry.error,
                entry.archive_url,
                utc_iso(entry.archive_checked),
                utc_iso(entry.first_seen),
                utc_iso(entry.last_checked),
                utc_iso(entry.last_ok),
                entry.consecutive_failures,
                utc_iso(entry.first_failure),
            ),
        )
        conn.execute(
            "INSERT INTO history VALUES (?,?,?,?,?)",
            (entry.url, utc_iso(at), entry.status.value, entry.code, entry.error),
        )
        conn.execute(
            "DELETE FROM history WHERE url = ? AND rowid NOT IN "
            "(SELECT rowid FROM history WHERE url = ? ORDER BY checked_at DESC LIMIT ?)",
            (entry.url, entry.url, self.history_size),
        )
        return entry

    def set_archive(self, url: str, archive_url: str | None, now: dt.datetime) -> None:
        """Remember an archive lookup, including one that found nothing (so it is not redone)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE links SET archive_url = ?, archive_checked = ? WHERE url = ?",
                (archive_url, utc_iso(now), url),
            )


# Enum lookup by value is slow for a warm run's tens of thousands of rows.
_VERDICTS = {verdict.value: verdict for verdict in Verdict}


# `_entry` reads a row by position: a warm run reads tens of thousands, and thirteen lookups by
# name a row were a fifth of the reading.
_ENTRY_COLUMNS = (
    "url, status, code, final_url, redirects, error, archive_url, archive_checked, first_seen,"
    " last_checked, last_ok, consecutive_failures, first_failure"
)


def _entry(row: sqlite3.Row) -> CacheEntry:
    (
        url,
        status,
        code,
        final_url,
        redirects,
        error,
        archive_url,
        archive_checked,
        first_seen,
        last_checked,
        last_ok,
        consecutive_failures,
        first_failure,
    ) = row
    return CacheEntry(
        url=url,
        status=_VERDICTS[status],
        code=code,
        final_url=final_url,
        redirects=_hops(redirects),
        error=error,
        archive_url=archive_url,
        archive_checked=_when(archive_checked),
        first_seen=_when(first_seen) or dt.datetime.min,
        last_checked=_when(last_checked) or dt.datetime.min,
        last_ok=_when(last_ok),
        consecutive_failures=int(consecutive_failures),
        first_failure=_when(first_failure),
    )


def _connect(target: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are opened explicitly by `_write`.
    conn = sqlite3.connect(target, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def _open_memory() -> sqlite3.Connection:
    conn = _connect(":memory:")
    conn.executescript(_SCHEMA)
    return conn


def _open_file(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not path.is_file():
        raise OSError(f"{path} is not a file")
    conn = _connect(str(path))
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a killed process; only a power cut may lose the last commits.
        conn.execute("PRAGMA synchronous=NORMAL")
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version not in (0, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"schema version {version}, expected {SCHEMA_VERSION}")
        (check,) = conn.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        if version == 0:
            # Only a new file is written to on opening: a reader (the site build's hook) must
            # leave the file as it found it, or every `mkdocs serve` reload would see it change.
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("SELECT url, status, archive_checked, first_failure FROM links LIMIT 1")
    except BaseException:
        conn.close()
        raise
    return conn


def _open_file_when_free(path: Path) -> sqlite3.Connection:
    """`_open_file`, tried again while another run holds a lock SQLite's busy timeout does not
    cover (switching to WAL, creating the schema)."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            return _open_file(path)
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _move_aside(path: Path) -> Path | None:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        path.rename(aside)
        for suffix in ("-wal", "-shm"):
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                sidecar.rename(aside.with_name(aside.name + suffix))
    except OSError:
        return None
    return aside


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
