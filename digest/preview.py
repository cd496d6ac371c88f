"""Serve's quick preview: when saved articles changed only in their text, the pages that show them are rendered
from the model of serve's last build and written into dist/ at once; the whole build follows a moment later
(digest/serve.py `Preview`) and makes dist/ exact. Rendered by the same code from the same inputs as a whole
build (tests compare the two byte for byte). Anything else (a new or removed file, a changed title, date,
name, tag, section, slug or draft flag, a file with an error, and an edit that changes the persons named or topics
the build works out for an article without those keys) gives None: only the whole build can say.
"""
from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import replace
from pathlib import Path

from digest.config import SiteConfig
from digest.content import read_article, shown_prefix
from digest.markup import SlugOf
from digest.model import Site, Story, with_story, with_text
from digest.output import Output
from digest.proposed import with_proposals
from digest.render import render_pages_showing
from digest.slugs import to_slug


def quick_outputs(site: Site, cfg: SiteConfig, content: Path, templates: Path, paths: Iterable[Path],
                  slug_of: SlugOf = to_slug, environments: MutableMapping | None = None,
                  proposals: MutableMapping | None = None) -> tuple[list[Output], Site] | None:
    """The files to rewrite at once after the articles at `paths` were saved, and the model with the edits;
    None when only a whole build can say. `proposals` is the build's store of worked-out persons and topics."""
    root = Path(content)
    prefix = shown_prefix(root)
    stories = {s.article.path[len(prefix):]: s for s in site.stories if s.article.path.startswith(prefix)}
    shown: list[tuple[Story, bool]] = []
    for path in sorted(paths):
        try:
            relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
            raw = Path(path).read_bytes()
        except (ValueError, OSError):
            return None
        story = stories.get(relative)
        if story is None or not relative.endswith(".md"):
            return None
        article, problems, _ = read_article(prefix + relative, raw)
        if article is None or problems:
            return None
        # Lists the build works out from the text are part of the comparison: when the edit changes them, the
        # pages of persons and topics change too, which only the whole build makes.
        [article] = with_proposals([article], proposals)
        if replace(article, body=story.article.body) != story.article:
            return None
        if story.photo or "![" in article.body:
            return None  # photos are processed by the whole build (digest/photos.py)
        new = with_text(story, article, cfg, slug_of)
        site = with_story(site, story, new)
        stories[relative] = new
        shown.append((new, new.summary != story.summary))
    if not shown:
        return None
    return render_pages_showing(site, cfg, templates, shown, environments), site
