"""What ingest proposes for editors to correct: an article's `people` and `topics`, and the fingerprint of what
they were read from, so that an unchanged article is not read again (the record keeps both)."""
from __future__ import annotations

import hashlib

from digest.ingest.mentions import article_text, mentions
from digest.ingest.model import ParsedArticle

# Part of every fingerprint: change it when the rules of digest/ingest/mentions.py or topics.py change, so that
# every article is read again under the new rules.
RULES = "people-topics 1"


def _input(article: ParsedArticle) -> tuple[str, list[str]]:
    """The text the proposals are read from, and the people its bylines credit."""
    credits = article.credits
    text = article_text(article.title, article.kicker, article.subtitle,
                        [paragraph.text for paragraph in article.paragraphs], article.captions)
    return text, [*credits.authors, *credits.correspondents, *credits.photographers, *credits.interns]


def fingerprint(article: ParsedArticle) -> str:
    """SHA-256 of the rules, the credits and the text of `article`: the same for the same proposals."""
    text, credited = _input(article)
    return hashlib.sha256("\n".join([RULES, "、".join(credited), text]).encode("utf-8")).hexdigest()


def propose(article: ParsedArticle) -> dict[str, list[str]]:
    """`people` (persons the text names, credits left out) and `topics` (3–6 subject words) of `article`."""
    text, credited = _input(article)
    people, topics = mentions(text, article.title, credited)
    return {"people": people, "topics": topics}
