"""Data passed between the ingest steps: tokens of a page, raw and parsed articles, furniture, joins."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from digest.ingest.bylines import Credits
from digest.ingest.dates import PartialDate


@dataclass(frozen=True)
class Heading:
    """A `#`, `##` or `###` line."""

    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank text lines: (line number, text) pairs."""

    lines: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Separator:
    """A separator line: it ends a paragraph."""

    line: int


Token = Heading | Block | Separator


@dataclass(frozen=True)
class Furniture:
    """Page text that is not article text, kept in the report so that nothing is lost."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class Byline:
    """A credit as printed (`记者 张三`, `李四 摄`), its line, and where in the article it stood."""

    text: str
    line: int
    where: str


@dataclass(frozen=True)
class Join:
    """Two fragments of a paragraph that extraction had split, joined again."""

    line: int
    next_line: int
    left: str
    right: str


@dataclass
class RawArticle:
    """An article's heading lines and its tokens, before paragraphs and bylines are worked out."""

    title: str
    line: int
    kicker: str | None = None
    subtitle: str | None = None
    tokens: list[Token] = field(default_factory=list)
    title_level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (`kind` "p"), a subheading ("h"), or a photo ("img": `text` is its caption, `src` its
    file in the seed's photo folder)."""

    kind: str
    text: str
    line: int
    src: str | None = None


@dataclass
class ParsedArticle:
    """One article as ingest understood it."""

    title: str
    line: int
    kicker: str | None
    subtitle: str | None
    paragraphs: list[Paragraph]
    dateline: str | None
    credits: Credits
    bylines: list[Byline]
    captions: list[str]
    partial_date: PartialDate | None
    date: dt.date | None = None
    date_cue: str | None = None  # the date as the text gives it, and where
    date_source: str | None = None  # how the date, and its year, were decided
    dateline_line: int | None = None
    photo_credits: list[Byline] = field(default_factory=list)  # the captions that credit a photographer
    # Where it was printed: the date, the page as printed (`A03`), its name (要闻), the place on the page.
    edition: dt.date | None = None
    page: str | None = None
    page_name: str | None = None
    page_source: str | None = None
    order: int | None = None
    title_from_text: bool = False  # an untitled article (`#  #`): the title is its first sentence
