"""Whole builds: determinism, atomic replacement of dist/, the CLI's summary and options."""
from __future__ import annotations

import shutil
from pathlib import Path

from digest.content import load_content
from tests.conftest import FIXTURE_SITE, ROOT, build_fixture, run_cli, tree


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    build_fixture(tmp_path / "one")
    build_fixture(tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_rebuild_in_place_equals_clean_build(tmp_path: Path) -> None:
    build_fixture(tmp_path / "dist")
    build_fixture(tmp_path / "dist")
    build_fixture(tmp_path / "clean")
    assert tree(tmp_path / "dist") == tree(tmp_path / "clean")


def test_cli_build(tmp_path: Path) -> None:
    result = run_cli("build", "--content", str(FIXTURE_SITE / "content"), "--out", "out",
                     "--config", str(FIXTURE_SITE / "site.toml"), "--templates", str(ROOT / "templates"),
                     "--base-url", "/news-digest/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built ")
    assert (tmp_path / "out" / "index.html").read_text().count("/news-digest/") > 5
    quiet = run_cli("build", "--quiet", "--content", str(FIXTURE_SITE / "content"), "--out", "out",
                    "--config", str(FIXTURE_SITE / "site.toml"), "--templates", str(ROOT / "templates"),
                    cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    assert '<link rel="canonical" href="https://example.org/">' in (tmp_path / "out" / "index.html").read_text()


def test_drafts_flag(tmp_path: Path) -> None:
    args = ["--content", str(FIXTURE_SITE / "content"), "--config", str(FIXTURE_SITE / "site.toml"),
            "--templates", str(ROOT / "templates")]
    assert run_cli("build", *args, "--out", "without", cwd=tmp_path).returncode == 0
    assert run_cli("build", *args, "--out", "with", "--drafts", cwd=tmp_path).returncode == 0
    assert "草稿不会发布" not in (tmp_path / "without" / "index.html").read_text()
    assert "草稿不会发布" in (tmp_path / "with" / "index.html").read_text()


def test_site_url_from_environment(tmp_path: Path, monkeypatch) -> None:
    import argparse

    from digest.pipeline import build_from_args

    monkeypatch.setenv("DIGEST_SITE_URL", "https://someone.github.io")
    args = argparse.Namespace(content=FIXTURE_SITE / "content", out=tmp_path / "dist",
                              config=FIXTURE_SITE / "site.toml", templates=ROOT / "templates",
                              base_url="/news-digest/", drafts=False, quiet=True, verbose=False)
    assert build_from_args(args) == 0
    html = (tmp_path / "dist" / "index.html").read_text()
    assert '<link rel="canonical" href="https://someone.github.io/news-digest/">' in html


def test_error_mid_build_leaves_previous_dist_whole(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build_fixture(dist)
    before = tree(dist)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    (content / "2021" / "01" / "15" / "second.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    result = run_cli("build", "--content", str(content), "--out", str(dist),
                     "--config", str(FIXTURE_SITE / "site.toml"), "--templates", str(ROOT / "templates"),
                     "--base-url", "/news-digest/", cwd=tmp_path)
    assert result.returncode == 1
    assert tree(dist) == before


def test_fixture_has_what_the_golden_site_needs() -> None:
    articles = load_content(FIXTURE_SITE / "content")
    assert len([a for a in articles if not a.draft]) > 8  # more than two pages of 4
    assert any(a.date is None for a in articles)
    assert any(a.tags for a in articles) and any(a.section for a in articles)
    assert any("<script>" in a.body for a in articles)


def _build_with_seed(content: Path, out: Path, seed: str) -> tuple[int, int]:
    """(files changed, files) of a CLI build in a new process with the given hash seed."""
    import os
    import re
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--verbose", "--no-search", "--content", str(content),
         "--out", str(out), "--config", str(FIXTURE_SITE / "site.toml"), "--templates", str(ROOT / "templates")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed})
    assert result.returncode == 0, result.stderr
    files, changed = re.search(r"built (\d+) files \((\d+) changed\)", result.stdout).groups()
    return int(changed), int(files)


def test_an_edit_built_by_a_new_process_changes_only_what_shows_it(tmp_path: Path) -> None:
    # The bytes must not depend on the process (a set in hash order would make every page look new).
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    changed, files = _build_with_seed(content, tmp_path / "dist", "1")
    assert changed == files
    article = content / "2021" / "01" / "13" / "sheng-gong-xin-ting-shi-gong-xin-ju-dao-gao-xin-qu-diao-yan.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n新加的一段。\n", encoding="utf-8")
    changed, files = _build_with_seed(content, tmp_path / "dist", "2")
    # Its page, the 3 feeds and its 2 reporters' feeds (the lists show its summary, which did not change):
    # 6 of the site's files.
    assert changed == 6 and files > 80
