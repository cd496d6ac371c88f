"""Long lists paged by month: the newest stories on a list's first page, then one page (or a few) per month,
and a year × month grid to reach any month in two taps. A past month's page never changes, unlike "page 37"
of a list that grows every day."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from digest.model import UNDATED, Group, Story


@dataclass(frozen=True)
class MonthCell:
    """One month of a grid: its page, and how many stories (or editions) it holds."""

    year: int
    month: int
    path: str
    count: int

    @property
    def name(self) -> str:
        """`2021年1月`."""
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True)
class YearRow:
    """One year of a month grid: twelve cells, January first, None for a month with nothing."""

    year: int
    cells: tuple[MonthCell | None, ...]

    @property
    def count(self) -> int:
        """How many stories (or editions) the year holds."""
        return sum(cell.count for cell in self.cells if cell)


def month_grid(cells: Iterable[MonthCell]) -> tuple[YearRow, ...]:
    """The cells as rows of years, newest year first."""
    by_year: dict[int, dict[int, MonthCell]] = defaultdict(dict)
    for cell in cells:
        by_year[cell.year][cell.month] = cell
    return tuple(YearRow(year, tuple(by_year[year].get(m) for m in range(1, 13)))
                 for year in sorted(by_year, reverse=True))


def month_of(group: Group) -> dt.date:
    """The first day of the month a month group holds (its stories all have days of that month)."""
    day = group.stories[0].article.day
    assert day is not None, group.path
    return day.replace(day=1)


def cell_of(group: Group) -> MonthCell:
    """A month group as a grid cell."""
    first = month_of(group)
    return MonthCell(first.year, first.month, group.path, group.count)


def by_month(stories: Sequence[Story], base: str) -> tuple[tuple[Group, ...], Group | None]:
    """A list's stories by the month of their day, newest month first, at `base` + `2021/01/`; and its
    undated stories, at `base` + `undated/` (None when every story has a day)."""
    months: dict[tuple[int, int], list[Story]] = defaultdict(list)
    undated = []
    for story in stories:
        day = story.article.day
        if day:
            months[(day.year, day.month)].append(story)
        else:
            undated.append(story)
    groups = tuple(Group(f"{year}年{month}月", f"{base}{year}/{month:02d}/", tuple(months[(year, month)]))
                   for year, month in sorted(months, reverse=True))
    return groups, (Group(UNDATED, f"{base}undated/", tuple(undated)) if undated else None)


def month_holding(months: Sequence[Group], undated: Group | None, story: Story) -> Group:
    """The month group (or the undated one) that holds `story`."""
    day = story.article.day
    if day is None:
        assert undated is not None
        return undated
    for group in months:
        if month_of(group) == day.replace(day=1):
            return group
    raise ValueError(f"{story.path} is in no month")
