"""The start of a response body, decoded with a bound on what decoding may make.

httpx decodes gzip and deflate one received chunk at a time with no limit on the output, so a
few KiB of a compressed body of zeros became tens of MiB in one step: checking one such URL
(a 1 GiB "gzip bomb" sent as 1 MiB) took the checker from 55 to 174 MiB, and the run checks
many hosts at once. Here the raw body is decoded by zlib with `max_length`, so a caller that
wants N bytes never makes more than N, however well the body compresses.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

import httpx

# The codings httpx asks for without optional packages (brotli, zstandard): gzip and deflate.
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


async def decoded_body(response: httpx.Response, limit: int) -> AsyncIterator[bytes]:
    """The body's first `limit` bytes (fewer when it is shorter), decoded, in chunks.

    Raises httpx.DecodingError for a body that cannot be decoded: a coding httpx did not ask
    for, or bytes that are not what the coding says."""
    codings = [c.strip().lower() for c in response.headers.get("content-encoding", "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        left = limit
        async for chunk in response.aiter_raw():
            yield chunk[:left]
            left -= len(chunk)
            if left <= 0:
                return
        return
    if len(codings) > 1 or codings[0] not in _WBITS:
        raise httpx.DecodingError(
            f"cannot read a body sent as {', '.join(codings)}", request=response.request
        )
    async for chunk in _inflated(response, _WBITS[codings[0]], limit):
        yield chunk


async def _inflated(response: httpx.Response, wbits: int, limit: int) -> AsyncIterator[bytes]:
    decoder = zlib.decompressobj(wbits)
    started = False
    left = limit
    async for chunk in response.aiter_raw():
        data = chunk
        while data and left > 0:
            try:
                out = decoder.decompress(data, left)
            except zlib.error as exc:
                if wbits == zlib.MAX_WBITS and not started:
                    # "deflate" is sent with the zlib header it should have, or without.
                    wbits = -zlib.MAX_WBITS
                    decoder = zlib.decompressobj(wbits)
                    continue
                raise httpx.DecodingError(str(exc), request=response.request) from exc
            started = True
            left -= len(out)
            if out:
                yield out
            if decoder.eof:
                return
            data = decoder.unconsumed_tail
        if left <= 0:
            return
