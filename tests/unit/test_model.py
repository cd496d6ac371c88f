import datetime as dt
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from digest import model
from digest.config import SiteConfig
from digest.content import Article
from digest.model import (
    build_site,
    count_chars,
    format_date,
    paragraphs_of,
    reading_minutes,
    strip_bylines,
    summarise,
    weekday,
    with_dateline,
)

CFG = SiteConfig(title="测试", per_page=2)


def art(slug: str, date: dt.date | None = dt.date(2021, 1, 15), **kw: object) -> Article:
    return Article(path=f"{slug}.md", title=kw.pop("title", slug), body=kw.pop("body", "正文。"), slug=slug,
                   date=date, **kw)


def test_format_date_and_weekday() -> None:
    assert format_date(dt.date(2021, 1, 15)) == "2021年1月15日"
    assert weekday(dt.date(2021, 1, 15)) == "星期五"


def test_summary_cut_at_sentence_end() -> None:
    first = "甲" * 50 + "。"
    second = "乙" * 50 + "！”"
    third = "丙" * 50 + "。"
    assert summarise([first + second + third], 120) == first + second


def test_summary_short_text_whole() -> None:
    assert summarise(["很短的一段话。", "第二段。"]) == "很短的一段话。第二段。"


def test_summary_long_first_sentence_finds_next_end() -> None:
    long = "长" * 130 + "。"
    assert summarise([long + "后面。"], 120) == long


def test_summary_without_sentence_end_is_cut_with_ellipsis() -> None:
    assert summarise(["字" * 400], 120) == "字" * 120 + "…"


def test_summary_never_contains_a_byline() -> None:
    paragraphs = ["本报讯（记者 孙庆辉 通讯员 刘子静）高新区召开会议。", "会议由王新亭主持。记者 孙庆辉"]
    summary = summarise(paragraphs, 120, ["孙庆辉", "刘子静"])
    assert summary == "高新区召开会议。会议由王新亭主持。"
    assert "记者" not in summary


def test_strip_bylines_keeps_reporting_verbs() -> None:
    assert strip_bylines("记者了解到，会议召开。") == "记者了解到，会议召开。"
    assert strip_bylines("现场照片。记者 赵强 摄") == "现场照片。"


def test_reading_time_in_characters() -> None:
    assert count_chars("高新区 召开\n会议。") == 8
    assert reading_minutes(100, 450) == 1
    assert reading_minutes(1400, 450) == 3


def test_dateline_goes_into_first_paragraph() -> None:
    assert with_dateline("<p>正文</p>", "本报讯") == '<p><span class="dateline">本报讯</span>正文</p>'
    assert with_dateline("<h2>小</h2>", "本报讯<") == '<p class="dateline">本报讯&lt;</p>\n<h2>小</h2>'
    assert with_dateline("<p>正文</p>", None) == "<p>正文</p>"


def test_site_model() -> None:
    articles = [
        art("a", authors=("张伟",), photographers=("章伟",), tags=("安全",)),
        art("b", authors=("张伟",), interns=("王小明",), section="经济"),
        art("c", dt.date(2020, 12, 31), correspondents=("刘子静",), tags=("安全",), section="经济"),
        art("d", None, authors=("周敏",)),
    ]
    site = build_site(articles, CFG)
    a, b, c, d = site.stories
    assert [s.path for s in site.stories] == ["2021/01/15/a/", "2021/01/15/b/", "2020/12/31/c/", "articles/d/"]
    # Names with the same pinyin get distinct, deterministic slugs.
    assert [(p.name, p.path) for p in a.people] == [("张伟", "reporters/zhang-wei/"),
                                                    ("章伟", "reporters/zhang-wei-2/")]
    assert [(bl.role, bl.role_after) for bl in a.bylines] == [("记者", False), ("摄", True)]
    assert [bl.role for bl in b.bylines] == ["记者", "实习生"]
    assert (a.previous, a.next.path) == (None, "2021/01/15/b/")
    assert d.next is None
    assert [link.path for link in a.related] == ["2021/01/15/b/", "2020/12/31/c/"]
    assert [link.path for link in c.related] == ["2021/01/15/a/", "2021/01/15/b/"]
    assert d.related == ()
    assert [y.name for y in site.years] == ["2021年", "2020年"]
    assert [m.path for m in site.years[0].children] == ["2021/01/"]
    assert [(i.name, i.note, len(i.stories)) for i in site.issues] == [
        ("2021年1月15日", "星期五", 2), ("2020年12月31日", "星期四", 1)]
    assert [t.path for t in site.tags] == ["tags/an-quan/"]
    assert [s.path for s in site.sections] == ["sections/jing-ji/"]
    zhang = next(p for p in site.people if p.name == "张伟")
    assert (zhang.note, len(zhang.stories)) == ("记者", 2)
    assert site.updated == dt.date(2021, 1, 15)
    assert a.issue.path == "2021/01/15/"
    assert d.issue is None


_PIECES = st.lists(st.sampled_from(["<p>", "</p>", "<h2>", "</h2>", "<em>", "&amp;", "&lt;", "\n", "正文", "a",
                                    "记者", "通讯员", "实习生", "摄", "（", "）", " ", "\u3000", "张三", "李四"]),
                   max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PIECES)
def test_paragraphs_of_finds_what_the_regex_finds(body: str) -> None:
    reference = [html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
                 for match in re.finditer(r"<p>(.*?)</p>", body, re.DOTALL)]
    assert paragraphs_of(body) == reference


@settings(max_examples=500, deadline=None)
@given(_PIECES, st.lists(st.sampled_from(["张三", "李四", "三"]), max_size=2))
def test_strip_bylines_skips_only_text_without_a_role_word(text: str, names: list[str]) -> None:
    # The shortcut for text without 记者, 通讯员, 实习生 or 摄 gives what the patterns give.
    reference = text
    for pattern in model._BYLINE_PATTERNS:
        reference = pattern.sub("", reference)
    for name in sorted(set(names), key=len, reverse=True):
        reference = re.sub(rf"{model._ROLE_WORDS}[ \u3000]*{re.escape(name)}(?:[ \u3000]*摄)?", "", reference)
    assert strip_bylines(text, names) == reference.strip()


def _summary_scanning_all(text: str, limit: int) -> str:
    """The cut `summarise` makes, with every sentence end of the text found (the reference)."""
    if len(text) <= limit:
        return text
    ends = [match.end() for match in model._SENTENCE_END.finditer(text)]
    fitting = [end for end in ends if end <= limit]
    if fitting and fitting[-1] >= limit // 3:
        return text[: fitting[-1]]
    longer = [end for end in ends if limit < end <= limit * 3 // 2]
    return text[: longer[0]] if longer else text[:limit].rstrip("，、；：,;: ") + "…"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["字", "。", "！", "…", "”", "）", "，"]), max_size=60).map("".join),
       st.integers(min_value=3, max_value=30))
def test_summary_scans_for_sentence_ends_only_as_far_as_they_count(text: str, limit: int) -> None:
    # Ends past limit * 3 // 2 are never used, so the scan stops there: a run of 。！… across that point too.
    assert summarise([text], limit) == _summary_scanning_all(model._clean(text), limit)
