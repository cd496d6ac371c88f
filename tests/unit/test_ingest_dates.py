"""Issue 21: an undated `M月D日` takes the year nearest the issue date, both ways; datelines of every form."""
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
    (dt.date(2021, 3, 1), 2, 29, None),  # no 2月29日 within half a year: a misprint, never invented
    (dt.date(2024, 3, 1), 2, 29, dt.date(2024, 2, 29)),
    (dt.date(2021, 7, 2), 1, 1, dt.date(2021, 1, 1)),  # 182 days back, 183 ahead
])
def test_the_year_nearest_the_issue_date(issue: dt.date, month: int, day: int, expected: dt.date | None) -> None:
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


@pytest.mark.parametrize(("lead", "dateline", "byline"), [
    ("本报北京1月8日电（记者 王五）今天上午，会议召开。", "本报北京1月8日电", "记者 王五"),
    ("本报3月8日讯 会议召开。", "本报3月8日讯", None),
    ("据新华社电 今天，会议召开。", "据新华社电", None),
    ("据新华社北京3月8日电 会议召开。", "据新华社北京3月8日电", None),
    ("据中新社上海3月8日电（记者 陈明）会议召开。", "据中新社上海3月8日电", "记者 陈明"),
])
def test_datelines_of_this_paper_and_of_the_agencies(lead: str, dateline: str, byline: str | None) -> None:
    from digest.ingest.datelines import split_dateline

    assert split_dateline(lead) == (dateline, byline, "今天上午，会议召开。" if "今天上午" in lead else
                                    "今天，会议召开。" if "今天" in lead else "会议召开。")


@pytest.mark.parametrize("lead", ["本报记者了解到，会议召开。", "据了解，会议召开。", "据统计，全市新增岗位。"])
def test_text_that_only_looks_like_a_dateline(lead: str) -> None:
    from digest.ingest.datelines import split_dateline

    assert split_dateline(lead) == (None, None, lead)


@pytest.mark.parametrize("text", [
    "预计2025年建成投用。2021年以来，全市新增岗位两万个。",
    "项目计划2024年完工，是2021年的重点工程。",
    "力争到2030年实现目标。2021年工作会议召开。",
    "2021年3月，会议提出目标2035年基本实现现代化。",
    "许可证有效期至2026年。2021年度考核结果公布。",
    "2022年底前全部完成。2021年的工作成效明显。",
    "新馆将在2023年建成，2021年开工。",
])
def test_a_year_named_as_a_plan_target_or_deadline_is_not_the_issue_s(text: str) -> None:
    from digest.ingest.dates import infer_year

    assert infer_year(text).year == 2021


def test_a_year_given_as_of_is_the_present() -> None:
    from digest.ingest.dates import infer_year

    assert infer_year("截至2021年底，全市新增企业三千家，比2020年增长一成。").year == 2021
