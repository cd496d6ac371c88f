"""Markdown → HTML for article bodies: text is data (no raw HTML), headings get stable pinyin ids."""
from __future__ import annotations

import re

from digest.markdown_full import RESERVED_IDS, Heading, SlugOf, markdown_html
from digest.slugs import to_slug, unique_slug

__all__ = ["Heading", "SlugOf", "heading_texts", "to_html"]

# The fast path: the Markdown subset ingest writes (one-line paragraphs, `#`–`######` headings, backslash
# escapes, `&lt;`/`&amp;` entities), rendered exactly as Python-Markdown renders it with the extension in
# digest/markdown_full.py.
# Anything outside the subset returns None and goes through Python-Markdown; tests/unit/test_markup_fast.py
# checks with hypothesis that both agree byte for byte wherever the fast path answers.
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_ACTIVE = r"&>#*_\[\]<`"  # what the inline rules act on, besides a backslash escape
_TOKEN = re.compile(rf"\\(.)|[{_ACTIVE}]")
_TOKEN_START = re.compile(rf"[\\{_ACTIVE}]")  # a class alone is scanned three times faster than _TOKEN
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.IGNORECASE)
_BLOCK_START = re.compile(r"[>+\-]|\d+\. ")
_HASHES = re.compile(r"(#{1,6}) (?=\S)")
_BLANK_LINES = re.compile(r"\n{2,}")
_HEADING_LINE = re.compile(r"^#{1,6} (?=\S)(.*)$", re.MULTILINE)


def _fast_inline(text: str, heading: bool) -> tuple[str, str] | None:
    """(HTML, plain text) of one line of text in the subset, or None when Python-Markdown must decide."""
    if _UNSAFE.search(text):
        return None
    if not _TOKEN_START.search(text):  # nine paragraphs in ten: nothing to escape or decide
        return text, text
    html: list[str] = []
    plain: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        if start > last:
            html.append(text[last:start])
            plain.append(text[last:start])
        last = match.end()
        token = match.group(0)
        if token == "&":
            if heading or text.startswith("\\", last):  # an entity in a heading, or `&\#…` that unescapes to one
                return None
            html.append("&" if _ENTITY_LIKE.match(text, start) else "&amp;")
            plain.append("&")
        elif token == ">":
            html.append("&gt;")
            plain.append(">")
        elif token[0] != "\\":  # `#`, emphasis, links, autolinks, code: Python-Markdown decides
            return None
        else:
            char = match.group(1)
            if char not in _ESCAPABLE:
                return None
            html.append("&gt;" if char == ">" else char)
            plain.append(char)
    if heading and text.endswith("\\", last):  # a lone backslash ends no heading: Python-Markdown decides
        return None
    html.append(text[last:])
    plain.append(text[last:])
    return "".join(html), "".join(plain)


def _fast_html(text: str, slug_of: SlugOf = to_slug) -> tuple[str, tuple[Heading, ...]] | None:
    """`to_html` for the subset ingest writes, or None for anything else."""
    if "\r" in text or "\t" in text or "\x02" in text or "\x03" in text:
        return None
    body = text.strip("\n")  # blank lines before, after and between blocks make no element
    if not body:
        return "", ()
    parts: list[str] = []
    headings: list[Heading] = []
    taken = set(RESERVED_IDS)
    # Blocks are split by blank lines; ingest writes exactly one between blocks, where str.split is the
    # regex's split without stepping through the text character by character.
    blocks = _BLANK_LINES.split(body) if "\n\n\n" in body else body.split("\n\n")
    for block in blocks:
        if "\n" in block or block[0].isspace() or block[-1].isspace():
            return None
        hashes = _HASHES.match(block)
        if hashes:
            inline = _fast_inline(block[hashes.end():], heading=True)
            if inline is None:
                return None
            inner, plain = inline
            level = max(2, len(hashes.group(1)))
            anchor = unique_slug(slug_of(plain), taken)
            taken.add(anchor)
            headings.append(Heading(level, plain, anchor))
            parts.append(f'<h{level} id="{anchor}">{inner}</h{level}>')
        else:
            if block[0] == "#" or _BLOCK_START.match(block):
                return None
            inline = _fast_inline(block, heading=False)
            if inline is None:
                return None
            parts.append(f"<p>{inline[0]}</p>")
    return "\n".join(parts), tuple(headings)


def to_html(text: str, base: str = "/", slug_of: SlugOf = to_slug) -> tuple[str, tuple[Heading, ...]]:
    """Article Markdown → (HTML, headings); `/x` links get the site's base path, headings ids from `slug_of`.

    The subset ingest writes is rendered here (`_fast_html`), anything else by Python-Markdown."""
    fast = _fast_html(text, slug_of)
    return fast if fast is not None else markdown_html(text, base, slug_of)


def heading_texts(text: str) -> list[str]:
    """The plain text of each heading line of `text` that the subset renders: what `to_html` makes ids of, so
    that a build can ask for all their slugs at once (a text outside the subset may ask for others)."""
    found = []
    for match in _HEADING_LINE.finditer(text):
        inline = _fast_inline(match.group(1).rstrip(), heading=True)
        if inline is not None:
            found.append(inline[1])
    return found
