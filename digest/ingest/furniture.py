"""Page furniture: page headers, editor credits, edition labels, separators, continuation markers, captions."""
from __future__ import annotations

import datetime as dt
import re

from digest.ingest.bylines import photo_credit
from digest.ingest.dates import make_date
from digest.ingest.names import is_personal_name

HEADER_DATE_RE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[,，]?\s*(?:(?:星期|周|礼拜)[一二三四五六日天]"
    r"|第[一二三四五六七八九十百千\d]{1,6}期(?:\s*总第\d+期)?\s*$)"
    r"|((?:19|20)\d{2})[.．/-](\d{1,2})[.．/-](\d{1,2})\s*(?:星期|周)[一二三四五六日天]"
)
# Who made the page: 本版编辑：…, 责编:…, 美编, 校对, and the three reviews (一审/二审/三审) of county papers.
EDITORS_RE = re.compile(r"(责编|责任编辑|美编|编辑|校对|组版|审读|版式|值班主任|制作|排版|视觉)\s*[:：]")
# Words that also open a legal report's or an interview's line (`一审：判处…`, `主编：是的`): a page credit
# only when a personal name follows.
REVIEW_LABEL_RE = re.compile(r"([一二三终]审|总?监制|值班总编|主编)[ \u3000]*[:：]")
# A page label and its name as printed: A03 要闻, 第02版：要闻, 03版:要 闻, 第2版(要闻), 版面:第A10版:…, 当前版: A4版,
# 第434期>第4版, and a bare A03.
EDITION_RE = re.compile(
    r"^(?:.{0,12}第?\s*\d{1,5}\s*期\s*[>＞]\s*|版面\s*[:：]\s*|当前版\s*[:：]\s*)?"
    r"(?:第\s*(?P<n1>[A-Z]?\s*\d{1,3}|[一二三四五六七八九十]{1,3})\s*版|(?P<n2>[A-Z]?\s*\d{1,3})\s*版|(?P<n3>[A-Z]\s*\d{1,2}))"
    r"(?:\s*[:：]\s*(?P<name1>[^:：]*?)|\s*[(（](?P<name2>[^()（）]+)[)）]|[ \u3000]+(?P<name3>.*?))?"
    r"(?:[ \u3000]*(?:PDF版|上一版.*|下一版.*))?$"
)
# The same credits without colons: `责任编辑 张红　美编 刘洋`.
EDITORS_SPACED_RE = re.compile(
    r"^(?:(?:本版编辑|责任编辑|责编|美编|编辑|校对|组版|版式|[一二三终]审)[ \u3000]+[\u4e00-\u9fff]{2,4}[ \u3000]*)+$"
)
ISSUE_COUNT_RE = re.compile(r"^本期共\s*[\d一二三四五六七八九十]+\s*版")
SEPARATOR_RE = re.compile(r"^[-—_=*＊·.…~～#＝－★☆◆◇●○■□※\s]{3,}$")
CONTINUATION_RE = re.compile(
    r"[(（]\s*(?:上接|下转|转|接|紧接)\s*第?\s*[一二三四五六七八九十\dA-Z]+\s*版\s*(?:[)）]|$)"
)
CAPTION_START_RE = re.compile(r"^(?:[▲△▼▽►◆]|图为|图\s*[:：]|[上下左右]图\s*[:：为]|（图|\(图)")
NAMELESS_CREDIT_RE = re.compile(r"^[^。！？：]{2,60}[ \u3000]+摄$")
SHORT_LINE = 60


def page_header_date(line: str) -> dt.date | None:
    """The issue date of a page header such as `2021年3月8日 星期一`, or None."""
    match = HEADER_DATE_RE.search(line)
    if not match or len(line) > SHORT_LINE or re.search("[。！？]", line):
        return None
    return make_date(*(int(g) for g in match.groups() if g is not None))


def page_label(line: str) -> tuple[str, str | None] | None:
    """The page label and page name of a page header (`第02版：要闻` → (`02`, `要闻`)), or None."""
    match = EDITION_RE.match(line.strip(" \t\u3000"))
    if not match:
        return None
    label = re.sub(r"\s+", "", match.group("n1") or match.group("n2") or match.group("n3"))
    name = next((n for n in match.group("name1", "name2", "name3") if n), None)
    name = _unpadded(name).strip() if name else None  # two-character names padded to three: `要 闻`
    return label, name or None


def _unpadded(text: str) -> str:
    """`编 辑：苏 伟` → `编辑：苏伟`: some pages pad two-character words to the width of three."""
    return re.sub(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])", "", text)


def _reviews(text: str) -> bool:
    """True for a county page's review credits, `一审：魏 倩 二审：罗兴美`: each label followed by a name."""
    parts = REVIEW_LABEL_RE.split(text)
    names = [_unpadded(value).strip(" \u3000") for value in parts[2::2]]
    return len(parts) >= 3 and not parts[0].strip() and all(map(is_personal_name, names))


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
    editors = EDITORS_RE.search(_unpadded(text)) or EDITORS_SPACED_RE.match(text) or _reviews(text)
    if short and (editors or page_label(text) or ISSUE_COUNT_RE.match(text)):
        return "header"
    if CONTINUATION_RE.fullmatch(text):
        return "continuation"
    return None


def strip_continuations(text: str) -> tuple[str, list[str]]:
    """Remove `(上接第一版)` / `(下转第三版)` markers from a line; return the text and the markers."""
    markers = [m.group(0) for m in CONTINUATION_RE.finditer(text)]
    return (CONTINUATION_RE.sub("", text).strip(" \u3000"), markers) if markers else (text, [])


def is_caption(line: str) -> bool:
    """True for a photo caption line: `▲ …`, `图为…`, or a short line ending in a `摄` credit.

    A credit may have lost its name in extraction (`市民在园内休闲 摄`): the line is still a caption.
    """
    text = line.strip()
    if CAPTION_START_RE.match(text):
        return True
    return len(text) <= 150 and bool(photo_credit(text) or NAMELESS_CREDIT_RE.search(text))
