"""The persons named and topics the build works out for an article whose front matter has no `people` or
`topics` key (a hand-written article): read from its text by the rules ingest uses (digest/ingest/mentions.py),
kept in the build's store by a hash of what they are read from, and never written back to the file.

A key that is present, even as an empty list, is the editor's word and is kept as it is.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import replace

from digest.content import Article

Lists = tuple[tuple[str, ...], tuple[str, ...]]  # persons named, topics

# Markdown's marks, so that the rules read the words a reader reads: an image is its caption, a link its text.
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"^ {0,3}(?:#{1,6} +|> ?|[-*+] +|\d+[.)] +)|[*_`]|<[^>\n]+>|\\(?=[\\`*_{}\[\]()#+\-.!|])",
                    re.M)


def _paragraphs(body: str) -> list[str]:
    """The body's paragraphs, headings and captions as plain text, one a line (blank lines part them)."""
    plain = _MARKS.sub("", _LINK.sub(r"\1", _IMAGE.sub(r"\n\n\1\n\n", body)))
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", plain) if block.strip()]


def _input(article: Article) -> tuple[str, list[str]]:
    """The text the lists are read from, and the names its byline credits (left out unless the text names them)."""
    # Imported here: importing the ingest package takes half a second, which a build never needs when every
    # article carries both keys or has its lists in the store.
    from digest.ingest.mentions import article_text

    text = article_text(article.title, article.kicker, article.subtitle, _paragraphs(article.body),
                        article.captions)
    return text, [*article.authors, *article.correspondents, *article.photographers, *article.interns]


def proposal_key(article: Article) -> bytes:
    """The store's key of an article's lists: a hash of what they are read from (title, kicker, subtitle, body,
    captions and credits). The rules need no place in it: the store is dropped whenever the code or rjieba's
    version changes (digest/store.py `code_version`), and so the ingest package is not imported to make it."""
    parts = (article.title, article.kicker or "", article.subtitle or "", article.body, "\x1f".join(article.captions),
             "\x1f".join((*article.authors, *article.correspondents, *article.photographers, *article.interns)))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).digest()


def propose(article: Article) -> Lists:
    """The persons `article`'s text names (credits left out) and its 3–6 topics (pure, slow: rjieba)."""
    from digest.ingest.mentions import mentions

    text, credited = _input(article)
    people, topics = mentions(text, article.title, credited)
    return tuple(people), tuple(topics)


def wants_lists(article: Article) -> bool:
    """True when the front matter lacks `people` or `topics`, so the build works them out."""
    return article.mentions is None or article.topics is None


def with_proposals(articles: Sequence[Article], memo: MutableMapping[bytes, Lists] | None = None,
                   mapper: Callable | None = None) -> list[Article]:
    """`articles`, each lacking `people` or `topics` given what `propose` finds; the others as they are.

    `memo` (the build's store) keeps the lists by `proposal_key`, so an unchanged text is not read again;
    `mapper(function, items)` may spread the reading over processes (digest/parallel.py), results in order.
    """
    memo = {} if memo is None else memo
    keys = {i: proposal_key(article) for i, article in enumerate(articles) if wants_lists(article)}
    missing = {key: articles[i] for i, key in keys.items() if key not in memo}
    if missing:
        results = (mapper or _serial_map)(propose, list(missing.values()))
        for key, lists in zip(missing, results, strict=True):
            memo[key] = lists
    found = list(articles)
    for i, key in keys.items():
        people, topics = memo[key]
        article = found[i]
        found[i] = replace(article, mentions=people if article.mentions is None else article.mentions,
                           topics=topics if article.topics is None else article.topics)
    return found


def _serial_map(function: Callable, items: Sequence) -> list:
    return [function(item) for item in items]
