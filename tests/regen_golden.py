"""Regenerate tests/golden/ from tests/fixtures/site/ — only on purpose, after checking the diff:

    python -m tests.regen_golden && git diff --stat tests/golden/
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tests.conftest import ROOT, build_fixture

GOLDEN = ROOT / "tests" / "golden"


def main() -> None:
    """Build the fixture site and replace tests/golden/ with it."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "dist"
        build_fixture(out)
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        shutil.copytree(out, GOLDEN)
    print(f"wrote {sum(1 for p in GOLDEN.rglob('*') if p.is_file())} files to {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
