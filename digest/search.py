"""Search stage: a Pagefind index in which every article is found by every word it contains, Chinese included.

Pagefind's extended binary segments Chinese with a dictionary when it indexes, the browser segments the query
differently (Intl.Segmenter), and a query word must be the prefix of an indexed word: on the real seed, names such
as 王新亭 were not found at all. So each article becomes one custom record whose text has every Han character as
a word of its own; site/search.js searches each Chinese term as an exact phrase of characters, each Latin or digit
run as a word prefix, and checks every result against the article's text before showing it (README, Search).

Details both sides rely on (tests/unit/test_search.py keeps them in step with site/search.js):
- the record text is the article's fields (title, kicker, subtitle, names, section and tags, captions, body),
  separated by FIELD; inside a field every token (a Han character, a run of other letters and digits, a run of
  punctuation) is followed by one space, and every run of the article's own whitespace is the token SPACE; so
  deleting the spaces (and the zero-width spaces Pagefind adds) and turning SPACE back into " " gives the text.
- punctuation, SPACE and FIELD take a word position without being a word, so a phrase never runs across them.
- filters (reporter, topic, year, month) are words of a last field, FILTER_PREFIX and letters only (filter_word), that
  the page adds to the query: Pagefind's own filter files list their values in a different order on every run,
  and a build must give the same bytes every time.
- the title is in that last field a second time, each word as a filter word of kind "t" (title_words): Pagefind
  cannot search one field, so "most relevant" finds the articles whose title holds a term by those words.
- the dateline is also in the record's meta: the body holds it glued to the text (as the page's text does), and
  the excerpt shows it apart.
- articles are split into shards of about SHARD_SIZE, oldest first by day, one Pagefind bundle each, listed newest
  first in `pagefind/shards.json`: a common word costs one small shard before the first results show.
- the route table (digest/search_routes.py, linked from the manifest) says which shards can hold a query, so the
  page starts only those, and none for a word that is nowhere.
"""
from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import html
import json
import os
import queue
import re
import subprocess
import threading
import unicodedata
from collections.abc import Iterable, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from digest.config import SiteConfig
from digest.errors import DigestError
from digest.han import han_class
from digest.model import Site, Story
from digest.output import Output
from digest.search_routes import RouteJob, RouteTable, ShardPostings, article_keys, shard_postings, version
from digest.urls import Urls

PAGEFIND_VERSION = "1.5.2"  # the service protocol below is this version's; pyproject pins the same
# The records' language: "und" (undetermined), not zh-cn. Pagefind segments the text of zh, ja and th records with a
# dictionary as it indexes; ours are cut into words already (split_text), so that was pure cost: half of Pagefind's
# indexing time at 10,000 articles (bench/search_bench.py), for the same words. The page's language stays zh-CN, and
# Pagefind, finding no zh-cn index, reads the bundle's only one.
LANGUAGE = "und"
SHARD_SIZE = 500  # articles per shard: measured in bench/search_bench.py (README, Search)
BUNDLE = "pagefind/"  # site path of the shards and their manifest
WASM = "wasm.unknown.pagefind"  # Pagefind's WebAssembly in each bundle (languages without a stemmer, und among them)
MANIFEST = BUNDLE + "shards.json"
ENTRY = "pagefind-entry.json"  # each bundle's list of its languages, which Pagefind reads first
FIELD = "\x1e"  # between fields: no phrase or term runs across it
SPACE = "\u2063"  # the article's own whitespace (INVISIBLE SEPARATOR: kept by Pagefind, never a word)
UNDATED = "0000-00-00"  # sort value of undated articles: last when newest come first
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what a Pagefind 1.x fragment starts with, once gunzipped
FILTER_PREFIX = "qq"  # filter words: letters only, so Pagefind's segmenter keeps each one whole
# Pagefind files the site does not use (its own UIs; the worker, as search.js runs without one): left out.
_UNUSED = re.compile(r"pagefind-(?:component-ui|modular-ui|ui|highlight|worker)\.(?:js|css)$")
_BLOCK = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|pre|table|tr|td|th|div|figure|figcaption)\b[^>]*>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")


HAN = han_class()
_TOKEN = re.compile(rf"[{HAN}]|[^\W_{HAN}]+|\s+|[^\w\s]+|_+")
_RESERVED = re.compile(f"[{FIELD}{SPACE}\u200b]")
_WORD = re.compile(rf"[{HAN}]|[^\W_{HAN}]+")  # the tokens that are words (not punctuation or whitespace)


def as_indexed(text: str) -> str:
    """Text as the index and the check see it, before it is cut: NFC, without the characters the record reserves
    (and the zero-width spaces Pagefind adds)."""
    return _RESERVED.sub("", unicodedata.normalize("NFC", text))


def split_text(text: str) -> str:
    """Text as the index sees it: one word per Han character or Latin/digit run, each followed by a space."""
    text = as_indexed(text)
    return "".join((SPACE if token.isspace() else token) + " " for token in _TOKEN.findall(text))


def join_text(indexed: str) -> str:
    """Inverse of split_text (and what site/search.js does): drop the inserted spaces, restore whitespace."""
    return re.sub("[ \u200b]", "", indexed).replace(SPACE, " ")


def body_text(body_html: str) -> str:
    """Plain text of an article body: one line per block (paragraph, heading, list item), tags removed."""
    text = _BLOCK.sub("\n", body_html)
    return html.unescape(_TAG.sub("", text)).strip()


def byline(story: Story) -> str:
    """The credits for the results, role=names: `记者=孙庆辉、王五|通讯员=刘子静|+摄=张三` (+: role after)."""
    parts = []
    for credit in story.bylines:
        names = "、".join(person.name for person in credit.people)
        parts.append(f"{'+' if credit.role_after else ''}{credit.role}={names}")
    return "|".join(parts)


def fields(story: Story) -> list[str]:
    """What is searchable, in record order: title, kicker, subtitle, names, section and tags, captions, body."""
    article = story.article
    names = " ".join(person.name for person in story.people)
    labels = " ".join(([story.section.name] if story.section else []) + [tag.name for tag in story.tags])
    return [article.title, article.kicker or "", article.subtitle or "", names, labels,
            "\n".join(article.captions), body_text(str(story.body_html))]


def filter_word(kind: str, value: str) -> str:
    """A filter as one index word: `qq` + kind (r, k, y, m) + each code point in four base-26 letters."""
    letters = []
    for char in value:
        number = ord(char)
        letters.append("".join(chr(97 + number // 26**k % 26) for k in (3, 2, 1, 0)))
    return FILTER_PREFIX + kind + "".join(letters)


def fold(text: str) -> str:
    """Lower case without diacritics: what site/search.js's fold does to a query."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.category(char).startswith("M")).lower()


def title_words(title: str) -> str:
    """The title as filter words of kind "t", one per Han character or Latin/digit run, folded; punctuation and
    whitespace kept between them (they take a position), so a title phrase never runs across them."""
    words = []
    for token in _TOKEN.findall(unicodedata.normalize("NFC", _RESERVED.sub("", title))):
        if token.isspace():
            words.append(SPACE)
        elif _WORD.fullmatch(token):
            words.append(filter_word("t", fold(token)))
        else:
            words.append(token)
    return " ".join(words)


def filter_words(story: Story) -> list[str]:
    """The filter words of one article: each credited person, each topic, its year and its month."""
    words = [filter_word("r", person.name) for person in story.people]
    words += [filter_word("k", topic.name) for topic in story.topics]
    day = story.article.day
    if day:
        words += [filter_word("y", f"{day:%Y}"), filter_word("m", f"{day:%Y-%m}")]
    return words


@dataclass(frozen=True)
class Record:
    """One article as a Pagefind custom record."""

    url: str
    content: str
    meta: dict[str, str]
    sort: dict[str, str]

    def request(self, index_id: int) -> dict:
        """The service's AddRecord payload."""
        return {"type": "AddRecord", "index_id": index_id, "url": self.url, "content": self.content,
                "language": LANGUAGE, "meta": self.meta, "filters": None, "sort": self.sort}


def record(story: Story, urls: Urls) -> Record:
    """The custom record of one article; its URL comes from url_for, so it carries the base path."""
    day = story.article.day
    # Pagefind indexes meta values as words too: a date that starts with "_" is one word no query can reach.
    meta = {"byline": byline(story), "date": f"_{day:%Y%m%d}" if day else "",
            "dateline": join_text(split_text(story.article.dateline or ""))}  # as the body's text has it
    last = " ".join([*filter_words(story), title_words(story.article.title)])
    content = f" {FIELD} ".join([*(split_text(field) for field in fields(story)), last])
    return Record(urls.url_for(story.path), content, meta, {"date": day.isoformat() if day else UNDATED})


def made_records(stories: Sequence[Story], urls: Urls, kept: dict[bytes, Record] | None = None) -> dict[str, Record]:
    """Each story's record by its path. `kept` (serve's session) holds the records of the last build by what they
    are made from, and is left holding this build's: making all 10,000 took 7 s of every rebuild after an edit."""
    if kept is None:
        return {story.path: record(story, urls) for story in stories}
    made, current = {}, {}
    for story in stories:
        key = _record_key(story, urls)
        made[story.path] = current[key] = kept.get(key) or record(story, urls)
    kept.clear()
    kept.update(current)
    return made


def _record_key(story: Story, urls: Urls) -> bytes:
    """What a story's record is made from, hashed (cheaply: its HTML as it is, not its text)."""
    article = story.article
    parts = [urls.url_for(story.path), article.title, article.kicker or "", article.subtitle or "",
             article.dateline or "", str(article.day), "\n".join(article.captions), str(story.body_html),
             story.section.name if story.section else "", *(tag.name for tag in story.tags),
             byline(story), "\0", *(person.name for person in story.people),
             "\0", *(topic.name for topic in story.topics)]  # every input of record(): topics are filter words
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).digest()


@dataclass(frozen=True)
class Shard:
    """A run of consecutive days (or the undated articles) indexed as one Pagefind bundle."""

    name: str
    first: str
    last: str
    stories: tuple[Story, ...]

    def manifest(self, urls: Urls, files: dict[str, bytes]) -> dict[str, object]:
        """The shard's entry in shards.json, with the tag of its bundle's entry file (see entry_tag)."""
        return {"name": self.name, "bundle": urls.url_for(f"{BUNDLE}{self.name}/"), "first": self.first,
                "last": self.last, "count": len(self.stories), "tag": entry_tag(files[f"{self.name}/{ENTRY}"])}


def shards(stories: Iterable[Story], size: int | None = None) -> list[Shard]:
    """Dated stories oldest first, cut between days once a shard holds `size`; undated ones last; newest first.

    Cutting from the oldest end keeps old shards byte-identical as new issues arrive (only the newest changes).
    `size` defaults to SHARD_SIZE, read when called (the browser tests make small shards of a small site).
    """
    size = size or SHARD_SIZE
    dated = sorted((s for s in stories if s.article.day), key=lambda s: (s.article.day, s.path))
    undated = tuple(sorted((s for s in stories if not s.article.day), key=lambda s: s.path))
    result: list[Shard] = []
    run: list[Story] = []
    for i, story in enumerate(dated):
        run.append(story)
        last_of_day = i + 1 == len(dated) or dated[i + 1].article.day != story.article.day
        if last_of_day and (len(run) >= size or i + 1 == len(dated)):
            first, last = run[0].article.day, story.article.day
            result.append(Shard(f"{first:%Y%m%d}", first.isoformat(), last.isoformat(), tuple(run)))
            run = []
    result.reverse()
    if undated:
        result.append(Shard("undated", UNDATED, UNDATED, undated))
    return result


class PagefindService:
    """The Pagefind binary in `--service` mode, with requests pipelined.

    The official Python wrapper reads one response per 100 ms (10 records a second); this speaks the same
    protocol (base64 JSON messages ended by a comma, both ways) with a reader thread, so thousands of records
    are in flight at once.
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise DigestError("the Pagefind binary is missing: pip install 'pagefind[extended]==1.5.2'")
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._responses: queue.Queue[dict | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._next_id = 0

    def _read(self) -> None:
        """Collect responses until the binary closes its output.

        A message's pieces are joined once, when its comma comes: GetFiles answers with one message of tens of
        megabytes, and joining the pieces so far at every read copied gigabytes."""
        pieces: list[bytes] = []
        assert self._process.stdout is not None
        try:
            while chunk := self._process.stdout.read1(1 << 20):
                start = 0
                while (end := chunk.find(b",", start)) >= 0:
                    pieces.append(chunk[start:end])
                    self._responses.put(json.loads(base64.b64decode(b"".join(pieces), validate=True)))
                    pieces, start = [], end + 1
                if start < len(chunk):
                    pieces.append(chunk[start:])
        except ValueError:  # not the protocol (binascii.Error and JSONDecodeError are ValueErrors): stop reading
            pass
        finally:
            self._responses.put(None)  # send() then says that Pagefind stopped, rather than waiting for ever

    def send(self, payloads: Sequence[dict]) -> list[dict]:
        """Send every payload, then wait for all the answers; an error answer becomes a DigestError."""
        assert self._process.stdin is not None
        try:
            for payload in payloads:
                self._next_id += 1
                message = {"message_id": self._next_id, "payload": payload}
                self._process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise DigestError("Pagefind stopped while indexing") from None
        answers = []
        for _ in payloads:
            response = self._responses.get()
            if response is None:
                raise DigestError("Pagefind stopped while indexing")
            answer = response.get("payload", {})
            if answer.get("type") == "Error":
                raise DigestError(f"Pagefind: {answer.get('message', 'unknown error')}")
            answers.append(answer)
        return answers

    def close(self) -> None:
        """Stop the binary and the reader."""
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()
        self._reader.join(timeout=10)

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _bundle_key(name: str, records: Sequence[Record]) -> str:
    """What a bundle is made from, hashed."""
    digest = hashlib.sha256(f"{PAGEFIND_VERSION}\0{name}".encode())
    for rec in records:
        digest.update(json.dumps(rec.request(0), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def build_bundles(groups: Sequence[tuple[str, Sequence[Record]]], workers: int | None = None,
                  stale: bool = False, memo: MutableMapping | None = None,
                  last: dict[str, tuple[str, dict[str, bytes]]] | None = None,
                  keys: dict[str, str] | None = None) -> tuple[dict[str, bytes], bool]:
    """One Pagefind bundle per (name, records), as ({`name/file`: bytes}, fresh); one service per core.

    `last` holds the bundle each shard had in this process's last build (serve's session), and is updated.
    With `stale`, a shard whose records changed keeps that bundle and `fresh` is False (serve shows an edit
    first and brings the index up to date after); a shard never built before is always built. `keys`: each
    group's _bundle_key, when the caller has them. `memo` (the
    build's store) keeps bundles by what they are made from between processes: a build re-indexes only the
    shards whose articles changed.
    """
    last = {} if last is None else last
    keys = keys or {name: _bundle_key(name, records) for name, records in groups}
    kept = {name: last[name] for name in keys if name in last and (stale or last[name][0] == keys[name])}
    if memo is not None:
        for name, key in keys.items():
            files = memo.get(bytes.fromhex(key)) if name not in kept or kept[name][0] != key else None
            if files is not None:
                kept[name] = (key, files)
    missing = [group for group in groups if group[0] not in kept]
    built = bundles(missing, workers) if missing else {}
    current = {name: kept.get(name) or (keys[name], built[name]) for name in keys}
    if memo is not None:
        for key, files in current.values():
            if memo.get(bytes.fromhex(key)) is None:  # a get marks it used: the cache keeps what this build used
                memo[bytes.fromhex(key)] = files
    last.clear()
    last.update(current)
    fresh = all(key == keys[name] for name, (key, _) in current.items())
    return {f"{name}/{path}": data for name, (_, files) in current.items() for path, data in files.items()}, fresh


def bundles(groups: Sequence[tuple[str, Sequence[Record]]], workers: int | None = None) -> dict[str, dict[str, bytes]]:
    """{name: {file: bytes}}: each (name, records) indexed by Pagefind, on up to `workers` services."""
    workers = max(1, min(len(groups), workers or os.cpu_count() or 1))
    built: dict[str, dict[str, bytes]] = {}
    with ThreadPoolExecutor(workers) as pool:
        for batch in pool.map(_build_batch, [groups[i::workers] for i in range(workers)]):
            built.update(batch)
    return built


def _build_batch(groups: Sequence[tuple[str, Sequence[Record]]]) -> dict[str, dict[str, bytes]]:
    """Index each (name, records) through one service; {name: {file: bytes}} from the service's answer.

    GetFiles rather than WriteFiles: the service answers WriteFiles before every file is on disk.
    """
    with PagefindService() as service:
        ids = [answer["index_id"] for answer in service.send([{"type": "NewIndex", "config": None}] * len(groups))]
        service.send([rec.request(index) for index, (_, records) in zip(ids, groups, strict=True) for rec in records])
        answers = service.send([{"type": "GetFiles", "index_id": index} for index in ids])
    bundles = {}
    for (name, _), answer in zip(groups, answers, strict=True):
        files = {file["path"].lstrip("/"): file["content"] for file in answer["files"]}
        bundles[name] = {path: base64.b64decode(data) for path, data in sorted(files.items())
                         if not _UNUSED.search(path)}
    return bundles


def index_site(site: Site, cfg: SiteConfig, size: int | None = None,
               last: dict[str, tuple[str, dict[str, bytes]]] | None = None) -> list[Output]:
    """The search index of every article as outputs (`pagefind/<shard>/…` and `pagefind/shards.json`).

    They go to write_site with the pages, so the index lands in the temporary tree and is swapped into
    dist/ with them: a failed index leaves the previous site whole.
    """
    return index_outputs(site, cfg, size, last=last)[0]


def index_outputs(site: Site, cfg: SiteConfig, size: int | None = None, stale: bool = False,
                  memo: MutableMapping | None = None,
                  last: dict[str, tuple[str, dict[str, bytes]]] | None = None,
                  records: dict[bytes, Record] | None = None,
                  routes: RouteTable | None = None) -> tuple[list[Output], bool]:
    """index_site's outputs and whether they are fresh; with `stale`, changed shards keep their last bundle;
    `memo` and `last`: see build_bundles; `records`: see made_records; `routes`: see route_table."""
    urls = Urls(cfg.base_url, cfg.site_url)
    parts = shards(site.stories, size)
    made = made_records(site.stories, urls, records)
    groups = [(part.name, [made[story.path] for story in part.stories]) for part in parts]
    keys = {name: _bundle_key(name, records) for name, records in groups}
    last = {} if last is None else last
    store = {} if memo is None else memo
    # The route table lists the articles by place, so it must be made from the stories the bundles served hold.
    # A fresh index serves the bundles of `keys`: its table is made while Pagefind indexes (the Python process
    # would only wait). A stale one (serve) may keep a shard's last bundle, whose articles are not the stories'
    # (one added or gone moves every place after it): it has no table until it is fresh, and the page searches
    # the shards with Pagefind alone meanwhile.
    job = RouteJob(_route_shards(parts, keys), store, routes) if parts and not stale else None
    with ThreadPoolExecutor(1) as pool:
        ahead = pool.submit(job.run) if job else None
        files, fresh = build_bundles(groups, stale=stale, memo=memo, last=last, keys=keys)
        if ahead:
            ahead.result()  # its error, if any, is raised here
    if parts and job is None and fresh:
        job = RouteJob(_route_shards(parts, keys), store, routes)
    manifest: dict[str, object] = {"pagefind": PAGEFIND_VERSION, "language": LANGUAGE}
    route_outputs: list[Output] = []
    if job:
        buckets, tables = job.run()  # made already when it ran ahead
        job.store(store)
        pages = {part.name: _fragment_pages(part, urls, files, store, keys[part.name]) for part in parts}
        folder = f"{BUNDLE}routes/{version(tables, pages)}/"
        manifest["routes"] = {"folder": urls.url_for(folder), "buckets": buckets}
        route_outputs = [Output(f"{folder}{index}.json", tables[index]) for index in sorted(tables)]
        route_outputs += [Output(f"{folder}pages-{name}.json", pages[name]) for name in sorted(pages)]
    manifest["shards"] = [p.manifest(urls, files) for p in parts]
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode() + b"\n"
    return [*(Output(BUNDLE + path, files[path]) for path in sorted(files)), *route_outputs,
            Output(MANIFEST, data)], fresh


def _fragment_pages(shard: Shard, urls: Urls, files: dict[str, bytes], memo: MutableMapping, key: str) -> bytes:
    """fragment_pages, kept in the build's store by the bundle's key (which hashes its records, URLs and order):
    reading every fragment again took half a second of every build at 10,000 articles."""
    name = bytes.fromhex(key) + b"/fragment-pages"
    found = memo.get(name)
    if found is None:
        memo[name] = found = fragment_pages(shard, urls, files)
    return found


def _route_shards(parts: Sequence[Shard], keys: dict[str, str]) -> list[tuple[bytes, functools.partial]]:
    """Each shard as route_table wants it: (its bundle's key, a function that cuts its route keys)."""
    return [(bytes.fromhex(keys[part.name]), functools.partial(shard_keys, part)) for part in parts]


def story_keys(story: Story) -> tuple[set[str], set[str]]:
    """The route keys of one article (digest/search_routes.py): what a query must have to be found in it.

    Each field as the index has it (as_indexed), so the keys are those of the text the results are checked
    against (a zero-width space inside 王新 must not part its pair)."""
    day = story.article.day
    return article_keys((as_indexed(field) for field in fields(story)), (person.name for person in story.people),
                        fold, (topic.name for topic in story.topics), day.isoformat() if day else None)


def shard_keys(shard: Shard) -> ShardPostings:
    """The route table's part for one shard: its articles' keys, newest first (their place in the archive)."""
    return shard_postings([story_keys(story) for story in reversed(shard.stories)])


def fragment_pages(shard: Shard, urls: Urls, files: dict[str, bytes]) -> bytes:
    """The shard's Pagefind fragments in the order of the route table (newest first), as a JSON list of their
    names (null for an article the bundle served does not have: serve may serve the last one for a while).

    The page reads a fragment itself for the first results, without starting Pagefind."""
    prefix = f"{shard.name}/fragment/"
    names = {}
    for path, data in files.items():
        if path.startswith(prefix):
            record = json.loads(gzip.decompress(data).removeprefix(FRAGMENT_SIGNATURE))
            names[record["url"]] = path[len(prefix):].removesuffix(".pf_fragment")
    order = [names.get(urls.url_for(story.path)) for story in reversed(shard.stories)]
    return json.dumps(order, separators=(",", ":")).encode()


def entry_tag(entry: bytes) -> str:
    """A bundle's `metaCacheTag`: a hash of its entry file, which names its metadata, so it changes with the index.

    Pagefind fetches `pagefind-entry.json?ts=<tag>`; without a tag it appends the time, so a browser could never
    keep the entry file, however long the index stays the same."""
    return hashlib.blake2b(entry, digest_size=6).hexdigest()


def suggestions(site: Site, urls: Urls) -> dict[str, list[list[str]]]:
    """Sections, topics, tags and reporters as [name, URL]: what the search page offers when nothing is found."""
    kinds = {"section": site.sections, "topic": site.topics, "tag": site.tags, "reporter": site.people}
    return {kind: [[group.name, urls.url_for(group.path)] for group in groups] for kind, groups in kinds.items()}


def search_script(assets: Path) -> tuple[str, bytes]:
    """The search page's script: its fingerprinted site path and bytes (site/search.js)."""
    data = (assets / "search.js").read_bytes()
    return f"assets/search.{hashlib.sha256(data).hexdigest()[:10]}.js", data


