"""`Site` → `[Output]`: every page through Jinja (autoescape, StrictUndefined), plus feeds and assets."""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from digest.config import SiteConfig
from digest.errors import DigestError, SourceError
from digest.feeds import atom, feed_stories, robots, site_feeds, sitemap
from digest.fingerprint import Fingerprints
from digest.model import Group, Site, Story, format_date, weekday
from digest.paginate import PagePaths, Pager, pager_holding, paginate
from digest.search import search_script
from digest.urls import Urls, output_path

if TYPE_CHECKING:
    import jinja2


@dataclass(frozen=True)
class Output:
    """One file of the built site: its path inside dist/, its bytes, and the key of what it was made from.

    `data` is None when the previous build's file for the same key is still in dist/ (see `Reuse`).
    """

    path: str
    data: bytes | None
    key: str = ""


# `reuse(path, key)`: True when dist/path is the file an earlier build made for exactly `key`.
Reuse = Callable[[str, str], bool]
# `mapper(function, items)`: function(item) for each item, in order (digest/parallel.py's `imap`).
Mapper = Callable[[Callable, Sequence], Iterator]


@dataclass(frozen=True)
class ListHead:
    """What a list page shows of its whole list: name, path, note, size and its parts (never their stories).

    Pages get this instead of the `Group`, so that a page's fingerprint covers what it shows and a change to
    one story re-renders only the pages that list it (a page's own stories are `page.pager.items`).
    """

    name: str
    path: str
    note: str
    count: int
    children: tuple[ListHead, ...] = ()


@dataclass(frozen=True)
class Page:
    """What every page template gets as `page`: titles, canonical path, kind and list state."""

    path: str
    title: str
    heading: str
    description: str
    kind: str
    pager: Pager | None = None
    group: ListHead | None = None
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
    if article.date:
        stamp = f"{article.date:%Y-%m-%d}T00:00:00{cfg.utc_offset}"
        data["datePublished"] = data["dateModified"] = stamp
    if story.people:
        data["author"] = [
            {"@type": "Person", "name": person.name, "url": urls.absolute(person.path)} for person in story.people
        ]
    data["publisher"] = {"@type": "Organization", "name": cfg.publisher or cfg.title, "url": urls.absolute("")}
    if article.dateline:
        data["dateline"] = article.dateline
    if article.section:
        data["articleSection"] = article.section
    if article.tags:
        data["keywords"] = list(article.tags)
    return data


def _environment(templates: Path, urls: Urls, compiled: Path | None = None) -> jinja2.Environment:
    """Jinja with autoescape everywhere, undefined names as errors, and the site's URL helpers.

    `url` and `abs_url` are filters because Jinja calls a filter directly, while a global function goes
    through its runtime's checks on every call (a third of a page's rendering time); a filter of a constant
    (`'atom.xml'|url`) is even computed once, when the template compiles. So an environment belongs to one
    base URL and origin (see `_shared_environment`). `compiled` is a folder for the templates' compiled code
    (Jinja checks each against its template's source): a build that renders a few pages (a quick edit) spent
    0.15 s compiling them.
    """
    import jinja2  # only builds that render something pay for importing Jinja

    from digest.jinja_fast import FastEnvironment

    env = FastEnvironment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(compiled)) if compiled is not None else None,
    )
    env.filters.update(url=urls.url_for, abs_url=urls.absolute)
    # Globals, not render variables, so that `{% import "_macros.html" as m %}` needs no context and Jinja
    # runs the macro module once, not once per page.
    env.globals.update(format_date=format_date, weekday=weekday, url_for=urls.url_for, abs_url=urls.absolute,
                       once=_Once())
    return env


_VALUES = (str, int, bool, type(None))  # arguments `once` keys by value; any other by the object itself


class _Once:
    """`once(macro, *args)` in templates: `macro(*args)`, rendered once per build for the same arguments. A
    story's list item looks the same on the home page, its issue, month, year, section and reporter pages, and
    the masthead the same on every page but a few (`_macros.html`). Arguments other than strings, numbers and
    None are compared by identity: the build's objects are immutable, and each entry keeps its arguments alive,
    so their ids are not reused. `clear()` starts a new build."""

    __slots__ = ("_made",)  # so that Jinja's check of whether it wants the context is made once (jinja_fast)

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


_ENVIRONMENTS: dict[tuple[str, str, Urls, Path | None], jinja2.Environment] = {}


def _shared_environment(templates: Path, sources: str, urls: Urls, compiled: Path | None = None) \
        -> jinja2.Environment:
    """One Jinja environment per templates folder, content of its files and URLs: `serve` compiles templates
    once. Each call starts a new build of `once`."""
    key = (str(Path(templates).resolve()), sources, urls, compiled)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS.clear()
        env = _environment(templates, urls, _compiled_folder(compiled, urls))
        env.auto_reload = False  # the key above already says when a template changed
        _ENVIRONMENTS[key] = env
    env = _ENVIRONMENTS[key]
    env.globals["once"].clear()
    return env


def _compiled_folder(compiled: Path | None, urls: Urls) -> Path | None:
    """The folder for templates compiled by this code for these URLs (a constant's `|url` is computed when a
    template compiles, and Jinja checks only the template's source), made empty of any other; None when it
    cannot be made (the build is only slower)."""
    if compiled is None:
        return None
    from digest.cache import code_version
    from digest.fingerprint import plain_digest

    folder = compiled / plain_digest((code_version(), urls))[:24]
    try:
        if compiled.is_dir():
            for other in compiled.iterdir():
                if other != folder:
                    shutil.rmtree(other) if other.is_dir() else other.unlink()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


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
    """Hash of every file under the templates folder: a page's key changes with any template."""
    digest = hashlib.sha256()
    root = Path(templates)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _never(path: str, key: str) -> bool:
    return False


@dataclass(frozen=True)
class _Job:
    """A page to render: where it goes, its key, its template and what the template gets."""

    path: str
    key: str
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
    """Holds the environment, what every page shares, and the fingerprints that key each page."""

    def __init__(self, site: Site, cfg: SiteConfig, templates: Path, stylesheet: str, reuse: Reuse | None = None,
                 version: str = "", compiled: Path | None = None):
        self.site, self.cfg, self.templates, self.compiled = site, cfg, templates, compiled
        self.urls = Urls(cfg.base_url, cfg.site_url)
        self._env: jinja2.Environment | None = None
        self._compiled: dict[str, jinja2.Template] = {}
        self.reuse = reuse or _never
        self.prints = Fingerprints(shared=(Group, Site, ListHead), leaves=(Story, PagePaths, Site))
        self.common = {
            "cfg": cfg,
            "stylesheet": stylesheet,
            "nav": self._nav(),
        }
        # A tuple, not a set: the common key pickles it, and a set's order changes with each process's hash seed.
        self.common["nav_paths"] = tuple(path for _, path in self.common["nav"])
        # What every key starts with: the code, the templates and the shared context.
        self.sources = template_sources(templates)
        self.common_key = self.prints.of(version, self.sources, self.urls, self.common)
        self._heads: dict[int, tuple[Group, ListHead]] = {}

    def _nav(self) -> tuple[tuple[str, str], ...]:
        """The main navigation: (label, site path)."""
        items = [("首页", ""), ("往期", "archive/")]
        if self.site.people:
            items.append(("记者", "reporters/"))
        if self.site.sections:
            items.append(("栏目", "sections/"))
        if self.site.tags:
            items.append(("标签", "tags/"))
        return tuple(items)

    def head(self, group: Group) -> ListHead:
        """The `ListHead` of a group (one per group per build)."""
        found = self._heads.get(id(group))
        if found is None or found[0] is not group:
            head = ListHead(group.name, group.path, group.note, len(group.stories),
                            tuple(self.head(child) for child in group.children))
            found = self._heads[id(group)] = (group, head)
        return found[1]

    def template(self, name: str) -> jinja2.Template:
        """A compiled template, looked up once per build (compiled once per process and templates)."""
        found = self._compiled.get(name)
        if found is None:
            if self._env is None:
                self._env = _shared_environment(self.templates, self.sources, self.urls, self.compiled)
            found = self._compiled[name] = self._env.get_template(name)
        return found

    def compile_all(self) -> None:
        """Compile every template now (before worker processes fork, so that they inherit them)."""
        root = Path(self.templates)
        for path in sorted(root.glob("*.html")):
            with contextlib.suppress(Exception):  # a broken template fails where a page uses it, as usual
                self.template(path.name)

    def key(self, *parts: object) -> str:
        """The key of an output made from `parts` (plus the code, templates and shared context)."""
        return self.prints.of(self.common_key, *parts)

    def render(self, template: str, page: Page, later: dict[str, Callable[[], object]] | None = None,
               **extra: object) -> Output | _Job:
        """One page: reused from dist/ when its key is there, else a job for `run` (see `render_outputs`).

        `later` values are made only when the page is rendered, and are not in its key: each must be a pure
        function of the page and the shared context, which are.
        """
        path = output_path(page.path)
        key = self.key(template, page, extra)
        if self.reuse(path, key):
            return Output(path, None, key)
        return _Job(path, key, template, page, extra, later or {})

    def run(self, job: _Job) -> Output:
        """Render one page through its template; a template error becomes a SourceError."""
        try:
            made = {name: make() for name, make in job.later.items()}
            html = self.template(job.template).render(self.common, page=job.page, **job.extra, **made)
        except DigestError:
            raise
        except Exception as error:
            raise _template_error(error, self.templates) from None
        return Output(job.path, html.encode("utf-8"), job.key)

    def run_safely(self, job: _Job) -> Output | _Failed:
        """`run` for a worker process: an error comes back as a value (SourceError does not pickle)."""
        try:
            return self.run(job)
        except SourceError as error:
            return _Failed(error.path, error.line, error.message)
        except DigestError as error:
            return _Failed(None, None, str(error))

    def made(self, path: str, key: str, make: Callable[[], bytes]) -> Output:
        """A non-template output, made only when dist/ does not already hold it."""
        if self.reuse(path, key):
            return Output(path, None, key)
        return Output(path, make(), key)


def _title(*parts: str) -> str:
    """`part - part - site title`."""
    return " - ".join(part for part in parts if part)


def _page_label(pager: Pager) -> str:
    """`（第2页）` after the first page."""
    return f"（第{pager.number}页）" if pager.number > 1 else ""


@dataclass(frozen=True)
class _List:
    """One paginated list of stories and what its pages say; `extra()` gives its template's own variables."""

    group: Group
    kind: str
    heading: str
    description: str
    feeds: tuple[tuple[str, str], ...] = ()
    extra: Callable[[], dict[str, Any]] = dict


def _list_pages(r: _Renderer, spec: _List, pagers: Iterable[Pager]) -> Iterator[Output | _Job]:
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
            group=r.head(spec.group),
            feeds=spec.feeds,
        )
        yield r.render(f"{spec.kind}.html", page, **extra)


def _lists(r: _Renderer) -> Iterator[_List]:
    """Every list but the home page's, in the order their pages are written: years with their months, issues,
    reporters, tags, sections."""
    site, cfg = r.site, r.cfg
    for year in site.years:
        yield _List(year, "year", year.name, f"{cfg.title}{year.name}的全部报道")
        for month in year.children:
            yield _List(month, "month", month.name, f"{cfg.title}{month.name}的全部报道")
    issues = site.issues
    for i, day in enumerate(issues):
        older = issues[i + 1] if i + 1 < len(issues) else None
        newer = issues[i - 1] if i > 0 else None
        yield _List(day, "issue", day.name, f"{cfg.title}{day.name}{day.note}的报道",
                    extra=lambda older=older, newer=newer: {"older": older and r.head(older),
                                                            "newer": newer and r.head(newer)})
    for person in site.people:
        feed = ((f"{person.name}的报道（Atom）", person.path + "atom.xml"),)
        yield _List(person, "person", person.name, f"{person.name}（{person.note}）在{cfg.title}的报道", feed)
    for tag in site.tags:
        yield _List(tag, "tag", tag.name, f"{cfg.title}标签“{tag.name}”下的报道")
    for section in site.sections:
        yield _List(section, "section", section.name, f"{cfg.title}栏目“{section.name}”的报道")


def _home_page(r: _Renderer, home: Group, pager: Pager) -> Output | _Job:
    """One page of the home list (the newest stories of all)."""
    cfg = r.cfg
    label = _page_label(pager)
    title = cfg.title if pager.number == 1 else _title("最新报道" + label, cfg.title)
    description = (cfg.description or cfg.title) + label
    return r.render("home.html", Page("" if pager.number == 1 else pager.path, title, "最新报道",
                                      description, "home", pager, r.head(home)))


def _article_page(r: _Renderer, story: Story) -> Output | _Job:
    """A story's own page."""
    cfg, article = r.cfg, story.article
    page = Page(story.path, _title(article.title, cfg.title), article.title,
                story.summary or article.title, "article", story=story)
    # JSON-LD is made from the story and the configuration, both in the page's key: made only if rendered.
    return r.render("article.html", page, later={"json_ld": lambda: json_ld(news_article(story, cfg, r.urls))})


def _pages(r: _Renderer) -> Iterator[Output | _Job]:
    """Every HTML page of the site."""
    site, cfg = r.site, r.cfg
    home = Group("最新报道", "", site.stories)
    for pager in paginate(home.stories, cfg.per_page, ""):
        yield _home_page(r, home, pager)
    for story in site.stories:
        yield _article_page(r, story)
    for spec in _lists(r):
        yield from _list_pages(r, spec, paginate(spec.group.stories, cfg.per_page, spec.group.path))
    yield r.render("archive.html", Page("archive/", _title("往期", cfg.title), "往期",
                                        f"{cfg.title}按年、月、日排列的全部报道", "archive"), site=site)
    indexes = (("reporters/", "记者", site.people, f"{cfg.title}的记者、通讯员和摄影"),
               ("sections/", "栏目", site.sections, f"{cfg.title}的全部栏目"),
               ("tags/", "标签", site.tags, f"{cfg.title}的全部标签"))
    for path, heading, groups, description in indexes:
        if groups:
            page = Page(path, _title(heading, cfg.title), heading, description, "index")
            yield r.render("index.html", page, groups=tuple(r.head(g) for g in groups))


def lists_of(story: Story) -> frozenset[str]:
    """The paths of the lists (besides the home page) that hold `story`: its issue, month and year, its
    reporters, tags and section."""
    paths = {person.path for person in story.people} | {tag.path for tag in story.tags}
    if story.section:
        paths.add(story.section.path)
    day = story.article.date
    if day:
        paths |= {f"{day:%Y}/", f"{day:%Y/%m}/", f"{day:%Y/%m/%d}/"}
    return frozenset(paths)


def _position(stories: Sequence[Story], story: Story) -> int:
    """Where `story` (this very object) is in `stories`."""
    finder = getattr(stories, "position", None)  # a lazy list of stories knows (digest/snapshot.py)
    if finder is not None:
        return finder(story)
    for i, other in enumerate(stories):
        if other is story:
            return i
    raise ValueError(f"{story.path} is not in the list")


def _pages_showing(r: _Renderer, story: Story, lists: bool) -> Iterator[Output | _Job]:
    """The pages of `_pages` that show `story`: its own and, with `lists`, the page of each list holding it."""
    per_page = r.cfg.per_page
    home = Group("最新报道", "", r.site.stories)
    if lists:
        yield _home_page(r, home, pager_holding(home.stories, per_page, "", _position(home.stories, story)))
    yield _article_page(r, story)
    if lists:
        holding = lists_of(story)
        for spec in _lists(r):
            group = spec.group
            if group.path in holding:
                pager = pager_holding(group.stories, per_page, group.path, _position(group.stories, story))
                yield from _list_pages(r, spec, [pager])


def _site_feeds(r: _Renderer) -> Iterator[Output]:
    """atom.xml, rss.xml and feed.json of the newest stories."""
    stories = feed_stories(r.site.stories, r.cfg)
    key = r.key("site feeds", stories, r.urls)
    feeds: dict[str, bytes] | None = None
    for name in ("atom.xml", "rss.xml", "feed.json"):
        if r.reuse(name, f"{key}:{name}"):
            yield Output(name, None, f"{key}:{name}")
        else:
            feeds = feeds or site_feeds(r.site, r.cfg, r.urls)
            yield Output(name, feeds[name], f"{key}:{name}")


def _person_feed(r: _Renderer, person: Group) -> Output:
    """The Atom feed of one reporter's newest stories."""
    cfg, urls = r.cfg, r.urls
    stories = feed_stories(person.stories, cfg)
    path = person.path + "atom.xml"
    title = f"{person.name} - {cfg.title}"
    return r.made(path, r.key("atom", stories, path, title, person.path),
                  lambda: atom(stories, cfg, urls, path, title, person.path))


def _feeds_showing(r: _Renderer, stories: Sequence[Story]) -> Iterator[Output]:
    """The feeds among whose newest stories one of `stories` is."""
    shown = {id(story) for story in stories}
    if any(id(story) in shown for story in feed_stories(r.site.stories, r.cfg)):
        yield from _site_feeds(r)
    people = {person.path for story in stories for person in story.people}
    for person in r.site.people:
        if person.path in people and any(id(s) in shown for s in feed_stories(person.stories, r.cfg)):
            yield _person_feed(r, person)


@contextlib.contextmanager
def _assets_found() -> Iterator[None]:
    """A missing asset file as a SourceError naming it."""
    try:
        yield
    except FileNotFoundError as error:
        raise SourceError(error.filename, None, "asset not found") from None


def _stylesheet(assets: Path) -> tuple[str, bytes]:
    """The stylesheet's fingerprinted site path and bytes."""
    data = (assets / "style.css").read_bytes()
    return f"assets/style.{hashlib.sha256(data).hexdigest()[:10]}.css", data


def _check_unique(outputs: list[Output]) -> None:
    """Two pages may not land on one file."""
    seen: set[str] = set()
    for output in outputs:
        if output.path in seen:
            raise DigestError(f"two pages would be written to {output.path}: check slugs and dates")
        seen.add(output.path)


def _rendered(r: _Renderer, items: Iterable[Output | _Job], mapper: Mapper | None) -> Iterator[Output]:
    """`items` in order, each job rendered: by `mapper` (in worker processes) when there are many."""
    listed = list(items)
    jobs = [item for item in listed if isinstance(item, _Job)]
    if mapper and len(jobs) > 1:
        r.compile_all()  # once, in this process: forked workers inherit the compiled templates
        results = mapper(r.run_safely, jobs)
    else:
        results = map(r.run, jobs)
    for item in listed:
        if isinstance(item, _Job):
            item = next(results)
            if isinstance(item, _Failed):
                raise item.error()
        yield item


def render_outputs(site: Site, cfg: SiteConfig, templates: Path = Path("templates"), reuse: Reuse | None = None,
                   version: str = "", mapper: Mapper | None = None, compiled: Path | None = None) -> Iterator[Output]:
    """Every file of the site, one at a time: pages, 404, feeds, sitemap, robots.txt and assets.

    With `reuse`, an output whose key dist/ already holds comes with `data=None` and is not rendered.
    `mapper(function, jobs)` (digest/parallel.py's `imap`) may render pages in other processes; it yields
    results in order, so the outputs are the same however they were made.
    """
    assets = cfg.assets_dir
    with _assets_found():
        style_path, style = _stylesheet(assets)
        script_path, script = search_script(assets)
        favicon = (assets / "favicon.svg").read_bytes()
    r = _Renderer(site, cfg, Path(templates), style_path, reuse, version, compiled)
    pages = []
    for output in _rendered(r, _pages(r), mapper):
        pages.append(output.path)
        yield output
    dates = {output_path(s.path): s.article.date for s in site.stories}
    urls = r.urls
    yield from _rendered(r, [
        r.render("search.html", Page("search/", _title("搜索", cfg.title), "搜索", f"搜索{cfg.title}的全部报道",
                                     "search"), site=site, search_script=script_path),
        r.render("404.html", Page("404.html", _title("页面不存在", cfg.title), "页面不存在",
                                  "这个地址没有页面。", "404")),
    ], None)
    yield from _site_feeds(r)
    for person in site.people:
        yield _person_feed(r, person)
    listed = [(_site_path(path), dates.get(path)) for path in pages]
    yield r.made("sitemap.xml", r.key("sitemap", listed), lambda: sitemap(listed, urls))
    yield r.made("robots.txt", r.key("robots"), lambda: robots(urls))
    for path, data in ((style_path, style), (script_path, script), ("favicon.svg", favicon), (".nojekyll", b"")):
        yield r.made(path, hashlib.sha256(data).hexdigest()[:40], lambda data=data: data)


def render_pages_showing(site: Site, cfg: SiteConfig, templates: Path, shown: Sequence[tuple[Story, bool]],
                         compiled: Path | None = None) -> list[Output]:
    """The files of `site` that show the given stories: each one's article page, every list page holding it
    when its flag is set (its list item changed), and the feeds that hold it. Rendered exactly as a whole
    build renders them, with the same code; written at once after an edit (digest/quick.py)."""
    with _assets_found():
        style_path, _ = _stylesheet(cfg.assets_dir)
    r = _Renderer(site, cfg, Path(templates), style_path, compiled=compiled)
    pages: dict[str, Output | _Job] = {}
    for story, lists in shown:
        for item in _pages_showing(r, story, lists):
            pages.setdefault(item.path, item)
    return [*_rendered(r, pages.values(), None), *_feeds_showing(r, [story for story, _ in shown])]


def render_site(site: Site, cfg: SiteConfig, templates: Path = Path("templates")) -> list[Output]:
    """Every file of the site in path order, all rendered (no reuse)."""
    outputs = list(render_outputs(site, cfg, templates))
    _check_unique(outputs)
    return sorted(outputs, key=lambda o: o.path)


def _site_path(path: str) -> str:
    """`2021/index.html` → `2021/` (the inverse of output_path for pages)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
