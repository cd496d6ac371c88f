"""`python build.py check`: every link, anchor, feed and sitemap URL resolves under the base path."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.check import check_links
from tests.helpers import REAL_SEED, run_cli

BASE = "/news-digest/"


def _page(body: str) -> str:
    return f'<!doctype html><html lang="zh-CN"><head><title>t</title></head><body>{body}</body></html>'


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "a").mkdir(parents=True)
    (dist / ".nojekyll").write_text("")
    (dist / "index.html").write_text(_page(
        '<a href="/news-digest/a/">a</a><a href="a/#sec">sec</a><a href="#top" id="top">top</a>'
        '<a href="https://other.example/x">external</a><a href="mailto:x@example.org">mail</a>'
        '<link rel="stylesheet" href="/news-digest/style.css">'), encoding="utf-8")
    (dist / "style.css").write_text("body{}", encoding="utf-8")
    (dist / "a" / "index.html").write_text(_page('<h2 id="sec">s</h2><a href="../">home</a>'), encoding="utf-8")
    (dist / "sitemap.xml").write_text("<urlset><url><loc>https://example.org/news-digest/a/</loc></url></urlset>")
    return dist


def test_a_good_site_has_no_problems(small_site):
    result = check_links(small_site, BASE, "https://example.org")
    assert result.problems == [] and result.pages == 2 and result.links == 8


def test_each_kind_of_problem_is_named(small_site):
    (small_site / "bad.html").write_text(_page(
        '<a href="/news-digest/missing/">m</a><a href="/elsewhere/">e</a><a href="a/#nope">n</a>'
        '<a href="javascript:alert(1)">j</a><a href="#gone">g</a><img src="../../etc/passwd" alt="">'),
        encoding="utf-8")
    problems = [str(p) for p in check_links(small_site, BASE, "https://example.org").problems]
    assert problems == [
        "bad.html: broken link '/news-digest/missing/' (no file for /news-digest/missing/)",
        "bad.html: URL escapes the base path /news-digest/: '/elsewhere/'",
        "bad.html: broken anchor 'a/#nope' (no id 'nope' in /news-digest/a/)",
        "bad.html: javascript: URL 'javascript:alert(1)'",
        "bad.html: broken anchor '#gone' (no such id on this page)",
        "bad.html: URL escapes the base path /news-digest/: '../../etc/passwd'",
    ]


def test_cli_exit_status_and_lines(small_site):
    (small_site / "a" / "index.html").write_text(_page('<a href="/news-digest/zzz/">z</a>'), encoding="utf-8")
    result = run_cli("check", "--out", str(small_site), "--base-url", BASE, "--no-html")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "a/index.html: broken link '/news-digest/zzz/' (no file for /news-digest/zzz/)")
    assert result.stdout.strip().endswith(": 2 problems")


def test_check_refuses_a_folder_without_a_site(tmp_path):
    result = run_cli("check", "--out", str(tmp_path), "--no-html")
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path}: no built site here (run `python build.py build` first)"


@pytest.mark.slow
def test_real_seed_site_under_a_base_path_checks_clean(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(REAL_SEED, tmp_path / "seeds")
    built = run_cli("--seeds", str(tmp_path / "seeds"), "--content", str(tmp_path / "content"),
                    "--out", str(tmp_path / "dist"), "--base-url", BASE, "--quiet")
    assert built.returncode == 0, built.stderr
    result = run_cli("check", "--out", str(tmp_path / "dist"), "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("under /news-digest/, valid HTML: OK")
