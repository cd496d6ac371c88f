"""A reproducible corpus of realistic Chinese news articles, written as content/ Markdown in our front-matter schema.

Used by the benchmarks (bench/search_bench.py) and by tests that need many articles. The text is synthetic but
shaped like the paper: about 1,200 Han characters per article, a Zipf-like word distribution (a few hundred news
words first, then a long tail of common two-character words from pypinyin's phrase list), function characters,
numbers, Latin tokens such as `5G`, reporters drawn from a fixed pool, and dates spread over ten years.
Everything comes from one `random.Random(seed)`, so a seed always gives the same bytes.

    python bench/corpus.py --count 200 --out /tmp/content
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

SEED = 20210115

# News vocabulary, most frequent first (drawn far more often than the long tail).
NEWS_WORDS = (
    "发展", "工作", "建设", "企业", "项目", "高新区", "推进", "创新", "服务", "经济", "全面", "加快", "坚持",
    "提升", "实施", "重点", "会议", "要求", "管理", "产业", "党建", "群众", "领导", "部门", "政策", "活动",
    "组织", "单位", "社会", "基层", "城市", "落实", "开展", "推动", "保障", "加强", "质量", "安全", "科技",
    "人才", "郑州", "河南", "中原", "市场", "投资", "园区", "疫情", "防控", "改革", "开放", "合作", "平台",
    "体系", "机制", "能力", "水平", "目标", "任务", "责任", "问题", "研究院", "研究", "大学", "实验室", "智能",
    "数字", "信息", "网络", "数据", "技术", "制造", "装备", "材料", "新能源", "汽车", "城轨", "交通", "地铁",
    "物流", "党工委", "管委会", "办事处", "街道", "社区", "居民", "志愿者", "党员", "干部", "书记", "主任",
    "局长", "代表", "委员", "专家", "学生", "教师", "医生", "党的建设", "政治建设", "组织建设", "作风建设",
    "纪律建设", "廉政", "监督", "考核", "述职", "评议", "调研", "座谈", "部署", "动员", "总结", "表彰", "轻量化",
    "一体化", "高质量", "现代化", "数字化", "信息化", "智慧城市", "营商环境", "招商引资", "科技成果", "转化",
    "孵化器", "众创空间", "乡村振兴", "生态", "环境", "绿色", "低碳", "节能", "水资源", "公园", "道路", "学校",
    "医院", "住房", "就业", "收入", "民生", "文化", "教育", "体育", "卡斯柯", "信号", "系统", "公司", "集团",
    "协会", "中心", "基金", "银行", "资本", "上市", "营收", "利润", "订单", "出口", "产品", "客户", "品牌",
    "研发",
)
GENERAL = 40  # how many of NEWS_WORDS are common everywhere
FUNCTION_CHARS = "的了在和是对将为与及把被从向以"
LATIN = ("5G", "GDP", "AI", "APP", "IT", "CBTC", "ETC", "PM2.5", "LED", "VR", "3D", "O2O")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶"
GIVEN = "伟刚勇毅俊峰强军平东文辉力明永健广志义兴良海山仁波宁贵福生龙元全胜学祥才发武新利清飞彬富顺信杰涛昌成康"
SECTIONS = ("要闻", "党建", "经济", "科技", "民生", "园区", None, None, None)
DATELINES = ("本报讯", "本报讯", "本报讯", None, "新华社北京电")
# Subject words of a local paper (front matter `topics`), the most frequent first.
TOPICS = (
    "党建", "营商环境", "科技创新", "安全生产", "疫情防控", "交通", "教育", "乡村振兴", "招商引资", "民生实事",
    "生态环境", "城市更新", "就业", "医疗卫生", "文化", "体育", "养老", "住房", "社区治理", "基层治理", "人才",
    "数字经济", "智能制造", "新能源汽车", "物流", "城轨", "地铁", "高新技术企业", "知识产权", "金融", "税收",
    "扶贫", "志愿服务", "文明创建", "消防", "防汛", "食品安全", "环境整治", "垃圾分类", "绿化", "水利",
    "农业", "粮食", "旅游", "会展", "外贸", "产业园区", "孵化器", "大学生创业", "职业教育", "学前教育",
    "义务教育", "中小学", "高校", "科研院所", "专利", "标准化", "质量提升", "品牌建设", "市场监管", "法治",
    "普法", "信访", "纪检监察", "廉政建设", "作风建设", "组织建设", "干部队伍", "统战", "工会", "共青团",
    "妇联", "残疾人", "退役军人", "双拥", "国防教育", "应急管理", "气象", "电力", "供水", "供暖", "燃气",
    "道路建设", "停车", "公交", "共享单车", "快递", "电商", "直播带货", "夜经济", "老旧小区改造", "物业",
    "房地产", "土地", "规划", "文物保护", "图书馆", "博物馆", "全民健身", "马拉松",
)


@dataclass(frozen=True)
class CorpusArticle:
    """One generated article: its content/ path and the Markdown text (front matter and body)."""

    path: str
    text: str


def _long_tail() -> list[str]:
    """Two-character words from pypinyin's phrase list, in a fixed order (the rare words of the corpus)."""
    from pypinyin.phrases_dict import phrases_dict

    return sorted(word for word in phrases_dict if len(word) == 2)


class ArticleWriter:
    """Draws words, sentences and paragraphs from one seeded random generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        # The most general news words lead; the rest of the news words are spread through the long tail.
        tail = _long_tail()
        self.rng.shuffle(tail)
        rest = list(NEWS_WORDS[GENERAL:]) + tail[:8000]
        self.rng.shuffle(rest)
        self.words = list(NEWS_WORDS[:GENERAL]) + rest
        # Zipf-like: the news words carry most of the weight, the tail is long and thin.
        weights = [1.0 / (rank + 8) ** 1.15 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.people = self._people(90)
        self._batch: list[str] = []
        self.topic: list[str] = []

    def _people(self, count: int) -> list[str]:
        """A fixed pool of distinct two- and three-character names."""
        names: list[str] = []
        while len(names) < count:
            given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
            name = self.rng.choice(SURNAMES) + given
            if name not in names:
                names.append(name)
        return names

    def word(self) -> str:
        """A word, a number or a Latin token; a third of the words come from the article's own topic."""
        roll = self.rng.random()
        if roll < 0.33 and self.topic:
            return self.rng.choice(self.topic)
        if roll < 0.36:
            return f"{self.rng.randint(2, 980)}{self.rng.choice(('个', '家', '亿元', '万元', '项', '%'))}"
        if roll < 0.37:
            return self.rng.choice(LATIN)
        if not self._batch:
            # Drawing words in batches keeps generation of 10,000 articles to seconds.
            self._batch = self.rng.choices(self.words, cum_weights=self.cumulative, k=4096)
        return self._batch.pop()

    def sentence(self) -> str:
        """A sentence of clauses separated by commas, ending in a full stop."""
        clauses = []
        for _ in range(self.rng.randint(1, 3)):
            parts = []
            for _ in range(self.rng.randint(3, 7)):
                parts.append(self.word())
                if self.rng.random() < 0.35:
                    parts.append(self.rng.choice(FUNCTION_CHARS))
            clauses.append("".join(parts))
        return "，".join(clauses) + self.rng.choice("。。。。！")

    def paragraph(self, target: int) -> str:
        """Sentences until about `target` characters."""
        text = ""
        while len(text) < target:
            text += self.sentence()
        return text

    def title(self) -> str:
        """A headline of three to five words, without end punctuation."""
        return "".join(self.word() for _ in range(self.rng.randint(3, 5)))

    def article(self, number: int, day: dt.date) -> tuple[dict, str]:
        """(front matter, Markdown body) of one article of about 1,200 Han characters."""
        rng = self.rng
        # Words are bursty in real news: each article keeps returning to a few words of its own topic.
        self.topic = [self.rng.choices(self.words, cum_weights=self.cumulative)[0] for _ in range(rng.randint(6, 12))]
        self.topic += rng.sample(self.words[GENERAL:], rng.randint(10, 20))
        self.topic += rng.sample(self.people, rng.choice((0, 1, 1, 2)))
        paragraphs = []
        total = 0
        while total < 1200:
            paragraph = self.paragraph(rng.randint(120, 320))
            total += len(paragraph)
            if paragraphs and rng.random() < 0.15:
                paragraphs.append("## " + self.title())
            paragraphs.append(paragraph)
        meta = {
            "title": self.title(),
            "kicker": self.title() if rng.random() < 0.3 else None,
            "subtitle": None,
            "date": day,
            "dateline": rng.choice(DATELINES),
            "authors": rng.sample(self.people, rng.choice((1, 1, 2))),
            "correspondents": rng.sample(self.people, rng.choice((0, 0, 1))),
            "photographers": [],
            "interns": [],
            "section": rng.choice(SECTIONS),
            "tags": [],
            "captions": [],
            "slug": f"bench-{number:05d}",
            "draft": False,
        }
        return meta, "\n\n".join(paragraphs) + "\n"


PAGES = (("A01", "要闻"), ("A02", "综合"), ("A03", "经济"), ("A04", "民生"))


class SubjectWriter:
    """The persons named (`people`) and `topics` of each article, from a random generator of their own, so that a
    corpus with them is the same corpus, byte for byte, but for these two keys. Both are drawn Zipf-like, as in
    a local paper over ten years: a few officials and subjects in hundreds of reports, most names once or twice."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed + 2)
        self.names = self._names(2000)
        self.name_weights = list(itertools.accumulate(1.0 / (rank + 3) for rank in range(len(self.names))))
        self.topic_weights = list(itertools.accumulate(1.0 / (rank + 2) for rank in range(len(TOPICS))))

    def _names(self, count: int) -> list[str]:
        """A pool of distinct two- and three-character names."""
        names: dict[str, None] = {}
        while len(names) < count:
            given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
            names[self.rng.choice(SURNAMES) + given] = None
        return list(names)

    def _distinct(self, pool: list[str] | tuple[str, ...], weights: list[float], count: int) -> list[str]:
        chosen: dict[str, None] = {}
        while len(chosen) < count:
            chosen[self.rng.choices(pool, cum_weights=weights)[0]] = None
        return list(chosen)

    def keys(self) -> dict[str, list[str]]:
        """`people` (2–4 names) and `topics` (3–5 words) of one article."""
        return {"people": self._distinct(self.names, self.name_weights, self.rng.randint(2, 4)),
                "topics": self._distinct(TOPICS, self.topic_weights, self.rng.randint(3, 5))}


def generate(count: int, seed: int = SEED, start: dt.date = dt.date(2016, 1, 1),
             editions: bool = False, subjects: bool = False) -> Iterator[CorpusArticle]:
    """`count` articles spread over about ten years from `start`, in date order; the same seed gives the same text.
    With `editions`, each is printed in the next day's paper, on one of four pages, in order; with `subjects`,
    each has `people` and `topics` (and is otherwise the same), else both empty."""
    writer = ArticleWriter(seed)
    subject_writer = SubjectWriter(seed) if subjects else None
    span = 3650
    placed: dict[tuple[dt.date, str], int] = {}
    for number in range(count):
        day = start + dt.timedelta(days=number * span // max(count, 1))
        meta, body = writer.article(number, day)
        if editions:
            label, name = PAGES[number % len(PAGES)]
            edition = day + dt.timedelta(days=1)
            placed[(edition, label)] = placed.get((edition, label), 0) + 1
            meta = {**meta, "edition": edition, "page": label, "page_name": name,
                    "order": placed[(edition, label)]}
        # Without `subjects`, empty lists, as an ingested article has when its text names no one: an article
        # without the keys is hand-written, and the build would read its text for them (digest/proposed.py).
        meta = {**meta, **(subject_writer.keys() if subject_writer else {"people": [], "topics": []})}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        yield CorpusArticle(f"{day:%Y/%m/%d}/{meta['slug']}.md", f"---\n{front}---\n\n{body}")


def write_corpus(content_dir: str | Path, count: int, seed: int = SEED, editions: bool = False,
                 subjects: bool = False) -> list[Path]:
    """Write `count` generated articles as Markdown under `content_dir`; returns the files written."""
    root = Path(content_dir)
    written = []
    for article in generate(count, seed, editions=editions, subjects=subjects):
        path = root / article.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    """`python bench/corpus.py --count N --out DIR`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True, help="content folder to write into")
    parser.add_argument("--editions", action="store_true", help="print each article in an edition, on a page")
    parser.add_argument("--subjects", action="store_true", help="give each article `people` and `topics`")
    args = parser.parse_args()
    files = write_corpus(args.out, args.count, args.seed, args.editions, args.subjects)
    print(f"wrote {len(files)} articles into {args.out}")


if __name__ == "__main__":
    main()
