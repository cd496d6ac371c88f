"""Structure conventions of page dumps (issue 21): subtitles, list items and byte-order marks inside a file."""
from __future__ import annotations

from pathlib import Path

from digest.ingest import ingest
from tests.helpers import articles_in

HEADER = "2021年3月8日 星期一\n\n"


def _ingest(tmp_path: Path, text: str, encoding: str = "utf-8") -> dict[str, tuple[dict, str]]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_page.txt").write_bytes(text.encode(encoding))
    report = ingest(seeds, tmp_path / "content")
    assert not report.errors
    return {meta["title"]: (meta, body) for _, meta, body in articles_in(tmp_path / "content")}


def test_a_subtitle_marked_with_u2015_dashes(tmp_path: Path) -> None:
    text = HEADER + "# 高新区召开安全生产会议\n――全年目标任务分解到岗\n\n本报讯（记者 张伟）3月7日，高新区召开会议。\n"
    articles = _ingest(tmp_path, text)
    meta, body = articles["高新区召开安全生产会议"]
    assert meta["subtitle"] == "全年目标任务分解到岗"
    assert (meta["dateline"], meta["authors"]) == ("本报讯", ["张伟"])
    assert body.strip() == "3月7日，高新区召开会议。"


def test_list_items_start_paragraphs_even_after_a_colon_or_semicolon(tmp_path: Path) -> None:
    items = ["（一）加强组织领导；", "(二)压实工作责任；", "三、强化督查考核；", "4.做好宣传引导；",
             "5、完善长效机制；", "——坚持问题导向；", "■ 守住安全底线。"]
    text = (HEADER + "# 会议部署六项任务\n\n会议要求：\n\n" + "\n\n".join(items)
            + "\n\n全年总投资\n\n1.5亿元，同比增长。\n")
    _, body = _ingest(tmp_path, text)["会议部署六项任务"]
    paragraphs = body.strip().split("\n\n")
    assert paragraphs[0] == "会议要求："
    assert [p[:3] for p in paragraphs[1:8]] == ["（一）", "（二）", "三、强", "4.做", "5、完", "——坚", "■ 守"]
    assert paragraphs[8] == "全年总投资1.5亿元，同比增长。"  # a number is not a list item: the broken line is joined


def test_a_byte_order_mark_inside_a_file_hides_nothing(tmp_path: Path) -> None:
    first = HEADER + "# 第一篇报道\n\n本报讯 3月7日，第一篇的正文。\n"
    second = "\ufeff# 第二篇报道\n\n本报讯 3月6日，第二篇的正文。\n"
    articles = _ingest(tmp_path, first + second)  # two dumps joined with `cat`, each with its BOM
    assert set(articles) == {"第一篇报道", "第二篇报道"}
    assert "\ufeff" not in "".join(body for _, body in articles.values())
