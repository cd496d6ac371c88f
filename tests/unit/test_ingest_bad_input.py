"""Bad seeds get one line naming the file and `; skipped`, a non-zero exit, no partial output; the others still
ingest, and `all` still builds the site."""
from __future__ import annotations

import argparse
import shutil

import pytest

from digest.serve import Preview
from tests.helpers import FIXTURES, REAL_SEED, ROOT, run_cli

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
    assert errors == [f"error: {seeds}/{EXPECTED[name]}; skipped"]
    written = sorted(p.name for p in (tmp_path / "content").rglob("*.md"))
    assert len(written) == 3
    assert all("000_f71bc933e6fb3ad1.txt" in p.read_text(encoding="utf-8")
               for p in (tmp_path / "content").rglob("*.md"))


def test_missing_seed_folder(tmp_path):
    result = run_cli("ingest", "--seeds", str(tmp_path / "nope"), "--content", str(tmp_path / "c"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope'}/: no such folder"


def test_seed_options_unknown_key(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seeds.toml").write_text('["a.txt"]\ndate = 2021-01-15\ncolour = "red"\n', encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "c"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {seeds / 'seeds.toml'}:3: unknown key 'colour' for 'a.txt' "
        "(known: date, year, page, page_name, section, tags)"
    )


def test_seed_options_wrong_type(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seeds.toml").write_text('["a.txt"]\ndate = "15 January"\n', encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "c"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {seeds / 'seeds.toml'}:2: 'date' for 'a.txt' must be a date"


def test_a_100_mb_seed_is_refused_before_it_is_read(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REAL_SEED, seeds)
    with (seeds / "huge.txt").open("wb") as handle:
        handle.truncate(100 * 2**20)  # sparse: 100 MB on paper, nothing on disk
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {seeds}/huge.txt: seed too large (104857600 bytes; at most 20971520); skipped"]
    assert len(list((tmp_path / "content").rglob("*.md"))) == 3


def test_a_line_of_50000_characters_ingests_and_builds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    sentence = "高新区召开会议，研究部署2021年重点工作，"
    line = (sentence * (50_000 // len(sentence) + 1))[:50_000 - 1] + "。"
    (seeds / "long.txt").write_text(f"# 很长的一行\n\n本报讯 1月10日，{line}记者 张三\n", encoding="utf-8")
    (seeds / "seeds.toml").write_text('["long.txt"]\nyear = 2021\n', encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    [path] = (tmp_path / "content").rglob("*.md")
    assert line[:-1] in path.read_text(encoding="utf-8").replace("\n", "")
    result = run_cli("build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "dist"), "--no-search")
    assert result.returncode == 0, result.stderr
    [page] = (tmp_path / "dist" / "2021" / "01" / "10").glob("*/index.html")
    assert line[:-1] in page.read_text(encoding="utf-8")


def test_a_bad_seed_among_good_ones_is_skipped_and_the_site_still_builds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REAL_SEED, seeds)
    shutil.copy(BAD / "empty.txt", seeds / "004_empty.txt")
    result = run_cli("all", "--seeds", "seeds", "--content", "content", "--out", "dist", "--no-search",
                     "--config", str(FIXTURES / "site" / "site.toml"), "--templates", str(ROOT / "templates"),
                     cwd=tmp_path)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        "error: seeds/004_empty.txt: empty seed (no text); skipped",
        "error: 1 seed was skipped (see above); the site was built without it",
    ]
    assert result.stdout.splitlines()[0] == (
        "ingest: 2 seeds read (1 skipped); 3 articles created, 0 updated, 0 unchanged, 0 kept as edited by hand; "
        "1 warning")
    assert result.stdout.splitlines()[1].startswith("built ")
    assert len(list((tmp_path / "content").rglob("*.md"))) == 3
    assert (tmp_path / "dist" / "index.html").is_file()
    assert len(list((tmp_path / "dist").glob("20*/*/*/*/index.html"))) == 3


def test_serve_previews_the_paper_without_a_bad_seed(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(REAL_SEED, seeds)
    shutil.copy(BAD / "empty.txt", seeds / "004_empty.txt")
    args = argparse.Namespace(config=FIXTURES / "site" / "site.toml", base_url=None, seeds=seeds,
                              content=tmp_path / "content", out=tmp_path / "served", templates=ROOT / "templates",
                              drafts=False, no_search=True, quiet=True)
    written = Preview(args).rebuild(None)
    assert len(written) == 3  # the good seed's articles
    assert "error: " + str(seeds / "004_empty.txt") + ": empty seed (no text); skipped" in capsys.readouterr().err
    assert len(list((tmp_path / "served").glob("20*/*/*/*/index.html"))) == 3
