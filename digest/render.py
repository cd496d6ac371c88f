"""`Site` → `[Output]`: every page through Jinja (autoescape, StrictUndefined), plus feeds and assets."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import traceback
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from digest.config import SiteConfig
from digest.directory import by_initial, most_reported, together
from digest.editions import EDITIONS_PATH, Edition, MonthCalendar, edition_months, month_calendar
from digest.errors import DigestError, SourceError
from digest.feeds import atom, feed_stories, robots, site_feeds, sitemap
from digest.jinja_fast import FastEnvironment
from digest.model import Group, Link, Site, Story, format_date, mentions_of, topics_of, weekday
from digest.months import MonthCell, by_month, cell_of, month_grid, month_holding, month_of
from digest.output import Output
from digest.paginate import Pager, pager_holding, paginate
from digest.photos import lead_picture
from digest.search import search_script, suggestions
from digest.share import draw_qr_codes, qr_svg, site_image
from digest.urls import Urls, output_path

LATEST_ON_404 = 8  # the newest headlines a reader who followed a dead link is offered
MOST_REPORTED = 12  # the persons (topics) an index page shows first, before every one by initial
TOGETHER = 8  # the topics on a person's page (persons on a topic's page) most often in the same reports
# A person's or topic's list shows this many times `per_page` reports a page: it is read as a record of a name,
# and its pages were the features' main cost (10,000 articles: 8,125 pages at 10 a page, 3,087 at 50).
SUBJECT_PAGES = 5
# `mapper(function, items)`: function(item) for each item, in order (digest/parallel.py's `imap`).
Mapper = Callable[[Callable, Sequence], Iterator]


@dataclass(frozen=True)
class Page:
    """What every page template gets as `page`: titles, canonical path, kind and list state."""

    path: str
    title: str
    heading: str
    description: str
    kind: str
    pager: Pager | None = None
    group: Group | None = None
    story: Story | None = None
    feeds: tuple[tuple[str, str], ...] = ()


def json_ld(data: object) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so nothing breaks out."""
    text = _JSON.encode(data)
    if _JSON_UNSAFE.search(text):  # one scan; most articles have none of them
        text = _JSON_UNSAFE.sub(lambda match: _JSON_ESCAPES[match.group()], text)
    return Markup(text)


# What json.dumps(data, ensure_ascii=False, separators=(",", ":")) uses, made once instead of per call.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def news_article(story: Story, cfg: SiteConfig, urls: Urls) -> dict[str, object]:
    """schema.org NewsArticle for an article page."""
    article = story.article
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": urls.absolute(story.path),
        "mainEntityOfPage": urls.absolute(story.path),
        "inLanguage": cfg.language,
        "description": story.summary,
    }
    # Midnight in the paper's time zone, as the feeds write it: the paper gives days, not times.
    if article.day:
        data["datePublished"] = f"{article.day:%Y-%m-%d}T00:00:00{cfg.utc_offset}"
    if article.modified or article.day:
        data["dateModified"] = f"{article.modified or article.day:%Y-%m-%d}T00:00:00{cfg.utc_offset}"
    if story.people:
        data["author"] = [
            {"@type": "Person", "name": person.name, "url": urls.absolute(person.path)} for person in story.people
        ]
    data["publisher"] = {"@type": "Organization", "name": cfg.publisher or cfg.title, "url": urls.absolute("")}
    if article.dateline:
        data["dateline"] = article.dateline
    if article.section:
        data["articleSection"] = article.section
    if article.tags or story.topics:
        data["keywords"] = list(dict.fromkeys((*article.tags, *(topic.name for topic in story.topics))))
    if story.mentions:
        data["mentions"] = [{"@type": "Person", "name": person.name, "url": urls.absolute(person.path)}
                            for person in story.mentions]
    if story.photo:
        big = story.photo.largest
        data["image"] = {"@type": "ImageObject", "url": urls.absolute(big.jpeg), "width": big.width,
                         "height": big.height}
    return data


def _environment(templates: Path, urls: Urls) -> jinja2.Environment:
    """Jinja with autoescape everywhere, undefined names as errors, and the site's URL helpers.

    `url` and `abs_url` are filters because Jinja calls a filter directly, while a global function goes
    through its runtime's checks on every call (a third of a page's rendering time); a filter of a constant
    (`'atom.xml'|url`) is even computed once, when the template compiles. So an environment belongs to one
    base URL and origin (see `_shared_environment`).
    """
    env = FastEnvironment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the key in `_shared_environment` already says when a template changed
    )
    env.filters.update(url=urls.url_for, abs_url=urls.absolute, once=_Once(), qr_code=_QrCodes(),
                       lead_picture=lambda photo: lead_picture(photo, urls.url_for))
    # Globals, not render variables, so that `{% import "_macros.html" as m %}` needs no context and Jinja
    # runs the macro module once, not once per page.
    env.globals.update(format_date=format_date, weekday=weekday, url_for=urls.url_for, abs_url=urls.absolute)
    return env


_VALUES = (str, int, bool, type(None))  # arguments `once` keys by value; any other by the object itself


class _Once:
    """`macro|once(*args)` in templates: `macro(*args)`, rendered once per build for the same arguments. A
    story's list item looks the same on the home page, its issue, month, year, section and reporter pages, and
    the masthead the same on every page but a few (`_macros.html`). Arguments other than strings, numbers and
    None are compared by identity: the build's objects are immutable, and each entry keeps its arguments alive,
    so their ids are not reused. `clear()` starts a new build."""

    def __init__(self) -> None:
        self._made: dict[tuple, tuple[tuple, str]] = {}

    def clear(self) -> None:
        """Forget the last build's pieces (and let its objects go)."""
        self._made.clear()

    def __call__(self, macro: Callable, *args: object) -> str:
        key = (macro.name, *(arg if type(arg) in _VALUES else id(arg) for arg in args))
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = (args, macro(*args))
        return found[1]


class _QrCodes:
    """`url|qr_code` in templates: the QR code of a full URL (digest/share.py), kept in a memo by URL. A code
    costs segno about 7 ms, a minute of CPU for 10,000 articles: the build session's store keeps them between
    builds (a full re-render of 10,000 articles: 22 s with them kept, 79 s without), and a whole build draws the
    missing ones on every core before its pages (`draw_qr_codes`)."""

    def __init__(self) -> None:
        self.memo: MutableMapping[str, str] = {}

    def use(self, memo: MutableMapping[str, str] | None) -> None:
        """Keep codes in `memo` from now on (None: keep the one in use)."""
        if memo is not None:
            self.memo = memo

    def __call__(self, url: str) -> Markup:
        return qr_svg(url, self.memo)


def _shared_environment(templates: Path, urls: Urls, environments: MutableMapping | None,
                        qr_codes: MutableMapping[str, str] | None = None) -> jinja2.Environment:
    """The Jinja environment for a templates folder as its files are now, and these URLs; kept in
    `environments` (serve's session), so that templates compile once. Each call starts a new build of `once`;
    QR codes are kept in `qr_codes` when given."""
    key = (str(Path(templates).resolve()), template_sources(templates), urls)
    environments = {} if environments is None else environments
    env = environments.get(key)
    if env is None:
        environments.clear()  # an environment for templates as they were is of no more use
        env = environments[key] = _environment(templates, urls)
    env.filters["once"].clear()
    env.filters["qr_code"].use(qr_codes)
    return env


def _template_error(error: Exception, templates: Path) -> SourceError:
    """A template problem as `templates/x.html:LINE: message`."""
    import jinja2

    if isinstance(error, jinja2.TemplateSyntaxError):
        name = error.filename or str(templates / (error.name or "?"))
        return SourceError(name, error.lineno, error.message or str(error))
    root = str(templates.resolve())
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename and str(Path(frame.filename).resolve()).startswith(root):
            shown = templates / Path(frame.filename).resolve().relative_to(root)
            message = str(error) if isinstance(error, jinja2.TemplateError) else f"{type(error).__name__}: {error}"
            if isinstance(error, jinja2.TemplateNotFound):
                message = f"template not found: {error.name}"
            return SourceError(shown, frame.lineno, message)
    return SourceError(templates, None, f"{type(error).__name__}: {error}")


def template_sources(templates: Path) -> str:
    """Hash of every file under the templates folder: serve compiles its templates again when it changes."""
    digest = hashlib.sha256()
    root = Path(templates)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class _Job:
    """A page to render: where it goes, its template and what the template gets."""

    path: str
    template: str
    page: Page
    extra: dict[str, object]
    later: dict[str, Callable[[], object]]


@dataclass(frozen=True)
class _Failed:
    """A page that failed to render in a worker process."""

    path: str | None
    line: int | None
    message: str

    def error(self) -> DigestError:
        if self.path is None:
            return DigestError(self.message)
        return SourceError(self.path, self.line, self.message)


class _Renderer:
    """Holds the environment and what every page shares."""

    def __init__(self, site: Site, cfg: SiteConfig, templates: Path, assets: dict[str, object],
                 environments: MutableMapping | None = None, qr_codes: MutableMapping[str, str] | None = None):
        self.site, self.cfg, self.templates = site, cfg, templates
        self.urls = Urls(cfg.base_url, cfg.site_url)
        self.env = _shared_environment(templates, self.urls, environments, qr_codes)
        self.common = {"cfg": cfg, **assets, "nav": self._nav()}
        self.common["nav_paths"] = tuple(path for _, path in self.common["nav"])
        self.feed_entries: dict = {}  # serialised Atom entries by story, for this build's feeds (digest/feeds.py)

    def _nav(self) -> tuple[tuple[str, str], ...]:
        """The main navigation: (label, site path)."""
        items = [("首页", ""), ("电子版", "editions/"), ("往期", "archive/")]
        if not self.site.editions:
            items.pop(1)
        if self.site.mentioned:
            items.append(("人物", "people/"))
        if self.site.topics:
            items.append(("话题", "topics/"))
        if self.site.people:
            items.append(("记者", "reporters/"))
        if self.site.sections:
            items.append(("栏目", "sections/"))
        if self.site.tags:
            items.append(("标签", "tags/"))
        return tuple(items)

    def compile_all(self) -> None:
        """Compile every template now (before worker processes fork, so that they inherit them)."""
        for path in sorted(Path(self.templates).glob("*.html")):
            with contextlib.suppress(Exception):  # a broken template fails where a page uses it, as usual
                self.env.get_template(path.name)

    def render(self, template: str, page: Page, later: dict[str, Callable[[], object]] | None = None,
               **extra: object) -> _Job:
        """One page to render (see `render_outputs`); `later` values are made only as it renders."""
        return _Job(output_path(page.path), template, page, extra, later or {})

    def run(self, job: _Job) -> Output:
        """Render one page through its template; a template error becomes a SourceError."""
        try:
            made = {name: make() for name, make in job.later.items()}
            html = self.env.get_template(job.template).render(self.common, page=job.page, **job.extra, **made)
        except DigestError:
            raise
        except Exception as error:
            raise _template_error(error, self.templates) from None
        return Output(job.path, html.encode("utf-8"))

    def run_safely(self, job: _Job) -> Output | _Failed:
        """`run` for a worker process: an error comes back as a value (SourceError does not pickle)."""
        try:
            return self.run(job)
        except SourceError as error:
            return _Failed(error.path, error.line, error.message)
        except DigestError as error:
            return _Failed(None, None, str(error))


def _title(*parts: str) -> str:
    """`part - part - site title`."""
    return " - ".join(part for part in parts if part)


def _page_label(pager: Pager) -> str:
    """`（第2页）` after the first page."""
    return f"（第{pager.number}页）" if pager.number > 1 else ""


@dataclass(frozen=True)
class _List:
    """One list of stories and what its pages say; `extra()` gives its template's own variables. A list with
    `latest_only` has one page, its newest stories: its months have pages of their own (digest/months.py)."""

    group: Group
    kind: str
    heading: str
    description: str
    feeds: tuple[tuple[str, str], ...] = ()
    extra: Callable[[], dict[str, Any]] = dict
    latest_only: bool = False
    template: str = ""
    longer_pages: bool = False  # SUBJECT_PAGES times `per_page` stories a page


def _page_size(spec: _List, per_page: int) -> int:
    """How many stories a page of `spec` lists."""
    return per_page * SUBJECT_PAGES if spec.longer_pages else per_page


def _pagers(spec: _List, per_page: int) -> list[Pager]:
    """The pages of one list: its newest `per_page` stories alone, or all of them page by page."""
    stories, per_page = spec.group.stories, _page_size(spec, per_page)
    return paginate(stories[:per_page] if spec.latest_only else stories, per_page, spec.group.path)


def _list_pages(r: _Renderer, spec: _List, pagers: Iterable[Pager]) -> Iterator[_Job]:
    """The given pages of one list."""
    site_title = r.cfg.title
    extra = spec.extra()
    for pager in pagers:
        label = _page_label(pager)
        page = Page(
            path=pager.path,
            title=_title(spec.heading + label, site_title),
            heading=spec.heading,
            description=spec.description + label,
            kind=spec.kind,
            pager=pager,
            group=spec.group,
            feeds=spec.feeds,
        )
        yield r.render(spec.template or f"{spec.kind}.html", page, **extra)


def _older_than_the_first_page(stories: Sequence[Story], per_page: int, months: Sequence[Group],
                               undated: Group | None) -> Link | None:
    """更早的报道 on a list's first page: the page of its month that holds the first story the first page leaves
    out (page 2 of the month, when the newest month has more stories than a page); None for a short list."""
    if len(stories) <= per_page:
        return None
    month = month_holding(months, undated, stories[per_page])
    pager = pager_holding(month.stories, per_page, month.path, _position(month.stories, stories[per_page]))
    return Link(month.name + (f"（第{pager.number}页）" if pager.number > 1 else ""), pager.path)


def _months_around(chain: Sequence[Group], i: int) -> dict[str, Group | None]:
    """更早的报道 and 较新的报道 of the month `chain[i]` (months newest first)."""
    return {"older": chain[i + 1] if i + 1 < len(chain) else None, "newer": chain[i - 1] if i > 0 else None}


def _by_month(r: _Renderer, spec: _List) -> Iterator[_List]:
    """A reporter's, tag's or section's list: one page when it is short; else its newest stories, then a page
    (or a few) per month at `<list>/2021/01/`, and `<list>/undated/` for stories without a day."""
    per_page, group = r.cfg.per_page, spec.group
    if group.count <= per_page:
        yield spec
        return
    months, undated = by_month(group.stories, group.path)
    chain = (*months, *((undated,) if undated else ()))
    grid = month_grid(map(cell_of, months))
    older = _older_than_the_first_page(group.stories, per_page, months, undated)
    own = spec.extra
    yield replace(spec, latest_only=True,
                  extra=lambda: {**own(), "grid": grid, "undated": undated, "older": older, "newer": None})
    for i, month in enumerate(chain):
        yield _List(month, spec.kind, f"{group.name}：{month.name}",
                    f"{spec.description}（{month.name}）", spec.feeds,
                    # The month grid is on the list's first page only: a reporter with 100 month pages would
                    # carry it 100 times (12 KB each, most of the site's bytes at 10,000 articles).
                    lambda i=i: {"parent": group, "grid": None, "undated": undated, **_months_around(chain, i)},
                    template="list_month.html")


def _lists(r: _Renderer) -> Iterator[_List]:
    """Every list but the home page's, in the order their pages are written: years with their months, issues,
    reporters, tags, sections."""
    site, cfg = r.site, r.cfg
    undated = site.undated
    chain = (*site.months, *((undated,) if undated else ()))
    edition_days = {edition.day: edition.path for edition in site.editions}
    grid = month_grid(map(cell_of, site.months))
    for year in site.years:
        year_grid = month_grid(map(cell_of, year.children))
        older = _older_than_the_first_page(year.stories, cfg.per_page, year.children, None)
        yield _List(year, "year", year.name, f"{cfg.title}{year.name}的全部报道", latest_only=True,
                    extra=lambda g=year_grid, o=older: {"grid": g, "older": o, "newer": None, "undated": None})
    for i, month in enumerate(chain):
        description = f"{cfg.title}{month.name}的" + ("全部报道" if month is not undated else "报道")
        yield _List(month, "month", month.name, description,
                    extra=lambda i=i, month=month: {"grid": grid, "undated": undated, **_months_around(chain, i),
                                                    "calendar": _report_calendar(month, edition_days)
                                                    if month is not undated else None})
    issues = site.issues
    editions = {edition.path: edition for edition in site.editions}
    for i, day in enumerate(issues):
        older = issues[i + 1] if i + 1 < len(issues) else None
        newer = issues[i - 1] if i > 0 else None
        # A day of reports is not an issue of the paper; the paper printed that day, if any, is linked.
        edition = editions.get(EDITIONS_PATH + day.path)
        yield _List(day, "issue", day.name, f"{cfg.title}{day.name}{day.note}的报道",
                    extra=lambda older=older, newer=newer, edition=edition:
                    {"older": older, "newer": newer, "edition": edition})
    for person in site.people:
        feed = ((f"{person.name}的报道（Atom）", person.path + "atom.xml"),)
        yield from _by_month(r, _List(person, "person", person.name,
                                      f"{person.name}（{person.note}）在{cfg.title}的报道", feed))
    for tag in site.tags:
        yield from _by_month(r, _List(tag, "tag", tag.name, f"{cfg.title}标签“{tag.name}”下的报道"))
    # A person's or topic's list is paged plainly, without month pages: they doubled the site's pages (a topic
    # in 400 reports over ten years had 110), for a reader who follows a name rather than a calendar.
    for person in site.mentioned:
        yield _List(person, "mention", person.name, f"{cfg.title}提到{person.name}的报道", _feed_links(person),
                    lambda g=person: {"together": together(g.stories, topics_of, TOGETHER)}, longer_pages=True)
    for topic in site.topics:
        yield _List(topic, "topic", topic.name, f"{cfg.title}关于“{topic.name}”的报道", _feed_links(topic),
                    lambda g=topic: {"together": together(g.stories, mentions_of, TOGETHER)}, longer_pages=True)
    for section in site.sections:
        feed = ((f"栏目“{section.name}”（Atom）", section.path + "atom.xml"),)
        yield from _by_month(r, _List(section, "section", section.name, f"{cfg.title}栏目“{section.name}”的报道",
                                      feed))


def _feed_links(group: Group) -> tuple[tuple[str, str], ...]:
    """The feed of a named person's or a topic's list, as pages link it."""
    return ((f"{group.name}（Atom）", group.path + "atom.xml"),)


def _report_calendar(month: Group, edition_days: Mapping[dt.date, str]) -> MonthCalendar:
    """A month page's calendar: each day links to its edition, else to its day of reports."""
    first = month_of(month)
    report_days = {day.stories[0].article.day: day.path for day in month.children}
    return month_calendar(first.year, first.month, ChainMap(edition_days, report_days), "")


def _home_page(r: _Renderer, home: Group, pager: Pager) -> _Job:
    """The home page: the latest edition, then the newest stories, and the way to every month before."""
    cfg, site = r.cfg, r.site
    latest = site.editions[0] if site.editions else None
    older = _older_than_the_first_page(home.stories, cfg.per_page, site.months, site.undated)
    return r.render("home.html", Page("", cfg.title, "最新报道", cfg.description or cfg.title, "home", pager, home),
                    edition=latest, older=older, grid=month_grid(map(cell_of, site.months)), undated=site.undated)


def _edition_pages(r: _Renderer, edition: Edition) -> Iterator[_Job]:
    """An edition's page (its pages in order, the lead story) and the page of each of its printed pages."""
    cfg, name = r.cfg, format_date(edition.day)
    heading = f"{name}{weekday(edition.day)}"
    yield r.render("edition.html", Page(edition.path, _title(f"{name}电子版", cfg.title), heading,
                                        f"{cfg.title}{name}的版面：{len(edition.pages)}个版、{edition.count}篇报道",
                                        "edition"), edition=edition)
    for i, page in enumerate(edition.pages):
        before = edition.pages[i - 1] if i > 0 else None
        after = edition.pages[i + 1] if i + 1 < len(edition.pages) else None
        description = f"{cfg.title}{name}{page.title}：" + "、".join(s.article.title for s in page.stories[:3])
        yield r.render("edition_page.html", Page(page.path, _title(page.title, f"{name}电子版", cfg.title),
                                                 page.title, description, "edition_page"),
                       edition=edition, printed=page, before=before, after=after)


def _edition_calendars(r: _Renderer) -> Iterator[_Job]:
    """电子版往期: a year × month grid of the editions and the latest month's calendar; then a calendar page for
    each month (`editions/2021/01/`), its days linked to their editions."""
    cfg = r.cfg
    months = edition_months(r.site.editions)
    grid = month_grid(MonthCell(m.year, m.month, m.path, m.count) for m in months)
    yield r.render("editions.html", Page(EDITIONS_PATH, _title("电子版往期", cfg.title), "电子版往期",
                                         f"{cfg.title}各期报纸的版面，按月排列", "editions"),
                   grid=grid, month=months[0], latest=r.site.editions[0], older=None, newer=None)
    for i, month in enumerate(months):
        yield r.render("editions.html", Page(month.path, _title(f"{month.name}电子版", cfg.title),
                                             f"{month.name}电子版", f"{cfg.title}{month.name}的各期报纸", "editions"),
                       grid=grid, month=month, latest=r.site.editions[0], **_months_around(months, i))


def _article_page(r: _Renderer, story: Story) -> _Job:
    """A story's own page."""
    cfg, article = r.cfg, story.article
    page = Page(story.path, _title(article.title, cfg.title), article.title,
                story.summary or article.title, "article", story=story)
    # JSON-LD is made from the story and the configuration, both in the page's key: made only if rendered.
    return r.render("article.html", page, later={"json_ld": lambda: json_ld(news_article(story, cfg, r.urls))})


def _pages(r: _Renderer) -> Iterator[_Job]:
    """Every HTML page of the site."""
    site, cfg = r.site, r.cfg
    home = Group("最新报道", "", site.stories)
    yield _home_page(r, home, paginate(home.stories[:cfg.per_page], cfg.per_page, "")[0])
    for story in site.stories:
        yield _article_page(r, story)
    for spec in _lists(r):
        yield from _list_pages(r, spec, _pagers(spec, cfg.per_page))
    if site.editions:
        yield from _edition_calendars(r)
        for edition in site.editions:
            yield from _edition_pages(r, edition)
    yield r.render("archive.html", Page("archive/", _title("往期", cfg.title), "往期",
                                        f"{cfg.title}按年、月排列的全部报道", "archive"), site=site,
                   grid=month_grid(map(cell_of, site.months)))
    indexes = (("reporters/", "记者", site.people, f"{cfg.title}的记者、通讯员和摄影"),
               ("sections/", "栏目", site.sections, f"{cfg.title}的全部栏目"),
               ("tags/", "标签", site.tags, f"{cfg.title}的全部标签"))
    for path, heading, groups, description in indexes:
        if groups:
            page = Page(path, _title(heading, cfg.title), heading, description, "index")
            yield r.render("index.html", page, groups=groups)
    directories = (("people/", "人物", site.mentioned, f"{cfg.title}报道中提到的人物，按拼音排列"),
                   ("topics/", "话题", site.topics, f"{cfg.title}报道的话题，按拼音排列"))
    for path, heading, groups, description in directories:
        if groups:
            page = Page(path, _title(heading, cfg.title), heading, description, "directory")
            # The most reported first, where the index is longer than that list.
            most = most_reported(groups, MOST_REPORTED) if len(groups) > MOST_REPORTED else ()
            yield r.render("directory.html", page, most=most,
                           initials=by_initial(groups))


def lists_of(story: Story) -> frozenset[str]:
    """The paths of the lists (besides the home page) that hold `story`: its issue, month and year (or the
    undated list), its reporters, tags, section, persons named and topics, and the month of each of these that
    holds it."""
    groups = {link.path for link in (*story.people, *story.tags, *story.mentions, *story.topics)}
    if story.section:
        groups.add(story.section.path)
    day = story.article.day
    month = f"{day:%Y/%m}/" if day else "undated/"
    paths = groups | {group + month for group in groups} | {month}
    if day:
        paths |= {f"{day:%Y}/", f"{day:%Y/%m/%d}/"}
    return frozenset(paths)


def _position(stories: Sequence[Story], story: Story) -> int:
    """Where `story` (this very object) is in `stories`."""
    for i, other in enumerate(stories):
        if other is story:
            return i
    raise ValueError(f"{story.path} is not in the list")


def _pages_showing(r: _Renderer, story: Story, lists: bool) -> Iterator[_Job]:
    """The pages of `_pages` that show `story`: its own and, with `lists`, the page of each list holding it."""
    per_page = r.cfg.per_page
    home = Group("最新报道", "", r.site.stories)
    # The home page shows the newest stories and, above them, the latest edition's lead, however old it is.
    lead = r.site.editions[0].lead if r.site.editions else None
    if lists and (_position(home.stories, story) < per_page or story is lead):
        yield _home_page(r, home, paginate(home.stories[:per_page], per_page, "")[0])
    yield _article_page(r, story)
    if lists and story.printed:
        edition = next(e for e in r.site.editions if e.path == story.printed.edition.path)
        for job in _edition_pages(r, edition):
            if job.page.path in (edition.path, story.printed.page.path):
                yield job
    if lists:
        holding = lists_of(story)
        for spec in _lists(r):
            group = spec.group
            if group.path not in holding:
                continue
            position = _position(group.stories, story)
            if spec.latest_only and position < per_page:
                yield from _list_pages(r, spec, _pagers(spec, per_page))
            elif not spec.latest_only:
                size = _page_size(spec, per_page)
                yield from _list_pages(r, spec, [pager_holding(group.stories, size, group.path, position)])


def _site_feeds(r: _Renderer) -> Iterator[Output]:
    """atom.xml, rss.xml and feed.json of the newest stories."""
    for name, data in site_feeds(r.site, r.cfg, r.urls).items():
        yield Output(name, data)


def _group_feed(r: _Renderer, group: Group) -> Output:
    """The Atom feed of one reporter's (or one section's) newest stories."""
    cfg = r.cfg
    path = group.path + "atom.xml"
    return Output(path, atom(feed_stories(group.stories, cfg), cfg, r.urls, path, f"{group.name} - {cfg.title}",
                             group.path))


def _subject_feeds(r: _Renderer, group: Group) -> Iterator[Output]:
    """The Atom feed of a named person's or a topic's newest stories, as a reporter's or a section's is made, but
    of summaries and links, not whole texts (a hundred persons named in a report would otherwise repeat its text
    in a hundred feeds). One feed, not also a JSON Feed: 2,000 lists made 4,000 feeds, 1.9 s of a cold build."""
    cfg, path = r.cfg, group.path + "atom.xml"
    yield Output(path, atom(feed_stories(group.stories, cfg), cfg, r.urls, path, f"{group.name} - {cfg.title}",
                            group.path, full=False, entries=r.feed_entries))


def _feeds_showing(r: _Renderer, stories: Sequence[Story], listed: Sequence[Story]) -> Iterator[Output]:
    """The feeds among whose newest stories one of `stories` is; of the feeds of persons named and topics,
    which show no text but what a list shows, only those holding one of `listed`."""
    shown = {id(story) for story in stories}
    if any(id(story) in shown for story in feed_stories(r.site.stories, r.cfg)):
        yield from _site_feeds(r)
    holding = {person.path for story in stories for person in story.people}
    holding |= {story.section.path for story in stories if story.section}
    for group in (*r.site.people, *r.site.sections):
        if group.path in holding and any(id(s) in shown for s in feed_stories(group.stories, r.cfg)):
            yield _group_feed(r, group)
    listed_ids = {id(story) for story in listed}
    holding = {link.path for story in listed for link in (*story.mentions, *story.topics)}
    for group in (*r.site.mentioned, *r.site.topics):
        if group.path in holding and any(id(s) in listed_ids for s in feed_stories(group.stories, r.cfg)):
            yield from _subject_feeds(r, group)


@contextlib.contextmanager
def _assets_found() -> Iterator[None]:
    """A missing asset file as a SourceError naming it."""
    try:
        yield
    except FileNotFoundError as error:
        raise SourceError(error.filename, None, "asset not found") from None


def _fingerprinted(assets: Path, name: str) -> tuple[str, bytes]:
    """An asset's site path with a hash of its bytes in the name (`assets/style.0123456789.css`), and its bytes."""
    data = (assets / name).read_bytes()
    stem, _, suffix = name.rpartition(".")
    return f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{suffix}", data


def _assets(cfg: SiteConfig) -> tuple[dict[str, object], list[Output]]:
    """The asset files (fingerprinted, but for the favicon) and the template variables that name them:
    `stylesheet`, `search_script`, `reader_script` and `site_image` (the default og:image, or None)."""
    assets = cfg.assets_dir
    with _assets_found():
        style_path, style = _fingerprinted(assets, "style.css")
        search_path, search = search_script(assets)
        reader_path, reader = _fingerprinted(assets, "reader.js")
        favicon = (assets / "favicon.svg").read_bytes()
        image = site_image(assets, cfg.image)
    names = {"stylesheet": style_path, "search_script": search_path, "reader_script": reader_path,
             "site_image": image}
    files = [Output(style_path, style), Output(search_path, search), Output(reader_path, reader),
             Output("favicon.svg", favicon), Output(".nojekyll", b"")]
    if image:
        files.append(Output(image.path, image.data))
    return names, files


def _check_unique(outputs: list[Output]) -> None:
    """Two pages may not land on one file."""
    seen: set[str] = set()
    for output in outputs:
        if output.path in seen:
            raise DigestError(f"two pages would be written to {output.path}: check slugs and dates")
        seen.add(output.path)


def _rendered(r: _Renderer, jobs: Iterable[_Job], mapper: Mapper | None) -> Iterator[Output]:
    """Each job rendered, in order: by `mapper` (in worker processes) when there are many."""
    listed = list(jobs)
    if mapper and len(listed) > 1:
        r.compile_all()  # once, in this process: forked workers inherit the compiled templates
        for result in mapper(r.run_safely, listed):
            if isinstance(result, _Failed):
                raise result.error()
            yield result
    else:
        yield from map(r.run, listed)


def render_outputs(site: Site, cfg: SiteConfig, templates: Path = Path("templates"), mapper: Mapper | None = None,
                   environments: MutableMapping | None = None, qr_codes: MutableMapping[str, str] | None = None,
                   search: bool = True) -> Iterator[Output]:
    """Every file of the site, one at a time: pages, 404, feeds, sitemap, robots.txt and assets.

    `mapper(function, jobs)` (digest/parallel.py's `imap`) may render pages in other processes; it yields
    results in order, so the outputs are the same however they were made. `environments` keeps the compiled
    templates between builds (serve's session), `qr_codes` the articles' QR codes (the session's store).
    Without `search` (a build with --no-search) the search page fetches nothing of an index ahead.
    """
    assets, asset_files = _assets(cfg)
    r = _Renderer(site, cfg, Path(templates), assets, environments, qr_codes)
    # Every article's QR code drawn first, on every core (digest/share.py); the pages then find them drawn.
    draw_qr_codes((r.urls.absolute(story.path) for story in site.stories), r.env.filters["qr_code"].memo)
    pages = []
    for output in _rendered(r, _pages(r), mapper):
        pages.append(output.path)
        yield output
    dates = {output_path(s.path): s.article.modified or s.article.day for s in site.stories}  # lastmod
    for output in _rendered(r, [
        r.render("search.html", Page("search/", _title("搜索", cfg.title), "搜索", f"搜索{cfg.title}的全部报道",
                                     "search"), site=site, suggestions=json_ld(suggestions(site, r.urls)),
                 indexed=search and bool(site.stories)),  # a site with articles has an index
        r.render("404.html", Page("404.html", _title("页面不存在", cfg.title), "页面不存在",
                                  "这个地址没有页面。", "404"), latest=site.stories[:LATEST_ON_404]),
    ], None):
        # The search page is one static page (every ?q= names it as canonical): indexable, so in the sitemap.
        if output.path != "404.html":
            pages.append(output.path)
        yield output
    yield from _site_feeds(r)
    for group in (*site.people, *site.sections):
        yield _group_feed(r, group)
    for group in (*site.mentioned, *site.topics):
        yield from _subject_feeds(r, group)
    # sitemaps.org allows only full URLs: without an origin there is no sitemap, and robots.txt names none.
    if r.urls.origin:
        yield Output("sitemap.xml", sitemap([(_site_path(path), dates.get(path)) for path in pages], r.urls))
    yield Output("robots.txt", robots(r.urls))
    yield from asset_files


def render_pages_showing(site: Site, cfg: SiteConfig, templates: Path, shown: Sequence[tuple[Story, bool]],
                         environments: MutableMapping | None = None) -> list[Output]:
    """The files of `site` that show the given stories: each one's article page, every list page holding it
    when its flag is set (its list item changed), and the feeds that hold it. Rendered exactly as a whole
    build renders them, with the same code; serve writes them at once after an edit (digest/preview.py)."""
    r = _Renderer(site, cfg, Path(templates), _assets(cfg)[0], environments)
    pages: dict[str, _Job] = {}
    for story, lists in shown:
        for job in _pages_showing(r, story, lists):
            pages.setdefault(job.path, job)
    feeds = _feeds_showing(r, [story for story, _ in shown], [story for story, lists in shown if lists])
    return [*_rendered(r, pages.values(), None), *feeds]


def render_site(site: Site, cfg: SiteConfig, templates: Path = Path("templates")) -> list[Output]:
    """Every file of the site in path order."""
    outputs = list(render_outputs(site, cfg, templates))
    _check_unique(outputs)
    return sorted(outputs, key=lambda o: o.path)


def _site_path(path: str) -> str:
    """`2021/index.html` → `2021/` (the inverse of output_path for pages)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
