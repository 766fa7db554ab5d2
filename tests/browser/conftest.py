"""A real Chromium over the built site: the site is built once, served on 127.0.0.1 by a threaded
http.server, and each test gets a fresh page that records console errors. A failing test leaves
a screenshot in test-artifacts/."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dlnotes.linkcheck.result import Verdict
from tests.site.project import REPO, Build, build, make_project, seed, seed_dead

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"

# Seeded into the link cache before the build: one dead link with an archived copy.
DEAD_URL = (
    "https://medium.com/nanonets/nanonets-how-to-use-deep-learning-when-you-have-limited-data"
    "-f68c0b512cab"
)
ARCHIVE_URL = "https://web.archive.org/web/20200101000000/" + DEAD_URL
OK_URL = "http://colah.github.io/"
# The longest status label ("could not verify") on the longest domain: the widest Links row.
BLOCKED_URL = (
    "https://towardsdatascience.com/understanding-objective-functions-in-neural-networks"
    "-d217cb068138"
)


@dataclass
class Site:
    build: Build
    base: str


@dataclass
class Tab:
    """A browser page and the console errors it has logged."""

    page: playwright_sync.Page
    base: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "") -> None:
        self.page.goto(self.base + path, wait_until="networkidle")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = make_project(tmp_path_factory.mktemp("browser-site"))
    seed_dead(root, DEAD_URL, archive_url=ARCHIVE_URL)
    seed(root, OK_URL, Verdict.OK)
    seed(root, BLOCKED_URL, Verdict.BLOCKED)
    built = build(root, strict=False)  # the dead link warns, as it should
    assert built.code == 0, built.output
    handler = functools.partial(_QuietHandler, directory=str(built.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(built, f"http://127.0.0.1:{httpd.server_address[1]}/")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


# Module scope, not session: Playwright's sync API keeps an event loop running in this thread
# while it is open, and any later test calling asyncio.run() would fail.
@pytest.fixture(scope="module")
def browser() -> Iterator[playwright_sync.Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(
    browser: playwright_sync.Browser, site: Site, request: pytest.FixtureRequest
) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.set_default_timeout(15_000)
    tab = Tab(page, site.base)
    page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
