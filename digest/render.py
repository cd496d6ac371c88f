"""`Site` → `[Output]`: every page through Jinja (autoescape, StrictUndefined), plus feeds and assets."""
from __future__ import annotations

import hashlib
import json
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from digest.config import SiteConfig
from digest.errors import DigestError, SourceError
from digest.feeds import atom, feed_stories, robots, site_feeds, sitemap
from digest.model import Group, Site, Story, format_date, weekday
from digest.paginate import Pager, paginate
from digest.urls import Urls, output_path


@dataclass(frozen=True)
class Output:
    """One file of the built site: its path inside dist/ and its bytes."""

    path: str
    data: bytes


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
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


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


def _environment(templates: Path) -> jinja2.Environment:
    """Jinja with autoescape everywhere and undefined names as errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(format_date=format_date, weekday=weekday)
    return env


def _template_error(error: Exception, templates: Path) -> SourceError:
    """A template problem as `templates/x.html:LINE: message`."""
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


class _Renderer:
    """Holds the environment and what every page shares."""

    def __init__(self, site: Site, cfg: SiteConfig, templates: Path, stylesheet: str):
        self.site, self.cfg, self.templates = site, cfg, templates
        self.urls = Urls(cfg.base_url, cfg.site_url)
        self.env = _environment(templates)
        self.common = {
            "site": site,
            "cfg": cfg,
            "url_for": self.urls.url_for,
            "abs_url": self.urls.absolute,
            "stylesheet": stylesheet,
            "nav": self._nav(),
        }

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

    def render(self, template: str, page: Page, **extra: object) -> Output:
        """One page through its template; a template error becomes a SourceError."""
        try:
            html = self.env.get_template(template).render(self.common, page=page, **extra)
        except DigestError:
            raise
        except Exception as error:
            raise _template_error(error, self.templates) from None
        return Output(output_path(page.path), html.encode("utf-8"))


def _title(*parts: str) -> str:
    """`part - part - site title`."""
    return " - ".join(part for part in parts if part)


def _page_label(pager: Pager) -> str:
    """`（第2页）` after the first page."""
    return f"（第{pager.number}页）" if pager.number > 1 else ""


def _lists(r: _Renderer, group: Group, kind: str, heading: str, description: str,
           feeds: tuple[tuple[str, str], ...] = (), **extra: Any) -> Iterator[Output]:
    """Every page of one paginated list of stories; `extra` goes to the template as variables."""
    site_title = r.cfg.title
    for pager in paginate(group.stories, r.cfg.per_page, group.path):
        label = _page_label(pager)
        page = Page(
            path=pager.path,
            title=_title(heading + label, site_title),
            heading=heading,
            description=description + label,
            kind=kind,
            pager=pager,
            group=group,
            feeds=feeds,
        )
        yield r.render(f"{kind}.html", page, **extra)


def _pages(r: _Renderer) -> Iterator[Output]:
    """Every HTML page of the site."""
    site, cfg = r.site, r.cfg
    home = Group("最新报道", "", site.stories)
    for pager in paginate(home.stories, cfg.per_page, ""):
        label = _page_label(pager)
        title = cfg.title if pager.number == 1 else _title("最新报道" + label, cfg.title)
        description = (cfg.description or cfg.title) + label
        yield r.render("home.html", Page("" if pager.number == 1 else pager.path, title, "最新报道",
                                         description, "home", pager, home))
    for story in site.stories:
        article = story.article
        page = Page(story.path, _title(article.title, cfg.title), article.title,
                    story.summary or article.title, "article", story=story)
        yield r.render("article.html", page, json_ld=json_ld(news_article(story, cfg, r.urls)))
    for year in site.years:
        yield from _lists(r, year, "year", year.name, f"{cfg.title}{year.name}的全部报道")
        for month in year.children:
            yield from _lists(r, month, "month", month.name, f"{cfg.title}{month.name}的全部报道")
    issues = site.issues
    for i, day in enumerate(issues):
        older = issues[i + 1] if i + 1 < len(issues) else None
        newer = issues[i - 1] if i > 0 else None
        yield from _lists(r, day, "issue", day.name, f"{cfg.title}{day.name}{day.note}的报道",
                          older=older, newer=newer)
    for person in site.people:
        feed = ((f"{person.name}的报道（Atom）", person.path + "atom.xml"),)
        yield from _lists(r, person, "person", person.name, f"{person.name}（{person.note}）在{cfg.title}的报道",
                          feeds=feed)
    for tag in site.tags:
        yield from _lists(r, tag, "tag", tag.name, f"{cfg.title}标签“{tag.name}”下的报道")
    for section in site.sections:
        yield from _lists(r, section, "section", section.name, f"{cfg.title}栏目“{section.name}”的报道")
    yield r.render("archive.html", Page("archive/", _title("往期", cfg.title), "往期",
                                        f"{cfg.title}按年、月、日排列的全部报道", "archive"))
    indexes = (("reporters/", "记者", site.people, f"{cfg.title}的记者、通讯员和摄影"),
               ("sections/", "栏目", site.sections, f"{cfg.title}的全部栏目"),
               ("tags/", "标签", site.tags, f"{cfg.title}的全部标签"))
    for path, heading, groups, description in indexes:
        if groups:
            page = Page(path, _title(heading, cfg.title), heading, description, "index")
            yield r.render("index.html", page, groups=groups)


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


def render_site(site: Site, cfg: SiteConfig, templates: Path = Path("templates")) -> list[Output]:
    """Every file of the site in path order: pages, 404, feeds, sitemap, robots.txt and assets."""
    assets = cfg.assets_dir
    try:
        style_path, style = _stylesheet(assets)
        favicon = (assets / "favicon.svg").read_bytes()
    except FileNotFoundError as error:
        raise SourceError(error.filename, None, "asset not found") from None
    r = _Renderer(site, cfg, Path(templates), style_path)
    outputs = list(_pages(r))
    pages = [o.path for o in outputs]
    dates = {output_path(s.path): s.article.date for s in site.stories}
    urls = r.urls
    outputs.append(r.render("404.html", Page("404.html", _title("页面不存在", cfg.title), "页面不存在",
                                             "这个地址没有页面。", "404")))
    outputs += [Output(path, data) for path, data in site_feeds(site, cfg, urls).items()]
    for person in site.people:
        stories = feed_stories(person.stories, cfg)
        feed_path = person.path + "atom.xml"
        outputs.append(Output(feed_path, atom(stories, cfg, urls, feed_path, f"{person.name} - {cfg.title}",
                                              person.path)))
    listed = [(_site_path(path), dates.get(path)) for path in pages]
    outputs.append(Output("sitemap.xml", sitemap(listed, urls)))
    outputs.append(Output("robots.txt", robots(urls)))
    outputs.append(Output(style_path, style))
    outputs.append(Output("favicon.svg", favicon))
    outputs.append(Output(".nojekyll", b""))
    _check_unique(outputs)
    return sorted(outputs, key=lambda o: o.path)


def _site_path(path: str) -> str:
    """`2021/index.html` → `2021/` (the inverse of output_path for pages)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
