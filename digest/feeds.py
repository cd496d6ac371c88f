"""Atom, RSS 2.0 and JSON Feed, the sitemap and robots.txt: built as data, never from string templates."""
from __future__ import annotations

import datetime as dt
import email.utils
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import MutableMapping, Sequence

from digest.config import SiteConfig
from digest.model import Site, Story
from digest.urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def timestamp(day: dt.date | None, cfg: SiteConfig) -> str:
    """`2021-01-15T00:00:00+08:00`: midnight in the paper's time zone (1970-01-01 for no date)."""
    day = day or dt.date(1970, 1, 1)
    return f"{day:%Y-%m-%d}T00:00:00{cfg.utc_offset}"


def rfc822(day: dt.date | None, cfg: SiteConfig) -> str:
    """`Fri, 15 Jan 2021 00:00:00 +0800` for RSS."""
    return email.utils.format_datetime(dt.datetime.combine(day or dt.date(1970, 1, 1), dt.time(), cfg.zone))


def _clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """Append a child element with optional text and attributes."""
    child = ET.SubElement(parent, tag, {k.rstrip("_"): _clean(v) for k, v in attrs.items()})
    if text is not None:
        child.text = _clean(text)
    return child


_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"  # what ElementTree writes for encoding="utf-8"


def _xml(root: ET.Element) -> bytes:
    """Serialise with a declaration, two-space indent and a final newline.

    ElementTree serialises to text and we encode it once: asked for UTF-8 bytes, it encodes each of the thousands
    of pieces through a text wrapper, a third of the time of 2,000 small feeds (tests: the same bytes)."""
    ET.indent(root)
    return (_DECLARATION + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def feed_stories(stories: Sequence[Story], cfg: SiteConfig) -> list[Story]:
    """The newest dated stories, at most `feed_items` (undated ones have no place in a feed)."""
    return list(itertools.islice((story for story in stories if story.article.day), cfg.feed_items))


def _updated(stories: Sequence[Story]) -> dt.date | None:
    """Newest date among `stories`, counting updates and corrections (Atom: the feed's latest entry change)."""
    return max((s.article.modified or s.article.day for s in stories if s.article.day), default=None)


def atom(stories: Sequence[Story], cfg: SiteConfig, urls: Urls, path: str, title: str, home: str,
         full: bool = True, entries: MutableMapping[tuple[int, bool], tuple[Story, str]] | None = None) -> bytes:
    """An Atom 1.0 feed of `stories`, served at site path `path`; `home` is the HTML page it mirrors. Without
    `full`, entries carry their summary and link, not the whole text.

    With `entries`, each story's entry is serialised once (by ElementTree) and kept there for the other feeds of
    the build that hold it (a report naming four persons and five topics is in nine); the feed is then its head,
    serialised alone, with those entries put in as ElementTree would indent them (tests: the same bytes).
    """
    ET.register_namespace("", ATOM)
    a = f"{{{ATOM}}}"
    feed = ET.Element(a + "feed", {XML_LANG: cfg.language})
    _sub(feed, a + "title", title)
    if cfg.description:
        _sub(feed, a + "subtitle", cfg.description)
    _sub(feed, a + "link", rel="self", type="application/atom+xml", href=urls.absolute(path))
    _sub(feed, a + "link", rel="alternate", type="text/html", href=urls.absolute(home))
    _sub(feed, a + "id", urls.absolute(path))
    _sub(feed, a + "updated", timestamp(_updated(stories), cfg))
    _sub(_sub(feed, a + "author"), a + "name", cfg.publisher or cfg.title)
    _sub(feed, a + "generator", "news-digest")
    if entries is None:
        for story in stories:
            feed.append(_atom_entry(story, cfg, urls, full, a))
        return _xml(feed)
    pieces = []
    for story in stories:
        # Keyed by identity (the story is kept with it, so its id is not reused): a story is immutable.
        made = entries.get((id(story), full))
        if made is None:
            made = entries[(id(story), full)] = (story, _entry_text(_atom_entry(story, cfg, urls, full, "")))
        pieces.append(made[1])
    head = _xml(feed)
    if not pieces:
        return head
    end = b"\n</feed>\n"
    return head[:-len(end)] + "".join(pieces).encode("utf-8") + end


def _entry_text(entry: ET.Element) -> str:
    """An entry (its tags without a namespace: the feed's is the default) as text, indented as the feed's child,
    with the line break and indent before it."""
    ET.indent(entry, level=1)
    return "\n  " + ET.tostring(entry, encoding="unicode")


def _atom_entry(story: Story, cfg: SiteConfig, urls: Urls, full: bool, a: str) -> ET.Element:
    """One story's Atom entry (with its text when `full`); `a` prefixes each tag (the namespace, or nothing)."""
    entry = ET.Element(a + "entry")
    _sub(entry, a + "title", story.article.title)
    _sub(entry, a + "link", rel="alternate", type="text/html", href=urls.absolute(story.path))
    _sub(entry, a + "id", urls.absolute(story.path))
    _sub(entry, a + "published", timestamp(story.article.day, cfg))
    _sub(entry, a + "updated", timestamp(story.article.modified or story.article.day, cfg))
    if story.photo:
        _sub(entry, a + "link", rel="enclosure", type="image/jpeg", href=urls.absolute(story.photo.largest.jpeg))
    for person in story.people:
        author = _sub(entry, a + "author")
        _sub(author, a + "name", person.name)
        _sub(author, a + "uri", urls.absolute(person.path))
    for tag in story.tags:
        _sub(entry, a + "category", term=tag.name)
    _sub(entry, a + "summary", story.summary)
    if full:
        _sub(entry, a + "content", str(story.body_html), type="html")
    return entry


def rss(stories: Sequence[Story], cfg: SiteConfig, urls: Urls, path: str, title: str, home: str) -> bytes:
    """An RSS 2.0 feed of `stories` (with atom:link self and dc:creator for bylines)."""
    ET.register_namespace("atom", ATOM)
    ET.register_namespace("dc", DC)
    root = ET.Element("rss", version="2.0")
    channel = _sub(root, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", urls.absolute(home))
    _sub(channel, "description", cfg.description or title)
    _sub(channel, "language", cfg.language)
    _sub(channel, "lastBuildDate", rfc822(_updated(stories), cfg))
    _sub(channel, f"{{{ATOM}}}link", rel="self", type="application/rss+xml", href=urls.absolute(path))
    for story in stories:
        item = _sub(channel, "item")
        _sub(item, "title", story.article.title)
        _sub(item, "link", urls.absolute(story.path))
        _sub(item, "guid", urls.absolute(story.path), isPermaLink="true")
        _sub(item, "pubDate", rfc822(story.article.day, cfg))
        if story.photo:
            big = story.photo.largest
            _sub(item, "enclosure", url=urls.absolute(big.jpeg), length=str(big.jpeg_bytes), type="image/jpeg")
        for person in story.people:
            _sub(item, f"{{{DC}}}creator", person.name)
        for tag in story.tags:
            _sub(item, "category", tag.name)
        _sub(item, "description", str(story.body_html))
    return _xml(root)


def json_feed(stories: Sequence[Story], cfg: SiteConfig, urls: Urls, path: str, title: str, home: str,
              full: bool = True) -> bytes:
    """A JSON Feed 1.1 of `stories`; without `full`, items carry their summary as their text."""
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": urls.absolute(home),
        "feed_url": urls.absolute(path),
        "description": cfg.description,
        "language": cfg.language,
        "authors": [{"name": cfg.publisher or cfg.title}],
        "items": [
            {
                "id": urls.absolute(story.path),
                "url": urls.absolute(story.path),
                "title": story.article.title,
                "summary": story.summary,
                **({"content_html": str(story.body_html)} if full else {"content_text": story.summary}),
                "date_published": timestamp(story.article.day, cfg),
                **({"date_modified": timestamp(story.article.modified, cfg)} if story.article.modified else {}),
                "authors": [{"name": p.name, "url": urls.absolute(p.path)} for p in story.people],
                "tags": [tag.name for tag in story.tags],
                **({"image": urls.absolute(story.photo.largest.jpeg)} if story.photo else {}),
            }
            for story in stories
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode()


def sitemap(pages: Sequence[tuple[str, dt.date | None]], urls: Urls) -> bytes:
    """`sitemap.xml` listing every page (site path, last modified date or None)."""
    ET.register_namespace("", SITEMAP)
    s = f"{{{SITEMAP}}}"
    root = ET.Element(s + "urlset")
    for path, day in pages:
        entry = _sub(root, s + "url")
        _sub(entry, s + "loc", urls.absolute(path))
        if day:
            _sub(entry, s + "lastmod", f"{day:%Y-%m-%d}")
    return _xml(root)


def robots(urls: Urls) -> bytes:
    """`robots.txt`: allow everything, and point at the sitemap when there is one (a site with an origin)."""
    sitemap_line = f"\nSitemap: {urls.absolute('sitemap.xml')}\n" if urls.origin else ""
    return f"User-agent: *\nAllow: /\n{sitemap_line}".encode()


def site_feeds(site: Site, cfg: SiteConfig, urls: Urls) -> dict[str, bytes]:
    """The site-wide feeds, by site path."""
    stories = feed_stories(site.stories, cfg)
    return {
        "atom.xml": atom(stories, cfg, urls, "atom.xml", cfg.title, ""),
        "rss.xml": rss(stories, cfg, urls, "rss.xml", cfg.title, ""),
        "feed.json": json_feed(stories, cfg, urls, "feed.json", cfg.title, ""),
    }
