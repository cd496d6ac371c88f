"""Every Han character of a seed ends up in exactly one place, or in the report as removed furniture."""
from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from digest.ingest.decode import decode_seed
from digest.ingest.text import han_chars
from tests.helpers import FIXTURES, REAL_SEED, articles_in, run_cli

SEEDS = [REAL_SEED, *sorted((FIXTURES / "seeds").glob("*.txt")), *sorted((FIXTURES / "editions").glob("*.txt")),
         *sorted((FIXTURES / "photo_seeds").glob("*.txt"))]


def _placed(meta: dict, body: str, title_from_text: bool) -> list[str]:
    # An untitled article's title repeats its first sentence: it is counted once, in the body.
    title = None if title_from_text else meta.get("title")
    fields = [title, meta.get("kicker"), meta.get("subtitle"), meta.get("dateline"), body]
    fields += meta.get("captions") or []
    return [ch for text in fields if text for ch in han_chars(text)]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_every_han_character_is_accounted_for(tmp_path, seed):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(seed, seeds)
    result = run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "c"),
                     "--report", str(tmp_path / "r.json"))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["seeds"][0]

    placed = Counter()
    untitled = {a["index"] for a in report["articles"] if a["title_from_text"]}
    for _, meta, body in articles_in(tmp_path / "c"):
        placed.update(_placed(meta, body, meta["source_index"] in untitled))
    for article in report["articles"]:
        for byline in article["bylines"]:
            placed.update(han_chars(byline))
    for furniture in report["furniture"]:
        placed.update(han_chars(furniture["text"]))

    assert placed == Counter(han_chars(decode_seed(seed)))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_credited_names_come_from_the_bylines_and_captions(tmp_path, seed):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(seed, seeds)
    run_cli("ingest", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--report", str(tmp_path / "r.json"))
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["seeds"][0]
    by_index = {a["index"]: a for a in report["articles"]}
    for _, meta, _body in articles_in(tmp_path / "c"):
        credit_text = " ".join(by_index[meta["source_index"]]["bylines"] + meta["captions"])
        for role in ("authors", "correspondents", "photographers", "interns"):
            for name in meta[role]:
                assert name in credit_text
