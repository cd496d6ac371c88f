"""Pinyin slugs for titles, headings, tags and names: readable, ASCII, never empty.

`python -m digest.slugs` is the pinyin reader a build talks to (`PinyinReader`): one text a line in, its slug a
line out, both as JSON strings.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, MutableMapping

MAX_SLUG = 60
_BATCH = 256  # texts sent to the pinyin reader before reading their slugs: 256 slugs fill no pipe


def to_slug(text: str, max_length: int = MAX_SLUG) -> str:
    """Pinyin slug of `text`, cut at a hyphen near `max_length`; a hash when nothing is left."""
    # Imported here: pypinyin's phrase tables take half a second and 55 MB to load.
    from pypinyin import lazy_pinyin
    from slugify import slugify

    # pypinyin reads polyphones in context (重庆 → chong-qing); other characters are kept as they are.
    slug = slugify(" ".join(lazy_pinyin(text, errors=lambda chars: [chars])), lowercase=True)
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return slug


class PinyinReader:
    """`to_slug` in a child process, started at the first text and ended by `close`: pypinyin's tables (55 MB,
    more than the text of 10,000 articles) never sit in the build's own memory, which the build needs for the
    model and the pages. A forked worker (digest/parallel.py) starts a reader of its own."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._owner = 0  # the process that started the reader: only it may use the pipes

    def __call__(self, text: str) -> str:
        return self.read([text])[0]

    def read(self, texts: list[str]) -> list[str]:
        """The slug of each text, asked in batches (a pipe holds only so much before the other side reads)."""
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        slugs: list[str] = []
        for start in range(0, len(texts), _BATCH):
            batch = texts[start:start + _BATCH]
            process.stdin.write("".join(json.dumps(text) + "\n" for text in batch))
            process.stdin.flush()
            for _ in batch:
                answer = process.stdout.readline()
                if not answer:
                    raise RuntimeError("the pinyin reader stopped")
                slugs.append(json.loads(answer))
        return slugs

    def _started(self) -> subprocess.Popen:
        """The child process, started if this process has none."""
        if self._process is None or self._owner != os.getpid():
            # This very package, wherever the build was started from.
            root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            path = os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH"))))
            # -P: not the current folder first, so that no other `digest` package is found before this one.
            self._process = subprocess.Popen([sys.executable, "-P", "-m", "digest.slugs"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                             env={**os.environ, "PYTHONPATH": path, "PYTHONIOENCODING": "utf-8"})
            self._owner = os.getpid()
        return self._process

    def close(self) -> None:
        """End the child process (a later text starts a new one)."""
        process, self._process = self._process, None
        if process is not None and self._owner == os.getpid():
            assert process.stdin is not None and process.stdout is not None
            process.stdin.close()  # the reader ends at the end of its input
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # a forked worker still holds the pipe open
                process.kill()
                process.wait()
            process.stdout.close()


class Slugs:
    """`to_slug` through the store's `memo` first (most builds make no new slug), else through a `PinyinReader`;
    every new slug is kept in the memo."""

    def __init__(self, memo: MutableMapping[str, str] | None = None):
        self.memo: MutableMapping[str, str] = {} if memo is None else memo
        self.reader = PinyinReader()

    def __call__(self, text: str) -> str:
        slug = self.memo.get(text)
        if slug is None:
            slug = self.memo[text] = self.reader(text)
        return slug

    def make(self, texts: Iterable[str]) -> None:
        """Make the slugs of `texts` not in the memo yet, in one go (kept in the memo)."""
        new = sorted({text for text in texts if self.memo.get(text) is None})
        if new:
            for text, slug in zip(new, self.reader.read(new), strict=True):
                self.memo[text] = slug

    def __enter__(self) -> Slugs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.reader.close()

    def __getstate__(self) -> dict:
        # A worker process gets the slugs known so far and reads others itself (a reader is not sent).
        return {"memo": dict(self.memo)}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["memo"])  # type: ignore[misc]


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _serve_slugs() -> None:
    """The reader's side: a slug for each text read from standard input, until it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle; its end closes our input
    for line in sys.stdin:
        print(json.dumps(to_slug(json.loads(line))), flush=True)


if __name__ == "__main__":
    _serve_slugs()
