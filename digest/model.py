"""`[Article]` → `Site`: the read-only view templates see (URLs, bylines, summaries, archives, related)."""
from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from digest.config import SiteConfig
from digest.content import Article
from digest.markup import Heading, to_html
from digest.slugs import to_slug, unique_slug

# (front matter key, label shown, label comes after the names): 记者 A、B … 通讯员 C … D 摄
ROLES = (
    ("authors", "记者", False),
    ("interns", "实习生", False),
    ("correspondents", "通讯员", False),
    ("photographers", "摄", True),
)
WEEKDAYS = "一二三四五六日"
_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)]*")
_ROLE_WORDS = r"(?:本报)?(?:记者|通讯员|实习生|摄影|摄)"
_BYLINE_PATTERNS = (
    re.compile(rf"[（(][^（()）]*?{_ROLE_WORDS}[^（()）]*[)）]"),
    re.compile(rf"{_ROLE_WORDS}(?:[ \u3000]+[\u4e00-\u9fff·]{{2,5}})+(?:[ \u3000]*摄)?"),
)
_LEADING_DATELINE = re.compile(r"^(?:本报讯|(?:新华社|中新社)[^，。\s]{0,12}电)[ \u3000]*")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Link:
    """Something with a name and a site path: a reporter, a tag, an article."""

    name: str
    path: str


@dataclass(frozen=True)
class Byline:
    """One role and the people credited with it."""

    role: str
    people: tuple[Link, ...]
    role_after: bool = False


@dataclass(frozen=True)
class Story:
    """An article with everything its pages show: URL, HTML, summary, bylines, neighbours."""

    article: Article
    path: str
    body_html: Markup
    headings: tuple[Heading, ...]
    summary: str
    chars: int
    minutes: int
    bylines: tuple[Byline, ...]
    tags: tuple[Link, ...]
    section: Link | None
    issue: Link | None
    previous: Link | None = None
    next: Link | None = None
    related: tuple[Link, ...] = ()

    @property
    def people(self) -> tuple[Link, ...]:
        """Everyone credited, in byline order, each once."""
        seen: dict[str, Link] = {}
        for byline in self.bylines:
            for person in byline.people:
                seen.setdefault(person.path, person)
        return tuple(seen.values())


@dataclass(frozen=True)
class Group:
    """A list of stories with a page of its own: a reporter, tag, section, year, month or issue."""

    name: str
    path: str
    stories: tuple[Story, ...]
    note: str = ""
    children: tuple[Group, ...] = ()


@dataclass(frozen=True)
class Site:
    """The whole site as templates see it."""

    stories: tuple[Story, ...]
    people: tuple[Group, ...]
    tags: tuple[Group, ...]
    sections: tuple[Group, ...]
    years: tuple[Group, ...]

    @property
    def updated(self) -> dt.date | None:
        """Date of the newest dated article: what feeds call `updated` (never the build time)."""
        return max((s.article.date for s in self.stories if s.article.date), default=None)

    @property
    def issues(self) -> tuple[Group, ...]:
        """Every issue (day) of the paper, newest first."""
        return tuple(day for year in self.years for month in year.children for day in month.children)


def article_path(article: Article) -> str:
    """`2021/01/15/<slug>/`, or `articles/<slug>/` when the article has no date."""
    if article.date is None:
        return f"articles/{article.slug}/"
    return f"{article.date:%Y/%m/%d}/{article.slug}/"


def format_date(day: dt.date) -> str:
    """`2021年1月15日`."""
    return f"{day.year}年{day.month}月{day.day}日"


def weekday(day: dt.date) -> str:
    """`星期五`."""
    return "星期" + WEEKDAYS[day.weekday()]


def count_chars(text: str) -> int:
    """Characters a reader reads: everything but whitespace."""
    return sum(1 for char in text if not char.isspace())


def reading_minutes(chars: int, per_minute: int) -> int:
    """Whole minutes to read `chars` characters, at least one."""
    return max(1, int(chars / per_minute + 0.5))


def strip_bylines(text: str, names: Iterable[str] = ()) -> str:
    """`text` without `（记者 张三）`, `记者 张三 通讯员 李四` or a role word before a credited name."""
    for pattern in _BYLINE_PATTERNS:
        text = pattern.sub("", text)
    for name in sorted(set(names), key=len, reverse=True):
        text = re.sub(rf"{_ROLE_WORDS}[ \u3000]*{re.escape(name)}(?:[ \u3000]*摄)?", "", text)
    return text.strip()


def summarise(paragraphs: Sequence[str], limit: int = 120, names: Iterable[str] = ()) -> str:
    """About `limit` characters from the start of the text, cut at a sentence end; bylines removed."""
    names = tuple(names)
    text = "".join(strip_bylines(p, names) for p in paragraphs)
    text = _LEADING_DATELINE.sub("", text.lstrip())
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    fitting = [end for end in ends if end <= limit]
    if fitting and fitting[-1] >= limit // 3:
        return text[: fitting[-1]]
    longer = [end for end in ends if limit < end <= limit * 3 // 2]
    if longer:
        return text[: longer[0]]
    return text[:limit].rstrip("，、；：,;: ") + "…"


def paragraphs_of(body_html: str) -> list[str]:
    """Plain text of each `<p>` of an HTML fragment (headings and lists left out)."""
    return [html.unescape(_TAG.sub("", match.group(1))) for match in _PARAGRAPH.finditer(body_html)]


def with_dateline(body_html: str, dateline: str | None) -> Markup:
    """The body with the dateline at the start of its first paragraph, as newspapers print it."""
    if not dateline:
        return Markup(body_html)
    label = Markup('<span class="dateline">{}</span>').format(dateline)
    if body_html.startswith("<p>"):
        return Markup("<p>") + label + Markup(body_html[3:])
    return Markup('<p class="dateline">{}</p>\n').format(dateline) + Markup(body_html)


def _slugs(names: Iterable[str]) -> dict[str, str]:
    """A unique slug for each distinct name; collisions get `-2`, `-3` in sorted order."""
    taken: set[str] = set()
    result: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (to_slug(n), n)):
        result[name] = unique_slug(to_slug(name), taken)
        taken.add(result[name])
    return result


def _bylines(article: Article, people: dict[str, str]) -> tuple[Byline, ...]:
    """The article's credits by role, each person linked to their page."""
    result = []
    for key, label, after in ROLES:
        names = getattr(article, key)
        if names:
            links = tuple(Link(name, f"reporters/{people[name]}/") for name in names)
            result.append(Byline(label, links, after))
    return tuple(result)


def _story(article: Article, cfg: SiteConfig, people: dict, tags: dict, sections: dict) -> Story:
    """Everything derived from one article alone."""
    body, headings = to_html(article.body, cfg.base_url)
    paragraphs = paragraphs_of(body)
    names = [name for key, _, _ in ROLES for name in getattr(article, key)]
    chars = sum(count_chars(p) for p in paragraphs) + sum(count_chars(h.text) for h in headings)
    day = article.date
    return Story(
        article=article,
        path=article_path(article),
        body_html=with_dateline(body, article.dateline),
        headings=headings,
        summary=summarise(paragraphs, cfg.summary_chars, names),
        chars=chars,
        minutes=reading_minutes(chars, cfg.chars_per_minute),
        bylines=_bylines(article, people),
        tags=tuple(Link(tag, f"tags/{tags[tag]}/") for tag in article.tags),
        section=Link(article.section, f"sections/{sections[article.section]}/") if article.section else None,
        issue=Link(format_date(day), f"{day:%Y/%m/%d}/") if day else None,
    )


def _related(stories: Sequence[Story], count: int) -> list[tuple[Link, ...]]:
    """For each story, up to `count` others sharing reporters, tags or a section; deterministic."""
    index: dict[str, list[int]] = defaultdict(list)
    keys = []
    for i, story in enumerate(stories):
        own = {("p", p.path): 2 for p in story.people} | {("t", t.path): 2 for t in story.tags}
        if story.section:
            own[("s", story.section.path)] = 1
        keys.append(own)
        for key in own:
            index[str(key)].append(i)
    result = []
    for i, story in enumerate(stories):
        scores: dict[int, int] = defaultdict(int)
        for key, weight in keys[i].items():
            for j in index[str(key)]:
                if j != i:
                    scores[j] += weight
        day = story.article.date.toordinal() if story.article.date else 0
        days = {j: stories[j].article.date.toordinal() if stories[j].article.date else 0 for j in scores}
        chosen = sorted(scores, key=lambda j: (-scores[j], abs(days[j] - day), j))[:count]
        result.append(tuple(Link(stories[j].article.title, stories[j].path) for j in chosen))
    return result


def _groups(stories: Sequence[Story], key: str) -> tuple[Group, ...]:
    """One group per tag or section, in slug order."""
    members: dict[Link, list[Story]] = defaultdict(list)
    for story in stories:
        links = story.tags if key == "tags" else (story.section,) if story.section else ()
        for link in links:
            members[link].append(story)
    return tuple(Group(link.name, link.path, tuple(members[link])) for link in sorted(members, key=_by_path))


def _by_path(link: Link) -> str:
    """Sort key: the site path."""
    return link.path


def _people(stories: Sequence[Story]) -> tuple[Group, ...]:
    """One group per credited person, most articles first, then by slug; note lists their roles."""
    members: dict[Link, list[Story]] = defaultdict(list)
    roles: dict[Link, set[str]] = defaultdict(set)
    for story in stories:
        for person in story.people:
            members[person].append(story)
        for byline in story.bylines:
            for person in byline.people:
                roles[person].add(byline.role)
    order = [label for _, label, _ in ROLES]
    groups = []
    for person in sorted(members, key=lambda p: (-len(members[p]), p.path)):
        note = "、".join(label if label != "摄" else "摄影" for label in order if label in roles[person])
        groups.append(Group(person.name, person.path, tuple(members[person]), note))
    return tuple(groups)


def _archive(stories: Sequence[Story]) -> tuple[Group, ...]:
    """Years → months → issues (days), newest first; each holds its stories in site order."""
    by_day: dict[dt.date, list[Story]] = defaultdict(list)
    for story in stories:
        if story.article.date:
            by_day[story.article.date].append(story)
    years = []
    for year in sorted({d.year for d in by_day}, reverse=True):
        months = []
        for month in sorted({d.month for d in by_day if d.year == year}, reverse=True):
            days = [
                Group(format_date(d), f"{d:%Y/%m/%d}/", tuple(by_day[d]), weekday(d))
                for d in sorted(by_day, reverse=True)
                if d.year == year and d.month == month
            ]
            month_stories = tuple(s for day in days for s in day.stories)
            months.append(Group(f"{year}年{month}月", f"{year}/{month:02d}/", month_stories, "", tuple(days)))
        year_stories = tuple(s for month in months for s in month.stories)
        years.append(Group(f"{year}年", f"{year}/", year_stories, "", tuple(months)))
    return tuple(years)


def build_site(articles: Sequence[Article], cfg: SiteConfig) -> Site:
    """The site model for `articles` (already sorted by `load_content`)."""
    people = _slugs(name for a in articles for key, _, _ in ROLES for name in getattr(a, key))
    tags = _slugs(tag for a in articles for tag in a.tags)
    sections = _slugs(a.section for a in articles if a.section)
    stories = [_story(article, cfg, people, tags, sections) for article in articles]
    related = _related(stories, cfg.related)
    links = [Link(s.article.title, s.path) for s in stories]
    stories = [
        replace(
            story,
            previous=links[i - 1] if i > 0 else None,
            next=links[i + 1] if i + 1 < len(links) else None,
            related=related[i],
        )
        for i, story in enumerate(stories)
    ]
    return Site(
        stories=tuple(stories),
        people=_people(stories),
        tags=_groups(stories, "tags"),
        sections=_groups(stories, "section"),
        years=_archive(stories),
    )
