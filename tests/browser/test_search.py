"""Search in chromium, under /news-digest/: every article that holds every term, and nothing else.

Two sites are built once per module into tmp_path: the real seed (ingested) and a near-miss fixture with many
articles (党建 vs 党的建设, 研究院 vs 研究 院, 王新亭 vs 王新 … 亭, 5G vs 5GX, names only in a byline, words only in a
title, kicker or caption, an undated article). What must be found comes from tests/search_support.py, which reads
the Markdown files, not the index.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from digest.search import HAN
from tests.browser.waits import wait_until
from tests.helpers import REAL_SEED
from tests.search_support import (
    BASE,
    NAMED_QUERIES,
    NEAR_MISS_QUERIES,
    article_texts,
    expected,
    sampled_queries,
    write_near_misses,
)
from tests.siteserver import serve

ROOT = Path(__file__).resolve().parents[2]
DONE = "document.querySelector('[data-search-region]').getAttribute('aria-busy') === 'false'"


def _build(content: Path, out: Path) -> None:
    """Build `content` with the real templates and config under the base path."""
    from digest.config import load_config
    from digest.pipeline import BuildRequest, build

    build(BuildRequest(load_config(ROOT / "site" / "site.toml", base_url=BASE), content, out, ROOT / "templates"))


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The real seed, ingested and built; yields (root URL, searchable text by URL path)."""
    from digest.ingest import ingest

    work = tmp_path_factory.mktemp("real-search")
    seeds = work / "seeds"
    seeds.mkdir()
    (seeds / REAL_SEED.name).write_bytes(REAL_SEED.read_bytes())
    ingest(seeds, work / "content")
    _build(work / "content", work / "dist")
    with serve(work / "dist", BASE) as url:
        yield url, article_texts(work / "content")


@pytest.fixture(scope="module")
def near_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The near-miss fixture, built; yields (root URL, searchable text by URL path)."""
    work = tmp_path_factory.mktemp("near-search")
    write_near_misses(work / "content")
    _build(work / "content", work / "dist")
    with serve(work / "dist", BASE) as url:
        yield url, article_texts(work / "content")


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], Path]]:
    """The near-miss fixture cut into shards of about four articles, so the route table has shards to choose
    between; yields (root URL, searchable text by URL path, dist)."""
    from digest import search as stage

    work = tmp_path_factory.mktemp("sharded-search")
    write_near_misses(work / "content")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stage, "SHARD_SIZE", 4)
        _build(work / "content", work / "dist")
    with serve(work / "dist", BASE) as url:
        yield url, article_texts(work / "content"), work / "dist"


def wait_done(page) -> None:
    """Wait until the current search has finished (every shard searched)."""
    wait_until(page, DONE, timeout=30)


def search(page, root: str, query: str, **params: str) -> list[str]:
    """Open /search/?q=… and return the URL paths of every result, pressing "more" until all are shown."""
    query_string = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **params}.items())
    page.goto(f"{root}search/?{query_string}")
    wait_done(page)
    return all_results(page)


def all_results(page) -> list[str]:
    """Every result of the search on the page, in order."""
    more = page.locator("[data-search-more]")
    while more.is_visible():
        more.click()
        wait_done(page)
    return [urlsplit(a).path for a in page.locator("[data-search-results] h2 a").evaluate_all(
        "links => links.map(a => a.href)")]


def recall_precision(page, root: str, texts: dict[str, str], queries) -> tuple[float, float, dict]:
    """Micro-averaged recall and precision over `queries`, and the queries that went wrong."""
    hits = wanted = shown = 0
    wrong = {}
    for query in queries:
        got, want = search(page, root, query), expected(texts, query)
        assert len(got) == len(set(got)), f"{query}: a result shown twice"
        hits += len(set(got) & want)
        wanted += len(want)
        shown += len(got)
        if set(got) != want:
            wrong[query] = {"missing": sorted(want - set(got)), "extra": sorted(set(got) - want)}
    return (hits / wanted if wanted else 1.0), (hits / shown if shown else 1.0), wrong


def test_real_seed_finds_every_article_and_nothing_else(page, real_site) -> None:
    root, texts = real_site
    queries = [*NAMED_QUERIES, *sampled_queries(texts)]
    recall, precision, wrong = recall_precision(page, root, texts, queries)
    assert wrong == {}
    assert (recall, precision) == (1.0, 1.0)


def test_near_misses_are_told_apart(page, near_site) -> None:
    root, texts = near_site
    queries = [*NEAR_MISS_QUERIES, *sampled_queries(texts, count=40, seed=11)]
    recall, precision, wrong = recall_precision(page, root, texts, queries)
    assert wrong == {}
    assert (recall, precision) == (1.0, 1.0)


def test_the_words_of_the_issue(page, real_site, near_site) -> None:
    root, _ = real_site
    assert len(search(page, root, "孙庆辉")) == 3  # he wrote all three: bylines are searched
    assert len(search(page, root, "王新亭")) == 1
    assert search(page, root, "“大考”") == search(page, root, "大考")
    assert search(page, root, "卡斯柯，郑州") == search(page, root, "卡斯柯 郑州") != []
    assert search(page, root, "5G 城轨") == search(page, root, "城轨 5g")
    near, _ = near_site

    def written(query: str, **params: str) -> list[str]:
        """Results among the hand-written near misses (the generated filler articles left out)."""
        return [url for url in search(page, near, query, **params) if "/bench-" not in url]

    assert written("党建") == [f"{BASE}2021/03/01/dang-jian/", f"{BASE}articles/ying-shang/"]
    assert written("党的建设") == [f"{BASE}2021/03/02/dang-de-jian-she/"]
    assert written("研究院") == [f"{BASE}2021/03/01/dang-jian/", f"{BASE}2020/06/10/yan-jiu-yuan/"]
    assert written("王新亭") == [f"{BASE}2020/06/10/yan-jiu-yuan/", f"{BASE}2019/12/31/wang-xin-ting/",
                                f"{BASE}2018/08/08/kicker-only/"]
    assert written("5G") == [f"{BASE}2019/05/06/five-gx/", f"{BASE}2019/05/05/ka-si-ke/"]
    assert written("G") == [f"{BASE}2019/05/06/five-gx/"]  # G5, not the G inside 5G
    assert written("张朝辉") == [f"{BASE}2018/08/09/reporter-only/"]


def test_results_show_title_date_byline_and_a_marked_excerpt(page, real_site) -> None:
    root, texts = real_site
    search(page, root, "王新亭")
    hit = page.locator("[data-search-results] > li").first
    assert hit.locator("h2").inner_text() == "高新区基层党组织书记迎来“大考”"
    assert hit.locator("time").get_attribute("datetime") == "2021-01-15"
    assert hit.locator("time").inner_text() == "2021年1月15日"
    assert hit.locator(".byline").inner_text() == "记者孙庆辉"  # the role apart by CSS, as on the site
    marks = hit.locator(".summary mark").all_inner_texts()
    assert marks and set(marks) == {"王新亭"}
    excerpt = hit.locator(".summary").inner_text().strip("…")
    assert excerpt in " ".join(texts[f"{BASE}2021/01/15/gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao/"]
                               .split("\n"))


def test_no_spaces_are_inserted_between_han_characters(page, real_site) -> None:
    root, texts = real_site
    source = " ".join(" ".join(text.split("\n")) for text in texts.values())
    for query in ("党建", "研究院", "孙庆辉", "5G 城轨"):
        search(page, root, query)
        for text in page.locator("[data-search-results] > li").all_inner_texts():
            for line in text.split("\n"):
                for gap in re.findall(rf"[{HAN}]\s+[{HAN}]", line):
                    assert gap in source, f"{query}: {gap!r} is not in any article"
        for title in page.locator("[data-search-results] h2").all_inner_texts():
            assert not re.search(rf"[{HAN}] [{HAN}]", title)


def test_newest_first_or_most_relevant(page, near_site) -> None:
    root, _ = near_site
    newest = search(page, root, "王新亭")
    days = [re.search(r"/(\d{4}/\d\d/\d\d)/", url).group(1) for url in newest if "/articles/" not in url]
    assert days == sorted(days, reverse=True)
    relevant = search(page, root, "王新亭", sort="relevance")
    assert sorted(relevant) == sorted(newest)
    assert page.locator("#search-sort").input_value() == "relevance"
    assert "相关度" in page.locator("[data-search-status]").inner_text()


def test_filters_by_reporter_year_and_month(page, near_site) -> None:
    root, texts = near_site
    every = search(page, root, "党建")
    by_reporter = search(page, root, "党建", reporter="孙庆辉")
    assert by_reporter == [f"{BASE}2021/03/01/dang-jian/"] and set(by_reporter) < set(every)
    assert search(page, root, "王新亭", reporter="孙庆辉") == [f"{BASE}2019/12/31/wang-xin-ting/",
                                                           f"{BASE}2018/08/08/kicker-only/"]  # a photo credit
    assert search(page, root, "王新亭", date="2020") == [f"{BASE}2020/06/10/yan-jiu-yuan/"]
    assert search(page, root, "王新亭", date="2019-12") == [f"{BASE}2019/12/31/wang-xin-ting/"]
    assert search(page, root, "王新亭", date="2021-03") == []
    assert search(page, root, "王新亭", date="1999-01") == search(page, root, "王新亭")  # no such month: ignored
    assert expected(texts, "王新亭") >= {f"{BASE}2020/06/10/yan-jiu-yuan/", f"{BASE}2019/12/31/wang-xin-ting/"}
    # Choosing a filter in the form searches again and puts it in the URL.
    search(page, root, "王新亭")
    page.select_option("#search-date", "2020")
    wait_done(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["王新亭"], "date": ["2020"]}
    assert all_results(page) == [f"{BASE}2020/06/10/yan-jiu-yuan/"]


def test_the_query_lives_in_the_url_with_back_and_forward(page, real_site) -> None:
    root, _ = real_site
    first = search(page, root, "卡斯柯")
    assert page.locator("#search-q").input_value() == "卡斯柯"
    assert page.title().startswith("“卡斯柯”的搜索结果")
    page.fill("#search-q", "孙庆辉")
    page.press("#search-q", "Enter")
    wait_done(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["孙庆辉"]}
    second = all_results(page)
    assert len(second) == 3
    page.go_back()
    wait_until(page, "document.querySelector('#search-q').value === '卡斯柯'")
    wait_done(page)
    assert all_results(page) == first
    page.go_forward()
    wait_until(page, "document.querySelector('#search-q').value === '孙庆辉'")
    wait_done(page)
    assert all_results(page) == second


def test_status_is_announced(page, real_site) -> None:
    root, _ = real_site
    search(page, root, "王新亭")
    status = page.locator("[data-search-status]")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert status.inner_text() == "找到1篇包含“王新亭”的报道，按日期从新到旧排列。"
    search(page, root, "没有这个词")
    assert status.inner_text() == "没有找到包含“没有这个词”的报道。"


def test_search_box_on_every_page_leads_to_results(page, real_site) -> None:
    root, _ = real_site
    page.goto(root)
    box = page.get_by_role("search")
    assert box.locator("label").is_visible() and box.locator("label").inner_text() == "搜索报道"
    page.get_by_label("搜索报道").fill("党工委")
    page.get_by_label("搜索报道").press("Enter")
    page.wait_for_url(re.compile(r"/news-digest/search/\?q="))
    wait_done(page)
    assert len(all_results(page)) == 2


def test_everything_stays_under_the_base_path(page, real_site) -> None:
    root, _ = real_site
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    results = search(page, root, "高新区")
    assert results and all(url.startswith(BASE) for url in results)
    assert any("/pagefind/" in path for path in requested)
    assert [path for path in requested if not path.startswith(BASE)] == []


def test_without_javascript_the_page_says_so(browser, real_site) -> None:
    root, _ = real_site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(root + "search/?q=王新亭")
    note = tab.locator("[data-search-no-script]")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    assert urlsplit(note.locator("a").first.get_attribute("href")).path == f"{BASE}archive/"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_has_no_axe_violations(page, real_site, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    root, _ = real_site
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    for query in ("", "孙庆辉", "没有这个词"):
        page.goto(f"{root}search/?q={quote(query)}")
        page.wait_for_selector("[data-search][data-ready]")
        if query:
            wait_done(page)
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()


def test_typing_fetches_the_index_before_the_search(page, real_site) -> None:
    root, _ = real_site
    page.goto(f"{root}search/")
    page.locator("[data-search][data-ready]").wait_for()
    chunks: list[str] = []
    page.on("request", lambda request: "/index/" in request.url and chunks.append(request.url))
    page.locator("#search-q").press_sequentially("王新亭", delay=20)
    deadline = 50  # × 100 ms
    while not chunks and deadline:
        page.wait_for_timeout(100)
        deadline -= 1
    assert chunks and chunks[0].startswith(root + "pagefind/")  # fetched while typing, under the base path
    assert page.locator("[data-search-results] > li").count() == 0  # nothing was searched yet
    page.locator("#search-q").press("Enter")
    wait_done(page)
    assert len(all_results(page)) == 1


def titled_results(page, root: str, query: str, **params: str) -> list[tuple[str, str]]:
    """(URL path, title) of every result, in order."""
    search(page, root, query, **params)
    links = page.locator("[data-search-results] h2 a")
    return [(urlsplit(href).path, title) for href, title in zip(
        links.evaluate_all("links => links.map(a => a.href)"), links.all_inner_texts(), strict=True)]


def test_most_relevant_puts_titles_with_every_term_first_then_some(page, near_site) -> None:
    root, _ = near_site
    for query in ("乡村振兴 合作社", "乡村振兴"):
        terms = query.split()
        results = titled_results(page, root, query, sort="relevance")
        in_title = [sum(term in title for term in terms) for _, title in results]
        assert in_title[0] == len(terms) and in_title == sorted(in_title, reverse=True), results
    # Among the hand-written three, the body full of both words comes last, though it is the newest.
    mine = [f"{BASE}2017/04/01/he-zuo-she/", f"{BASE}2017/04/02/zhen-xing-jian-wen/", f"{BASE}2017/04/03/chun-geng/"]
    assert search(page, root, "乡村振兴 合作社", reporter="赵强", sort="relevance") == mine
    assert search(page, root, "乡村振兴 合作社", reporter="赵强") == mine[::-1]  # newest first stays as it was


def test_the_excerpt_shows_every_term_of_the_query(page, near_site) -> None:
    root, texts = near_site
    assert search(page, root, "光伏 储能") == [f"{BASE}2017/05/08/guang-fu/"]
    summary = page.locator("[data-search-results] .summary").first
    assert set(summary.locator("mark").all_inner_texts()) == {"光伏", "储能"}
    text = summary.inner_text()
    body = texts[f"{BASE}2017/05/08/guang-fu/"]
    assert "…" in text.strip("…") and len(text) <= 100  # two short windows joined by …, not the whole body
    assert all(part in body for part in text.split("…") if part)
    search(page, root, "储能 光伏")  # the order typed does not matter: the windows follow the text
    assert summary.inner_text() == text


def test_the_dateline_stands_apart_from_the_text_in_the_excerpt(page, real_site, near_site) -> None:
    root, _ = real_site
    assert len(search(page, root, "1月14日上午")) == 1  # the issue's 本报讯1月14日
    dateline = page.locator("[data-search-results] .summary .dateline")
    assert dateline.inner_text() == "本报讯"
    assert dateline.evaluate("e => e.nextSibling.textContent") == "1月14日上午"  # what follows is the text
    root, _ = near_site
    search(page, root, "卡斯柯", reporter="刘子静")
    summary = page.locator("[data-search-results] .summary").first
    dateline = summary.locator(".dateline")
    assert dateline.inner_text() == "本报讯"
    assert summary.inner_text().startswith("本报讯卡斯柯")  # no space inserted between Han characters …
    style = dateline.evaluate("e => [getComputedStyle(e).fontWeight, getComputedStyle(e).marginRight]")
    assert style[0] == "700" and float(style[1].removesuffix("px")) > 0  # … but set apart, as on the article page
    assert summary.locator("mark").all_inner_texts() == ["卡斯柯"]
    search(page, root, "本报讯 合作社", reporter="赵强")  # a match inside the dateline is marked there
    dateline = page.locator("[data-search-results] .summary .dateline").first
    assert dateline.locator("mark").all_inner_texts() == ["本报讯"]


def suggested(page) -> list[tuple[str, str]]:
    """(text, href) of the suggestions shown under "nothing found"."""
    links = page.locator("[data-search-suggest] a")
    return list(zip(links.all_inner_texts(), links.evaluate_all("links => links.map(a => a.href)"), strict=True))


def test_filters_by_topic_whole_and_offers_the_topics_in_the_form(page, near_site) -> None:
    root, _ = near_site
    assert search(page, root, "党建", topic="党建") == [f"{BASE}2021/03/01/dang-jian/"]
    assert search(page, root, "党建", topic="党建工作") == [f"{BASE}articles/ying-shang/"]  # a topic is whole
    by_topic = search(page, root, "合作社", topic="乡村振兴")
    assert by_topic == [f"{BASE}2017/04/02/zhen-xing-jian-wen/", f"{BASE}2017/04/01/he-zuo-she/"]
    assert f"{BASE}2017/04/03/chun-geng/" in search(page, root, "合作社")  # its text has both words, not the topic
    assert search(page, root, "合作社", topic="乡村振兴", reporter="孙庆辉") == []
    options = page.locator("#search-topic option").evaluate_all("options => options.map(o => o.value)")
    assert options[0] == "" and {"党建", "党建工作", "乡村振兴", "营商环境"} <= set(options)
    search(page, root, "合作社")
    page.select_option("#search-topic", "乡村振兴")  # choosing a topic searches again and puts it in the URL
    wait_until(page, "new URLSearchParams(location.search).get('topic') === '乡村振兴'")
    wait_done(page)
    assert all_results(page) == by_topic
    page.goto(f"{root}topics/xiang-cun-zhen-xing/")
    page.get_by_role("link", name="在这一话题的报道中搜索").click()  # the topic's page opens its search
    page.wait_for_url(re.compile(r"/search/\?topic="))
    wait_until(page, "document.querySelector('#search-topic')?.value === '乡村振兴'")
    page.fill("#search-q", "合作社")
    page.press("#search-q", "Enter")
    wait_until(page, "new URLSearchParams(location.search).get('q') === '合作社'")
    wait_done(page)
    assert all_results(page) == by_topic
    assert search(page, root, "王新亭", topic="春耕") == []
    text, href = suggested(page)[-1]
    assert text == "在全部话题、作者和时间里搜索“王新亭”" and parse_qs(urlsplit(href).query) == {"q": ["王新亭"]}


def test_nothing_found_suggests_the_section_topic_or_reporter_or_shorter_queries(page, near_site) -> None:
    root, _ = near_site
    assert search(page, root, "党建 没有这个词") == []
    assert page.locator("[data-search-status]").inner_text() == "没有找到包含“党建 没有这个词”的报道。"
    offered = suggested(page)
    assert offered[:2] == [("栏目“党建”的全部报道", f"{root}sections/dang-jian/"),
                           ("话题“党建”的全部报道", f"{root}topics/dang-jian/")]  # a section and a topic of one name
    queries = {text: parse_qs(urlsplit(href).query) for text, href in offered[2:]}
    assert queries == {"搜索“党建”": {"q": ["党建"]}, "搜索“没有这个词”": {"q": ["没有这个词"]}}
    page.get_by_role("link", name="搜索“党建”").click()  # searches on this page, a new history entry
    wait_until(page, "document.querySelector('#search-q').value === '党建'")
    wait_done(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["党建"]}
    assert all_results(page) == search(page, root, "党建") != []
    assert not page.locator("[data-search-suggest]").is_visible()
    search(page, root, "孙庆辉写的稿")
    assert suggested(page)[0] == ("记者“孙庆辉”的全部报道", f"{root}reporters/sun-qing-hui/")
    assert parse_qs(urlsplit(suggested(page)[-1][1]).query) == {"q": ["孙庆辉写的"]}  # one character shorter
    search(page, root, "营商环境的新做法")
    assert suggested(page)[0] == ("话题“营商环境”的全部报道", f"{root}topics/ying-shang-huan-jing/")


def test_nothing_found_with_a_filter_offers_the_search_without_it(page, near_site) -> None:
    root, _ = near_site
    assert search(page, root, "王新亭", date="2021-03", sort="relevance") == []
    text, href = suggested(page)[-1]
    assert text == "在全部作者和时间里搜索“王新亭”"
    assert parse_qs(urlsplit(href).query) == {"q": ["王新亭"], "sort": ["relevance"]}
    page.get_by_role("link", name=text).click()
    wait_until(page, "document.querySelector('#search-date').value === ''")
    wait_done(page)
    assert sorted(all_results(page)) == sorted(search(page, root, "王新亭"))


def _shards_started(page, root: str, query: str, **params: str) -> tuple[set[str], set[str], str]:
    """Search once; (shards whose index was read, shards whose script was fetched, the status)."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    search(page, root, query, **params)
    bundle = re.compile(re.escape(root) + r"pagefind/(\w+)/(index/|pagefind\.js)")
    read = {m[1] for url in urls if (m := bundle.match(url)) and m[2] == "index/"}
    started = {m[1] for url in urls if (m := bundle.match(url)) and m[2] == "pagefind.js"}
    return read, started, page.locator("[data-search-status]").inner_text()


def _shards_of(dist: Path, paths: set[str]) -> set[str]:
    """The shards that hold the articles at these URL paths (by their date in the path)."""
    shards = json.loads((dist / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    names = set()
    for path in paths:
        day = re.search(r"/(\d{4})/(\d{2})/(\d{2})/", path)
        iso = "-".join(day.groups()) if day else "0000-00-00"
        names |= {s["bundle"].rstrip("/").rsplit("/", 1)[1] for s in shards if s["first"] <= iso <= s["last"]}
    return names


def test_in_many_shards_search_is_still_exact(page, sharded_site) -> None:
    root, texts, dist = sharded_site
    assert len(json.loads((dist / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]) > 8
    queries = [*NEAR_MISS_QUERIES, *sampled_queries(texts, count=40, seed=11)]
    recall, precision, wrong = recall_precision(page, root, texts, queries)
    assert wrong == {}
    assert (recall, precision) == (1.0, 1.0)


def test_a_word_that_is_nowhere_reads_no_shard(page, sharded_site) -> None:
    root, _, dist = sharded_site
    for query in ("量子纠缠", "qwertyzz", "亭王新"):
        read, started, status = _shards_started(page, root, query)
        assert status.startswith("没有找到"), query
        assert read == set(), query  # the route table said no: no index was read
        newest = json.loads((dist / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"][0]["bundle"]
        assert started <= {newest.rstrip("/").rsplit("/", 1)[1]}, query  # at most the newest, started ahead


def test_a_rare_word_reads_only_the_shards_that_hold_it(page, sharded_site) -> None:
    root, texts, dist = sharded_site
    for query, params in (("卡斯柯", {}), ("王新亭", {}), ("乡村振兴 合作社", {}), ("城轨", {"reporter": "刘子静"})):
        want = {path for path in expected(texts, query) if params.get("reporter", "") in texts[path]}
        read, _, _ = _shards_started(page, root, query, **params)
        assert want and read and read <= _shards_of(dist, want), query
        assert len(read) < len(_shards_of(dist, set(texts))), query


def test_the_script_cuts_and_buckets_route_keys_as_the_build_does(page, near_site) -> None:
    from digest.search import fold
    from digest.search_routes import bucket, text_keys

    root, _ = near_site
    page.goto(f"{root}search/")
    page.locator("[data-search][data-ready]").wait_for()
    script = page.locator("script[type=module]").get_attribute("src")
    texts = ["王新亭", "5G城轨", "亭", "PM2.5", "𠀀字", "Éclair", "卡斯柯，郑州"]
    keys, buckets = page.evaluate("""async ([script, texts]) => {
      const search = await import(script);
      const keys = texts.map((text) => search.parseTerms(text).flatMap(search.routeKeys));
      return [keys, keys.map((list) => list.map((key) => search.routeBucket(key, 1024)))];
    }""", [script, texts])
    for text, cut, numbers in zip(texts, keys, buckets, strict=True):
        assert cut and set(cut) <= text_keys(text, fold), text  # an article holding the text has every key
        assert numbers == [bucket(key, 1024) for key in cut], text


def test_folding_in_one_go_is_folding_one_character_at_a_time(page, near_site) -> None:
    root, _ = near_site
    page.goto(f"{root}search/")
    page.locator("[data-search][data-ready]").wait_for()
    script = page.locator("script[type=module]").get_attribute("src")
    texts = ["王新亭看5G城轨", "PM2.5与E-mail", "Éclair和é", "豈𠀀字", "ΟΔΟΣ ΣΑΣ", "İstanbul", "ﬁ Straße", "",
             "A\u0301b"]
    folded = page.evaluate("""async ([script, texts]) => {
      const { fold } = await import(script);
      // The plain way: each character normalized, stripped of its marks and lowered alone.
      const plain = (original) => {
        let text = "";
        const at = [];
        let i = 0;
        for (const char of original) {
          const one = char.normalize("NFD").replace(/\\p{M}/gu, "").toLowerCase();
          for (let k = 0; k < one.length; k += 1) at.push(i);
          text += one;
          i += char.length;
        }
        at.push(i);
        return { text, at };
      };
      // The same text, and the same place in the original wherever a match can start or end (not inside a pair of
      // surrogates).
      return texts.map((original) => {
        const [fast, slow] = [fold(original), plain(original)];
        const edges = [...Array(slow.text.length + 1).keys()]
          .filter((i) => !/[\\uDC00-\\uDFFF]/.test(slow.text[i] || ""));
        return fast.text === slow.text && edges.every((i) => fast.at[i] === slow.at[i]);
      });
    }""", [script, texts])
    assert folded == [True] * len(texts)


# Installed before the page's scripts: the resources fetched when the first result is drawn.
_FETCHED_AT_FIRST_RESULT = """(() => {
  new MutationObserver((_, observer) => {
    if (!document.querySelector("[data-search-results] li")) return;
    window.fetchedAtFirst = performance.getEntriesByType("resource").map((entry) => entry.name);
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true });
})();"""


def test_the_first_results_come_from_the_table_before_pagefind_starts(browser, sharded_site) -> None:
    root, texts, _ = sharded_site
    context = browser.new_context()
    context.add_init_script(_FETCHED_AT_FIRST_RESULT)
    page = context.new_page()
    try:
        for query, params in (("城轨", {}), ("乡村振兴 合作社", {}), ("党建", {"date": "2021"}),
                              ("城轨", {"reporter": "刘子静"})):
            got = search(page, root, query, **params)
            fetched = page.evaluate("window.fetchedAtFirst")
            assert fetched and any("/fragment/" in url for url in fetched), query
            # No Pagefind script, WebAssembly or index before the first result: the table and a fragment.
            assert not [url for url in fetched if re.search(r"pagefind\.js|\.pagefind$|/index/", url)], query
            assert len(got) == len(set(got)) and got, query
            assert params or set(got) == expected(texts, query), query
            status = page.locator("[data-search-status]").inner_text()
            assert status.startswith(f"找到{len(got)}篇"), (query, status)  # Pagefind's exact count, after
    finally:
        context.close()


def test_the_fragment_list_of_the_dates_asked_for_comes_with_the_table(page, sharded_site) -> None:
    # With a date, the first results are in the newest shard of that date, not the newest shard: its list of
    # fragments is fetched with the table's buckets rather than after them (one round trip less).
    root, _, dist = sharded_site
    shards = json.loads((dist / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    newest_of_2019 = next(shard for shard in shards if shard["first"][:4] <= "2019" <= shard["last"][:4])
    assert newest_of_2019 is not shards[0]
    search(page, root, "城轨", date="2019")
    fetched = page.evaluate("performance.getEntriesByType('resource').map((e) => [e.name, e.startTime, e.responseEnd])")
    buckets = [end for url, _, end in fetched if re.search(r"/routes/[0-9a-f]+/[0-9]+\.json$", url)]
    lists = {url.rsplit("/", 1)[1]: start for url, start, _ in fetched if "/pages-" in url}
    assert buckets and lists[f"pages-{newest_of_2019['name']}.json"] < min(buckets)
    assert f"pages-{shards[0]['name']}.json" not in lists  # the newest shard holds nothing of 2019


def test_a_candidate_of_the_table_that_lacks_the_term_is_not_shown_or_counted(page, sharded_site) -> None:
    root, texts, _ = sharded_site
    # 王新 and 新亭 apart, 研究 and 究院 apart: every key of the query, and not the query.
    for query in ("王新亭", "研究院", "党的建设", "亭"):
        want = expected(texts, query)
        got = search(page, root, query)
        assert set(got) == want and len(got) == len(want), query
        status = page.locator("[data-search-status]").inner_text()
        assert status.startswith(f"找到{len(want)}篇" if want else "没有找到"), (query, status)
