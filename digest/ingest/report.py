"""The ingest report: articles written, joins made, furniture removed, warnings; printed and as JSON."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class ArticleReport:
    """One article of a seed and what ingest did with its file."""

    index: int
    title: str
    path: str
    slug: str
    status: str
    date: str | None
    bylines: list[str]
    # Where each fact came from: the date and its year, the dateline, every credit, an untitled article's title.
    date_source: str | None = None
    dateline: str | None = None
    credits: list[dict] = field(default_factory=list)
    title_from_text: bool = False
    edition: str | None = None
    page: str | None = None
    page_name: str | None = None
    page_source: str | None = None
    order: int | None = None


@dataclass
class SeedReport:
    """What ingest found in one seed."""

    source: str
    error: str | None = None
    issue_date: str | None = None
    year: int | None = None
    year_source: str | None = None
    edition_source: str | None = None
    articles: list[ArticleReport] = field(default_factory=list)
    joins: list[dict] = field(default_factory=list)
    furniture: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    """The report of one ingest run."""

    seeds: list[SeedReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """One line per seed that could not be ingested."""
        return [seed.error for seed in self.seeds if seed.error]

    def to_json(self) -> str:
        """The report as deterministic JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def print_report(report: IngestReport, quiet: bool = False, out=None, err=None) -> None:
    """Print a summary line per seed, one per article, then warnings and errors."""
    out = out or sys.stdout
    err = err or sys.stderr
    for seed in report.seeds:
        if seed.error:
            continue
        if not quiet:
            year = f"year {seed.year} ({seed.year_source})" if seed.year else "year unknown"
            print(
                f"{seed.source}: {len(seed.articles)} articles, {len(seed.joins)} joins, "
                f"{len(seed.furniture)} furniture lines removed, {year}",
                file=out,
            )
            for article in seed.articles:
                print(f"  {article.index:>3} {article.status:<9} {article.path}  {article.title}", file=out)
        for warning in seed.warnings:
            print(f"warning: {warning}", file=err)
    for warning in report.warnings:
        print(f"warning: {warning}", file=err)
    for error in report.errors:
        print(f"error: {error}", file=err)


def write_report_json(report: IngestReport, path: Path) -> None:
    """Write the report as JSON to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.to_json(), encoding="utf-8")
