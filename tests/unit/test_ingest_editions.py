"""Issue 16, ingest: each article's edition, page, page name, section and order, from every source in turn."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from digest.editions import page_sort_key
from digest.ingest import ingest
from digest.ingest.edition import from_file_name
from digest.ingest.parse import SeedOptions, parse_seed
from tests.helpers import FIXTURES, articles_in

EDITIONS = FIXTURES / "editions"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> dict[str, dict]:
    content = tmp_path_factory.mktemp("editions") / "content"
    report = ingest(EDITIONS, content)
    assert not report.errors
    return {meta["title"]: {"path": path, **meta} for path, meta, _ in articles_in(content)}


def _edition(meta: dict) -> tuple:
    return meta["edition"], meta["page"], meta["page_name"], meta["section"], meta["order"]


def test_page_headers_anywhere_in_a_multi_page_dump(ingested) -> None:
    assert _edition(ingested["代表委员热议高质量发展"]) == (dt.date(2021, 3, 9), "01", "要闻", "要闻", 1)
    assert _edition(ingested["全市春季植树活动启动"]) == (dt.date(2021, 3, 9), "01", "要闻", "要闻", 2)
    assert _edition(ingested["社区图书室上新"]) == (dt.date(2021, 3, 9), "02", "综合", "综合", 1)


def test_a_story_jumped_across_pages_is_one_article(ingested) -> None:
    story = ingested["代表委员热议高质量发展"]
    assert [meta["title"] for meta in ingested.values()].count("代表委员热议高质量发展") == 1
    assert story["authors"] == ["孙庆辉"]


def test_date_and_page_from_the_file_name(ingested) -> None:
    assert _edition(ingested["老旧小区改造开工"]) == (dt.date(2021, 3, 10), "03", None, None, 1)
    assert _edition(ingested["菜市场完成提升改造"])[-1] == 2


def test_seeds_toml_gives_date_page_and_page_name(ingested) -> None:
    meta = ingested["城区新增停车位"]
    assert _edition(meta) == (dt.date(2021, 3, 11), "A04", "城建", "城建", 1)
    # No date in the text: `date` stays empty, and the site places the article at its edition.
    assert meta["date"] is None
    assert meta["path"].as_posix().endswith("2021/03/11/cheng-qu-xin-zeng-ting-che-wei.md")


def test_without_any_header_the_edition_is_the_latest_article_date(tmp_path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(EDITIONS / "no_header.txt", seeds)
    report = ingest(seeds, tmp_path / "content")
    assert report.seeds[0].edition_source == "inferred: the latest date of the dump's articles"
    assert {a.edition for a in report.seeds[0].articles} == {"2021-03-06"}


def test_the_report_says_where_the_edition_came_from(tmp_path) -> None:
    report = ingest(EDITIONS, tmp_path / "content")
    sources = {seed.source: seed.edition_source for seed in report.seeds}
    assert sources["2021-03-09_multi_page.txt"] == "page header «2021年3月9日 星期二» on line 1"
    assert sources["20210310-03.txt"] == "the file name 20210310-03.txt"
    assert sources["from_toml.txt"] == "seeds.toml date"


@pytest.mark.parametrize(("name", "expected"), [
    ("2021-01-16_A03.txt", (dt.date(2021, 1, 16), "A03")),
    ("20210116-02.txt", (dt.date(2021, 1, 16), "02")),
    ("2021_01_16.txt", (dt.date(2021, 1, 16), None)),
    ("20210230-02.txt", (None, None)),
    ("000_f71bc933e6fb3ad1.txt", (None, None)),
])
def test_file_names(name: str, expected: tuple) -> None:
    assert from_file_name(name) == expected


def test_a_header_below_the_first_article_still_places_it() -> None:
    text = "# 标题一\n\n本报讯 3月8日，会议召开。\n\nA03 要闻\n\n# 标题二\n\n本报讯 3月8日，活动举行。\n"
    seed = parse_seed(text, SeedOptions(year=2021))
    assert [(a.page, a.page_name, a.order) for a in seed.articles] == [("A03", "要闻", 1), ("A03", "要闻", 2)]


def test_pages_sort_as_printed() -> None:
    labels = ["B01", "A10", "A02", None, "2", "10", "A01"]
    assert sorted(labels, key=page_sort_key) == ["2", "10", "A01", "A02", "A10", "B01", None]


def test_an_edited_file_is_kept_and_the_report_names_the_keys_it_would_get(tmp_path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(EDITIONS / "20210310-03.txt", seeds)
    content = tmp_path / "content"
    ingest(seeds, content)
    path = next(content.rglob("lao-jiu-xiao-qu-gai-zao-kai-gong.md"))
    # An editor's file from before editions: without the new keys, and with a word changed.
    text = path.read_text(encoding="utf-8").replace("老旧小区", "老旧小区（已编辑）")
    text = "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith(("edition:", "page:", "page_name:", "order:")))
    path.write_text(text, encoding="utf-8")
    edited = path.read_bytes()
    report = ingest(seeds, content)
    assert path.read_bytes() == edited
    warning = next(w for w in report.seeds[0].warnings if str(path) in w)
    assert warning.endswith("edited by hand since the last ingest; kept (ingest --force regenerates it); "
                            "ingest would add edition: 2021-03-10, page: 03, order: 1")
