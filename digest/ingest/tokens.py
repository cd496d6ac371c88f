"""Seed text → tokens (headings, text blocks, separators), with page furniture set aside."""
from __future__ import annotations

import re

from digest.ingest.furniture import furniture_kind
from digest.ingest.model import Block, Furniture, Heading, Separator, Token
from digest.ingest.text import clean_line

# ATX headings need a space after the hashes: `#话题#` at a line start is a hashtag, not a heading.
HEADING_RE = re.compile(r"^(#{1,6})[ \t\u3000]+(.+?)(?:[ \t\u3000]+#+)?$")
# A title heading with no text (`#`, `##`, `#  #`, `## ##`) still starts an article, an untitled one.
# Three or more marks alone (`###`) stay a separator line.
EMPTY_TITLE_RE = re.compile(r"^(#{1,2})(?:[ \t\u3000]+#+)*[ \t\u3000]*$")


def tokenize(text: str) -> tuple[list[Token], list[Furniture]]:
    """Split a seed's text into tokens; furniture lines go to the second list, never lost."""
    tokens: list[Token] = []
    furniture: list[Furniture] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if block:
            tokens.append(Block(tuple(block)))
            block.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        line = clean_line(raw)
        heading = HEADING_RE.match(line)
        if not line:
            flush()
        elif empty := EMPTY_TITLE_RE.match(line):
            flush()
            tokens.append(Heading(len(empty.group(1)), "", number))
        elif heading and clean_line(heading.group(2)):
            flush()
            tokens.append(Heading(len(heading.group(1)), heading.group(2), number))
        elif (kind := furniture_kind(line)) is not None:
            furniture.append(Furniture(kind, line, number))
            if kind == "separator":
                flush()
                tokens.append(Separator(number))
        else:
            block.append((number, line))
    flush()
    return tokens, furniture
