"""Issue 21, bylines: what each person did (报道, 整理, 文/, 图/…) is credited, never taken for a name."""
from __future__ import annotations

import pytest

from digest.ingest.bylines import Credits, is_byline, parse_byline


@pytest.mark.parametrize(("line", "credited"), [
    ("记者 张三 报道", {"authors": ["张三"]}),
    ("通讯员 李四 整理", {"correspondents": ["李四"]}),
    ("本报记者 王五 李明 采写", {"authors": ["王五", "李明"]}),
    ("（记者 冯二 报道）", {"authors": ["冯二"]}),
    ("记者 赵六、钱七 撰文", {"authors": ["赵六", "钱七"]}),
    ("实习生 吴十 记者 郑一 供稿", {"interns": ["吴十"], "authors": ["郑一"]}),
    # Separate credits for the text and the photos.
    ("文/记者 孙八 图/记者 周九", {"authors": ["孙八"], "photographers": ["周九"]}),
    ("文／本报记者 王五 图／通讯员 李四", {"authors": ["王五"], "photographers": ["李四"]}),
    ("（文字/记者 陈一 图片/记者 林二）", {"authors": ["陈一"], "photographers": ["林二"]}),
])
def test_what_each_person_did_is_credited_and_never_taken_for_a_name(line: str, credited: dict) -> None:
    credits = Credits()
    parse_byline(line, credits)
    assert is_byline(line)
    assert {role: names for role, names in vars(credits).items() if names} == credited


def test_a_dateline_s_bracket_with_separate_credits() -> None:
    from digest.ingest.datelines import split_dateline

    assert split_dateline("本报讯（文/记者 陈一 图/记者 林二）会议召开。") == (
        "本报讯", "文/记者 陈一 图/记者 林二", "会议召开。")
