"""Small real parts for the cache/policy/report tests: a counting HTTP server on 127.0.0.1,
hand-built knowledge bases, and a clock that tests move by hand."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from dlnotes.model import Heading, KnowledgeBase, Link, Location, Note

# path -> (status, headers, body)
Route = tuple[int, dict[str, str], bytes]


@dataclass
class Server:
    """A real HTTP server that counts every request it receives, per path."""

    base: str
    routes: dict[str, Route]
    hits: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return sum(self.hits.values())

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(routes: dict[str, Route] | Callable[[str], Route]) -> Iterator[Server]:
    table = routes if isinstance(routes, dict) else {}
    lookup = routes if callable(routes) else None

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: bool) -> None:
            path = self.path.split("?", 1)[0]
            server.hits[self.path] += 1
            status, headers, content = (
                lookup(self.path) if lookup else table.get(path, (404, {}, b"not found"))
            )
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            if body:
                self.wfile.write(content)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = Server(f"http://127.0.0.1:{httpd.server_address[1]}", table)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def availability(snapshots: dict[str, str]) -> Callable[[str], Route]:
    """A fake Wayback availability API: `?url=U` answers the snapshot for U, if any."""
    from urllib.parse import parse_qs, urlsplit

    def route(path: str) -> Route:
        url = parse_qs(urlsplit(path).query).get("url", [""])[0]
        closest = (
            {"available": True, "url": snapshots[url], "timestamp": "20200101000000", "status": "200"}
            if url in snapshots
            else None
        )
        body = {"url": url, "archived_snapshots": {"closest": closest} if closest else {}}
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    return route


def note(path: str, urls: list[str], *, headings: tuple[str, ...] = (), file: str = "") -> Note:
    display = file or f"notes/{path}"
    return Note(
        path=path,
        title=path,
        headings=[Heading(h, 2, h, i + 1) for i, h in enumerate(headings)],
        links=[Link(url=u, title=u, location=Location(display, i + 10)) for i, u in enumerate(urls)],
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
