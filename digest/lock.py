"""One build at a time per output folder: an advisory lock beside dist/, released even by kill -9."""
from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from digest.errors import DigestError


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: `.dist.lock` beside `dist/`."""
    out = Path(out)
    return out.with_name(f".{out.name}.lock")


@contextlib.contextmanager
def exclusive(out: Path, wait: bool = False) -> Iterator[None]:
    """Hold the output folder's lock; refuse with a message (or wait) while another build holds it."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise DigestError(
                f"{out}: another build (pid {holder}) is writing it; wait for it to finish and try again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
