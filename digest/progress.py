"""A progress display for long builds in a terminal (rich); silent in CI, in pipes and with --quiet."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
Mapper = Callable[[Callable, Sequence], Iterator]


def interactive(quiet: bool = False) -> bool:
    """True when a person is watching: not --quiet, not CI, and both stdout and stderr are terminals."""
    if quiet or os.environ.get("CI"):
        return False
    return sys.stdout.isatty() and sys.stderr.isatty()


class Progress:
    """One bar per stage on stderr while the build runs (transient: the summary line stays, the bars go)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._live: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bars

            self._live = Bars(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
                              TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def count(self, stage: str, items: Iterable[T], total: int | None = None) -> Iterator[T]:
        """`items`, advancing the bar of `stage` for each."""
        if self._live is None:
            yield from items
            return
        task = self._live.add_task(stage, total=total)
        for item in items:
            yield item
            self._live.advance(task)
        self._live.update(task, total=self._live.tasks[task].completed)

    def mapper(self, stage: str, imap: Mapper) -> Mapper:
        """`imap` that also advances the bar of `stage` (the total is the number of items)."""
        if self._live is None:
            return imap

        def mapped(function: Callable, items: Sequence) -> Iterator:
            return self.count(stage, imap(function, items), total=len(items))

        return mapped
