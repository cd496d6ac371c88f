"""The paper as printed: editions, their pages in printed order, neighbours, and the month calendar."""
from __future__ import annotations

import datetime as dt

from digest.config import SiteConfig
from digest.content import Article
from digest.editions import edition_months, page_slug, page_title
from digest.model import build_site

CFG = SiteConfig(title="测试日报")


def _article(slug: str, edition: dt.date | None, page: str | None, order: int | None, name: str | None = "要闻",
             date: dt.date | None = None) -> Article:
    return Article(path=f"{slug}.md", title=slug, body="本报讯 正文。", slug=slug, date=date or edition,
                   edition=edition, page=page, page_name=name, order=order)


def _site(*articles: Article):
    ordered = sorted(articles, key=lambda a: a.sort_key)
    return build_site(ordered, CFG, slug_of=lambda text: text)


def test_pages_in_printed_order_and_stories_by_their_order() -> None:
    day = dt.date(2021, 1, 16)
    site = _site(_article("c", day, "A02", 1, "经济"), _article("b", day, "A01", 2),
                 _article("a", day, "A01", 1), _article("d", day, "A10", 1, "体育"))
    [edition] = site.editions
    assert [(p.label, p.title, p.path) for p in edition.pages] == [
        ("A01", "第A01版：要闻", "editions/2021/01/16/a01/"), ("A02", "第A02版：经济", "editions/2021/01/16/a02/"),
        ("A10", "第A10版：体育", "editions/2021/01/16/a10/")]
    assert [s.article.slug for s in edition.pages[0].stories] == ["a", "b"]
    assert edition.lead.article.slug == "a"
    assert edition.count == 4


def test_editions_newest_first_with_their_neighbours() -> None:
    days = [dt.date(2021, 1, d) for d in (14, 15, 16)]
    site = _site(*(_article(f"s{d.day}", d, "1", 1) for d in days))
    assert [e.day for e in site.editions] == days[::-1]
    newest, middle, oldest = site.editions
    assert (newest.next, newest.previous.day) == (None, days[1])
    assert (middle.previous.day, middle.next.day) == (days[0], days[2])
    assert oldest.previous is None


def test_a_web_only_article_is_in_no_edition_but_says_nothing_of_print() -> None:
    site = _site(_article("web", None, None, None, None, date=dt.date(2021, 1, 16)),
                 _article("paper", dt.date(2021, 1, 16), "A01", 1))
    assert [s.article.slug for e in site.editions for p in e.pages for s in p.stories] == ["paper"]
    printed = {s.article.slug: s.printed for s in site.stories}
    assert printed["web"] is None
    assert (printed["paper"].edition.path, printed["paper"].page.name) == ("editions/2021/01/16/", "第A01版：要闻")


def test_an_article_without_a_date_stands_at_its_edition() -> None:
    article = _article("x", dt.date(2021, 3, 11), "A04", 1)
    article = Article(**{**article.__dict__, "date": None})
    [story] = _site(article).stories
    assert story.path == "2021/03/11/x/"


def test_the_month_calendar_starts_on_monday() -> None:
    site = _site(_article("a", dt.date(2021, 1, 1), "1", 1), _article("b", dt.date(2021, 1, 16), "1", 1))
    [month] = edition_months(site.editions)
    assert (month.name, month.count) == ("2021年1月", 2)
    first_week = [day.day if day else None for day, _ in month.weeks[0]]
    assert first_week == [None, None, None, None, 1, 2, 3]  # 2021-01-01 was a Friday
    assert month.weeks[0][4][1] == "editions/2021/01/01/"
    assert month.path == "editions/2021/01/"


def test_page_labels_as_path_segments_and_titles() -> None:
    assert [page_slug(label) for label in ("A03", "02", "二", "十二", None)] == ["a03", "02", "2", "12", "page"]
    assert page_title("A03", "要闻") == "第A03版：要闻"
    assert page_title(None, "要闻") == "要闻"
    assert page_title(None, None) == "版面"
