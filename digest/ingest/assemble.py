"""Tokens → articles: `## 引题` + `# 主题` (+ `——副题`) opens an article; `###` stays inside it."""
from __future__ import annotations

import re

from digest.ingest.model import Block, Heading, RawArticle, Separator, Token

SUBTITLE_RE = re.compile(r"^[—―－-]{1,2}[ \u3000]*(.+)$")  # ——, ―― (U+2015, as some layouts export it)
TITLE_LEVELS = (1, 2)


def _next_heading(tokens: list[Token], index: int) -> Heading | None:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following if isinstance(following, Heading) else None


def _subtitle_of(token: Token) -> tuple[str, Block | None] | None:
    """The subtitle a token right after a title carries, and what is left of a block after it."""
    if isinstance(token, Heading):
        match = SUBTITLE_RE.match(token.text)
        return (match.group(1), None) if match else None
    if isinstance(token, Block):
        match = SUBTITLE_RE.match(token.lines[0][1])
        if match:
            rest = Block(token.lines[1:]) if len(token.lines) > 1 else None
            return match.group(1), rest
    return None


def assemble(tokens: list[Token]) -> tuple[list[RawArticle], list[Token]]:
    """Group tokens into articles; tokens before the first title are returned as orphans."""
    articles: list[RawArticle] = []
    orphans: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        current = articles[-1] if articles else None
        fresh = current is not None and not current.tokens and current.subtitle is None
        if fresh and (found := _subtitle_of(token)):
            current.subtitle, rest = found
            if rest:
                current.tokens.append(rest)
        elif isinstance(token, Heading) and token.level in TITLE_LEVELS:
            following = _next_heading(tokens, i)
            if token.level == 2 and following is not None and following.level == 1:
                articles.append(RawArticle(title=following.text, line=following.line, kicker=token.text))
                i += 1
            elif fresh and token.level == 2 and current.title_level == 1 and token.text:
                # `# 主题` followed by `## 副题`: the smaller heading under a title is its subtitle.
                current.subtitle = token.text
            else:
                articles.append(RawArticle(title=token.text, line=token.line, title_level=token.level))
        elif current is None:
            orphans.append(token)
        elif isinstance(token, Heading | Block | Separator):
            current.tokens.append(token)
        i += 1
    return articles, orphans
