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


def _pinyin_slug(text: str, max_length: int) -> str:
    # Imported here: pypinyin's phrase tables take half a second to load, and a build whose slugs are all
    # cached (digest/cache.py) never needs them.
    from pypinyin import Style, lazy_pinyin
    from slugify import slugify

    # lazy_pinyin reads phrases, so polyphones get their reading in context (重庆 -> chong-qing).
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [chars])
    slug = slugify(" ".join(syllables), lowercase=True)
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
    for name in [name for name in sys.modules if name == "pypinyin" or name.startswith("pypinyin.")]:
        del sys.modules[name]
