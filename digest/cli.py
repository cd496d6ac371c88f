"""Command line: `python build.py [ingest|build|serve|check|new]`; errors become one line and exit 1."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from digest.errors import DigestError


def _add_ingest_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of page dumps (seeds/)")
    parser.add_argument("--content", type=Path, default=Path("content"), help="Markdown output (content/)")
    parser.add_argument("--force", action="store_true", help="regenerate files a person has edited")
    parser.add_argument("--report", type=Path, help="also write the ingest report as JSON to FILE")


def _add_build_args(parser: argparse.ArgumentParser, with_content: bool = True) -> None:
    if with_content:
        parser.add_argument("--content", type=Path, default=Path("content"), help="articles (content/)")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="output folder (dist/)")
    parser.add_argument("--config", type=Path, default=Path("site/site.toml"), help="site configuration")
    parser.add_argument("--templates", type=Path, default=Path("templates"), help="Jinja templates")
    parser.add_argument("--base-url", help="base path the site is served under, e.g. /news-digest/")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    parser.add_argument("--verbose", action="store_true",
                        help="list each seed and article ingested, and print timings per stage")
    parser.add_argument("--no-search", action="store_true", help="skip the search index (e.g. for benchmarks)")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="build.py", description="Build the news digest site.")
    sub = parser.add_subparsers(dest="command")
    ingest = sub.add_parser("ingest", help="split seeds/*.txt into content/**/*.md")
    _add_ingest_args(ingest)
    ingest.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    ingest.add_argument("--verbose", action="store_true", help="list each seed and article and its file")
    ingest.add_argument("--accept", type=Path, action="append", default=[], metavar="PATH",
                        help="adopt the hand edit of the article file PATH as ingest's new baseline (repeatable)")
    build = sub.add_parser("build", help="render content/ into dist/")
    _add_build_args(build)
    full = sub.add_parser("all", help="ingest, then build (what `python build.py` runs)")
    _add_ingest_args(full)
    _add_build_args(full, with_content=False)
    check = sub.add_parser("check", help="verify a built site: links, anchors, feeds, sitemap, valid HTML")
    check.add_argument("--out", type=Path, default=Path("dist"), help="the built site (dist/)")
    check.add_argument("--config", type=Path, default=Path("site/site.toml"), help="site configuration")
    check.add_argument("--base-url", help="base path the site is served under, e.g. /news-digest/")
    check.add_argument("--no-html", action="store_true", help="skip the Nu Html Checker")
    serve = sub.add_parser("serve", help="build, serve dist/ and rebuild on change")
    _add_ingest_args(serve)
    _add_build_args(serve, with_content=False)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    new = sub.add_parser("new", help="write a hand-written article with every key, and print its path")
    new.add_argument("title", help="the headline (主题)")
    new.add_argument("--date", help="YYYY-MM-DD, or none for an undated article (default: today in site.toml's "
                                    "timezone)")
    new.add_argument("--section", help="the section, e.g. 要闻")
    new.add_argument("--content", type=Path, default=Path("content"), help="articles (content/)")
    new.add_argument("--config", type=Path, default=Path("site/site.toml"), help="site configuration (its timezone)")
    return parser


def _ingest_and_report(args: argparse.Namespace) -> int:
    """Run the ingest stage and print its report; returns the number of seeds skipped."""
    from digest.ingest import ingest
    from digest.ingest.report import print_report, write_report_json

    report = ingest(args.seeds, args.content, force=args.force, accept=getattr(args, "accept", ()))
    print_report(report, quiet=args.quiet, verbose=getattr(args, "verbose", False))
    if args.report:
        write_report_json(report, args.report)
    return len(report.errors)


def run_ingest(args: argparse.Namespace) -> int:
    """Run the ingest stage and print its report; 1 when a seed was skipped."""
    return 1 if _ingest_and_report(args) else 0


def run_build(args: argparse.Namespace) -> int:
    """Run the site build (render, write, index)."""
    from digest.lock import exclusive
    from digest.pipeline import build_from_args

    with exclusive(args.out):
        return build_from_args(args)


def run_check(args: argparse.Namespace) -> int:
    """Check a built site; print each problem on a line and exit 1 if there is any."""
    from digest.check import check_site, html_checker_missing
    from digest.pipeline import config_from_args

    if not (args.out / "index.html").is_file():
        raise DigestError(f"{args.out}: no built site here (run `python build.py build` first)")
    cfg = config_from_args(args)
    result = check_site(args.out, cfg.base_url, cfg.site_url, html=not args.no_html)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    missing = "skipped: --no-html" if args.no_html else html_checker_missing()
    html = "valid HTML" if result.html_checked else f"HTML not validated ({missing})"
    verdict = f"{len(result.problems)} problems" if result.problems else "OK"
    print(f"checked {result.pages} pages and {result.links} links under {cfg.base_url}, {html}: {verdict}")
    return 1 if result.problems else 0


def run_new(args: argparse.Namespace) -> int:
    """Write a new article's file and print its path (and, to stderr, the date it chose)."""
    from digest.config import load_config
    from digest.scaffold import new_article, parse_day, today

    if args.date is None:
        cfg = load_config(args.config)
        day = today(cfg)
        print(f"date: {day} (today in {cfg.timezone}; --date changes it)", file=sys.stderr)
    else:
        day = parse_day(args.date)
    print(new_article(args.content, args.title, day, args.section))
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Run the live-preview server."""
    from digest.serve import serve_from_args

    return serve_from_args(args)


# The folders each command reads; `all` and `serve` make content/ themselves (ingest writes it).
_READS = {"ingest": ("seeds",), "build": ("content", "templates"), "all": ("seeds", "templates"),
          "serve": ("seeds", "templates")}


def require_folders(args: argparse.Namespace) -> None:
    """Stop with one line, before anything is written, when a folder the command reads is missing."""
    for name in _READS.get(args.command, ()):
        folder = getattr(args, name)
        if not folder.is_dir():
            raise DigestError(f"{folder}/: no such folder")


def dispatch(args: argparse.Namespace) -> int:
    """Run the chosen subcommand; `all` ingests then builds."""
    require_folders(args)
    if args.command == "ingest":
        return run_ingest(args)
    if args.command == "build":
        return run_build(args)
    if args.command == "serve":
        return run_serve(args)
    if args.command == "check":
        return run_check(args)
    if args.command == "new":
        return run_new(args)
    return run_all(args)


def run_all(args: argparse.Namespace) -> int:
    """Ingest, then build even when a bad seed was skipped (the day's paper still goes out); exit 1 if one was.

    The skipped seed was reported by ingest; the last line repeats it, so a CI log cannot hide it.
    """
    skipped = _ingest_and_report(args)
    status = run_build(args)
    if skipped:
        seeds = "1 seed was skipped (see above); the site was built without it" if skipped == 1 else \
            f"{skipped} seeds were skipped (see above); the site was built without them"
        print(f"error: {seeds}", file=sys.stderr)
        return 1
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse arguments, run, and turn a DigestError into one line and exit 1."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["all", *argv]
    args = make_parser().parse_args(argv)
    try:
        return dispatch(args)
    except DigestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
