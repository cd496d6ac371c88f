"""Who and what an article is about: the people its text names and its subject words (front matter `people`,
`topics`), proposed at ingest for editors to correct.

Words come from rjieba's segmentation and part-of-speech tags; the newspaper's own context decides which of
them are people: a role before a name (副县长, 村民), a speech verb after it (说, 表示), a title after it
(刘建国书记), a list of names (、), and the surnames Chinese people bear. Measured in docs/ingest.md.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from digest.han import HAN_CLASS
from digest.ingest.names import COMPOUND_SURNAMES, SINGLE_SURNAMES, is_personal_name
from digest.ingest.topics import subject_words

__all__ = ["Tokenizer", "article_text", "mentions", "people", "tokenizer", "topics"]


def _listed(words: str) -> frozenset[str]:
    """A set of words written as one string, separated by spaces."""
    return frozenset(words.split())


# Who a person is, printed right before the name: 副县长杨帆, 村民赵金锁, 快递员石磊.
ROLES = _listed(
    "书记 副书记 第一书记 支书 主任 副主任 县长 副县长 市长 副市长 省长 副省长 区长 副区长 镇长 副镇长 乡长 副乡长 "
    "村长 局长 副局长 处长 副处长 科长 副科长 股长 所长 站长 队长 大队长 中队长 院长 副院长 校长 副校长 园长 "
    "主席 副主席 理事长 会长 副会长 秘书长 部长 副部长 厂长 经理 总经理 副总经理 董事长 总裁 副总裁 行长 社长 "
    "馆长 组长 主编 总编 总工程师 总会计师 总经济师 总工 政委 委员 常委 代表 负责人 教授 副教授 研究员 专家 "
    "学者 医生 医师 护士 护士长 教师 老师 班主任 民警 交警 辅警 警官 消防员 快递员 外卖员 检察官 法官 律师 "
    "村民 居民 市民 群众 党员 老党员 志愿者 农户 大户 种植户 养殖户 困难户 脱贫户 果农 菜农 农民 工人 职工 "
    "员工 学生 考生 新生 家长 患者 老人 老兵 战友 妻子 丈夫 儿子 女儿 母亲 父亲 家属 作家 画家 书法家 艺人 "
    "传承人 演员 运动员 选手 冠军 教练 主播 青年 大学生 商户 摊主 店主 老板 厨师 司机 驾驶员 乘客 游客 "
    "管理员 安检员 收费员 预报员 钢筋工 工程师 技术员 村医 企业家 创始人 董事 主管 同学 同事 邻居 网友 "
    "退役军人 残疾人 退休教师 退休干部 干部 裁判员 保洁员 网格员 调解员 宣讲员 讲解员 服务员 营业员 队员 "
    "主持人 指导员 辅导员 班长 组员 成员 委员长 馆员 会员 社员 理事 监事 评委 嘉宾 得主 市长助理"
)
_ROLE_WORDS = "|".join(sorted(ROLES, key=lambda role: (-len(role), role)))
_ROLE_BEFORE = re.compile(rf"(?:{_ROLE_WORDS})$")
_ROLE_AT = re.compile(_ROLE_WORDS)
_ROLE_ENDS = frozenset(role[-1] for role in ROLES)  # a cheap test before the regular expression
# Titles printed after a name: 刘建国书记, 王新亭同志.
_TITLES_AFTER = ("总书记|副总经理|总经理|经理|董事长|书记|县长|市长|镇长|乡长|局长|主任|主席|院长|"
                 "校长|所长|部长|同志|委员|教授|医生|老师")
_TITLE_AFTER = re.compile(rf"(?:{_TITLES_AFTER}|代表)")
# What people do right after their name in a report: 说, 表示, 介绍, also 笑着说, 激动地说, 告诉记者.
_SPEECH_AFTER = re.compile(
    rf"^(?:[也还又则就都却再]|[{HAN_CLASS}]{{1,2}}地|笑着|一边)?"
    r"(?:说|表示|介绍|指出|强调|认为|坦言|告诉|提醒|建议|提出|透露|称|回忆|感慨|解释|分析|要求|"
    r"谈到|讲述|直言|补充|笑言|答|回答|道|宣布|主持|致辞|讲话|出席|带领|带队|率队|陪同|参加|"
    r"获得|获评|荣获)"
)
# Where to look for a name just before: a speech verb or a title after it.
_CUE_AFTER = re.compile(r"(?:说|表示|介绍|指出|强调|认为|坦言|告诉|提醒|建议|提出|透露|回忆|感慨|解释|"
                        rf"分析|主持|致辞|讲话|{_TITLES_AFTER})")
# Characters that end a name's run: what follows a name, not part of it (杨帆指出, 韩冬说, 石磊在).
_STOP = frozenset("说表介指认告坦提要在和与及、，。：；！？的是等也还就都为对从到向把被将"
                  "已正带率陪主出参作称曾（）“”‘’《》 \u3000\n")
# Endings of streets, places and bodies that pass for given names (长江路, 黄河湾): never a person.
_PLACE_ENDS = tuple("路街巷桥湾港城园厂店场馆社部组团站河湖江")
# Titles that names.py's list lacks: 岳大娘, 冯老, 张工.
_TITLES = _listed("老 工 大娘 大伯 大叔 大嫂 大婶 婆婆 老汉 老太 老师傅 师傅 总工 处 科 主任 书记 支书 "
                  "校长 医生 护士长 警官 妈妈 爸爸 哥 姐 嫂 叔 婶 伯 奶奶 爷爷 家 氏 某某")
_HAN = re.compile(rf"[{HAN_CLASS}]")
_GRAMMAR_TAGS = _listed("c p r u uj ul uz ud ug uv")  # conjunctions, prepositions, pronouns, particles
_FUNCTION_TAGS = _GRAMMAR_TAGS | _listed("v d ad vd")
_DOTTED = re.compile(rf"[{HAN_CLASS}]{{1,8}}(?:[·•][{HAN_CLASS}]{{1,8}})+")
_CREDIT_ROLE = (r"(?:(?:本报|新华社)?(?:全媒体|融媒体|首席|特约|见习|摄影)?记者|通讯员|实习生|见习生|摄影|评论员|"
                r"(?<!工)作者|文[/／]图|图[/／]文|文[/／]|图[/／]|文字[/／]|图片[/／])")
_CREDIT_NAME = rf"(?:[{HAN_CLASS}]{{2,4}}(?:[·•][{HAN_CLASS}]{{1,8}})*|[{HAN_CLASS}][ \u3000][{HAN_CLASS}])"
_CREDIT_NAMES = rf"{_CREDIT_NAME}(?:[ \u3000、]+{_CREDIT_NAME})*"
_CREDIT_END = r"(?=[ \u3000、)）\]】。，\n]|摄|报道|文[/／]图|$)"
# `记者 孙庆辉`, `本报记者 李四 王五 文/图`, `孙庆辉 摄`, `（李凤祥、符信）`: credits, not mentions.
_CREDIT_SHAPES = (
    re.compile(rf"{_CREDIT_ROLE}[ \u3000:：]*{_CREDIT_NAMES}{_CREDIT_END}"),
    re.compile(rf"(?<![{HAN_CLASS}]){_CREDIT_NAMES}[ \u3000]*摄"),
    re.compile(rf"[(（]{_CREDIT_NAMES}[)）]"),
)
# A credited name alone at the end of a line, after a sentence (`…参会。孙庆辉`, `…参会。孙庆辉 李四`).
_CREDIT_HEAD = re.compile(r"(?:.*[。！？”])?[ \u3000]*")
_CREDIT_TAIL = re.compile(rf"(?:[ \u3000、]+{_CREDIT_NAME})*[ \u3000]*(?=\n|$)")
# A list of people: items split by 、 (or spaces, in a roll of honour), the last one perhaps after 和/及/与.
_CLAUSE_END = re.compile(r"[。！？；：，\n]")
_ITEM = re.compile(r"[^、 \u3000]+")
_LAST_ITEM = re.compile(r"(?:和|及|与|以及)")
_ITEM_SUFFIX = re.compile(r"(?:家庭|同志|等人|等)$")
_ASIDE = re.compile(r"[(（][^()（）\n]{1,12}[)）]")  # 聂宝山（泥塑）: what the person does, in brackets


class Tokenizer:
    """Words with their part of speech (rjieba), and whether a word is in its dictionary."""

    def __init__(self) -> None:
        # Imported here, on first use: importing rjieba loads its dictionary (about 0.15 s and 45 MB), which a
        # re-ingest of unchanged seeds never needs. Its module functions use the one dictionary it loads.
        import rjieba

        self._tag, self._has_word = rjieba.tag, rjieba.has_word

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) for every word of `text`, in order."""
        return self._tag(text)

    def has_word(self, word: str) -> bool:
        """True when `word` is in the dictionary (not a name the model guessed)."""
        return self._has_word(word)


@functools.cache
def tokenizer() -> Tokenizer:
    """The process's tokenizer, made on first use and only read after that (a cache on a function, not a module
    global): every article of a run shares its dictionary."""
    return Tokenizer()


@dataclass(frozen=True)
class _Words:
    """An article's words: where each starts and ends, and its tag."""

    text: str
    tokens: list[tuple[str, str]]  # (word, tag) in order
    starts: list[int]  # where each word starts
    ends: list[int]  # and ends
    tokenizer: Tokenizer

    def at(self, start: int) -> tuple[int, str, str] | None:
        """(end, word, tag) of the word that starts at `start`, if one does."""
        index = bisect.bisect_left(self.starts, start)
        if index == len(self.starts) or self.starts[index] != start:
            return None
        return self.ends[index], *self.tokens[index]

    def owner(self, at: int) -> tuple[int, str, str] | None:
        """(end, word, tag) of the word that holds the character at `at`."""
        index = bisect.bisect_right(self.starts, at) - 1
        return (self.ends[index], *self.tokens[index]) if index >= 0 and at < len(self.text) else None

    def start_of(self, at: int) -> int:
        """Where the word that holds the character at `at` starts."""
        return self.starts[bisect.bisect_right(self.starts, at) - 1]


def _words(text: str, words: Tokenizer) -> _Words:
    """The words of `text`, tagged, and where each starts and ends (offsets summed once, looked up by bisection)."""
    tokens = words.tag(text)
    ends = list(itertools.accumulate(len(word) for word, _ in tokens))
    return _Words(text, tokens, [0, *ends[:-1]] if ends else [], ends, words)


def _is_name(name: str) -> bool:
    """A personal name by its shape, and not a street, a place (长江路) or a surname with a title (岳大娘, 冯老)."""
    if "·" in name:
        return is_personal_name(name)
    given = name[2:] if name[:2] in COMPOUND_SURNAMES else name[1:]
    return (is_personal_name(name) and not name.endswith(_PLACE_ENDS) and given not in _TITLES
            and given[:1] != "某" and name[:2] not in ROLES  # 干部麦晓琳: a role, then the name
            and name not in COMPOUND_SURNAMES and name[-1] not in _STOP)  # 夏侯医生; 关宏说, glued by the tokenizer


def _han(char: str) -> bool:
    return bool(char) and _HAN.fullmatch(char) is not None


def _name_from(words: _Words, start: int, after_role: bool = False) -> str | None:
    """The name that starts at `start` (a surname): three characters unless the third is what follows a name
    (杨帆|指出) or starts a word that the fourth does not end (杨帆|宣布, but 王新亭|主持)."""
    text, known = words.text, words.tokenizer.has_word
    compound = text[start:start + 2] in COMPOUND_SURNAMES
    if not compound and (text[start:start + 1] not in SINGLE_SURNAMES or (
            not after_role and start > 0 and _han(text[start - 1]) and known(text[start - 1:start + 1]))):
        return None  # 青年韩冬: 年 ends a word here, it is no surname (but 行长方国强: 长方 is no word here)
    short = 3 if compound else 2
    last = start + short  # where the longer name's last character is
    third = text[last:last + 1]
    longer = _han(third) and third not in _STOP and not (
        known(text[last:last + 2]) and not known(text[last + 1:last + 3]))
    name = text[start:last + 1] if longer else text[start:last]
    return name if _is_name(name) else None


def _name_before(words: _Words, end: int) -> tuple[int, str] | None:
    """The name that ends at `end`: 村民孙庆辉|表示 → 孙庆辉, 青年韩冬|说 → 韩冬, 县政协副主席钟离秀英."""
    text, known = words.text, words.tokenizer.has_word
    for n in (4, 3, 2):
        start = end - n
        if start < 0:
            continue
        name = text[start:end]
        compound = name[:2] in COMPOUND_SURNAMES
        if (n == 4) != compound and not (n == 3 and compound):
            continue
        if not compound and start > 0 and _han(text[start - 1]) and known(text[start - 1:start + 1]):
            continue
        if _is_name(name):
            return start, name
    return None


def _credit_spans(text: str, credits: list[str]) -> list[tuple[int, int]]:
    """Where the text credits people: the byline shapes, and a credited name alone at a line's end (`…参会。孙庆辉`)."""
    shapes = _CREDIT_SHAPES if "摄" in text else _CREDIT_SHAPES[::2]  # the second needs a 摄: skip its slow scan
    spans = [match.span() for shape in shapes for match in shape.finditer(text)]
    for name in credits:
        at = text.find(name)
        while at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            tail = _CREDIT_TAIL.match(text, at + len(name))
            if tail and _CREDIT_HEAD.fullmatch(text, line_start, at):
                spans.append((at, tail.end()))
            at = text.find(name, at + 1)
    return spans


def _in_credit(start: int, end: int, credits: list[tuple[int, int]]) -> bool:
    return any(left <= start and end <= right for left, right in credits)


def _shape(words: _Words, start: int, name: str) -> int:
    """What the words say: +1 for a word tagged as a name, less for a common word where the name would be."""
    end = start + len(name)
    word = words.at(start)
    if not word:
        inside = words.owner(start)
        if inside and inside[0] >= end and not inside[2].startswith("nr"):
            return -2  # 有限公司: the "name" lies inside a longer word
        return 0
    stop, text, tag = word
    if stop == end:
        if tag.startswith("nr"):
            return 1
        return -1 if tag != "x" else 0  # 方便, 高度, 师傅
    if stop > end and not tag.startswith("nr"):
        return -2  # 来之|不易: the "name" is the start of a longer word
    if text in COMPOUND_SURNAMES or tag.startswith("nr"):
        return 0
    if len(text) == 1 and tag in _GRAMMAR_TAGS:
        return -3  # 和|副书记, 与|…: a conjunction or a preposition, not a surname
    if len(text) >= 2 or tag in _FUNCTION_TAGS:
        return -1  # 毕业|后, 宣讲|党, 谈|发展: the "surname" belongs to another word
    return 0


def _score(words: _Words, start: int, name: str) -> int:
    """How sure the context makes us that `name` at `start` is a person: 2 or more is sure enough."""
    text, end = words.text, start + len(name)
    score = _shape(words, start, name)
    if "·" in name:
        score += 2
    if text[start - 1:start] in _ROLE_ENDS and _ROLE_BEFORE.search(text, max(0, start - 8), start):
        score += 2
    if _TITLE_AFTER.match(text, end):
        score += 2
    if _SPEECH_AFTER.match(text[end:end + 6]):
        score += 1
    return score


def _dotted(words: _Words, dot: int) -> tuple[int, str] | None:
    """买买提·艾力: the words on either side of the dot that are not a role (商户) or punctuation."""
    text = words.text
    right = words.at(dot + 1)
    if not right or not _han(text[dot + 1:dot + 2]) or right[0] - dot - 1 > 4:
        return None
    start = dot
    while start > 0 and dot - start < 4:
        before = words.start_of(start - 1)
        if not _han(text[before]) or _ROLE_BEFORE.search(text, before, start) \
                or dot - before > 4:
            break
        start = before
    name = text[start:right[0]]
    return (start, name) if start < dot and _DOTTED.fullmatch(name) else None


def _candidates(words: _Words) -> Iterable[tuple[int, str]]:
    """Every (place, name) that some cue points at: a person word, a role before, a speech verb after."""
    text = words.text
    for dot in (start for start, (word, _) in zip(words.starts, words.tokens, strict=True) if word in ("·", "•")):
        if dotted := _dotted(words, dot):
            yield dotted
    people_words = [(start, word) for start, (word, tag) in zip(words.starts, words.tokens, strict=True)
                    if tag[:2] == "nr" or (word in SINGLE_SURNAMES and tag not in _GRAMMAR_TAGS)]
    for start, word in people_words:
        # 快递|员石磊: a role's last character glued to the name
        glued = word[0] in _ROLE_ENDS and _ROLE_BEFORE.search(text, max(0, start - 7), start + 1)
        begin = start + 1 if glued else start
        if begin == start and len(word) > 1 and _is_name(word):
            yield start, word
        elif begin == start and len(word) == 4 and word[:2] not in COMPOUND_SURNAMES and _is_name(word[:3]):
            yield start, word[:3]  # 俞小红|带: the tagger glued the next character to a name
        name = _name_from(words, begin)
        if name and name != word:
            yield begin, name
    for role in _ROLE_AT.finditer(text):
        if name := _name_from(words, role.end(), after_role=True):
            yield role.end(), name
    for cue in _CUE_AFTER.finditer(text):
        if found := _name_before(words, cue.start()):
            yield found


def _list_names(text: str, words: _Words, sure: set[str]) -> Iterable[tuple[int, str]]:
    """Names in lists (王芳、李强和张伟; a roll of honour separated by spaces), when the list is one of people."""
    masked = _ASIDE.sub(lambda m: "、" * len(m.group()), text)
    start = 0
    for stop in [m.start() for m in _CLAUSE_END.finditer(masked)] + [len(masked)]:
        clause, offset, start = masked[start:stop], start, stop + 1
        if "、" not in clause and clause.count(" ") + clause.count("\u3000") < 2:
            continue
        items = [(m.start() + offset, m.group()) for m in _ITEM.finditer(clause)]
        if len(items) < 2:
            continue
        last_at, last = items[-1]
        split = _LAST_ITEM.search(last)
        if split and split.start() > 0:
            items[-1:] = [(last_at, last[:split.start()]), (last_at + split.end(), last[split.end():])]
        names, roll = [], []  # names by their words too, and every item shaped like a name
        for index, (at, item) in enumerate(items):
            item = _ITEM_SUFFIX.sub("", item)
            if _is_name(item):
                roll.append((at, item))
                if _shape(words, at, item) >= -1:
                    names.append((at, item))
            elif index == 0 and (found := _name_before(words, at + len(item))) and _shape(words, *found) >= 0:
                names.append(found)
                roll.append(found)
            elif index == len(items) - 1 and (found := _name_from(words, at)) and _shape(words, at, found) >= 0:
                names.append((at, found))
                roll.append((at, found))
        cue = masked[max(0, offset - 1):offset] in ("：", ":", "\n", "")
        if cue and len(roll) >= 5 and 5 * len(roll) >= 4 * len(items):
            yield from roll  # a roll of honour: every item is a name, whatever the words make of it (王建|梅)
        elif len(names) >= 2 and 3 * len(names) >= 2 * len(items) and (
                cue or len(names) >= 5 or any(n in sure for _, n in names)):
            yield from names


def _within_longer(name: str, sure: set[str], text: str) -> bool:
    """True when every time `name` occurs it is part of a longer name found (卫东 in 郑卫东)."""
    longer = [other for other in sure if name in other and other != name]
    if not longer:
        return False
    alone = text
    for other in sorted(longer, key=len, reverse=True):
        alone = alone.replace(other, "")
    return name not in alone


def people(text: str, credits: Iterable[str] = (), words: Tokenizer | None = None) -> list[str]:
    """The persons named in `text`, in order of first mention; bylined `credits` only where the text names them."""
    return _people(_words(text, words or tokenizer()), credits)


def topics(text: str, title: str, words: Tokenizer | None = None) -> list[str]:
    """Three to six subject words for an article (党建, 交通, 教育…), the title weighing most; deterministic."""
    return subject_words(text, title, (words or tokenizer()).tag(text))


def mentions(text: str, title: str, credits: Iterable[str] = (),
             words: Tokenizer | None = None) -> tuple[list[str], list[str]]:
    """`people(text, credits)` and `topics(text, title)` at once, reading the text's words once."""
    found = _words(text, words or tokenizer())
    return _people(found, credits), subject_words(text, title, found.tokens)


def _people(found: _Words, credits: Iterable[str]) -> list[str]:
    text = found.text
    credit_spans = _credit_spans(text, list(credits))
    places: dict[str, int] = {}
    sure: set[str] = set()
    for start, name in _candidates(found):
        if _in_credit(start, start + len(name), credit_spans):
            continue
        places[name] = min(places.get(name, start), start)
        if _score(found, start, name) >= 2:
            sure.add(name)
    for start, name in _list_names(text, found, sure):
        if not _in_credit(start, start + len(name), credit_spans):
            places[name] = min(places.get(name, start), start)
            sure.add(name)
    sure = {name for name in sure if not _within_longer(name, sure, text)}
    return sorted(sure, key=lambda name: (places[name], name))


def article_text(title: str, kicker: str | None, subtitle: str | None, paragraphs: Iterable[str],
                 captions: Iterable[str]) -> str:
    """An article's words as one text, a line each: headings, paragraphs, then photo captions."""
    return "\n".join(part for part in (kicker, title, subtitle, *paragraphs, *captions) if part)
