"""Python-Markdown for article bodies outside the fast path's subset (digest/markup.py): text is data."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from digest.markup import _BROKEN_LINE, RESERVED_IDS, Heading, site_href
from digest.slugs import to_slug, unique_slug


class _StrictHashHeader(HashHeaderProcessor):
    """`## 小标题` is a heading only with a space after the hashes, so `#话题#` stays text."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})[ \t]+(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class _Finish(Treeprocessor):
    """Join lines broken between Han characters, demote h1, give headings ids, defuse links."""

    def __init__(self, md: markdown.Markdown, base: str):
        super().__init__(md)
        self.base = base
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
                anchor = unique_slug(to_slug(text), taken)
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
                # No images on this site: a picture's alt text is all the reader gets.
                alt = element.get("alt", "")
                element.attrib.clear()
                element.tag = "span"
                element.text = alt


class _TextIsData(Extension):
    """Python-Markdown without raw HTML, code (fenced, indented, inline) or setext headings."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base
        self.finish: _Finish | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Remove what lets HTML or code through; add the finishing tree pass."""
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("backtick")
        md.parser.blockprocessors.deregister("code")
        md.parser.blockprocessors.deregister("setextheader")
        md.parser.blockprocessors.register(_StrictHashHeader(md.parser), "hashheader", 70)
        self.finish = _Finish(md, self.base)
        md.treeprocessors.register(self.finish, "digest_finish", -10)


_ENGINES: dict[str, tuple[markdown.Markdown, _TextIsData]] = {}


def markdown_html(text: str, base: str = "/") -> tuple[str, tuple[Heading, ...]]:
    """Python-Markdown with the `_TextIsData` extension, never the fast path (the reference for tests)."""
    if base not in _ENGINES:
        extension = _TextIsData(base)
        _ENGINES[base] = (markdown.Markdown(extensions=[extension], output_format="html"), extension)
    engine, extension = _ENGINES[base]
    assert extension.finish is not None
    extension.finish.headings = []  # a blank text skips the tree passes: no headings left from the last one
    html = engine.reset().convert(text)
    return html, tuple(extension.finish.headings)
