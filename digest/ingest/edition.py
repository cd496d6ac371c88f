"""The edition of each article: the issue date, the page (版) as printed, its name, and the order on the page.

A dump holds one or more pages, each opened by its header (`第02版：要闻`, `2021年3月8日 星期一`). An article
belongs to the page whose label last came before its title (an article above every label belongs to the
first). Where the headers are silent, `seeds.toml`, then the seed's file name (`2021-01-16_A03.txt`,
`20210116-02.txt`), then the latest date of the dump's articles (marked inferred) say the rest.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.ingest.dates import make_date
from digest.ingest.furniture import page_header_date, page_label
from digest.ingest.model import Furniture, Join, ParsedArticle
from digest.ingest.text import ends_sentence, join_fragments

# `2021-01-16_A03.txt`, `20210116-02.txt`, `2021_01_16.txt`: the issue date, maybe followed by the page.
FILE_NAME_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)(?:[-_ ]+(?:第)?([A-Za-z]?\d{1,3})(?:版)?(?![\dA-Za-z]))?"
)


@dataclass(frozen=True)
class PageHeader:
    """Where a page of the dump starts: its label and name as printed."""

    line: int
    label: str
    name: str | None


@dataclass(frozen=True)
class EditionDefaults:
    """What `seeds.toml` and the file name say about the edition, for pages whose headers are silent."""

    date: dt.date | None = None
    page: str | None = None
    page_name: str | None = None
    date_source: str | None = None
    page_source: str | None = None


def from_file_name(name: str) -> tuple[dt.date | None, str | None]:
    """The issue date and page a seed's file name gives (`20210116-02.txt` → 2021-01-16, `02`)."""
    match = FILE_NAME_RE.search(name.rsplit(".", 1)[0])
    if not match:
        return None, None
    day = make_date(*(int(g) for g in match.groups()[:3]))
    return (day, match.group(4).upper() if match.group(4) else None) if day else (None, None)


def page_headers(furniture: list[Furniture]) -> list[PageHeader]:
    """The page labels of a dump's headers, in the order they stand."""
    found = []
    for item in sorted(furniture, key=lambda f: f.line):
        label = page_label(item.text) if item.kind == "header" else None
        if label:
            found.append(PageHeader(item.line, *label))
    return found


@dataclass(frozen=True)
class DatedHeader:
    """A page header that gives the issue date (`2021年3月8日 星期一`)."""

    line: int
    date: dt.date
    text: str


def dated_headers(furniture: list[Furniture]) -> list[DatedHeader]:
    """The dated page headers of a dump, in the order they stand."""
    return [DatedHeader(f.line, day, f.text) for f in sorted(furniture, key=lambda f: f.line)
            if f.kind == "header" and (day := page_header_date(f.text)) is not None]


def _last_before(headers: list, line: int):
    """The last header that stands before `line`, else the first one (an article above every header)."""
    before = [header for header in headers if header.line < line]
    return before[-1] if before else (headers[0] if headers else None)


def assign(articles: list[ParsedArticle], furniture: list[Furniture], defaults: EditionDefaults) -> str | None:
    """Set each article's edition, page, page name and order; return how the edition date was found."""
    labels = page_headers(furniture)
    dates = dated_headers(furniture)
    inferred = max((a.date for a in articles if a.date), default=None)
    source = None
    for article in articles:
        header = _last_before(labels, article.line)
        dated = _last_before(dates, article.line)
        if dated:
            article.edition, source = dated.date, f"page header «{dated.text}» on line {dated.line}"
        elif defaults.date:
            article.edition, source = defaults.date, defaults.date_source
        elif inferred:
            article.edition, source = inferred, "inferred: the latest date of the dump's articles"
        article.page = header.label if header else defaults.page
        article.page_name = (header.name if header else None) or defaults.page_name
        article.page_source = f"page header on line {header.line}" if header else defaults.page_source
    _number_pages(articles)
    return source


def _number_pages(articles: list[ParsedArticle]) -> None:
    """Each article's place on its page, in the order printed: 1 is the page's lead."""
    seen: dict[tuple, int] = {}
    for article in articles:
        key = (article.edition, article.page)
        seen[key] = seen.get(key, 0) + 1
        article.order = seen[key]


def _title_key(title: str) -> str:
    return re.sub(r"[\s\u3000]+", "", title)


def join_jumps(articles: list[ParsedArticle], jumps: dict[int, tuple[bool, bool]],
               furniture: list[Furniture], joins: list[Join]) -> list[ParsedArticle]:
    """Join a story jumped across pages: `(下转第3版)` … the title repeated … `(上接第2版)` becomes one article.

    `jumps` says, by article line, whether the article was continued elsewhere (下转) and whether it continues
    one (上接). The repeated title goes to the furniture, so that the report still holds it.
    """
    kept: list[ParsedArticle] = []
    waiting: dict[str, ParsedArticle] = {}
    for article in articles:
        continued, continues = jumps.get(article.line, (False, False))
        start = waiting.pop(_title_key(article.title), None) if continues else None
        if start is None:
            kept.append(article)
            if continued:
                waiting[_title_key(article.title)] = article
            continue
        furniture.append(Furniture("jump title", article.title, article.line))
        _append_jump(start, article, joins)
        if continued:
            waiting[_title_key(start.title)] = start
    return kept


def _append_jump(start: ParsedArticle, rest: ParsedArticle, joins: list[Join]) -> None:
    paragraphs = list(rest.paragraphs)
    last = start.paragraphs[-1] if start.paragraphs else None
    if last and paragraphs and last.kind == paragraphs[0].kind == "p" and not ends_sentence(last.text):
        joins.append(Join(last.line, paragraphs[0].line, last.text[-8:], paragraphs[0].text[:8]))
        start.paragraphs[-1] = type(last)("p", join_fragments(last.text, paragraphs[0].text), last.line)
        paragraphs = paragraphs[1:]
    start.paragraphs.extend(paragraphs)
    start.bylines.extend(rest.bylines)
    start.captions.extend(rest.captions)
    start.photo_credits.extend(rest.photo_credits)
    for role in ("authors", "correspondents", "photographers", "interns"):
        for name in getattr(rest.credits, role):
            start.credits.add(role, name)
