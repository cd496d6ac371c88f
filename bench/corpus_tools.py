"""The benchmark corpus for three generators: bench/corpus.py's articles, with tags, as this project's content/,
as Hugo content and as Pelican content (the same text, dates, reporters and tags for each).

bench/corpus.py (shared with the search benchmark) writes no tags; tags here come from their own seeded
generator, so its output stays as it is. Everything is deterministic: a size always gives the same bytes.
"""
from __future__ import annotations

import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import NEWS_WORDS, SEED, generate  # bench/ is not a package: its folder is on sys.path

TAG_POOL = tuple(NEWS_WORDS[:40])


@dataclass(frozen=True)
class BenchArticle:
    """One article: its front matter (this project's schema), its Markdown body and its content/ path."""

    path: str
    meta: dict
    body: str


def articles(count: int, seed: int = SEED) -> list[BenchArticle]:
    """`count` generated articles with 0–3 tags each."""
    tags = random.Random(seed + 1)
    result = []
    for item in generate(count, seed):
        head, body = item.text[4:].split("\n---\n", 1)
        meta = yaml.safe_load(head)
        meta["tags"] = tags.sample(TAG_POOL, tags.choice((0, 1, 1, 2, 3)))
        result.append(BenchArticle(item.path, meta, body.lstrip("\n")))
    return result


# Bumped when a format's files change, so that an existing bench/.work/ writes that format again.
FORMATS = {"digest": 1, "hugo": 2, "pelican": 2}


def write_digest(found: list[BenchArticle], folder: Path) -> None:
    """This project's content/: YAML front matter in the schema of README.md."""
    for article in found:
        front = yaml.safe_dump(article.meta, allow_unicode=True, sort_keys=False, width=1000)
        _write(folder / article.path, f"---\n{front}---\n\n{article.body}")


def reporters(meta: dict) -> list[str]:
    """Everyone credited (reporters and correspondents): who gets a reporter page."""
    return list(dict.fromkeys([*meta["authors"], *meta["correspondents"]]))


def write_hugo(found: list[BenchArticle], folder: Path) -> None:
    """Hugo content/: the same body and this project's URLs, with taxonomies for what the digest groups by:
    reporters, tags, sections and (Hugo has no date archives) the issue's day, month and year."""
    for article in found:
        meta = article.meta
        day = meta["date"]
        front = {
            "title": meta["title"],
            "date": day.isoformat(),
            "slug": meta["slug"],
            "url": f"/{day:%Y/%m/%d}/{meta['slug']}/",
            "reporters": reporters(meta),
            "tags": meta["tags"],
            "sections": [meta["section"]] if meta["section"] else [],
            "issues": [f"{day:%Y-%m-%d}"],
            "months": [f"{day:%Y-%m}"],
            "years": [f"{day:%Y}"],
        }
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        _write(folder / "posts" / article.path, f"---\n{text}---\n\n{article.body}")


def write_pelican(found: list[BenchArticle], folder: Path) -> None:
    """Pelican content/: Markdown with Pelican's `Key: value` metadata lines; the section as its category."""
    for article in found:
        meta = article.meta
        lines = [
            f"Title: {meta['title']}",
            f"Date: {meta['date'].isoformat()}",
            f"Slug: {meta['slug']}",
            f"Authors: {', '.join(reporters(meta))}",
        ]
        if meta["section"]:
            lines.append(f"Category: {meta['section']}")
        if meta["tags"]:
            lines.append(f"Tags: {', '.join(meta['tags'])}")
        _write(folder / article.path, "\n".join(lines) + "\n\n" + article.body)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_all(count: int, root: Path, discard: Callable[[Path], None] = shutil.rmtree) -> dict[str, Path]:
    """The three content folders for `count` articles under `root`, each reused when written in its current
    format; `discard` takes an outdated one out of the way."""
    done = root / f"corpus-{count}.done"
    folders = {name: root / f"{name}-{count}" for name in FORMATS}
    written = _written(done)
    stale = [name for name in FORMATS if written.get(name) != FORMATS[name] or not folders[name].exists()]
    if stale:
        found = articles(count)
        writers = {"digest": write_digest, "hugo": write_hugo, "pelican": write_pelican}
        for name in stale:
            if folders[name].exists():
                discard(folders[name])
            folders[name].mkdir(parents=True)
            writers[name](found, folders[name])
        done.write_text(json.dumps(FORMATS, sort_keys=True) + "\n")
    return folders


def _written(done: Path) -> dict[str, int]:
    """The format of each folder as last written ("ok" was the first format of all three)."""
    if not done.exists():
        return {}
    text = done.read_text().strip()
    return dict.fromkeys(FORMATS, 1) if text == "ok" else json.loads(text)


def edit_paths(count: int, root: Path) -> dict[str, Path]:
    """The file of the same article (the newest) in each tool's content folder, and its page."""
    newest = max(p.relative_to(root / f"digest-{count}") for p in (root / f"digest-{count}").rglob("*.md"))
    return {
        "digest": root / f"digest-{count}" / newest,
        "hugo": root / f"hugo-{count}" / "posts" / newest,
        "pelican": root / f"pelican-{count}" / newest,
        "page": newest.parent / newest.stem / "index.html",
    }
