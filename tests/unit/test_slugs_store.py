"""digest/slugs.py: slugs kept in the build cache are taken from there, and new ones are added to it."""
from __future__ import annotations

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
