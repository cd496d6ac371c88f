"""Each newspaper convention of DESIGN.md §3, proved on a fixture seed written for it."""
from __future__ import annotations

import datetime as dt
import shutil

import markdown
import pytest
import yaml

from digest.ingest import ingest
from tests.helpers import FIXTURES, articles_in


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("conventions")
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    report = ingest(root / "seeds", root / "content")
    by_title = {meta["title"]: (meta, body) for _, meta, body in articles_in(root / "content")}
    return report, by_title, root


def test_kicker_title_and_dash_subtitle(fixture_site):
    _, articles, _ = fixture_site
    meta, body = articles["我市举办春季大型招聘会"]
    assert meta["kicker"] == "春风送岗位 就业暖人心"
    assert meta["subtitle"] == "600余家企业提供岗位两万余个"
    assert "600余家企业提供岗位两万余个" not in body


def test_smaller_heading_under_a_title_is_its_subtitle(fixture_site):
    _, articles, _ = fixture_site
    assert articles["老旧小区改造启动"][0]["subtitle"] == "今年计划改造小区120个"


def test_dateline_parenthesis_byline(fixture_site):
    _, articles, _ = fixture_site
    meta, body = articles["我市举办春季大型招聘会"]
    assert (meta["dateline"], meta["authors"], meta["correspondents"]) == ("本报讯", ["张三"], ["李四"])
    assert body.startswith("3月7日上午，我市2021年春季大型招聘会")


def test_photo_caption_and_credit(fixture_site):
    _, articles, _ = fixture_site
    meta, body = articles["我市举办春季大型招聘会"]
    assert meta["captions"] == ["▲ 招聘会现场人头攒动。记者 王五 摄"]
    assert meta["photographers"] == ["王五"]
    assert "王五" not in body and "王五" not in meta["authors"]


def test_numbers_keep_half_width_commas(fixture_site):
    _, articles, _ = fixture_site
    assert "提供岗位20,000余个，涉及" in articles["我市举办春季大型招聘会"][1]
    assert "总投资1,200亿元" in articles["全市重点项目集中开工"][1]


def test_page_header_gives_the_year_and_is_removed(fixture_site):
    report, articles, _ = fixture_site
    seed = next(s for s in report.seeds if s.source == "010_kicker_subtitle.txt")
    assert seed.year == 2021 and seed.year_source.startswith("page header «2021年3月8日 星期一»")
    assert {f["kind"] for f in seed.furniture} == {"header"}
    assert articles["我市举办春季大型招聘会"][0]["date"] == dt.date(2021, 3, 7)


def test_gb18030_with_crlf_and_a_header_mid_page(fixture_site):
    report, articles, _ = fixture_site
    seed = next(s for s in report.seeds if s.source == "020_gb18030_crlf.txt")
    assert seed.issue_date == "2021-03-08" and [f["kind"] for f in seed.furniture] == ["header"]
    meta, body = articles["春耕备耕正当时"]
    assert "拖拉机翻耕土地。" in body
    assert meta["interns"] == ["周七"]
    assert meta["date"] == dt.date(2021, 3, 6)
    assert "\r" not in body


def test_wire_copy_dateline_and_reporters(fixture_site):
    _, articles, _ = fixture_site
    meta, body = articles["全国人大会议举行第二次全体会议"]
    assert meta["dateline"] == "新华社北京3月8日电"
    assert meta["authors"] == ["张三", "李四"]
    assert body.startswith("十三届全国人大四次会议")
    assert articles["国际空间站完成设备更换"][0]["dateline"] == "新华社华盛顿3月7日电"


def test_no_year_means_no_date_and_a_warning(fixture_site):
    report, articles, _ = fixture_site
    assert articles["全国人大会议举行第二次全体会议"][0]["date"] is None
    seed = next(s for s in report.seeds if s.source == "070_no_year.txt")
    assert seed.year is None
    assert any("no date for «社区开展志愿服务活动»" in w for w in seed.warnings)


def test_december_date_in_a_january_issue_is_last_year(fixture_site):
    _, articles, _ = fixture_site
    assert articles["一线职工坚守岗位迎新年"][0]["date"] == dt.date(2020, 12, 31)
    assert articles["新年第一个工作日 政务大厅人气旺"][0]["date"] == dt.date(2021, 1, 4)


def test_continuation_markers_edition_labels_and_separators_are_furniture(fixture_site):
    report, articles, _ = fixture_site
    seed = next(s for s in report.seeds if s.source == "050_furniture.txt")
    kinds = sorted(f["kind"] for f in seed.furniture)
    assert kinds == ["continuation", "continuation", "header", "separator", "separator"]
    meta, body = articles["城市更新让老街焕发新活力"]
    assert "同时完善排水、照明等基础设施。" in body
    assert "转" not in body and "A03" not in body
    assert meta["captions"] == ["图为改造中的老街。通讯员 刘子静 摄"]
    assert (meta["authors"], meta["correspondents"]) == (["孙庆辉"], ["刘子静"])
    assert articles["菜篮子供应充足价格平稳"][0]["dateline"] == "本报讯"


def test_bom_and_cr_line_ends(fixture_site):
    _, articles, _ = fixture_site
    meta, body = articles["带BOM的稿件"]
    assert meta["date"] == dt.date(2021, 2, 3)
    assert "\ufeff" not in body


def test_several_names_middle_dot_and_photo_text_credits(fixture_site):
    _, articles, _ = fixture_site
    meta, body = articles["多位记者联合采写的报道"]
    assert meta["authors"] == ["买买提·艾力", "张三", "李四", "王五"]
    assert meta["photographers"] == ["李四", "王五"]
    assert "记者了解到" in body  # `记者` inside a sentence is not a byline


def test_glued_byline_with_two_roles(fixture_site):
    _, articles, _ = fixture_site
    meta, body = articles["记者手记：在一线"]
    assert (meta["authors"], meta["interns"]) == (["赵六"], ["钱七"])
    assert body.rstrip().endswith("他说：“我们一定完成任务。”")


HOSTILE_TITLE = '标题： 带冒号 # 井号 "引号" <script>alert(1)</script>'


def test_hostile_front_matter_round_trips(fixture_site):
    _, articles, root = fixture_site
    meta, _ = articles[HOSTILE_TITLE]
    assert meta["kicker"] == '<script>alert("kicker")</script>'
    assert "' OR 1=1; --" in articles
    for path in (root / "content").rglob("*.md"):
        head = path.read_text(encoding="utf-8")[4:].split("\n---\n", 1)[0]
        assert isinstance(yaml.safe_load(head), dict)


@pytest.mark.parametrize("literal", [
    "#话题#热议", "138****5678", "a_b_c 与 *强调*", "[点我](javascript:alert(1))", "![图](x.png)",
    "<img src=x onerror=alert(1)>", "{{ config }} {% raw %} & &amp; &lt; 结束。", "> 这不是引用。",
    "- 这不是列表。", "1. 这也不是列表。",
])
def test_markdown_and_html_characters_stay_literal(fixture_site, literal):
    _, articles, _ = fixture_site
    _, body = articles[HOSTILE_TITLE]
    html = markdown.markdown(body)
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<ul>" not in html
    assert "<blockquote>" not in html and "<ol>" not in html and "<em>" not in html
    text = html.replace("<p>", "").replace("</p>", "\n")
    import html as html_lib

    assert literal in html_lib.unescape(text)


def test_backticks_and_backslashes_stay_literal(fixture_site):
    _, articles, _ = fixture_site
    import html as html_lib

    html = markdown.markdown(articles["' OR 1=1; --"][1])
    assert "测试文本 `反引号` 与 \\反斜杠\\ 都保留。" in html_lib.unescape(html)
