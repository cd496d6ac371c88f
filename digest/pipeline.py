"""`build()`: the whole site build as a checklist, top to bottom. Each step is one stage module."""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from digest.config import SiteConfig, load_config
from digest.progress import Progress, interactive
from digest.session import BuildSession

if TYPE_CHECKING:
    from digest.model import Site
    from digest.output import Output

SITE_URL_VARIABLE = "DIGEST_SITE_URL"  # the CI sets the origin here (see README, Deploying)


@dataclass(frozen=True)
class BuildResult:
    """What a build did: counts and per-stage seconds."""

    articles: int
    files: int
    changed: int
    timings: tuple[tuple[str, float], ...]
    index_fresh: bool = True  # False when `stale_index` kept the last bundle of a changed shard
    changed_pages: int = 0  # HTML pages among the changed files
    site: Site | None = field(default=None, repr=False, compare=False)  # the model, when this build made one


def build(cfg: SiteConfig, content: Path, out: Path, templates: Path = Path("templates"), *, drafts: bool = False,
          search: bool = True, session: BuildSession | None = None, stale_index: bool = False,
          progress: Progress | None = None) -> BuildResult:
    """Build the site from `content` into `out`: load → Markdown → model → render → index → write.

    `session` holds what the builds before this one left to reuse (default: the store beside `out`, see
    digest/session.py); the output is the same with or without it. With `stale_index` (serve), search shards
    whose articles changed keep their last bundle, so an edit shows at once; the result's `index_fresh` says
    whether a second build is needed to bring the index up to date.
    """
    session = session or BuildSession.beside(out)
    progress = progress or Progress(enabled=False)
    clock = _Clock()
    # 0. Nothing to do when dist/ holds, file for file, the site built from exactly these inputs.
    inputs = session.inputs(cfg, content, templates, (drafts, search), _content_files(content))
    summary = session.unchanged(out, inputs)
    if summary is not None:
        session.save_digests()
        return BuildResult(*summary, 0, clock.done("nothing changed"))
    # The stages, imported only now: a build with nothing to do needs none of them (0.15 s, a quarter of it).
    from digest import parallel
    from digest.content import load_content
    from digest.model import build_site, derive_all, slug_texts
    from digest.output import write_site
    from digest.render import render_outputs
    from digest.search import index_outputs

    # 1–2. Content and Markdown, with every slug they need; slugs not in the store are read by pypinyin in a
    #      child process (55 MB), all at once, and it ends with this block: the model and pages need the memory.
    with session.slugs:
        # 1. Content: every article, validated; all errors at once.
        articles = load_content(content, drafts, session.articles, session.slugs, session.files.known)
        clock.done("load content")
        # 2. Markdown → HTML and summaries, memoised by each article's text; on every core if asked.
        session.slugs.make(slug_texts(articles))
        derived = derive_all(articles, cfg, session.derived, progress.mapper("markdown", parallel.imap),
                             session.slugs)
        clock.done("markdown")
    # 3. Model: URLs, bylines, archives, related articles.
    site = build_site(articles, cfg, derived, session.slugs)
    article_count = len(articles)
    del articles  # the model holds each story's HTML, not its Markdown: that text can go (27 MB at 10k)
    clock.done("model")
    # 4. Pages, feeds and assets, then the search index: streamed into a tree beside `out` that is swapped in
    #    whole, so nothing in `out` changes if a step fails.
    outputs: Iterable[Output] = render_outputs(site, cfg, templates, progress.mapper("render", parallel.imap),
                                               session.environments)
    fresh = True
    if search:
        index, fresh = index_outputs(site, cfg, stale=stale_index, memo=session.search, last=session.bundles)
        outputs = itertools.chain(outputs, index)
    counted = _Counter(progress.count("write", outputs))
    changed: list[str] = []
    write_site(counted, out, changed, session.spare)
    clock.done("render and write")
    # 5. Remember what `out` holds (a stale index is not the site these inputs make: then nothing).
    session.site = site
    session.remember(out, inputs if fresh else "", (article_count, counted.files))
    session.save()
    pages = sum(path.endswith(".html") for path in changed)
    return BuildResult(article_count, counted.files, len(changed), clock.done("save"), fresh, pages, site)


def _content_files(content: Path) -> list[str]:
    """The content files, or none when the folder is missing (load_content then says so)."""
    from digest.content import content_files

    return content_files(content) if Path(content).is_dir() else []


class _Clock:
    """Seconds per stage."""

    def __init__(self) -> None:
        self.start, self.timings = time.perf_counter(), []

    def done(self, stage: str) -> tuple[tuple[str, float], ...]:
        """Record that `stage` ended now; returns every stage so far."""
        now = time.perf_counter()
        self.timings.append((stage, now - self.start))
        self.start = now
        return tuple(self.timings)


class _Counter:
    """Passes outputs through, counting them."""

    def __init__(self, outputs: Iterable[Output]):
        self._outputs = outputs
        self.files = 0

    def __iter__(self) -> Iterator[Output]:
        for output in self._outputs:
            self.files += 1
            yield output


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

    cfg = config_from_args(args)
    with Progress(enabled=interactive(quiet)) as progress:
        result = build(cfg, Path(args.content), Path(args.out), Path(args.templates), drafts=args.drafts,
                       search=not getattr(args, "no_search", False), progress=progress)
    if verbose:
        from digest import parallel

        for stage, seconds in result.timings:
            print(f"{stage}: {seconds:.3f}s", file=sys.stderr)
        print(f"jobs: {parallel.jobs()}", file=sys.stderr)
    if not quiet:
        print(f"built {result.files} files ({result.changed} changed) from {result.articles} articles "
              f"into {args.out}")
    return 0
