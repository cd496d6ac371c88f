"""Page furniture: page headers, editor credits, edition labels, separators, continuation markers, captions."""
from __future__ import annotations

import datetime as dt
import re

from digest.ingest.bylines import photo_credit
from digest.ingest.dates import make_date

HEADER_DATE_RE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[,，]?\s*(?:星期|周|礼拜)[一二三四五六日天]"
)
EDITORS_RE = re.compile(r"(责编|责任编辑|美编|编辑|校对|组版|审读|版式|值班主任|制作|排版|视觉)\s*[:：]")
EDITION_RE = re.compile(
    r"^(?:第\s*[一二三四五六七八九十百\d]+\s*版|[A-Z]\s*\d{1,2}\s*版?|\d{1,2}\s*版)(?:[ \u3000]|$)"
)
SEPARATOR_RE = re.compile(r"^[-—_=*＊·.…~～#＝－★☆◆◇●○■□※\s]{3,}$")
CONTINUATION_RE = re.compile(
    r"[(（]\s*(?:上接|下转|转|接|紧接)\s*第?\s*[一二三四五六七八九十\dA-Z]+\s*版\s*(?:[)）]|$)"
)
CAPTION_START_RE = re.compile(r"^(?:[▲△▼▽►◆]|图为|图\s*[:：]|[上下左右]图\s*[:：为]|（图|\(图)")
SHORT_LINE = 60


def page_header_date(line: str) -> dt.date | None:
    """The issue date of a page header such as `2021年3月8日 星期一`, or None."""
    match = HEADER_DATE_RE.search(line)
    if not match or len(line) > SHORT_LINE:
        return None
    return make_date(*(int(g) for g in match.groups()))


def furniture_kind(line: str) -> str | None:
    """What kind of page furniture a whole line is (`header`, `separator`, `continuation`), or None."""
    text = line.strip(" \t\u3000")
    if not text:
        return None
    if SEPARATOR_RE.match(text) and not re.search(r"\w", text):  # \w covers Han characters too
        return "separator"
    if page_header_date(text):
        return "header"
    short = len(text) <= SHORT_LINE and not re.search(r"[。！？]", text)
    if short and (EDITORS_RE.search(text) or EDITION_RE.match(text)):
        return "header"
    if CONTINUATION_RE.fullmatch(text):
        return "continuation"
    return None


def strip_continuations(text: str) -> tuple[str, list[str]]:
    """Remove `(上接第一版)` / `(下转第三版)` markers from a line; return the text and the markers."""
    markers = [m.group(0) for m in CONTINUATION_RE.finditer(text)]
    return (CONTINUATION_RE.sub("", text).strip(" \u3000"), markers) if markers else (text, [])


def is_caption(line: str) -> bool:
    """True for a photo caption line: `▲ …`, `图为…`, or a short line ending in a `摄` credit."""
    text = line.strip()
    if CAPTION_START_RE.match(text):
        return True
    return len(text) <= 150 and bool(photo_credit(text))
