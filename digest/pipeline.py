"""`build()`: the whole site build as a checklist, top to bottom. Each step is one stage module."""
from __future__ import annotations

import argparse
import functools
import gc
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from digest import stamps
from digest.cache import BuildCache, ContentFiles, code_version, combined_key, input_parts
from digest.config import SiteConfig, load_config
from digest.progress import Progress, interactive

if TYPE_CHECKING:
    from digest.model import Site
    from digest.render import Output

SITE_URL_VARIABLE = "DIGEST_SITE_URL"  # the CI sets the origin here (see README, Deploying)


@dataclass(frozen=True)
class BuildResult:
    """What a build did: counts and per-stage seconds."""

    articles: int
    files: int
    changed: int
    timings: tuple[tuple[str, float], ...]
    rendered: int = 0
    index_fresh: bool = True  # False when `stale_index` kept the last bundle of a changed shard
    changed_pages: int = 0  # HTML pages among the changed files
    site: Site | None = field(default=None, repr=False, compare=False)  # the model, when this build made one


def _young_collections_only(function: Callable) -> Callable:
    """`function` run without the garbage collector's automatic full passes (young objects are still collected).

    A full pass walks every object that has lived a while: at 10,000 articles the articles, their HTML and the
    model, and later each page's key and list item. A build made a dozen, half a second in all, and none
    found any garbage: what a build drops while it runs is acyclic or dies young. `build` collects
    once, on purpose, where pypinyin's tables have just been let go.
    """

    @functools.wraps(function)
    def without_full_passes(*args: object, **kwargs: object) -> object:
        thresholds = gc.get_threshold()
        gc.set_threshold(thresholds[0], thresholds[1], 1 << 30)  # the third counts young passes: never reached
        try:
            return function(*args, **kwargs)
        finally:
            gc.set_threshold(*thresholds)

    return without_full_passes


@_young_collections_only
def build(
    cfg: SiteConfig,
    content: Path,
    out: Path,
    templates: Path = Path("templates"),
    drafts: bool = False,
    log: Callable[[str], None] = lambda _: None,
    cache: BuildCache | bool | None = True,
    progress: Progress | None = None,
    search: bool = True,
    stale_index: bool = False,
    shortcut: bool = True,
    session: bool = False,
) -> BuildResult:
    """Build the site: load content → model → render and write (→ search index).

    The whole site is computed every time; `cache` (default: `.dist.cache/` beside `out`, see digest/cache.py;
    False: none) only saves recomputing pure results: parsed front matter, Markdown, and pages whose key
    (a hash of exactly what the page shows) dist/ already holds. The output is the same either way.
    With `stale_index` (serve), shards whose articles changed keep their last search bundle, so the edit shows
    at once; `index_fresh` in the result says whether a second build is needed to bring the index up to date.
    `shortcut=False` makes the model even when dist/ already holds the site (serve keeps it for quick edits);
    `session=True` (serve) keeps in memory what the next build in this process will want again.
    """
    timings: list[tuple[str, float]] = []
    clock = time.perf_counter()
    progress = progress or Progress(enabled=False)
    if cache is True:
        cache = BuildCache.beside(out)
    elif cache is False or cache is None:
        cache = BuildCache(None)

    def done(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings.append((stage, now - clock))
        log(f"{stage}: {now - clock:.3f}s")
        clock = now

    # 0. Nothing to do when dist/ holds the site built from exactly these inputs (code, config, content,
    #    templates, assets), file for file: the whole site is a pure function of them.
    state = cache.output
    base, files = input_parts(cfg, Path(content), Path(templates), cfg.assets_dir, drafts, search) if state \
        else ("", ContentFiles("", b""))
    inputs = combined_key(base, files) if state else ""
    known = state.built_from(out, inputs) if state is not None and shortcut else None
    if known is not None:
        stamps.drop_kept()  # what input_parts kept for load_content: no load follows
        done("inputs unchanged")
        articles_count, files_count = known  # type: ignore[misc]
        return BuildResult(articles_count, files_count, 0, tuple(timings), 0)
    # The stages, imported only now: a build with nothing to do needs none of them (they were a sixth of its time).
    from digest import parallel, snapshot
    from digest.content import load_content, shown_prefix
    from digest.model import build_site, derive_all, named
    from digest.output import write_site
    from digest.render import render_outputs
    from digest.search import index_outputs, shards
    from digest.slugs import keep_slugs_in, release_pinyin, to_slug

    keep_slugs_in(cache.slugs)  # heading ids and names: pypinyin is loaded only for text it has not seen
    # 0b. Articles whose text alone changed: their files, from the model the last whole build kept (digest/quick.py).
    #     Not in serve, which keeps its model in memory.
    if state is not None and shortcut and not session:
        from digest.quick import quick_build

        quick = quick_build(cfg, Path(content), out, Path(templates), cache, base, files, inputs, search)
        if quick is not None:
            stamps.drop_kept()
            done("quick edit")
            (articles_count, files_count), written, rendered = quick  # type: ignore[misc]
            pages = sum(path.endswith(".html") for path in written)
            return BuildResult(articles_count, files_count, len(written), tuple(timings), rendered, True, pages)
    # 1. Content: every article, validated; all errors at once.
    articles = load_content(content, drafts=drafts, memo=cache.content, remember=session)
    done("load content")
    # 2. Markdown → HTML, summaries: per article, memoised by its text; new ones on every core (digest/parallel.py).
    derived = derive_all(articles, cfg, cache.derived, mapper=progress.mapper("markdown", parallel.imap))
    done("markdown")
    # 3. Model: URLs, bylines, archives, related articles.
    if not session:
        # The Markdown is HTML now: let the text go (27 MB at 10,000 articles; serve keeps it for the next edit).
        articles = [replace(article, body="") for article in articles]
        for name in sorted(named(articles)):
            to_slug(name)
        release_pinyin()  # every slug is made: the rest needs the memory more (serve keeps it for the next edit)
    # The one full collection of the build (see `_young_collections_only`): pypinyin's released tables are
    # modules, held in cycles, so only a collection lets them go.
    gc.collect()
    site = build_site(articles, cfg, derived, memo=cache.related)
    done("model")
    # 4. Render and write: every page, feed and asset, streamed into a tree that is swapped into `out`; a page
    #    whose key dist/ holds is not rendered again. Nothing in `out` changes if a step fails.
    reuse = state.reuse_in(out) if state is not None else None
    outputs = render_outputs(site, cfg, templates, reuse, code_version(),
                             mapper=progress.mapper("render", parallel.imap),
                             compiled=cache.folder / "templates" if cache.folder is not None else None)
    # 4b. Search: the Pagefind index (digest/search.py) as more outputs, so it lands in the temporary tree
    #     and is swapped in with the pages; a failed index leaves dist/ as it was.
    fresh = True
    if search:
        index, fresh = index_outputs(site, cfg, stale=stale_index, memo=cache.bundles)
        outputs = itertools.chain(outputs, index)
    counted = _Counter(progress.count("write", outputs))
    changed = write_site(counted, out, state)
    done("render and write")
    if state is not None:
        # A stale index is not the site these inputs make: remember none, so the next build runs in full.
        state.remember(inputs if fresh else "", (len(articles), counted.files))
    cache.save()
    if state is not None and cache.folder is not None and not session and fresh:
        # The model, for a quick build of the next edit (digest/snapshot.py).
        layout = [(shard.name, shard.stories) for shard in shards(site.stories)] if search else []
        snapshot.save(cache.folder / "model", site, code_version(), inputs, base, files,
                      shown_prefix(content), (len(articles), counted.files), layout)
    done("save cache")
    pages = sum(path.endswith(".html") for path in state.changed) if state is not None else changed
    return BuildResult(len(articles), counted.files, changed, tuple(timings), counted.rendered, fresh, pages, site)


class _Counter:
    """Passes outputs through, counting them and those that were rendered rather than reused."""

    def __init__(self, outputs: Iterable[Output]):
        self._outputs = outputs
        self.files = self.rendered = 0

    def __iter__(self) -> Iterator[Output]:
        for output in self._outputs:
            self.files += 1
            self.rendered += output.data is not None
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

    def log(line: str) -> None:
        if verbose:
            print(line, file=sys.stderr)

    cfg = config_from_args(args)
    with Progress(enabled=interactive(quiet)) as progress:
        result = build(cfg, Path(args.content), Path(args.out), Path(args.templates), args.drafts, log,
                       progress=progress, search=not getattr(args, "no_search", False))
    if verbose:
        from digest import parallel

        print(f"rendered {result.rendered} of {result.files} files; jobs: {parallel.jobs()}", file=sys.stderr)
    if not quiet:
        print(f"built {result.files} files ({result.changed} changed) from {result.articles} articles "
              f"into {args.out}")
    return 0
