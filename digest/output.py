"""`[Output]` → dist/: build a sibling tree, then swap it in, so dist/ is always one whole build."""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from digest.errors import DigestError

MARKER = ".nojekyll"  # every build writes it; a folder without it is not ours to replace
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class _Output(Protocol):
    path: str
    data: bytes


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _safe_path(root: Path, relative: str) -> Path:
    """`root/relative`, refusing paths that would leave `root`."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        raise DigestError(f"refusing to write outside the output folder: {relative!r}")
    return root.joinpath(*parts)


def _check_target(dist: Path) -> None:
    """Replace only an empty folder or a previous build."""
    if dist.exists() and not dist.is_dir():
        raise DigestError(f"{dist} exists and is not a folder")
    if dist.is_dir() and any(dist.iterdir()) and not (dist / MARKER).exists():
        raise DigestError(f"{dist} is not empty and holds no previous build ({MARKER} missing): not replacing it")


def write_site(outputs: Iterable[_Output], dist: str | Path) -> int:
    """Write `outputs` into a fresh sibling of `dist`, then swap it in; returns files changed.

    A file whose bytes did not change is hard-linked from the old build, keeping its mtime
    (live reload and rsync see only real changes). An error before the swap leaves `dist` whole.
    """
    dist = Path(dist)
    _check_target(dist)
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = dist.with_name(f".{dist.name}.new")
    retired = dist.with_name(f".{dist.name}.old")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    changed = 0
    try:
        staging.mkdir()
        for output in outputs:
            target = _safe_path(staging, output.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            previous = _safe_path(dist, output.path)
            if _same(previous, output.data):
                try:
                    os.link(previous, target)
                    continue
                except OSError:
                    pass
            target.write_bytes(output.data)
            changed += 1
        if dist.exists():
            if not _exchange(staging, dist):
                dist.rename(retired)
                staging.rename(dist)
                shutil.rmtree(retired)
            else:
                shutil.rmtree(staging)
        else:
            staging.rename(dist)
    finally:
        if staging.exists():
            with contextlib.suppress(OSError):
                shutil.rmtree(staging)
    return changed


def _same(path: Path, data: bytes) -> bool:
    """True when `path` is a file holding exactly `data`."""
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) \
            and path.read_bytes() == data
    except OSError:
        return False
