"""Bad seeds get one line naming the file, a non-zero exit, no partial output; the others still ingest."""
from __future__ import annotations

import shutil

import pytest

from tests.helpers import FIXTURES, REAL_SEED, run_cli

BAD = FIXTURES / "bad_seeds"
EXPECTED = {
    "empty.txt": "empty.txt: empty seed (no text)",
    "blank.txt": "blank.txt: empty seed (no text)",
    "binary.txt": "binary.txt:1: binary data (NUL byte), not a text page dump",
    "latin1.txt": "latin1.txt:1: cannot decode: neither UTF-8 nor GB18030 (byte 0xe9 at offset 6)",
    "broken_utf8.txt": "broken_utf8.txt:3: cannot decode: neither UTF-8 nor GB18030 (byte 0xff at offset 17)",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_seed_one_line_error_and_others_still_ingest(tmp_path, name):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(BAD / name, seeds)
    shutil.copy(REAL_SEED, seeds)
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {seeds}/{EXPECTED[name]}"]
    written = sorted(p.name for p in (tmp_path / "content").rglob("*.md"))
    assert len(written) == 3
    assert all("000_f71bc933e6fb3ad1.txt" in p.read_text(encoding="utf-8")
               for p in (tmp_path / "content").rglob("*.md"))


def test_missing_seed_folder(tmp_path):
    result = run_cli("ingest", "--seeds", str(tmp_path / "nope"), "--content", str(tmp_path / "c"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope'}: no such folder of seeds"


def test_seed_options_unknown_key(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seeds.toml").write_text('["a.txt"]\ndate = 2021-01-15\ncolour = "red"\n', encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "c"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {seeds / 'seeds.toml'}:3: unknown key 'colour' for 'a.txt' (known: date, year, section, tags)"
    )


def test_seed_options_wrong_type(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seeds.toml").write_text('["a.txt"]\ndate = "15 January"\n', encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "c"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {seeds / 'seeds.toml'}:2: 'date' for 'a.txt' must be a date"
