"""Families of page-dump conventions (bylines, dates, structure), one small seed per case, in TOML.

Each `[[case]]` of `tests/fixtures/families/*.toml` has a `seed`, optional SeedOptions (`date`, `year`)
and one `[[case.article]]` per expected article. Only the keys an article states are checked:
`title`, `kicker`, `subtitle`, `dateline` (the string "none" means no value), `date` ("YYYY-MM-DD" or
"none"), the role arrays `authors`, `correspondents`, `photographers`, `interns`, `captions`, and
`body` (the paragraphs in order, a subheading written "## text").

A seed goes through the same steps as a seed file: its UTF-8 bytes are decoded as ingest decodes a file
(which drops byte-order marks anywhere in it), then `parse_seed` runs with the case's SeedOptions.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from digest.ingest.decode import decode_data
from digest.ingest.names import is_personal_name
from digest.ingest.parse import SeedOptions, parse_seed
from digest.ingest.text import han_chars
from tests.helpers import FIXTURES, han_placed

FAMILIES = FIXTURES / "families"
MINIMUM_CASES = {"bylines": 34, "dates": 16, "structure": 12, "datelines": 12, "pitfalls": 12}
ROLES = ("authors", "correspondents", "photographers", "interns")
OPTIONAL_TEXT = ("kicker", "subtitle", "dateline")
KNOWN_KEYS = {"title", "date", "captions", "body", *ROLES, *OPTIONAL_TEXT}


def _load(family: str) -> list[dict]:
    with (FAMILIES / f"{family}.toml").open("rb") as file:
        return tomllib.load(file)["case"]


CASES = {family: _load(family) for family in MINIMUM_CASES}
ALL_CASES = [pytest.param(family, case, id=f"{family}-{case['name']}")
             for family, cases in CASES.items() for case in cases]


def _options(case: dict) -> SeedOptions:
    date = case.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    return SeedOptions(date=date, year=case.get("year"))


def _expected_date(value: str) -> dt.date | None:
    return None if value == "none" else dt.date.fromisoformat(value)


def _body(article) -> list[str]:
    return [f"## {p.text}" if p.kind == "h" else p.text for p in article.paragraphs]


def _actual(article, key: str):
    if key in ROLES:
        return list(getattr(article.credits, key))
    if key == "body":
        return _body(article)
    if key == "captions":
        return list(article.captions)
    return getattr(article, key)


def _expected(key: str, value):
    if key == "date":
        return _expected_date(value)
    if key in OPTIONAL_TEXT and value == "none":
        return None
    return value


@pytest.mark.parametrize("family", list(MINIMUM_CASES))
def test_each_family_has_its_minimum_number_of_cases(family: str) -> None:
    cases = CASES[family]
    assert len(cases) >= MINIMUM_CASES[family]
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in cases:
        assert case["article"], case["name"]
        for article in case["article"]:
            assert set(article) <= KNOWN_KEYS, (case["name"], set(article) - KNOWN_KEYS)
            if family == "bylines":
                assert set(ROLES) <= set(article), f"{case['name']}: a byline case states all four roles"


@pytest.mark.parametrize(("family", "case"), ALL_CASES)
def test_case(family: str, case: dict) -> None:
    text = decode_data(case["seed"].encode("utf-8"), Path(f"{case['name']}.txt"))
    seed = parse_seed(text, _options(case))
    expected_articles = case["article"]
    titles = [a.title for a in seed.articles]
    assert len(seed.articles) == len(expected_articles), f"{case['note']}: articles found {titles}"
    mismatches = {}
    for index, (article, expected) in enumerate(zip(seed.articles, expected_articles, strict=True)):
        for key, value in expected.items():
            want, got = _expected(key, value), _actual(article, key)
            if got != want:
                mismatches[f"article {index + 1} {key}"] = {"expected": want, "got": got}
    assert not mismatches, f"{case['note']}: {mismatches}"


@pytest.mark.parametrize(("family", "case"), ALL_CASES)
def test_every_han_character_of_a_case_is_accounted_for(family: str, case: dict) -> None:
    text = decode_data(case["seed"].encode("utf-8"), Path(f"{case['name']}.txt"))
    assert han_placed(parse_seed(text, _options(case))) == Counter(han_chars(text))


@pytest.mark.parametrize(("family", "case"), ALL_CASES)
def test_every_credited_name_is_a_plausible_personal_name(family: str, case: dict) -> None:
    text = decode_data(case["seed"].encode("utf-8"), Path(f"{case['name']}.txt"))
    for article in parse_seed(text, _options(case)).articles:
        for role in ROLES:
            for name in getattr(article.credits, role):
                assert is_personal_name(name), (case["name"], role, name)
