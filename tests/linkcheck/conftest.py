"""Fixtures for the link checker's tests: fault servers on 127.0.0.x (see servers.py)."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator, Mapping

import pytest

from dlnotes.linkcheck.options import CheckOptions
from tests.linkcheck.servers import FaultServer, Reply, ServerLoop, next_loopback

Serve = Callable[..., FaultServer]


@pytest.fixture(scope="session")
def server_loop() -> Iterator[ServerLoop]:
    loop = ServerLoop()
    yield loop
    loop.close()


@pytest.fixture
def serve(server_loop: ServerLoop) -> Iterator[Serve]:
    """serve(routes, latency=0.0, host=None, tls=None) -> a FaultServer on a fresh 127.0.0.x
    address, so that each server is a host of its own; all stopped after the test."""

    def start(
        routes: Mapping[str, Reply] | None = None,
        latency: float = 0.0,
        host: str | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> FaultServer:
        return server_loop.serve(host or next_loopback(), routes, latency, tls)

    yield start
    server_loop.stop_all()


@pytest.fixture
def fast_options() -> CheckOptions:
    """Local servers need the SSRF guard lifted; short timeouts and backoffs keep tests fast."""
    return CheckOptions(allow_private=True, timeout=2.0, backoff=0.01, retry_after_cap=5.0)
