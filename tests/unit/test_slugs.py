"""digest/slugs.py: pinyin slugs, and the store of slugs a build keeps so that it need not load pypinyin."""
from __future__ import annotations

from digest.slugs import Slugs, to_slug


def test_slugs_look_in_the_store_first_and_fill_it() -> None:
    store = {"存起来的名字": "from-the-store"}
    slugs = Slugs(store)
    assert slugs("存起来的名字") == "from-the-store"  # pypinyin is not asked
    assert slugs("重庆市民新") == "chong-qing-shi-min-xin" == to_slug("重庆市民新")
    assert store["重庆市民新"] == "chong-qing-shi-min-xin"


def test_polyphones_are_read_in_context_and_other_characters_kept() -> None:
    assert to_slug("重庆银行行长") == "chong-qing-yin-hang-hang-zhang"
    assert to_slug("abc 中国 123") == "abc-zhong-guo-123"
