"""An article's tokens → paragraphs: bylines and captions taken out, broken paragraphs joined again."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.ingest.bylines import Credits, is_byline, parse_byline, photo_credit, split_glued_byline
from digest.ingest.furniture import is_caption, strip_continuations
from digest.ingest.model import Block, Byline, Furniture, Heading, Join, Paragraph, RawArticle, Separator
from digest.ingest.text import continues_previous, ends_sentence, join_fragments, starts_list_item, widen_punctuation

# `新华社北京3月5日电 题：…`: a wire story's title line, which no paragraph continues.
WIRE_TITLE_RE = re.compile(r"(?:^|[电讯][ \u3000]*)题：[^。！？]{1,40}$")
ITEM_HEADING_MAX = 20
# A photo the seed places: `![市民在公园休闲 记者 张三 摄](park.jpg)`, a file of the seed's photo folder.
PHOTO_LINE_RE = re.compile(r"!\[([^\]\n]*)\]\(([^()\s\\]+\.(?:jpe?g|png|webp|gif))\)", re.IGNORECASE)
BOUNDARY = None  # marks a place no paragraph may be joined across (heading, byline, separator)


@dataclass
class Body:
    """What an article's tokens hold once bylines, captions and furniture are sorted out."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)
    bylines: list[Byline] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    photo_credits: list[Byline] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)


def _add_byline(body: Body, text: str, line: int, where: str) -> None:
    body.bylines.append(Byline(text, line, where))
    parse_byline(text, body.credits)


def _item_heading(text: str) -> bool:
    """True for a list item that is a heading of its own: short, with no punctuation (`一、总体要求`)."""
    return starts_list_item(text) and len(text) <= ITEM_HEADING_MAX and not re.search(r"[，。；：！？]", text)


def _in_a_list(text: str, before: str) -> bool:
    """True when `text` is an item of a list (`▲ 改造老旧小区46个；` after `…包括：`, `■ 华山` after `■ 黄山`),
    not a photo caption or a commentary's signature."""
    listed = before.endswith(("：", "；")) or text.endswith(("；", "：")) or starts_list_item(before)
    return starts_list_item(text) and listed


def _block_pieces(block: Block, body: Body, before: str) -> list[Paragraph | None]:
    """Paragraph pieces of one block, with BOUNDARY where a byline ended a paragraph.

    `before` is the text of the paragraph before the block, which tells a list item from a caption.
    """
    pieces: list[Paragraph | None] = []
    buffer, first_line = "", 0

    def flush(boundary: bool) -> None:
        nonlocal buffer
        if buffer:
            pieces.append(Paragraph("p", buffer, first_line))
            buffer = ""
        if boundary:
            pieces.append(BOUNDARY)

    for number, raw in block.lines:
        text, markers = strip_continuations(raw)
        body.furniture.extend(Furniture("continuation", m, number) for m in markers)
        if not text:
            continue
        if photo := PHOTO_LINE_RE.fullmatch(text.strip()):
            flush(boundary=True)
            caption = widen_punctuation(photo.group(1))
            pieces += [Paragraph("img", caption, number, photo.group(2)), BOUNDARY]
            if names := photo_credit(caption):
                body.photo_credits.append(Byline(caption, number, "a photo's caption"))
                for name in names:
                    body.credits.add("photographers", name)
            continue
        text = widen_punctuation(text)
        if is_byline(text) and not _in_a_list(text, buffer or before):
            flush(boundary=True)
            _add_byline(body, text, number, "a line of its own")
        elif is_caption(text) and not _in_a_list(text, buffer or before):
            body.captions.append(text)
            names = photo_credit(text)
            if names:
                body.photo_credits.append(Byline(text, number, "a photo caption"))
            for name in names:
                body.credits.add("photographers", name)
        else:
            text, glued = split_glued_byline(text)
            if buffer and starts_list_item(text) and (ends_sentence(buffer) or buffer.endswith(("：", "；"))):
                flush(boundary=False)  # a list item starts a paragraph, even inside a block
            if not buffer:
                first_line = number
            buffer = join_fragments(buffer, text)
            if glued:
                flush(boundary=True)
                _add_byline(body, glued, number, "the end of a paragraph")
    flush(boundary=False)
    return pieces


def _pieces(raw: RawArticle, body: Body) -> list[Paragraph | None]:
    pieces: list[Paragraph | None] = []
    for token in raw.tokens:
        if isinstance(token, Heading):
            pieces += [BOUNDARY, Paragraph("h", widen_punctuation(token.text), token.line), BOUNDARY]
        elif isinstance(token, Separator):
            pieces.append(BOUNDARY)
        else:
            before = next((p.text for p in reversed(pieces) if p is not None), "")
            pieces += _block_pieces(token, body, before)
    return pieces


def _join(pieces: list[Paragraph | None], body: Body) -> list[Paragraph]:
    """Join a paragraph that does not end a sentence with the next one, unless a boundary lies between or the
    next one opens a list item."""
    out: list[Paragraph] = []
    joinable = False
    for piece in pieces:
        if piece is BOUNDARY:
            joinable = False
            continue
        if joinable and piece.kind == "p" and not starts_list_item(piece.text):
            prev = out[-1]
            # A wire story's `题：…` line and a list item's heading (`（一）加强组织领导`) stand alone.
            ends = ends_sentence(prev.text) or WIRE_TITLE_RE.search(prev.text) is not None or _item_heading(prev.text)
            if not ends or continues_previous(piece.text):
                body.joins.append(Join(prev.line, piece.line, prev.text[-8:], piece.text[:8]))
                out[-1] = Paragraph("p", join_fragments(prev.text, piece.text), prev.line)
                continue
        out.append(piece)
        joinable = piece.kind == "p"
    return out


def build_body(raw: RawArticle) -> Body:
    """Sort an article's tokens into paragraphs, bylines, captions and furniture."""
    body = Body()
    body.paragraphs = _join(_pieces(raw, body), body)
    return body
