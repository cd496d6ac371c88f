"""The build cache beside the output folder (`.dist.cache/` for `dist/`): pure results kept between builds.

Everything in it is a memo of a pure function, keyed by a hash of exactly that function's input, and every
file carries the version of the code that wrote it (the generator's own source and the libraries that shape
the output). A file of another version, or one that fails to load for any reason, is ignored: the cache can
make a build faster, never different. Deleting the folder is always safe.

Memos are split into shards by key, so that a build which changes one article rewrites one small file; a
save drops the entries this build did not use, so the cache holds one version of each article.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from digest import stamps
from digest.output import OutputState

SHARDS = 32
_LIBRARIES = ("jinja2", "markdown", "markupsafe", "pypinyin", "python-slugify", "PyYAML", "pagefind")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the generator's source and the versions of the libraries that shape its output."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".js") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    installed = _installed()
    for name in _LIBRARIES:
        digest.update(f"{name}={installed.get(_normal(name)) or _version(name)}".encode())
    return digest.hexdigest()[:32]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _installed() -> dict[str, str]:
    """Installed distributions' versions, from their `name-version.dist-info` folders on sys.path (the first
    found wins, as for imports): importing importlib.metadata took a third of a build with nothing to do."""
    found: dict[str, str] = {}
    for entry in sys.path:
        with contextlib.suppress(OSError):
            for name in sorted(os.listdir(entry or ".")):
                stem = name.removesuffix(".dist-info")
                if stem != name and stem.count("-") == 1:
                    project, version = stem.split("-")
                    found.setdefault(_normal(project), version)
    return found


def _version(name: str) -> str:
    """A library's version the slow way (an egg-info or other install), or `?` when it is not installed."""
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def cache_folder(out: str | Path) -> Path:
    """`.dist.cache/` beside `dist/`."""
    out = Path(out)
    return out.with_name(f".{out.name}.cache")


class Memo:
    """A persistent dict of pure results, in shards; `get` and `__setitem__` mark entries as used."""

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
            shard = {}
            if self.folder is not None:
                try:
                    with open(self._path(index), "rb") as handle:
                        version, data = pickle.load(handle)
                    if version == self.version and isinstance(data, dict):
                        shard = data
                except Exception:  # missing, old or damaged: start empty
                    shard = {}
            self._shards[index] = shard
        return shard

    def __contains__(self, key: Hashable) -> bool:
        return key in self._load(self._shard(key))

    def __getitem__(self, key: Hashable) -> Any:
        value = self._load(self._shard(key))[key]
        self._used.add(key)
        return value

    def get(self, key: Hashable, default: Any = None) -> Any:
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
            if shard is None:
                continue
            unused = [key for key in shard if key not in self._used] if self.prune else []
            for key in unused:
                del shard[key]
            if unused:
                self._dirty.add(index)
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            for index in sorted(self._dirty):
                path = self._path(index)
                temporary = path.with_name(path.name + ".tmp")
                with open(temporary, "wb") as handle:
                    pickle.dump((self.version, self._shards[index]), handle, pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
        self._dirty.clear()
        self._used.clear()


class BuildCache:
    """The memos and output state of one output folder; `folder=None` keeps them in memory only."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        version = code_version()
        self.content = Memo(folder, "content", version)
        self.derived = Memo(folder, "derived", version)
        # Slugs are small and a build looks up only those it makes again (an edited article's headings):
        # kept, so that an edit need not load pypinyin.
        self.slugs = Memo(folder, "slugs", version, prune=False)
        self.related = Memo(folder, "related", version)
        self.bundles = Memo(folder, "bundles", version)  # search index shards (digest/search.py)
        self.output = OutputState(folder) if folder is not None else None
        if folder is not None:
            stamps.load(folder / "stamps.pickle")

    @classmethod
    def beside(cls, out: str | Path) -> BuildCache:
        """The cache of output folder `out`, kept on disk beside it."""
        return cls(cache_folder(out))

    def save(self, memos: bool = True) -> None:
        """Write what changed (a failure to write only makes the next build slower). `memos=False` (a quick
        build, which looked at a few entries) writes only the slugs and stamps: a memo's save drops the entries
        a build did not use."""
        every = (self.content, self.derived, self.slugs, self.related, self.bundles)
        for memo in every if memos else (self.slugs,):
            with contextlib.suppress(OSError):
                memo.save()
        if self.folder is not None and self.folder.is_dir():
            stamps.save(self.folder / "stamps.pickle")


class ContentFiles(NamedTuple):
    """Every content file's relative name (separated by NUL) and SHA-256 (concatenated), in the order
    load_content reads them: 10,000 files in two objects (a tuple for each had cost 2 MB of a build's peak)."""

    names: str
    digests: bytes

    def edited(self, before: ContentFiles) -> list[str] | None:
        """The files whose bytes differ from `before`; None when the files themselves are not the same."""
        if self.names != before.names:
            return None
        if self.digests == before.digests:
            return []
        names = self.names.split("\0")
        now, then = self.digests, before.digests
        return [name for i, name in enumerate(names) if now[32 * i:32 * i + 32] != then[32 * i:32 * i + 32]]


def input_parts(cfg: object, content: Path, templates: Path, assets: Path, *flags: object) -> tuple[str, ContentFiles]:
    """What a build reads, hashed: (the code, the configuration, every template and asset and the build's
    flags, as one hash; each content file's name and SHA-256, in the order load_content reads them)."""
    from digest.fingerprint import plain_digest

    stamps.drop_kept()
    digest = hashlib.sha256(code_version().encode())
    digest.update(plain_digest((cfg, flags)).encode())
    assets_files = sorted(p.name for p in assets.iterdir() if p.is_file()) if assets.is_dir() else []
    for root, names in ((templates, _all_files(templates)), (assets, assets_files)):
        digest.update(b"\1" + str(root).encode())
        for name in names:
            digest.update(name.encode() + b"\0" + stamps.digest_of(os.path.join(root, name)))
    digest.update(b"\1" + str(content).encode())
    names = stamps.content_files(content, keep=True)  # the files load_content reads next, in its order
    # Kept: load_content reads them next, and once is enough.
    digests = b"".join(stamps.digest_of(os.path.join(content, name), keep=True) for name in names)
    return digest.hexdigest(), ContentFiles("\0".join(names), digests)


def combined_key(base: str, files: ContentFiles) -> str:
    """input_key from input_parts."""
    digest = hashlib.sha256(base.encode())
    digest.update(files.names.encode() + b"\1" + files.digests)
    return digest.hexdigest()


def input_key(cfg: object, content: Path, templates: Path, assets: Path, *flags: object) -> str:
    """A hash of everything a build reads: the code, the configuration, every content file, every template and
    asset, and the build's flags. Equal keys give equal sites, so a build whose key is that of the site in
    dist/ (verified file by file) has nothing to do."""
    return combined_key(*input_parts(cfg, content, templates, assets, *flags))


def _all_files(root: Path) -> list[str]:
    """Every file under `root`, relative, sorted."""
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
