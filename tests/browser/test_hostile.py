"""Hostile text in chromium: every page of a site built from tests/hostile.py runs no script but the site's own.

The corpus sits in a seed (titles and bodies, through ingest) and in hand-written front matter (title, kicker,
subtitle, authors, correspondents, photographers, dateline, section, tags, captions) and bodies. Every HTML page
of the build is opened under /news-digest/ with the `page` fixture, which fails on any dialog, page error or
Content Security Policy violation; each page's scripts, event-handler attributes and URLs are checked too.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser.waits import wait_until
from tests.hostile import PAYLOADS, SEARCH_TERMS, write_project
from tests.siteserver import serve

ROOT = Path(__file__).resolve().parents[2]
BASE = "/news-digest/"

# What a page holds that could run code or leave the site: scripts, on* attributes, and every URL it names.
INSPECT = """(base) => {
  const scripts = [...document.scripts].map((s) => ({src: s.src, type: s.type}));
  const handlers = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) handlers.push(`${element.tagName} ${attribute.name}`);
    }
  }
  const urls = [];
  for (const [selector, name] of [["a[href]", "href"], ["link[href]", "href"], ["img[src]", "src"],
      ["script[src]", "src"], ["form[action]", "action"], ["iframe", "src"], ["base", "href"], ["object", "data"],
      ["embed", "src"], ["source", "src"], ["video", "src"], ["audio", "src"]]) {
    for (const element of document.querySelectorAll(selector)) {
      const raw = element.getAttribute(name) || "";
      urls.push({raw, resolved: new URL(raw, location.href).href});
    }
  }
  const refresh = [...document.querySelectorAll("meta[http-equiv]")].map((m) => m.httpEquiv.toLowerCase())
    .filter((v) => v !== "content-security-policy");
  return {scripts, handlers, urls, refresh, title: document.title, h1: document.querySelector("h1")?.innerText};
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The hostile corpus ingested and built under /news-digest/, served; yields (root URL, dist)."""
    from digest.config import load_config
    from digest.ingest import ingest
    from digest.pipeline import BuildRequest, build

    work = tmp_path_factory.mktemp("hostile")
    write_project(work)
    report = ingest(work / "seeds", work / "content")
    assert not report.errors
    cfg = load_config(ROOT / "site" / "site.toml", base_url=BASE)
    build(BuildRequest(cfg, work / "content", work / "dist", ROOT / "templates"))
    with serve(work / "dist", BASE) as url:
        yield url, work / "dist"


def _pages(dist: Path) -> list[str]:
    return sorted(p.relative_to(dist).as_posix().removesuffix("index.html") for p in dist.rglob("*.html"))


def _check_page(found: dict, origin: str, where: str) -> None:
    data = {"application/ld+json", "application/json"}  # JSON-LD; the search page's sections, reporters, tags
    for script in found["scripts"]:
        assert script["type"] in data or script["type"] in {"", "module"}, (where, script)
        if script["src"]:
            assert script["src"].startswith(origin + BASE), (where, script)
        else:
            assert script["type"] in data, (where, script)  # data, never code
    assert found["handlers"] == [], where
    assert found["refresh"] == [], where
    for url in found["urls"]:
        resolved = url["resolved"]
        if resolved.startswith(origin + "/"):
            assert resolved.startswith(origin + BASE), (where, url)  # never above the base path
        else:
            # The only other URLs: the site's published origin, and a link a maintainer wrote in a hand-written
            # body (Markdown's <https://…>); never a script, data or another scheme, never from a seed.
            hand_written = where.split("/")[-2].startswith("shou-xie")
            assert resolved.startswith(("https://example.org/news-digest/", "https://schema.org")) or \
                (hand_written and resolved == "https://evil.example/"), (where, url)


def test_no_page_runs_a_script_or_leaves_the_site(page, hostile_site) -> None:
    root, dist = hostile_site
    origin = root[: -len(BASE)]
    pages = _pages(dist)
    assert len(pages) > 150  # articles, reporters, tags, sections, archives of 50 hostile articles
    for path in pages:
        page.goto(root + path)
        _check_page(page.evaluate(INSPECT, BASE), origin, path)


def test_hostile_text_is_shown_as_text(page, hostile_site) -> None:
    root, dist = hostile_site
    shown = []
    for path in _pages(dist):
        if re.fullmatch(r"2021/03/\d\d/[^/]+/", path):  # article pages
            page.goto(root + path)
            found = page.evaluate(INSPECT, BASE)
            shown.append(found["h1"])
            assert found["h1"] and found["h1"] in found["title"]
    for payload in ('<script>alert("script")</script>', "</title><script>alert('title')</script>",
                    "{{ cfg }} {{ 7*7 }} {% raw %}{% endraw %} {# 注释 #}"):
        assert f"手写{PAYLOADS.index(payload) + 1} {payload}" in shown  # literally, in <h1> and <title>


def test_search_results_of_hostile_text_run_nothing(page, hostile_site) -> None:
    root, _ = hostile_site
    for term in SEARCH_TERMS:
        page.goto(f"{root}search/?q={quote(term)}")
        wait_until(page, "document.querySelector('[data-search-region]').getAttribute('aria-busy') === 'false'")
        assert page.locator("[data-search-results] > li").count() > 0
        _check_page(page.evaluate(INSPECT, BASE), root[: -len(BASE)], f"search {term}")
