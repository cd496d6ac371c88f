"""The paper as printed: editions (issues by date), their pages (版) in order, and the month calendars of 往期.

An article's `edition`, `page`, `page_name` and `order` place it; one without an edition is web-only and is
in no edition. Paths: `editions/` (the months), `editions/2021/01/` (a month's calendar), `editions/2021/01/16/`
(an edition), `editions/2021/01/16/a03/` (one of its pages).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest.han import chinese_number, is_chinese_number

if TYPE_CHECKING:
    from digest.model import Story

EDITIONS_PATH = "editions/"
UNLABELLED = "版面"  # what a page without a printed label is called


def edition_path(day: dt.date) -> str:
    """`editions/2021/01/16/`."""
    return f"{EDITIONS_PATH}{day:%Y/%m/%d}/"


def page_slug(label: str | None) -> str:
    """A page's path segment: `A03` → `a03`, `02` → `02`, `二` → `2`, none → `page`."""
    if not label:
        return "page"
    if is_chinese_number(label):
        return str(chinese_number(label))
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "page"


def page_path(day: dt.date, label: str | None) -> str:
    """`editions/2021/01/16/a03/`."""
    return f"{edition_path(day)}{page_slug(label)}/"


def page_title(label: str | None, name: str | None) -> str:
    """`第A03版：要闻` (as papers head their pages), `第2版`, or `要闻` for a page printed without a label."""
    printed = f"第{label}版" if label else (UNLABELLED if not name else "")
    return "：".join(part for part in (printed, name) if part)


def page_sort_key(label: str | None) -> tuple:
    """Pages in printed order: A01 < A02 < A10 < B01; 1 < 2 < 10; 二 is 2; an unlabelled page last."""
    if not label:
        return (2, "", 0, "")
    slug = page_slug(label)
    match = re.fullmatch(r"([a-z]*)-?(\d+)", slug)
    if match:
        return (0, match.group(1), int(match.group(2)), slug)
    return (1, slug, 0, slug)


@dataclass(frozen=True)
class PrintedPage:
    """One page (版) of an edition: its label and name as printed and its stories in printed order."""

    label: str | None
    name: str | None
    path: str
    stories: tuple[Story, ...]

    @property
    def title(self) -> str:
        """`第A03版：要闻`."""
        return page_title(self.label, self.name)


@dataclass(frozen=True)
class Edition:
    """One issue of the paper: its date and pages; `previous` and `next` are the editions before and after."""

    day: dt.date
    path: str
    pages: tuple[PrintedPage, ...]
    previous: Edition | None = None
    next: Edition | None = None

    @property
    def lead(self) -> Story:
        """The lead story: the first on the first page."""
        return self.pages[0].stories[0]

    @property
    def count(self) -> int:
        """How many stories the edition printed."""
        return sum(len(page.stories) for page in self.pages)


@dataclass(frozen=True)
class MonthCalendar:
    """A month as a calendar: weeks of seven days (Monday first), each day with the path it links to (its
    edition, or its day of reports) or None; a day of another month is None too."""

    year: int
    month: int
    path: str
    weeks: tuple[tuple[tuple[dt.date | None, str | None], ...], ...]

    @property
    def name(self) -> str:
        """`2021年1月`."""
        return f"{self.year}年{self.month}月"

    @property
    def count(self) -> int:
        """How many days of the month have a link."""
        return sum(1 for week in self.weeks for _, path in week if path)


def month_calendar(year: int, month: int, links: Mapping[dt.date, str], path: str) -> MonthCalendar:
    """The calendar of one month, its days linked by `links`."""
    weeks = tuple(
        tuple((day, links.get(day)) if day.month == month else (None, None) for day in week)
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month))
    return MonthCalendar(year, month, path, weeks)


def _order(story: Story) -> tuple:
    article = story.article
    return (article.order or 1_000_000, article.source or "", article.source_index or 0, article.slug)


def build_editions(stories: Sequence[Story]) -> tuple[Edition, ...]:
    """Every edition of `stories`, newest first, linked to the editions before and after."""
    by_page: dict[dt.date, dict[str | None, list[Story]]] = defaultdict(lambda: defaultdict(list))
    names: dict[tuple[dt.date, str | None], str | None] = {}
    for story in stories:
        article = story.article
        if article.edition:
            by_page[article.edition][article.page].append(story)
            names.setdefault((article.edition, article.page), article.page_name)
    plain = []
    for day in sorted(by_page, reverse=True):
        pages = tuple(
            PrintedPage(label, names[(day, label)], page_path(day, label), tuple(sorted(members, key=_order)))
            for label, members in sorted(by_page[day].items(), key=lambda item: page_sort_key(item[0])))
        plain.append(Edition(day, edition_path(day), pages))
    return _linked(plain)


def _linked(editions: list[Edition]) -> tuple[Edition, ...]:
    """The editions with `previous` (older) and `next` (newer) set; the neighbours keep their own pages only."""
    linked = []
    for i, edition in enumerate(editions):
        newer = editions[i - 1] if i > 0 else None
        older = editions[i + 1] if i + 1 < len(editions) else None
        linked.append(Edition(edition.day, edition.path, edition.pages, older, newer))
    return tuple(linked)


def edition_months(editions: Sequence[Edition]) -> tuple[MonthCalendar, ...]:
    """电子版往期: the calendar of each month that has an edition, newest first, at `editions/2021/01/`."""
    links = {edition.day: edition.path for edition in editions}
    months = sorted({(day.year, day.month) for day in links}, reverse=True)
    return tuple(month_calendar(year, month, links, f"{EDITIONS_PATH}{year}/{month:02d}/") for year, month in months)
