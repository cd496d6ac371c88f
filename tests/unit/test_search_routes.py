"""digest/search_routes.py: the keys of a text, the buckets, and the table of shards by key."""
from __future__ import annotations

import json

from digest.search import fold
from digest.search_routes import (
    CREDIT,
    TOPIC,
    RouteTable,
    bucket,
    bucket_count,
    route_files,
    route_table,
    shard_keys,
    text_keys,
    version,
)


def test_a_text_has_its_han_characters_and_pairs() -> None:
    assert text_keys("王新亭", fold) == {"王", "新", "亭", "王新", "新亭"}


def test_no_pair_runs_across_a_space_punctuation_or_a_field() -> None:
    keys = text_keys("研究 院，党建\n工委", fold)
    assert {"研究", "党建", "工委"} <= keys
    assert not {"究院", "院党", "建工"} & keys
    assert "建工" not in shard_keys(["党建", "工委"], [], fold)  # fields are apart too


def test_a_latin_or_digit_word_gives_its_first_letters_folded() -> None:
    assert text_keys("5G城轨 PM2.5 Éclair", fold) == {
        "城", "轨", "城轨", "~5", "~5g", "~p", "~pm", "~e", "~ec"}


def test_credited_names_and_topics_are_keys() -> None:
    keys = shard_keys(["正文"], ["孙庆辉"], fold, ["党建工作"])
    assert {f"{CREDIT}孙庆辉", f"{TOPIC}党建工作"} <= keys
    assert f"{TOPIC}党建" not in keys  # a topic is a key whole, as the filter word is a word whole


def test_the_bucket_is_the_script_s_arithmetic() -> None:
    # h = h * 31 + code point, modulo 2**32: the numbers site/search.js routeBucket gives (checked in the browser).
    assert bucket("王新", 1 << 32) == (0x738B * 31 + 0x65B0)
    assert bucket("𠀀字", 1 << 32) == (0x20000 * 31 + 0x5B57)
    assert bucket("~qwertyuiopasdfgh", 7) == sum(ord(c) * 31 ** i for i, c in enumerate(reversed(
        "~qwertyuiopasdfgh"))) % 2**32 % 7


def test_buckets_hold_about_a_thousand_keys() -> None:
    assert [bucket_count(n) for n in (0, 1, 1024, 1025, 5000)] == [1, 1, 1, 2, 8]


def test_the_table_lists_the_shards_of_each_key() -> None:
    buckets, files = route_files([{"党建", "~5g"}, {"党建"}, {"@李明", "~5g"}])
    table = {}
    for index in range(buckets):
        table |= json.loads(files[index])
    assert table == {"党建": "3", "~5g": "5", "@李明": "4"}  # bit i for shard i, in hex
    for key in table:
        assert key in json.loads(files[bucket(key, buckets)])


def test_the_table_is_the_same_bytes_every_time() -> None:
    shards = [{f"字{i}" for i in range(3000)}, {"党建", "研究"}]
    first, again = route_files(shards), route_files([set(sorted(s, reverse=True)) for s in shards])
    assert first == again and version(first[1]) == version(again[1])
    assert version(route_files([{"党建"}])[1]) != version(route_files([{"研究"}])[1])


def test_the_store_keeps_each_shard_s_keys_and_the_table() -> None:
    cuts = []

    def shard(made: bytes, keys: set[str]):
        return made, lambda: cuts.append(made) or keys

    memo: dict = {}
    first = route_table([shard(b"a", {"党建"}), shard(b"b", {"研究"})], memo)
    assert route_table([shard(b"a", {"党建"}), shard(b"b", {"研究"})], memo) == first
    assert cuts == [b"a", b"b"]  # the same shards again: nothing cut, the table kept
    changed = route_table([shard(b"a", {"党建"}), shard(b"c", {"王新"})], memo)
    assert cuts == [b"a", b"b", b"c"]  # one shard changed: only it is cut
    assert changed == route_files([{"党建"}, {"王新"}]) and route_table(
        [shard(b"a", {"党建"}), shard(b"c", {"王新"})]) == changed


def test_a_kept_table_brought_up_to_date_is_the_table_made_whole() -> None:
    shards = [frozenset({f"字{i}" for i in range(k, 3000, 3)} | {"党建"}) for k in range(3)]
    state = RouteTable()
    assert state.update([b"a", b"b", b"c"], shards) == route_files(shards)
    edited = [shards[0], shards[1] - {"字1", "党建"} | {"量子", "纠缠"}, shards[2]]
    assert state.update([b"a", b"B", b"c"], edited) == route_files(edited)  # one shard changed
    grown = [*edited, frozenset({"新"})]
    assert state.update([b"a", b"B", b"c", b"d"], grown) == route_files(grown)  # a shard added: made whole
    many = [frozenset({f"词{i}" for i in range(5000)}), *grown[1:]]
    assert state.update([b"A", b"B", b"c", b"d"], many) == route_files(many)  # more buckets: made whole


def test_serve_s_table_is_brought_up_to_date_not_made_again() -> None:
    state, memo = RouteTable(), {}
    route_table([(b"a", lambda: {"党建"}), (b"b", lambda: {"研究"})], memo, state)
    state.masks["研究"] = 3  # a mark: a table made whole would not keep it
    buckets, files = route_table([(b"a", lambda: {"党建"}), (b"c", lambda: {"研究", "王新"})], memo, state)
    assert json.loads(files[bucket("研究", buckets)])["研究"] == "3" and "王新" in state.masks
