"""`[Output]` → dist/: build a sibling tree, then swap it in, so dist/ is always one whole build."""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import os
import pickle
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

from digest.errors import DigestError

MARKER = ".nojekyll"  # every build writes it; a folder without it is not ours to replace
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class _Output(Protocol):
    path: str
    data: bytes | None


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


def safe_path(root: Path, relative: str) -> Path:
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


def write_site(outputs: Iterable[_Output], dist: str | Path, state: OutputState | None = None) -> int:
    """Write `outputs` into a fresh sibling of `dist`, then swap it in; returns files changed.

    A file whose bytes did not change is hard-linked from the old build, keeping its mtime
    (live reload and rsync see only real changes). An error before the swap leaves `dist` whole.
    With a `state` (the output cache, see `OutputState`) the previous build's tree is brought up to date
    and swapped in instead of a fresh one; an output whose `data` is None reuses `dist`'s file as it is.
    """
    dist = Path(dist)
    _check_target(dist)
    dist.parent.mkdir(parents=True, exist_ok=True)
    if state is not None:
        return state.write(outputs, dist)
    staging = dist.with_name(f".{dist.name}.new")
    retired = dist.with_name(f".{dist.name}.old")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    changed = 0
    try:
        staging.mkdir()
        for output in outputs:
            if output.data is None:
                raise DigestError(f"{output.path}: nothing to reuse without an output cache")
            target = safe_path(staging, output.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            previous = safe_path(dist, output.path)
            if _same(previous, output.data):
                try:
                    os.link(previous, target)
                    continue
                except OSError:
                    pass
            target.write_bytes(output.data)
            changed += 1
        _swap(staging, dist, retired)
        if staging.exists():
            shutil.rmtree(staging)
    finally:
        if staging.exists():
            with contextlib.suppress(OSError):
                shutil.rmtree(staging)
    return changed


def _swap(staging: Path, dist: Path, retired: Path) -> None:
    """Make `staging` the new `dist`; the old `dist` ends up at `staging` (atomic exchange) or is removed."""
    if dist.exists():
        if not _exchange(staging, dist):
            dist.rename(retired)
            staging.rename(dist)
            shutil.rmtree(retired)
    else:
        staging.rename(dist)


class Mark(NamedTuple):
    """What a file we wrote looked like: the key of its content (empty: unknown) and its inode, size, mtime.

    A tuple, not a dataclass: the output state holds two for each of 20,000 files, and every build loads it
    (a dataclass took 0.13 s to unpickle, a tuple 0.02 s).
    """

    key: str
    ino: int
    size: int
    mtime_ns: int

    def matches(self, info: os.stat_result) -> bool:
        """True when the file is still the one we wrote."""
        return (info.st_ino, info.st_size, info.st_mtime_ns) == (self.ino, self.size, self.mtime_ns)


RACY_NS = 20_000_000  # file times tick coarsely: a mark this close to the time it was taken is not trusted


@dataclass
class Tree:
    """Marks of every file and the mtime of every folder of a tree we wrote (paths relative to its root)."""

    files: dict[str, Mark] = field(default_factory=dict)
    dirs: dict[str, int] = field(default_factory=dict)

    def __reduce__(self) -> tuple:
        # Pickled as plain tuples, which pickle writes and reads in C without a call per mark.
        return _tree, ({path: tuple(mark) for path, mark in self.files.items()}, self.dirs)


def _tree(files: dict[str, tuple], dirs: dict[str, int]) -> Tree:
    """A Tree from its pickle."""
    make = Mark._make
    return Tree({path: make(mark) for path, mark in files.items()}, dirs)


class OutputState:
    """The output cache: what `dist/` holds (key and stat of each file) and a spare tree to update and swap in.

    The spare is the build before last, kept in the cache folder (hard links share unchanged files with
    `dist/`); a build brings it up to date (only files whose key changed), swaps it with `dist/` atomically,
    and keeps the old `dist/` as the next spare. Nothing is trusted without a check: a file is reused only if
    its inode, size and mtime are the ones recorded, a folder only if its mtime is (so files someone added
    are found), marks taken within RACY_NS of a file's mtime are not trusted, and the spare is marked
    unknown on disk before it is touched, so a crash or error leaves it to be rebuilt from scratch.
    """

    VERSION = 3

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.spare_root = self.folder / "spare"
        self.file = self.folder / "output.pickle"
        self.live: Tree | None = None
        self.spare: Tree | None = None
        self.dist: str | None = None
        self.built: tuple[str, object] | None = None  # (input key, summary) of the site in dist/
        self.changed: list[str] = []  # the files the last write changed in dist/
        self._load()

    def _load(self) -> None:
        try:
            with open(self.file, "rb") as handle:
                version, dist, live, spare, built = pickle.load(handle)
            if version == self.VERSION and isinstance(live, Tree) and (spare is None or isinstance(spare, Tree)):
                self.dist, self.live, self.spare, self.built = dist, live, spare, built
        except Exception:  # a missing, old or damaged state is simply no state
            self.dist, self.live, self.spare, self.built = None, None, None, None
        if self.dirty.exists():  # a build stopped while changing the spare: its marks say nothing
            self.spare = None

    @property
    def dirty(self) -> Path:
        """Present while the spare tree is being changed."""
        return self.folder / "spare.dirty"

    def _save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(self.file.name + ".tmp")
        with open(temporary, "wb") as handle:
            pickle.dump((self.VERSION, self.dist, self.live, self.spare, self.built), handle,
                        pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.file)

    def _recorded(self, dist: Path, inputs: str) -> bool:
        """True when the last build recorded is of `inputs`, into `dist`."""
        return self.built is not None and self.built[0] == inputs and self.live is not None \
            and self.dist == os.path.abspath(dist)

    def built_from(self, dist: Path, inputs: str) -> object | None:
        """What `remember` recorded, if dist/ holds the site built from `inputs`, every file and folder as we
        wrote it (a file changed or added by hand, and the build runs as usual)."""
        if not self._recorded(dist, inputs):
            return None
        assert self.live is not None and self.built is not None
        root = str(dist)
        if not all(_matches(os.path.join(root, path), mark) for path, mark in self.live.files.items()):
            return None
        return self.built[1] if _dirs_intact(dist, self.live) else None

    def folders_hold(self, dist: Path, inputs: str) -> object | None:
        """What `remember` recorded, if dist/ holds the site built from `inputs` as far as its folders show (no
        file added or removed anywhere since): the check of a quick build, which replaces a few files.

        A file changed by hand inside dist/ (its folder keeps its mtime) is found by the next build instead:
        `built_from` checks every file, and the whole build then repairs it. Checking all 20,000 here would
        take a third of a quick build.
        """
        if not self._recorded(dist, inputs):
            return None
        assert self.live is not None and self.built is not None
        return self.built[1] if _dirs_intact(dist, self.live) else None

    def remember(self, inputs: str, summary: object) -> None:
        """Record that dist/ now holds the site built from `inputs` (and the build's `summary`)."""
        if self.built != (inputs, summary):
            self.built = (inputs, summary)
            with contextlib.suppress(OSError):
                self._save()

    def rewrite(self, outputs: Iterable[_Output], dist: Path, inputs: str, removed: Iterable[str] = ()) -> list[str]:
        """A quick build's files, each replaced in dist/ itself (atomically: a reader sees the old file or the
        new one), and their marks, and the `removed` files gone; then record that dist/ holds the site built
        from `inputs`. Files whose bytes dist/ already holds are left alone. Returns the files written.

        Only for a dist/ that `folders_hold` has just checked: every other file stays as recorded. The spare
        is not touched (its files are other inodes than the ones replaced here).
        """
        assert self.live is not None and self.built is not None
        files, dirs = self.live.files, self.live.dirs
        summary = self.built[1]
        # A crash before the save below leaves the old marks, which the replaced files no longer match: the
        # next build then runs whole.
        written: list[str] = []
        for output in outputs:
            assert output.data is not None
            target = str(safe_path(Path(dist), output.path))
            key = getattr(output, "key", "")
            if _same(Path(target), output.data):
                info = os.stat(target)
            else:
                info = _write(output.data, target, exists=True)
                written.append(output.path)
            files[output.path] = Mark(key, info.st_ino, info.st_size, info.st_mtime_ns)
        for path in removed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(safe_path(Path(dist), path))
            files.pop(path, None)
            written.append(path)
        for folder in {os.path.dirname(path) for path in written}:  # a rename changes its folder's mtime
            dirs[folder] = os.stat(os.path.join(dist, folder)).st_mtime_ns
        _trusted(self.live)
        self.built = (inputs, summary)
        self.changed = written
        self._save()
        return written

    def reuse_in(self, dist: Path) -> Callable[[str, str], bool]:
        """`reusable` for one output folder: True when `dist/path` is the file an earlier build wrote for
        exactly `key` (its mark matches the file's inode, size and mtime)."""
        files = self.live.files if self.live is not None and self.dist == os.path.abspath(dist) else {}
        root = str(dist)

        def reusable(path: str, key: str) -> bool:
            mark = files.get(path)
            return bool(key) and mark is not None and mark.key == key and _matches(os.path.join(root, path), mark)

        return reusable

    def reusable(self, dist: Path, path: str, key: str) -> bool:
        """True when `dist/path` is the file an earlier build wrote for exactly `key`."""
        return self.reuse_in(dist)(path, key)

    def write(self, outputs: Iterable[_Output], dist: Path) -> int:
        """`write_site` with this state: update the spare, swap it in, remember both trees."""
        where = os.path.abspath(dist)
        live = self.live if self.dist == where and dist.is_dir() else None
        pending = iter(outputs)
        first, finished = _buffer(pending)
        self.changed = []
        if live is not None and finished and all(o.data is None for o in first) \
                and {o.path for o in first} == set(live.files) and _dirs_intact(dist, live):
            return 0  # every file is dist/'s own, verified, and nothing was added: nothing to write
        spare = self.spare if live is not None and self.spare_root.is_dir() else None
        # From here the spare is being changed: until the swap is recorded its marks are not to be trusted.
        self.folder.mkdir(parents=True, exist_ok=True)
        self.dirty.touch()
        self.spare = None
        self.built = None
        if spare is None:
            if self.spare_root.exists():
                shutil.rmtree(self.spare_root)
            self.spare_root.mkdir(parents=True)
            spare = Tree()
        repaired = _repair(self.spare_root, spare)
        self.changed, written = self._update(itertools.chain(first, pending), dist, live, spare, repaired)
        _swap(self.spare_root, dist, self.folder / "retired")
        self.dist, self.live = where, written
        self.spare = live if self.spare_root.exists() else None  # the old dist/ is now the spare
        # Moving a folder to another parent rewrites its `..` entry, and so its mtime: take both roots again.
        written.dirs[""] = os.stat(dist).st_mtime_ns
        if self.spare is not None:
            self.spare.dirs[""] = os.stat(self.spare_root).st_mtime_ns
        _trusted(written)
        self._save()
        self.dirty.unlink()
        return len(self.changed)

    def _update(self, outputs: Iterable[_Output], dist: Path, live: Tree | None, spare: Tree,
                touched: set[str]) -> tuple[list[str], Tree]:
        """Make the spare tree hold exactly `outputs`; returns (files changed against dist/, the new marks)."""
        root = str(self.spare_root)
        old = dict(spare.files)
        files: dict[str, Mark] = {}
        changed: list[str] = []
        live_files = live.files if live is not None else {}
        emptied = set(touched)  # folders that may be left empty: those repaired, and those losing a file below
        folders = _Folders(root, touched)
        dist_present = os.path.isdir(dist)
        for output in outputs:
            path = output.path
            if path in files:
                raise DigestError(f"two pages would be written to {path}: check slugs and dates")
            if not _PLAIN_PATH.fullmatch(path):
                safe_path(Path(root), path)  # refuses `..` and absolute paths
            target = os.path.join(root, path)
            mark = old.pop(path, None)
            key = getattr(output, "key", "")
            current = live_files.get(path)
            if output.data is None:
                if current is None:
                    raise DigestError(f"{path}: reused, but the previous build did not write it")
                if mark != current or not _matches(target, mark):
                    folders.make(path)
                    _link(os.path.join(dist, path), target, exists=mark is not None)
                files[path] = current
                continue
            if key and mark is not None and mark.key == key and _matches(target, mark):
                files[path] = mark
                if current is None or current.key != key:
                    changed.append(path)
                continue
            folders.make(path)
            previous = os.path.join(dist, path)
            if dist_present and _same(Path(previous), output.data) \
                    and _link(previous, target, exists=mark is not None, quiet=True):
                info = os.stat(target)
            else:
                info = _write(output.data, target, exists=mark is not None)
                changed.append(path)
            files[path] = Mark(key, info.st_ino, info.st_size, info.st_mtime_ns)
        for path in old:  # files the spare holds that this build does not make
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(root, path))
            touched.add(os.path.dirname(path))
            emptied.add(os.path.dirname(path))
        _prune_empty(Path(root), emptied)
        dirs = dict(spare.dirs)
        for folder in {parent for name in touched for parent in _parents(name)}:
            try:
                dirs[folder] = os.stat(os.path.join(root, folder) if folder else root).st_mtime_ns
            except FileNotFoundError:
                dirs.pop(folder, None)
        return changed, _trusted(Tree(files, dirs))


def _dirs_intact(root: Path, tree: Tree) -> bool:
    """True when every folder of `tree` still has its recorded mtime (no file added or removed)."""
    base = os.path.join(root, "")  # plain strings: a Path per folder cost more than the stat (20,000 folders)
    try:
        return all(os.stat(base + name).st_mtime_ns == mtime for name, mtime in tree.dirs.items())
    except OSError:
        return False


def _repair(root: Path, tree: Tree) -> set[str]:
    """Remove from a tree whatever someone added since we recorded it (found by folder mtimes); returns the
    folders looked into."""
    repaired: set[str] = set()
    base = os.path.join(root, "")
    for name, mtime in tree.dirs.items():
        folder = base + name
        try:
            if os.stat(folder).st_mtime_ns == mtime:
                continue
            entries = list(os.scandir(folder))
        except OSError:
            continue  # gone: the files that belong there are rewritten
        for entry in entries:
            relative = f"{name}/{entry.name}" if name else entry.name
            if entry.is_dir(follow_symlinks=False):
                if relative not in tree.dirs:
                    shutil.rmtree(entry.path)
            elif relative not in tree.files:
                os.unlink(entry.path)
        repaired.add(name)
    return repaired


def _same(path: Path, data: bytes) -> bool:
    """True when `path` is a file holding exactly `data`."""
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) \
            and path.read_bytes() == data
    except OSError:
        return False


# Outputs held back before the spare is touched: a small build (an edit, a site of a few hundred articles) fails
# before any write; a bigger buffer would hold more of a large build in memory (32 MB was a tenth of its peak).
_BUFFER_BYTES = 4 << 20


def _buffer(outputs: Iterator[_Output]) -> tuple[list[_Output], bool]:
    """The first outputs, up to _BUFFER_BYTES of new bytes; and whether that was all of them."""
    held: list[_Output] = []
    size = 0
    for output in outputs:
        held.append(output)
        size += len(output.data or b"")
        if size > _BUFFER_BYTES:
            return held, False
    return held, True


def _matches(path: str | Path, mark: Mark) -> bool:
    try:
        return mark.matches(os.stat(path, follow_symlinks=False))
    except OSError:
        return False


def _parents(name: str) -> list[str]:
    """`a/b/c` → [`a/b/c`, `a/b`, `a`, ``]: a folder and every folder above it, up to the root (``)."""
    result = []
    while name:
        result.append(name)
        name = os.path.dirname(name)
    result.append("")
    return result


class _Folders:
    """Creates the folders of the spare tree as files need them, noting each one touched."""

    def __init__(self, root: str, touched: set[str]):
        self.root, self.touched = root, touched
        self.known: set[str] = set()

    def make(self, path: str) -> None:
        folder = os.path.dirname(path)
        self.touched.add(folder)
        if folder and folder not in self.known:
            full = os.path.join(self.root, folder)
            try:
                os.mkdir(full)  # outputs come parents first: one call makes the folder
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(full, exist_ok=True)
            self.known.add(folder)


_PLAIN_PATH = re.compile(r"(?:[\w\-]+(?:\.[\w\-]+)*/)*\.?[\w\-]+(?:\.[\w\-]+)*")  # plainly inside the tree


def _link(source: str, target: str, exists: bool, quiet: bool = False) -> bool:
    """Put a hard link to `source` at `target`, replacing what is there (never writing into a shared file)."""
    try:
        if not exists:
            try:
                os.link(source, target)
                return True
            except FileExistsError:
                pass
        with contextlib.suppress(FileNotFoundError):
            if _same_file(os.stat(source), os.stat(target, follow_symlinks=False)):
                return True  # already that file (rename would then do nothing and leave the link behind)
        temporary = target + ".digest-tmp"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        os.link(source, temporary)
        os.replace(temporary, target)
        return True
    except OSError:
        if not quiet:
            raise
        return False


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _write(data: bytes, target: str, exists: bool) -> os.stat_result:
    """Write `data` as a new file at `target` (a new inode: the old one may be shared with dist/)."""
    if not exists:
        try:
            return _create(target, data)
        except FileExistsError:
            pass
    temporary = target + ".digest-tmp"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    _create(temporary, data)
    os.replace(temporary, target)
    return os.stat(target)


def write_in_place(outputs: Iterable[_Output], dist: Path) -> None:
    """Replace each output's file in `dist` itself, atomically (a reader sees the old page or the new one):
    serve's quick preview (digest/quick.py); a whole build writes beside `dist` and swaps."""
    for output in outputs:
        assert output.data is not None
        _write(output.data, str(safe_path(Path(dist), output.path)), exists=True)


def _create(path: str, data: bytes) -> os.stat_result:
    """A new file holding `data`, by plain system calls (Python's `open` adds a few per file: 20,000 pages)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)


def _prune_empty(root: Path, touched: set[str]) -> None:
    """Remove folders left empty by removed files, deepest first."""
    for name in sorted(touched, key=lambda n: -n.count("/")):
        for parent in _parents(name)[:-1]:
            try:
                (root / parent).rmdir()
            except OSError:
                break


def _trusted(tree: Tree) -> Tree:
    """Marks that a later change could not share a timestamp with: wait out the clock's tick if needed."""
    newest = max([m.mtime_ns for m in tree.files.values()] + list(tree.dirs.values()), default=0)
    wait = newest + RACY_NS - time.time_ns()
    if wait > 0:
        time.sleep(wait / 1e9)
    return tree
