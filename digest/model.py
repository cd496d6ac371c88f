"""`[Article]` → `Site`: the read-only view templates see (URLs, bylines, summaries, archives, related)."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import itertools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from digest.config import SiteConfig
from digest.content import Article
from digest.editions import Edition, build_editions, edition_path, page_path, page_title
from digest.han import HAN_CLASS
from digest.markup import Heading, SlugOf, heading_texts, to_html
from digest.photos import Photo
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
_ROLES = ("记者", "通讯员", "实习生", "摄影", "摄")  # the longer of two that overlap first: the regex tries in order
_ROLE_WORDS = rf"(?:本报)?(?:{'|'.join(_ROLES)})"
_BYLINE_PATTERNS = (
    re.compile(rf"[（(][^（()）]*?{_ROLE_WORDS}[^（()）]*[)）]"),
    re.compile(rf"{_ROLE_WORDS}(?:[ \u3000]+[{HAN_CLASS}·]{{2,5}})+(?:[ \u3000]*摄)?"),
)
UNDATED = "未注明日期"  # the list of stories without a day, as pages name it
_LEADING_DATELINE = re.compile(r"^(?:本报讯|(?:新华社|中新社)[^，。\s]{0,12}电)[ \u3000]*")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Link:
    """Something with a name and a site path: a reporter, a tag, an article (with its day, if it has one)."""

    name: str
    path: str
    day: dt.date | None = None


@dataclass(frozen=True)
class Byline:
    """One role and the people credited with it."""

    role: str
    people: tuple[Link, ...]
    role_after: bool = False


@dataclass(frozen=True)
class PrintedIn:
    """Where the paper printed a story: its edition and its page, each with its page's link."""

    edition: Link
    page: Link


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
    printed: PrintedIn | None = None
    photo: Photo | None = None  # the lead photo: lists, the home page, og:image, JSON-LD and feeds show it
    mentions: tuple[Link, ...] = ()  # the persons the report names (`people/<slug>/`), not its credited staff
    topics: tuple[Link, ...] = ()  # its subject words (`topics/<slug>/`)

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

    @property
    def count(self) -> int:
        """How many stories the list holds."""
        return len(self.stories)


@dataclass(frozen=True)
class Site:
    """The whole site as templates see it."""

    stories: tuple[Story, ...]
    people: tuple[Group, ...]
    tags: tuple[Group, ...]
    sections: tuple[Group, ...]
    years: tuple[Group, ...]
    editions: tuple[Edition, ...] = ()
    mentioned: tuple[Group, ...] = ()  # a list per person named in reports (`people/`), unlike `people`, the staff
    topics: tuple[Group, ...] = ()

    @property
    def updated(self) -> dt.date | None:
        """Date of the newest dated article: what feeds call `updated` (never the build time)."""
        return max((s.article.day for s in self.stories if s.article.day), default=None)

    @property
    def issues(self) -> tuple[Group, ...]:
        """Every issue (day) of the paper, newest first."""
        return tuple(day for year in self.years for month in year.children for day in month.children)

    @functools.cached_property  # templates and lists ask for these several times per build
    def months(self) -> tuple[Group, ...]:
        """Every month with reports, newest first (`2021/01/`)."""
        return tuple(month for year in self.years for month in year.children)

    @functools.cached_property
    def undated(self) -> Group | None:
        """The stories without a day (`undated/`), or None when every story has one."""
        stories = tuple(story for story in self.stories if story.article.day is None)
        return Group(UNDATED, "undated/", stories) if stories else None


def article_path(article: Article) -> str:
    """`2021/01/15/<slug>/`, or `articles/<slug>/` when the article has no date."""
    if article.day is None:
        return f"articles/{article.slug}/"
    return f"{article.day:%Y/%m/%d}/{article.slug}/"


def format_date(day: dt.date) -> str:
    """`2021年1月15日`."""
    return f"{day.year}年{day.month}月{day.day}日"


def weekday(day: dt.date) -> str:
    """`星期五`."""
    return "星期" + WEEKDAYS[day.weekday()]


def count_chars(text: str) -> int:
    """Characters a reader reads: everything but whitespace."""
    return sum(map(len, text.split()))  # split() drops exactly the characters that are isspace()


def reading_minutes(chars: int, per_minute: int) -> int:
    """Whole minutes to read `chars` characters, at least one."""
    return max(1, int(chars / per_minute + 0.5))


def strip_bylines(text: str, names: Iterable[str] = ()) -> str:
    """`text` without `（记者 张三）`, `记者 张三 通讯员 李四` or a role word before a credited name."""
    if not any(word in text for word in _ROLES):
        return text.strip()  # every pattern below needs a role word, and most paragraphs have none
    for pattern in _BYLINE_PATTERNS:
        text = pattern.sub("", text)
    for name in sorted(set(names), key=len, reverse=True):
        text = re.sub(rf"{_ROLE_WORDS}[ \u3000]*{re.escape(name)}(?:[ \u3000]*摄)?", "", text)
    return text.strip()


def summarise(paragraphs: Sequence[str], limit: int = 120, names: Iterable[str] = ()) -> str:
    """About `limit` characters from the start of the text, cut at a sentence end; bylines removed."""
    names = tuple(names)
    # The cut below looks at no more than the first limit * 3 // 2 characters of the cleaned text, and cleaning
    # (byline removal per paragraph, dateline at the start, whitespace runs) never changes an earlier character
    # for a later paragraph: so paragraphs stop once the cleaned text is longer than that.
    window = limit * 3 // 2 + 1
    parts: list[str] = []
    text = ""
    for paragraph in paragraphs:
        parts.append(strip_bylines(paragraph, names))
        text = _clean("".join(parts))
        if len(text) > window:
            break
    if len(text) <= limit:
        return text
    # Only ends within the window count below; a match cut at its edge ends past it, so it counts neither.
    ends = [match.end() for match in _SENTENCE_END.finditer(text, 0, window)]
    fitting = [end for end in ends if end <= limit]
    if fitting and fitting[-1] >= limit // 3:
        return text[: fitting[-1]]
    longer = [end for end in ends if limit < end <= limit * 3 // 2]
    if longer:
        return text[: longer[0]]
    return text[:limit].rstrip("，、；：,;: ") + "…"


def _clean(text: str) -> str:
    """Joined paragraphs without a leading dateline, whitespace runs as one space."""
    text = _LEADING_DATELINE.sub("", text.lstrip())
    return _SPACES.sub(" ", text).strip()


def paragraphs_of(body_html: str) -> list[str]:
    """Plain text of each `<p>` of an HTML fragment (headings and lists left out)."""
    result = []
    # What `<p>(.*?)</p>` (dot matching newlines) finds, by str.find: a regex steps through the text char by char.
    start = body_html.find("<p>")
    while start >= 0:
        end = body_html.find("</p>", start + 3)
        if end < 0:
            break
        inner = body_html[start + 3:end]
        start = body_html.find("<p>", end + 4)
        if "<" in inner:  # most paragraphs are plain text: no tag to strip, no entity to read
            inner = _TAG.sub("", inner)
        result.append(html.unescape(inner) if "&" in inner else inner)
    return result


def with_dateline(body_html: str, dateline: str | None) -> Markup:
    """The body with the dateline at the start of its first paragraph, as newspapers print it."""
    if not dateline:
        return Markup(body_html)
    label = escape(dateline)  # what Markup.format does to an argument, without the Formatter's cost
    if body_html.startswith("<p>"):
        return Markup(f'<p><span class="dateline">{label}</span>{body_html[3:]}')
    return Markup(f'<p class="dateline">{label}</p>\n{body_html}')


def _slugs(names: Iterable[str], slug_of: Callable[[str], str] = to_slug) -> dict[str, str]:
    """A unique slug for each distinct name; collisions get `-2`, `-3` in sorted order."""
    taken: set[str] = set()
    result: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (slug_of(n), n)):
        result[name] = unique_slug(slug_of(name), taken)
        taken.add(result[name])
    return result


@dataclass(frozen=True)
class ListPaths:
    """The slug of each name, tag, section, named person and topic of the site, as the site paths of its lists."""

    reporters: dict[str, str]
    tags: dict[str, str]
    sections: dict[str, str]
    mentioned: dict[str, str]
    topics: dict[str, str]

    @classmethod
    def of(cls, articles: Sequence[Article], slug_of: Callable[[str], str] = to_slug) -> ListPaths:
        """The slugs of everything `articles` list."""
        return cls(_slugs((name for a in articles for name in _names(a)), slug_of),
                   _slugs((tag for a in articles for tag in a.tags), slug_of),
                   _slugs((a.section for a in articles if a.section), slug_of),
                   _slugs((name for a in articles for name in a.mentions or ()), slug_of),
                   _slugs((topic for a in articles for topic in a.topics or ()), slug_of))

    def reporter(self, name: str) -> str:
        """`reporters/<slug>/`: a credited reporter, correspondent, intern or photographer."""
        return f"reporters/{self.reporters[name]}/"

    def tag(self, tag: str) -> str:
        """`tags/<slug>/`."""
        return f"tags/{self.tags[tag]}/"

    def section(self, section: str) -> str:
        """`sections/<slug>/`."""
        return f"sections/{self.sections[section]}/"

    def person(self, name: str) -> str:
        """`people/<slug>/`: a person named in reports."""
        return f"people/{self.mentioned[name]}/"

    def topic(self, topic: str) -> str:
        """`topics/<slug>/`."""
        return f"topics/{self.topics[topic]}/"


def _bylines(article: Article, paths: ListPaths) -> tuple[Byline, ...]:
    """The article's credits by role, each person linked to their page."""
    result = []
    for key, label, after in ROLES:
        names = getattr(article, key)
        if names:
            links = tuple(Link(name, paths.reporter(name)) for name in names)
            result.append(Byline(label, links, after))
    return tuple(result)


@dataclass(frozen=True)
class Derived:
    """What one article's text and dateline give: body HTML (the dateline in it), headings, summary, length.

    The HTML is Markup already, so that its story holds this very string: a copy of 10,000 bodies is 30 MB.
    """

    body_html: Markup
    headings: tuple[Heading, ...]
    summary: str
    chars: int
    key: bytes = b""  # derive_key of its input
    photo: Photo | None = None  # the lead photo, once digest/photos.py placed the photos


def _names(article: Article) -> tuple[str, ...]:
    """Everyone credited, in role order (the names a summary drops)."""
    return tuple(name for key, _, _ in ROLES for name in getattr(article, key))


def derive_key(article: Article, cfg: SiteConfig) -> bytes:
    """The memo key of `derive(article, cfg)`: exactly the inputs it reads."""
    text = "\0".join((cfg.base_url, str(cfg.summary_chars), "\x1f".join(_names(article)), article.dateline or "",
                      article.body))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def derive(article: Article, cfg: SiteConfig, key: bytes | None = None, slug_of: SlugOf = to_slug) -> Derived:
    """Markdown → HTML, the summary and the character count of one article (pure; memoised by the caller, who
    may pass its `derive_key`)."""
    body, headings = to_html(article.body, cfg.base_url, slug_of)
    paragraphs = paragraphs_of(body)
    chars = sum(count_chars(p) for p in paragraphs) + sum(count_chars(h.text) for h in headings)
    summary = summarise(paragraphs, cfg.summary_chars, _names(article))
    key = derive_key(article, cfg) if key is None else key
    return Derived(with_dateline(body, article.dateline), headings, summary, chars, key)


def derive_all(articles: Sequence[Article], cfg: SiteConfig, memo: MutableMapping[bytes, Derived] | None = None,
               mapper: Callable | None = None, slug_of: SlugOf = to_slug) -> list[Derived]:
    """`derive` for every article, taking what `memo` already holds and adding what it lacks.

    `mapper(function, items)` may spread the missing ones over processes (digest/parallel.py); results come
    back in order, so the model is the same however they were computed. `slug_of` makes heading ids.
    """
    memo = {} if memo is None else memo
    keys = [derive_key(article, cfg) for article in articles]
    missing = {key: article for key, article in zip(keys, articles, strict=True) if key not in memo}
    if missing:
        todo = list(missing.items())
        work = functools.partial(_derive_one, cfg=cfg, slug_of=slug_of)
        results = (mapper or _serial_map)(work, todo)
        for (key, _), derived in zip(todo, results, strict=True):
            memo[key] = derived
    return [memo[key] for key in keys]


def _derive_one(keyed: tuple[bytes, Article], cfg: SiteConfig, slug_of: SlugOf) -> Derived:
    key, article = keyed
    return derive(article, cfg, key, slug_of)


def _serial_map(function: Callable, items: Sequence) -> list:
    return [function(item) for item in items]


def _story(article: Article, derived: Derived, cfg: SiteConfig, paths: ListPaths,
           links: tuple[Link | None, Link | None, tuple[Link, ...]] = (None, None, ())) -> Story:
    """Everything one page says about an article; `links` are its previous, next and related articles."""
    day = article.day
    return Story(
        article=article,
        path=article_path(article),
        **_text_fields(derived, cfg),
        bylines=_bylines(article, paths),
        tags=tuple(Link(tag, paths.tag(tag)) for tag in article.tags),
        section=Link(article.section, paths.section(article.section)) if article.section else None,
        issue=Link(format_date(day), f"{day:%Y/%m/%d}/") if day else None,
        previous=links[0],
        next=links[1],
        related=links[2],
        printed=_printed_in(article),
        mentions=tuple(Link(name, paths.person(name)) for name in article.mentions or ()),
        topics=tuple(Link(topic, paths.topic(topic)) for topic in article.topics or ()),
    )


def _printed_in(article: Article) -> PrintedIn | None:
    """The edition and page an article was printed on; None for a web-only article."""
    day = article.edition
    if day is None:
        return None
    page = Link(page_title(article.page, article.page_name), page_path(day, article.page))
    return PrintedIn(Link(format_date(day), edition_path(day)), page)


def _text_fields(derived: Derived, cfg: SiteConfig) -> dict[str, object]:
    """The fields of a story that its text gives (through `derive`)."""
    return {"body_html": derived.body_html, "headings": derived.headings, "summary": derived.summary,
            "chars": derived.chars, "minutes": reading_minutes(derived.chars, cfg.chars_per_minute),
            "photo": derived.photo}


def with_text(story: Story, article: Article, cfg: SiteConfig, slug_of: SlugOf = to_slug) -> Story:
    """`story` for `article`, which differs from its article in the text alone: the fields the text gives are
    made again; links, bylines and paths stay."""
    return replace(story, article=article, **_text_fields(derive(article, cfg, slug_of=slug_of), cfg))


# What a shared list says about two reports. A person both name is the strongest sign that they tell one story;
# a tag is an editor's choice, a reporter a beat; a topic word (proposed at ingest) and a section are broad.
WEIGHTS = {"named": 3, "reporter": 2, "tag": 2, "topic": 1, "section": 1}


def _relation_keys(story: Story) -> dict[str, int]:
    """What makes another story related, by list path, with its weight (`WEIGHTS`)."""
    own = {link.path: WEIGHTS["topic"] for link in story.topics}
    if story.section:
        own[story.section.path] = WEIGHTS["section"]
    own |= {p.path: WEIGHTS["reporter"] for p in story.people} | {t.path: WEIGHTS["tag"] for t in story.tags}
    return own | {link.path: WEIGHTS["named"] for link in story.mentions}


def _article_keys(article: Article, paths: ListPaths) -> dict[str, int]:
    """`_relation_keys` of the story an article becomes, from the article and the list paths."""
    own = {paths.topic(topic): WEIGHTS["topic"] for topic in article.topics or ()}
    if article.section:
        own[paths.section(article.section)] = WEIGHTS["section"]
    own |= {paths.reporter(name): WEIGHTS["reporter"] for name in _names(article)}
    own |= {paths.tag(tag): WEIGHTS["tag"] for tag in article.tags}
    return own | {paths.person(name): WEIGHTS["named"] for name in article.mentions or ()}


def _related_reference(stories: Sequence[Story], count: int) -> list[tuple[Link, ...]]:
    """For each story, up to `count` others sharing reporters, tags or a section: the most shared first, then
    the nearest in date, then site order. Scores every pair that shares something: the plain definition,
    kept as the reference `_related` is tested against and for input that is not in site order."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys = []
    for i, story in enumerate(stories):
        own = _relation_keys(story)
        keys.append(own)
        for key in own:
            index[key].append(i)
    result = []
    for i, story in enumerate(stories):
        scores: dict[int, int] = defaultdict(int)
        for key, weight in keys[i].items():
            for j in index[key]:
                if j != i:
                    scores[j] += weight
        day = story.article.day.toordinal() if story.article.day else 0
        days = {j: stories[j].article.day.toordinal() if stories[j].article.day else 0 for j in scores}
        chosen = sorted(scores, key=lambda j: (-scores[j], abs(days[j] - day), j))[:count]
        result.append(tuple(Link(stories[j].article.title, stories[j].path, stories[j].article.day)
                            for j in chosen))
    return result


def _related(stories: Sequence[Story], count: int) -> list[tuple[Link, ...]]:
    """The same choice as `_related_reference`, without scoring pair by pair (see `_related_keys`)."""
    days = [s.article.day.toordinal() if s.article.day else 0 for s in stories]
    keys = [_relation_keys(s) for s in stories]
    links = [Link(s.article.title, s.path, s.article.day) for s in stories]
    found = _related_keys(keys, days, links, count)
    return _related_reference(stories, count) if found is None else found


def _related_keys(keys: Sequence[dict[str, int]], days: Sequence[int], links: Sequence[Link],
                  count: int) -> list[tuple[Link, ...]] | None:
    """`_related_reference` from each story's relation keys, date (ordinal) and link; None when the stories
    are not in site order, where only the reference applies.

    Each list is one integer with bit j set for story j, so a story scores every other story at once: its
    lists' integers are added, each as often as it weighs, into a column of binary digits (bit j of digit q is
    bit q of story j's score), a few dozen operations on integers of one bit per story instead of one step
    per pair (a story names persons, topics, a section and reporters: 2,000 pairs each at 10,000 stories).
    Then the scores are read highest first and, in each, the stories nearest in date (`_nearest`).
    """
    if count < 1:
        return [() for _ in keys]
    if any(a < b for a, b in itertools.pairwise(days)):
        return None
    masks = _list_masks(keys)
    result = []
    for i, own in enumerate(keys):
        digits = _scores(own, masks)
        others = functools.reduce(operator.or_, digits, 0) & ~(1 << i)
        chosen: list[int] = []
        for same_score in _highest_first(others, digits):
            chosen.extend(_nearest(same_score, i, days, count - len(chosen)))
            if len(chosen) >= count:
                break
        result.append(tuple(links[j] for j in chosen))
    return result


def _list_masks(keys: Sequence[dict[str, int]]) -> dict[str, int]:
    """Each key as an integer with bit j set when story j holds it."""
    bits: dict[str, bytearray] = {}
    size = (len(keys) + 7) // 8
    for j, own in enumerate(keys):
        for key in own:
            found = bits.get(key)
            if found is None:
                found = bits[key] = bytearray(size)
            found[j >> 3] |= 1 << (j & 7)
    return {key: int.from_bytes(found, "little") for key, found in bits.items()}


def _scores(own: dict[str, int], masks: dict[str, int]) -> list[int]:
    """Every story's score against one story, as binary digits: bit j of item q is bit q of story j's score."""
    digits = [0] * max(1, sum(own.values()).bit_length())  # no score is above the sum of the weights
    for key, weight in own.items():
        mask, place = masks[key], 0
        while weight:
            if weight & 1:  # add the list at this binary place, carrying as on paper
                carry, digit = mask, place
                while carry:
                    before = digits[digit]
                    digits[digit] = before ^ carry
                    carry &= before
                    digit += 1
            weight >>= 1
            place += 1
    return digits


def _highest_first(stories: int, digits: list[int]) -> Iterator[int]:
    """`stories` (a bit per story) split by score, the highest score first (a score of 0 left out)."""
    pending = [(stories, len(digits) - 1, False)]
    while pending:
        found, digit, scored = pending.pop()
        if digit < 0:
            if scored:
                yield found
            continue
        low, high = found & ~digits[digit], found & digits[digit]
        if low:
            pending.append((low, digit - 1, scored))
        if high:  # popped first: the higher scores
            pending.append((high, digit - 1, True))


def _nearest(stories: int, i: int, days: Sequence[int], count: int) -> list[int]:
    """Up to `count` of `stories` (a bit per story), the nearest in date to story `i` first and, at the same
    distance, in site order. Dates never increase in site order: going back from `i` the distance grows, and
    going forward; so each side gives its nearest (and any at the same distance as the last) in turn."""
    day = days[i]
    before, after = stories & ((1 << i) - 1), stories >> (i + 1)
    found: list[int] = []
    taken = 0
    while before:
        j = before.bit_length() - 1
        if taken >= count and days[j] != days[found[-1]]:
            break
        found.append(j)
        taken += 1
        before ^= 1 << j
    taken = 0
    last = -1
    while after:
        low = after & -after
        j = low.bit_length() + i  # (the lowest bit's place) + i + 1
        if taken >= count and days[j] != days[last]:
            break
        found.append(j)
        taken, last = taken + 1, j
        after ^= low
    return sorted(found, key=lambda j: (abs(days[j] - day), j))[:count]


def _groups(stories: Sequence[Story], links_of: Callable[[Story], Iterable[Link]]) -> tuple[Group, ...]:
    """One group per link `links_of` gives a story (its tags, section, persons named or topics), in slug order."""
    members: dict[Link, list[Story]] = defaultdict(list)
    for story in stories:
        for link in links_of(story):
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
        if story.article.day:
            by_day[story.article.day].append(story)
    by_month: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for day in sorted(by_day, reverse=True):
        by_month[(day.year, day.month)].append(day)
    years = []
    for year in sorted({year for year, _ in by_month}, reverse=True):
        months = []
        for month in sorted((m for y, m in by_month if y == year), reverse=True):
            days = [Group(format_date(d), f"{d:%Y/%m/%d}/", tuple(by_day[d]), weekday(d))
                    for d in by_month[(year, month)]]
            month_stories = tuple(s for day in days for s in day.stories)
            months.append(Group(f"{year}年{month}月", f"{year}/{month:02d}/", month_stories, "", tuple(days)))
        year_stories = tuple(s for month in months for s in month.stories)
        years.append(Group(f"{year}年", f"{year}/", year_stories, "", tuple(months)))
    return tuple(years)


def slug_texts(articles: Sequence[Article]) -> set[str]:
    """Every text `derive` and `build_site` make a slug of: headings, names, tags and sections."""
    return named(articles) | {text for article in articles for text in heading_texts(article.body)}


def named(articles: Sequence[Article]) -> set[str]:
    """Every name, tag, section, person named and topic of `articles`: what `build_site` makes slugs of."""
    return {text for a in articles
            for text in (*_names(a), *a.tags, *((a.section,) if a.section else ()), *(a.mentions or ()),
                         *(a.topics or ()))}


def build_site(articles: Sequence[Article], cfg: SiteConfig, derived: Sequence[Derived] | None = None,
               slug_of: SlugOf = to_slug) -> Site:
    """The site model for `articles` (already sorted by `load_content`); `derived` from `derive_all`, if at hand;
    `slug_of` makes the slugs of names, tags and sections."""
    if derived is None:
        derived = derive_all(articles, cfg, slug_of=slug_of)
    paths = ListPaths.of(articles, slug_of)
    links = [Link(a.title, article_path(a), a.day) for a in articles]
    days = [a.day.toordinal() if a.day else 0 for a in articles]
    keys = [_article_keys(a, paths) for a in articles]
    related = _related_keys(keys, days, links, cfg.related)
    if related is None:
        drafts = [_story(a, d, cfg, paths) for a, d in zip(articles, derived, strict=True)]
        related = _related_reference(drafts, cfg.related)
    last = len(links) - 1
    stories = []
    for i, (a, d) in enumerate(zip(articles, derived, strict=True)):
        around = (links[i - 1] if i > 0 else None, links[i + 1] if i < last else None, related[i])
        # A story keeps its article's front matter, not its Markdown: the HTML is what pages show.
        stories.append(_story(replace(a, body=""), d, cfg, paths, around))
    return Site(
        stories=tuple(stories),
        people=_people(stories),
        tags=_groups(stories, _tags_of),
        sections=_groups(stories, _section_of),
        years=_archive(stories),
        editions=build_editions(stories),
        mentioned=_groups(stories, mentions_of),
        topics=_groups(stories, topics_of),
    )


def _tags_of(story: Story) -> tuple[Link, ...]:
    return story.tags


def _section_of(story: Story) -> tuple[Link, ...]:
    return (story.section,) if story.section else ()


def mentions_of(story: Story) -> tuple[Link, ...]:
    """The persons a story names (what a list of persons named groups by)."""
    return story.mentions


def topics_of(story: Story) -> tuple[Link, ...]:
    """A story's topics (what a list of topics groups by)."""
    return story.topics


def with_story(site: Site, old: Story, new: Story) -> Site:
    """`site` with `new` in place of `old` in every list (for an edit that changes nothing a list sorts or
    groups by: see digest/preview.py)."""
    def swap(stories: tuple[Story, ...]) -> tuple[Story, ...]:
        return tuple(new if story is old else story for story in stories)

    def group(g: Group) -> Group:
        return Group(g.name, g.path, swap(g.stories), g.note, tuple(group(child) for child in g.children))

    stories = swap(site.stories)
    return Site(stories, tuple(map(group, site.people)), tuple(map(group, site.tags)),
                tuple(map(group, site.sections)), tuple(map(group, site.years)), build_editions(stories),
                tuple(map(group, site.mentioned)), tuple(map(group, site.topics)))
