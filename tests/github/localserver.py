"""A real HTTP server on 127.0.0.1 that answers from a table and remembers every request."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WAYBACK = "/wayback/available"


@dataclass
class Server:
    base: str
    pages: dict[str, int]  # path -> status; any other path is a 404
    snapshots: dict[str, str] = field(default_factory=dict)  # URL -> archived copy
    requests: list[str] = field(default_factory=list)  # "METHOD /path?query", in order
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path

    def answer(self, method: str, target: str) -> tuple[int, bytes]:
        with self.lock:
            self.requests.append(f"{method} {target}")
        parts = urlsplit(target)
        if parts.path == WAYBACK:
            # The Wayback Machine's availability API, as the archive lookup reads it.
            url = parse_qs(parts.query).get("url", [""])[0]
            closest = {"closest": {"available": True, "url": self.snapshots[url]}}
            found = closest if url in self.snapshots else {}
            return 200, json.dumps({"url": url, "archived_snapshots": found}).encode()
        return self.pages.get(parts.path, 404), b"page"


@contextmanager
def serve(pages: dict[str, int]) -> Iterator[Server]:
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, with_body: bool) -> None:
            status, body = server.answer(self.command, self.path)
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            self._reply(True)

        def do_HEAD(self) -> None:
            self._reply(False)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = Server(f"http://127.0.0.1:{httpd.server_address[1]}", pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
