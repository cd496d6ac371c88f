"""What a run prints: one summary line by default, each file with --verbose, only problems with --quiet."""
from __future__ import annotations

import shutil

from tests.helpers import REAL_SEED, run_cli


def _ingest(tmp_path, *extra):
    return run_cli("ingest", "--seeds", str(tmp_path / "seeds"), "--content", str(tmp_path / "content"), *extra)


def test_a_run_prints_one_summary_line(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(REAL_SEED, tmp_path / "seeds")
    _ingest(tmp_path)
    result = _ingest(tmp_path)
    assert result.returncode == 0
    assert result.stdout == ("ingest: 1 seed read; 0 articles created, 0 updated, 3 unchanged, "
                             "0 kept as edited by hand; 1 warning\n")


def test_verbose_lists_each_seed_and_article(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(REAL_SEED, tmp_path / "seeds")
    lines = _ingest(tmp_path, "--verbose").stdout.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith(f"{REAL_SEED.name}: 3 articles, ")
    assert [line.split()[:2] for line in lines[1:4]] == [["1", "created"], ["2", "created"], ["3", "created"]]
    assert lines[4].startswith("ingest: 1 seed read; 3 articles created,")
