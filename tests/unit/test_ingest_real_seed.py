"""The real seed ingests into exactly the articles an editor would cut out of the page."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from digest.ingest import ingest
from tests.helpers import REAL_SEED, articles_in

EXPECTED = [
    ("高新区基层党组织书记迎来“大考”", "畅谈履职故事 盘点基层党建", dt.date(2021, 1, 15), ["孙庆辉"], [], None),
    ("高新区领导会见“北京机科国创” 共同打造国家级研发平台", None, dt.date(2021, 1, 14), ["孙庆辉"], [], "本报讯"),
    ("省工信厅、市工信局到高新区调研卡斯柯公司", None, dt.date(2021, 1, 13), ["孙庆辉"], ["刘子静"], "本报讯"),
]
REPAIRED = ["机械科学研究总院", "发挥突出", "基本保障", "推动“十四五”开局", "通过述职总结经验", "郑州智慧城轨"]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(REAL_SEED, seeds)
    report = ingest(seeds, root / "content")
    return report, articles_in(root / "content")


def test_the_table_holds(real):
    _, articles = real
    got = [
        (m["title"], m["kicker"], m["date"], m["authors"], m["correspondents"], m["dateline"])
        for _, m, _ in articles
    ]
    assert got == EXPECTED


def test_article_one_keeps_both_sections(real):
    _, articles = real
    body = articles[0][2]
    assert [line for line in body.splitlines() if line.startswith("## ")] == [
        "## 总结经验，找出不足，明确方向",
        "## 强化党建引领，抓好带头人队伍建设",
    ]
    assert body.rstrip().endswith("部分基层一线党代表、人大代表、政协委员以及党员和群众代表参会。")


@pytest.mark.parametrize("fragment", REPAIRED)
def test_broken_paragraphs_are_repaired(real, fragment):
    _, articles = real
    assert any(fragment in body for _, _, body in articles)


def test_no_body_contains_a_byline(real):
    _, articles = real
    for _, _, body in articles:
        assert "记者 孙庆辉" not in body and "通讯员" not in body
        assert not body.startswith("本报讯")


def test_year_comes_from_the_text(real):
    report, _ = real
    seed = report.seeds[0]
    assert seed.year == 2021
    assert seed.year_source.startswith("guessed: «2021年» on line")


def test_half_width_punctuation_becomes_full_width(real):
    _, articles = real
    third = articles[2][2]
    assert "卡斯柯信号（郑州）有限公司" in third
    assert "进行了全面汇报；又针对" in third
    assert "5G技术应用" in third
    assert "," not in "".join(body for _, _, body in articles)


def test_slugs_are_pinyin_of_the_title(real):
    _, articles = real
    assert articles[0][1]["slug"] == "gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao"
    assert articles[0][0].as_posix().endswith(
        "content/2021/01/15/gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao.md"
    )
    for _, meta, _ in articles:
        assert len(meta["slug"]) <= 60
        assert meta["source"] == "000_f71bc933e6fb3ad1.txt"
        assert meta["draft"] is False
