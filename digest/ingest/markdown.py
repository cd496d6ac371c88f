"""Parsed article → Markdown file text: YAML front matter that always parses, a body whose text stays text."""
from __future__ import annotations

import re

import yaml

from digest.ingest.model import ParsedArticle

FIELD_ORDER = (
    "title", "kicker", "subtitle", "date", "edition", "page", "page_name", "dateline", "authors", "correspondents",
    "photographers", "interns", "section", "order", "people", "topics", "tags", "captions", "slug", "source",
    "source_index", "draft",
)
# Only characters Python-Markdown knows how to backslash-escape: an escape it does not know stays visible.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}#])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^([>+\-]|\d+(?=\.[ \t]))")


def escape_markdown(text: str) -> str:
    """Escape `text` so that Markdown renders it literally (`*`, `_`, `[`, `#`, `<`, `&`, list markers)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    match = _LINE_START.match(text)
    if match:
        marker = match.group(1)
        text = marker + "\\" + text[len(marker):] if marker.isdigit() else "\\" + text
    return text


def front_matter(article: ParsedArticle, slug: str, source: str, index: int, section: str | None,
                 tags: tuple[str, ...], lists: dict[str, list[str]]) -> dict:
    """The front matter of an ingested article, in schema order; `lists` gives its `people` and `topics`."""
    credits = article.credits
    values = {
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "date": article.date,
        "edition": article.edition,
        "page": article.page,
        "page_name": article.page_name,
        "dateline": article.dateline,
        "authors": list(credits.authors),
        "correspondents": list(credits.correspondents),
        "photographers": list(credits.photographers),
        "interns": list(credits.interns),
        "section": section or article.page_name,  # a page's name is its section unless seeds.toml says
        "order": article.order,
        "people": list(lists["people"]),
        "topics": list(lists["topics"]),
        "tags": list(tags),
        "captions": list(article.captions),
        "slug": slug,
        "source": source,
        "source_index": index,
        "draft": False,
    }
    return {key: values[key] for key in FIELD_ORDER}


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes a value again where it repeats (`date` and `edition` are often the same day),
    never an anchor and alias (`&id001`, `*id001`) that a person editing the file would not understand."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump_front_matter(values: dict) -> str:
    """YAML for front matter: block style for the mapping, flow style for short lists, no line folding."""
    return yaml.dump(
        values, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000_000
    )


def body_markdown(article: ParsedArticle) -> str:
    """The article body: paragraphs and `##` subheadings, every character escaped to stay literal."""
    parts = []
    for paragraph in article.paragraphs:
        text = escape_markdown(paragraph.text)
        if paragraph.kind == "img":
            parts.append(f"![{text}]({paragraph.src})")
        else:
            parts.append(f"## {text}" if paragraph.kind == "h" else text)
    return "\n\n".join(parts) + "\n" if parts else ""


def article_file(values: dict, article: ParsedArticle) -> str:
    """A whole Markdown file: `---`, front matter, `---`, blank line, body."""
    return f"---\n{dump_front_matter(values)}---\n\n{body_markdown(article)}"

