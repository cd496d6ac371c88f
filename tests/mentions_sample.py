"""The labelled sample for `people()`: fixture seeds with every person they name marked, and the real seed."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from digest.ingest.decode import decode_seed
from digest.ingest.mentions import article_text
from digest.ingest.parse import parse_seed

ROOT = Path(__file__).resolve().parent.parent
MENTIONS = ROOT / "tests" / "fixtures" / "mentions"
SEED_FOLDERS = (MENTIONS / "seeds", ROOT / "tests" / "fixtures" / "real")


@dataclass(frozen=True)
class Labelled:
    """One article of the sample: its id (`seed#index`), text, byline credits and the people it names."""

    id: str
    title: str
    text: str
    credits: tuple[str, ...]
    names: tuple[str, ...]


def sample() -> list[Labelled]:
    """Every labelled article, as ingest parses it."""
    labels = json.loads((MENTIONS / "labels.json").read_text(encoding="utf-8"))
    articles = []
    for path in sorted(p for folder in SEED_FOLDERS for p in folder.glob("*.txt")):
        for index, article in enumerate(parse_seed(decode_seed(path), name=path.name).articles, start=1):
            key = f"{path.name}#{index}"
            text = article_text(article.title, article.kicker, article.subtitle,
                                [p.text for p in article.paragraphs], article.captions)
            credits = tuple(name for names in vars(article.credits).values() for name in names)
            articles.append(Labelled(key, article.title, text, credits, tuple(labels[key])))
    return articles


def precision_recall(found: dict[str, list[str]], articles: list[Labelled]) -> tuple[float, float]:
    """Micro precision and recall of the names found per article against the labels."""
    right = sum(len(set(found[a.id]) & set(a.names)) for a in articles)
    proposed = sum(len(set(found[a.id])) for a in articles)
    labelled = sum(len(set(a.names)) for a in articles)
    return (right / proposed if proposed else 1.0), (right / labelled if labelled else 1.0)
