"""Serve's quick preview of an edit: when saved articles changed only in their text, the pages that show them
are rendered from the last build's model and written into dist/ at once (a few pages, not 20,000 keys).

The whole build runs right after (digest/serve.py, `Preview`): it is what makes dist/ exact, so this step only
has to be right for the pages it writes, which it is by rendering them with the same code from the same
inputs. Anything it cannot vouch for (a new or removed file, a changed title, date, name, tag, section, slug or
draft flag, a file with an error) returns None, and the whole build runs alone as before.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from digest.config import SiteConfig
from digest.content import read_article
from digest.model import Site, Story, derive, reading_minutes, with_story
from digest.output import safe_path
from digest.render import Output, render_pages_showing


def quick_outputs(site: Site, cfg: SiteConfig, content: Path, templates: Path,
                  paths: Iterable[Path]) -> tuple[list[Output], Site] | None:
    """The pages to rewrite at once after the articles at `paths` were saved, and the model with the edits;
    None when only a build can say."""
    root = Path(content)
    prefix = str(root / "x")[:-1]  # paths as load_content shows them
    stories = {story.article.path: story for story in site.stories}
    shown: list[tuple[Story, bool]] = []
    for path in sorted(paths):
        try:
            relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
            raw = Path(path).read_bytes()
        except (ValueError, OSError):
            return None
        story = stories.get(prefix + relative)
        if story is None or not relative.endswith(".md"):
            return None
        article, problems, _ = read_article(prefix + relative, raw)
        if article is None or problems or replace(article, body=story.article.body) != story.article:
            return None
        new = _edited(story, article, cfg)
        site = with_story(site, story, new)
        stories[prefix + relative] = new
        shown.append((new, new.summary != story.summary))
    return (render_pages_showing(site, cfg, templates, shown), site) if shown else None


def _edited(story: Story, article, cfg: SiteConfig) -> Story:
    """`story` with a new text: what `derive` gives changes; links, bylines and paths stay (see model._story)."""
    derived = derive(article, cfg)
    return replace(story, article=article, body_html=derived.body_html, headings=derived.headings,
                   summary=derived.summary, chars=derived.chars,
                   minutes=reading_minutes(derived.chars, cfg.chars_per_minute), fingerprint="")


def write_in_place(outputs: Iterable[Output], dist: Path) -> None:
    """Replace each output's file in dist/ atomically (a reader sees the old page or the new one)."""
    for output in outputs:
        assert output.data is not None
        target = str(safe_path(Path(dist), output.path))
        temporary = target + ".digest-tmp"
        try:
            with open(temporary, "wb") as handle:
                handle.write(output.data)
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
