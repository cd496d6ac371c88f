"""Which shards can hold a query: a small table the search page reads before it starts Pagefind.

Every shard is its own Pagefind bundle (digest/search.py), and starting one costs its script, its WebAssembly and
its index: a word that is nowhere used to cost all twenty of them at 10,000 articles before the page could say
"nothing found". The table lists, for every key a query can be cut into, the shards whose articles have it:

- each Han character and each pair of adjacent Han characters of the searchable fields (a Chinese term of two or
  more characters has all its pairs in an article that holds it; a term of one character, that character);
- `~` and the first one or two letters of each Latin or digit word, folded (a Latin term matches a word's start);
- `@` and each credited name (the reporter filter), `#` and each topic (the topic filter).

An article holds a query only if its shard has every key of it, so the page searches only the shards the keys
agree on, newest first; when none do, it says "nothing found" without starting Pagefind. The table is cut into
buckets by a hash of the key (`bucket`, the same arithmetic as site/search.js), written as JSON under a folder
named by their hash: a query fetches one small file per key.
"""
from __future__ import annotations

import hashlib
import json
import operator
import re
from collections.abc import Callable, Iterable, MutableMapping, Sequence

from digest.han import HAN_CLASS

KEYS_PER_BUCKET = 1024  # about 6 KB of gzipped JSON a bucket; a four-character term fetches three of them
LATIN = "~"  # before the first letters of a Latin or digit word
CREDIT = "@"  # before a credited name
TOPIC = "#"  # before a topic
_NOT_HAN = re.compile(f"[^{HAN_CLASS}]")
_LATIN_WORD = re.compile(rf"[^\W_{HAN_CLASS}]+")  # as digest/search.py cuts words (its _TOKEN)
_GAP = "\0"  # stands for every character that is not Han, so no pair runs across it


def text_keys(text: str, fold: Callable[[str], str]) -> set[str]:
    """The keys of one searchable field: Han characters and pairs, and `~` with a Latin word's first letters."""
    han = _NOT_HAN.sub(_GAP, text)
    keys = {pair for pair in set(map(operator.add, han, han[1:])) if _GAP not in pair}
    keys.update(han)
    keys.discard(_GAP)
    for word in set(_LATIN_WORD.findall(text)):
        folded = fold(word)
        keys.update((LATIN + folded[:1], LATIN + folded[:2]))
    return keys


def shard_keys(texts: Iterable[str], names: Iterable[str], fold: Callable[[str], str],
               topics: Iterable[str] = ()) -> set[str]:
    """Every key of a shard: its fields' keys, `@` with each credited name and `#` with each topic.

    The fields are joined with a gap between them and cut once (a pass over each article cost six seconds at
    10,000 articles; one pass over the joined text, under one)."""
    return (text_keys(_GAP.join(texts), fold) | {CREDIT + name for name in names}
            | {TOPIC + topic for topic in topics})


def bucket(key: str, buckets: int) -> int:
    """The bucket of a key: h = h * 31 + code point over its code points, modulo 2**32 (as site/search.js)."""
    h = 0
    for char in key:
        h = (h * 31 + ord(char)) & 0xFFFFFFFF
    return h % buckets


def bucket_count(keys: int) -> int:
    """The power of two that gives buckets of about KEYS_PER_BUCKET keys."""
    count = 1
    while count * KEYS_PER_BUCKET < keys:
        count *= 2
    return count


def route_files(shard_keys: Sequence[set[str]]) -> tuple[int, dict[int, bytes]]:
    """(buckets, {bucket: JSON bytes}): each key with the shards that have it, bit i for shard i, in hex."""
    return RouteTable().whole([b""] * len(shard_keys), [frozenset(keys) for keys in shard_keys])


class RouteTable:
    """The table and what it is made of, kept by serve between builds: when one shard changes, only the keys it
    gained or lost and their buckets are made again (the whole table takes 4–5 s at 10,000 articles; an edit,
    a fraction of a second). The result is the same as making the table whole (tests/unit)."""

    def __init__(self) -> None:
        self.made: list[bytes] = []  # what each shard is made from, hashed
        self.keys: list[frozenset[str]] = []  # each shard's keys
        self.masks: dict[str, int] = {}  # key → its shards' bits
        self.members: dict[int, set[str]] = {}  # bucket → its keys
        self.buckets = 0
        self.files: dict[int, bytes] = {}

    def update(self, made: list[bytes], keys: list[frozenset[str]]) -> tuple[int, dict[int, bytes]]:
        """The table of these shards, made again only where they differ from the last ones."""
        if len(made) != len(self.made) or not self.buckets:
            return self.whole(made, keys)  # a shard added or gone moves every bit after it
        touched: set[int] = set()
        for index, (now, before) in enumerate(zip(made, self.made, strict=True)):
            if now != before:
                touched |= self._shard_changed(index, self.keys[index], keys[index])
        if bucket_count(len(self.masks)) != self.buckets:
            return self.whole(made, keys)
        self.made, self.keys = list(made), list(keys)
        for index in touched:
            self.files[index] = self._file(index)
        return self.buckets, dict(self.files)

    def whole(self, made: list[bytes], keys: list[frozenset[str]]) -> tuple[int, dict[int, bytes]]:
        """The table of these shards, made from nothing."""
        masks: dict[str, int] = {}
        get = masks.get
        for index, shard in enumerate(keys):
            bit = 1 << index
            for key in shard:
                masks[key] = get(key, 0) | bit
        self.made, self.keys, self.masks = list(made), list(keys), masks
        self.buckets = bucket_count(len(masks))
        self.members = {index: set() for index in range(self.buckets)}
        for key in masks:
            self.members[bucket(key, self.buckets)].add(key)
        self.files = {index: self._file(index) for index in range(self.buckets)}
        return self.buckets, dict(self.files)

    def _shard_changed(self, index: int, before: frozenset[str], now: frozenset[str]) -> set[int]:
        """Move shard `index`'s bit from the keys it lost to those it gained; the buckets touched."""
        bit, touched = 1 << index, set()
        for key in before - now:
            mask = self.masks[key] & ~bit
            place = bucket(key, self.buckets)
            if mask:
                self.masks[key] = mask
            else:
                del self.masks[key]
                self.members[place].discard(key)
            touched.add(place)
        for key in now - before:
            place = bucket(key, self.buckets)
            self.members[place].add(key)
            self.masks[key] = self.masks.get(key, 0) | bit
            touched.add(place)
        return touched

    def _file(self, index: int) -> bytes:
        """One bucket as JSON, its keys sorted: {key: shards as hex bits}."""
        table = {key: format(self.masks[key], "x") for key in sorted(self.members[index])}
        return json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode()


def version(files: dict[int, bytes]) -> str:
    """A name for this table: a hash of its buckets, so a browser never mixes two builds' tables."""
    digest = hashlib.sha256()
    for index in sorted(files):
        digest.update(files[index] + b"\n")
    return digest.hexdigest()[:12]


class RouteJob:
    """The route table of a build in three steps: look up what the store keeps (when made, in the build's thread),
    make what is missing (`run`, pure: it may run in another thread while Pagefind indexes), and keep it
    (`store`, in the build's thread again, as the store is not shared between threads)."""

    def __init__(self, shards: Sequence[tuple[bytes, Callable[[], set[str]]]], memo: MutableMapping,
                 state: RouteTable | None) -> None:
        self.made = [made for made, _ in shards]
        self.cuts = [cut for _, cut in shards]
        self.table_key = hashlib.sha256(b"".join(self.made)).digest() + b"/route-table"
        # Every shard's keys are looked up even when the table is kept: a get marks them used, so the store
        # keeps them for the build that changes one shard.
        self.keys: list[frozenset[str] | None] = [memo.get(made + b"/route-keys") for made in self.made]
        self.cut_now: list[int] = []  # the shards whose keys `run` cut
        self.state = state
        self.table = memo.get(self.table_key) if state is None else None
        self.table_kept = self.table is not None

    def run(self) -> tuple[int, dict[int, bytes]]:
        """The table, made from the kept keys and those of the shards cut now."""
        if self.table is None:
            for index, cut in enumerate(self.cuts):
                if self.keys[index] is None:
                    self.keys[index] = frozenset(cut())
                    self.cut_now.append(index)
            self.table = (self.state or RouteTable()).update(self.made, self.keys)  # type: ignore[arg-type]
        return self.table

    def store(self, memo: MutableMapping) -> None:
        """Keep the keys cut and the table made (a table brought up to date from serve's state is not kept)."""
        for index in self.cut_now:
            memo[self.made[index] + b"/route-keys"] = self.keys[index]
        if not self.table_kept and self.state is None and self.table is not None:
            memo[self.table_key] = self.table


def route_table(shards: Sequence[tuple[bytes, Callable[[], set[str]]]], memo: MutableMapping | None = None,
                state: RouteTable | None = None) -> tuple[int, dict[int, bytes]]:
    """route_files of the shards, each given as (what it is made from, hashed; a function that gives its keys).

    `memo` (the build's store) keeps each shard's keys and the whole table by those hashes: at 10,000 articles
    the keys take 4 s and the table 4 s, so an unchanged site reuses the table, and a new issue (one shard
    changed) cuts only that shard's text again. `state` (serve's session) is the last table, brought up to date.
    """
    memo = {} if memo is None else memo
    job = RouteJob(shards, memo, state)
    table = job.run()
    job.store(memo)
    return table
