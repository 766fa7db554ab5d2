"""Compressed bodies: decoded as far as a verdict needs, and never further, however well they
compress (a "gzip bomb": a few KiB on the wire, gigabytes once decoded)."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import tracemalloc
import zlib
from collections.abc import Callable
from typing import TypeVar

import pytest

from dlnotes.linkcheck.client import FetchError, fetch_text
from dlnotes.linkcheck.options import CheckOptions
from dlnotes.linkcheck.result import Verdict
from tests.linkcheck._engine import check, check_one
from tests.linkcheck.conftest import Serve
from tests.linkcheck.servers import by_method, status

T = TypeVar("T")
PAGE = b"<html><body><h2 id='install'>Install</h2><p>Text</p></body></html>"
CHALLENGE = b"<html><head><title>Just a moment...</title></head><body>cf-chl</body></html>"


def gzip_bomb(prefix: bytes, zeros: int = 64 * 1024**2) -> bytes:
    """`prefix`, then `zeros` zero bytes, gzipped: about 64 KiB on the wire for 64 MiB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * 1024**2
    parts = [packer.compress(prefix)]
    parts += [packer.compress(block) for _ in range(zeros // len(block))]
    return b"".join([*parts, packer.flush()])


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(PAGE)


@pytest.fixture
def options(fast_options: CheckOptions) -> CheckOptions:
    return dataclasses.replace(fast_options, check_fragments=True)


def peak_of(work: Callable[[], T]) -> tuple[T, int]:
    """What `work` returns, and the most memory Python objects held while it ran."""
    tracemalloc.start()
    try:
        return work(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


GZIP = {"Content-Encoding": "gzip"}
MiB = 1024**2


def test_a_gzip_bomb_is_decoded_only_as_far_as_the_anchors(
    serve: Serve, options: CheckOptions, bomb: bytes
) -> None:
    server = serve({"/a": status(200, bomb, GZIP), "/b": status(200, bomb, GZIP)})
    assert len(bomb) < MiB  # the whole body arrives in a few reads
    (found, gone), peak = peak_of(
        lambda: check([server.url("/a#install"), server.url("/b#gone")], options)
    )
    assert found.status is Verdict.OK, found.error
    assert (gone.status, gone.error) == (Verdict.BROKEN, "fragment not found: #gone")
    # httpx alone decodes a read chunk whole: 64 MiB at once for this body.
    assert peak < 8 * MiB, peak


def test_a_challenge_behind_gzip_is_still_seen_and_a_bomb_costs_nothing(
    serve: Serve, fast_options: CheckOptions
) -> None:
    server = serve(
        {
            "/wall": status(403, gzip.compress(CHALLENGE), GZIP),
            "/bomb": by_method(head=status(405), get=status(403, gzip_bomb(b"<html>"), GZIP)),
        }
    )
    (wall, bomb), peak = peak_of(
        lambda: check([server.url("/wall"), server.url("/bomb")], fast_options)
    )
    assert wall.status is Verdict.BLOCKED
    assert (bomb.status, bomb.code) == (Verdict.BROKEN, 403)
    assert peak < 8 * MiB, peak


@pytest.mark.parametrize(
    "coding, body",
    [
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),  # with the zlib header, as the RFC says
        ("deflate", zlib.compress(PAGE)[2:-4]),  # raw, as some servers send it
        ("identity, gzip", gzip.compress(PAGE)),
    ],
)
def test_gzip_and_deflate_bodies_are_read(
    serve: Serve, options: CheckOptions, coding: str, body: bytes
) -> None:
    reply = status(200, body, {"Content-Encoding": coding})
    server = serve({"/a": reply, "/b": reply})
    found, gone = check([server.url("/a#install"), server.url("/b#gone")], options)
    assert found.status is Verdict.OK, found.error
    assert gone.status is Verdict.BROKEN


@pytest.mark.parametrize(
    "coding, body",
    [("br", b"\x1b\x00\x00"), ("gzip, gzip", gzip.compress(gzip.compress(PAGE))), ("gzip", PAGE)],
    ids=["not-asked-for", "twice", "not-gzip"],
)
def test_a_body_that_cannot_be_decoded_leaves_its_anchors_unjudged(
    serve: Serve, options: CheckOptions, coding: str, body: bytes
) -> None:
    # The server answered 200: that stands. What the body would tell is not judged, as for
    # a page that is not HTML, rather than calling a fragment missing that may be there.
    server = serve({"/doc": status(200, body, {"Content-Encoding": coding})})
    result = check_one(server.url("/doc#install"), options)
    assert (result.status, result.code, result.error) == (Verdict.OK, 200, None)


def test_the_title_fetch_stops_a_bomb_at_its_byte_cap(
    serve: Serve, fast_options: CheckOptions, bomb: bytes
) -> None:
    brotli = status(200, b"x", {"Content-Encoding": "br"})
    server = serve({"/bomb": status(200, bomb, GZIP), "/br": brotli})
    (_, text), peak = peak_of(
        lambda: asyncio.run(fetch_text(server.url("/bomb"), fast_options, 4096))
    )
    assert text.startswith("<html><body><h2 id='install'>") and len(text.encode()) == 4096
    assert peak < 8 * MiB, peak
    with pytest.raises(FetchError, match="cannot read a body sent as br"):
        asyncio.run(fetch_text(server.url("/br"), fast_options, 4096))
