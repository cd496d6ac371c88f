"""Pinyin slugs for titles, headings, tags and names: readable, ASCII, never empty."""
from __future__ import annotations

import hashlib
from collections.abc import MutableMapping

MAX_SLUG = 60


def to_slug(text: str, max_length: int = MAX_SLUG) -> str:
    """Pinyin slug of `text`, cut at a hyphen near `max_length`; a hash when nothing is left."""
    # Imported here: pypinyin's phrase tables take half a second to load, and a build whose slugs are all in
    # the store (`Slugs`) never needs them.
    from pypinyin import lazy_pinyin
    from slugify import slugify

    # pypinyin reads polyphones in context (重庆 → chong-qing); other characters are kept as they are.
    slug = slugify(" ".join(lazy_pinyin(text, errors=lambda chars: [chars])), lowercase=True)
    if len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return slug


class Slugs:
    """`to_slug`, looked up first in `memo` (the build's store) and kept there: most builds make no new slug."""

    def __init__(self, memo: MutableMapping[str, str] | None = None):
        self.memo: MutableMapping[str, str] = {} if memo is None else memo

    def __call__(self, text: str) -> str:
        slug = self.memo.get(text)
        if slug is None:
            slug = self.memo[text] = to_slug(text)
        return slug


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`… whichever is not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
