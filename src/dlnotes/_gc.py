"""Pausing Python's cycle collector while a big model is built, and tuning it for a command.

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

_freeze_on_resume = False

# Container allocations between two collections of the young generation in a command line run
# (Python's default is 700). A check of 2,000 links keeps thousands of objects alive across
# requests (connections, tasks, results); at 700 the collector walked them 130 times, 80-100 ms
# of the run, and at this threshold 4 times for 35 ms. What is left unfreed meanwhile is a few
# MiB at most.
_COMMAND_LINE_THRESHOLD = 20_000


def tune_for_one_command() -> None:
    """For a process that ends when its one command does (dlnotes' command line, never a
    server): from now on, what a pause made is frozen when the collector resumes, since it
    lives until the process ends anyway (left in the young generation, the first collection
    after each pause walked all of it: 30 ms of a 10,000-link rerun), and the young
    generation is collected less often."""
    global _freeze_on_resume
    _freeze_on_resume = True
    gc.set_threshold(_COMMAND_LINE_THRESHOLD, *gc.get_threshold()[1:])


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _freeze_on_resume:
            gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def kept_for_the_build() -> Iterator[None]:
    """`paused_gc`, then everything alive is frozen (`gc.freeze`) before the collector wakes
    up. For what is made to last the build; an error freezes nothing."""
    with paused_gc():
        yield
        gc.freeze()
