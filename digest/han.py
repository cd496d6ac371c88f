"""What counts as a Han character: one definition for ingest, slugs, search and its script."""
from __future__ import annotations

import re

# Han ideographs (and 〇) as code point ranges; site/search.js builds its pattern from the same string.
HAN_RANGES = "3007 3400-4DBF 4E00-9FFF F900-FAFF 20000-3134F"


def han_class(ranges: str = HAN_RANGES) -> str:
    """The ranges as the inside of a regex character class."""
    parts = []
    for item in ranges.split():
        low, _, high = item.partition("-")
        parts.append(chr(int(low, 16)) + (f"-{chr(int(high, 16))}" if high else ""))
    return "".join(parts)


HAN_CLASS = han_class()  # inside a regex character class: `[{HAN_CLASS}]`
HAN = re.compile(f"[{HAN_CLASS}]")

_CHINESE_DIGITS = {ch: n for n, ch in enumerate("〇一二三四五六七八九")}


def is_chinese_number(text: str) -> bool:
    """True for a number written in Chinese numerals up to 99 (`二`, `十四`, `二十七`) or digit by digit (`二〇`)."""
    return bool(text) and all(ch in _CHINESE_DIGITS or ch == "十" for ch in text) and text.count("十") <= 1


def chinese_number(text: str) -> int:
    """`一` → 1, `十` → 10, `十四` → 14, `二十七` → 27, `二〇` → 20: months, days and page numbers."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return int("".join(str(_CHINESE_DIGITS[ch]) for ch in text))
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)
