"""The build's store of cached objects: pure results kept between builds in `.dist.cache/` beside `dist/`.

Everything in it is a memo of a pure function, keyed by a hash of exactly that function's input, and every
file carries the version of the code that wrote it (the generator's own source and the libraries that shape
the output). A file of another version, or one that fails to load, is ignored: the store can make a build
faster, never different. Deleting the folder is always safe.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
import time
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from digest.files import load_pickle, save_pickle

SHARDS = 32  # a memo is kept in this many files, so that one edit rewrites one small file
LIBRARIES = ("jinja2", "markdown", "markupsafe", "pypinyin", "python-slugify", "text-unidecode", "PyYAML", "pagefind",
             "segno", "rjieba")


def code_version() -> str:
    """Hash of the generator's source and the versions of the libraries that shape its output."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".js") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        digest.update(f"{name}={_version(name)}".encode())
    return digest.hexdigest()[:32]


def _version(name: str) -> str:
    """A library's installed version, or `?`."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def cache_folder(out: str | Path) -> Path:
    """`.dist.cache/` beside `dist/`."""
    out = Path(out)
    return out.with_name(f".{out.name}.cache")


class Memo:
    """A dict of pure results kept in the store's folder, in shards; entries a build does not use are
    dropped when it saves (with `prune`), so the store holds one version of each article."""

    def __init__(self, folder: Path | None, name: str, version: str, prune: bool = True):
        self.folder, self.name, self.version, self.prune = folder, name, version, prune
        self._shards: list[dict | None] = [None] * SHARDS
        self._dirty: set[int] = set()
        self._used: set[Hashable] = set()

    @staticmethod
    def _shard(key: Hashable) -> int:
        if isinstance(key, bytes):
            return key[0] % SHARDS
        return hashlib.sha256(repr(key).encode()).digest()[0] % SHARDS

    def _path(self, index: int) -> Path:
        assert self.folder is not None
        return self.folder / f"{self.name}.{index:02d}.pickle"

    def _load(self, index: int) -> dict:
        shard = self._shards[index]
        if shard is None:
            kept = load_pickle(self._path(index), self.version) if self.folder is not None else None
            shard = self._shards[index] = kept if isinstance(kept, dict) else {}
        return shard

    def __contains__(self, key: Hashable) -> bool:
        return key in self._load(self._shard(key))

    def __getitem__(self, key: Hashable) -> Any:
        value = self._load(self._shard(key))[key]
        self._used.add(key)
        return value

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value of `key` (marked as used), or `default`."""
        shard = self._load(self._shard(key))
        if key in shard:
            self._used.add(key)
            return shard[key]
        return default

    def __setitem__(self, key: Hashable, value: Any) -> None:
        index = self._shard(key)
        self._load(index)[key] = value
        self._used.add(key)
        self._dirty.add(index)

    def __len__(self) -> int:
        return sum(len(self._load(index)) for index in range(SHARDS))

    def save(self) -> None:
        """Write the shards that changed, without the entries this build did not use; start a new build."""
        for index, shard in enumerate(self._shards):
            unused = [key for key in shard if key not in self._used] if shard and self.prune else []
            for key in unused:
                del shard[key]
            if unused:
                self._dirty.add(index)
        if self.folder is not None:
            for index in sorted(self._dirty):
                save_pickle(self._path(index), self.version, self._shards[index])
        self._dirty.clear()
        self._used.clear()


RACY_NS = 20_000_000  # file times tick coarsely: a stat this close to the moment it was taken is not trusted


class FileDigests:
    """SHA-256 of input files, remembered by each file's stat (as git's index does), so that a build with
    nothing changed reads no file. A file counts as unchanged only when its inode, size, modification and
    change times are all the same; a digest taken within RACY_NS of those times is not remembered, since a
    later write could leave the same times."""

    def __init__(self, memo: Memo):
        self.memo = memo

    def read(self, path: str) -> tuple[bytes, bytes]:
        """(bytes, SHA-256) of the file at `path`, remembered by its stat."""
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            raw = handle.read()
        digest = hashlib.sha256(raw).digest()
        settled = time.time_ns() - RACY_NS
        if info.st_mtime_ns < settled and info.st_ctime_ns < settled:
            self.memo[path] = (_stamp(info), digest)
        return raw, digest

    def known(self, path: str) -> bytes | None:
        """The SHA-256 of `path` if its stat says it has not changed since it was read."""
        found = self.memo.get(path)
        if found is None:
            return None
        try:
            return found[1] if found[0] == _stamp(os.stat(path)) else None
        except OSError:
            return None

    def digest(self, path: str) -> bytes:
        """The SHA-256 of the file at `path`, read only when its stat changed."""
        return self.known(path) or self.read(path)[1]


def _stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns
