"""`python build.py new`: a hand-written article's file that builds as it is, never over another."""
from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import FIXTURE_SITE, ROOT, run_cli

SLUG = "gao-xin-qu-ju-ban-ke-ji-huo-dong-zhou"


def test_new_prints_the_path_of_a_file_that_builds(tmp_path: Path) -> None:
    result = run_cli("new", "高新区举办科技活动周", "--date", "2021-05-20", "--section", "要闻", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"content/2021/05/20/{SLUG}.md\n", "")

    built = run_cli("build", "--content", "content", "--out", "dist", "--config", str(FIXTURE_SITE / "site.toml"),
                    "--templates", str(ROOT / "templates"), "--quiet", "--no-search", cwd=tmp_path)
    assert (built.returncode, built.stderr) == (0, "")
    page = (tmp_path / f"dist/2021/05/20/{SLUG}/index.html").read_text(encoding="utf-8")
    assert "<h1>高新区举办科技活动周</h1>" in page
    assert '<meta property="article:section" content="要闻">' in page


def test_new_dates_it_today_in_the_papers_time_zone_and_says_so(tmp_path: Path) -> None:
    result = run_cli("new", "来信", "--config", str(FIXTURE_SITE / "site.toml"), cwd=tmp_path)
    assert result.returncode == 0
    day = re.fullmatch(r"date: (\d{4})-(\d\d)-(\d\d) \(today in Asia/Shanghai; --date changes it\)\n", result.stderr)
    assert day is not None
    assert result.stdout == f"content/{day[1]}/{day[2]}/{day[3]}/lai-xin.md\n"


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    first = run_cli("new", "来信", "--date", "none", cwd=tmp_path)
    assert first.stdout == "content/undated/lai-xin.md\n"
    again = run_cli("new", "来信", "--date", "none", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == ("error: content/undated/lai-xin.md: already exists; not overwritten "
                            "(edit it, or choose another title)\n")


def test_new_refuses_a_bad_date(tmp_path: Path) -> None:
    result = run_cli("new", "来信", "--date", "2021-02-30", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "error: --date: '2021-02-30' is not a date such as 2021-05-20 (or none)\n"
    assert not (tmp_path / "content").exists()
