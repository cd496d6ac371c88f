"""Issue 21, years: an undated `M月D日` takes the year that puts it nearest the issue date, both ways."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest.ingest import ingest
from digest.ingest.dates import PartialDate, resolve
from tests.helpers import articles_in


@pytest.mark.parametrize(("issue", "month", "day", "expected"), [
    (dt.date(2021, 12, 30), 1, 2, dt.date(2022, 1, 2)),  # a January date in a late-December paper: next year
    (dt.date(2022, 1, 3), 12, 30, dt.date(2021, 12, 30)),  # a December date in a January paper: last year
    (dt.date(2021, 6, 1), 6, 15, dt.date(2021, 6, 15)),  # an event two weeks ahead: this year
    (dt.date(2021, 6, 1), 5, 20, dt.date(2021, 5, 20)),
    (dt.date(2021, 3, 1), 2, 29, dt.date(2020, 2, 29)),  # only a leap year has it
    (dt.date(2021, 7, 2), 1, 1, dt.date(2021, 1, 1)),  # 182 days back, 183 ahead
])
def test_the_year_nearest_the_issue_date(issue: dt.date, month: int, day: int, expected: dt.date) -> None:
    assert resolve(PartialDate(None, month, day), issue, issue.year, rollover=False) == expected


def test_a_late_december_paper_dates_its_january_reports_in_the_next_year(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    page = ("2021年12月30日 星期四\n\n# 新年活动安排\n\n本报讯 1月2日，市里将举行新年活动。\n\n"
            "# 年终总结会召开\n\n本报讯 12月28日，市里召开会议。\n")
    (seeds / "001_page.txt").write_text(page, encoding="utf-8")
    ingest(seeds, tmp_path / "content")
    dates = {meta["title"]: meta["date"] for _, meta, _ in articles_in(tmp_path / "content")}
    assert dates == {"新年活动安排": dt.date(2022, 1, 2), "年终总结会召开": dt.date(2021, 12, 28)}
