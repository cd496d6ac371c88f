"""Issue 21, bylines: a word saying what the people did (报道, 整理, 采写…) is never taken for a name."""
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
])
def test_what_the_people_did_is_not_a_name(line: str, credited: dict) -> None:
    credits = Credits()
    parse_byline(line, credits)
    assert is_byline(line)
    assert {role: names for role, names in vars(credits).items() if names} == credited
