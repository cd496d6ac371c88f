"""Quick edits: when saved articles changed only in their text, the pages that show them are rendered from the
last build's model and written into dist/ at once (a few pages, not 20,000 keys).

Two users. `serve` holds the model of its last build in memory, writes the quick pages, and runs the whole build
right after (digest/serve.py, `Preview`) to make dist/ exact. `build`, in a new process, reads the model the last
whole build kept on disk (digest/snapshot.py) and writes only these files (`quick_build`), so they must be every
file the edit changes: each article page, each list page holding it when its summary changed, and each feed
holding it, rendered by the same code from the same inputs as a whole build renders them (tests compare the two
byte for byte). Anything this cannot vouch for (a new or removed file, a changed title, date, name, tag, section,
slug or draft flag, a file with an error, a changed template, asset or setting) returns None, and the whole
build runs as before.
"""
from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from digest import snapshot
from digest.cache import BuildCache, ContentFiles, code_version
from digest.config import SiteConfig
from digest.content import read_article, shown_prefix
from digest.errors import DigestError
from digest.model import Site, Story, with_story, with_text
from digest.render import Output, render_pages_showing
from digest.search import BUNDLE, bundles, record
from digest.urls import Urls

QUICK_LIMIT = 20  # edited files beyond which a build runs whole (each one costs its pages; the whole build is 20 s)


class _InMemory:
    """A model held in memory (serve's last build), edited by making a new Site."""

    def __init__(self, site: Site, prefix: str):
        self.site, self._prefix = site, prefix
        self._stories = {s.article.path[len(prefix):]: s for s in site.stories if s.article.path.startswith(prefix)}

    def story_of(self, name: str) -> Story | None:
        return self._stories.get(name)

    def replace(self, old: Story, new: Story) -> None:
        self.site = with_story(self.site, old, new)
        self._stories[old.article.path[len(self._prefix):]] = new


def quick_outputs(site: Site | snapshot.Model, cfg: SiteConfig, content: Path, templates: Path,
                  paths: Iterable[Path], compiled: Path | None = None) -> tuple[list[Output], Site] | None:
    """The files to rewrite at once after the articles at `paths` were saved, and the model with the edits
    (a Model from disk is edited in place); None when only a whole build can say. `compiled`: see render.py."""
    root = Path(content)
    prefix = shown_prefix(root)
    model = _InMemory(site, prefix) if isinstance(site, Site) else site
    shown: list[tuple[Story, bool]] = []
    for path in sorted(paths):
        try:
            relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
            raw = Path(path).read_bytes()
        except (ValueError, OSError):
            return None
        story = model.story_of(relative)
        if story is None or not relative.endswith(".md"):
            return None
        article, problems, _ = read_article(prefix + relative, raw)
        if article is None or problems or replace(article, body=story.article.body) != story.article:
            return None
        new = with_text(story, article, cfg)
        model.replace(story, new)
        shown.append((new, new.summary != story.summary))
    return (render_pages_showing(model.site, cfg, templates, shown, compiled), model.site) if shown else None


def quick_build(cfg: SiteConfig, content: Path, out: Path, templates: Path, cache: BuildCache, base: str,
                files: ContentFiles, inputs: str, search: bool = False) \
        -> tuple[object, list[str], int] | None:
    """`build` after an edit of articles' text alone, from the model the last whole build kept: their files
    are written into dist/ in place. Returns (the build's summary, files written, files rendered), or None
    when the whole build must run (no model of the build in dist/, other inputs changed, not only text).

    `base` and `files` are cache.input_parts of this build, `inputs` its input key. With `search`, the search
    shards holding the edited articles are indexed again (about 500 articles each), the others stay.
    """
    state, folder = cache.output, cache.folder
    if state is None or folder is None:
        return None
    model = snapshot.load(folder / "model", code_version())
    if model is None or model.head.base != base:
        return None
    edited = files.edited(model.head.files)
    if not edited or len(edited) > QUICK_LIMIT:
        return None
    summary = state.folders_hold(out, model.head.inputs)
    if summary is None:  # dist/ is not (or no longer) the build the model is of
        return None
    try:
        found = quick_outputs(model, cfg, content, templates, [Path(content) / name for name in edited],
                              folder / "templates")
    except (OSError, EOFError, pickle.UnpicklingError, DigestError):
        return None  # a damaged model, or an error: the whole build says what it is
    if found is None:
        return None
    outputs, removed = found[0], []
    if search:
        assert state.live is not None  # folders_hold found it
        index, removed = _index_showing(model, cfg, {model.head.numbers[name] for name in edited}, state.live.files)
        outputs = outputs + index
    snapshot.discard(folder / "model")  # no model while dist/ changes: a crash leaves the next build whole
    written = state.rewrite(outputs, out, inputs, removed)
    if search:  # a shard's new bundle may hold another number of files
        assert state.live is not None
        summary = (summary[0], len(state.live.files))  # type: ignore[index]
        state.remember(inputs, summary)
    model.save(inputs, files)
    cache.save(memos=False)
    return summary, written, len(outputs)


def _index_showing(model: snapshot.Model, cfg: SiteConfig, numbers: set[int],
                   present: Iterable[str]) -> tuple[list[Output], list[str]]:
    """The search bundles of the shards holding stories `numbers`, made again (as a whole build makes each
    shard: on its own), and the files of their old bundles that the new ones do not have. The manifest does
    not change: a shard's dates and count are those of its stories, and their dates did not change."""
    urls = Urls(cfg.base_url, cfg.site_url)
    changed = [(name, members) for name, members in model.head.search if numbers.intersection(members)]
    made = bundles([(name, [record(model.story(n), urls) for n in members]) for name, members in changed])
    outputs = [Output(f"{BUNDLE}{name}/{path}", data)
               for name in sorted(made) for path, data in sorted(made[name].items())]
    kept = {output.path for output in outputs}
    folders = tuple(f"{BUNDLE}{name}/" for name, _ in changed)
    return outputs, sorted(path for path in present if path.startswith(folders) and path not in kept)
