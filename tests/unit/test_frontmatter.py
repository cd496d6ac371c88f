"""digest/frontmatter.py: whenever the fast reader answers, it answers exactly what PyYAML's safe loader does."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.frontmatter import read_plain, yaml_error

INGESTED = """title: 省工信厅、市工信局到高新区调研
kicker: null
subtitle: ——副题
date: 2021-01-13
authors: [孙庆辉, 欧阳·娜娜]
photographers: []
tags:
- 活动
- 党建
source_index: 3
draft: false
"""


def test_reads_what_ingest_writes_with_the_line_of_each_key() -> None:
    data, lines = read_plain(INGESTED)
    assert data == yaml.safe_load(INGESTED)
    assert data["date"] == dt.date(2021, 1, 13) and data["authors"] == ["孙庆辉", "欧阳·娜娜"]
    assert lines == {"title": 2, "kicker": 3, "subtitle": 4, "date": 5, "authors": 6, "photographers": 7,
                     "tags": 8, "source_index": 11, "draft": 12}


@pytest.mark.parametrize("text, value", [
    ("yes", True), ("Off", False), ("~", None), ("NULL", None), ("'it''s'", "it's"), ('"引号"', "引号"),
    ("2021-1-5", "2021-1-5"), ("高新区 基层", "高新区 基层"), ("a:b", "a:b"), ("12", 12),
])
def test_scalars_resolve_as_yaml_does(text: str, value: object) -> None:
    assert read_plain(f"k: {text}\n") == ({"k": value}, {"k": 2})
    assert yaml.safe_load(f"k: {text}\n") == {"k": value}


@pytest.mark.parametrize("front", [
    "k: 12:30\n", "k: 0x1F\n", "k: 1.5\n", "k: 2021-01-15 10:00:00\n", "k: a: b\n", "k: x # note\n",
    "# comment\nk: x\n", "k: &a x\n", "k: *a\n", "k: !!str 1\n", "k: |\n  text\n", '"k": x\n', "k: \"a\\tb\"\n",
    "k: [a, [b]]\n", "k:\n  - a\n- b\n", "k:\n- a\n  more\n", "k: x\tx\n", "k: x\x85y\n", "k: x\r\n",
    "k: x\nk: y\n", "k: 2021-02-30\n", "k: -1\n", "k: 007\n", "k:\n-\n", "\n", "", "  k: x\n", "k: @x\n",
])
def test_anything_unusual_is_left_to_pyyaml(front: str) -> None:
    assert read_plain(front) is None


SCALAR_CHARS = st.sampled_from(list("高新区记者·—“”：，。 abcXYZ019-_:#'\"[]{},!&*|>%@`?~\\\t\u3000\xa0"))
SCALARS = st.one_of(
    st.text(SCALAR_CHARS, max_size=8),
    st.sampled_from(["null", "~", "true", "no", "On", "2021-01-15", "2021-13-01", "0", "12", "1_0", "+1", ".5",
                     "''", '""', "[]", "'a''b'", "=", "<<"]),
)


def _value_text(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["scalar", "flow", "block", "empty"]))
    if kind == "scalar":
        return " " + draw(SCALARS)
    if kind == "flow":
        return " [" + ", ".join(draw(st.lists(SCALARS, max_size=3))) + "]"
    if kind == "block":
        indent = draw(st.sampled_from(["", "  "]))
        return "".join(f"\n{indent}- {item}" for item in draw(st.lists(SCALARS, min_size=1, max_size=3)))
    return ""


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(["title", "tags", "date", "draft", "k_2", "x"]), min_size=1, max_size=4))
    return "".join(f"{key}:{_value_text(draw)}\n" for key in keys)


@settings(max_examples=1500, deadline=None)
@given(front_matters())
def test_fast_reader_agrees_with_pyyaml(front: str) -> None:
    found = read_plain(front)
    if found is None:
        return
    data, lines = found
    loader = yaml.SafeLoader(front)
    try:
        node = loader.get_single_node()
        expected = loader.construct_document(node)
        expected_lines = {key.value: key.start_mark.line + 2 for key, _ in node.value}
    finally:
        loader.dispose()
    assert data == expected
    assert [type(v) for v in data.values()] == [type(v) for v in expected.values()]
    assert lines == expected_lines


_UNWRITABLE_CHARS = st.sampled_from(["\x00", "\x07", "\x0b", "\x1f", "\x7f", "\ud800", "\udfff", "\ufffe", "\uffff"])


@settings(max_examples=500, deadline=None)
@given(front_matters(), st.integers(min_value=0, max_value=80), _UNWRITABLE_CHARS)
def test_fast_reader_answers_only_for_text_every_page_can_hold(front: str, where: int, char: str) -> None:
    # digest/content.py skips its check of each value for a character no page can hold when this reader answered.
    spoiled = front[:where] + char + front[where:]
    assert read_plain(spoiled) is None


@pytest.mark.parametrize(("front", "line", "expected"), [
    # PyYAML fails on line 3; the slip is on line 2.
    ("title：本报讯\ndate: 2021-01-15\n", 3,
     "x.md:2: invalid YAML: no ':' after 'title' (a full-width colon '：' after a key: write 'title: ...')"),
    ("date: 2021-01-15\nauthors ：[张三]\n", 3,
     "x.md:3: invalid YAML: no ':' after 'authors' (a full-width colon '：' after a key: write 'authors: ...')"),
    ('title: 会议: "开幕"\n', 2,
     'x.md:2: invalid YAML: mapping values are not allowed here (quote the value: title: "会议: \\"开幕\\"")'),
    ("title: 标题：全角冒号在值里\nx: [\n", 3, "x.md:3: invalid YAML: mapping values are not allowed here"),
])
def test_yaml_errors_name_the_slip(front: str, line: int, expected: str) -> None:
    assert str(yaml_error("x.md", front, line, "invalid YAML: mapping values are not allowed here")) == expected
