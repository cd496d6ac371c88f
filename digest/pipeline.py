"""`build()`: the whole site build as a checklist, top to bottom. Each step is one stage module."""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from digest.config import SiteConfig, load_config
from digest.content import load_content
from digest.model import build_site
from digest.output import write_site
from digest.render import render_site

SITE_URL_VARIABLE = "DIGEST_SITE_URL"  # the CI sets the origin here (see README, Deploying)


@dataclass(frozen=True)
class BuildResult:
    """What a build did: counts and per-stage seconds."""

    articles: int
    files: int
    changed: int
    timings: tuple[tuple[str, float], ...]


def build(
    cfg: SiteConfig,
    content: Path,
    out: Path,
    templates: Path = Path("templates"),
    drafts: bool = False,
    log: Callable[[str], None] = lambda _: None,
) -> BuildResult:
    """Build the site: load content → model → render → write (→ index, later)."""
    timings: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def done(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings.append((stage, now - clock))
        log(f"{stage}: {now - clock:.3f}s")
        clock = now

    # 1. Content: every article, validated; all errors at once.
    articles = load_content(content, drafts=drafts)
    done("load content")
    # 2. Model: URLs, bylines, summaries, archives, related articles.
    site = build_site(articles, cfg)
    done("model")
    # 3. Render: every page, feed and asset as (path, bytes), in memory.
    outputs = render_site(site, cfg, templates)
    done("render")
    # 4. Write: a sibling tree swapped into `out`; nothing written if a step above failed.
    changed = write_site(outputs, out)
    done("write")
    # 5. SEARCH INDEX GOES HERE: e.g. `index_site(out, cfg)` from digest/search.py (Pagefind), after
    #    the write so it sees the finished dist/. Not part of issue 3.
    return BuildResult(len(articles), len(outputs), changed, tuple(timings))


def config_from_args(args: argparse.Namespace) -> SiteConfig:
    """The site config, with `--base-url` and the DIGEST_SITE_URL variable applied."""
    cfg = load_config(args.config, base_url=getattr(args, "base_url", None))
    origin = os.environ.get(SITE_URL_VARIABLE, "").strip().rstrip("/")
    if origin:
        parts = urlsplit(origin)
        cfg = replace(cfg, site_url=f"{parts.scheme}://{parts.netloc}")
    return cfg


def build_from_args(args: argparse.Namespace) -> int:
    """`python build.py build …`: build and print a one-line summary (or timings with --verbose)."""
    verbose = getattr(args, "verbose", False)
    quiet = getattr(args, "quiet", False)

    def log(line: str) -> None:
        if verbose:
            print(line, file=sys.stderr)

    cfg = config_from_args(args)
    result = build(cfg, Path(args.content), Path(args.out), Path(args.templates), args.drafts, log)
    if not quiet:
        print(f"built {result.files} files ({result.changed} changed) from {result.articles} articles "
              f"into {args.out}")
    return 0
