"""The linear-time choice of related articles is exactly the plain pairwise definition."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import SiteConfig
from digest.content import Article
from digest.model import _related, _related_reference, build_site

CFG = SiteConfig(title="测试")
NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静"]
TAGS = ["党建", "科技", "民生"]
SECTIONS = [None, "要闻", "经济"]


@st.composite
def articles(draw) -> list[Article]:
    count = draw(st.integers(0, 40))
    result = []
    for n in range(count):
        day = draw(st.one_of(st.none(), st.integers(0, 12).map(lambda d: dt.date(2021, 1, 1) + dt.timedelta(d))))
        result.append(Article(
            path=f"a{n}.md", title=f"标题{n}", body="正文。\n", date=day, slug=f"a{n}",
            authors=tuple(draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True))),
            correspondents=tuple(draw(st.lists(st.sampled_from(NAMES), max_size=1))),
            tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
            section=draw(st.sampled_from(SECTIONS)),
        ))
    return sorted(result, key=lambda a: a.sort_key)


@settings(max_examples=150, deadline=None)
@given(articles(), st.integers(1, 6))
def test_related_matches_the_pairwise_definition(found: list[Article], count: int) -> None:
    stories = build_site(found, replace(CFG, related=count)).stories
    assert [story.related for story in stories] == _related_reference(stories, count)
    assert _related(stories, count) == _related_reference(stories, count)


def test_unsorted_input_falls_back_to_the_reference() -> None:
    early = Article(path="a.md", title="早", body="", date=dt.date(2020, 1, 1), slug="a", authors=("张伟",))
    late = Article(path="b.md", title="晚", body="", date=dt.date(2021, 1, 1), slug="b", authors=("张伟",))
    stories = build_site([early, late], CFG).stories
    assert _related(stories, 4) == _related_reference(stories, 4)
    assert [link.path for link in stories[0].related] == ["2021/01/01/b/"]
