"""What search engines are told: the sitemap and `noindex` agree, and no URL they read is relative."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from digest.feeds import SITEMAP
from tests.conftest import BASE_PATH, FIXTURE_SITE, ROOT, run_cli

ORIGIN = "https://example.org"  # the fixture's site_url
NOINDEX = '<meta name="robots" content="noindex">'
# Every tag whose URL must be a full one, or absent.
FULL_URL_TAGS = re.compile(r'<link rel="canonical" href="([^"]*)"|<meta property="og:(?:url|image)" content="([^"]*)"')


def _pages(dist: Path) -> dict[str, str]:
    """Every HTML page of a built site (not Pagefind's), by its URL path."""
    pages = {}
    for file in sorted(dist.rglob("*.html")):
        relative = file.relative_to(dist).as_posix()
        if not relative.startswith("pagefind/"):
            pages[BASE_PATH + relative.removesuffix("index.html")] = file.read_text(encoding="utf-8")
    return pages


def test_every_page_is_in_the_sitemap_or_marked_noindex(fixture_dist: Path) -> None:
    locs = [loc.text for loc in ET.parse(fixture_dist / "sitemap.xml").iter(f"{{{SITEMAP}}}loc")]
    assert all(loc.startswith(ORIGIN + BASE_PATH) for loc in locs)
    listed = {loc.removeprefix(ORIGIN) for loc in locs}
    pages = _pages(fixture_dist)
    assert listed <= pages.keys()  # nothing listed that is not built
    for path, html in pages.items():
        assert (path in listed) != (NOINDEX in html), path
        assert (f'<link rel="canonical" href="{ORIGIN}{path}">' in html) == (path in listed), path
    assert BASE_PATH + "search/" in listed and pages[BASE_PATH + "404.html"].count(NOINDEX) == 1
    assert f"Sitemap: {ORIGIN}{BASE_PATH}sitemap.xml" in (fixture_dist / "robots.txt").read_text()


def test_without_an_origin_nothing_relative_is_published(tmp_path: Path) -> None:
    config = (FIXTURE_SITE / "site.toml").read_text(encoding="utf-8")
    config = config.replace(f'site_url = "{ORIGIN}"', 'site_url = ""').replace("../../../site", str(ROOT / "site"))
    (tmp_path / "site.toml").write_text(config, encoding="utf-8")
    result = run_cli("build", "--content", str(FIXTURE_SITE / "content"), "--out", "dist", "--config", "site.toml",
                     "--templates", str(ROOT / "templates"), "--base-url", BASE_PATH, "--no-search", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("warning: no site_url (site.toml) or DIGEST_SITE_URL: pages are built without "
                             "canonical links, og:url, og:image and sitemap.xml\n")
    dist = tmp_path / "dist"
    for path, html in _pages(dist).items():
        assert FULL_URL_TAGS.findall(html) == [], path
    assert not (dist / "sitemap.xml").exists()
    assert (dist / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
