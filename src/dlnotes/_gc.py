"""Pausing Python's cycle collector while a big model is built.

Loading 50,000 remembered links, or reading as many verdicts from the link cache, creates
objects by the hundred thousand and no garbage cycles; each allocation burst still triggers
collections that walk everything alive, and measured at that size they took more than half
the time. Reference counting still frees what is dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
