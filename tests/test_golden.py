"""A fresh build of tests/fixtures/site/ must equal tests/golden/ byte for byte.

When a change to templates, CSS or code is meant to change the output, regenerate on purpose:
`python -m tests.regen_golden` (or `UPDATE_GOLDEN=1 pytest tests/test_golden.py`) and review the diff.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

from tests.conftest import build_fixture, tree
from tests.regen_golden import GOLDEN
from tests.regen_golden import main as regen


def test_build_matches_golden(tmp_path: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        regen()
    out = tmp_path / "dist"
    build_fixture(out)
    built, golden = tree(out), tree(GOLDEN)
    assert sorted(built) == sorted(golden), "files differ: run `python -m tests.regen_golden` if intended"
    for path in sorted(built):
        if built[path] != golden[path]:
            diff = difflib.unified_diff(golden[path].decode(errors="replace").splitlines(),
                                        built[path].decode(errors="replace").splitlines(),
                                        f"golden/{path}", f"built/{path}", lineterm="", n=2)
            raise AssertionError("\n".join(list(diff)[:60]))
