"""`python build.py check`: every link, anchor, feed and sitemap URL resolves under the base path."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.check import check_links, html_checker_missing
from tests.conftest import ROOT
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


def test_a_site_built_for_another_base_is_one_line(fixture_dist):
    result = run_cli("check", "--out", str(fixture_dist), "--base-url", "/other/", "--no-html")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"error: {fixture_dist}: built for base /news-digest/, checked as /other/ "
                             "(pass --base-url /news-digest/)\n")


def test_a_broken_link_names_the_content_file_behind_the_page(tmp_path):
    article = tmp_path / "content" / "2021" / "01" / "15" / "a.md"
    article.parent.mkdir(parents=True)
    article.write_text("---\ntitle: 测试\ndate: 2021-01-15\nslug: ce-shi\n---\n\n见[旧闻](/2020/01/01/nope/)。\n",
                       encoding="utf-8")
    config = ["--config", str(ROOT / "site" / "site.toml")]
    built = run_cli("build", "--base-url", BASE, "--templates", str(ROOT / "templates"), "--no-search", "--quiet",
                    *config, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    result = run_cli("check", "--base-url", BASE, "--no-html", *config, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/2021/01/15/a.md (2021/01/15/ce-shi/index.html): broken link '/news-digest/2020/01/01/nope/' "
        "(no file for /news-digest/2020/01/01/nope/)")
    assert result.stdout.endswith(", HTML not validated (skipped: --no-html): 3 problems\n")  # and both feeds


def test_check_says_what_keeps_html_from_being_validated(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGEST_VNU_JAR", str(tmp_path / "vnu.jar"))
    assert html_checker_missing() == f"DIGEST_VNU_JAR={tmp_path / 'vnu.jar'}: no such file"
    (tmp_path / "vnu.jar").write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert html_checker_missing() == "no java on the PATH or in JAVA_HOME"
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "java").write_text("#!/bin/sh\n")
    (tmp_path / "bin" / "java").chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    assert html_checker_missing() is None
