"""One paginator for every list: `x/`, `x/page/2/`, … (never `x/page/1/`)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a list: its items, its number (1-based) and the site paths of its neighbours."""

    items: tuple[T, ...]
    number: int
    count: int
    path: str
    paths: tuple[str, ...]
    total: int
    per_page: int

    @property
    def previous(self) -> str | None:
        """Site path of the page before, or None on the first page."""
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """Site path of the page after, or None on the last page."""
        return self.paths[self.number] if self.number < self.count else None

    @property
    def first(self) -> int:
        """1-based position of this page's first item in the whole list (0 when empty)."""
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    def window(self, around: int = 2) -> tuple[int | None, ...]:
        """Page numbers to show in a pager: 1 … 4 5 [6] 7 8 … 20, with None for a gap."""
        shown = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in shown if 1 <= n <= self.count)
        result: list[int | None] = []
        for n in numbers:
            if result and n - (result[-1] or 0) > 1:
                result.append(n - 1 if n - (result[-1] or 0) == 2 else None)
            result.append(n)
        return tuple(result)


def page_path(url: str, number: int) -> str:
    """Site path of page `number` of the list at `url`."""
    return url if number == 1 else f"{url}page/{number}/"


def _checked(per_page: int, url: str) -> None:
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    if url and not url.endswith("/"):
        raise ValueError(f"a list URL ends with '/': {url!r}")


def _paths(total: int, per_page: int, url: str) -> tuple[str, ...]:
    """The site paths of every page of one list (its pagers share them)."""
    count = max(1, -(-total // per_page))
    return tuple(page_path(url, n) for n in range(1, count + 1))


def paginate(items: Sequence[T], per_page: int, url: str) -> list[Pager[T]]:
    """Split `items` into pages of `per_page` for the list whose first page is at `url` (ends in /)."""
    _checked(per_page, url)
    paths = _paths(len(items), per_page, url)
    count = len(paths)
    return [
        Pager(tuple(items[(n - 1) * per_page : n * per_page]), n, count, paths[n - 1], paths, len(items), per_page)
        for n in range(1, count + 1)
    ]


def pager_holding(items: Sequence[T], per_page: int, url: str, position: int) -> Pager[T]:
    """The page of `paginate(items, per_page, url)` that holds item number `position` (0-based), made alone:
    a quick edit needs one page of a list of 10,000 (and only its items)."""
    _checked(per_page, url)
    if not 0 <= position < len(items):
        raise IndexError(position)
    paths = _paths(len(items), per_page, url)
    n = position // per_page + 1
    return Pager(tuple(items[(n - 1) * per_page : n * per_page]), n, len(paths), paths[n - 1], paths, len(items),
                 per_page)
