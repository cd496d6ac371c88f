"""Property tests of front-matter loading: any file loads or gets one-line `path:line: message` errors."""
from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.content import read_article

KEYS = st.sampled_from(["title", "date", "authors", "tags", "slug", "draft", "source_index", "kicker", "bogus"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
                    st.dates(), st.datetimes())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5),
                                                                                             inner, max_size=3),
                      max_leaves=10)


def _check(raw: bytes) -> None:
    article, problems, _ = read_article("a.md", raw)
    assert (article is None) == bool(problems)
    for problem in problems:
        text = str(problem)
        assert text.startswith("a.md:") and "\n" not in text and problem.line, text
    if article is not None:
        article.title.encode("utf-8")  # whatever loads can be written into a page
        assert article.title.strip() == article.title != ""


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=6), st.text(max_size=200))
def test_any_yaml_mapping_loads_or_is_named(front: dict, body: str) -> None:
    try:
        head = yaml.safe_dump(front, allow_unicode=True)
    except yaml.YAMLError:
        return
    _check(f"---\n{head}---\n\n{body}".encode("utf-8", "surrogatepass"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=string.printable + "：“”汉字\u200b\ud800\x00-[]{}&*!|>'\"%@`#", max_size=300))
def test_any_text_as_front_matter_loads_or_is_named(text: str) -> None:
    _check(f"---\n{text}".encode("utf-8", "surrogatepass"))
    _check(f"---\n{text}\n---\n\n正文。\n".encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_or_are_named(data: bytes) -> None:
    _check(b"---\n" + data)
