"""Subject words for an article: the desk's own list of subjects (党建, 交通, 教育…), found by their cue words."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

# Each subject a local paper files reports under, and the words that show a report is about it.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "党建": ("党建", "党组织", "党支部", "党委", "党员", "党工委", "组织部", "入党", "党课", "党史", "二十大"),
    "乡村振兴": ("乡村振兴", "脱贫", "返贫", "驻村", "第一书记", "美丽乡村", "人居环境", "合作社", "土地流转"),
    "农业": ("农业", "粮食", "小麦", "春耕", "夏粮", "秋收", "农田", "种植", "农技", "大棚", "农资", "植保", "春灌"),
    "营商环境": ("营商环境", "放管服", "一网通办", "审批", "办事", "一窗受理", "惠企", "企业开办"),
    "招商引资": ("招商", "签约", "投资", "项目", "开工", "产业园", "集聚区"),
    "经济": ("经济", "生产总值", "增长", "工业", "消费", "统计", "贷款", "金融", "银行", "税务", "纳税"),
    "安全生产": ("安全生产", "隐患", "危化品", "应急管理", "矿山", "燃气", "安全检查", "消防", "事故"),
    "交通": ("交通", "公交", "道路", "交警", "车辆", "驾驶", "停车", "高速", "校车", "出行", "酒驾"),
    "教育": ("教育", "学校", "学生", "教师", "老师", "课堂", "高考", "考生", "开学", "校长", "双减", "职教", "小学"),
    "医疗卫生": ("医院", "医生", "护士", "健康", "体检", "门诊", "卫健", "中医", "患者", "卫生"),
    "文化": ("文化", "非遗", "图书馆", "书法", "豫剧", "演出", "剪纸", "阅读", "展览", "传承人", "文化馆"),
    "体育": ("体育", "运动会", "篮球", "马拉松", "比赛", "冠军", "象棋", "健身", "运动员"),
    "旅游": ("旅游", "景区", "游客", "假期"),
    "生态环保": ("生态", "环保", "污染", "植树", "造林", "绿化", "河道", "污水", "大气", "扬尘", "垃圾"),
    "防汛": ("防汛", "汛期", "抢险", "堤", "洪"),
    "城市建设": ("城市", "老旧小区", "改造", "住建", "城管", "公园", "道路", "供暖", "市政", "背街小巷"),
    "民生": ("民生", "群众", "居民", "困难群众", "慰问", "热线", "诉求", "养老", "就业", "社区"),
    "就业创业": ("就业", "创业", "岗位", "招聘", "返乡", "培训"),
    "社会保障": ("残疾人", "低保", "救助", "退役军人", "优抚", "社保", "养老金"),
    "法治": ("法院", "检察", "审判", "执法", "法律", "宣判", "诈骗", "公安", "民警", "普法"),
    "文明创建": ("文明", "志愿者", "志愿服务", "见义勇为", "最美", "好人", "表彰", "先进", "劳动模范"),
    "人大政协": ("人大", "政协", "委员", "代表", "常委会", "执法检查", "视察", "提案"),
    "科技创新": ("科技", "创新", "研发", "研究院", "技术", "智能", "数字化", "人工智能", "5G"),
    "电商": ("电商", "直播", "网店", "快递"),
    "能源": ("供电", "电网", "用电", "光伏", "燃气", "供暖"),
}
TITLE_WEIGHT = 3  # a subject the headline names is what the report is about
ENOUGH = 2  # a cue seen once in the body is a passing mention, not a subject
SHARE = 4  # nor is a subject scored less than a quarter of the article's main one
MOST, LEAST = 6, 3
# Words every report uses: never a subject by themselves.
_GENERIC = frozenset({"工作", "记者", "全县", "我县", "同志", "情况", "活动", "问题", "方面", "时间", "部门", "单位",
                      "人员", "领导", "会议", "今年", "去年", "目前", "下一步", "同时", "通讯员", "本报讯", "相关",
                      "进行", "开展", "要求", "表示", "介绍", "负责人", "群众", "书记", "县委", "人民", "县城",
                      "工作者"})
_NOUN_TAGS = ("n", "vn", "nt", "ns", "l")  # nouns, verbal nouns, bodies, places, set phrases (无人机, 合作社)
_VERB_TAGS = ("v",)  # for a brief too short to name three things


_CUES = re.compile("|".join(sorted({cue for cues in SUBJECTS.values() for cue in cues}, key=lambda c: (-len(c), c))))


def _subject_scores(text: str, title: str) -> Counter:
    """Each subject's score: its cues counted in the text, and again TITLE_WEIGHT times in the title."""
    in_title = Counter(_CUES.findall(title))
    seen = Counter(_CUES.findall(text)) + Counter({cue: TITLE_WEIGHT * n for cue, n in in_title.items()})
    scores: Counter = Counter()
    for subject, cues in SUBJECTS.items():
        score = sum(seen[cue] for cue in cues)
        if score >= ENOUGH:
            scores[subject] = score
    return scores


def _frequent_words(tokens: Sequence[tuple[str, str]], taken: list[str], tags: tuple[str, ...]) -> list[str]:
    """The article's most frequent words with one of `tags`, for an article that names too few of the desk's
    subjects; none that is part of a subject already chosen (营商 of 营商环境)."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for place, (word, tag) in enumerate(tokens):
        if len(word) >= 2 and tag in tags and word not in _GENERIC and not any(word in t for t in taken):
            counts[word] += 1
            first.setdefault(word, place)
    return sorted(counts, key=lambda word: (-counts[word], first[word]))


def subject_words(text: str, title: str, tokens: Sequence[tuple[str, str]]) -> list[str]:
    """Three to six subjects of an article: the desk's subjects it is most about, then its most frequent nouns."""
    scores = _subject_scores(text, title)
    order = list(SUBJECTS)
    top = max(scores.values(), default=0)
    ranked = sorted(scores, key=lambda subject: (-scores[subject], order.index(subject)))
    chosen = [subject for subject in ranked if SHARE * scores[subject] >= top][:MOST]
    for tags in (_NOUN_TAGS, _VERB_TAGS):
        if len(chosen) < LEAST:
            chosen += _frequent_words(tokens, chosen, tags)[:LEAST - len(chosen)]
    return chosen
