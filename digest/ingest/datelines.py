"""Datelines at the head of a report: `本报讯`, `本报郑州讯`, `新华社北京3月8日电（记者 X）`."""
from __future__ import annotations

import re

from digest.han import HAN_CLASS
from digest.ingest.bylines import ROLES, is_byline

_WIRE = r"(?:新华社|中新社|中新网|人民日报|央视新闻|新华网|中央广播电视总台|光明日报|经济日报)"
# Other papers and sites print their own name: 扬子晚报讯, 晋江新闻网2月5日讯, 人民网北京5月14日电, 中华龙都网讯.
# Their dateline must be followed by a space or a bracket, so that `国家电网电力公司…` is not one.
_OUTLET = rf"[{HAN_CLASS}]{{1,8}}?(?:日报|晚报|晨报|都市报|商报|时报|新闻网|网|社|台)"
# A bracket after a paper's own dateline holds a byline: 扬子晚报讯（记者 X）, not 来电（信）.
_BYLINE_ROLE = "|".join(sorted({*ROLES, "文", "图"}, key=len, reverse=True)) + r"|[^（）()]{2,8}?记者"
_CN_NUMBER = "[一二三四五六七八九十]{1,3}"
_DAY = rf"(?:(?:\d{{1,2}}月)?\d{{1,2}}日|(?:{_CN_NUMBER}月)?{_CN_NUMBER}日)(?:\d{{1,2}}时)?"
# A place: a few characters, never a reporter (`新华社记者从…获悉` is a lead, not a dateline).
_PLACE = rf"(?:(?!记者)[{HAN_CLASS}]){{0,12}}?"
# Without a date, a dateline is followed by a space, a bracket or the end of a bracketed dateline.
_ENDS = r"(?=[ \u3000（(【】]|$)"
# 本报讯, 本报郑州讯, 本报3月8日讯, 本报北京1月8日电; 新华社北京3月8日电, 新华社电, 新华社专电; 据新华社电,
# 据新华社北京3月8日电; 中新网1月11日电, 扬子晚报讯; the old style in brackets, 【新华社重庆十四日电】.
DATELINE_RE = re.compile(
    rf"^(【?(?:本报讯|本报[{HAN_CLASS}]{{1,8}}讯|本报[{HAN_CLASS}]{{0,8}}{_DAY}[讯电]"
    rf"|据?{_WIRE}{_PLACE}{_DAY}专?[电讯]|据?{_WIRE}{_PLACE}专?[电讯]{_ENDS}"
    rf"|据?{_OUTLET}{_PLACE}(?:{_DAY})?专?[电讯](?=[ \u3000】]|[（(](?:{_BYLINE_ROLE})))】?)"
    r"[ \u3000]*([（(][^（）()]{0,60}[）)])?[ \u3000]*"
)


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """(dateline, byline inside its parenthesis, rest of the paragraph) of a lead paragraph."""
    match = DATELINE_RE.match(paragraph)
    if not match:
        return None, None, paragraph
    dateline, paren = match.group(1).strip("【】"), match.group(2)
    if paren and is_byline(paren):
        return dateline, paren[1:-1].strip(), paragraph[match.end():]
    rest = paragraph[match.end(1):].lstrip(" \u3000")
    return dateline, None, rest
