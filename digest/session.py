"""`BuildSession`: everything a build may reuse from the builds before it, in one object the caller passes in.

`python build.py build` makes one per run, kept on disk in `.dist.cache/` beside `dist/`; `serve` keeps one in
memory for the whole session (and on disk too), so that an edit reuses the templates it compiled and the
model of the last build. Nothing else in `digest/` survives from one build to the next.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest.files import load_pickle, save_pickle
from digest.photos import PhotoStore
from digest.search_routes import RouteTable
from digest.slugs import Slugs
from digest.store import RACY_NS, FileDigests, Memo, cache_folder, code_version

if TYPE_CHECKING:
    from digest.model import Site

Listing = dict[str, tuple[int, int, int, int]]  # every file and folder of dist/: (inode, size, mtime, ctime)


@dataclass(frozen=True)
class LastBuild:
    """What the last build wrote: into which folder, from which inputs, its summary, and dist/ as it left it."""

    out: str
    inputs: str
    summary: tuple[int, int]  # articles, files
    listing: Listing
    sources: dict[str, str] = field(default_factory=dict)  # article page's file in dist/ → its content file


@dataclass
class BuildSession:
    """The store of per-article results and the record of the last build (on disk unless `folder` is None),
    and what only a long-lived process (serve) reuses: Jinja environments, the last model, search bundles."""

    folder: Path | None
    version: str = field(default_factory=code_version)
    environments: dict[tuple, Any] = field(default_factory=dict)  # digest/render.py
    site: Site | None = None  # the model of the last build that made one (serve's quick previews)
    bundles: dict[str, tuple[str, dict[str, bytes]]] = field(default_factory=dict)  # shard → (key, files)
    records: dict[bytes, Any] = field(default_factory=dict)  # search records by their article's text (search.py)
    routes: RouteTable = field(default_factory=RouteTable)  # the search route table of the last build

    def __post_init__(self) -> None:
        self.articles = self._memo("content")  # front matter by file hash (digest/content.py)
        self.derived = self._memo("derived")  # HTML, headings, summary by text (digest/model.py)
        self.proposed = self._memo("proposed")  # persons named and topics by text (digest/proposed.py)
        self.search = self._memo("bundles")  # search bundles by their records (digest/search.py)
        self.qr_codes = self._memo("qr")  # articles' QR codes by URL (digest/share.py)
        self.files = FileDigests(self._memo("files"))  # input files' hashes by stat
        # Slugs are small, and a build looks up only those it makes again: kept, so that an edit need not
        # load pypinyin (half a second).
        self.slugs = Slugs(self._memo("slugs", prune=False))
        self._last_path = self.folder / "last-build.pickle" if self.folder is not None else None
        # The build before last, which the next build brings up to date and swaps in (digest/output.py).
        self.spare = self.folder / "spare" if self.folder is not None else None
        # Processed photos by the hash of their bytes and settings (digest/photos.py): never processed twice.
        self.photos = PhotoStore(self.folder / "photos" if self.folder is not None else None)
        self.last: LastBuild | None = load_pickle(self._last_path, self.version) if self._last_path else None

    @classmethod
    def beside(cls, out: str | Path) -> BuildSession:
        """The session of output folder `out`, kept on disk beside it (`.dist.cache/`)."""
        return cls(cache_folder(out))

    @classmethod
    def in_memory(cls) -> BuildSession:
        """A session that keeps nothing on disk."""
        return cls(None)

    def _memo(self, name: str, prune: bool = True) -> Memo:
        return Memo(self.folder, name, self.version, prune)

    def inputs(self, cfg: object, content: Path, templates: Path, flags: tuple, content_files: list[str]) -> str:
        """A hash of everything a build reads: the code, the settings and flags, every template, asset and
        content file. Equal hashes give equal sites."""
        digest = hashlib.sha256(self.version.encode() + repr((cfg, flags)).encode())
        assets = getattr(cfg, "assets_dir", None)
        for root, names in ((templates, _files_under(templates)), (assets, _files_under(assets)),
                            (content, content_files)):
            digest.update(b"\1" + str(root).encode())
            for name in names:
                digest.update(name.encode() + b"\0" + self.files.digest(os.path.join(root, name)))
        return digest.hexdigest()

    def unchanged(self, out: Path, inputs: str) -> tuple[int, int] | None:
        """The last build's summary when `out` holds exactly what it wrote from these inputs; else None."""
        last = self.last
        if last is None or last.inputs != inputs or last.out != os.path.abspath(out):
            return None
        return last.summary if listing(out) == last.listing else None

    def remember(self, out: Path, inputs: str, summary: tuple[int, int], sources: dict[str, str] | None = None) \
            -> None:
        """Record that `out` now holds the site built from `inputs`, and the content file of each article page."""
        found = _settled(out)
        self.last = LastBuild(os.path.abspath(out), inputs, summary, found, sources or {})

    def forget(self) -> None:
        """No record of the last build: the next one runs whole."""
        self.last = None
        if self._last_path is not None:
            self._last_path.unlink(missing_ok=True)

    def save_digests(self) -> None:
        """Keep the input files' digests (a build with nothing to do may have read some again, after a checkout
        gave them new times)."""
        if self.folder is not None and self.folder.is_dir():
            with contextlib.suppress(OSError):
                self.files.memo.save()

    def save(self) -> None:
        """Write what changed to disk (a failure to write only makes the next build slower)."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for memo in (self.articles, self.derived, self.proposed, self.search, self.qr_codes, self.files.memo,
                         self.slugs.memo):
                memo.save()
            if self.last is not None and self._last_path is not None:
                save_pickle(self._last_path, self.version, self.last)
        except OSError:
            pass


def page_sources(out: Path) -> dict[str, str]:
    """The content file behind each article page of the site last built into `out` (by the page's file in it),
    as the build beside it recorded; empty when there is no record (`check` then names the pages only)."""
    last = load_pickle(cache_folder(out) / "last-build.pickle", code_version())
    return last.sources if isinstance(last, LastBuild) and last.out == os.path.abspath(out) else {}


def listing(root: Path) -> Listing | None:
    """(inode, size, mtime, ctime) of every file and folder under `root`, by relative path; None when it is
    missing. The ctime catches a file rewritten in place with its mtime put back (`cp -p`, `touch -r`)."""
    found: Listing = {}
    folders = [("", str(root))]
    try:
        while folders:
            prefix, folder = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    info = entry.stat(follow_symlinks=False)
                    found[prefix + entry.name] = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((prefix + entry.name + "/", entry.path))
    except OSError:
        return None
    return found


def _settled(root: Path) -> Listing:
    """`listing(root)` once no later write could share its times (file times tick coarsely)."""
    found = listing(root) or {}
    newest = max((max(mtime, ctime) for _, _, mtime, ctime in found.values()), default=0)
    wait = newest + RACY_NS - time.time_ns()
    if wait > 0:
        time.sleep(wait / 1e9)
    return found


def _files_under(root: Path | None) -> list[str]:
    """Every file under `root`, relative, sorted (none when it is missing)."""
    if root is None or not Path(root).is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())
