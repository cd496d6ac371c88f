"""People and topics an article names (digest/ingest/mentions.py), and the labelled sample's goals."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.ingest.mentions import Tokenizer, mentions, people, topics
from digest.ingest.names import is_personal_name
from tests.mentions_sample import precision_recall, sample


def test_people_in_order_of_first_mention_without_duplicates() -> None:
    text = ("会议由县委书记刘建国主持。副县长杨帆指出，要压实责任。刘建国强调，各乡镇要确保不误农时。"
            "村民孙庆辉表示，今年的收成比去年好。杨帆说，下一步还要加大投入。")
    assert people(text) == ["刘建国", "杨帆", "孙庆辉"]


def test_byline_credits_are_not_mentions() -> None:
    text = ("本报讯（记者 孙庆辉 通讯员 刘子静）3月7日，副县长杨帆调研春耕生产。\n"
            "▲ 农户在田间作业。王倩 摄\n本报记者 李娜 文/图")
    assert people(text, ["孙庆辉", "刘子静", "王倩", "李娜"]) == ["杨帆"]


def test_a_credited_reporter_named_in_the_text_is_a_mention() -> None:
    text = "县融媒体中心孙庆辉获评全省优秀新闻工作者。孙庆辉说：“要多到基层去。”\n（记者 蒋文静 孙庆辉）"
    assert people(text, ["蒋文静", "孙庆辉"]) == ["孙庆辉"]


def test_a_credit_glued_to_the_last_sentence_is_not_a_mention() -> None:
    assert people("局长马志刚通报了全县安全生产形势。记者 李娜", ["李娜"]) == ["马志刚"]
    assert people("副县长孟庆丰督导大气污染防治工作。（李凤祥、符信）", ["李凤祥", "符信"]) == ["孟庆丰"]


@pytest.mark.parametrize("titled", ["李局长", "王女士", "张书记", "老王", "小李", "刘先生", "张师傅", "岳大娘",
                                    "牛某某", "夏侯医生", "冯老"])
def test_a_surname_with_a_title_is_not_a_name(titled: str) -> None:
    text = f"现场，{titled}说：“今年的变化很大。”{titled}介绍，村里新修了道路。居民{titled}也表示满意。"
    assert people(text) == []


def test_places_and_bodies_are_not_people() -> None:
    text = ("高新区、金水区和中原区的企业代表参加了签约仪式。华为、白象食品等企业落户张家港产业园。"
            "长江路、黄河路、嵩山路完成改造，办理方便、审批快捷、利率优惠。")
    assert people(text) == []


def test_compound_surnames_and_dotted_names() -> None:
    text = ("副市长诸葛文华、县人大常委会副主任上官婉清出席。商户买买提·艾力说，生意越来越好。"
            "考生欧阳子涵以685分位居全县第一，她的同学阿依古丽·吐尔逊也考上了大学。")
    assert people(text) == ["诸葛文华", "上官婉清", "买买提·艾力", "欧阳子涵", "阿依古丽·吐尔逊"]


def test_names_in_a_list_separated_by_commas() -> None:
    text = "正在附近巡逻的消防员罗鹏飞、齐家豪迅速跳入水中。团县委公布名单：牛丹丹、钟晓宇、杭丽和申思远。"
    assert people(text) == ["罗鹏飞", "齐家豪", "牛丹丹", "钟晓宇", "杭丽", "申思远"]


def _roll(count: int) -> list[str]:
    """`count` distinct plausible names: common surnames with two-character given names."""
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈"
    given = "建国秀兰志强海燕春生丽娟德华明亮振东玉梅红英文杰晓峰桂芝金花永胜雪梅"
    names = (s + a + b for s, (a, b) in itertools.product(surnames, itertools.permutations(given, 2)))
    roll = list(dict.fromkeys(name for name in names if is_personal_name(name)))[:count]
    assert len(roll) == count
    return roll


@pytest.mark.parametrize("separator", ["、", " ", "\u3000"])
def test_a_roll_of_honour_of_a_thousand_names_is_read_completely(separator: str) -> None:
    roll = _roll(1000)
    text = f"2021年度全县优秀共产党员（排名不分先后）：{separator.join(roll)}\n希望受表彰的同志珍惜荣誉。"
    assert people(text) == roll


def test_output_is_deterministic() -> None:
    article = next(a for a in sample() if a.id == "000_f71bc933e6fb3ad1.txt#1")
    first = mentions(article.text, article.title, article.credits)
    assert mentions(article.text, article.title, article.credits, Tokenizer()) == first
    assert (people(article.text, article.credits), topics(article.text, article.title)) == first


def test_topics_are_three_to_six_subject_words() -> None:
    for article in sample():
        found = topics(article.text, article.title)
        assert 3 <= len(found) <= 6, (article.id, found)
        assert len(set(found)) == len(found)


def test_topics_weigh_the_headline() -> None:
    text = "7月1日，全县非煤矿山安全生产大检查启动。检查组查看了安全隐患整改情况，要求企业落实安全生产主体责任。"
    assert topics(text, "矿山安全生产大检查启动")[0] == "安全生产"


def test_precision_and_recall_on_the_labelled_sample() -> None:
    articles = sample()
    assert len(articles) >= 100
    found = {article.id: people(article.text, article.credits) for article in articles}
    precision, recall = precision_recall(found, articles)
    assert precision >= 0.95, precision
    assert recall >= 0.90, recall


def test_no_bylined_reporter_is_mentioned_unless_the_text_names_them() -> None:
    for article in sample():
        named = set(people(article.text, article.credits))
        for reporter in set(article.credits) - set(article.names):
            assert reporter not in named, (article.id, reporter)


# Text made of what page dumps hold: names, roles, speech verbs, titles, separators, dots, brackets and breaks.
_PIECES = st.sampled_from(["王新亭", "欧阳", "娜娜", "李", "局长", "副县长", "村民", "说", "表示", "书记", "·", "、",
                           "，", "。", "：", "（", "）", "记者", " ", "\u3000", "\n", "摄", "和", "老", "小", "高新区",
                           "方便", "买买提", "艾力", "张", "三", "同志", "等", "家庭", "5", "A"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join), st.lists(st.sampled_from(["王新亭", "张三", "李"]), max_size=2))
def test_people_never_fails_and_names_only_what_the_text_holds(text: str, credits: list[str]) -> None:
    found = people(text, credits)
    assert len(found) == len(set(found))
    assert all(name in text and ("·" in name or is_personal_name(name)) for name in found)
    assert len(topics(text, "")) <= 6  # topics never fails either
