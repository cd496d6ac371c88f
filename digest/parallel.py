"""A second process for the big, pure parts of a cold build, when asked: forked workers, results in input order.

One process is the default. Measured on the 10,000-article benchmark (bench/run.py, rows `digest` and
`digest-2`), two workers cut the wall time of a cold build by about a fifth but cost 15–20 % more CPU time
(pages come back pickled, forked memory is copied as it is touched) and nearly three times the memory of the
process tree. `DIGEST_JOBS=2` (or more) buys the wall time where CPU and memory are to spare. Small batches (an
incremental build, a handful of pages) always stay in this process, and forking is skipped whenever another
thread runs (`serve`'s HTTP server and watcher): a forked child of a threaded process can inherit a held lock.
Where both cores pay without a doubt is the search index: Pagefind runs as separate processes (search.py).
"""
from __future__ import annotations

import collections
import gc
import itertools
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 400  # below this a second process costs more than it saves
_JOBS_VARIABLE = "DIGEST_JOBS"  # e.g. DIGEST_JOBS=2 to render on two cores


def jobs() -> int:
    """Processes to use: DIGEST_JOBS if set to a positive number, else one."""
    try:
        wanted = int(os.environ.get(_JOBS_VARIABLE, "1"))
    except ValueError:
        wanted = 1
    return max(1, wanted)


def can_fork() -> bool:
    """True when forking is safe here: a POSIX fork, and no other thread running."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


# The function and items of the current map, in a worker process only: set by the pool's initializer from
# what the fork inherited (never pickled). The one module-level state of the package.
_WORK: tuple[Callable, Sequence] | None = None


def _start_worker(function: Callable, items: Sequence) -> None:
    global _WORK
    _WORK = (function, items)


def _run_chunk(bounds: tuple[int, int]) -> list:
    assert _WORK is not None
    function, items = _WORK
    return [function(item) for item in items[bounds[0]:bounds[1]]]


def _chunks(count: int, parts: int) -> list[tuple[int, int]]:
    size = max(1, -(-count // parts))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def imap(function: Callable[[T], R], items: Sequence[T], chunk: int = 100) -> Iterator[R]:
    """`function(item)` for each item, in order, spread over forked processes when that pays.

    At most two chunks per worker are in flight, so results (rendered pages) never pile up in memory
    faster than the caller writes them.
    """
    workers = jobs()
    if workers < 2 or len(items) < MIN_ITEMS or not can_fork():
        yield from (function(item) for item in items)
        return
    context = multiprocessing.get_context("fork")  # a forked worker inherits `function` and `items` as they are
    with context.Pool(workers, initializer=_start_worker, initargs=(function, items)) as pool:
        bounds = iter(_chunks(len(items), max(workers * 4, -(-len(items) // chunk))))
        first = itertools.islice(bounds, 2 * workers)
        window = collections.deque(pool.apply_async(_run_chunk, (b,)) for b in first)
        while window:
            results = window.popleft().get()
            following = next(bounds, None)
            if following is not None:
                window.append(pool.apply_async(_run_chunk, (following,)))
            yield from results


def each_core(function: Callable[[T], R], items: Sequence[T], chunksize: int = 1) -> Iterator[R]:
    """`function(item)` for each item, in order, on every core (whatever DIGEST_JOBS says) when there are several
    and forking is safe here: for work that is all CPU and returns little, such as resizing a photo or drawing a
    QR code. `function` must be a module's own function (the pool pickles it by name)."""
    workers = min(len(items), os.cpu_count() or 1)
    if workers < 2 or not can_fork():
        yield from map(function, items)
        return
    # The build's objects are moved out of the garbage collector's sight while the workers run: a worker's
    # collection would touch every one of them, and each page it touches is copied into the worker. With a
    # 10,000-article site in memory, two forked workers drew QR codes no faster than one process.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(function, items, chunksize=chunksize)
    finally:
        gc.unfreeze()
