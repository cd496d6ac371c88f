"""Dates: `1月15日` → a date, with the year from a full date, the page header, an override or the text."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.han import chinese_number

FULL_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# Not the month of a full date (`2021年3月5日`), but `今年3月5日` is a month and day.
MONTH_DAY_RE = re.compile(r"(?<!\d)(?<!\d年)(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# `14日上午，…`, `新华社北京14日电`: a day alone, in a lead, is a day of the issue's month or the one before.
DAY_ONLY_RE = re.compile(r"(?<![\d月日])(\d{1,2})日(?=[上下中晚凌早夜午]|[，,电讯 \u3000])")
# Old-style and wire datelines write the day in Chinese numerals: 九月二十七日.
CN_MONTH_DAY_RE = re.compile(
    r"(?<![\d〇零一二三四五六七八九十])(?<![\d〇零一二三四五六七八九十]年)"
    r"([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
# Years named as a plan, target, deadline or validity period rather than the present: 到2025年, 至2035年,
# 预计2025年, 计划2024年, 力争2026年, 将于2023年, 目标2030年, 2035年远景目标, 2025年前, 2025年底; but 截至2021年
# ("as of") is the present or the past.
_TARGET_BEFORE = ("到", "至", "预计", "计划", "力争", "将", "将于", "目标", "目标是", "有效期", "期限", "确保", "争取")
# The end of a range of years, `2021年—2025年`, `2021—2025年`, is a plan's horizon.
_RANGE_END_RE = re.compile(r"\d\s*年?\s*[—－\-~～]$")
_TARGET_AFTER = ("前", "远景", "以前", "之前", "底", "目标", "起", "愿景")


# A date without a year is within half a year of its issue; `2月29日` in a 2023 issue is a misprint, not 2024.
NEAR_ISSUE_DAYS = 183


@dataclass(frozen=True)
class PartialDate:
    """A date as the text gives it: the year may be missing."""

    year: int | None
    month: int | None  # None for a day alone (`14日上午`)
    day: int
    years_after_issue: int | None = None  # 今年 0, 去年 -1, 前年 -2, 明年 1: a year named relative to the issue


@dataclass(frozen=True)
class YearGuess:
    """The issue year of a page and how it was found: `source` names the cue and its line."""

    year: int
    source: str
    line: int | None = None


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (2月30日)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def first_date(text: str) -> PartialDate | None:
    """The first full or month-day date in `text`, in Arabic or Chinese numerals."""
    found = []
    for match in FULL_DATE_RE.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        if make_date(year, month, day):
            found.append((match.start(), PartialDate(year, month, day)))
            break
    for match in MONTH_DAY_RE.finditer(text):
        month, day = int(match.group(1)), int(match.group(2))
        if make_date(2000, month, day):  # 2000 is a leap year, so 2月29日 passes here
            relative = _RELATIVE_YEARS.get(text[max(0, match.start() - 2) : match.start()])
            found.append((match.start(), PartialDate(None, month, day, relative)))
            break
    for match in CN_MONTH_DAY_RE.finditer(text):
        month, day = chinese_number(match.group(1)), chinese_number(match.group(2))
        if make_date(2000, month, day):
            found.append((match.start(), PartialDate(None, month, day)))
            break
    return min(found, key=lambda item: item[0])[1] if found else None


def day_only(text: str) -> PartialDate | None:
    """A day without its month at the head of a lead (`14日上午，…`)."""
    match = DAY_ONLY_RE.search(text[:40])
    day = int(match.group(1)) if match else 0
    return PartialDate(None, None, day) if 1 <= day <= 31 else None


def _is_target_year(text: str, start: int, end: int) -> bool:
    """True when the year at text[start:end] is named as a plan, target, deadline or validity period."""
    before = text[max(0, start - 4) : start].rstrip(" 在于")
    if before.endswith("截至"):
        return False
    if _RANGE_END_RE.search(text[max(0, start - 8) : start]):
        return True
    after = text[end : end + 3]
    # `2023年前三季度` is the first three quarters of 2023, not "before 2023".
    first_n = after.startswith("前") and after[1:2] in "一二三四五六七八九十两0123456789"
    return before.endswith(_TARGET_BEFORE) or (after.startswith(_TARGET_AFTER) and not first_n)


def infer_year(text: str) -> YearGuess | None:
    """Guess the issue year from the years a page mentions: the latest one that is not a target.

    Reports look back (`2020年度…述职`) and at the year under way (`为2021年…再出发`), so the
    first year mentioned is often last year's; targets such as `到2035年` look ahead and are skipped.
    """
    present, targets = [], []
    for match in YEAR_RE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found = (int(match.group(1)), line, match.group(0))
        (targets if _is_target_year(text, match.start(), match.end()) else present).append(found)
    if not present:
        return None
    year, line, cue = max(present, key=lambda found: (found[0], -found[1]))
    source = f"guessed: «{cue}» on line {line} is the latest year the text names"
    if targets:
        skipped = list(dict.fromkeys(f"{target} on line {target_line}" for _, target_line, target in targets))
        source += f" (plan or target years skipped: {', '.join(skipped[:3])})"
    return YearGuess(year, source, line)


def resolve(partial: PartialDate, issue: dt.date | None, year: int | None, rollover: bool) -> dt.date | None:
    """A full date for `partial`, using the issue date or issue year; None when no year is known.

    With an issue date, the year is the one that puts the date nearest the issue, in both directions: a
    December date in a January issue is last year's, a January date in a late-December issue next year's
    (the earlier one when two are as near). Without an issue date, `rollover` says the page spans New Year,
    so its November and December dates belong to the year before.
    """
    if partial.month is None:
        return _nearest_day(partial.day, issue)
    if partial.year is not None:
        return make_date(partial.year, partial.month, partial.day)
    if partial.years_after_issue is not None and (issue or year):
        return make_date((issue.year if issue else year) + partial.years_after_issue, partial.month, partial.day)
    if issue is not None:
        candidates = [d for year in (issue.year - 1, issue.year, issue.year + 1)
                      if (d := make_date(year, partial.month, partial.day)) is not None
                      and abs((d - issue).days) <= NEAR_ISSUE_DAYS]
        return min(candidates, key=lambda d: (abs((d - issue).days), d), default=None)
    if year is None:
        return None
    if rollover and partial.month >= 11:
        return make_date(year - 1, partial.month, partial.day)
    return make_date(year, partial.month, partial.day)


def _nearest_day(day: int, issue: dt.date | None) -> dt.date | None:
    """The date with this day of the month nearest the issue date, at most a month before it or a week after."""
    if issue is None:
        return None
    first = issue.replace(day=1)
    months = [(first - dt.timedelta(days=1)).replace(day=1), first, (first + dt.timedelta(days=32)).replace(day=1)]
    candidates = [d for m in months if (d := make_date(m.year, m.month, day)) is not None
                  and -31 <= (d - issue).days <= 7]
    return min(candidates, key=lambda d: (abs((d - issue).days), d), default=None)
