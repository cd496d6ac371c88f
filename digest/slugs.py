"""Pinyin slugs for titles, headings, tags and names: readable, ASCII, never empty."""
from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import MutableMapping

MAX_SLUG = 60
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


_STORE: MutableMapping[str, str] | None = None  # the build cache's slugs (see `keep_slugs_in`)


def keep_slugs_in(store: MutableMapping[str, str] | None) -> None:
    """Keep the slugs `to_slug` makes in `store` (the build cache), and look there first."""
    global _STORE
    _STORE = store


@functools.lru_cache(maxsize=65536)
def to_slug(text: str, max_length: int = MAX_SLUG) -> str:
    """Pinyin slug of `text`, cut at a hyphen near `max_length`; a hash when nothing is left."""
    if _STORE is None or max_length != MAX_SLUG:
        return _pinyin_slug(text, max_length)
    slug = _STORE.get(text)
    if slug is None:
        slug = _STORE[text] = _pinyin_slug(text, max_length)
    return slug


def _keep_as_is(chars: str) -> list[str]:
    return [chars]


class _Syllables:
    """`lazy_pinyin(text, errors=_keep_as_is)`, word by word: pypinyin cuts the text into words (phrases, so
    polyphones get their reading in context: 重庆 -> chong-qing) and reads each word on its own, so a word's
    syllables are kept and reused. Headings and titles share most of their words, and reading a word was
    nine tenths of a slug's cost (10,000 articles: 0.8 s of a build)."""

    def __init__(self) -> None:
        # Imported here: pypinyin's phrase tables take half a second to load, and a build whose slugs are all
        # cached (digest/cache.py) never needs them.
        from pypinyin import Style
        from pypinyin.converter import UltimateConverter
        from pypinyin.core import Pinyin

        self.style = Style.NORMAL
        self.converter = UltimateConverter()  # what lazy_pinyin makes for its defaults
        self.pinyin = Pinyin(self.converter)
        self.words: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        result: list[str] = []
        for word in self.pinyin.seg(text):
            syllables = self.words.get(word)
            if syllables is None:
                read = self.converter.convert(word, self.style, False, _keep_as_is, strict=True)
                syllables = self.words[word] = [syllable for item in read for syllable in item]
            result.extend(syllables)
        return result


_READER: _Syllables | None = None


def syllables(text: str) -> list[str]:
    """The pinyin syllables of `text` without tones, as pypinyin's `lazy_pinyin` reads them; other characters
    as they are."""
    global _READER
    if _READER is None:
        _READER = _Syllables()
    return _READER(text)


def _pinyin_slug(text: str, max_length: int) -> str:
    from slugify import slugify

    slug = slugify(" ".join(syllables(text)), lowercase=True)
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return slug


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def release_pinyin() -> None:
    """Let pypinyin's tables go (50 MB, more than the text of 10,000 articles) until a new slug needs them:
    a build makes every slug before it renders, and `to_slug` keeps the slugs it made."""
    global _READER
    _READER = None
    for name in [name for name in sys.modules if name == "pypinyin" or name.startswith("pypinyin.")]:
        del sys.modules[name]
