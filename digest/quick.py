"""Serve's quick preview of an edit: when saved articles changed only in their text, the pages that show them
are rendered from the last build's model and written into dist/ at once (a few pages, not 20,000 keys).

The whole build runs right after (digest/serve.py, `Preview`): it is what makes dist/ exact, so this step only
has to be right for the pages it writes, which it is by rendering them with the same code from the same
inputs. Anything it cannot vouch for (a new or removed file, a changed title, date, name, tag, section, slug or
draft flag, a file with an error) returns None, and the whole build runs alone as before.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from digest.config import SiteConfig
from digest.content import read_article
from digest.model import Site, Story, with_story, with_text
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
        new = with_text(story, article, cfg)
        site = with_story(site, story, new)
        stories[prefix + relative] = new
        shown.append((new, new.summary != story.summary))
    return (render_pages_showing(site, cfg, templates, shown), site) if shown else None
