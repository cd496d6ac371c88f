"""Coverage-guided fuzzing (atheris) of ingest: decode → parse → Markdown → YAML front matter round trip.

Run: `python tests/fuzz/fuzz_ingest.py -max_total_time=60` (libFuzzer flags). Any exception other
than a SourceError for undecodable input, or front matter that does not parse back, is a crash.
"""
from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import yaml

    from digest.errors import SourceError
    from digest.ingest.decode import decode_data
    from digest.ingest.markdown import article_file, front_matter
    from digest.ingest.parse import parse_seed

NAME = Path("fuzz.txt")


def check_one(data: bytes) -> None:
    """Ingest one input in memory and check that every file it would write parses back."""
    try:
        text = decode_data(data, NAME)
    except SourceError as error:
        assert str(error).startswith("fuzz.txt") and "\n" not in str(error)
        return
    seed = parse_seed(text)
    for index, article in enumerate(seed.articles, start=1):
        values = front_matter(article, f"slug-{index}", NAME.name, index, None, ())
        document = article_file(values, article)
        head = document[4:].split("\n---\n", 1)[0]
        loaded = yaml.safe_load(head)
        assert loaded["title"] == article.title, (loaded["title"], article.title)
        assert loaded["authors"] == article.credits.authors


def main() -> None:
    """Fuzz until libFuzzer's limits (-runs, -max_total_time) stop it."""
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
