"""People in the text: precision and recall of each design on the labelled sample, speed, install size.

    python bench/mentions_quality.py [--articles 10000]

The sample is tests/fixtures/mentions/ (108 fixture articles, every person marked) and the real seed. Designs:
  jieba POS          jieba 0.42's part-of-speech tags out of the box: every word tagged nr*;
  rjieba POS         the same dictionary and tags from the Rust port;
  thulac POS         THULAC's tags out of the box: every word tagged np (its model ships in the package);
  jieba + context    digest/ingest/mentions.py's rules on jieba's words;
  rjieba + context   the chosen design: digest/ingest/mentions.py as ingest runs it.
spacy-pkuseg installs, but it downloads its model on first use, which ingest may not do; LTP and HanLP fetch
their models on first use too. A library that is not installed is reported and skipped.
Speed: `people()` and `topics()` on the articles bench/corpus.py generates (text and credits as ingest gives them).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import logging
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate  # noqa: E402

from digest.ingest.mentions import Tokenizer, people, topics  # noqa: E402
from tests.mentions_sample import Labelled, precision_recall, sample  # noqa: E402

Finder = Callable[[str, tuple[str, ...]], list[str]]


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


class JiebaWords:
    """jieba's words and tags behind the Tokenizer interface of digest/ingest/mentions.py."""

    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(pair.word, pair.flag) for pair in self._jieba.posseg.cut(text)]

    def has_word(self, word: str) -> bool:
        return bool(self._jieba.get_FREQ(word))


def designs() -> dict[str, tuple[str, Finder | None]]:
    """Each design by name: the package it needs, and its finder (None when the package is not installed)."""
    found: dict[str, tuple[str, Finder | None]] = {}
    if importlib.util.find_spec("jieba"):
        words = JiebaWords()
        words.tag("预热")  # load the dictionary before timing
        found["jieba POS"] = ("jieba", lambda text, credits: _unique(
            [w for w, t in words.tag(text) if t.startswith("nr")]))
        found["jieba + context"] = ("jieba", lambda text, credits: people(text, credits, words))
    else:
        found["jieba POS"] = found["jieba + context"] = ("jieba", None)
    if importlib.util.find_spec("thulac"):
        import thulac

        with contextlib.redirect_stdout(io.StringIO()):  # it prints "Model loaded succeed"
            model = thulac.thulac()
        found["thulac POS"] = ("thulac", lambda text, credits: _unique(
            [w for w, t in model.cut(text) if t == "np"]))
    else:
        found["thulac POS"] = ("thulac", None)
    rust = Tokenizer()
    found["rjieba POS"] = ("rjieba", lambda text, credits: _unique(
        [w for w, t in rust.tag(text) if t.startswith("nr")]))
    found["rjieba + context"] = ("rjieba", lambda text, credits: people(text, credits))
    return found


def install_size(package: str) -> str:
    """The size of a package's folder in site-packages, as `du -sh` gives it."""
    spec = importlib.util.find_spec(package)
    folder = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else None
    if not folder:
        return "-"
    return subprocess.run(["du", "-sh", folder], capture_output=True, text=True, check=True).stdout.split()[0]


def corpus_texts(count: int) -> list[tuple[str, str, tuple[str, ...]]]:
    """(title, text, credits) of `count` generated articles."""
    import yaml

    texts = []
    for article in generate(count):
        _, front, body = article.text.split("---\n", 2)
        meta = yaml.safe_load(front)
        credits = tuple(meta.get("authors") or ()) + tuple(meta.get("photographers") or ())
        texts.append((meta["title"], f"{meta['title']}\n{body}", credits))
    return texts


def speed(finder: Finder, texts: list[tuple[str, str, tuple[str, ...]]], with_topics: bool) -> float:
    """Articles per second for `finder` (and topics, for the chosen design) over `texts`."""
    started = time.perf_counter()
    for title, text, credits in texts:
        finder(text, credits)
        if with_topics:
            topics(text, title)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to time (default 10000)")
    parser.add_argument("--slow-sample", type=int, default=300,
                        help="articles to time for a design slower than 200 a second (default 300), extrapolated")
    args = parser.parse_args()
    labelled: list[Labelled] = sample()
    names = sum(len(a.names) for a in labelled)
    print(f"sample: {len(labelled)} articles, {names} people named; speed: {args.articles} generated articles\n")
    texts = corpus_texts(args.articles)
    print("| design | precision | recall | articles/s | s for 10,000 | install |")
    print("|---|---|---|---|---|---|")
    for name, (package, finder) in designs().items():
        if finder is None:
            print(f"| {name} | not installed | | | | |")
            continue
        found = {a.id: finder(a.text, a.credits) for a in labelled}
        precision, recall = precision_recall(found, labelled)
        timed = texts if speed(finder, texts[:50], False) > 200 else texts[:args.slow_sample]
        rate = speed(finder, timed, name == "rjieba + context")
        note = "" if timed is texts else f" ({len(timed)} timed)"
        print(f"| {name} | {precision:.3f} | {recall:.3f} | {rate:,.0f}{note} | {10_000 / rate:.1f} "
              f"| {install_size(package)} |")


if __name__ == "__main__":
    main()
