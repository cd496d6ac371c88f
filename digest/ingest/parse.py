"""One seed's text → parsed articles with dates resolved, plus furniture, joins and warnings."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from digest.ingest.assemble import assemble
from digest.ingest.bylines import Credits, parse_byline
from digest.ingest.datelines import split_dateline
from digest.ingest.dates import PartialDate, day_only, first_date, infer_year
from digest.ingest.dates import resolve as resolve_date
from digest.ingest.edition import EditionDefaults, dated_headers, from_file_name, join_jumps
from digest.ingest.edition import assign as assign_editions
from digest.ingest.model import Block, Byline, Furniture, Heading, Join, Paragraph, ParsedArticle, RawArticle
from digest.ingest.paragraphs import build_body
from digest.ingest.text import widen_punctuation
from digest.ingest.tokens import tokenize

TITLE_FROM_TEXT_MAX = 30
LEAD_TIME_RE = re.compile(
    r"^(?:近日|日前|近期|目前|当前|今天|今日|昨天|昨日|本周|上周|(?:今年|去年)以来"
    r"|(?:今年|去年)?\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日)(?:上午|下午|中午|晚上|晚间|凌晨|早上|傍晚)?，"
)


@dataclass(frozen=True)
class SeedOptions:
    """Per-seed settings from `seeds/seeds.toml`: the issue date or year, page and section when the text lacks them."""

    date: dt.date | None = None
    year: int | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    page: str | None = None
    page_name: str | None = None


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
    year_guessed_on: int | None = None  # the line of the cue, when the year is a guess
    edition_source: str | None = None


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


def _article_date(dateline: str | None, dateline_line: int | None,
                  paragraphs: list[Paragraph]) -> tuple[PartialDate | None, str | None]:
    """The first date of the dateline or the first two paragraphs, and where it was found."""
    places = [("the dateline", dateline_line, dateline or "")]
    leads = [p for p in paragraphs if p.kind == "p"][:2]
    places += [(f"paragraph {n}", p.line, p.text) for n, p in enumerate(leads, start=1)]
    for where, line, text in places:
        found = first_date(text)
        if found:
            year = f"{found.year}年" if found.year else ""
            return found, f"«{year}{found.month}月{found.day}日» in {where} (line {line})"
    for where, line, text in places[:2]:
        found = day_only(text)
        if found:
            return found, f"«{found.day}日» in {where} (line {line}), a day of the issue's month"
    return None, None


def title_from_text(paragraphs: list[Paragraph]) -> str | None:
    """A title for an untitled article: its first sentence, cut at a comma near 30 characters."""
    text = next((p.text for p in paragraphs if p.kind == "p"), None)
    if not text:
        return None
    text = text.removeprefix("题：")  # a wire story's title line
    first = re.match(r".+?[。！？；]+[”’」』]*", text)  # the first sentence, with its closing quotes
    sentence = (first.group(0) if first else text).rstrip("。；")
    # A lead's time phrase (`近日，`, `1月5日上午，`) says when, not what: a title leaves it out.
    sentence = LEAD_TIME_RE.sub("", sentence, count=1) or sentence
    if len(sentence) <= TITLE_FROM_TEXT_MAX:
        return sentence
    comma = sentence.rfind("，", 0, TITLE_FROM_TEXT_MAX)
    return sentence[:comma] if comma >= 8 else sentence[:TITLE_FROM_TEXT_MAX] + "…"


def parse_article(raw: RawArticle) -> tuple[ParsedArticle, list[Furniture], list[Join]]:
    """Turn one raw article into a parsed one (dates not yet resolved)."""
    body = build_body(raw)
    lead_line = body.paragraphs[0].line if body.paragraphs else None
    dateline, byline, paragraphs = _lead_and_dateline(body.paragraphs)
    partial_date, date_cue = _article_date(dateline, lead_line, paragraphs)
    bylines = list(body.bylines)
    credits = body.credits
    if byline:
        # The dateline's byline comes first in the text, so its people come first in each role.
        bylines.insert(0, Byline(byline, lead_line, "the dateline's brackets"))
        credits = Credits()
        parse_byline(byline, credits)
        for role in ("authors", "correspondents", "photographers", "interns"):
            for name in getattr(body.credits, role):
                credits.add(role, name)
    title = widen_punctuation(raw.title) or title_from_text(paragraphs)
    article = ParsedArticle(
        title=title or "",
        title_from_text=not raw.title,
        line=raw.line,
        kicker=widen_punctuation(raw.kicker) if raw.kicker else None,
        subtitle=widen_punctuation(raw.subtitle) if raw.subtitle else None,
        paragraphs=paragraphs,
        dateline=dateline,
        credits=credits,
        bylines=bylines,
        captions=body.captions,
        photo_credits=body.photo_credits,
        partial_date=partial_date,
        date_cue=date_cue,
        dateline_line=lead_line if dateline else None,
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


def _edition_defaults(options: SeedOptions, name: str) -> EditionDefaults:
    """What seeds.toml, then the file name, say of the edition where the page headers are silent."""
    day, page = from_file_name(name)
    if options.date:
        day, date_source = options.date, "seeds.toml date"
    else:
        date_source = f"the file name {name}" if day else None
    page_source = "seeds.toml page" if options.page else (f"the file name {name}" if page else None)
    return EditionDefaults(day, options.page or page, options.page_name, date_source, page_source)


def _issue_date(seed: ParsedSeed, options: SeedOptions, defaults: EditionDefaults) -> None:
    """The issue date and year, from a page header, then seeds.toml, then the file name."""
    header = next(iter(dated_headers(seed.furniture)), None)
    if header:
        seed.issue_date = header.date
        seed.year_source = f"page header «{header.text}» on line {header.line}"
        if options.date and options.date != header.date:
            seed.warnings.append((header.line, f"the page header says {header.date}, seeds.toml says "
                                               f"{options.date}: the page header wins"))
    elif defaults.date:
        seed.issue_date, seed.year_source = defaults.date, defaults.date_source
    elif options.year:
        seed.year, seed.year_source = options.year, "seeds.toml year"
    if seed.issue_date:
        seed.year = seed.issue_date.year


def _infer_year(seed: ParsedSeed, text: str) -> None:
    full = [a for a in seed.articles if a.partial_date and a.partial_date.year]
    if full:
        latest = max(full, key=lambda a: a.partial_date.year)
        seed.year = latest.partial_date.year
        seed.year_source = f"full date {latest.date_cue}"
        return
    guess = infer_year(text)
    if guess:
        seed.year, seed.year_source, seed.year_guessed_on = guess.year, guess.source, guess.line


def _date_source(article: ParsedArticle, seed: ParsedSeed) -> str:
    """How an article's date was decided, in words for the report."""
    cue, partial = article.date_cue, article.partial_date
    if partial is None:
        return "no date in the text"
    if partial.year is not None:
        return f"{cue}, a full date"
    if partial.years_after_issue is not None and article.date:
        return f"{cue}, named relative to the issue year {seed.year} ({seed.year_source})"
    if partial.month is None and article.date is None:
        return f"{cue}, but no issue date to place it in"
    if seed.issue_date and article.date is None:
        return f"{cue}, but no such day within half a year of the issue date {seed.issue_date}"
    if seed.issue_date:
        return f"{cue}, in the year nearest the issue date {seed.issue_date} ({seed.year_source})"
    if seed.year is None:
        return f"{cue}, but no year: the text names none"
    if article.date and article.date.year != seed.year:
        return f"{cue}, in {article.date.year}: the page spans New Year, issue year {seed.year} ({seed.year_source})"
    return f"{cue}, issue year {seed.year} ({seed.year_source})"


def _resolve_dates(seed: ParsedSeed) -> None:
    months = {a.partial_date.month for a in seed.articles if a.partial_date and a.partial_date.month}
    rollover = bool(months) and min(months) <= 2 and max(months) >= 11
    for article in seed.articles:
        # An article whose text gives no date keeps none: the issue date is when it was printed, not what it
        # reports.
        if article.partial_date:
            article.date = resolve_date(article.partial_date, seed.issue_date, seed.year, rollover)
        article.date_source = _date_source(article, seed)
        if article.date is None:
            seed.warnings.append((article.line, f"no date for «{article.title}»: left empty"))


def _jumps(seed: ParsedSeed) -> dict[int, tuple[bool, bool]]:
    """For each article (by its line): is it continued on another page (下转), does it continue one (上接)?"""
    starts = [article.line for article in seed.articles]
    markers = [f for f in seed.furniture if f.kind == "continuation"]
    jumps = {}
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else float("inf")
        mine = [m.text for m in markers if start <= m.line < end]
        jumps[start] = (any("转" in m for m in mine), any("接" in m for m in mine))
    return jumps


def parse_seed(text: str, options: SeedOptions = SeedOptions(), name: str = "") -> ParsedSeed:
    """Parse a seed's decoded text (of the file `name`) into articles with resolved dates and editions."""
    tokens, furniture = tokenize(text)
    raws, orphans = assemble(tokens)
    seed = ParsedSeed(furniture=furniture + _orphan_furniture(orphans))
    if orphans:
        seed.warnings.append((seed.furniture[-1].line, "text before the first title kept in the report only"))
    if not raws:
        seed.warnings.append((None, "no article titles found (`#` or `##` headings)"))
    for raw in raws:
        article, extra_furniture, joins = parse_article(raw)
        seed.furniture.extend(extra_furniture)
        seed.joins.extend(joins)
        if not article.title:
            seed.warnings.append((article.line, "a heading with no text and no article under it: skipped"))
            continue
        seed.articles.append(article)
        if article.title_from_text:
            seed.warnings.append((article.line, f"untitled article: its title «{article.title}» is its first "
                                                "sentence; give it a better one in its file"))
        if not article.paragraphs:
            seed.warnings.append((article.line, f"«{article.title}» has no body text"))
    seed.articles = join_jumps(seed.articles, _jumps(seed), seed.furniture, seed.joins)
    defaults = _edition_defaults(options, name)
    _issue_date(seed, options, defaults)
    if seed.year is None:
        _infer_year(seed, text)
    _resolve_dates(seed)
    seed.edition_source = assign_editions(seed.articles, seed.furniture, defaults)
    seed.furniture.sort(key=lambda f: f.line)
    return seed
