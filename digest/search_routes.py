"""Which articles can hold a query: a table the search page reads before it starts Pagefind, and often instead.

Every shard is its own Pagefind bundle (digest/search.py), and starting one costs its script, its WebAssembly, its
entry file, its metadata and an index chunk before the first result. The table lists, for every key a query can
be cut into, the articles that have it, by their place in the archive (newest first, shard after shard as
`shards.json` lists them):

- each Han character and each pair of adjacent Han characters of the searchable fields (a Chinese term of two or
  more characters has all its pairs in an article that holds it; a term of one character, that character);
- `~` and the first one or two letters of each Latin or digit word, folded (a Latin term matches a word's start);
- `@` and each credited name (the reporter filter), `#` and each topic (the topic filter), `%` and the year and
  the month (the date filter).

An article holds a query only if it has every key of it. So the page knows, before any Pagefind file, which
articles can hold the query (a superset: 王新 and 新亭 apart are not 王新亭), and newest first; it shows the first
page of them from their Pagefind fragments, each checked against its text, and starts Pagefind only for the exact
count and the rest, in the shards that hold a candidate. When no article has every key, it says "nothing found".

The table is cut into buckets by a hash of the key (`bucket`, the same arithmetic as site/search.js), written as
JSON under a folder named by their hash, with each shard's list of fragments: a query fetches one file per key.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass

from digest.han import HAN_CLASS

KEYS_PER_BUCKET = 1024  # about 15 KB of gzipped JSON a bucket at 10,000 articles; a four-character term fetches 3
LATIN = "~"  # before the first letters of a Latin or digit word
CREDIT = "@"  # before a credited name
TOPIC = "#"  # before a topic
DATE = "%"  # before a year (2021) or a month (2021-01)
_NOT_HAN = re.compile(f"[^{HAN_CLASS}]")
_LATIN_WORD = re.compile(rf"[^\W_{HAN_CLASS}]+")  # as digest/search.py cuts words (its _TOKEN)
_GAP = "\0"  # stands for every character that is not Han, so no pair runs across it


def text_keys(text: str, fold: Callable[[str], str]) -> set[str]:
    """The keys of one searchable field: Han characters and pairs, and `~` with a Latin word's first letters."""
    keys, chars = _cut(text, fold)
    return keys | chars


def _cut(text: str, fold: Callable[[str], str]) -> tuple[set[str], set[str]]:
    """(the Han pairs and the Latin keys of a text, its Han characters)."""
    han = _NOT_HAN.sub(_GAP, text)
    keys = {pair for pair in set(map(operator.add, han, han[1:])) if _GAP not in pair}
    chars = set(han)
    chars.discard(_GAP)
    for word in set(_LATIN_WORD.findall(text)):
        folded = fold(word)
        keys.update((LATIN + folded[:1], LATIN + folded[:2]))
    return keys, chars


def article_keys(texts: Iterable[str], names: Iterable[str], fold: Callable[[str], str],
                 topics: Iterable[str] = (), day: str | None = None) -> tuple[set[str], set[str]]:
    """The keys of one article: (those the table lists by article, its Han characters, listed by shard).

    The first are its fields' pairs and Latin keys (cut apart, so no pair runs across two fields), `@` with each
    credited name, `#` with each topic, and `%` with its year and month (`day` as YYYY-MM-DD). A character alone
    is listed by shard: a third of the table's size and time, for queries of one character (which match
    thousands of articles, and find their first results in the newest shard)."""
    keys, chars = _cut(_GAP.join(texts), fold)
    keys.update(CREDIT + name for name in names)
    keys.update(TOPIC + topic for topic in topics)
    if day:
        keys.update((DATE + day[:4], DATE + day[:7]))
    return keys, chars


@dataclass(frozen=True)
class ShardPostings:
    """One shard's part of the table: how many articles it has, each key's articles by place in the shard, and
    the characters its articles have."""

    count: int
    keys: dict[str, list[int]]
    chars: frozenset[str]


def shard_postings(articles: Sequence[tuple[set[str], set[str]]]) -> ShardPostings:
    """The postings of a shard whose articles (newest first) have these keys (article_keys)."""
    keys: defaultdict[str, list[int]] = defaultdict(list)
    chars: set[str] = set()
    for place, (listed, characters) in enumerate(articles):
        chars |= characters
        for key in listed:
            keys[key].append(place)
    return ShardPostings(len(articles), dict(keys), frozenset(chars))


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


def route_files(shards: Sequence[Sequence[set[str]]]) -> tuple[int, dict[int, bytes]]:
    """(buckets, {bucket: JSON bytes}) of shards given as their articles' keys (text_keys and the like), newest
    first: each key with the places of the articles that have it (the first place and then the steps between
    them), each character with the shards that have it (bit i for shard i, in hex)."""
    split = [[({k for k in keys if len(k) > 1}, {k for k in keys if len(k) == 1}) for keys in articles]
             for articles in shards]
    return RouteTable().whole([b""] * len(shards), [shard_postings(articles) for articles in split])


class RouteTable:
    """The table and what it is made of, kept by serve between builds: when one shard changes and keeps its number
    of articles, only its keys' buckets are made again (the whole table takes seconds at 10,000 articles; an
    edit, a fraction of one). The result is the same as making the table whole (tests/unit)."""

    def __init__(self) -> None:
        self.made: list[bytes] = []  # what each shard is made from, hashed
        self.shards: list[ShardPostings] = []
        self.starts: list[int] = []  # the place in the archive of each shard's first article
        self.steps: dict[str, list[int]] = {}  # key → its places in the archive: the first, then the steps between
        self.masks: dict[str, int] = {}  # character → the shards that have it, as bits
        self.members: dict[int, set[str]] = {}  # bucket → its keys
        self.buckets = 0
        self.files: dict[int, bytes] = {}

    def update(self, made: list[bytes], shards: list[ShardPostings]) -> tuple[int, dict[int, bytes]]:
        """The table of these shards, made again only where they differ from the last ones."""
        if [s.count for s in shards] != [s.count for s in self.shards] or not self.buckets:
            return self.whole(made, shards)  # a shard's articles added or gone move every place after them
        touched: set[int] = set()
        for index, (now, before) in enumerate(zip(made, self.made, strict=True)):
            if now != before:
                previous, self.shards[index] = self.shards[index], shards[index]
                touched |= self._shard_changed(index, previous, shards[index])
        self.made = list(made)
        if bucket_count(len(self.steps) + len(self.masks)) != self.buckets:
            return self.whole(made, shards)
        for index in touched:
            self.files[index] = self._file(index)
        return self.buckets, dict(self.files)

    def whole(self, made: list[bytes], shards: list[ShardPostings]) -> tuple[int, dict[int, bytes]]:
        """The table of these shards, made from nothing."""
        self.made, self.shards = list(made), list(shards)
        self.starts, start = [], 0
        for shard in shards:
            self.starts.append(start)
            start += shard.count
        self.steps = _archive_places(shards, self.starts)
        for key, places in self.steps.items():  # in place, so each key's places are freed as its steps are made
            self.steps[key] = _steps(places)
        masks: dict[str, int] = defaultdict(int)
        for index, shard in enumerate(shards):
            for char in shard.chars:
                masks[char] |= 1 << index
        self.masks = dict(masks)
        self.buckets = bucket_count(len(self.steps) + len(self.masks))
        self.members = {index: set() for index in range(self.buckets)}
        for key in [*self.steps, *self.masks]:
            self.members[bucket(key, self.buckets)].add(key)
        self.files = {index: self._file(index) for index in range(self.buckets)}
        return self.buckets, dict(self.files)

    def _shard_changed(self, index: int, before: ShardPostings, now: ShardPostings) -> set[int]:
        """Make again the places of the keys shard `index` gained, lost or moved; the buckets that changed."""
        touched = set()
        for key in before.keys.keys() | now.keys.keys():
            if before.keys.get(key) == now.keys.get(key):
                continue
            place = bucket(key, self.buckets)
            touched.add(place)
            places = [start + p for shard, start in zip(self.shards, self.starts, strict=True)
                      for p in shard.keys.get(key, ())]
            if places:
                self.steps[key] = _steps(places)
                self.members[place].add(key)
            else:
                del self.steps[key]
                self.members[place].discard(key)
        bit = 1 << index
        for char in before.chars ^ now.chars:
            place = bucket(char, self.buckets)
            touched.add(place)
            mask = self.masks.get(char, 0) ^ bit
            if mask:
                self.masks[char] = mask
                self.members[place].add(char)
            else:
                del self.masks[char]
                self.members[place].discard(char)
        return touched

    def _file(self, index: int) -> bytes:
        """One bucket as JSON, its keys sorted: {key: [first place, step, step, …], character: "shards in hex"}."""
        table = {key: self.steps[key] if key in self.steps else format(self.masks[key], "x")
                 for key in sorted(self.members[index])}
        return json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode()


def _archive_places(shards: Sequence[ShardPostings], starts: Sequence[int]) -> dict[str, list[int]]:
    """Each key's places in the archive, ascending: every shard's places moved by where the shard starts.

    A shard's places are looked up in a list of the archive's rather than added to its start, so the 13 million
    places of 10,000 articles share one number object per article, rather than each being a new one."""
    places: defaultdict[str, list[int]] = defaultdict(list)
    for shard, start in zip(shards, starts, strict=True):
        in_archive = list(range(start, start + shard.count)).__getitem__
        for key, in_shard in shard.keys.items():
            places[key].extend(map(in_archive, in_shard))
    places.default_factory = None  # a key looked up later and not there is an error, not an empty list
    return places


def _steps(places: list[int]) -> list[int]:
    """Ascending places as the first and then the steps between them (small numbers, so a small file)."""
    return [places[0], *map(operator.sub, places[1:], places)]


def version(files: dict[int, bytes], pages: dict[str, bytes] | None = None) -> str:
    """A name for this table: a hash of its buckets and fragment lists, so a browser never mixes two builds'."""
    digest = hashlib.sha256()
    for index in sorted(files):
        digest.update(files[index] + b"\n")
    pages = pages or {}
    for name in sorted(pages):
        digest.update(name.encode() + b"\0" + pages[name] + b"\n")
    return digest.hexdigest()[:12]


class RouteJob:
    """The route table of a build in three steps: look up what the store keeps (when made, in the build's thread),
    make what is missing (`run`, pure: it may run in another thread while Pagefind indexes), and keep it
    (`store`, in the build's thread again, as the store is not shared between threads)."""

    def __init__(self, shards: Sequence[tuple[bytes, Callable[[], ShardPostings]]], memo: MutableMapping,
                 state: RouteTable | None) -> None:
        self.made = [made for made, _ in shards]
        self.cuts = [cut for _, cut in shards]
        self.table_key = hashlib.sha256(b"".join(self.made)).digest() + b"/route-table"
        # Every shard's postings are looked up even when the table is kept: a get marks them used, so the store
        # keeps them for the build that changes one shard.
        self.postings: list[ShardPostings | None] = [memo.get(made + b"/route-postings") for made in self.made]
        self.cut_now: list[int] = []  # the shards whose postings `run` made
        self.state = state
        self.table = memo.get(self.table_key) if state is None else None
        self.table_kept = self.table is not None

    def run(self) -> tuple[int, dict[int, bytes]]:
        """The table, made from the kept postings and those of the shards cut now."""
        if self.table is None:
            with collector_paused():
                self._make()
        return self.table  # type: ignore[return-value]

    def _make(self) -> None:
        """Cut what the store does not keep, and make the table."""
        for index, cut in enumerate(self.cuts):
            if self.postings[index] is None:
                self.postings[index] = cut()
                self.cut_now.append(index)
        self.table = (self.state or RouteTable()).update(self.made, self.postings)  # type: ignore[arg-type]

    def store(self, memo: MutableMapping) -> None:
        """Keep the postings cut and the table made (a table brought up to date from serve's state is not kept)."""
        for index in self.cut_now:
            memo[self.made[index] + b"/route-postings"] = self.postings[index]
        if not self.table_kept and self.state is None and self.table is not None:
            memo[self.table_key] = self.table


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection meanwhile: the table is millions of new lists and sets, none in a cycle, and the
    collector, sweeping them again and again, took two thirds of the time (10 s of 13 s at 10,000 articles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def route_table(shards: Sequence[tuple[bytes, Callable[[], ShardPostings]]], memo: MutableMapping | None = None,
                state: RouteTable | None = None) -> tuple[int, dict[int, bytes]]:
    """route_files of the shards, each given as (what it is made from, hashed; a function that gives its postings).

    `memo` (the build's store) keeps each shard's postings and the whole table by those hashes, so an unchanged
    site reuses the table and a new issue (one shard changed) cuts only that shard's articles again. `state`
    (serve's session) is the last table, brought up to date.
    """
    memo = {} if memo is None else memo
    job = RouteJob(shards, memo, state)
    table = job.run()
    job.store(memo)
    return table
