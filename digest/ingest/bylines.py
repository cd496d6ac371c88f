"""Bylines: `记者 孙庆辉`, `本报记者 张三 通讯员 王五`, `(记者 A)`, glued to a paragraph's end, `摄` credits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.han import HAN_CLASS
from digest.ingest.names import is_personal_name


def _roles() -> dict[str, str]:
    """Every role word a byline may print, and the front matter list its people go to."""
    roles = {"通讯员": "correspondents", "本报通讯员": "correspondents", "特约通讯员": "correspondents",
             "实习生": "interns", "本报实习生": "interns", "见习生": "interns",
             "摄影": "photographers", "摄影记者": "photographers", "本报摄影记者": "photographers",
             "特约摄影": "photographers", "本报特约摄影": "photographers",
             # Signed commentary (本报评论员 X) and signed pieces (作者：X).
             "评论员": "authors", "本报评论员": "authors", "特约评论员": "authors", "本报特约评论员": "authors",
             "作者": "authors"}
    # 记者, 本报记者, 见习记者, 新华社记者, 本报全媒体记者, 融媒体记者, 首席记者, …
    for outlet in ("", "本报", "新华社", "中新社", "人民日报", "本台", "本网"):
        for kind in ("", "全媒体", "融媒体", "首席", "特约", "见习"):
            roles[f"{outlet}{kind}记者"] = "authors"
    return roles


ROLES = _roles()
_ROLE = "|".join(sorted(ROLES, key=len, reverse=True))
# What a byline says the people did, after their names: never a name itself (`记者 张三 报道`).
_DID = "摄影报道|图文报道|报道|整理|采写|撰文|撰稿|供稿"
# A name: 2–4 characters, a dotted name (买买提·艾力), or a two-character name padded to the width of three
# (`王 平`, with a space or U+3000).
_NAME = (rf"(?!{_ROLE}|摄|文字|图片|{_DID})(?:[{HAN_CLASS}]{{2,4}}(?:[·•][{HAN_CLASS}]{{1,8}})*"
         rf"|[{HAN_CLASS}][ \u3000][{HAN_CLASS}](?![{HAN_CLASS}]))")
_NAMES_SPACED = rf"{_NAME}(?:[ \u3000、，,]+{_NAME})*"
_CREDIT = rf"(?:[ \u3000]*(?:{_DID}|文/图|文／图|图/文|图／文|摄影?))?"
# `文/记者 A 图/记者 B`: what each credit is for, before its role.
# `文/图 记者 A` credits A with both.
_FOR = r"(?:(?:文[/／]图|图[/／]文)[ \u3000]*|(?:文字?|图片?|摄影)[/／:：][ \u3000]*)"
# A reporter's outlet may come before the role: 中新财经记者 X, 县融媒体中心记者 X (on a byline's own line or in a
# dateline's brackets only).
_OUTLET = rf"(?:[{HAN_CLASS}]{{2,8}}?(?=记者))?"
_GROUP_SPACED = rf"(?:{_FOR})?{_OUTLET}(?:{_ROLE})[ \u3000:：]+{_NAMES_SPACED}{_CREDIT}"
_GROUP_GLUED = rf"(?:{_FOR})?(?:{_ROLE})[ \u3000]+{_NAMES_SPACED}{_CREDIT}"
# `文/张三`, `图／李四`: a signed piece without a role.
_GROUP_SIGNED = rf"{_FOR}{_NAMES_SPACED}"
# `记者张三`, role and name without a space: only the roles of people (not 摄影, 作者) and no outlet before them,
# so that `摄影家协会` or `跟着记者游古城` are never bylines.
_TIGHT_ROLE = "|".join(role for role in sorted(ROLES, key=len, reverse=True)
                       if role.endswith(("记者", "通讯员", "实习生", "评论员")))
_GROUP_TIGHT = rf"(?:{_FOR})?(?:{_TIGHT_ROLE}){_NAMES_SPACED}{_CREDIT}"
_OPEN = r"[(（\[【□■◎●]?"
_CLOSE = r"[)）\]】]?"
_ANY_GROUP = rf"(?:{_GROUP_SPACED}|{_GROUP_TIGHT}|{_GROUP_SIGNED})"
STANDALONE_RE = re.compile(rf"^{_OPEN}[ \u3000]*{_ANY_GROUP}(?:[ \u3000]+{_ANY_GROUP})*[ \u3000]*{_CLOSE}$")
# A signature on a line of its own under a commentary: `□ 张三`, `◎李四`.
SIGNATURE_RE = re.compile(rf"^[□■◎●][ \u3000]*({_NAMES_SPACED})$")
# A byline glued to the end of a paragraph needs a sentence end before it and a space after the role,
# so that `……接受记者采访。` or `记者了解到` never look like bylines.
GLUED_RE = re.compile(
    rf"(?<=[。！？…”’」』）)])[ \u3000]*({_OPEN}{_GROUP_GLUED}(?:[ \u3000]+{_GROUP_GLUED})*{_CLOSE})[ \u3000]*$"
)
GLUED_TAIL = 120  # characters: longer than any byline, with the sentence end before it
# In brackets, a credit at the end of a paragraph or a brief item needs no sentence end before it.
GLUED_BRACKETS_RE = re.compile(
    rf"(?<=\S)[ \u3000]*([(（]{_ANY_GROUP}(?:[ \u3000]+{_ANY_GROUP})*[)）])[ \u3000]*$"
)
# City and county papers credit a brief with bare names in brackets after its last sentence: `…会见。（李凤祥、符信）`.
BRIEF_CREDIT_RE = re.compile(rf"(?<=[。！？”])[ \u3000]*([(（]{_NAMES_SPACED}[)）])[ \u3000]*$")
BRACKETED_NAMES_RE = re.compile(rf"^[(（]{_NAMES_SPACED}[)）]$")
_GROUP_FIND = re.compile(rf"({_FOR})?{_OUTLET}({_ROLE})?[ \u3000:：]*({_NAMES_SPACED})({_CREDIT})")
# `记者 张三 摄`, `（李四 摄）`, `…休闲。 王五摄`: the names follow a role, a space, punctuation or the line start,
# so that the end of a sentence (`市民在园内休闲 摄`) is never read as a name.
_BEFORE_CREDIT = r"(?<=[ \u3000。，！？；：、”’）)（(/／])"
_PHOTO_CREDIT_RE = re.compile(
    rf"(?:(?:{_ROLE})[ \u3000]*|{_BEFORE_CREDIT}|^)({_NAMES_SPACED})[ \u3000]*摄(?:影)?[)）]?[。.]?$"
)


@dataclass
class Credits:
    """People credited in one article, by role, in order of appearance, without duplicates."""

    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    interns: list[str] = field(default_factory=list)

    def add(self, role_field: str, name: str) -> None:
        """Credit `name` in `role_field` once."""
        names = getattr(self, role_field)
        if name not in names:
            names.append(name)


def _split_names(names: str) -> list[str]:
    """`张三、李四 王 平` → [张三, 李四, 王平]: two single characters in a row are one padded name."""
    split: list[str] = []
    for piece in re.split(r"[ \u3000、，,]+", names):
        if len(piece) == 1 and split and len(split[-1]) == 1:
            split[-1] += piece
        elif piece:
            split.append(piece)
    return split


# Credits for both the text and the photos.
_TEXT_AND_PHOTOS = ("文/图", "文／图", "图/文", "图／文", "摄影报道", "图文报道")


def _groups(text: str) -> list[tuple[str, str, list[str], str]]:
    """(what for, role, names, credit word) of each credit in a byline."""
    return [(for_what, role, _split_names(names), credit.strip())
            for for_what, role, names, credit in _GROUP_FIND.findall(text)]


def names_are_plausible(text: str) -> bool:
    """True when a byline names someone and every name in it looks like a personal name."""
    names = [name for group in _groups(text) for name in group[2]]
    return bool(names) and all(is_personal_name(name) for name in names)


def parse_byline(text: str, credits: Credits) -> None:
    """Add every role and name in the byline `text` to `credits`."""
    for for_what, role, names, credit in _groups(text):
        # `记者 X 摄` and `图/记者 X` credit a photo only; `记者 X 文/图` credits both the text and the photos.
        both = credit in _TEXT_AND_PHOTOS or for_what.strip()[:3] in _TEXT_AND_PHOTOS
        photo = not both and (credit in ("摄", "摄影") or for_what.startswith(("图", "摄")))
        fields = ["photographers"] if photo else [ROLES.get(role, "authors")]
        if both:
            fields.append("photographers")
        for name in filter(is_personal_name, names):  # a common word never becomes a person
            for role_field in fields:
                credits.add(role_field, name)


def is_byline(line: str) -> bool:
    """True when the whole line is a byline (or a commentary's signature) naming plausible people."""
    line = line.strip()
    shapes = (STANDALONE_RE, SIGNATURE_RE, BRACKETED_NAMES_RE)
    return any(shape.match(line) for shape in shapes) and names_are_plausible(line)


def split_glued_byline(text: str) -> tuple[str, str | None]:
    """Split `…参会。记者 孙庆辉` into (`…参会。`, `记者 孙庆辉`); (text, None) when there is none."""
    # A byline is short: looking at the paragraph's tail only keeps this linear in the paragraph's length.
    start = max(0, len(text) - GLUED_TAIL)
    patterns = (GLUED_RE, GLUED_BRACKETS_RE, BRIEF_CREDIT_RE) if text.endswith((")", "）")) else (GLUED_RE,)
    for pattern in patterns:
        match = pattern.search(text, start)
        if match and names_are_plausible(match.group(1)):
            return text[: match.start()].rstrip(" \u3000"), match.group(1)
    return text, None


def photo_credit(caption: str) -> list[str]:
    """Names credited with `摄` at the end of a caption, when they look like personal names."""
    caption = caption.strip()
    if "摄" not in caption[-4:]:  # cheap: most lines credit no photo
        return []
    match = _PHOTO_CREDIT_RE.search(caption)
    names = _split_names(match.group(1)) if match else []
    return names if names and all(is_personal_name(name) for name in names) else []
