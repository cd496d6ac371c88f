"""Hashes of input files, remembered by each file's stat, so that a rebuild reads only the files that changed
(10,000 articles: reading and hashing them all took half a second per build). The build cache keeps them
between processes (`load`, `save`), as git's index keeps the stat of each file.

A file counts as unchanged only when its inode, size, modification and change times are all the same; a hash
taken within RACY_NS of those times is not remembered, since a later write could leave the same times.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from pathlib import Path

from digest.output import RACY_NS  # file times tick coarsely

_KNOWN: dict[str, tuple[tuple[int, int, int, int], bytes]] = {}


def _stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def known_digest(path: str) -> bytes | None:
    """The SHA-256 of `path` if it was read (by this process or a build it loaded) and its stat says it has not
    changed since."""
    found = _KNOWN.get(path)
    if found is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return found[1] if found[0] == _stamp(info) else None


def read(path: str) -> tuple[bytes, bytes]:
    """(bytes, SHA-256) of the file at `path`; the hash is remembered by the file's stat."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        raw = handle.read()
    digest = hashlib.sha256(raw).digest()
    settled = time.time_ns() - RACY_NS
    if info.st_mtime_ns < settled and info.st_ctime_ns < settled:
        _KNOWN[path] = (_stamp(info), digest)
    return raw, digest


def digest_of(path: str, keep: bool = False) -> bytes:
    """The SHA-256 of the file at `path`, read only if this process has not seen it as it is now; with `keep`,
    bytes it had to read are kept for one `take` (a build hashes its content, then loads it)."""
    known = known_digest(path)
    if known is not None:
        return known
    raw, digest = read(path)
    if keep:
        _KEPT[path] = (raw, digest)
    return digest


def take(path: str) -> tuple[bytes, bytes] | None:
    """(bytes, SHA-256) that `digest_of(path, keep=True)` read, once."""
    return _KEPT.pop(path, None)


def drop_kept() -> None:
    """Forget every kept file and folder walk."""
    _KEPT.clear()
    _KEPT_WALKS.clear()


_KEPT: dict[str, tuple[bytes, bytes]] = {}
_KEPT_WALKS: dict[str, list[str]] = {}


_VERSION = 1


def load(path: Path) -> None:
    """Add the stats a build saved in `path` to those of this process (a missing or damaged file adds none)."""
    try:
        with open(path, "rb") as handle:
            version, known = pickle.load(handle)
    except Exception:
        return
    if version == _VERSION and isinstance(known, dict):
        for name, entry in known.items():
            _KNOWN.setdefault(name, entry)


def save(path: Path) -> None:
    """Keep this process's stats in `path` for the next build (a failure only makes it read more)."""
    temporary = path.with_name(path.name + ".tmp")
    with contextlib.suppress(OSError):
        with open(temporary, "wb") as handle:
            pickle.dump((_VERSION, _KNOWN), handle, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)


def content_files(root: str | Path, keep: bool = False) -> list[str]:
    """Every `*.md` under `root` (relative, `/`-separated) in sorted order, skipping dotfiles and dot-folders.

    With `keep`, the list is kept for the next call for `root`, once: a build walks its content folders to
    hash the files, then again to load them (3,650 folders at 10,000 articles), and the two must agree.
    """
    kept = _KEPT_WALKS.pop(str(root), None)
    if kept is not None:
        return kept
    found: list[str] = []
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    folders.append((prefix + entry.name + "/", entry.path))
                elif entry.name.endswith(".md") and entry.is_file():
                    found.append(prefix + entry.name)
    found.sort(key=lambda relative: relative.split("/"))  # the order of sorted Paths
    if keep:
        _KEPT_WALKS[str(root)] = found
    return found
