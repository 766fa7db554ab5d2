"""Pausing the cycle collector never leaves it off, nor turns it on for a caller who had not."""

from __future__ import annotations

import gc

import pytest

from dlnotes._gc import paused_gc


def test_paused_then_restored_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
