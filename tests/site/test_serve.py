"""`mkdocs serve` with a note gone bad: the error is logged at its line, the note's last good
version stays served, and fixing the note brings the site back up to date."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dlnotes.parse import ParseCache, load_notes
from tests.site.project import make_project, note, seed_dead, write_notes

PAPER = "https://papers.example/a.pdf"
GOOD = note("Home", f"Hello from the first version.\n\n- [A paper]({PAPER})")


class Served:
    def __init__(self, process: subprocess.Popen[str], base: str) -> None:
        self.process = process
        self.base = base
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.base + path, timeout=5) as response:
            return str(response.read().decode("utf-8"))

    def stop(self) -> None:
        """Ctrl-C, as a writer stops it: MkDocs then removes the temporary site it served
        (a terminated server leaves it behind in the temporary directory)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def wait_for(self, check: Callable[[], bool], what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if check():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; output:\n{self.output}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with _serve(make_project(tmp_path, {"index.md": GOOD})) as server:
        yield server


def _hears_ctrl_c() -> None:
    # A shell script's background job starts with Ctrl-C ignored, and Python then keeps it
    # so: the server would never stop on it, nor remove its site.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def _serve(root: Path) -> Iterator[Served]:
    port = _free_port()
    temporary = root / ".tmp"  # outside the notes; where MkDocs puts the site it serves
    temporary.mkdir(exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_hears_ctrl_c,
    )
    server = Served(process, f"http://127.0.0.1:{port}/")
    try:
        server.wait_for(lambda: "first version" in server.get(), "the first build")
        yield server
    finally:
        server.stop()
        assert process.stdout is not None
        process.stdout.close()


def test_serve_shows_what_the_link_cache_learned_since_the_last_reload(
    served: Served, tmp_path: Path
) -> None:
    assert "dl-link--unchecked" in served.get()
    seed_dead(tmp_path, PAPER)  # as `dlnotes check` would, while the site is served
    write_notes(tmp_path, {"index.md": GOOD.replace("first version", "edited version")})
    served.wait_for(lambda: "edited version" in served.get(), "the reload")
    assert "dl-link--dead" in served.get()


def test_serve_keeps_the_last_good_site_when_a_note_breaks(served: Served, tmp_path: Path) -> None:
    write_notes(tmp_path, {"index.md": "---\ntitle: [unclosed\n---\n\nSecond version.\n"})
    served.wait_for(lambda: "serving its last good version" in served.output, "the error")
    assert re.search(r"ERROR +- +notes/index\.md:\d+: error: invalid YAML", served.output)
    assert "notes/index.md: serving its last good version" in served.output
    assert "Traceback" not in served.output
    assert "An error happened during the rebuild" not in served.output
    served.wait_for(lambda: served.output.count("Reloading browsers") >= 1, "the rebuild")
    assert "first version" in served.get()  # the last good version, still served
    assert "Second version" not in served.get()
    write_notes(tmp_path, {"index.md": note("Home", "Third version, fixed.")})
    served.wait_for(lambda: "Third version" in served.get(), "the fixed site")
    write_notes(tmp_path, {"new.md": "---\ntitle: 3\n---\n\nNew.\n"})
    served.wait_for(lambda: "notes/new.md: left out of the site" in served.output, "new note")
    assert "Third version" in served.get()


def test_serve_writes_its_parses_once_when_it_stops_and_leaves_no_site_behind(
    served: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remembered = tmp_path / ".dlnotes" / "notes.pickle"
    write_notes(tmp_path, {"index.md": GOOD.replace("first version", "edited version")})
    served.wait_for(lambda: "edited version" in served.get(), "the reload")
    assert not remembered.exists()  # not rewritten on every reload
    assert list((tmp_path / ".tmp").glob("mkdocs_*"))  # the site being served
    served.stop()
    assert served.process.returncode == 0
    assert remembered.is_file()
    assert not list((tmp_path / ".tmp").glob("mkdocs_*"))
    # The edited note is remembered as served: loading it again finds nothing new to write.
    monkeypatch.chdir(tmp_path)
    stamp = remembered.stat().st_mtime_ns
    kb = load_notes(Path("notes"), cache=ParseCache(remembered)).kb
    assert [link.url for link in kb.links] == [PAPER]
    assert remembered.stat().st_mtime_ns == stamp


_NAV_ENTRY = re.compile(r'md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*(Brand new)\s*<')


def test_serve_lists_a_note_written_while_serving_once_in_the_written_nav(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path, {"index.md": GOOD})
    config = root / "mkdocs.yml"
    nav = "nav:\n  - Home: index.md\n  - Topics: []\n"
    config.write_text(config.read_text(encoding="utf-8") + nav, encoding="utf-8")
    with _serve(root) as served:
        write_notes(tmp_path, {"new.md": note("Brand new", "Written while serving.")})
        served.wait_for(lambda: "Written while" in served.get("new/"), "the new note's page")
        write_notes(tmp_path, {"index.md": GOOD.replace("first version", "edited version")})
        served.wait_for(lambda: "edited version" in served.get(), "the next reload")
        # Each reload reads mkdocs.yml afresh: the note is listed once, not once per reload.
        entries = _NAV_ENTRY.findall(served.get("new/"))
        assert entries == ["Brand new"]
        assert "listed under 'Topics': new.md" in served.output
