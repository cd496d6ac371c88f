"""The reader tools in chromium: copy link, share sheet, QR code, 字号, 返回顶部, the 404 page's links, og:image."""
from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.waits import wait_until

BASE = "/news-digest/"
ARTICLE = "2021/01/15/hostile-text/"
PUBLISHED = "https://example.org"  # the fixture's site_url


def _phone(browser, **options):
    return browser.new_context(viewport={"width": 360, "height": 640}, locale="zh-CN", **options)


def test_copy_link_puts_the_canonical_url_on_the_clipboard(browser, served_site: str) -> None:
    context = _phone(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + ARTICLE)
    page.locator(".share-bar button", has_text="复制链接").click()
    status = page.locator(".share-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    wait_until(page, "document.querySelector('.share-status').textContent === '链接已复制'")
    assert page.evaluate("navigator.clipboard.readText()") == f"{PUBLISHED}{BASE}{ARTICLE}"
    context.close()


def test_the_share_button_shows_only_where_the_browser_has_a_share_sheet(browser, served_site: str) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.add_init_script("delete Navigator.prototype.share")
    page.goto(served_site + ARTICLE)
    assert page.locator(".share-bar button", has_text="复制链接").is_visible()
    assert page.locator(".share-native").is_hidden()
    page.close()
    page = context.new_page()
    page.add_init_script("""window.__shared = [];
        Navigator.prototype.share = function (data) { window.__shared.push(data); return Promise.resolve(); };""")
    page.goto(served_site + ARTICLE)
    button = page.locator(".share-native")
    assert button.is_visible() and button.inner_text() == "分享到…"
    assert button.bounding_box()["height"] >= 44
    button.click()
    shared = page.evaluate("window.__shared")
    assert shared[0]["url"] == f"{PUBLISHED}{BASE}{ARTICLE}" and shared[0]["title"].startswith("标题里有")
    context.close()


def test_the_qr_code_opens_from_its_summary(page, served_site: str) -> None:
    page.goto(served_site + ARTICLE)
    qr = page.locator(".share-qr svg[role=img]")
    assert qr.is_hidden()
    page.locator(".share-qr summary", has_text="分享到微信：扫码").click()
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] == box["height"] >= 150
    assert page.locator(".share-qr svg title").text_content() == "扫码在手机上阅读"


def test_font_size_large_enlarges_the_text_and_is_remembered(page, served_site: str) -> None:
    page.goto(served_site + ARTICLE)
    size = "parseFloat(getComputedStyle(document.querySelector('.body p')).fontSize)"
    normal = page.evaluate(size)
    large = page.get_by_role("button", name="大字号")
    assert large.get_attribute("aria-pressed") == "false"
    assert large.bounding_box()["height"] >= 44 and large.bounding_box()["width"] >= 44
    large.click()
    assert page.evaluate(size) > normal
    assert large.get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.evaluate(size) > normal
    assert page.get_by_role("button", name="大字号").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="小字号").click()
    assert page.evaluate(size) < normal
    page.get_by_role("button", name="中字号").click()
    page.reload()
    assert page.evaluate(size) == normal


def test_back_to_top_appears_after_a_screen_and_goes_to_the_top(page, served_site: str) -> None:
    page.goto(served_site + ARTICLE)
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * 640
    link = page.get_by_role("link", name="返回顶部")
    assert link.is_hidden()  # at the top: nothing to go back to
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_until(page, "getComputedStyle(document.querySelector('.to-top')).visibility === 'visible'")
    assert link.is_visible() and link.bounding_box()["height"] >= 44
    link.click()
    wait_until(page, "window.scrollY === 0")


def test_without_javascript_the_buttons_stay_hidden_and_back_to_top_is_a_link(browser, served_site: str) -> None:
    context = _phone(browser, java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + ARTICLE)
    assert page.locator(".share-bar").is_hidden() and page.locator(".font-size").is_hidden()
    page.locator(".share-qr summary").click()
    assert page.locator(".share-qr svg").is_visible()
    page.get_by_role("link", name="返回顶部").click()
    assert page.evaluate("window.scrollY") == 0
    context.close()


def test_a_missing_page_at_a_dated_address_links_that_days_edition(page, served_site: str) -> None:
    response = page.goto(served_site + "2021/01/16/no-such-story/")
    assert response.status == 404
    link = page.locator(".notfound-day a")
    link.wait_for()
    assert link.inner_text() == "查看2021年1月16日的电子版"
    assert link.get_attribute("href") == f"{BASE}editions/2021/01/16/"
    headlines = page.locator(".latest-headlines li")
    assert headlines.count() == 8
    assert page.locator(".latest-headlines time").count() >= 1
    link.click()
    assert urlsplit(page.url).path == f"{BASE}editions/2021/01/16/"


def test_a_missing_page_on_a_day_without_an_edition_links_the_days_reports(page, served_site: str) -> None:
    page.goto(served_site + "2021/01/15/no-such-story/")
    link = page.locator(".notfound-day a")
    link.wait_for()
    assert (link.inner_text(), link.get_attribute("href")) == ("查看2021年1月15日的报道", f"{BASE}2021/01/15/")
    page.goto(served_site + "no/date/here/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".notfound-day a").count() == 0
    page.locator("#notfound-q").fill("高新区")
    page.locator("main form button").click()
    assert urlsplit(page.url).path == f"{BASE}search/"


def test_og_image_is_a_full_url_on_every_page(page, served_site: str) -> None:
    for path in ("", ARTICLE, "archive/", "2021/01/15/di-er-pian-tong-yi-tian-de-ling-yi-pian-bao-dao/"):
        page.goto(served_site + path)
        images = page.locator("meta[property='og:image']")
        assert images.count() == 1, path
        content = images.get_attribute("content")
        assert content.startswith(f"{PUBLISHED}{BASE}"), content
        if path.startswith("2021/01/15/di-er"):
            assert content.endswith(".jpg")  # its own lead photo, not the site's image
        else:
            assert urlsplit(content).path.startswith(f"{BASE}assets/og-image.")
            assert page.locator("meta[property='og:image:width']").get_attribute("content") == "1200"
