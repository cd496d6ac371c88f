"""The benchmark corpus for three generators: bench/corpus.py's articles, with tags, as this project's content/,
as Hugo content and as Pelican content (the same text, dates, reporters and tags for each).

bench/corpus.py (shared with the search benchmark) writes no tags; tags here come from their own seeded
generator, so its output stays as it is. Everything is deterministic: a size always gives the same bytes.
"""
from __future__ import annotations

import random
import shutil
import sys
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


def _fresh(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def write_digest(found: list[BenchArticle], folder: Path) -> None:
    """This project's content/: YAML front matter in the schema of README.md."""
    _fresh(folder)
    for article in found:
        front = yaml.safe_dump(article.meta, allow_unicode=True, sort_keys=False, width=1000)
        _write(folder / article.path, f"---\n{front}---\n\n{article.body}")


def reporters(meta: dict) -> list[str]:
    """Everyone credited (reporters and correspondents): who gets a reporter page."""
    return list(dict.fromkeys([*meta["authors"], *meta["correspondents"]]))


def write_hugo(found: list[BenchArticle], folder: Path) -> None:
    """Hugo content/: the same body, with `reporters` and `tags` taxonomies and this project's URLs."""
    _fresh(folder)
    for article in found:
        meta = article.meta
        front = {
            "title": meta["title"],
            "date": meta["date"].isoformat(),
            "slug": meta["slug"],
            "url": f"/{meta['date']:%Y/%m/%d}/{meta['slug']}/",
            "reporters": reporters(meta),
            "tags": meta["tags"],
        }
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        _write(folder / "posts" / article.path, f"---\n{text}---\n\n{article.body}")


def write_pelican(found: list[BenchArticle], folder: Path) -> None:
    """Pelican content/: Markdown with Pelican's `Key: value` metadata lines."""
    _fresh(folder)
    for article in found:
        meta = article.meta
        lines = [
            f"Title: {meta['title']}",
            f"Date: {meta['date'].isoformat()}",
            f"Slug: {meta['slug']}",
            f"Authors: {', '.join(reporters(meta))}",
        ]
        if meta["tags"]:
            lines.append(f"Tags: {', '.join(meta['tags'])}")
        _write(folder / article.path, "\n".join(lines) + "\n\n" + article.body)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_all(count: int, root: Path) -> dict[str, Path]:
    """The three content folders for `count` articles under `root` (reused when already written)."""
    done = root / f"corpus-{count}.done"
    folders = {"digest": root / f"digest-{count}", "hugo": root / f"hugo-{count}", "pelican": root / f"pelican-{count}"}
    if not done.exists():
        found = articles(count)
        write_digest(found, folders["digest"])
        write_hugo(found, folders["hugo"])
        write_pelican(found, folders["pelican"])
        done.write_text("ok\n")
    return folders


def edit_paths(count: int, root: Path) -> dict[str, Path]:
    """The file of the same article (the newest) in each tool's content folder, and its page."""
    newest = max(p.relative_to(root / f"digest-{count}") for p in (root / f"digest-{count}").rglob("*.md"))
    return {
        "digest": root / f"digest-{count}" / newest,
        "hugo": root / f"hugo-{count}" / "posts" / newest,
        "pelican": root / f"pelican-{count}" / newest,
        "page": newest.parent / newest.stem / "index.html",
    }
