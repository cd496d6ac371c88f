from html.parser import HTMLParser
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.markup import Heading, to_html


def test_script_is_text() -> None:
    html, _ = to_html('正文<script>alert("x")</script>结束')
    assert html == '<p>正文&lt;script&gt;alert("x")&lt;/script&gt;结束</p>'


def test_html_block_is_text() -> None:
    html, _ = to_html("<div onclick=\"x()\">\n块\n</div>")
    assert "<div" not in html
    assert "&lt;div" in html


def test_escaped_markdown_specials_stay_literal() -> None:
    html, _ = to_html(r"\*星号\*和\_下划线\_以及\[方括号\]和\#井号")
    assert html == "<p>*星号*和_下划线_以及[方括号]和#井号</p>"


def test_hashtag_is_not_a_heading() -> None:
    assert to_html("#话题#和文字")[0] == "<p>#话题#和文字</p>"
    assert "<h" not in to_html("第一行\n#话题#在行首")[0]


def test_entities_from_ingest_stay_text() -> None:
    assert to_html("&lt;b&gt;粗体&lt;/b&gt;")[0] == "<p>&lt;b&gt;粗体&lt;/b&gt;</p>"
    assert to_html("AT&T")[0] == "<p>AT&amp;T</p>"


def test_heading_ids_are_pinyin_and_unique() -> None:
    html, headings = to_html("## 总结经验，找出不足\n\n正文\n\n## 总结经验，找出不足\n\n## Main")
    assert headings == (
        Heading(2, "总结经验，找出不足", "zong-jie-jing-yan-zhao-chu-bu-zu"),
        Heading(2, "总结经验，找出不足", "zong-jie-jing-yan-zhao-chu-bu-zu-2"),
        Heading(2, "Main", "main-2"),
    )
    assert '<h2 id="zong-jie-jing-yan-zhao-chu-bu-zu">' in html
    assert "_1" not in html


def test_h1_in_body_becomes_h2() -> None:
    html, headings = to_html("# 大标题")
    assert html == '<h2 id="da-biao-ti">大标题</h2>'
    assert headings[0].level == 2


def test_no_fenced_or_indented_code_no_tables() -> None:
    assert "<code>" not in to_html("```\n代码\n```")[0]
    assert "<code>" not in to_html("`行内`")[0]
    assert "<pre>" not in to_html("    缩进的文字")[0]
    assert "<table>" not in to_html("| a | b |\n|---|---|\n| 1 | 2 |")[0]


def test_no_setext_headings() -> None:
    assert "<h2" not in to_html("一行字\n---")[0]


def test_lines_broken_between_han_are_joined() -> None:
    assert to_html("第一行在这里断开\n接着第二行")[0] == "<p>第一行在这里断开接着第二行</p>"
    assert to_html("English line\nnext line")[0] == "<p>English line\nnext line</p>"


def test_links_defused_and_based() -> None:
    html, _ = to_html("[坏](javascript:alert(1)) [站内](/archive/) [外](https://example.com/) ![图](x.png)", "/nd/")
    assert html == ('<p><span>坏</span> <a href="/nd/archive/">站内</a> '
                    '<a href="https://example.com/">外</a> <figure data-photo="x.png">图</figure></p>')
    # A photo is a placeholder that digest/photos.py replaces with the processed photo, or reports.


def test_pure() -> None:
    # Not memoised here (derive_all keeps each article's result): the same text gives equal results.
    assert to_html("同样的文字\n\n## 小标题") == to_html("同样的文字\n\n## 小标题")


ALLOWED = {"p", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "span", "ul", "ol", "li", "blockquote",
           "hr", "br", "figure"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


HOSTILE = "<>/&\"'=*_#[]()!`\\ \n\t-:.script onerrorjavascript汉字。"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(HOSTILE)), max_size=80))
def test_text_never_becomes_markup(text: str) -> None:
    parser = _Tags()
    parser.feed(to_html(text)[0])
    for tag, attrs in parser.found:
        assert tag in ALLOWED, (text, tag)
        assert set(attrs) <= {"id", "href", "data-photo"}, (text, attrs)
        scheme = urlsplit((attrs.get("href") or "").strip()).scheme.lower()
        assert scheme in ("", "http", "https", "mailto"), (text, attrs)
