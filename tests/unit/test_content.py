import datetime as dt
from pathlib import Path

import pytest

from digest.content import ContentErrors, load_content


def put(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_content(root)
    return [str(error) for error in caught.value.errors]


GOOD = """---
title: 高新区基层党组织书记迎来“大考”
kicker: 畅谈履职故事 盘点基层党建
subtitle: null
date: 2021-01-15
authors: [孙庆辉]
correspondents: []
photographers: []
interns: []
dateline: 本报讯
section: null
tags: [党建]
captions: []
slug: gao-xin-qu
source: 000_f71bc933e6fb3ad1.txt
source_index: 1
draft: false
---

年末岁初。
"""


def test_loads_the_schema(tmp_path: Path) -> None:
    put(tmp_path, "2021/01/15/a.md", GOOD)
    [article] = load_content(tmp_path)
    assert article.title == "高新区基层党组织书记迎来“大考”"
    assert article.kicker == "畅谈履职故事 盘点基层党建"
    assert article.subtitle is None
    assert article.date == dt.date(2021, 1, 15)
    assert article.authors == ("孙庆辉",)
    assert article.tags == ("党建",)
    assert article.slug == "gao-xin-qu"
    assert article.source_index == 1
    assert article.body == "\n年末岁初。\n"


def test_minimal_hand_written_file_gets_a_slug(tmp_path: Path) -> None:
    put(tmp_path, "x.md", "---\ntitle: 没有日期的专题\n---\n正文\n")
    [article] = load_content(tmp_path)
    assert (article.slug, article.date, article.authors) == ("mei-you-ri-qi-de-zhuan-ti", None, ())


def test_bom_and_crlf(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_bytes("\ufeff---\r\ntitle: 标题\r\ndate: 2021-01-15\r\n---\r\n正文\r\n".encode())
    [article] = load_content(tmp_path)
    assert article.title == "标题"


def test_skips_dotfiles_and_other_files(tmp_path: Path) -> None:
    put(tmp_path, ".ingest.json", "{}")
    put(tmp_path, ".hidden/x.md", "not front matter")
    put(tmp_path, ".draft.md", "not front matter")
    put(tmp_path, "notes.txt", "not markdown")
    put(tmp_path, "a.md", "---\ntitle: 甲\n---\n")
    assert [a.title for a in load_content(tmp_path)] == ["甲"]


def test_order_newest_first_then_source_and_index(tmp_path: Path) -> None:
    def art(name: str, date: str, source: str, index: int) -> None:
        put(tmp_path, name, f"---\ntitle: {name}\ndate: {date}\nsource: {source}\nsource_index: {index}\n---\n")

    art("d.md", "null", "a.txt", 1)
    art("c.md", "2021-01-14", "a.txt", 1)
    art("b.md", "2021-01-15", "b.txt", 1)
    art("a.md", "2021-01-15", "a.txt", 2)
    art("e.md", "2021-01-15", "a.txt", 1)
    assert [a.title for a in load_content(tmp_path)] == ["e.md", "a.md", "b.md", "c.md", "d.md"]


def test_drafts_left_out_on_request(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\ntitle: 草稿\ndraft: true\n---\n")
    assert len(load_content(tmp_path)) == 1
    assert load_content(tmp_path, drafts=False) == []


def test_yaml_error_has_line_inside_file(tmp_path: Path) -> None:
    put(tmp_path, "bad.md", "---\ntitle: 好\ndate: 2021-01-15\nauthors: [孙庆辉\nslug: x\n---\n")
    [message] = errors_of(tmp_path)
    assert message.startswith(f"{tmp_path / 'bad.md'}:5: invalid YAML: ")


def test_all_errors_collected_with_lines(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\nkicker: 引题\n---\n")
    put(tmp_path, "b.md", "---\ntitle: 标题\ndate: 昨天\nauthors: 孙庆辉\n---\n")
    put(tmp_path, "c.md", "---\ntitle: [1, 2]\ndraft: yes please\ncolour: red\n---\n")
    put(tmp_path, "d.md", "no front matter\n")
    put(tmp_path, "e.md", "---\ntitle: 未闭合\n")
    put(tmp_path, "f.md", "---\ntitle: 标题\ntags: [1, 二]\nsource_index: 0\nslug: Not A Slug\n---\n")
    put(tmp_path, "g.md", "---\n- just\n- a list\n---\n")
    put(tmp_path, "h.md", "---\ntitle: 时间\ndate: 2021-01-15 08:00:00\n---\n")
    put(tmp_path, "i.md", "---\ntitle: 标题\ndate: 2021-13-45\ntitle: 又一个\n---\n")
    a, b, c, d, e, f, g, h, i = (str(tmp_path / f"{n}.md") for n in "abcdefghi")
    assert errors_of(tmp_path) == [
        f"{a}:1: missing required key 'title'",
        f"{b}:3: 'date' must be a date such as 2021-01-15, or null, not string",
        f"{b}:4: 'authors' must be a list of strings, not string",
        f"{c}:2: 'title' must be a non-empty string, not list",
        f"{c}:3: 'draft' must be true or false, not string",
        f"{c}:4: unknown key 'colour'",
        f"{d}:1: missing front matter: the first line must be '---'",
        f"{e}:1: front matter is not closed by a '---' line",
        f"{f}:3: 'tags' must be a list of strings, not a list containing an integer",
        f"{f}:4: 'source_index' must be a positive integer, not 0",
        f"{f}:5: 'slug' must be lowercase ASCII letters, digits and hyphens, not 'Not A Slug'",
        f"{g}:2: front matter must be a mapping of keys to values",
        f"{h}:3: 'date' must be a date such as 2021-01-15, or null, not date and time",
        f"{i}:3: invalid value for 'date': month must be in 1..12",
    ]


def test_duplicate_slug_on_same_date_is_an_error(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\ntitle: 甲\ndate: 2021-01-15\nslug: same\n---\n")
    put(tmp_path, "b.md", "---\ntitle: 乙\ndate: 2021-01-15\nslug: same\n---\n")
    assert errors_of(tmp_path) == [
        f"{tmp_path / 'b.md'}:4: slug 'same' is already used by {tmp_path / 'a.md'} on the same date"
    ]


def test_derived_slugs_made_unique(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\ntitle: 同名\ndate: 2021-01-15\n---\n")
    put(tmp_path, "b.md", "---\ntitle: 同名\ndate: 2021-01-15\n---\n")
    put(tmp_path, "c.md", "---\ntitle: 同名\ndate: 2021-01-15\nslug: tong-ming\n---\n")
    assert sorted(a.slug for a in load_content(tmp_path)) == ["tong-ming", "tong-ming-2", "tong-ming-3"]


def test_error_lines_printed_one_per_line(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\nkicker: x\n---\n")
    put(tmp_path, "b.md", "---\nkicker: x\n---\n")
    with pytest.raises(ContentErrors) as caught:
        load_content(tmp_path)
    assert str(caught.value).count("\nerror: ") == 1


def test_duplicate_key(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\ntitle: 甲\ntitle: 乙\n---\n")
    assert errors_of(tmp_path) == [f"{tmp_path / 'a.md'}:3: duplicate key 'title'"]


def test_characters_no_page_can_hold_are_named_with_their_line(tmp_path: Path) -> None:
    put(tmp_path, "a.md", '---\ntitle: "坏\\ud800字"\nauthors: ["好", "\\x07"]\n---\n\n正文。\n')
    put(tmp_path, "b.md", "---\ntitle: 好\n---\n\n第一段。\n\n第二段\ufffe。\n")
    assert errors_of(tmp_path) == [
        f"{tmp_path}/a.md:2: 'title' contains U+D800 (an unpaired surrogate), which no web page can hold",
        f"{tmp_path}/a.md:3: 'authors' contains U+0007 (a control character), which no web page can hold",
        f"{tmp_path}/b.md:7: the text contains U+FFFE (a noncharacter), which no web page can hold",
    ]


def test_a_character_yaml_refuses_is_named_with_its_line(tmp_path: Path) -> None:
    # Found by the fuzzer: PyYAML refuses it before parsing, with an error that carries no line.
    put(tmp_path, "a.md", "---\ntitle: 好\nkicker: 坏\x03字\n---\n\n正文。\n")
    assert errors_of(tmp_path) == [f"{tmp_path}/a.md:3: invalid YAML: the character U+0003 is not allowed"]


@pytest.mark.parametrize("head", ["", "\ufeff"])
@pytest.mark.parametrize("ends", ["\n", "\r\n", "\u2028"])
def test_a_file_the_memo_knows_loads_as_it_was_read(tmp_path: Path, head: str, ends: str) -> None:
    # The memo keeps where the body starts in the decoded text; a file it knows is not parsed again.
    text = head + (GOOD + "\n第一段，有“引号”。\n\n第二段𠀀。\n").replace("\n", ends)
    (tmp_path / "a.md").write_bytes(text.encode("utf-8"))
    memo: dict = {}
    first = load_content(tmp_path, memo=memo)
    again = load_content(tmp_path, memo=memo)
    assert len(memo) == 1
    assert again == first and again[0] is not first[0]
    assert again[0].body == text[len(head):].split("---" + ends, 2)[2]


def test_corrections_as_a_list_or_one_text_dated_by_updated(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\ntitle: 甲\ndate: 2021-01-15\nupdated: 2021-01-22\ncorrection:\n"
                          "  - {date: 2021-01-21, text: ' 原文“张明”应为“张敏”。 '}\n"
                          "  - {date: 2021-01-20, text: 第二段日期有误。}\n---\n正文。\n")
    put(tmp_path, "b.md", "---\ntitle: 乙\ndate: 2021-01-15\nupdated: 2021-01-18\ncorrection: 原文有误。\n---\n"
                          "正文。\n")
    put(tmp_path, "c.md", "---\ntitle: 丙\ndate: 2021-01-15\nupdated: null\ncorrection: null\n---\n正文。\n")
    a, b, c = sorted(load_content(tmp_path), key=lambda article: article.path)
    assert [(item.date, item.text) for item in a.corrections] == [
        (dt.date(2021, 1, 20), "第二段日期有误。"), (dt.date(2021, 1, 21), "原文“张明”应为“张敏”。")]
    assert (a.modified, a.update_note) == (dt.date(2021, 1, 22), dt.date(2021, 1, 22))
    assert [(item.date, item.text) for item in b.corrections] == [(dt.date(2021, 1, 18), "原文有误。")]
    assert (b.modified, b.update_note) == (dt.date(2021, 1, 18), None)  # the correction shows that day
    assert (c.corrections, c.modified, c.update_note) == ((), None, None)


@pytest.mark.parametrize(("front", "message"), [
    ("updated: 2021年1月20日", "a.md:4: 'updated' must be a date such as 2021-01-15, or null, not string"),
    ("updated: 2021-01-20 10:00:00", "a.md:4: 'updated' must be a date such as 2021-01-15, or null, "
                                     "not date and time"),
    ("updated: 2021-02-30", "a.md:4: invalid value for 'updated': day is out of range for month"),
    ("updated: 2021-01-14", "a.md:4: 'updated' date 2021-01-14 is before the article's date 2021-01-15"),
    ("correction: 42", "a.md:4: 'correction' must be a text or a list of {date, text}, not integer"),
    ("correction: []", "a.md:4: 'correction' must be a text or a list of {date, text}, not list"),
    ("correction: 原文有误。", "a.md:4: 'correction' as one text needs 'updated', its date "
                              "(or write a list such as [{date: 2021-01-20, text: ...}])"),
    ("correction: [原文有误。]", "a.md:4: 'correction' item 1 must be a mapping such as "
                               "{date: 2021-01-20, text: ...}, not string"),
    ("correction: [{date: 2021-01-20, text: x, by: 编辑}]",
     "a.md:4: 'correction' item 1: unknown key 'by' (a correction has 'date' and 'text')"),
    ("correction: [{date: 20210120, text: x}]",
     "a.md:4: 'correction' item 1: 'date' must be a date such as 2021-01-20, not integer"),
    ("correction: [{date: 2021-01-20, text: ''}]",
     "a.md:4: 'correction' item 1: 'text' must be a non-empty string, not an empty one"),
    ('correction: [{date: 2021-01-20, text: "\\x07"}]',
     "a.md:4: 'correction' item 1: 'text' contains U+0007 (a control character), which no web page can hold"),
    ("correction: [{date: 2021-01-10, text: x}]",
     "a.md:4: 'correction' date 2021-01-10 is before the article's date 2021-01-15"),
    ("updated: 2021-01-10\ncorrection: 原文有误。",
     "a.md:4: 'updated' date 2021-01-10 is before the article's date 2021-01-15"),
])
def test_correction_and_updated_errors_name_file_and_line(tmp_path: Path, front: str, message: str) -> None:
    put(tmp_path, "a.md", f"---\ntitle: 甲\ndate: 2021-01-15\n{front}\n---\n正文。\n")
    assert errors_of(tmp_path) == [str(tmp_path / message)]


def test_people_and_topics_are_lists_and_absent_is_not_empty(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\ntitle: 甲\npeople: [王新亭, ' 张朝辉 ', 王新亭, '']\ntopics: [党建, 基层治理]\n---\n")
    put(tmp_path, "b.md", "---\ntitle: 乙\npeople: []\ntopics: []\n---\n")
    put(tmp_path, "c.md", "---\ntitle: 丙\ntopics: null\n---\n")
    a, b, c = sorted(load_content(tmp_path), key=lambda article: article.path)
    # Each name once, in the order given; an empty list says "nobody", a missing (or null) key "not given".
    assert (a.mentions, a.topics) == (("王新亭", "张朝辉"), ("党建", "基层治理"))
    assert (b.mentions, b.topics) == ((), ())
    assert (c.mentions, c.topics) == (None, None)


def test_people_and_topics_errors_name_file_and_line(tmp_path: Path) -> None:
    put(tmp_path, "a.md", "---\ntitle: 甲\npeople: 王新亭\ntopics: [党建, 3]\n---\n")
    put(tmp_path, "b.md", "---\ntitle: 乙\ntopics: {党建: 1}\npeople:\n  - [王新亭]\n---\n")
    a, b = (str(tmp_path / f"{n}.md") for n in "ab")
    assert errors_of(tmp_path) == [
        f"{a}:3: 'people' must be a list of strings, not string",
        f"{a}:4: 'topics' must be a list of strings, not a list containing an integer",
        f"{b}:3: 'topics' must be a list of strings, not mapping",
        f"{b}:4: 'people' must be a list of strings, not a list containing a list",
    ]
