"""The linear-time choice of related articles is exactly the plain pairwise definition."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import SiteConfig
from digest.content import Article
from digest.model import Link, _related, _related_keys, _related_reference, _relation_keys, build_site

CFG = SiteConfig(title="测试")
NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静"]
TAGS = ["党建", "科技", "民生"]
NAMED = ["王新亭", "张朝辉", "张伟", "乔培新"]  # 张伟 is also a reporter: a different list
TOPICS = ["交通", "教育", "安全生产", "党建"]
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
            mentions=draw(st.one_of(st.none(), st.lists(st.sampled_from(NAMED), max_size=3, unique=True).map(tuple))),
            topics=draw(st.one_of(st.none(), st.lists(st.sampled_from(TOPICS), max_size=4, unique=True).map(tuple))),
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


def test_many_lists_per_story_match_the_pairwise_definition() -> None:
    """Stories with a dozen lists each (persons named, topics, reporters, tags, a section), many on one day."""
    rng = random.Random(20)
    found = [Article(path=f"a{n}.md", title=f"标题{n}", body="", date=dt.date(2021, 1, 1) + dt.timedelta(n // 7),
                     slug=f"a{n}", authors=tuple(rng.sample(NAMES, 2)), tags=tuple(rng.sample(TAGS, 2)),
                     section=rng.choice(SECTIONS), mentions=tuple(rng.sample(NAMED, 3)),
                     topics=tuple(rng.sample(TOPICS, 4))) for n in range(300)]
    found = sorted(found, key=lambda a: a.sort_key)
    stories = build_site(found, replace(CFG, related=5)).stories
    keys = [_relation_keys(story) for story in stories]
    assert max(map(len, keys)) > 10  # more than the subsets of the former walk could take
    days = [story.article.day.toordinal() for story in stories]
    links = [Link(s.article.title, s.path, s.article.day) for s in stories]
    assert _related_keys(keys, days, links, 5) == _related_reference(stories, 5)


def test_a_person_named_in_both_outweighs_a_shared_reporter_and_tag() -> None:
    day = dt.date(2021, 1, 15)
    this = Article(path="a.md", title="本篇", body="", date=day, slug="a", authors=("孙庆辉",), tags=("党建",),
                   mentions=("王新亭",), topics=("党建",))
    same_person = Article(path="b.md", title="同一人物", body="", date=day - dt.timedelta(300), slug="b",
                          mentions=("王新亭",))
    same_beat = Article(path="c.md", title="同一记者", body="", date=day, slug="c", authors=("孙庆辉",))
    same_topic = Article(path="d.md", title="同一话题", body="", date=day, slug="d", topics=("党建",))
    stories = build_site(sorted([this, same_person, same_beat, same_topic], key=lambda a: a.sort_key), CFG).stories
    [story] = [s for s in stories if s.article.slug == "a"]
    assert [link.name for link in story.related] == ["同一人物", "同一记者", "同一话题"]
