"""A bounded atheris run of the ingest fuzzer: it must end without a crash."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers import FIXTURES, ROOT

pytest.importorskip("atheris")


@pytest.mark.slow
def test_ingest_fuzzer_finds_no_crash(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "fuzz" / "fuzz_ingest.py"), str(tmp_path),
         str(FIXTURES / "seeds"), str(FIXTURES / "real"), str(FIXTURES / "site" / "content" / "hand"),
         "-max_total_time=20", "-max_len=4096", "-seed=1",
         # a crash input goes beside the run, never into the project tree
         f"-artifact_prefix={tmp_path}/"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    runs = int(re.search(r"Done (\d+) runs", result.stderr).group(1))
    print(f"atheris: {runs} inputs, no crash")
    assert runs > 100
