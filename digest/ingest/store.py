"""Writing content/ without losing anything: stable slugs, byte-identical reruns, hand edits kept.

`content/.ingest.json` records, for every ingested article (`seed#index`), its path, slug and the
SHA-256 of the bytes ingest last wrote (its baseline). A file whose bytes no longer match was edited by a
person. Optional fields: `reported`, the SHA-256 of the hand edit whose warning was last shown (so each
edit is reported once); `generated`, set by `ingest --accept`: the SHA-256 of what ingest would have
written when a person's version was adopted as the baseline (so the file is regenerated only when that changes);
`proposed`, the `people` and `topics` ingest proposed (a file whose list differs was corrected by an editor),
with `read_from`, the fingerprint of the text they were read from (the same text is not read again); and
`corrected`, the names of the lists an editor corrected that ingest wrote again as they were.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from digest.files import write_atomically

MANIFEST = ".ingest.json"
_FRONT_KEY = re.compile(r"^(source|source_index|slug):\s*(.+?)\s*$", re.MULTILINE)


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Store:
    """The content folder and its manifest."""

    root: Path
    entries: dict[str, dict] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    _existing: dict[str, tuple[str, str]] | None = None
    changed: bool = False

    @classmethod
    def open(cls, root: Path) -> Store:
        """Load the manifest (if any) and the slugs already used under `root`."""
        store = cls(root)
        manifest = root / MANIFEST
        if manifest.exists():
            try:
                store.entries = json.loads(manifest.read_text(encoding="utf-8")).get("articles", {})
            except (ValueError, AttributeError):
                store.entries = {}  # a broken manifest only costs us edit detection, never content
        store.taken = {e["slug"] for e in store.entries.values()}
        if root.exists():
            store.taken |= {p.stem for p in root.rglob("*.md")}
            for leftover in root.rglob(".*.tmp"):  # from a run killed mid-write: never a finished file
                leftover.unlink(missing_ok=True)
        return store

    def _scan_existing(self) -> dict[str, tuple[str, str]]:
        """`seed#index` → (path, slug) read from the front matter of files already in content/."""
        if self._existing is None:
            self._existing = {}
            for path in sorted(self.root.rglob("*.md")) if self.root.exists() else []:
                head = path.read_text(encoding="utf-8", errors="replace")[:4000]
                keys = {k: v.strip("'\"") for k, v in _FRONT_KEY.findall(head.split("\n---", 1)[0])}
                if {"source", "source_index", "slug"} <= keys.keys():
                    rel = path.relative_to(self.root).as_posix()
                    self._existing.setdefault(f"{keys['source']}#{keys['source_index']}", (rel, keys["slug"]))
        return self._existing

    def known_slug(self, key: str) -> str | None:
        """The slug an article was given before (manifest first, then existing files)."""
        if key in self.entries:
            return self.entries[key]["slug"]
        found = self._scan_existing().get(key)
        return found[1] if found else None

    def known_path(self, key: str) -> str | None:
        """The path an article was written to before."""
        if key in self.entries:
            return self.entries[key]["path"]
        found = self._scan_existing().get(key)
        return found[0] if found else None

    def key_at(self, rel: str) -> str | None:
        """The article (`seed#index`) whose file is at `rel`, if ingest wrote one there."""
        for key, entry in self.entries.items():
            if entry["path"] == rel:
                return key
        return next((key for key, (path, _) in self._scan_existing().items() if path == rel), None)

    def is_pristine(self, key: str, rel: str) -> bool:
        """True when the file at `rel` still holds exactly the baseline of `key` (the bytes ingest last wrote,
        or the version a person accepted)."""
        entry = self.entries.get(key)
        path = self.root / rel
        return bool(entry) and entry["path"] == rel and path.exists() and sha256(path.read_bytes()) == entry["sha256"]

    def record(self, key: str, rel: str, slug: str, data: bytes, lists: dict | None = None) -> None:
        """Remember what ingest wrote for `key`, and the lists it proposed (`lists`: proposed, corrected)."""
        entry = {"path": rel, "slug": slug, "sha256": sha256(data), **(lists or {})}
        if self.entries.get(key) != entry:
            self.entries[key] = entry
            self.changed = True
        self.taken.add(slug)

    def accept(self, key: str, rel: str, slug: str, current: bytes, data: bytes, lists: dict | None = None) -> None:
        """Make a person's version of `key` (`current`, at `rel`) its baseline; `data` is what ingest makes now."""
        entry = {"path": rel, "slug": slug, "sha256": sha256(current), **(lists or {})}
        if current != data:
            entry["generated"] = sha256(data)
        self.entries[key] = entry
        self.taken.add(slug)
        self.changed = True

    def proposals_read_from(self, key: str, read_from: str) -> dict | None:
        """The lists ingest proposed for `key` when it read the same text (`read_from`, its fingerprint), if it did."""
        entry = self.entries.get(key, {})
        return entry.get("proposed") if entry.get("read_from") == read_from else None

    def proposed(self, key: str) -> dict:
        """The lists ingest last proposed for `key` (`people`, `topics`); empty when none is recorded."""
        return self.entries.get(key, {}).get("proposed", {})

    def may_hold_corrections(self, key: str, rel: str) -> bool:
        """True when the file at `rel` may hold an editor's lists: edited since ingest wrote it, accepted, or written
        with corrected lists."""
        entry = self.entries.get(key, {})
        return "generated" in entry or "corrected" in entry or not self.is_pristine(key, rel)

    def accepted_as_is(self, key: str, data: bytes) -> bool:
        """True when `key`'s baseline is an accepted edit and ingest would still write `data`, as it did then."""
        return self.entries.get(key, {}).get("generated") == sha256(data)

    def first_report(self, key: str, current: bytes) -> bool:
        """True the first time a hand edit (`current`, the file's bytes) is reported; remembers it."""
        entry = self.entries.get(key)
        if entry is None:  # no record (manifest lost): nothing to remember it by, so always report
            return True
        digest = sha256(current)
        if entry.get("reported") == digest:
            return False
        entry["reported"] = digest
        self.changed = True
        return True

    def save(self) -> None:
        """Write the manifest if it changed (sorted, so reruns are byte-identical)."""
        if self.changed:
            data = json.dumps({"version": 1, "articles": self.entries}, ensure_ascii=False, indent=1, sort_keys=True)
            write_atomically(self.root / MANIFEST, (data + "\n").encode("utf-8"))
            self.changed = False
