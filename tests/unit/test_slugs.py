"""digest/slugs.py: pinyin slugs, and the store of slugs a build keeps so that it need not load pypinyin."""
from __future__ import annotations

from digest.slugs import PinyinReader, Slugs, to_slug


def test_slugs_look_in_the_store_first_and_fill_it() -> None:
    store = {"存起来的名字": "from-the-store"}
    with Slugs(store) as slugs:
        assert slugs("存起来的名字") == "from-the-store"  # pypinyin is not asked
        assert slugs.reader._process is None  # nor started
        assert slugs("重庆市民新") == "chong-qing-shi-min-xin" == to_slug("重庆市民新")
        assert store["重庆市民新"] == "chong-qing-shi-min-xin"
    assert slugs.reader._process is None  # the reader ended with the block


def test_the_pinyin_reader_reads_as_pypinyin_does_and_starts_again_after_closing() -> None:
    reader = PinyinReader()
    texts = ["重庆银行行长", "abc 中国 123", "「引号」——测试", "Ｆｕｌｌ宽字符😀", "！！！"]
    try:
        assert [reader(text) for text in texts] == [to_slug(text) for text in texts]
        reader.close()
        assert reader("长江") == "chang-jiang"
    finally:
        reader.close()


def test_polyphones_are_read_in_context_and_other_characters_kept() -> None:
    assert to_slug("重庆银行行长") == "chong-qing-yin-hang-hang-zhang"
    assert to_slug("abc 中国 123") == "abc-zhong-guo-123"
