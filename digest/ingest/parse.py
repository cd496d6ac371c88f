"""One seed's text → parsed articles with dates resolved, plus furniture, joins and warnings."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from digest.ingest.assemble import assemble
from digest.ingest.bylines import Credits, parse_byline
from digest.ingest.datelines import split_dateline
from digest.ingest.dates import PartialDate, first_date, infer_year
from digest.ingest.dates import resolve as resolve_date
from digest.ingest.furniture import page_header_date
from digest.ingest.model import Block, Furniture, Heading, Join, Paragraph, ParsedArticle, RawArticle
from digest.ingest.paragraphs import build_body
from digest.ingest.text import widen_punctuation
from digest.ingest.tokens import tokenize


@dataclass(frozen=True)
class SeedOptions:
    """Per-seed settings from `seeds/seeds.toml`: the issue date or year when the text gives none."""

    date: dt.date | None = None
    year: int | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()


@dataclass
class ParsedSeed:
    """Everything ingest learnt from one seed."""

    articles: list[ParsedArticle] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    issue_date: dt.date | None = None
    year: int | None = None
    year_source: str | None = None


def _lead_and_dateline(paragraphs: list[Paragraph]) -> tuple[str | None, str | None, list[Paragraph]]:
    """Take the dateline (and a byline in its parenthesis) off the first paragraph."""
    if not paragraphs or paragraphs[0].kind != "p":
        return None, None, paragraphs
    first = paragraphs[0]
    dateline, byline, rest = split_dateline(first.text)
    if dateline is None:
        return None, None, paragraphs
    remaining = [Paragraph("p", rest, first.line)] if rest else []
    return dateline, byline, [*remaining, *paragraphs[1:]]


def _article_date(dateline: str | None, paragraphs: list[Paragraph]) -> PartialDate | None:
    texts = [dateline or "", *[p.text for p in paragraphs if p.kind == "p"][:2]]
    for text in texts:
        found = first_date(text)
        if found:
            return found
    return None


def parse_article(raw: RawArticle) -> tuple[ParsedArticle, list[Furniture], list[Join]]:
    """Turn one raw article into a parsed one (dates not yet resolved)."""
    body = build_body(raw)
    dateline, byline, paragraphs = _lead_and_dateline(body.paragraphs)
    bylines = list(body.bylines)
    credits = body.credits
    if byline:
        # The dateline's byline comes first in the text, so its people come first in each role.
        bylines.insert(0, byline)
        credits = Credits()
        parse_byline(byline, credits)
        for role in ("authors", "correspondents", "photographers", "interns"):
            for name in getattr(body.credits, role):
                credits.add(role, name)
    article = ParsedArticle(
        title=widen_punctuation(raw.title),
        line=raw.line,
        kicker=widen_punctuation(raw.kicker) if raw.kicker else None,
        subtitle=widen_punctuation(raw.subtitle) if raw.subtitle else None,
        paragraphs=paragraphs,
        dateline=dateline,
        credits=credits,
        bylines=bylines,
        captions=body.captions,
        partial_date=_article_date(dateline, paragraphs),
    )
    return article, body.furniture, body.joins


def _orphan_furniture(orphans: list) -> list[Furniture]:
    """Text before the first title cannot be placed in an article: keep it in the report."""
    kept = []
    for token in orphans:
        if isinstance(token, Heading):
            kept.append(Furniture("orphan", token.text, token.line))
        elif isinstance(token, Block):
            kept.extend(Furniture("orphan", text, number) for number, text in token.lines)
    return kept


def _issue_date(seed: ParsedSeed, options: SeedOptions) -> None:
    headers = [page_header_date(f.text) for f in seed.furniture if f.kind == "header"]
    header = next((d for d in headers if d), None)
    if options.date:
        seed.issue_date, seed.year, seed.year_source = options.date, options.date.year, "seeds.toml date"
    elif options.year:
        seed.year, seed.year_source = options.year, "seeds.toml year"
    elif header:
        seed.issue_date, seed.year, seed.year_source = header, header.year, "page header"


def _infer_year(seed: ParsedSeed, text: str) -> None:
    full = [a.partial_date for a in seed.articles if a.partial_date and a.partial_date.year]
    if full:
        seed.year = max(p.year for p in full)
        seed.year_source = "a full date in the text"
        return
    guess = infer_year(text)
    if guess:
        seed.year, seed.year_source = guess.year, guess.source


def _resolve_dates(seed: ParsedSeed) -> None:
    months = {a.partial_date.month for a in seed.articles if a.partial_date}
    rollover = bool(months) and min(months) <= 2 and max(months) >= 11
    for article in seed.articles:
        if article.partial_date:
            article.date = resolve_date(article.partial_date, seed.issue_date, seed.year, rollover)
        elif seed.issue_date:
            article.date = seed.issue_date
        if article.date is None:
            seed.warnings.append((article.line, f"no date for «{article.title}»: left empty"))


def parse_seed(text: str, options: SeedOptions = SeedOptions()) -> ParsedSeed:
    """Parse a seed's decoded text into articles with resolved dates."""
    tokens, furniture = tokenize(text)
    raws, orphans = assemble(tokens)
    seed = ParsedSeed(furniture=furniture + _orphan_furniture(orphans))
    if orphans:
        seed.warnings.append((seed.furniture[-1].line, "text before the first title kept in the report only"))
    if not raws:
        seed.warnings.append((None, "no article titles found (`#` or `##` headings)"))
    for raw in raws:
        article, extra_furniture, joins = parse_article(raw)
        seed.articles.append(article)
        seed.furniture.extend(extra_furniture)
        seed.joins.extend(joins)
        if not article.paragraphs:
            seed.warnings.append((article.line, f"«{article.title}» has no body text"))
    _issue_date(seed, options)
    if seed.year is None:
        _infer_year(seed, text)
    _resolve_dates(seed)
    seed.furniture.sort(key=lambda f: f.line)
    return seed
