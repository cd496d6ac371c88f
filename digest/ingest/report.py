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

    @property
    def warning_lines(self) -> list[str]:
        """Every warning of the run: the seeds' in seed order, then the run's own."""
        return [warning for seed in self.seeds for warning in seed.warnings] + self.warnings

    def to_json(self) -> str:
        """The report as deterministic JSON."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary(report: IngestReport) -> str:
    """One line for the whole run: seeds read and skipped, what happened to the articles, warnings."""
    statuses = [article.status for seed in report.seeds for article in seed.articles]
    counts = {status: statuses.count(status) for status in ("created", "updated", "unchanged", "kept")}
    articles = f"{counts['created']} articles created, {counts['updated']} updated, {counts['unchanged']} " \
        f"unchanged, {counts['kept']} kept as edited by hand"
    extra = "".join(f", {statuses.count(s)} {s}" for s in ("forced", "accepted") if statuses.count(s))
    skipped = f" ({len(report.errors)} skipped)" if report.errors else ""
    return f"ingest: {_plural(len(report.seeds), 'seed')} read{skipped}; {articles}{extra}; " \
        f"{_plural(len(report.warning_lines), 'warning')}"


def _print_files(report: IngestReport, out) -> None:
    """The --verbose listing: a line per seed, then one per article and what happened to its file."""
    for seed in report.seeds:
        if seed.error:
            continue
        year = f"year {seed.year} ({seed.year_source})" if seed.year else "year unknown"
        print(f"{seed.source}: {len(seed.articles)} articles, {len(seed.joins)} joins, "
              f"{len(seed.furniture)} furniture lines removed, {year}", file=out)
        for article in seed.articles:
            print(f"  {article.index:>3} {article.status:<9} {article.path}  {article.title}", file=out)


def print_report(report: IngestReport, quiet: bool = False, out=None, err=None, verbose: bool = False) -> None:
    """Print the warnings and errors, then a summary line (not with `quiet`); `verbose` first lists each file.

    A bad seed is skipped, not fatal: its error line says so, and the caller exits non-zero.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    if verbose and not quiet:
        _print_files(report, out)
    for warning in report.warning_lines:
        print(f"warning: {warning}", file=err)
    for error in report.errors:
        print(f"error: {error}; skipped", file=err)
    if not quiet:
        print(summary(report), file=out)


def write_report_json(report: IngestReport, path: Path) -> None:
    """Write the report as JSON to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.to_json(), encoding="utf-8")
