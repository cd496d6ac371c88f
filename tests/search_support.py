"""What search must find, computed independently of the index: for tests/browser/test_search.py and
bench/search_quality.py.

An article matches a query when its searchable text (title, kicker, subtitle, credited names, section, tags,
captions, dateline and body, read from the Markdown files) contains every term: a Chinese term anywhere, a Latin
or digit term at the start of a word, case and accents ignored.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from pathlib import Path

import yaml

from digest.search import HAN

BASE = "/news-digest/"
_JOINER = r"[.,:'’\-/]"
_TERM = re.compile(rf"[^\W_]+(?:{_JOINER}[^\W_]+)*")
_HAN_JOINER = re.compile(rf"(?<=[{HAN}]){_JOINER}|{_JOINER}(?=[{HAN}])")
_LATIN = re.compile(rf"[^\W_{HAN}]")


def fold(text: str) -> str:
    """Lower case without accents (what the search page compares)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def terms(query: str) -> list[str]:
    """The terms of a query: runs of letters and digits; punctuation and spaces separate them."""
    found: list[str] = []
    for match in _TERM.findall(unicodedata.normalize("NFC", query)):
        for term in _HAN_JOINER.split(match):
            if term and fold(term) not in found:
                found.append(fold(term))
    return found


def contains(text: str, term: str) -> bool:
    """Whether `text` holds `term` (a Latin or digit term only at the start of a word)."""
    text = fold(text)
    latin = bool(_LATIN.match(term))
    start = text.find(term)
    while start >= 0:
        if not latin or start == 0 or not _LATIN.match(text[start - 1]):
            return True
        start = text.find(term, start + 1)
    return False


def matches(text: str, query: str) -> bool:
    """Whether `text` holds every term of `query` (and the query has a term)."""
    wanted = terms(query)
    return bool(wanted) and all(contains(text, term) for term in wanted)


def _body(markdown: str) -> str:
    """Markdown body as the reader sees it: heading marks and backslash escapes removed, one line per block."""
    lines = [re.sub(r"^#{1,6}\s+", "", line) for line in markdown.splitlines()]
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~])", r"\1", "\n".join(line for line in lines if line.strip()))


def article_texts(content: Path, base: str = BASE) -> dict[str, str]:
    """URL path → searchable text of every article under `content` (drafts left out)."""
    found = {}
    for path in sorted(content.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(content).parts):
            continue
        head, body = path.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
        meta = yaml.safe_load(head)
        if meta.get("draft"):
            continue
        day = meta.get("date")
        url = f"{base}{day:%Y/%m/%d}/{meta['slug']}/" if day else f"{base}articles/{meta['slug']}/"
        names = [n for key in ("authors", "correspondents", "photographers", "interns") for n in meta.get(key) or []]
        parts = [meta["title"], meta.get("kicker") or "", meta.get("subtitle") or "", " ".join(names),
                 meta.get("section") or "", " ".join(meta.get("tags") or []), "\n".join(meta.get("captions") or []),
                 (meta.get("dateline") or "") + _body(body)]
        found[url] = "\n".join(parts)
    return found


def expected(texts: dict[str, str], query: str) -> set[str]:
    """URL paths of the articles that match `query`."""
    return {url for url, text in texts.items() if matches(text, query)}


# Words from the issue: missed by Pagefind's default Chinese search (王新亭, 轻量化, 党工委) or over-matched
# (党建, 研究院), plus names, mixed and punctuated queries.
NAMED_QUERIES = ("王新亭", "轻量化", "党工委", "党建", "研究院", "孙庆辉", "刘子静", "张朝辉", "5G 城轨", "“大考”",
                 "卡斯柯，郑州", "卡斯柯", "郑州", "党的建设", "研究", "高新区", "十四五", "2020", "5G")


def sampled_queries(texts: dict[str, str], count: int = 60, seed: int = 4) -> list[str]:
    """Random two- to four-character Han substrings of the articles, and near misses made from them."""
    rng = random.Random(seed)
    han = re.compile(rf"[{HAN}]{{4,}}")
    runs = sorted({run for text in texts.values() for run in han.findall(text)})
    found: list[str] = []
    while len(found) < count and runs:
        run = rng.choice(runs)
        size = rng.randint(2, 4)
        start = rng.randint(0, len(run) - size)
        word = run[start:start + size]
        if rng.random() < 0.25:  # a near miss: two characters swapped
            word = word[1] + word[0] + word[2:]
        if word not in found:
            found.append(word)
    return found


def _article(path: Path, meta: dict, body: str) -> None:
    """Write one article file in the content schema."""
    defaults = {"kicker": None, "subtitle": None, "dateline": None, "authors": [], "correspondents": [],
                "photographers": [], "interns": [], "section": None, "tags": [], "captions": [], "draft": False}
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(defaults | meta, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


# (slug, date, metadata, body): every pair of near misses the issue names, and where a word can hide.
NEAR_MISSES = (
    ("dang-jian", dt.date(2021, 3, 1), {"title": "加强党建引领基层治理", "authors": ["孙庆辉"], "section": "党建",
                                         "topics": ["党建", "基层治理"]},
     "高新区党建工作再上新台阶。研究院党支部开展主题活动。"),
    ("dang-de-jian-she", dt.date(2021, 3, 2), {"title": "推进党的建设高质量发展", "authors": ["李明"],
                                               "topics": ["党的建设"]},
     "坚持党的建设，研究 院落整治同步推进。党工作委员会召开会议。"),
    ("yan-jiu-yuan", dt.date(2020, 6, 10), {"title": "浙大中原研究院揭牌", "authors": ["王芳"]},
     "研究院正式揭牌。王新亭出席仪式并讲话。"),
    ("wang-xin", dt.date(2020, 6, 11), {"title": "王新来到社区", "authors": ["王芳"], "tags": ["社区"]},
     "王新在亭子里与居民交谈，研究\n\n院子的改造方案。"),
    ("wang-xin-ting", dt.date(2019, 12, 31), {"title": "王新亭调研园区企业", "authors": ["孙庆辉", "李明"]},
     "调研中强调创新驱动，“大考”之年要交出好答卷。"),
    ("ka-si-ke", dt.date(2019, 5, 5), {"title": "城轨信号企业发展", "correspondents": ["刘子静"],
                                      "dateline": "本报讯"},
     "卡斯柯信号（郑州）有限公司推进5G城轨项目。"),
    ("five-gx", dt.date(2019, 5, 6), {"title": "5GX 试点启动", "authors": ["刘子静"]},
     "5GX 网络覆盖城轨沿线，G5 高速畅通。AI 技术与 Ai 应用同步推广。"),
    ("kicker-only", dt.date(2018, 8, 8), {"title": "园区新闻", "kicker": "轻量化材料亮相",
                                        "captions": ["王新亭在展台前 记者 孙庆辉 摄"], "photographers": ["孙庆辉"]},
     "新材料企业集中展示，郑州、卡斯柯未参展。"),
    ("reporter-only", dt.date(2018, 8, 9), {"title": "一线采访手记", "authors": ["张朝辉"]},
     "采访对象谈到十四五规划。"),
    ("ying-shang", None, {"title": "专题：营商环境", "authors": ["李明"], "topics": ["党建工作", "营商环境"]},
     "优化营商环境，党建引领发展。2020年成绩显著。"),
    # Most relevant: the title that holds every term first, then one term, then a body full of both.
    ("he-zuo-she", dt.date(2017, 4, 1), {"title": "乡村振兴合作社显身手", "authors": ["赵强"], "topics": ["乡村振兴"]},
     "春天里，一家家合作社忙起来了。"),
    ("zhen-xing-jian-wen", dt.date(2017, 4, 2), {"title": "乡村振兴见闻", "authors": ["赵强"], "topics": ["乡村振兴"]},
     "田野上，合作社的农机来回穿梭。"),
    ("chun-geng", dt.date(2017, 4, 3), {"title": "春耕时节走田间", "authors": ["赵强"], "dateline": "本报讯",
                                         "topics": ["春耕"]},
     "乡村振兴，合作社先行。乡村振兴要靠合作社，合作社带动乡村振兴，乡村振兴离不开合作社。"),
    # Two terms far apart in the body: the excerpt shows both.
    ("guang-fu", dt.date(2017, 5, 8), {"title": "园区能源新变化", "authors": ["赵强"]},
     "屋顶光伏板铺满了厂房。" + "工人们忙着检修设备，车间里一派繁忙景象，订单排到了年底。" * 4
     + "新建的储能电站也已并网。"),
)


def write_near_misses(content: Path, filler: int = 40) -> None:
    """The near-miss fixture: NEAR_MISSES plus `filler` generated articles (bench/corpus.py, fixed seed)."""
    from bench.corpus import generate

    for slug, day, meta, body in NEAR_MISSES:
        folder = content / (f"{day:%Y/%m/%d}" if day else "hand")
        _article(folder / f"{slug}.md", {**meta, "date": day, "slug": slug}, body)
    for article in generate(filler, seed=7, start=dt.date(2016, 1, 1)):
        path = content / article.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.text, encoding="utf-8")


NEAR_MISS_QUERIES = ("党建", "党的建设", "研究院", "研究", "院", "王新亭", "王新", "亭", "党工委", "卡斯柯", "5G", "5g",
                     "G", "5G 城轨", "5G城轨", "城轨", "轻量化", "营商环境", "孙庆辉", "李明", "刘子静", "张朝辉",
                     "AI", "ai", "“大考”", "郑州", "卡斯柯，郑州", "研究 院", "党建 研究院", "十四五", "2020", "社区",
                     "本报讯", "不存在的词", "乡村振兴", "乡村振兴 合作社", "光伏 储能")
