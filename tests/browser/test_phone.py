"""The reader on a phone, measured: stories above the fold, lines of text on an article's first screen, nothing
wrapping at 360 px, the footer in line with the page. On a 1,500-article site printed in editions (bench/corpus.py)
with the repo's own settings."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.conftest import BASE_PATH, ROOT
from tests.siteserver import serve

# An article's page: /news-digest/2016/01/01/<slug>/.
ARTICLE_LINK = re.compile(r"/\d{4}/\d\d/\d\d/[^/]+/$")


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 1,500-article site, 10 stories a page, served under /news-digest/; yields its root URL."""
    from bench.corpus import write_corpus
    from digest.config import load_config
    from digest.pipeline import BuildRequest, build

    root = tmp_path_factory.mktemp("phone")
    write_corpus(root / "content", 1500, editions=True)
    cfg = load_config(ROOT / "site" / "site.toml", base_url=BASE_PATH)
    build(BuildRequest(cfg, root / "content", root / "dist", ROOT / "templates", search=False))
    with serve(root / "dist", BASE_PATH) as url:
        yield url


def _stories_above_the_fold(tab) -> int:
    """How many different articles have a link wholly on the first screen."""
    hrefs = tab.evaluate("""() => [...document.querySelectorAll('main a[href]')].filter((a) => {
        const box = a.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
      }).map((a) => a.pathname)""")
    return len({href for href in hrefs if ARTICLE_LINK.search(href)})


def _phone(browser, width: int, height: int):
    return browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN").new_page()


def _first(tab, url: str, selector: str) -> str:
    """The href of the first `selector` link on `url`."""
    tab.goto(url)
    return tab.locator(selector).first.get_attribute("href")


@pytest.mark.parametrize("width, height", [(390, 844), (360, 740)])
def test_six_stories_above_the_fold_on_the_home_page_and_lists(browser, news_site: str, width: int,
                                                               height: int) -> None:
    tab = _phone(browser, width, height)
    origin = news_site[: -len(BASE_PATH)]
    section = _first(tab, news_site + "sections/", ".directory a")
    reporter = _first(tab, news_site + "reporters/", ".directory a")
    month = _first(tab, news_site + "archive/", ".month-grid a")  # the newest month
    counts = {}
    for url in (news_site, origin + section, origin + reporter, origin + month):
        tab.goto(url)
        tab.wait_for_load_state("load")
        counts[url] = _stories_above_the_fold(tab)
    floor = 6 if height >= 844 else 5
    assert all(count >= floor for count in counts.values()), counts
    tab.context.close()


def test_an_article_shows_its_headline_and_five_lines_on_the_first_screen(browser, news_site: str) -> None:
    tab = _phone(browser, 360, 740)
    tab.goto(news_site)
    tab.locator("article.item h2 a").nth(3).click()
    tab.wait_for_load_state("load")
    headline = tab.locator(".story-head h1").bounding_box()
    assert headline["y"] + headline["height"] <= 740
    # Lines of body text wholly on the first screen: the line boxes of the text of every paragraph.
    lines = tab.evaluate("""() => {
        const tops = new Set();
        for (const p of document.querySelectorAll('.body p')) {
          const range = document.createRange();
          range.selectNodeContents(p);
          for (const box of range.getClientRects()) {
            if (box.height > 0 && box.bottom <= innerHeight) tops.add(Math.round(box.top));
          }
        }
        return tops.size;
      }""")
    assert lines >= 5
    tab.context.close()


def test_nothing_wraps_at_360px(browser, news_site: str) -> None:
    tab = _phone(browser, 360, 740)
    tab.goto(news_site + "2016/03/")  # 13 stories: two pages
    row = tab.locator(".pager-row")
    assert row.count() == 1, "a month of this site has more than one page"
    one_line = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.pager-status')).lineHeight)")
    assert row.bounding_box()["height"] < 2 * max(one_line, 44)
    middles = tab.evaluate("""[...document.querySelectorAll('.pager-row > *')].map((e) => {
        const box = e.getBoundingClientRect(); return Math.round(box.top + box.height / 2); })""")
    assert len(middles) == 3 and len(set(middles)) == 1  # 上一页, 第N页, 下一页 on one row
    nav = tab.evaluate("[...document.querySelectorAll('.masthead nav li')].map((e) => e.getBoundingClientRect().top)")
    assert len(set(nav)) == 1  # the sections on one row (it scrolls sideways when they are many)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.context.close()


def test_the_footer_lines_up_with_the_page_on_a_desktop(browser, news_site: str) -> None:
    tab = _phone(browser, 1280, 800)
    tab.goto(news_site)
    main, footer = tab.locator("main").bounding_box(), tab.locator(".site-footer").bounding_box()
    assert (round(footer["x"]), round(footer["width"])) == (round(main["x"]), round(main["width"]))
    tab.context.close()


def test_the_archive_is_a_grid_of_months(browser, news_site: str) -> None:
    tab = _phone(browser, 390, 844)
    tab.goto(news_site + "archive/")
    years = tab.locator(".month-grid section")
    assert years.count() == 10
    assert tab.evaluate("document.documentElement.scrollHeight") < 844 * 4  # ten years: not 47 screens
    tab.locator(".month-grid a", has_text="3月").first.click()
    tab.wait_for_load_state("load")
    assert re.search(r"/\d{4}/03/$", tab.url)
    assert not tab.locator(".day-picker table").is_visible()  # the days wait behind 按日查看
    tab.locator(".day-picker summary").click()
    tab.locator(".day-picker td a").first.click()
    assert re.search(r"/editions/\d{4}/03/\d\d/$|/\d{4}/03/\d\d/$", tab.url)
    tab.context.close()

