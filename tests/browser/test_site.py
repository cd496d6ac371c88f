"""The served fixture site in chromium: pager, article, 404, layout at 360 px, axe, and a link check."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

BASE = "/news-digest/"


def test_follow_the_months_and_the_pager(page, served_site: str) -> None:
    page.goto(served_site)
    seen = [urlsplit(page.url).path]
    while page.locator("a", has_text="更早的报道").count():
        page.locator("a", has_text="更早的报道").click()
        page.wait_for_load_state("load")  # the URL changes before the page is parsed
        seen.append(urlsplit(page.url).path)
    assert seen == [BASE, f"{BASE}2021/01/page/2/", f"{BASE}2020/12/", f"{BASE}undated/"]
    page.goto(served_site + "2020/12/")
    page.locator(".pager a[rel=next]").click()
    assert urlsplit(page.url).path == f"{BASE}2020/12/page/2/"
    assert page.locator("h1").inner_text().startswith("2020年12月")
    page.locator(".pager a[rel=prev]").click()
    assert urlsplit(page.url).path == f"{BASE}2020/12/"
    # Any month in two taps: open the picker, tap the month.
    page.locator(".month-picker summary").click()
    page.locator(".month-picker a", has_text="1月").click()
    assert urlsplit(page.url).path == f"{BASE}2021/01/"



def test_from_a_month_of_a_reporter_any_month_is_two_taps_away(page, served_site: str) -> None:
    page.goto(served_site + "reporters/li-na/2020/12/page/2/")
    page.locator("a", has_text="按月份查看").click()  # the reporter's page, its month grid opened
    assert urlsplit(page.url).path == f"{BASE}reporters/li-na/"
    page.locator("#months a", has_text="12月").click()
    assert urlsplit(page.url).path == f"{BASE}reporters/li-na/2020/12/"

def test_open_an_article(page, served_site: str) -> None:
    page.goto(served_site)
    page.locator("article.item h2 a", has_text="标题里有").click()
    assert urlsplit(page.url).path == f"{BASE}2021/01/15/hostile-text/"
    assert page.locator("h1").inner_text() == '标题里有</script><script>alert(1)</script>和"引号"&符号'
    assert "<script>alert" in page.locator(".body").inner_text()
    data = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert data["@type"] == "NewsArticle"
    # Date and byline on one line; the 小标题 collapsed until asked for.
    assert page.locator(".story-head .byline").inner_text().replace("\n", "") == "2021年1月15日记者张伟章伟摄"
    assert page.locator(".story-head .byline").evaluate("e => e.getBoundingClientRect().height") < 50
    assert not page.locator(".toc a").first.is_visible()
    page.locator(".toc summary").click()
    page.locator(".toc a").nth(1).click()
    assert page.url.endswith("#xiao-biao-ti-yi-2")
    page.locator(".byline a", has_text="张伟").click()
    assert urlsplit(page.url).path == f"{BASE}reporters/zhang-wei/"


def _fits_the_phone(page) -> None:
    """Nothing wider than the 360 px viewport (no sideways scroll)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_from_an_article_to_a_person_named_and_a_topic(page, served_site: str) -> None:
    page.goto(served_site + "2021/01/15/gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao/", wait_until="load")
    row = page.locator(".subjects")
    assert row.locator("dt").all_inner_texts() == ["人物", "话题"]
    assert row.locator("a").all_inner_texts() == ["王新亭", "张朝辉", "党建", "基层治理", "述职评议"]
    assert min(box["height"] for box in (a.bounding_box() for a in row.locator("a").all())) >= 44  # a tap each
    _fits_the_phone(page)
    row.locator("a", has_text="王新亭").click()
    page.wait_for_load_state("load")  # the URL changes before the page is parsed
    assert urlsplit(page.url).path == f"{BASE}people/wang-xin-ting/"
    assert page.locator("h1").inner_text() == "王新亭"
    assert page.locator(".note").inner_text().startswith("报道中提到王新亭，共6篇报道")
    assert page.locator(".headlines a").first.inner_text() == "高新区基层党组织书记迎来“大考”"  # newest first
    _fits_the_phone(page)
    page.locator(".together a", has_text="党建").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"{BASE}topics/dang-jian/"
    assert page.locator("h1").inner_text() == "党建"
    _fits_the_phone(page)
    # A topic's list is paged plainly, without month pages; then every topic, by pinyin initial.
    assert page.locator(".month-picker").count() == 0
    page.locator("nav[aria-label='网站导航'] a", has_text="话题").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"{BASE}topics/"
    page.locator(".initials a", has_text="D").click()
    assert page.url.endswith("#i-d")
    assert page.locator("#i-d + .directory a").first.inner_text() == "党建"
    _fits_the_phone(page)


def test_404_page_works_at_any_depth(page, served_site: str) -> None:
    response = page.goto(served_site + "no/such/page/here/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面不存在"
    assert page.evaluate("getComputedStyle(document.querySelector('.masthead')).borderBottomStyle") == "double"
    page.locator("main a", has_text="回到首页").click()
    assert urlsplit(page.url).path == BASE


def test_readable_without_javascript(browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 640})
    tab = context.new_page()
    tab.goto(served_site + "2021/01/15/hostile-text/")
    assert "同名的小标题得到不同的锚点" in tab.locator(".body").inner_text()
    context.close()


def _pages(dist: Path) -> list[str]:
    return sorted(p.relative_to(dist).as_posix().removesuffix("index.html") for p in dist.rglob("*.html"))


def test_no_horizontal_scroll_at_360px(page, served_site: str, fixture_dist: Path) -> None:
    wide = []
    for path in _pages(fixture_dist):  # the dark scheme changes colours only, not layout
        # "load": with the stylesheet applied (DOMContentLoaded may come first, and a photo's width attribute
        # is wider than a phone until the stylesheet says max-width).
        page.goto(served_site + path, wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide.append((path, width))
    assert wide == []


AXE_PAGES = ["", "2020/12/page/2/", "2021/01/15/hostile-text/",
             "2021/01/15/di-er-pian-tong-yi-tian-de-ling-yi-pian-bao-dao/",
             "archive/", "2021/", "2021/01/", "2021/01/15/", "reporters/", "reporters/zhang-wei/", "tags/",
             "tags/an-quan/", "sections/jing-ji/", "articles/mei-you-ri-qi-de-zhuan-ti/", "404.html",
             "editions/", "editions/2021/01/16/", "editions/2021/01/16/a01/", "editions/2021/01/01/1/",
             "editions/2021/01/", "reporters/li-na/2020/12/", "undated/", "people/", "people/wang-xin-ting/",
             "topics/", "topics/dang-jian/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_has_no_violations(page, served_site: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.emulate_media(color_scheme=scheme)
    found = {}
    for path in AXE_PAGES:
        page.goto(served_site + path)
        results = axe.run(page)
        if results.violations_count:
            found[path] = results.generate_report()
    assert found == {}, "\n".join(f"{path}:\n{report}" for path, report in found.items())


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.urls.append(attrs[name])
        if tag == "meta" and attrs.get("property") == "og:url":
            self.urls.append(attrs["content"])


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_link_check(served_site: str) -> None:
    """Crawl every internal link, feed and sitemap URL: 0 broken, 0 escaping /news-digest/."""
    origin = f"{urlsplit(served_site).scheme}://{urlsplit(served_site).netloc}"
    published = "https://example.org"  # the fixture's site_url: canonical, feeds and sitemap use it
    queue = [served_site, served_site + "sitemap.xml", served_site + "atom.xml", served_site + "rss.xml",
             served_site + "feed.json", served_site + "robots.txt", served_site + "404.html"]
    seen: set[str] = set()
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []
    broken, escaping = [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = _fetch(url)
        if status != 200:
            broken.append((url, status))
            continue
        found: list[str] = []
        if "html" in kind:
            parser = _Links()
            parser.feed(body.decode())
            ids[url] = parser.ids
            found = parser.urls
        elif url.endswith((".xml", ".json", ".txt")):
            text = body.decode()
            found = re.findall(r"https?://[^\s\"<>]+", text) + re.findall(r'href="([^"]+)"', text)
        for link in found:
            absolute = urljoin(url, link)
            if absolute.startswith(published):
                absolute = origin + absolute[len(published):]
            if not absolute.startswith(origin):
                continue  # external: the fixture's one external link, schema.org, jsonfeed.org, XML namespaces
            target, fragment = urldefrag(absolute)
            if not urlsplit(target).path.startswith(BASE):
                escaping.append((url, link))
                continue
            if fragment:
                fragments.append((url, target, fragment))
            queue.append(target)
    missing = [(page, target, f) for page, target, f in fragments if f not in ids.get(target, set())]
    assert broken == []
    assert escaping == []
    assert missing == []
    assert len([u for u in seen if u.endswith("/")]) > 60


def test_feeds_and_sitemap_parse(served_site: str) -> None:
    for name in ("atom.xml", "rss.xml", "sitemap.xml", "reporters/zhang-wei/atom.xml"):
        ET.fromstring(_fetch(served_site + name)[2])
    assert json.loads(_fetch(served_site + "feed.json")[2])["items"]


def test_read_the_paper_edition_by_edition_and_page_by_page(page, served_site: str) -> None:
    page.goto(served_site)
    page.locator(".today h1 a").click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/16/"
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "2021年1月16日星期六"
    assert page.locator(".lead h3").inner_text() == "高新区基层党组织书记迎来“大考”"
    assert page.locator(".printed-page h2 a").all_inner_texts() == ["第A01版：要闻", "第A02版：经济"]
    page.locator(".printed-page h2 a", has_text="第A02版").click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/16/a02/"
    assert page.locator(".page-list a[aria-current=page]").inner_text() == "第A02版：经济"
    page.locator("a[rel=prev]", has_text="上一版").click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/16/a01/"
    page.wait_for_load_state("load")
    assert page.locator("article.item h2").all_inner_texts() == [
        "高新区基层党组织书记迎来“大考”", "高新区领导会见“北京机科国创” 共同打造国家级研发平台"]
    page.locator(".issue-nav a", has_text="上一期").click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/14/"
    page.locator(".issue-nav a", has_text="下一期").click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/16/"


def test_the_calendar_of_past_editions(page, served_site: str) -> None:
    page.goto(served_site + "editions/")
    page.locator(".month-grid a", has_text="1月").click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/"
    page.wait_for_load_state("load")
    links = page.locator(".calendar td a")
    assert links.all_inner_texts() == ["1", "14", "16"]
    assert links.nth(1).get_attribute("aria-label") == "2021年1月14日"
    links.nth(1).click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/14/"


def test_an_article_says_where_it_was_printed(page, served_site: str) -> None:
    page.goto(served_site + "2021/01/15/di-er-pian-tong-yi-tian-de-ling-yi-pian-bao-dao/")
    source = page.locator(".story-source p").first
    assert source.inner_text().split("\n") == ["来源：测试日报", "2021年1月16日", "第A02版：经济"]
    source.locator("a", has_text="第A02版").click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/16/a02/"
    page.goto(served_site + "2021/01/15/hostile-text/")
    assert page.locator(".story-source p").first.inner_text() == "来源：测试日报"  # web-only: in no edition
    assert page.locator(".story-source p").nth(1).inner_text() == "责任编辑：王<i>编辑</i>"  # its own, as text
    page.goto(served_site + "2021/01/14/")
    page.locator("article.item h2 a").first.click()
    assert page.locator(".story-source p").nth(1).inner_text() == "责任编辑：值班编辑"  # the site's


PHOTO_PAGE = "2021/01/15/di-er-pian-tong-yi-tian-de-ling-yi-pian-bao-dao/"


@pytest.mark.parametrize(("width", "scale", "chosen"), [(390, 1, "-480.webp"), (390, 2, "-800.webp"),
                                                        (1280, 1, "-800.webp"), (1280, 2, "-1000.webp")])
def test_the_browser_picks_the_photo_size_the_screen_needs(browser, served_site: str, width: int, scale: int,
                                                          chosen: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    page = context.new_page()
    page.goto(served_site + PHOTO_PAGE)
    image = page.locator("figure.photo img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('figure.photo img').complete")
    assert image.evaluate("img => img.currentSrc").endswith(chosen)
    assert page.locator("figure.photo figcaption").inner_text() == "滨河公园的冬日 记者 孙庆辉 摄"
    context.close()


def test_photos_shift_no_layout_as_they_load(browser, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script("""
        window.__shifts = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts += e.value; })
            .observe({type: 'layout-shift', buffered: true});
    """)
    for path in (PHOTO_PAGE, "", "2021/01/15/"):
        page.goto(served_site + path)
        page.wait_for_load_state("load")
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shifts") == 0, path
    box = page.goto(served_site + PHOTO_PAGE) and page.locator("figure.photo img").bounding_box()
    assert box["width"] <= 390 and abs(box["height"] / box["width"] - 667 / 1000) < 0.01
    context.close()


def test_chinese_punctuation_is_drawn_by_a_chinese_font_and_the_text_is_justified(page, served_site: str) -> None:
    page.goto(served_site + "2021/01/15/gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    title = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    fonts = {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": title})["fonts"]}
    assert fonts and all("CJK" in family for family in fonts), fonts  # “大考” too: not DejaVu's narrow quotes
    assert page.locator(".body p").first.evaluate("p => getComputedStyle(p).textAlign") == "justify"


def test_no_request_leaves_the_site(browser, served_site: str) -> None:
    """Fonts, scripts, images, the search index: everything a page loads comes from the site itself."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    origin = served_site[: -len(BASE)]
    elsewhere: list[str] = []

    def note(request) -> None:
        if not request.url.startswith((origin, "data:", "blob:")):
            elsewhere.append(request.url)

    context.on("request", note)
    tab = context.new_page()
    for path in ("", "2021/01/15/di-er-pian-tong-yi-tian-de-ling-yi-pian-bao-dao/", "editions/2021/01/16/",
                 "archive/", "search/?q=%E6%8A%A5%E9%81%93", "2099/01/01/missing/"):
        tab.goto(served_site + path)
        tab.wait_for_load_state("networkidle")
    assert elsewhere == []
    context.close()
