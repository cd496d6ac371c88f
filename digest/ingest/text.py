"""Character-level helpers: Han detection, half-width → full-width punctuation, joining broken lines."""
from __future__ import annotations

import re

from digest.han import HAN as HAN_RE

# A sentence end, maybe with closing quotes, or followed by a bracketed note (`…。（本报综合）`, `…。（图片由…提供）`).
SENTENCE_END_RE = re.compile(r"(?:[。！？!?…]+[”’」』）)》]*|[。！？…][”’」』]*[（(][^（）()]{1,30}[）)])$")
CONTINUES_PREVIOUS_RE = re.compile(r"^[”’」』）)》，、。；：！？,;:]")
# A list item: （一）, 一、, 1. or 1、 (not 1.5), ——, ■, ▲, ● and the like.
LIST_ITEM_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、"
                          r"|\d{1,2}[.．、](?!\d)|——|――|[■□▲△●○◆◇★☆])")
_WIDE_PUNCT = "，。、；：！？“”‘’「」『』（）《》〈〉【】—…·"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF_PUNCT_RE = re.compile("[,:;?!]")
_PAREN_RE = re.compile(r"\(([^()\n]*)\)")


def is_han(ch: str) -> bool:
    """True for a Han character."""
    return bool(HAN_RE.match(ch))


def han_chars(text: str) -> list[str]:
    """Every Han character of `text`, in order."""
    return HAN_RE.findall(text)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and (is_han(ch) or ch in _WIDE_PUNCT or "\uff00" <= ch <= "\uffef")


def _widen_simple(text: str) -> str:
    if not _HALF_PUNCT_RE.search(text):
        return text
    out = []
    for i, ch in enumerate(text):
        full = _HALF_TO_FULL.get(ch)
        if full:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            between_digits = prev.isdigit() and nxt.isdigit()
            url = ch == ":" and text.startswith("//", i + 1)
            if (_is_cjk(prev) or _is_cjk(nxt)) and not between_digits and not url:
                ch = full
        out.append(ch)
    return "".join(out)


def _widen_parens(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if HAN_RE.search(inner) or _is_cjk(before) or _is_cjk(after):
            return f"（{inner}）"
        return match.group(0)

    return _PAREN_RE.sub(replace, text)


def widen_punctuation(text: str) -> str:
    """Turn half-width `,:;?!()` inside Chinese text into full-width; leave `1,200`, `10:30`, `5G` alone."""
    return _widen_parens(_widen_simple(text))


def ends_sentence(text: str) -> bool:
    """True when `text` ends a sentence (`。！？…`, maybe followed by closing quotes or brackets)."""
    return bool(SENTENCE_END_RE.search(text.rstrip()))


def continues_previous(text: str) -> bool:
    """True when `text` starts with punctuation that cannot open a paragraph (`”，、。；`…)."""
    return bool(CONTINUES_PREVIOUS_RE.match(text))


def starts_list_item(text: str) -> bool:
    """True when `text` opens a list item, which starts a paragraph of its own (`（一）`, `一、`, `1.`, `■`…)."""
    return bool(LIST_ITEM_RE.match(text))


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one paragraph with nothing between: extraction breaks mid-word, even mid-number."""
    return left + right


def clean_line(line: str) -> str:
    """Strip layout whitespace (ASCII and ideographic indentation) from a source line."""
    return line.strip(" \t\u3000\u00a0")
