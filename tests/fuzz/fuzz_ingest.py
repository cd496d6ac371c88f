"""Coverage-guided fuzzing (atheris) of ingest and of front-matter loading.

Each input is (1) a seed: decode → parse → people and topics → Markdown with YAML front matter, which must
parse back and load as content with no error (what ingest writes always builds); and (2) a content file as a
person might write it: it loads, or every problem is a one-line `fuzz.md:LINE: message`. Any other exception is
a crash.
Run: `python tests/fuzz/fuzz_ingest.py -max_total_time=60` (libFuzzer flags).
"""
from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import yaml

    from digest.content import read_article
    from digest.errors import SourceError
    from digest.ingest.decode import decode_data
    from digest.ingest.markdown import article_file, front_matter
    from digest.ingest.parse import parse_seed
    from digest.ingest.proposals import propose

NAME = Path("fuzz.txt")


def check_content(data: bytes) -> None:
    """Load one input as a hand-written content file: an Article, or one-line errors naming file and line."""
    article, problems, _ = read_article("fuzz.md", data)
    assert (article is None) == bool(problems)
    for problem in problems:
        text = str(problem)
        assert text.startswith("fuzz.md:") and "\n" not in text and problem.line, text


def check_one(data: bytes) -> None:
    """Ingest one input in memory (every file it would write parses back and loads), then load it as content."""
    check_content(data)
    try:
        text = decode_data(data, NAME)
    except SourceError as error:
        assert str(error).startswith("fuzz.txt") and "\n" not in str(error)
        return
    seed = parse_seed(text)
    for index, article in enumerate(seed.articles, start=1):
        proposed = propose(article)  # people and topics, read from the text as ingest reads them
        values = front_matter(article, f"slug-{index}", NAME.name, index, None, (), proposed)
        document = article_file(values, article)
        head = document[4:].split("\n---\n", 1)[0]
        loaded = yaml.safe_load(head)
        assert loaded["title"] == article.title, (loaded["title"], article.title)
        assert loaded["authors"] == article.credits.authors
        assert (loaded["people"], loaded["topics"]) == (proposed["people"], proposed["topics"])
        built, problems, _ = read_article("ingested.md", document.encode("utf-8"))
        assert built is not None and not problems, problems


def main() -> None:
    """Fuzz until libFuzzer's limits (-runs, -max_total_time) stop it."""
    atheris.Setup(sys.argv, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
