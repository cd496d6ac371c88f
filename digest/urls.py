"""The one place that turns a site path into a URL: every link, asset, feed and canonical goes here."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    """URLs of a site served under `base` (`/` or `/news-digest/`) at `origin` (may be empty)."""

    base: str = "/"
    origin: str = ""

    def url_for(self, path: str = "") -> str:
        """Site path (`""`, `2021/01/`, `feed.xml`, `x/#h`) → absolute-path URL under the base path."""
        if "://" in path or path.startswith("//"):
            raise ValueError(f"url_for takes a site path, not a URL: {path!r}")
        return self.base + path.lstrip("/")

    def absolute(self, path: str = "") -> str:
        """Full URL (origin + base path) for canonical links, feeds and the sitemap.

        Without a configured origin this is the absolute-path URL: still correct for the site
        itself, and the README says to set `site_url` for feeds and the sitemap.
        """
        return self.origin + self.url_for(path)


def output_path(path: str) -> str:
    """Site path → file in dist/: `2021/01/` → `2021/01/index.html`, `feed.xml` stays."""
    path = path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path
