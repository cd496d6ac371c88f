"""digest/slugs.py: slugs kept in the build cache are taken from there, and new ones are added to it; pinyin read
word by word is pypinyin's own reading."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from digest import slugs


def test_to_slug_looks_in_the_store_first_and_fills_it() -> None:
    store = {"存起来的名字": "from-the-store"}
    slugs.keep_slugs_in(store)
    try:
        assert slugs.to_slug("存起来的名字") == "from-the-store"  # pypinyin is not asked
        assert slugs.to_slug("重庆市民新") == "chong-qing-shi-min-xin"
        assert store["重庆市民新"] == "chong-qing-shi-min-xin"
    finally:
        slugs.keep_slugs_in(None)
        slugs.to_slug.cache_clear()


def test_released_pinyin_comes_back_when_needed() -> None:
    slugs.release_pinyin()
    assert slugs.to_slug("释放以后再用") == "shi-fang-yi-hou-zai-yong"


_TEXT = st.text(st.one_of(st.sampled_from("重庆长江银行行长重要的重量中国人民音乐乐器了不起得到的确"),
                          st.characters(codec="utf-8")), max_size=24)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4))
@example(["重庆银行行长", "银行", "abc 中国 123", "「引号」——测试", "", "Ｆｕｌｌ宽字符😀"])
def test_syllables_read_word_by_word_are_what_lazy_pinyin_reads(texts: list[str]) -> None:
    # Several texts in a row, so that words read for one text are reused for the next.
    from pypinyin import Style, lazy_pinyin

    for text in texts:
        assert slugs.syllables(text) == lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [chars])


def _phrases() -> list[str]:
    from pypinyin.constants import PHRASES_DICT

    return sorted(PHRASES_DICT)


# Pieces of pypinyin's own phrases, run together: where the segmenter's longest-match walk has choices to make.
_RUN_OF_PHRASES = st.lists(st.one_of(st.sampled_from(_phrases()).flatmap(
    lambda phrase: st.sampled_from([phrase, phrase[1:], phrase[:-1]])), st.sampled_from("，1a 。")),
    max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(_RUN_OF_PHRASES)
@example("一丁点儿不小心")
@example("")
def test_text_is_cut_into_the_words_pypinyin_cuts(text: str) -> None:
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    reader = slugs._Syllables()
    assert reader.prefixes is not None and reader.han_runs is not None  # the direct way, not the fallback
    assert reader.cut(text) == list(Pinyin(UltimateConverter()).seg(text))


def test_every_phrase_and_character_is_read_as_pypinyin_s_converter_reads_it() -> None:
    from pypinyin.constants import PINYIN_DICT

    reader = slugs._Syllables()
    for word in [*_phrases(), *map(chr, sorted(PINYIN_DICT))]:
        read = reader.converter.convert(word, reader.style, False, slugs._keep_as_is, strict=True)
        assert reader.read(word) == [syllable for item in read for syllable in item], word
