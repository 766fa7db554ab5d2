"""Pausing Python's cycle collector while a big model is built.

Loading 50,000 remembered links, or reading as many verdicts from the link cache, creates
objects by the hundred thousand and no garbage cycles; each allocation burst still triggers
collections that walk everything alive, and measured at that size they took more than half
the time. Reference counting still frees what is dropped.

Objects that then live as long as a site build (the model, the verdicts) are frozen: left in
the young generations, the first collections after the pause would walk every one of them,
and the full ones would go on doing so for the rest of the build.
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


@contextmanager
def kept_for_the_build() -> Iterator[None]:
    """`paused_gc`, then everything alive is frozen (`gc.freeze`) before the collector wakes
    up. For what is made to last the build; an error freezes nothing."""
    with paused_gc():
        yield
        gc.freeze()
