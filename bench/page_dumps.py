"""Page dumps for the ingest benchmark: the corpus's articles printed as a paper's pages, as PDF extraction leaves them.

Each dump is one page of one issue: a dated header, an edition label, editors' credits, eight articles (引题 + 主题,
a dateline with a bracketed byline, paragraphs broken mid-sentence by the columns, 小标题, a glued byline, a
photo caption) and a page footer. Everything comes from the corpus's seeded generator, so a seed always gives
the same bytes.

    python bench/page_dumps.py --articles 10000 --out /tmp/seeds
    python build.py ingest --seeds /tmp/seeds --content /tmp/content --quiet
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SEED, ArticleWriter  # bench/ is not a package: its folder is on the path

ARTICLES_PER_PAGE = 8
WEEKDAYS = "一二三四五六日"
PAGE_NAMES = ("要闻", "综合", "经济", "民生", "文体", "园区")


def _columns(paragraph: str, writer: ArticleWriter) -> list[str]:
    """Break a paragraph where a column ended: sometimes mid-word, with a blank line between the pieces."""
    pieces, rest = [], paragraph
    while len(rest) > 60 and writer.rng.random() < 0.5:
        cut = writer.rng.randint(20, len(rest) - 20)
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return [*pieces, rest]


def _article(writer: ArticleWriter, number: int, day: dt.date) -> list[str]:
    meta, body = writer.article(number, day)
    lines = [f"## {meta['kicker']}"] if meta["kicker"] else []
    lines += [f"# {meta['title']}", ""]
    byline = "记者 " + " ".join(meta["authors"])
    if meta["correspondents"]:
        byline += " 通讯员 " + " ".join(meta["correspondents"])
    paragraphs = [p for p in body.strip().split("\n\n")]
    lead = f"本报讯（{byline}）{day.month}月{day.day}日，" + paragraphs[0].removeprefix("## ")
    for paragraph in [lead, *paragraphs[1:]]:
        if paragraph.startswith("## "):
            lines += [f"### {paragraph[3:]}", ""]
            continue
        for piece in _columns(paragraph, writer):
            lines += [piece, ""]
    lines += [f"图为{meta['title']}现场。记者 {meta['authors'][0]} 摄", "", f"记者 {meta['authors'][0]}", ""]
    return lines


def write_dumps(out: Path, articles: int, seed: int = SEED) -> list[Path]:
    """Write page dumps holding `articles` articles in all into `out`; returns the files written."""
    writer = ArticleWriter(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    start = dt.date(2016, 1, 1)
    for page in range((articles + ARTICLES_PER_PAGE - 1) // ARTICLES_PER_PAGE):
        day = start + dt.timedelta(days=page)
        name = PAGE_NAMES[page % len(PAGE_NAMES)]
        lines = [f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}", f"A0{page % 8 + 1} {name}",
                 "责编:王丽 美编:赵强 校对:陈明", ""]
        for index in range(page * ARTICLES_PER_PAGE, min(articles, (page + 1) * ARTICLES_PER_PAGE)):
            lines += _article(writer, index, day)
        lines += ["本版编辑：王敏 校对：李刚", ""]
        path = out / f"{day:%Y%m%d}-{page % 8 + 1:02d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    """`python bench/page_dumps.py --articles N --out DIR`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True, help="seeds folder to write into")
    args = parser.parse_args()
    files = write_dumps(args.out, args.articles, args.seed)
    print(f"wrote {len(files)} page dumps ({args.articles} articles) into {args.out}")


if __name__ == "__main__":
    main()
