"""digest/search.py: the char-split text, the records, the shards, base-path URLs and the index outputs."""
from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import queue
import re
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest import search
from digest.config import SiteConfig
from digest.content import Article
from digest.han import HAN_RANGES
from digest.model import build_site
from digest.search import (
    FIELD,
    SPACE,
    UNDATED,
    body_text,
    byline,
    filter_word,
    index_site,
    join_text,
    record,
    search_script,
    shards,
    split_text,
    suggestions,
    title_words,
)
from digest.urls import Urls

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (ROOT / "site" / "search.js").read_text(encoding="utf-8")


def _site(*articles: Article, base: str = "/"):
    cfg = SiteConfig(base_url=base, root=str(ROOT / "site"))
    return build_site(sorted(articles, key=lambda a: a.sort_key), cfg), cfg


def _article(slug: str, day: dt.date | None = dt.date(2021, 1, 15), **fields) -> Article:
    values = {"title": "标题", "body": "正文。"} | fields
    return Article(path=f"{slug}.md", slug=slug, date=day, **values)


def test_every_han_character_is_a_word() -> None:
    assert split_text("王新亭") == "王 新 亭 "
    assert split_text("5G城轨") == "5G 城 轨 "
    assert split_text("卡斯柯，郑州") == "卡 斯 柯 ， 郑 州 "
    assert split_text("PM2.5 达标") == f"PM2 . 5 {SPACE} 达 标 "
    assert split_text("hello world") == f"hello {SPACE} world "


def test_the_text_comes_back_exactly() -> None:
    for text in ("研究 院", "高新区基层党组织书记迎来“大考”", "5G 城轨\n卡斯柯", "e-mail: a_b@c.d 1,200元", "𠀀𠀁字"):
        assert join_text(split_text(text)) == re.sub(r"\s", " ", text)


def test_pagefind_zero_width_spaces_are_ignored_too() -> None:
    indexed = split_text("研究院").replace(" ", " \u200b")
    assert join_text(indexed) == "研究院"


def test_reserved_characters_never_reach_the_index() -> None:
    assert split_text(f"a{FIELD}b{SPACE}c\u200bd") == "abcd "


@given(st.text(alphabet=st.sampled_from("王新亭研究院 5Gg-,.，。\n\t“”_é𠀀")))
def test_join_inverts_split(text: str) -> None:
    assert join_text(split_text(text)) == re.sub(r"\s+", " ", text)


def test_han_ranges_are_the_scripts() -> None:
    assert f'const HAN_RANGES = "{HAN_RANGES}";' in SCRIPT
    assert f'const FIELD = "\\x{ord(FIELD):02x}";' in SCRIPT
    assert f'const SPACE = "\\u{ord(SPACE):04x}";' in SCRIPT


def test_body_text_keeps_blocks_apart() -> None:
    html = '<p><span class="dateline">本报讯</span>第一段&amp;</p>\n<h2 id="x">小标题</h2>\n<p>第二段</p>'
    assert body_text(html) == "本报讯第一段&\n\n\n小标题\n\n\n第二段"


def test_record_has_fields_meta_filters_and_sort_under_the_base_path() -> None:
    article = _article("a", title="王新亭调研", kicker="引题", authors=("孙庆辉",), correspondents=("刘子静",),
                       tags=("党建",), captions=("图片",), body="正文里有卡斯柯。", topics=("园区", "党建工作"))
    site, _ = _site(article, base="/news-digest/")
    rec = record(site.stories[0], Urls("/news-digest/"))
    assert rec.url == "/news-digest/2021/01/15/a/"
    *parts, filters = [join_text(part) for part in rec.content.split(f" {FIELD} ")]
    assert parts == ["王新亭调研", "引题", "", "孙庆辉 刘子静", "党建", "图片", "正文里有卡斯柯。"]
    words = [filter_word("r", "孙庆辉"), filter_word("r", "刘子静"), filter_word("k", "园区"),
             filter_word("k", "党建工作"), filter_word("y", "2021"), filter_word("m", "2021-01")]
    title = title_words("王新亭调研")
    assert rec.content.endswith(f" {FIELD} " + " ".join([*words, title]))
    assert filters == "".join(words) + join_text(title)
    assert rec.meta == {"byline": "记者=孙庆辉|通讯员=刘子静", "date": "_20210115", "dateline": ""}
    assert rec.sort == {"date": "2021-01-15"}
    assert rec.request(3)["language"] == "und" and rec.request(3)["index_id"] == 3


def test_undated_record_sorts_last_and_has_no_date_filters() -> None:
    site, _ = _site(_article("u", day=None))
    rec = record(site.stories[0], Urls("/"))
    assert rec.url == "/articles/u/"
    assert rec.sort == {"date": UNDATED} and rec.meta["date"] == ""
    assert rec.content.endswith(f" {FIELD} {title_words('标题')}")  # no one credited, no date: the title alone


def test_title_words_are_filter_words_of_kind_t_folded_with_punctuation_between() -> None:
    assert title_words("王新亭") == " ".join(filter_word("t", char) for char in "王新亭")
    assert title_words("5GX 试点").split(" ") == [filter_word("t", "5gx"), SPACE, filter_word("t", "试"),
                                                 filter_word("t", "点")]
    assert title_words("Café“大考”").split() == [filter_word("t", "cafe"), "“", filter_word("t", "大"),
                                                filter_word("t", "考"), "”"]
    assert filter_word("t", "5gx").startswith(filter_word("t", "5g"))  # a Latin term finds the start of a word
    assert 'filterWord("t", char)' in SCRIPT and 'filterWord("t", run)' in SCRIPT


def test_the_dateline_is_in_the_meta_as_the_body_text_holds_it() -> None:
    site, _ = _site(_article("d", dateline="新华社北京  3月8日电", body="两会开幕。"))
    rec = record(site.stories[0], Urls("/"))
    assert rec.meta["dateline"] == "新华社北京 3月8日电"
    body = join_text(rec.content.split(f" {FIELD} ")[6])
    assert body.startswith(rec.meta["dateline"]) and body == "新华社北京 3月8日电两会开幕。"


def test_suggestions_list_sections_topics_reporters_and_tags_with_their_urls() -> None:
    site, _ = _site(_article("s", section="党建", tags=("乡村振兴",), authors=("孙庆辉",), topics=("营商环境",)),
                    base="/news-digest/")
    pages = suggestions(site, Urls("/news-digest/"))
    assert pages == {"section": [["党建", "/news-digest/sections/dang-jian/"]],
                     "topic": [["营商环境", "/news-digest/topics/ying-shang-huan-jing/"]],
                     "tag": [["乡村振兴", "/news-digest/tags/xiang-cun-zhen-xing/"]],
                     "reporter": [["孙庆辉", "/news-digest/reporters/sun-qing-hui/"]]}


def test_byline_puts_photo_credit_after_the_names() -> None:
    site, _ = _site(_article("p", authors=("甲", "乙"), photographers=("丙",)))
    assert byline(site.stories[0]) == "记者=甲、乙|+摄=丙"


def test_shards_cut_between_days_oldest_first_and_list_newest_first() -> None:
    days = [dt.date(2021, 1, 1)] * 3 + [dt.date(2021, 1, 2)] * 2 + [dt.date(2021, 1, 3)]
    articles = [_article(f"a{i}", day) for i, day in enumerate(days)] + [_article("u", None)]
    site, _ = _site(*articles)
    parts = shards(site.stories, size=2)
    assert [(p.name, p.first, p.last, len(p.stories)) for p in parts] == [
        ("20210103", "2021-01-03", "2021-01-03", 1),
        ("20210102", "2021-01-02", "2021-01-02", 2),
        ("20210101", "2021-01-01", "2021-01-01", 3),  # a day is never split, even past the size
        ("undated", UNDATED, UNDATED, 1),
    ]


def test_new_days_leave_old_shards_alone() -> None:
    old = [_article(f"a{i}", dt.date(2021, 1, 1 + i)) for i in range(4)]
    site, _ = _site(*old)
    more, _ = _site(*old, _article("new", dt.date(2021, 2, 1)))
    before = {p.name: [s.path for s in p.stories] for p in shards(site.stories, size=2)}
    after = {p.name: [s.path for s in p.stories] for p in shards(more.stories, size=2)}
    assert after["20210101"] == before["20210101"]


def test_filter_words_are_letters_only_and_match_the_script() -> None:
    assert filter_word("r", "孙庆辉") == "qqrbiplbjusccjh"
    assert re.fullmatch(r"qq[a-z]+", filter_word("m", "2021-01"))
    assert "export function filterWord(kind, value)" in SCRIPT and "qq${kind}" in SCRIPT


def test_search_script_is_fingerprinted() -> None:
    path, data = search_script(ROOT / "site")
    assert re.fullmatch(r"assets/search\.[0-9a-f]{10}\.js", path) and data == SCRIPT.encode()


def test_the_service_s_answers_are_read_whole_however_they_are_cut() -> None:
    # Pagefind's answers are base64 JSON ended by a comma; the pipe gives them in pieces of any size (GetFiles is
    # one answer of tens of megabytes), several in one piece or one across many.
    answers = [{"payload": {"type": "IndexedFile", "n": n}} for n in range(3)] + [{"payload": {"big": "字" * 5000}}]
    stream = b"".join(base64.b64encode(json.dumps(a).encode()) + b"," for a in answers)
    pieces = [stream[:7], stream[7:90], stream[90:91], stream[91:]]
    pieces[-1:] = [pieces[-1][i:i + 1000] for i in range(0, len(pieces[-1]), 1000)]
    service = object.__new__(search.PagefindService)
    stdout = types.SimpleNamespace(read1=lambda _: pieces.pop(0) if pieces else b"")
    service._process = types.SimpleNamespace(stdout=stdout)
    service._responses = queue.Queue()
    service._read()
    assert [service._responses.get_nowait() for _ in range(5)] == [*answers, None]
    # An answer that is not the protocol ends the reading: send() then says Pagefind stopped, rather than waiting.
    third = [i for i, byte in enumerate(stream) if byte == ord(",")][2] + 1  # after the third answer
    pieces[:] = [stream[:third], b"not base64!,", stream[third:]]
    service._read()
    assert [service._responses.get_nowait() for _ in range(4)] == [*answers[:3], None]
    assert service._responses.empty()


@pytest.fixture(scope="module")
def indexed() -> tuple[list, SiteConfig]:
    articles = [_article("a", title="王新亭", authors=("孙庆辉",)), _article("b", dt.date(2020, 5, 1)),
                _article("c", None)]
    site, cfg = _site(*articles, base="/news-digest/")
    return index_site(site, cfg), cfg


def test_index_outputs_are_bundles_and_a_manifest(indexed) -> None:
    outputs, _ = indexed
    paths = [o.path for o in outputs]
    assert all(path.startswith("pagefind/") for path in paths)
    manifest = json.loads(next(o.data for o in outputs if o.path == "pagefind/shards.json"))
    assert manifest["pagefind"] == "1.5.2" and manifest["language"] == "und"
    assert [s["bundle"] for s in manifest["shards"]] == ["/news-digest/pagefind/20200501/",
                                                       "/news-digest/pagefind/undated/"]
    for shard in ("20200501", "undated"):
        assert f"pagefind/{shard}/pagefind.js" in paths and f"pagefind/{shard}/pagefind-entry.json" in paths
        assert f"pagefind/{shard}/{search.WASM}" in paths  # Pagefind loads it by this name
        assert any(p.startswith(f"pagefind/{shard}/fragment/") for p in paths)
    assert not [p for p in paths if re.search(r"pagefind-(?:component-)?(?:modular-)?ui\.", p)]
    entry = json.loads(next(o.data for o in outputs if o.path == "pagefind/undated/pagefind-entry.json"))
    assert list(entry["languages"]) == ["und"]


def test_pagefind_keeps_the_words_as_the_record_cuts_them(indexed) -> None:
    # Records are not zh-cn: Pagefind would cut their words again with its dictionary (half its indexing time) and
    # mark every word it found with a zero-width space in the stored text.
    outputs, _ = indexed
    stored = [json.loads(gzip.decompress(o.data).removeprefix(b"pagefind_dcd"))["content"] for o in outputs
              if "/fragment/" in o.path]
    assert len(stored) == 3 and not [content for content in stored if "\u200b" in content]
    assert [content for content in stored if content.startswith(split_text("王新亭") + FIELD)]


def test_each_shard_has_the_tag_of_its_entry(indexed) -> None:
    outputs, _ = indexed
    files = {o.path: o.data for o in outputs}
    manifest = json.loads(files["pagefind/shards.json"])
    for shard, name in zip(manifest["shards"], ("20200501", "undated"), strict=True):
        assert shard["tag"] == search.entry_tag(files[f"pagefind/{name}/pagefind-entry.json"])
        assert re.fullmatch(r"[0-9a-f]{12}", shard["tag"])  # a URL's query as it is


def test_index_is_the_same_bytes_every_time(indexed, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs, cfg = indexed
    articles = [_article("a", title="王新亭", authors=("孙庆辉",)), _article("b", dt.date(2020, 5, 1)),
                _article("c", None)]
    site, _ = _site(*articles, base="/news-digest/")
    again = index_site(site, cfg)
    assert [(o.path, o.data) for o in again] == [(o.path, o.data) for o in outputs]


def test_a_rebuild_indexes_only_the_shards_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    last: dict = {}  # what serve's session keeps between builds
    built: list[list[str]] = []
    real = search._build_batch
    monkeypatch.setattr(search, "_build_batch", lambda groups: built.append([g[0] for g in groups]) or real(groups))
    old = [_article("a", dt.date(2020, 5, 1)), _article("b", dt.date(2021, 1, 15))]
    site, cfg = _site(*old)
    first = index_site(site, cfg, size=1, last=last)
    site, cfg = _site(old[0], _article("b", dt.date(2021, 1, 15), body="改过的正文。"))
    second = index_site(site, cfg, size=1, last=last)
    assert sorted(name for batch in built for name in batch) == ["20200501", "20210115", "20210115"]
    unchanged = {o.path: o.data for o in first if o.path.startswith("pagefind/20200501/")}
    assert unchanged and all(o.data == unchanged[o.path] for o in second if o.path in unchanged)


def test_empty_site_has_an_empty_manifest() -> None:
    site, cfg = _site()
    outputs = index_site(site, cfg)
    assert [o.path for o in outputs] == ["pagefind/shards.json"]
    assert json.loads(outputs[0].data)["shards"] == []


def test_at_the_root_every_url_is_root_relative() -> None:
    site, cfg = _site(_article("a"), base="/")
    outputs = index_site(site, cfg)
    manifest = json.loads(next(o.data for o in outputs if o.path == "pagefind/shards.json"))
    assert [s["bundle"] for s in manifest["shards"]] == ["/pagefind/20210115/"]
    assert record(site.stories[0], Urls("/")).url == "/2021/01/15/a/"


def test_a_stale_rebuild_keeps_the_changed_shard_until_a_fresh_one(monkeypatch: pytest.MonkeyPatch) -> None:
    last: dict = {}
    built: list[str] = []
    real = search._build_batch
    monkeypatch.setattr(search, "_build_batch", lambda groups: built.extend(g[0] for g in groups) or real(groups))
    old = [_article("a", dt.date(2020, 5, 1)), _article("b", dt.date(2021, 1, 15))]
    site, cfg = _site(*old)
    first, fresh = search.index_outputs(site, cfg, size=1, stale=True, last=last)
    assert fresh and sorted(built) == ["20200501", "20210115"]  # nothing to keep: every shard is built
    edited = [old[0], _article("b", dt.date(2021, 1, 15), body="改过的正文。"), _article("c", dt.date(2021, 2, 1))]
    site, cfg = _site(*edited)
    stale, fresh = search.index_outputs(site, cfg, size=1, stale=True, last=last)
    assert not fresh and sorted(built) == ["20200501", "20210115", "20210201"]  # only the new shard
    bundle = {o.path: o.data for o in first if o.path.startswith("pagefind/20210115/")}
    assert bundle == {o.path: o.data for o in stale if o.path.startswith("pagefind/20210115/")}
    caught_up, fresh = search.index_outputs(site, cfg, size=1, stale=True, last=last)  # stale allowed, but now built
    assert not fresh  # a stale request never rebuilds: the caller asks for a fresh index
    current, fresh = search.index_outputs(site, cfg, size=1, last=last)
    assert fresh and built[3:] == ["20210115"]
    assert [(o.path, o.data) for o in index_site(site, cfg, size=1)] == [(o.path, o.data) for o in current]
    assert caught_up == stale


def _routes(outputs) -> dict[str, list[int] | str]:
    """The route table in these outputs, every bucket merged: {key: the places of its articles, or a character:
    its shards in hex}."""
    table: dict[str, list[int] | str] = {}
    for output in outputs:
        if re.fullmatch(r"pagefind/routes/\w+/\d+\.json", output.path):
            for key, steps in json.loads(output.data).items():
                table[key] = steps if isinstance(steps, str) else [sum(steps[:i + 1]) for i in range(len(steps))]
    return table


def test_the_route_table_names_the_articles_of_each_key() -> None:
    site, cfg = _site(_article("a", dt.date(2020, 5, 1), body="党建引领。"),
                      _article("c", dt.date(2021, 1, 15), body="研究。"),
                      _article("b", dt.date(2021, 1, 15), body="研究院，5G。", authors=("孙庆辉",)))
    outputs = index_site(site, cfg, size=1)
    manifest = json.loads(next(o.data for o in outputs if o.path == "pagefind/shards.json"))
    assert [(s["name"], s["bundle"], s["count"]) for s in manifest["shards"]] == [
        ("20210115", "/pagefind/20210115/", 2), ("20200501", "/pagefind/20200501/", 1)]
    folder = manifest["routes"]["folder"]
    assert re.fullmatch(r"/pagefind/routes/[0-9a-f]{12}/", folder) and manifest["routes"]["buckets"] == 1
    table = _routes(outputs)
    # Newest first, and within a day by path, last first: c (place 0), b (1), a (2).
    assert (table["党建"], table["研究"], table["~5g"], table["@孙庆辉"], table["标题"]) == (
        [2], [0, 1], [1], [1], [0, 1, 2])
    assert (table["%2021"], table["%2021-01"], table["%2020-05"]) == ([0, 1], [0, 1], [2])
    assert (table["党"], table["研"]) == ("2", "1")  # a character alone: its shards, bit i for shard i
    assert "建研" not in table and "。研" not in table


def test_each_shard_lists_its_fragments_in_the_table_s_order() -> None:
    site, cfg = _site(_article("a", dt.date(2020, 5, 1)), _article("c", dt.date(2021, 1, 15)),
                      _article("b", dt.date(2021, 1, 15)))
    outputs = {o.path: o.data for o in index_site(site, cfg, size=1)}
    folder = json.loads(outputs["pagefind/shards.json"])["routes"]["folder"].lstrip("/")
    for shard, paths in (("20210115", ["2021/01/15/c/", "2021/01/15/b/"]), ("20200501", ["2020/05/01/a/"])):
        names = json.loads(outputs[f"{folder}pages-{shard}.json"])
        urls = [json.loads(gzip.decompress(outputs[f"pagefind/{shard}/fragment/{name}.pf_fragment"])
                           .removeprefix(b"pagefind_dcd"))["url"] for name in names]
        assert urls == [f"/{path}" for path in paths]


def test_a_stale_rebuild_has_no_route_table_until_it_is_fresh() -> None:
    # A stale shard's bundle is not the stories' (here one article fewer): places made from either would not
    # match the other, so the page searches with Pagefind alone until the index is fresh.
    last: dict = {}
    memo: dict = {}
    site, cfg = _site(_article("a", dt.date(2020, 5, 1), body="党建。"), _article("b", dt.date(2021, 1, 15)))
    first, _ = search.index_outputs(site, cfg, size=1, stale=True, memo=memo, last=last)
    assert _routes(first)["党建"] == [1]  # nothing stale yet: a table
    site, cfg = _site(_article("a", dt.date(2020, 5, 1), body="党建。"), _article("b", dt.date(2021, 1, 15)),
                      _article("c", dt.date(2021, 1, 15), body="量子纠缠。"))
    stale, fresh = search.index_outputs(site, cfg, size=1, stale=True, memo=memo, last=last)
    manifest = json.loads(next(o.data for o in stale if o.path == "pagefind/shards.json"))
    assert not fresh and "routes" not in manifest and not _routes(stale)
    current, fresh = search.index_outputs(site, cfg, size=1, memo=memo, last=last)
    assert fresh and _routes(current)["纠缠"] == [0] and _routes(current)["党建"] == [2]
    # Back as it was: the store holds no postings cut from stories its bundle did not hold.
    site, cfg = _site(_article("a", dt.date(2020, 5, 1), body="党建。"), _article("b", dt.date(2021, 1, 15)))
    again, fresh = search.index_outputs(site, cfg, size=1, stale=True, memo=memo, last=last)
    assert fresh and _routes(again) == _routes(first) and "纠缠" not in _routes(again)


def test_fragment_lists_are_kept_in_the_store_by_their_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    memo: dict = {}
    site, cfg = _site(_article("a", dt.date(2020, 5, 1)), _article("b", dt.date(2021, 1, 15)))
    search.index_outputs(site, cfg, size=1, memo=memo)
    read: list[str] = []
    real = search.fragment_pages
    monkeypatch.setattr(search, "fragment_pages", lambda shard, *args: read.append(shard.name) or real(shard, *args))
    site, cfg = _site(_article("a", dt.date(2020, 5, 1)), _article("b", dt.date(2021, 1, 15), body="改过。"))
    outputs, _ = search.index_outputs(site, cfg, size=1, memo=memo)
    assert read == ["20210115"]  # the unchanged shard's list comes from the store
    assert [(o.path, o.data) for o in outputs] == [(o.path, o.data) for o in index_site(site, cfg, size=1)]


def test_kept_records_give_the_same_index_and_only_the_edit_is_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    kept: dict = {}
    made: list[str] = []
    real = search.record
    monkeypatch.setattr(search, "record", lambda story, urls: made.append(story.path) or real(story, urls))
    site, cfg = _site(_article("a", dt.date(2020, 5, 1)), _article("b", dt.date(2021, 1, 15)))
    search.index_outputs(site, cfg, size=1, records=kept)
    site, cfg = _site(_article("a", dt.date(2020, 5, 1)), _article("b", dt.date(2021, 1, 15), body="改过。"))
    outputs, _ = search.index_outputs(site, cfg, size=1, records=kept)
    assert sorted(made[:2]) == ["2020/05/01/a/", "2021/01/15/b/"] and made[2:] == ["2021/01/15/b/"]
    assert len(kept) == 2
    assert [(o.path, o.data) for o in outputs] == [(o.path, o.data) for o in index_site(site, cfg, size=1)]


def test_a_kept_record_is_made_again_when_only_its_topics_change() -> None:
    kept: dict = {}
    site, _ = _site(_article("a", topics=("安全生产",)))
    search.made_records(site.stories, Urls("/"), kept)
    site, _ = _site(_article("a", topics=("安全生产", "党建")))  # the topic filter word is in the record
    again = search.made_records(site.stories, Urls("/"), kept)
    assert list(again.values()) == [search.record(site.stories[0], Urls("/"))]
    assert filter_word("k", "党建") in next(iter(again.values())).content


def test_route_keys_are_those_of_the_text_as_indexed() -> None:
    site, cfg = _site(_article("a", dt.date(2021, 1, 15), body="王\u200b新亭看E\u0301clair。"))
    table = _routes(index_site(site, cfg))
    assert {"王新", "新亭", "~ec"} <= table.keys()  # no zero-width space between 王 and 新; É composed
