"""Pausing the cycle collector never leaves it off, nor turns it on for a caller who had not;
what is kept for a build is frozen, unless making it failed."""

from __future__ import annotations

import gc

import pytest

from dlnotes._gc import kept_for_the_build, paused_gc


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


def test_what_is_kept_for_the_build_is_frozen_and_the_collector_back_on() -> None:
    before = gc.get_freeze_count()
    try:
        with kept_for_the_build():
            assert not gc.isenabled()
            kept = [object()]  # a container: the cycle collector tracks it
        assert gc.isenabled()
        assert gc.get_freeze_count() > before
        assert not any(found is kept for found in gc.get_objects())
    finally:
        gc.unfreeze()


def test_an_error_freezes_nothing() -> None:
    before = gc.get_freeze_count()
    with pytest.raises(RuntimeError), kept_for_the_build():
        raise RuntimeError("boom")
    assert gc.isenabled()
    assert gc.get_freeze_count() == before
