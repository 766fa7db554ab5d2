"""Small real parts for the run/report tests: a fake archive API for the fault servers,
hand-built knowledge bases, and a clock that tests move by hand."""

from __future__ import annotations

import datetime as dt
import json
import socket
from urllib.parse import parse_qs, urlsplit

from dlnotes.model import Heading, KnowledgeBase, Link, Location, Note
from tests.linkcheck.servers import Conn, Reply, Request


def availability(snapshots: dict[str, str]) -> Reply:
    """A fake Wayback availability API: `?url=U` answers the snapshot for U, if any."""

    async def reply(request: Request, conn: Conn) -> bool:
        url = parse_qs(urlsplit(request.path).query).get("url", [""])[0]
        found = (
            {"closest": {"available": True, "url": snapshots[url], "status": "200"}}
            if url in snapshots
            else {}
        )
        body = json.dumps({"url": url, "archived_snapshots": found}).encode()
        await conn.head(200, {"Content-Type": "application/json", "Content-Length": str(len(body))})
        await conn.body(body)
        return True

    return reply


def closed_port_url(host: str, path: str = "/") -> str:
    """A URL on a port where nothing listens: the connection is refused at once."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        port = sock.getsockname()[1]
    return f"http://{host}:{port}{path}"


def note(path: str, urls: list[str], *, headings: tuple[str, ...] = (), file: str = "") -> Note:
    display = file or f"notes/{path}"
    return Note(
        path=path,
        title=path,
        headings=[Heading(h, 2, h, i + 1) for i, h in enumerate(headings)],
        links=[
            Link(url=u, title=u, location=Location(display, i + 10)) for i, u in enumerate(urls)
        ],
    )


def kb_of(*notes: Note) -> KnowledgeBase:
    return KnowledgeBase(notes=list(notes))


class Clock:
    """A clock the test moves: `clock.advance(days=3)`."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)
