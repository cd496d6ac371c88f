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
