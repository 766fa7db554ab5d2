"""The plugin moves a build's model out of the cycle collector's sight (`gc.freeze`) for the page
loop. A server builds again and again, so it must hand the objects back after each build; a
one-off build ends the process next and leaves them frozen (its last collection would only
walk them). What reading the pages made is frozen too, once every page is read."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from dlnotes.mkdocs_plugin.plugin import DlnotesPlugin


@pytest.fixture
def frozen() -> Iterator[None]:
    gc.freeze()
    assert gc.get_freeze_count() > 0
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(("command", "still_frozen"), [("serve", False), ("build", True)])
def test_after_a_build_only_a_server_unfreezes(command: str, still_frozen: bool) -> None:
    plugin = DlnotesPlugin()
    plugin.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    plugin.on_post_build(config=MkDocsConfig())
    assert (gc.get_freeze_count() > 0) is still_frozen


@pytest.mark.usefixtures("frozen")
def test_a_failed_build_always_unfreezes() -> None:
    plugin = DlnotesPlugin()
    plugin.on_startup(command="build", dirty=False)
    plugin.on_build_error(error=RuntimeError("boom"))
    assert gc.get_freeze_count() == 0


def test_what_the_pages_made_is_frozen_once_every_page_is_read() -> None:
    plugin = DlnotesPlugin()
    kept = [object()]  # made while the pages are read: a table of contents, say
    try:
        env = Environment()
        assert plugin.on_env(env, config=MkDocsConfig(), files=Files([])) is env
        assert not any(found is kept for found in gc.get_objects())
    finally:
        gc.unfreeze()
