"""Is this a personal name? Its length and its surname, checked against the surnames Chinese people bear."""
from __future__ import annotations

import re

from digest.han import HAN_CLASS

# The single surnames of the 百家姓, then common modern ones it lacks (肖, 覃, 付, 冼, 邝, …).
SINGLE_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎"
    "鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平"
    "黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童"
    "颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔"
    "吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰"
    "秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴"
    "胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹"
    "习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾"
    "辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况郈有琴商"
    "牟佘佴伯赏墨哈谯笪年爱阳佟言福"
    "肖覃付冼邝谌粟栗区练朴豆揭但仝苑兰母芦旷麦禤檀綦矫玄员俸占原邸綦寻银尧盘雒郇荀蹇植晁来门宋"
)
COMPOUND_SURNAMES = frozenset({
    "万俟", "司马", "上官", "欧阳", "夏侯", "诸葛", "闻人", "东方", "赫连", "皇甫", "尉迟", "公羊", "澹台",
    "公冶", "宗政", "濮阳", "淳于", "单于", "太叔", "申屠", "公孙", "仲孙", "轩辕", "令狐", "钟离", "宇文",
    "长孙", "慕容", "鲜于", "闾丘", "司徒", "司空", "亓官", "司寇", "子车", "颛孙", "端木", "巫马", "公西",
    "漆雕", "乐正", "壤驷", "公良", "拓跋", "夹谷", "宰父", "谷梁", "段干", "百里", "东郭", "南门", "呼延",
    "羊舌", "微生", "梁丘", "左丘", "东门", "西门", "南宫", "第五",
})
# Names of minority peoples and foreigners are written with a middle dot: 买买提·艾力, 阿依古丽·吐尔逊.
_DOTTED_RE = re.compile(rf"[{HAN_CLASS}]{{1,8}}(?:[·•][{HAN_CLASS}]{{1,8}})+")
_HAN_RE = re.compile(rf"[{HAN_CLASS}]+")
# How a surname is used without a given name: 王局长, 李女士, 张师傅, 刘总, 陈某.
TITLES = frozenset({
    "书记", "局长", "主任", "县长", "市长", "镇长", "乡长", "区长", "村长", "省长", "部长", "处长", "科长", "厂长",
    "院长", "校长", "所长", "站长", "队长", "社长", "行长", "会长", "主席", "经理", "总监", "老板", "老师",
    "教授", "医生", "大夫", "护士", "律师", "警官", "师傅", "同志", "先生", "女士", "小姐", "大爷", "大妈",
    "大姐", "大哥", "阿姨", "奶奶", "爷爷", "总", "某", "某某", "家", "氏",
})
# Places, bodies and words that follow a surname-like character but name no one: 高新区, 金山区, 全文完, 周一.
NOT_A_GIVEN_NAME_END = tuple("区县市镇乡村庄州省局委办馆院厅处所站队完")
NOT_NAMES = frozenset({"周一", "周二", "周三", "周四", "周五", "周六", "周日", "明天", "今天", "昨天", "全文完",
                       "文章", "连线", "关注", "手记", "观察", "调查", "探访", "走访", "来信"})


def is_personal_name(name: str) -> bool:
    """True when `name` looks like a Chinese personal name: a known surname and a plausible length.

    Two or three characters with a single surname (张三, 李小明), three or four with a compound one
    (欧阳娜娜). Four characters after a single surname are refused even when a woman keeps both surnames
    (范徐丽泰): too many phrases (安全第一, 文明出行) look the same. A surname with a title (王局长, 李女士),
    a place or body (高新区, 金山区) or a common word (全文完, 周一) is not a name. A dotted name
    (买买提·艾力) has no surname to check.
    """
    if _DOTTED_RE.fullmatch(name):
        return True
    if not _HAN_RE.fullmatch(name) or name in NOT_NAMES or name.endswith(NOT_A_GIVEN_NAME_END):
        return False
    if len(name) == 2 and name.endswith("子"):  # 孔子, 孟子: thinkers quoted, not reporters
        return False
    if name[:2] in COMPOUND_SURNAMES and len(name) in (3, 4):
        return name[2:] not in TITLES
    if name[0] not in SINGLE_SURNAMES or name[1:] in TITLES:
        return False
    return len(name) in (2, 3)
