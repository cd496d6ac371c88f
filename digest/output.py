"""`[Output]` → dist/: bring a sibling tree up to date, then swap it in, so dist/ is always one whole build.

A file whose bytes did not change is hard-linked from dist/ instead of written, keeping its inode and mtime:
live reload, rsync and the next build's "nothing changed" check see only real changes.

The sibling is the build before last, kept in the build's store (`.dist.cache/spare/`) after each swap and
brought up to date by the next build: on the file systems we measured, making 30,000 folders and deleting
20,000 files cost more than rendering every page (docs/benchmarks.md). Nothing in it is trusted: a file is
kept only when it is dist/'s very file (same inode) and dist/ holds these bytes; any other is written again,
and whatever the build does not make is removed.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterable
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


_PLAIN_PATH = re.compile(r"(?:[\w\-]+(?:\.[\w\-]+)*/)*\.?[\w\-]+(?:\.[\w\-]+)*")  # plainly inside the tree


def safe_path(root: Path, relative: str) -> Path:
    """`root/relative`, refusing paths that would leave `root`."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        raise DigestError(f"refusing to write outside the output folder: {relative!r}")
    return root.joinpath(*parts)


def _inside(root: str, relative: str) -> str:
    """`safe_path` as a string; a plain path (nearly every output) is checked by one regex, not by pathlib."""
    return os.path.join(root, relative) if _PLAIN_PATH.fullmatch(relative) else str(safe_path(Path(root), relative))


def write_site(outputs: Iterable[Output], dist: str | Path, changed: list[str] | None = None,
               spare: Path | None = None) -> int:
    """Write `outputs` into a sibling of `dist`, then swap it in; returns how many files changed (and adds their
    paths to `changed`). An error before the swap leaves `dist` as it was.

    With `spare` (the build's store keeps one), the sibling starts as the tree kept there, and the old `dist`
    is kept there afterwards; without, it starts empty and the old `dist` is removed.
    """
    dist = Path(dist)
    _check_target(dist)
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = dist.with_name(f".{dist.name}.new")
    if staging.exists():  # left by a build that was killed
        shutil.rmtree(staging)
    if not _take_spare(spare, staging):
        staging.mkdir()
    try:
        written = _update(outputs, staging, dist)
        _swap(staging, dist)
    finally:
        if staging.exists() and not _keep_spare(staging, spare):
            shutil.rmtree(staging, ignore_errors=True)
    if changed is not None:
        changed.extend(written)
    return len(written)


def _take_spare(spare: Path | None, staging: Path) -> bool:
    """Move the spare tree to `staging`; False when there is none to use (the spare only saves work)."""
    if spare is None:
        return False
    try:
        if spare.is_symlink() or spare.is_file():
            spare.unlink()  # not a tree of ours
        if spare.is_dir():
            spare.rename(staging)
            return True
    except OSError:
        pass
    return False


def _keep_spare(staging: Path, spare: Path | None) -> bool:
    """Keep `staging` (the old dist/, or an unfinished tree) as the next build's spare; False when it cannot
    be kept there (no spare asked for, or another file system)."""
    if spare is None:
        return False
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(spare)
    except OSError:
        return False
    return True


def _update(outputs: Iterable[Output], staging: Path, dist: Path) -> list[str]:
    """Make `staging` hold exactly `outputs`: each file dist/'s own when its bytes are the same there (a hard
    link), else written; returns the paths whose bytes differ from dist/'s."""
    root, old = str(staging), str(dist)
    present: dict[str, bool | None] = dict(_entries(root))  # path → is a folder (None: written by this build)
    changed: list[str] = []
    folders: set[str] = set()
    for output in outputs:
        path = output.path
        if path in folders or present.get(path, False) is None:
            raise DigestError(f"two pages would be written to {path}: check slugs and dates")
        target = _inside(root, path)
        _make_folders(root, os.path.dirname(path), present, folders)
        there = present.pop(path, None)
        present[path] = None
        if there:  # a folder where the file goes, and all in it
            shutil.rmtree(target)
            for inside in [p for p in present if p.startswith(path + "/")]:
                del present[inside]
            there = None
        previous = os.path.join(old, path)
        same = _same(previous, output.data)
        if same and _linked(previous, target, there is not None):
            continue
        if there is None:
            _create(target, output.data)
        else:
            _replace(target, lambda temporary, data=output.data: _create(temporary, data))
        if not same:
            changed.append(path)
    _remove_rest(root, present)
    return changed


def _linked(previous: str, target: str, exists: bool) -> bool:
    """Make `target` a hard link to dist/'s file `previous`; False where the file system has no hard links."""
    try:
        if not exists:
            os.link(previous, target)
        elif not _same_file(previous, target):
            _replace(target, lambda temporary: os.link(previous, temporary))
    except OSError:
        return False
    return True


def _entries(root: str) -> dict[str, bool]:
    """Every file (False) and folder (True) under `root`, by relative path; anything else is removed."""
    found: dict[str, bool] = {}
    folders = [("", root)]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    found[relative] = True
                    folders.append((relative + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    found[relative] = False
                else:
                    os.unlink(entry.path)  # a link or a device: never written through
    return found


def _make_folders(root: str, folder: str, present: dict, made: set[str]) -> None:
    """Make `folder` under `root` and its parents, replacing a file that stands in the way."""
    if not folder or folder in made:
        return
    _make_folders(root, os.path.dirname(folder), present, made)
    if folder in present and present[folder] is None:
        raise DigestError(f"two pages would be written to {folder}: check slugs and dates")
    kind = present.pop(folder, None)
    if kind is False:
        os.unlink(os.path.join(root, folder))
    if kind is not True:
        os.mkdir(os.path.join(root, folder))
    made.add(folder)


def _remove_rest(root: str, present: dict) -> None:
    """Remove the files and folders left in `present` (what this build does not make), deepest first."""
    for relative in sorted((p for p, kind in present.items() if kind is not None), key=lambda p: -p.count("/")):
        path = os.path.join(root, relative)
        if present[relative]:
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)


def _create(path: str, data: bytes) -> None:
    """A new file holding `data` (an error if one is there)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)


def _replace(target: str, make: Callable[[str], object]) -> None:
    """Put a new file at `target` made by `make(temporary path)`, never writing into the file there (it may be
    one of dist/'s, through a hard link)."""
    temporary = f"{target}.digest-tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    make(temporary)
    os.replace(temporary, target)


def _same_file(a: str, b: str) -> bool:
    """True when `a` and `b` are one file (a hard link)."""
    try:
        first, second = os.stat(a, follow_symlinks=False), os.stat(b, follow_symlinks=False)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


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


def _same(path: str, data: bytes) -> bool:
    """True when `path` is a plain file holding exactly `data`."""
    try:
        info = os.stat(path, follow_symlinks=False)
        if info.st_size != len(data) or not stat.S_ISREG(info.st_mode):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _swap(staging: Path, dist: Path) -> None:
    """Make `staging` the new `dist` in one step where Linux can; the old `dist` ends up at `staging`'s name."""
    if not dist.exists():
        staging.rename(dist)
    elif not _exchange(staging, dist):
        retired = dist.with_name(f".{dist.name}.retired")
        dist.rename(retired)
        staging.rename(dist)
        retired.rename(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
