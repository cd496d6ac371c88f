import datetime as dt
import json
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import SiteConfig
from digest.content import Article
from digest.feeds import ATOM, SITEMAP, rfc822, site_feeds, sitemap, timestamp
from digest.model import build_site
from digest.urls import Urls

CFG = SiteConfig(title="测试日报", description="描述", site_url="https://example.org", base_url="/news-digest/",
                 publisher="测试日报社")
URLS = Urls(CFG.base_url, CFG.site_url)
A = "{" + ATOM + "}"


def site():
    articles = [
        Article("b.md", "新的</title>报道", "本报讯 新闻正文。", date=dt.date(2021, 1, 15), slug="b",
                authors=("孙庆辉",), tags=("标签",)),
        Article("a.md", "旧的报道", "旧闻\x07正文。", date=dt.date(2020, 12, 31), slug="a"),
        Article("c.md", "没有日期", "正文。", slug="c"),
    ]
    return build_site(articles, CFG)


def test_timestamps() -> None:
    assert timestamp(dt.date(2021, 1, 15), CFG) == "2021-01-15T00:00:00+08:00"
    assert rfc822(dt.date(2021, 1, 15), CFG) == "Fri, 15 Jan 2021 00:00:00 +0800"


def test_atom_parses_and_updated_is_newest_article() -> None:
    root = ET.fromstring(site_feeds(site(), CFG, URLS)["atom.xml"])
    assert root.tag == A + "feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"
    assert root.findtext(A + "updated") == "2021-01-15T00:00:00+08:00"
    entries = root.findall(A + "entry")
    assert [e.findtext(A + "title") for e in entries] == ["新的</title>报道", "旧的报道"]  # undated left out
    assert entries[0].findtext(A + "id") == "https://example.org/news-digest/2021/01/15/b/"
    assert entries[0].findtext(A + "published") == "2021-01-15T00:00:00+08:00"
    assert entries[0].find(A + "author").findtext(A + "name") == "孙庆辉"
    assert root.find(A + "link[@rel='self']").get("href") == "https://example.org/news-digest/atom.xml"
    assert "\x07" not in entries[1].findtext(A + "content")


def test_rss_parses() -> None:
    root = ET.fromstring(site_feeds(site(), CFG, URLS)["rss.xml"])
    channel = root.find("channel")
    assert root.get("version") == "2.0"
    assert channel.findtext("language") == "zh-CN"
    assert channel.findtext("lastBuildDate") == "Fri, 15 Jan 2021 00:00:00 +0800"
    assert [i.findtext("pubDate") for i in channel.findall("item")] == [
        "Fri, 15 Jan 2021 00:00:00 +0800", "Thu, 31 Dec 2020 00:00:00 +0800"]


def test_json_feed_parses() -> None:
    feed = json.loads(site_feeds(site(), CFG, URLS)["feed.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "zh-CN"
    assert feed["feed_url"] == "https://example.org/news-digest/feed.json"
    assert [i["date_published"] for i in feed["items"]] == ["2021-01-15T00:00:00+08:00", "2020-12-31T00:00:00+08:00"]
    assert feed["items"][0]["authors"] == [{"name": "孙庆辉", "url": "https://example.org/news-digest/reporters/sun-qing-hui/"}]
    assert feed["items"][0]["summary"] == "新闻正文。"


def test_feeds_do_not_depend_on_the_build_time() -> None:
    assert site_feeds(site(), CFG, URLS) == site_feeds(site(), CFG, URLS)


def test_sitemap() -> None:
    root = ET.fromstring(sitemap([("", None), ("2021/01/15/b/", dt.date(2021, 1, 15))], URLS))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert [u.findtext(ns + "loc") for u in root] == ["https://example.org/news-digest/",
                                                       "https://example.org/news-digest/2021/01/15/b/"]
    assert root[1].findtext(ns + "lastmod") == "2021-01-15"


def test_empty_site_feeds_are_valid() -> None:
    feeds = site_feeds(build_site([], CFG), CFG, URLS)
    assert ET.fromstring(feeds["atom.xml"]).findall(A + "entry") == []
    assert json.loads(feeds["feed.json"])["items"] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.text(st.sampled_from("ab&<>\"'中\x01\ufffe-"), min_size=1, max_size=4),
                                   max_size=3).map(lambda parts: "/".join(parts)),
                          st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)))), max_size=5),
       st.sampled_from([URLS, Urls("/", ""), Urls("/a&b/", "https://example.org")]))
def test_sitemap_lists_every_page_as_parsable_xml(pages: list, urls: Urls) -> None:
    entries = ET.fromstring(sitemap(pages, urls)).findall(f"{{{SITEMAP}}}url")
    assert len(entries) == len(pages)
    for entry, (path, day) in zip(entries, pages, strict=True):
        assert entry.find(f"{{{SITEMAP}}}loc").text == "".join(
            c for c in urls.absolute(path) if c not in "\x01\ufffe")  # characters XML cannot hold are left out
        lastmod = entry.find(f"{{{SITEMAP}}}lastmod")
        assert (lastmod.text if lastmod is not None else None) == (f"{day:%Y-%m-%d}" if day else None)


def test_a_correction_is_the_entrys_updated_time() -> None:
    from digest.content import Correction

    articles = [Article("a.md", "新的报道", "正文。", date=dt.date(2021, 1, 16), slug="a"),  # newest first
                Article("b.md", "更正过的报道", "正文。", date=dt.date(2021, 1, 15), slug="b",
                        updated=dt.date(2021, 1, 18), corrections=(Correction(dt.date(2021, 1, 20), "原文有误。"),))]
    feeds = site_feeds(build_site(articles, CFG), CFG, URLS)
    root = ET.fromstring(feeds["atom.xml"])
    assert root.findtext(A + "updated") == "2021-01-20T00:00:00+08:00"  # the newest change, not the newest date
    first, second = root.findall(A + "entry")
    assert (first.findtext(A + "published"), first.findtext(A + "updated")) == \
        ("2021-01-16T00:00:00+08:00", "2021-01-16T00:00:00+08:00")
    assert (second.findtext(A + "published"), second.findtext(A + "updated")) == \
        ("2021-01-15T00:00:00+08:00", "2021-01-20T00:00:00+08:00")
    items = json.loads(feeds["feed.json"])["items"]
    assert [item.get("date_modified") for item in items] == [None, "2021-01-20T00:00:00+08:00"]


def test_feeds_are_the_bytes_elementtree_writes_and_shared_entries_change_nothing() -> None:
    from digest.feeds import atom

    stories = site().stories
    shared: dict = {}
    first = atom(stories, CFG, URLS, "a/atom.xml", "甲", "a/", full=False, entries=shared)
    again = atom(stories[:2], CFG, URLS, "b/atom.xml", "乙", "b/", full=False, entries=shared)
    assert again == atom(stories[:2], CFG, URLS, "b/atom.xml", "乙", "b/", full=False)
    assert first == atom(stories, CFG, URLS, "a/atom.xml", "甲", "a/", full=False, entries=shared)
    assert first == atom(stories, CFG, URLS, "a/atom.xml", "甲", "a/", full=False)
    assert atom(stories, CFG, URLS, "f.xml", "全", "", entries=shared) == atom(stories, CFG, URLS, "f.xml", "全", "")
    assert atom([], CFG, URLS, "e.xml", "空", "", entries=shared) == atom([], CFG, URLS, "e.xml", "空", "")
    root = ET.fromstring(first)
    ET.indent(root)
    assert first == ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
