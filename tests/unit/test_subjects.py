"""Persons named in reports and topics (front matter `people` and `topics`): the model's lists, the index pages'
order, and the pages, feeds and links a build makes of them."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from digest.config import load_config
from digest.content import Article
from digest.directory import OTHER_INITIAL, by_initial, most_reported, together
from digest.model import Group, build_site, topics_of
from digest.render import SUBJECT_PAGES, render_site
from tests.conftest import FIXTURE_SITE, ROOT

CFG = replace(load_config(FIXTURE_SITE / "site.toml", base_url="/news-digest/"), per_page=2, site_url="")


def article(n: int, day: dt.date | None, **keys: object) -> Article:
    return Article(path=f"a{n}.md", title=f"报道{n}", body="正文。\n", date=day, slug=f"a{n}", **keys)


def site_of(*articles: Article):
    return build_site(sorted(articles, key=lambda a: a.sort_key), CFG)


def test_each_person_named_and_each_topic_lists_its_reports_newest_first() -> None:
    site = site_of(article(1, dt.date(2021, 1, 1), mentions=("王新亭",), topics=("党建", "交通")),
                   article(2, dt.date(2021, 2, 1), mentions=("王新亭", "张朝辉"), topics=("党建",)),
                   article(3, None, topics=("党建",)))
    assert [(g.name, g.path, [s.article.slug for s in g.stories]) for g in site.mentioned] == [
        ("王新亭", "people/wang-xin-ting/", ["a2", "a1"]), ("张朝辉", "people/zhang-chao-hui/", ["a2"])]
    assert [(g.name, g.path, g.count) for g in site.topics] == [
        ("党建", "topics/dang-jian/", 3), ("交通", "topics/jiao-tong/", 1)]
    [newest] = [s for s in site.stories if s.article.slug == "a2"]
    assert [(link.name, link.path) for link in newest.mentions] == [
        ("王新亭", "people/wang-xin-ting/"), ("张朝辉", "people/zhang-chao-hui/")]


def test_a_bylined_reporter_is_a_person_named_only_when_listed() -> None:
    site = site_of(article(1, dt.date(2021, 1, 1), authors=("张伟",)),
                   article(2, dt.date(2021, 1, 2), authors=("张伟",), mentions=()),
                   article(3, dt.date(2021, 1, 3), authors=("李娜",), mentions=("张伟",)))
    one, two, three = sorted(site.stories, key=lambda s: s.article.slug)
    assert one.mentions == two.mentions == ()
    assert [link.path for link in three.mentions] == ["people/zhang-wei/"]
    # The reporter's page is a different list: their bylines, not the reports that name them.
    assert [(g.path, g.count) for g in site.people] == [("reporters/zhang-wei/", 2), ("reporters/li-na/", 1)]
    assert [(g.path, g.count) for g in site.mentioned] == [("people/zhang-wei/", 1)]


def test_index_by_pinyin_initial_most_reported_first() -> None:
    groups = [Group(name, path, tuple(range(n))) for name, path, n in (  # type: ignore[arg-type]
        ("张伟", "people/zhang-wei/", 2), ("王芳", "people/wang-fang/", 5), ("5G", "people/5g/", 1),
        ("安全", "people/an-quan/", 5), ("王冰", "people/wang-bing/", 1))]
    assert [(i.letter, i.anchor, [g.name for g in i.groups]) for i in by_initial(groups)] == [
        ("A", "i-a", ["安全"]), ("W", "i-w", ["王冰", "王芳"]), ("Z", "i-z", ["张伟"]),
        (OTHER_INITIAL, "i-other", ["5G"])]
    assert [g.name for g in most_reported(groups, 3)] == ["安全", "王芳", "张伟"]


def test_a_persons_topics_by_how_often_they_share_a_report() -> None:
    site = site_of(article(1, dt.date(2021, 1, 1), mentions=("王新亭",), topics=("党建", "交通")),
                   article(2, dt.date(2021, 1, 2), mentions=("王新亭",), topics=("交通",)),
                   article(3, dt.date(2021, 1, 3), mentions=("张朝辉",), topics=("教育",)))
    person = site.mentioned[0]
    found = together(person.stories, topics_of, 5)
    assert [(t.link.name, t.count) for t in found] == [("交通", 2), ("党建", 1)]


def test_pages_feeds_and_links_of_persons_and_topics() -> None:
    days = [dt.date(2021, 1, 20), dt.date(2021, 1, 10), dt.date(2020, 12, 5)]
    # Older reports, enough for a second page of SUBJECT_PAGES times per_page (2) reports.
    days += [dt.date(2020, 11, day) for day in range(20, 20 - 2 * SUBJECT_PAGES + 2, -1)]
    articles = [article(n, day, authors=("孙庆辉",), mentions=("王新亭",), topics=("党建",))
                for n, day in enumerate(days)]
    cfg = replace(CFG, site_url="https://example.org")
    outputs = {o.path: o.data for o in render_site(build_site(articles, cfg), cfg, ROOT / "templates")}
    # Longer than a page: paged plainly, newest first, without month pages; one Atom feed of summaries.
    assert {"people/wang-xin-ting/index.html", "people/wang-xin-ting/page/2/index.html",
            "topics/dang-jian/page/2/index.html", "people/index.html", "topics/index.html"} <= set(outputs)
    assert not [path for path in outputs if path.startswith(("people/wang-xin-ting/20", "topics/dang-jian/20"))]
    assert "people/wang-xin-ting/page/3/index.html" not in outputs
    assert "topics/dang-jian/feed.json" not in outputs
    feed = outputs["topics/dang-jian/atom.xml"].decode()
    places = [feed.index(f"https://example.org/news-digest/{d:%Y/%m/%d}/a{n}/") for n, d in enumerate(days[:3])]
    assert places == sorted(places)  # newest first
    assert b"<summary>" in outputs["people/wang-xin-ting/atom.xml"]
    assert b"<content" not in outputs["people/wang-xin-ting/atom.xml"]
    page = outputs["2021/01/20/a0/index.html"].decode()
    assert '<dt>人物</dt><dd><ul class="tags"><li><a href="/news-digest/people/wang-xin-ting/">王新亭</a>' in page
    assert '<dt>话题</dt><dd><ul class="tags"><li><a href="/news-digest/topics/dang-jian/">党建</a>' in page
    assert '"mentions":[{"@type":"Person","name":"王新亭"' in page
    nav = outputs["index.html"].decode()
    assert '<a href="/news-digest/people/">人物</a>' in nav and '<a href="/news-digest/topics/">话题</a>' in nav
    sitemap = outputs["sitemap.xml"].decode()
    assert "https://example.org/news-digest/people/wang-xin-ting/page/2/" in sitemap
    assert "https://example.org/news-digest/topics/</loc>" in sitemap


def test_without_people_or_topics_no_pages_and_no_nav() -> None:
    outputs = {o.path for o in render_site(site_of(article(1, dt.date(2021, 1, 1))), CFG, ROOT / "templates")}
    assert not any(path.startswith(("people/", "topics/")) for path in outputs)
