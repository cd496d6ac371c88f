"""Unit tests of the ingest helpers: punctuation, bylines, datelines, dates, decoding, slugs, options."""
from __future__ import annotations

import datetime as dt

import pytest

from digest.errors import SourceError
from digest.ingest import dates
from digest.ingest.bylines import Credits, is_byline, parse_byline, split_glued_byline
from digest.ingest.datelines import split_dateline
from digest.ingest.decode import decode_seed
from digest.ingest.furniture import furniture_kind, strip_continuations
from digest.ingest.options import load_seed_options
from digest.ingest.parse import SeedOptions, parse_seed
from digest.ingest.text import ends_sentence, widen_punctuation
from digest.slugs import to_slug, unique_slug


@pytest.mark.parametrize("raw, expected", [
    ("1月15日,高新区", "1月15日，高新区"),
    ("总投资1,200亿元", "总投资1,200亿元"),
    ("上午10:30举行", "上午10:30举行"),
    ("表示:“好”", "表示：“好”"),
    ("汇报;又针对", "汇报；又针对"),
    ("卡斯柯信号(郑州)有限公司", "卡斯柯信号（郑州）有限公司"),
    ("Hello, world (yes)", "Hello, world (yes)"),
    ("网址http://a.cn", "网址http://a.cn"),
    ("真的吗?是的!", "真的吗？是的！"),
])
def test_widen_punctuation(raw, expected):
    assert widen_punctuation(raw) == expected


@pytest.mark.parametrize("text, ends", [
    ("参会。", True), ("“大考”。”", True), ("是吗？", True), ("……", True), ("表示：“机", False),
    ("发挥突", False), ("“背后故事”", False), ("（完）", False),
])
def test_ends_sentence(text, ends):
    assert ends_sentence(text) is ends


@pytest.mark.parametrize("line, byline", [
    ("记者 孙庆辉", True), ("记者孙庆辉", True), ("（记者 张三）", True), ("通讯员 刘子静", True),
    ("记者了解到当地情况", False), ("接受记者采访。", False), ("记者 王五 摄", True),
])
def test_is_byline(line, byline):
    assert is_byline(line) is byline


def test_byline_roles_in_order_without_duplicates():
    credits = Credits()
    parse_byline("本报记者 张三 李四 通讯员 王五", credits)
    parse_byline("记者 张三 实习生 赵六", credits)
    assert credits == Credits(["张三", "李四"], ["王五"], [], ["赵六"])


def test_glued_byline_needs_a_sentence_end_before_it():
    assert split_glued_byline("成员参会。记者 孙庆辉") == ("成员参会。", "记者 孙庆辉")
    assert split_glued_byline("他对记者 张三说") == ("他对记者 张三说", None)


@pytest.mark.parametrize("lead, expected", [
    ("本报讯 1月14日上午", ("本报讯", None, "1月14日上午")),
    ("本报讯（记者 孙庆辉）昨日", ("本报讯", "记者 孙庆辉", "昨日")),
    ("新华社北京3月8日电（记者 张三）会议", ("新华社北京3月8日电", "记者 张三", "会议")),
    ("本报郑州讯 近日", ("本报郑州讯", None, "近日")),
    ("本报讯员工", ("本报讯", None, "员工")),
    ("据本报讯", (None, None, "据本报讯")),
])
def test_split_dateline(lead, expected):
    assert split_dateline(lead) == expected


def test_first_date_prefers_what_comes_first():
    assert dates.first_date("2021年1月15日和2月3日") == dates.PartialDate(2021, 1, 15)
    assert dates.first_date("1月15日，2020年12月3日") == dates.PartialDate(None, 1, 15)
    assert dates.first_date("2月30日和3月1日") == dates.PartialDate(None, 3, 1)
    assert dates.first_date("没有日期") is None


def test_infer_year_skips_targets_and_takes_the_latest():
    text = "总结2020年工作，部署2021年任务，到2035年基本实现，2025年前完成"
    assert dates.infer_year(text).year == 2021
    assert dates.infer_year("没有年份") is None


def test_resolve_rolls_december_back_for_a_january_issue():
    issue = dt.date(2021, 1, 4)
    assert dates.resolve(dates.PartialDate(None, 12, 31), issue, 2021, False) == dt.date(2020, 12, 31)
    assert dates.resolve(dates.PartialDate(None, 1, 3), issue, 2021, False) == dt.date(2021, 1, 3)
    assert dates.resolve(dates.PartialDate(None, 12, 30), None, 2021, True) == dt.date(2020, 12, 30)
    assert dates.resolve(dates.PartialDate(None, 2, 29), None, 2021, False) is None
    assert dates.resolve(dates.PartialDate(None, 5, 1), None, None, False) is None


def test_seed_option_date_sets_the_year_but_never_dates_an_undated_article():
    text = "## 标题一\n\n本报讯 5月20日，活动举行。\n\n## 标题二\n\n近日，图书馆新增图书。\n"
    seed = parse_seed(text, SeedOptions(date=dt.date(2019, 5, 21)))
    assert [a.date for a in seed.articles] == [dt.date(2019, 5, 20), None]
    assert seed.warnings == [(5, "no date for «标题二»: left empty")]


def test_seed_options_file(tmp_path):
    (tmp_path / "seeds.toml").write_text(
        '["a.txt"]\ndate = 2021-01-15\nsection = "要闻"\ntags = ["党建"]\n', encoding="utf-8")
    assert load_seed_options(tmp_path) == {"a.txt": SeedOptions(dt.date(2021, 1, 15), None, "要闻", ("党建",))}


@pytest.mark.parametrize("line, kind", [
    ("2021年3月8日 星期一", "header"), ("责编:王丽 美编:赵强", "header"), ("A03 要闻", "header"),
    ("第3版", "header"), ("————", "separator"), ("＊＊＊", "separator"), ("（下转第三版）", "continuation"),
    ("会议由王新亭主持。", None), ("2021年3月8日，会议召开。", None),
])
def test_furniture_kind(line, kind):
    assert furniture_kind(line) == kind


def test_strip_continuations_mid_line():
    assert strip_continuations("基础设施。(下转第三版)") == ("基础设施。", ["(下转第三版)"])


def test_decode_gb18030_crlf_and_bom(tmp_path):
    gbk = tmp_path / "g.txt"
    gbk.write_bytes("## 标题\r\n\r\n正文。\r\n".encode("gb18030"))
    assert decode_seed(gbk) == "## 标题\n\n正文。\n"
    bom = tmp_path / "b.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "## 标题\r正文。".encode())
    assert decode_seed(bom) == "## 标题\n正文。"
    utf16 = tmp_path / "u.txt"
    utf16.write_bytes("## 标题\n".encode("utf-16"))
    assert decode_seed(utf16) == "## 标题\n"


def test_decode_refuses_control_character_soup(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(1, 32)) * 20)
    with pytest.raises(SourceError, match=r"x.txt:1: binary data \(\d+ control characters\)"):
        decode_seed(path)


def test_slugs():
    assert to_slug("高新区基层党组织书记迎来“大考”") == "gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao"
    assert to_slug("重庆银行") == "chong-qing-yin-hang"
    assert to_slug("5G 城轨") == "5g-cheng-gui"
    assert to_slug("！！！").startswith("x-")
    long = to_slug("高新区领导会见北京机科国创共同打造国家级研发平台并签署战略合作协议推动产业发展")
    assert len(long) <= 60 and not long.endswith("-")
    assert unique_slug("a", {"a", "a-2"}) == "a-3"


def test_the_control_characters_a_seed_may_not_hold_are_unicode_s_category_cc():
    import unicodedata

    from digest.ingest.decode import CONTROL_RE

    by_category = [chr(i) for i in range(0x3000) if unicodedata.category(chr(i)) == "Cc" and chr(i) not in "\t\n\r\f"]
    assert [chr(i) for i in range(0x3000) if CONTROL_RE.match(chr(i))] == by_category


def test_front_matter_never_holds_an_alias_when_two_values_are_the_same_day():
    from digest.ingest.markdown import dump_front_matter

    day = dt.date(2021, 1, 15)
    text = dump_front_matter({"date": day, "edition": day, "authors": ["孙庆辉"]})
    assert text == "date: 2021-01-15\nedition: 2021-01-15\nauthors: [孙庆辉]\n"
