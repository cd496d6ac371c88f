"""Datelines at the head of a report: `本报讯`, `本报郑州讯`, `新华社北京3月8日电（记者 X）`."""
from __future__ import annotations

import re

from digest.han import HAN_CLASS
from digest.ingest.bylines import is_byline

_WIRE = r"(?:新华社|中新社|中新网|人民日报|央视新闻|新华网|中央广播电视总台|光明日报|经济日报)"
_DAY = r"\d{1,2}月\d{1,2}日(?:\d{1,2}时)?"
# 本报讯, 本报郑州讯, 本报3月8日讯, 本报北京1月8日电; 新华社北京3月8日电, 新华社电; 据新华社电, 据新华社北京3月8日电.
DATELINE_RE = re.compile(
    rf"^(本报讯|本报[{HAN_CLASS}]{{1,8}}讯|本报[{HAN_CLASS}]{{0,8}}{_DAY}[讯电]"
    rf"|据?{_WIRE}[{HAN_CLASS}]{{0,12}}(?:{_DAY})?电)"
    r"[ \u3000]*(（[^（）]{0,60}）)?[ \u3000]*"
)


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """(dateline, byline inside its parenthesis, rest of the paragraph) of a lead paragraph."""
    match = DATELINE_RE.match(paragraph)
    if not match:
        return None, None, paragraph
    dateline, paren = match.group(1), match.group(2)
    if paren and is_byline(paren):
        return dateline, paren[1:-1].strip(), paragraph[match.end():]
    rest = paragraph[match.end(1):].lstrip(" \u3000")
    return dateline, None, rest
