"""digest/search_routes.py: the keys of an article, the buckets, and the table of articles by key."""
from __future__ import annotations

import gc
import json

from digest.search import fold
from digest.search_routes import (
    CREDIT,
    DATE,
    TOPIC,
    RouteTable,
    article_keys,
    bucket,
    bucket_count,
    collector_paused,
    route_files,
    route_table,
    shard_postings,
    text_keys,
    version,
)


def _postings(*articles: set[str]):
    """shard_postings of articles given as their keys, characters apart as article_keys gives them."""
    return shard_postings([({k for k in keys if len(k) > 1}, {k for k in keys if len(k) == 1}) for keys in articles])


def _table(buckets: int, files: dict[int, bytes]) -> dict[str, list[int] | str]:
    """Every key of the table with its places in the archive (the steps added up); characters with their shards."""
    table: dict[str, list[int] | str] = {}
    for index in range(buckets):
        for key, steps in json.loads(files[index]).items():
            if isinstance(steps, str):
                table[key] = steps
                continue
            places, place = [], 0
            for step in steps:
                place += step
                places.append(place)
            table[key] = places
    return table


def test_a_text_has_its_han_characters_and_pairs() -> None:
    assert text_keys("王新亭", fold) == {"王", "新", "亭", "王新", "新亭"}


def test_no_pair_runs_across_a_space_punctuation_or_a_field() -> None:
    keys = text_keys("研究 院，党建\n工委", fold)
    assert {"研究", "党建", "工委"} <= keys
    assert not {"究院", "院党", "建工"} & keys
    assert "建工" not in article_keys(["党建", "工委"], [], fold)[0]  # fields are apart too


def test_a_latin_or_digit_word_gives_its_first_letters_folded() -> None:
    assert text_keys("5G城轨 PM2.5 Éclair", fold) == {
        "城", "轨", "城轨", "~5", "~5g", "~p", "~pm", "~e", "~ec"}


def test_credited_names_topics_years_and_months_are_keys_and_characters_apart() -> None:
    keys, chars = article_keys(["正文"], ["孙庆辉"], fold, ["党建工作"], "2021-01-14")
    assert keys == {"正文", f"{CREDIT}孙庆辉", f"{TOPIC}党建工作", f"{DATE}2021", f"{DATE}2021-01"}
    assert chars == {"正", "文"}
    assert f"{TOPIC}党建" not in keys  # a topic is a key whole, as the filter word is a word whole
    assert not any(key.startswith(DATE) for key in article_keys(["正文"], [], fold)[0])  # undated


def test_the_bucket_is_the_script_s_arithmetic() -> None:
    # h = h * 31 + code point, modulo 2**32: the numbers site/search.js routeBucket gives (checked in the browser).
    assert bucket("王新", 1 << 32) == (0x738B * 31 + 0x65B0)
    assert bucket("𠀀字", 1 << 32) == (0x20000 * 31 + 0x5B57)
    assert bucket("~qwertyuiopasdfgh", 7) == sum(ord(c) * 31 ** i for i, c in enumerate(reversed(
        "~qwertyuiopasdfgh"))) % 2**32 % 7


def test_buckets_hold_about_a_thousand_keys() -> None:
    assert [bucket_count(n) for n in (0, 1, 1024, 1025, 5000)] == [1, 1, 1, 2, 8]


def test_a_shard_s_postings_are_its_articles_places_and_its_characters() -> None:
    postings = _postings({"党建", "~5g", "党"}, {"研究"}, {"党建", "研"})
    assert postings.count == 3 and postings.keys == {"党建": [0, 2], "~5g": [0], "研究": [1]}
    assert postings.chars == {"党", "研"}


def test_the_table_lists_the_articles_of_each_key_by_place_in_the_archive() -> None:
    # Two shards, newest first: the second shard's articles come after the first's 3.
    buckets, files = route_files([[{"党建", "~5g", "党"}, {"研究"}, {"党建"}], [{"@李明", "党建"}, {"~5g", "研"}]])
    assert _table(buckets, files) == {"党建": [0, 2, 3], "~5g": [0, 4], "研究": [1], "@李明": [3],
                                      "党": "1", "研": "2"}  # a character: its shards, bit i for shard i
    raw = {}
    for index in range(buckets):
        raw |= json.loads(files[index])
    assert raw["党建"] == [0, 2, 1]  # the first place, then the steps between places
    for key in raw:
        assert key in json.loads(files[bucket(key, buckets)])


def test_a_table_of_no_shards_is_one_empty_bucket() -> None:
    assert route_files([]) == (1, {0: b"{}"})
    assert route_files([[]]) == (1, {0: b"{}"})  # a shard without articles


def test_the_table_is_the_same_bytes_every_time() -> None:
    shards = [[{f"字{i}" for i in range(3000)}, {"党建", "研究"}], [{"党建"}]]
    first = route_files(shards)
    again = route_files([[set(sorted(article, reverse=True)) for article in shard] for shard in shards])
    assert first == again and version(first[1]) == version(again[1])
    assert version(route_files([[{"党建"}]])[1]) != version(route_files([[{"研究"}]])[1])
    assert version(first[1], {"a": b"[]"}) != version(first[1], {"a": b"[null]"})  # the fragment lists too


def test_the_store_keeps_each_shard_s_postings_and_the_table() -> None:
    cuts = []

    def shard(made: bytes, *articles: set[str]):
        return made, lambda: cuts.append(made) or _postings(*articles)

    memo: dict = {}
    first = route_table([shard(b"a", {"党建"}), shard(b"b", {"研究"})], memo)
    assert route_table([shard(b"a", {"党建"}), shard(b"b", {"研究"})], memo) == first
    assert cuts == [b"a", b"b"]  # the same shards again: nothing cut, the table kept
    changed = route_table([shard(b"a", {"党建"}), shard(b"c", {"王新"}, {"研究"})], memo)
    assert cuts == [b"a", b"b", b"c"]  # one shard changed: only it is cut
    assert changed == route_files([[{"党建"}], [{"王新"}, {"研究"}]])


def test_a_kept_table_brought_up_to_date_is_the_table_made_whole() -> None:
    shards = [[{f"字{i}" for i in range(k, 3000, 3)} | {"党建", "党"}, {"研究", f"词{k}", "研"}] for k in range(3)]
    state = RouteTable()
    assert state.update([b"a", b"b", b"c"], [_postings(*s) for s in shards]) == route_files(shards)
    edited = [shards[0], [shards[1][0] - {"字1", "党建", "党"} | {"量子", "纠缠", "量"}, {"研究"}], shards[2]]
    assert state.update([b"a", b"B", b"c"], [_postings(*s) for s in edited]) == route_files(edited)
    grown = [*edited, [{"新"}]]
    assert state.update([b"a", b"B", b"c", b"d"], [_postings(*s) for s in grown]) == route_files(grown)
    longer = [grown[0], [*grown[1], {"党建"}], *grown[2:]]  # an article added: every place after it moves
    assert state.update([b"a", b"C", b"c", b"d"], [_postings(*s) for s in longer]) == route_files(longer)
    many = [[{f"词{i}" for i in range(5000)}], *longer[1:]]
    assert state.update([b"A", b"C", b"c", b"d"], [_postings(*s) for s in many]) == route_files(many)


def test_serve_s_table_is_brought_up_to_date_not_made_again() -> None:
    state, memo = RouteTable(), {}
    route_table([(b"a", lambda: _postings({"党建"})), (b"b", lambda: _postings({"研究"}))], memo, state)
    made = []
    state.whole = lambda *args: made.append(args)  # type: ignore[method-assign]
    buckets, files = route_table([(b"a", lambda: _postings({"党建"})), (b"c", lambda: _postings({"研究", "王新"}))],
                                 memo, state)
    assert not made and _table(buckets, files) == {"党建": [0], "研究": [1], "王新": [1]}


def test_the_collector_is_paused_while_the_table_is_made_and_then_as_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
