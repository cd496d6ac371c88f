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
    nine tenths of a slug's cost (10,000 articles: 0.8 s of a build).

    Both steps are pypinyin's, made cheaper for a build that reads 7,000 headings (50 → 20 µs a text, with
    the same syllables), and checked against pypinyin by tests/unit/test_slugs_store.py:
    - cutting: `Pinyin.seg` tests each character against a regex and walks a generator; `cut` splits the Han
      runs with one regex and runs the same longest-phrase walk over pypinyin's own prefix set;
    - reading a new word: a phrase's first reading of each character, or a character's first reading, from
      pypinyin's tables, each toned syllable made toneless by pypinyin's style function once (there are about
      1,500). pypinyin's converter does the same through a dozen hooks, 40 µs a word; a word of neither kind
      still goes through it. The test compares both for every phrase and character of the tables.
    """

    def __init__(self) -> None:
        # Imported here: pypinyin's phrase tables take half a second to load, and a build whose slugs are all
        # cached (digest/cache.py) never needs them.
        from pypinyin import Style
        from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
        from pypinyin.converter import UltimateConverter
        from pypinyin.core import Pinyin
        from pypinyin.seg.mmseg import seg
        from pypinyin.style import convert as convert_style

        self.style = Style.NORMAL
        self.converter = UltimateConverter()  # what lazy_pinyin makes for its defaults
        self.pinyin = Pinyin(self.converter)
        self.phrases, self.chars, self.hans = PHRASES_DICT, PINYIN_DICT, RE_HANS
        # Every prefix of every phrase, as pypinyin's segmenter keeps them; and the runs of Han characters, from
        # RE_HANS (`^(?:[han])+$`). Both are pypinyin's internals (0.55): if they change, `cut` is Pinyin.seg.
        self.prefixes = getattr(getattr(seg, "_prefix_set", None), "_set", None)
        plain = RE_HANS.pattern.startswith("^(?:[") and RE_HANS.pattern.endswith("])+$")
        self.han_runs = re.compile("(" + RE_HANS.pattern[len("^(?:"):-len(")+$")] + "+)") if plain else None
        self.convert_style = convert_style
        self.words: dict[str, list[str]] = {}
        self.toneless: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        result: list[str] = []
        for word in self.cut(text):
            syllables = self.words.get(word)
            if syllables is None:
                syllables = self.words[word] = self.read(word)
            result.extend(syllables)
        return result

    def cut(self, text: str) -> list[str]:
        """`Pinyin.seg(text)`: runs of other characters as they are, runs of Han characters cut into phrases."""
        if not text or self.prefixes is None or self.han_runs is None:
            return list(self.pinyin.seg(text))
        words: list[str] = []
        for index, run in enumerate(self.han_runs.split(text)):
            if index % 2 == 0:  # split() alternates: other characters, then a Han run (its group)
                if run:
                    words.append(run)
            else:
                self._cut_run(run, words)
        return words

    def _cut_run(self, remain: str, words: list[str]) -> None:
        # pypinyin's `mmseg.Seg.cut` with `no_non_phrases=True`, step for step: extend the word while it is
        # a prefix of some phrase, then take the longest phrase met, or else the first character.
        prefixes, phrases = self.prefixes, self.phrases
        while remain:
            last_word, last_end = "", 0
            for end in range(1, len(remain) + 1):
                word = remain[:end]
                if word not in prefixes:
                    if last_word:
                        words.append(last_word)
                        remain = remain[last_end:]
                    else:
                        words.append(remain[0])
                        remain = remain[1:]
                    break
                if word in phrases:
                    last_word, last_end = word, end
            else:  # all of the rest is a prefix of some phrase
                if last_word:
                    words.append(last_word)
                    remain = remain[last_end:]
                else:
                    words.extend(remain)  # no phrase among its prefixes: character by character, and done
                    return

    def read(self, word: str) -> list[str]:
        """The toneless syllables of one word as pypinyin's converter reads it."""
        if not self.hans.match(word):  # not all Han: pypinyin hands it to `errors`, which keeps it
            return [word]
        readings = [item[0] for item in self.phrases[word]] if word in self.phrases else \
            [self.chars[ord(word)].split(",", 1)[0]] if len(word) == 1 and ord(word) in self.chars else None
        if readings is not None and len(readings) == len(word):
            return [self._toneless(reading) for reading in readings]
        read = self.converter.convert(word, self.style, False, _keep_as_is, strict=True)
        return [syllable for item in read for syllable in item]

    def _toneless(self, reading: str) -> str:
        found = self.toneless.get(reading)
        if found is None:
            found = self.toneless[reading] = self.convert_style(reading, self.style, True, default=reading) or ""
        return found


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
