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
from digest.urls import output_path

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
    index_fresh: bool = True  # False when `index_may_lag` kept the last bundle of a changed shard
    changed_pages: int = 0  # HTML pages among the changed files
    site: Site | None = field(default=None, repr=False, compare=False)  # the model, when this build made one


@dataclass(frozen=True)
class BuildRequest:
    """What to build: the settings, the articles, where the site goes, its templates, and what it includes.

    `index_may_lag` (serve): search shards whose articles changed keep their last bundle, so an edit shows at
    once; the result's `index_fresh` says whether a second build must bring the index up to date.
    """

    cfg: SiteConfig
    content: Path
    out: Path
    templates: Path = Path("templates")
    drafts: bool = False
    search: bool = True
    index_may_lag: bool = False


def build(request: BuildRequest, session: BuildSession | None = None, progress: Progress | None = None) \
        -> BuildResult:
    """Build the site: nothing changed? → load → Markdown → model → render and index → write → remember.

    `session` holds what the builds before this one left to reuse (default: the store beside the output, see
    digest/session.py); the output is the same with or without it.
    """
    r, session = request, session or BuildSession.beside(request.out)
    progress, clock = progress or Progress(enabled=False), _Clock()
    # 0. Nothing to do when the output holds, file for file, the site built from exactly these inputs.
    inputs = session.inputs(r.cfg, r.content, r.templates, (r.drafts, r.search), _content_files(r.content))
    if (summary := session.unchanged(r.out, inputs)) is not None:
        session.save_digests()
        return BuildResult(*summary, 0, clock.done("nothing changed"))
    # The stages, imported only now: a build with nothing to do needs none of them (0.15 s, a quarter of it).
    from digest import content, model, output, parallel, render, search

    # 1–2. Content and Markdown, with every slug they need. Slugs not in the store are read by pypinyin in a
    #      child process (55 MB), all at once; it ends with this block, as the model and pages need the memory.
    with session.slugs:
        articles = content.load_content(r.content, r.drafts, session.articles, session.slugs, session.files.known)
        clock.done("load content")
        session.slugs.make(model.slug_texts(articles))
        derived = model.derive_all(articles, r.cfg, session.derived, progress.mapper("markdown", parallel.imap),
                                   session.slugs)
        clock.done("markdown")
    # 3. Photos: each one processed once (kept in the session's photo store), placed in its article's HTML.
    from digest import photos

    derived, photo_files = photos.place_photos(articles, derived, r.content, r.cfg, session.photos)
    clock.done("photos")
    # 4. Model: URLs, bylines, archives, related articles. It keeps each story's HTML, not its Markdown.
    site = model.build_site(articles, r.cfg, derived, session.slugs)
    del articles  # that text can go (27 MB at 10k)
    clock.done("model")
    # 5. Pages, feeds and assets, then the search index, streamed into a tree beside the output that is swapped
    #    in whole: nothing in the output changes if a step fails.
    files: Iterable[output.Output] = render.render_outputs(site, r.cfg, r.templates,
                                                           progress.mapper("render", parallel.imap),
                                                           session.environments, session.qr_codes, r.search)
    index, fresh = search.index_outputs(site, r.cfg, stale=r.index_may_lag, memo=session.search,
                                        last=session.bundles, records=session.records,
                                        routes=session.routes) if r.search else ([], True)
    counted, changed = _Counter(progress.count("write", itertools.chain(files, photo_files, index))), []
    output.write_site(counted, r.out, changed, session.spare)
    clock.done("render and write")
    # 6. Remember what the output holds (a stale index is not the site these inputs make: then nothing).
    session.site = site
    sources = {output_path(story.path): story.article.path for story in site.stories}  # for `check`
    session.remember(r.out, inputs if fresh else "", (len(site.stories), counted.files), sources)
    session.save()
    pages = sum(path.endswith(".html") for path in changed)
    return BuildResult(len(site.stories), counted.files, len(changed), clock.done("save"), fresh, pages, site)


def _content_files(content: Path) -> list[str]:
    """The content files and the photos beside them, or none when the folder is missing (load_content then says
    so)."""
    from digest.content import content_files

    suffixes = (".md", ".jpg", ".jpeg", ".png", ".webp", ".gif")
    return content_files(content, suffixes) if Path(content).is_dir() else []


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
        request = BuildRequest(cfg, Path(args.content), Path(args.out), Path(args.templates), args.drafts,
                               not getattr(args, "no_search", False))
        result = build(request, progress=progress)
    if verbose:
        from digest import parallel

        for stage, seconds in result.timings:
            print(f"{stage}: {seconds:.3f}s", file=sys.stderr)
        print(f"jobs: {parallel.jobs()}", file=sys.stderr)
    if not quiet and not cfg.site_url:
        print(f"warning: no site_url ({args.config}) or {SITE_URL_VARIABLE}: pages are built without canonical "
              "links, og:url, og:image and sitemap.xml", file=sys.stderr)
    if not quiet:
        print(f"built {result.files} files ({result.changed} changed) from {result.articles} articles "
              f"into {args.out}")
    return 0
