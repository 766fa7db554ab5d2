"""A real HTTP server on 127.0.0.1 that answers fixed routes and counts every request."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class CountingServer:
    base: str
    hits: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return sum(self.hits.values())

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(routes: dict[str, int]) -> Iterator[CountingServer]:
    """Answer each path with its status code (404 for any other path)."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: bool) -> None:
            counting.hits[self.path] += 1
            status = routes.get(self.path, 404)
            payload = b"<html><body>page</body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if body:
                self.wfile.write(payload)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output quiet

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    counting = CountingServer(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield counting
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
