"""`[Output]` → dist/: write a sibling tree, then swap it in, so dist/ is always one whole build.

A file whose bytes did not change is hard-linked from the old build instead of written, keeping its inode and
mtime: live reload, rsync and the next build's "nothing changed" check see only real changes.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from digest.errors import DigestError
from digest.files import write_atomically

MARKER = ".nojekyll"  # every build writes it; a folder without it is not ours to replace
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True)
class Output:
    """One file of the built site: its path inside dist/ and its bytes."""

    path: str
    data: bytes


def safe_path(root: Path, relative: str) -> Path:
    """`root/relative`, refusing paths that would leave `root`."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        raise DigestError(f"refusing to write outside the output folder: {relative!r}")
    return root.joinpath(*parts)


def write_site(outputs: Iterable[Output], dist: str | Path, changed: list[str] | None = None) -> int:
    """Write `outputs` into a fresh sibling of `dist`, then swap it in; returns how many files changed (and
    adds their paths to `changed`). An error before the swap leaves `dist` as it was, and removes the sibling.
    """
    dist = Path(dist)
    _check_target(dist)
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = dist.with_name(f".{dist.name}.new")
    for leftover in (staging, dist.with_name(f".{dist.name}.old")):
        if leftover.exists():
            shutil.rmtree(leftover)
    try:
        staging.mkdir()
        written = _write_tree(outputs, staging, dist)
        _swap(staging, dist)
    finally:
        if staging.exists():
            with contextlib.suppress(OSError):
                shutil.rmtree(staging)
    if changed is not None:
        changed.extend(written)
    return len(written)


def _write_tree(outputs: Iterable[Output], staging: Path, dist: Path) -> list[str]:
    """Each output into `staging`: linked from `dist` when its bytes are the same there, else written; returns
    the paths written."""
    changed: list[str] = []
    folders: set[str] = set()
    written: set[str] = set()
    for output in outputs:
        if output.path in written:
            raise DigestError(f"two pages would be written to {output.path}: check slugs and dates")
        written.add(output.path)
        target = safe_path(staging, output.path)
        folder = os.path.dirname(output.path)
        if folder not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        previous = dist / output.path
        if _same(previous, output.data):
            with contextlib.suppress(OSError):
                os.link(previous, target)
                continue
        with open(target, "wb") as handle:
            handle.write(output.data)
        changed.append(output.path)
    return changed


def write_in_place(outputs: Iterable[Output], dist: Path) -> None:
    """Replace each output's file in `dist` itself, atomically (a reader sees the old page or the new one):
    serve's quick preview (digest/preview.py); a whole build writes beside `dist` and swaps."""
    for output in outputs:
        write_atomically(safe_path(Path(dist), output.path), output.data)


def _check_target(dist: Path) -> None:
    """Replace only an empty folder or a previous build."""
    if dist.exists() and not dist.is_dir():
        raise DigestError(f"{dist} exists and is not a folder")
    if dist.is_dir() and any(dist.iterdir()) and not (dist / MARKER).exists():
        raise DigestError(f"{dist} is not empty and holds no previous build ({MARKER} missing): not replacing it")


def _same(path: Path, data: bytes) -> bool:
    """True when `path` is a plain file holding exactly `data`."""
    try:
        info = os.stat(path, follow_symlinks=False)
        if info.st_size != len(data) or not path.is_file() or path.is_symlink():
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _swap(staging: Path, dist: Path) -> None:
    """Make `staging` the new `dist` in one step where Linux can (the old one then goes)."""
    if not dist.exists():
        staging.rename(dist)
        return
    if _exchange(staging, dist):
        shutil.rmtree(staging)  # the old build, now at staging's name
        return
    retired = dist.with_name(f".{dist.name}.old")
    dist.rename(retired)
    staging.rename(dist)
    shutil.rmtree(retired)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
