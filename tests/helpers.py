"""Shared test helpers: run the CLI, read ingested Markdown files."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

from digest.ingest.text import han_chars

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
REAL_SEED = FIXTURES / "real" / "000_f71bc933e6fb3ad1.txt"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python build.py ARGS` and capture its output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd or ROOT, capture_output=True, text=True, timeout=300,
    )


def read_article(path: Path) -> tuple[dict, str]:
    """(front matter, body) of a Markdown article file."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body.removeprefix("\n")


def articles_in(content: Path) -> list[tuple[Path, dict, str]]:
    """Every article under `content`, sorted by (source, source_index)."""
    found = []
    for path in sorted(content.rglob("*.md")):
        meta, body = read_article(path)
        found.append((path, meta, body))
    return sorted(found, key=lambda item: (item[1].get("source", ""), item[1].get("source_index", 0)))


def han_placed(seed) -> Counter:
    """The Han characters of everything ingest kept: articles, their credits, and the furniture it removed.

    An untitled article's title repeats its first sentence, so it is not counted twice.
    """
    placed: Counter = Counter()
    for article in seed.articles:
        texts = [article.kicker, article.subtitle, article.dateline, *article.captions]
        texts += [p.text for p in article.paragraphs] + [b.text for b in article.bylines]
        if not article.title_from_text:
            texts.append(article.title)
        placed.update(ch for text in texts if text for ch in han_chars(text))
    placed.update(ch for furniture in seed.furniture for ch in han_chars(furniture.text))
    return placed
