"""Pausing the cycle collector never leaves it off, nor turns it on for a caller who had not;
what is kept for a build is frozen, unless making it failed; in a command line run, what a
pause made is frozen, and in any other process it is not."""

from __future__ import annotations

import gc

import pytest

import dlnotes._gc
from dlnotes._gc import kept_for_the_build, paused_gc, tune_for_one_command


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


def test_a_pause_freezes_only_in_a_command_line_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dlnotes._gc, "_freeze_on_resume", False)  # as in a server, or pytest
    thresholds = gc.get_threshold()
    try:
        with paused_gc():
            kept = [[n] for n in range(100)]
        assert any(found is kept for found in gc.get_objects())  # left to the collector
        tune_for_one_command()  # what `dlnotes` does first
        with paused_gc():
            frozen = [[n] for n in range(100)]
        assert gc.isenabled()
        assert not any(found is frozen for found in gc.get_objects())
        # The young generation is collected less often; the older ones as before.
        assert gc.get_threshold()[0] > thresholds[0]
        assert gc.get_threshold()[1:] == thresholds[1:]
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
