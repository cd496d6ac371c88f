"""Issue 17, ingest: a seed brings its photos in a folder named like it; ingest copies them beside the article."""
from __future__ import annotations

import shutil
from pathlib import Path

from digest.ingest import ingest
from tests.helpers import FIXTURES, articles_in, run_cli

PHOTO_SEEDS = FIXTURES / "photo_seeds"
PARK = "2021/01/19/bin-he-gong-yuan-ying-lai-dong-ri-you-ke"


def _seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(PHOTO_SEEDS, seeds)
    return seeds


def test_photos_are_copied_beside_their_article_and_placed_in_its_body(tmp_path: Path) -> None:
    content = tmp_path / "content"
    report = ingest(_seeds(tmp_path), content)
    park = content / PARK / "park.jpg"
    assert park.read_bytes() == (PHOTO_SEEDS / "20210120_A02" / "park.jpg").read_bytes()
    articles = {meta["title"]: (meta, body) for _, meta, body in articles_in(content)}
    meta, body = articles["滨河公园迎来冬日游客"]
    assert "![市民在滨河公园散步 记者 张三 摄](bin-he-gong-yuan-ying-lai-dong-ri-you-ke/park.jpg)" in body
    assert meta["photographers"] == ["张三"]
    assert articles["老街挂起红灯笼"][0]["photographers"] == ["李四"]
    # A photo the folder lacks: its caption is kept, and the report says so with the seed's line.
    assert articles["老街挂起红灯笼"][0]["captions"] == ["夜色中的老街"]
    assert report.seeds[0].warnings == [
        f"{tmp_path / 'seeds' / '20210120_A02.txt'}:18: photo 'night.jpg' is not in "
        f"{tmp_path / 'seeds' / '20210120_A02'}; its caption is kept in captions"]


def test_a_photo_a_person_replaced_is_never_overwritten(tmp_path: Path) -> None:
    seeds, content = _seeds(tmp_path), tmp_path / "content"
    ingest(seeds, content)
    park = content / PARK / "park.jpg"
    park.write_bytes(b"a better photo")
    report = ingest(seeds, content)
    assert park.read_bytes() == b"a better photo"
    assert any(str(park) in warning and "kept" in warning for warning in report.seeds[0].warnings)


def test_the_ingested_paper_builds_with_its_photos(tmp_path: Path) -> None:
    seeds, content = _seeds(tmp_path), tmp_path / "content"
    ingest(seeds, content)
    result = run_cli("build", "--content", str(content), "--out", str(tmp_path / "dist"), "--no-search")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "dist" / PARK / "index.html").read_text(encoding="utf-8")
    assert '<figure class="photo"><picture>' in page
    assert "<figcaption>市民在滨河公园散步 记者 张三 摄</figcaption>" in page
