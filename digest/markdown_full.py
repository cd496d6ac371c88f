"""Python-Markdown for article bodies outside the fast path's subset (digest/markup.py): text is data."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from digest.slugs import to_slug, unique_slug

SlugOf = Callable[[str], str]  # text → slug (digest/slugs.py)

# Ids the templates use themselves; a heading never takes one of them.
RESERVED_IDS = frozenset({"main", "top", "toc", "captions", "related", "pager", "content", "article", "skip"})


@dataclass(frozen=True)
class Heading:
    """A subheading of an article: level (2–6), its text and its anchor id."""

    level: int
    text: str
    id: str

# Line breaks between wide characters are column breaks of the source, not spaces (the fast path has none).
_WIDE = r"\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’…—·"
_BROKEN_LINE = re.compile(rf"(?<=[{_WIDE}])[ \t]*\n[ \t]*(?=[{_WIDE}])")
_SAFE_SCHEMES = {"http", "https", "mailto"}


class _StrictHashHeader(HashHeaderProcessor):
    """`## 小标题` is a heading only with a space after the hashes, so `#话题#` stays text."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})[ \t]+(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class _Finish(Treeprocessor):
    """Join lines broken between Han characters, demote h1, give headings ids, defuse links."""

    def __init__(self, md: markdown.Markdown, base: str, slug_of: SlugOf):
        super().__init__(md)
        self.base, self.slug_of = base, slug_of
        self.headings: list[Heading] = []

    def run(self, root: etree.Element) -> None:
        """Walk the finished tree once."""
        taken = set(RESERVED_IDS)
        self.headings = []
        for element in root.iter():
            if element.text:
                element.text = _BROKEN_LINE.sub("", element.text)
            if element.tail:
                element.tail = _BROKEN_LINE.sub("", element.tail)
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                level = max(2, int(element.tag[1]))
                element.tag = f"h{level}"
                text = "".join(element.itertext()).strip()
                anchor = unique_slug(self.slug_of(text), taken)
                taken.add(anchor)
                element.set("id", anchor)
                self.headings.append(Heading(level, text, anchor))
            elif element.tag == "a":
                href = site_href(element.get("href", ""), self.base)
                if href is None:
                    del element.attrib["href"]
                    element.tag = "span"
                else:
                    element.set("href", href)
            elif element.tag == "img":
                # A photo of the site: a placeholder that digest/photos.py replaces once the file is processed.
                # A picture elsewhere (`https:`, `javascript:`, `//host`) is never loaded: its alt text stays.
                src, alt = element.get("src", ""), element.get("alt", "")
                element.attrib.clear()
                element.text = alt
                if urlsplit(src).scheme or src.startswith(("//", "\\")):
                    element.tag = "span"
                else:
                    element.tag = "figure"
                    element.set("data-photo", src)


def site_href(href: str, base: str) -> str | None:
    """The href a link in an article keeps, or None to make it plain text.

    `/2021/01/15/slug/` gets the base path; `#anchor` and `page/` stay; links with a safe scheme (http, https,
    mailto) stay; anything else goes: `javascript:`, `data:`, `//host`, backslashes, and any `..` segment,
    because a page's depth is not the writer's to know and `..` could climb out of the base path.
    """
    if "\\" in href:
        return None  # browsers read `\` as `/`: `\\host` is another site
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return href if parts.scheme.lower() in _SAFE_SCHEMES else None
    if ".." in parts.path.split("/"):
        return None
    return base + href.lstrip("/") if href.startswith("/") else href


class _TextIsData(Extension):
    """Python-Markdown without raw HTML, code (fenced, indented, inline) or setext headings."""

    def __init__(self, base: str, slug_of: SlugOf):
        super().__init__()
        self.base, self.slug_of = base, slug_of
        self.finish: _Finish | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Remove what lets HTML or code through; add the finishing tree pass."""
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("backtick")
        md.parser.blockprocessors.deregister("code")
        md.parser.blockprocessors.deregister("setextheader")
        md.parser.blockprocessors.register(_StrictHashHeader(md.parser), "hashheader", 70)
        self.finish = _Finish(md, self.base, self.slug_of)
        md.treeprocessors.register(self.finish, "digest_finish", -10)


def markdown_html(text: str, base: str = "/", slug_of: SlugOf = to_slug) -> tuple[str, tuple[Heading, ...]]:
    """Python-Markdown with the `_TextIsData` extension (the reference the subset in markup.py is tested against).

    An engine is made for each text: only texts outside markup.py's subset come here, and they are few."""
    extension = _TextIsData(base, slug_of)
    html = markdown.Markdown(extensions=[extension], output_format="html").convert(text)
    assert extension.finish is not None
    return html, tuple(extension.finish.headings)
