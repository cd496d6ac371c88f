import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digest.config import load_config
from digest.content import load_content
from digest.errors import SourceError
from digest.model import build_site
from digest.render import json_ld, render_pages_showing, render_site
from tests.conftest import FIXTURE_SITE, ROOT

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "header", "footer", "nav", "section", "article",
          "main", "ul", "ol", "hgroup", "aside", "title", "body", "head", "html", "script", "meta", "link",
          "table", "caption", "thead", "tbody", "tr", "th", "td", "details", "summary", "figure", "figcaption"}


@pytest.fixture(scope="module")
def outputs():
    cfg = load_config(FIXTURE_SITE / "site.toml", base_url="/news-digest/")
    site = build_site(load_content(FIXTURE_SITE / "content", drafts=False), cfg)
    return {o.path: o.data for o in render_site(site, cfg, ROOT / "templates")}


def html_pages(outputs):
    return {path: data.decode() for path, data in outputs.items() if path.endswith(".html")}


class _Blocks(HTMLParser):
    """Text runs as a reader sees them: block elements split runs, inline elements do not."""

    def __init__(self) -> None:
        super().__init__()
        self.runs = [""]
        self.in_body = False  # article text is the writer's; templates are checked

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "body") in attrs:
            self.in_body = True
        if tag in BLOCKS:
            self.runs.append("")

    def handle_endtag(self, tag):
        if tag == "div":
            self.in_body = False
        if tag in BLOCKS:
            self.runs.append("")

    def handle_data(self, data):
        if not self.in_body:
            self.runs[-1] += data


def test_json_ld_cannot_break_out() -> None:
    text = json_ld({"headline": "</script><script>alert(1)</script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script>&\u2028"


def test_every_page_has_the_essentials(outputs) -> None:
    for path, html in html_pages(outputs).items():
        assert html.startswith('<!doctype html>\n<html lang="zh-CN">'), path
        assert '<meta name="description" content="' in html, path
        assert '<meta property="og:title"' in html, path
        assert '<link rel="icon" href="/news-digest/favicon.svg"' in html, path
        if path != "404.html":
            assert '<link rel="canonical" href="https://example.org/news-digest/' in html, path


def test_no_stray_space_between_han_characters(outputs) -> None:
    """Templates add no space between Han characters (the writers' own text is theirs)."""
    pattern = re.compile(f"[{HAN}]\\s+[{HAN}]")
    written = sorted({text for a in load_content(FIXTURE_SITE / "content")
                      for text in (a.title, a.kicker, a.subtitle, *a.captions) if text and " " in text},
                     key=len, reverse=True)
    for path, html in html_pages(outputs).items():
        parser = _Blocks()
        parser.feed(html)
        for run in parser.runs:
            for text in written:
                run = run.replace(text, "")
            assert not pattern.search(run), (path, run)


def test_every_internal_url_is_under_the_base_path(outputs) -> None:
    for path, html in html_pages(outputs).items():
        for url in re.findall(r'(?:href|src)="([^"]*)"', html):
            if not url.startswith(("https://example.org/news-digest/", "https://example.com/", "#")):
                assert url.startswith("/news-digest/"), (path, url)


def test_article_page(outputs) -> None:
    html = outputs["2021/01/15/hostile-text/index.html"].decode()
    assert "<script>alert" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in html
    assert '<time datetime="2021-01-15">2021年1月15日</time>' in html
    assert '<span class="role">记者</span><a class="person" href="/news-digest/reporters/zhang-wei/">张伟</a>' in html
    assert '<span class="dateline">新华社北京1月15日电</span>' in html
    assert '<h2 id="xiao-biao-ti-yi">小标题一</h2>' in html
    assert '<h2 id="xiao-biao-ti-yi-2">小标题一</h2>' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("标题里有</script>")
    assert data["datePublished"] == "2021-01-15T00:00:00+08:00"
    assert [a["name"] for a in data["author"]] == ["张伟", "章伟"]
    assert data["publisher"]["name"] == "测试日报社"
    assert data["dateline"] == "新华社北京1月15日电"


def test_pagination_links(outputs) -> None:
    assert "2020/12/page/1/index.html" not in outputs
    second = outputs["2020/12/page/2/index.html"].decode()
    assert '<link rel="prev" href="/news-digest/2020/12/">' in second
    assert '<link rel="next" href="/news-digest/2020/12/page/3/">' in second
    assert '<link rel="canonical" href="https://example.org/news-digest/2020/12/page/2/">' in second


def test_long_lists_are_paged_by_month(outputs) -> None:
    # Four stories a page: the home page holds the newest four, then 更早的报道 is the page of the month that
    # holds the fifth (January has five: its second page).
    assert not any(path.startswith("page/") for path in outputs)
    home = outputs["index.html"].decode()
    assert '<a href="/news-digest/2021/01/page/2/">更早的报道<span>2021年1月（第2页）</span></a>' in home
    assert '<a href="/news-digest/2021/01/" aria-label="2021年1月，5篇">1月<span>5</span></a>' in home
    assert '<a href="/news-digest/undated/">未注明日期<span class="count">1篇</span></a>' in home
    month = outputs["2021/01/index.html"].decode()
    assert '<a href="/news-digest/2020/12/">更早的报道<span>2020年12月</span></a>' in month
    assert 'aria-current="page" aria-label="2021年1月，5篇"' in month
    # A reporter with more stories than a page: the newest, then a page per month, back to the reporter.
    li_na = outputs["reporters/li-na/index.html"].decode()
    assert ('<a href="/news-digest/reporters/li-na/2020/12/page/2/">更早的报道<span>2020年12月（第2页）</span></a>'
            in li_na)
    december = outputs["reporters/li-na/2020/12/index.html"].decode()
    assert '<p class="kicker"><a href="/news-digest/reporters/li-na/">李娜：最新报道</a></p>' in december
    assert "<h1>李娜：2020年12月</h1>" in december
    # The oldest month leads on to the undated stories, and the picker marks the month on each of its pages.
    december = outputs["2020/12/index.html"].decode()
    assert '<a href="/news-digest/undated/">更早的报道<span>未注明日期</span></a>' in december
    assert 'aria-current="page" aria-label="2020年12月，9篇"' in outputs["2020/12/page/2/index.html"].decode()
    # A short list is one page.
    assert not any(path.startswith("reporters/sun-qing-hui/2") for path in outputs)


def test_site_files(outputs) -> None:
    assert outputs[".nojekyll"] == b""
    assert outputs["favicon.svg"].startswith(b"<svg")
    assert b"Sitemap: https://example.org/news-digest/sitemap.xml" in outputs["robots.txt"]
    assert any(re.fullmatch(r"assets/style\.[0-9a-f]{10}\.css", path) for path in outputs)
    assert "reporters/zhang-wei/atom.xml" in outputs
    assert "草稿" not in "".join(html_pages(outputs).values())


def _render_with(tmp_path: Path, name: str, text: str) -> str:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / name).write_text(text, encoding="utf-8")
    cfg = load_config(FIXTURE_SITE / "site.toml")
    site = build_site(load_content(FIXTURE_SITE / "content"), cfg)
    with pytest.raises(SourceError) as caught:
        render_site(site, cfg, templates)
    return str(caught.value)


def test_template_syntax_error_has_file_and_line(tmp_path: Path) -> None:
    message = _render_with(tmp_path, "home.html", '{% extends "base.html" %}\n{% block main %}\n{% if %}\n')
    assert message == f"{tmp_path}/templates/home.html:3: Expected an expression, got 'end of statement block'"


def test_template_undefined_has_file_and_line(tmp_path: Path) -> None:
    message = _render_with(tmp_path, "archive.html",
                           '{% extends "base.html" %}\n{% block main %}\n\n{{ nothing_here }}\n{% endblock %}\n')
    assert message == f"{tmp_path}/templates/archive.html:4: 'nothing_here' is undefined"


def test_missing_template(tmp_path: Path) -> None:
    message = _render_with(tmp_path, "archive.html", '{% extends "base.html" %}\n{% include "nope.html" %}\n')
    assert message == f"{tmp_path}/templates/archive.html:2: template not found: nope.html"


def test_an_edit_of_the_editions_lead_redraws_the_home_page_however_old_the_lead(tmp_path: Path) -> None:
    # The lead of the latest edition reports on 1 March; three web-only reports are newer: with two stories a
    # page the lead is not among the home page's newest, but it heads the home page all the same.
    content = tmp_path / "content"
    content.mkdir()
    (content / "lead.md").write_text("---\ntitle: 头条\ndate: 2021-03-01\nedition: 2021-03-10\npage: A01\n"
                                      "order: 1\n---\n\n头条的正文。\n", encoding="utf-8")
    for day in (11, 12, 13):
        (content / f"web-{day}.md").write_text(f"---\ntitle: 网络稿{day}\ndate: 2021-03-{day}\n---\n\n正文。\n",
                                               encoding="utf-8")
    cfg = replace(load_config(FIXTURE_SITE / "site.toml"), per_page=2)
    site = build_site(load_content(content), cfg)
    lead = site.editions[0].lead
    assert site.stories.index(lead) >= cfg.per_page
    shown = {o.path for o in render_pages_showing(site, cfg, ROOT / "templates", [(lead, True)])}
    assert "index.html" in shown


def test_a_corrected_article_shows_its_corrections_and_date_modified(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "2021/01/15").mkdir(parents=True)
    (content / "2021/01/15/a.md").write_text(
        "---\ntitle: 更正过的报道\ndate: 2021-01-15\nupdated: 2021-01-22\nslug: a\n"
        "correction: [{date: 2021-01-20, text: 原文“张明”应为“张敏”。}]\n---\n正文。\n", encoding="utf-8")
    (content / "2021/01/15/b.md").write_text("---\ntitle: 没有更正\ndate: 2021-01-15\nslug: b\n---\n正文。\n",
                                            encoding="utf-8")
    cfg = load_config(FIXTURE_SITE / "site.toml")
    pages = {o.path: o.data for o in render_site(build_site(load_content(content), cfg), cfg,
                                                            ROOT / "templates")}
    page, plain = (pages[f"2021/01/15/{slug}/index.html"].decode() for slug in "ab")
    note = ('</header>\n<aside class="correction" aria-label="更正">\n'
            '<p><strong>更正</strong>（<time datetime="2021-01-20">2021年1月20日</time>）：原文“张明”应为“张敏”。</p>\n'
            '<p><strong>更新</strong>：本文于<time datetime="2021-01-22">2021年1月22日</time>更新。</p></aside>\n')
    assert note in page
    assert 'class="correction"' not in plain
    assert '"datePublished":"2021-01-15T00:00:00+08:00","dateModified":"2021-01-22T00:00:00+08:00"' in page
    assert '"datePublished":"2021-01-15T00:00:00+08:00","dateModified":"2021-01-15T00:00:00+08:00"' in plain


def test_the_search_page_fetches_the_list_of_shards_ahead_only_with_an_index(outputs) -> None:
    from digest.render import render_outputs

    page = outputs["search/index.html"].decode()
    assert 'href="/news-digest/pagefind/shards.json" as="fetch"' in page
    head = page.split("</head>")[0]
    assert "pagefind.js" not in head and ".pagefind" not in head  # Pagefind starts after the first results
    cfg = load_config(FIXTURE_SITE / "site.toml", base_url="/news-digest/")
    site = build_site(load_content(FIXTURE_SITE / "content", drafts=False), cfg)
    bare = next(o.data.decode() for o in render_outputs(site, cfg, ROOT / "templates", search=False)
                if o.path == "search/index.html")
    assert "pagefind/" not in bare.split("</head>")[0]  # built with --no-search: nothing of an index fetched
