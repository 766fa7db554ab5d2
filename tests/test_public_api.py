"""`dlnotes` re-exports its public API: complete, sorted, each name from its one home."""

from __future__ import annotations

import inspect
import subprocess
import sys

import dlnotes
import dlnotes.model
import dlnotes.problems


def test_all_is_sorted_and_names_exactly_what_is_re_exported() -> None:
    assert dlnotes.__all__ == sorted(dlnotes.__all__)
    assert set(dlnotes._HOMES) == set(dlnotes.__all__)
    assert dir(dlnotes) == dlnotes.__all__


def test_every_name_resolves_to_its_home_object() -> None:
    for name in dlnotes.__all__:
        home = sys.modules.get(dlnotes._HOMES[name]) or __import__(
            dlnotes._HOMES[name], fromlist=[name]
        )
        assert getattr(dlnotes, name) is getattr(home, name), name


def test_every_domain_class_is_exported() -> None:
    for module in (dlnotes.model, dlnotes.problems):
        classes = {
            name
            for name, value in vars(module).items()
            if inspect.isclass(value)
            and value.__module__ == module.__name__
            and not name.startswith("_")
        }
        assert classes <= set(dlnotes.__all__), classes - set(dlnotes.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        dlnotes.nothing_here  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "nothing_here" in str(exc)
    else:  # pragma: no cover - the assertion is the test
        raise AssertionError("no AttributeError")


def test_importing_the_model_does_not_load_the_http_stack() -> None:
    code = "import sys, dlnotes; dlnotes.load_notes; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
