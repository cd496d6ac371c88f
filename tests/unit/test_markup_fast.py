"""The fast Markdown path answers only where it agrees byte for byte with Python-Markdown (as configured)."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from digest.ingest.markdown import escape_markdown
from digest.markdown_full import markdown_html
from digest.markup import _fast_html, to_html

# Characters that matter to Markdown or HTML, plus Han text, spaces and digits.
SPECIAL = list("\\`*_{}[]()>#+-.!&<;:=|~\"' \u3000\t\r\n0123456789axX")
HAN = list("高新区基层党组织书记迎来大考。，！？“”…—·")
ENTITIES = ["&lt;", "&amp;", "&gt;", "&quot;", "&#38;", "&#x26;", "&#X26;", "&AMP;", "&nbsp;", "&x;", "&\\#38;"]
ESCAPES = ["\\" + char for char in "\\`*_{}[]()>#+-.!&<;a"]


def _check(text: str) -> None:
    fast = _fast_html(text)
    if fast is not None:
        assert fast == markdown_html(text), text
    assert to_html(text) == markdown_html(text)


pieces = st.one_of(
    st.text(alphabet=st.sampled_from(HAN), min_size=1, max_size=12),
    st.sampled_from(SPECIAL),
    st.sampled_from(ENTITIES),
    st.sampled_from(ESCAPES),
)
line = st.lists(pieces, min_size=1, max_size=12).map("".join)
heading = st.tuples(st.sampled_from(["# ", "## ", "### ", "###### ", "####### ", "##", "##  "]), line).map("".join)
block = st.one_of(line, heading)
document = st.tuples(
    st.sampled_from(["", "\n", "\n\n", " \n"]),
    st.lists(block, max_size=6),
    st.sampled_from(["\n\n", "\n", "\n\n\n", "\n\n\n\n", "\n \n"]),
    st.sampled_from(["", "\n", "\n\n", "\n\n\n"]),
).map(lambda parts: parts[0] + parts[2].join(parts[1]) + parts[3])


@settings(max_examples=1500, deadline=None)
@given(document)
@example("")
@example("\n")
@example("## \\#")
@example("1\\. 第一\n\n\\> 引用\n\n\\- 列表\n\n\\+ 加号")
@example("R&D 与 AT&T &#38; &\\#38; &lt;b&gt;")
@example("# 一\n\n## 二\n\n### 三\n\n## 二\n\n## main")
def test_fast_path_agrees_with_python_markdown(text: str) -> None:
    _check(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(SPECIAL + HAN), max_size=60))
def test_fast_path_agrees_on_arbitrary_text(text: str) -> None:
    _check(text)


paragraph_text = st.text(alphabet=st.sampled_from(SPECIAL + HAN + ["a", "Z", "5"]), min_size=1, max_size=60)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(st.booleans(), paragraph_text), min_size=1, max_size=8))
def test_ingest_output_takes_the_fast_path(parts: list[tuple[bool, str]]) -> None:
    """What ingest writes (escaped one-line paragraphs and `##` headings) agrees, and mostly avoids the slow path."""
    blocks = []
    for is_heading, text in parts:
        text = " ".join(text.replace("\t", " ").replace("\r", " ").split())
        if not text:
            continue
        text = escape_markdown(text)
        blocks.append(f"## {text}" if is_heading and "&" not in text else text)
    document = "\n" + "\n\n".join(blocks) + "\n"
    _check(document)
    if "&\\" not in document:  # `&` before an escape could unescape into an entity: the only refusal
        assert _fast_html(document) is not None, document


def test_typical_ingested_article_is_fast() -> None:
    text = ("本报讯（记者 孙庆辉）1月15日，高新区召开会议\\#话题\\#，&lt;b&gt; R&D 5G PM2\\.5。\n\n"
            "## 总结经验，找出不足\n\n1\\. 第一条。\n\n\\- 第二条！\n")
    fast = _fast_html(text)
    assert fast is not None
    assert fast == markdown_html(text) == to_html(text)


def test_outside_the_subset_falls_back() -> None:
    for text in ("*强调*", "[链接](/x/)", "<b>", "行一\n行二", "> 引用", "- 列表", "    缩进", "a  \nb", "`码`"):
        assert _fast_html(text) is None, text
        assert to_html(text) == markdown_html(text)
