"""`dlnotes.linkcheck` re-exports its public names, sorted, each from its one home."""

from __future__ import annotations

import subprocess
import sys

import dlnotes.linkcheck as linkcheck


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert linkcheck.__all__ == sorted(linkcheck.__all__, key=lambda n: (not n.isupper(), n))
    for name in linkcheck.__all__:
        value = getattr(linkcheck, name)
        home = getattr(value, "__module__", None)
        assert home is None or home.startswith("dlnotes.linkcheck."), name
    assert set(linkcheck.__all__) <= set(dir(linkcheck))


def test_reading_results_does_not_load_the_http_stack() -> None:
    code = "import sys, dlnotes.linkcheck.result; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
