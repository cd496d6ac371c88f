"""Bylines: `记者 孙庆辉`, `本报记者 张三 通讯员 王五`, `(记者 A)`, glued to a paragraph's end, `摄` credits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from digest.han import HAN_CLASS

ROLES = {
    "本报记者": "authors",
    "特约记者": "authors",
    "见习记者": "authors",
    "记者": "authors",
    "本报通讯员": "correspondents",
    "通讯员": "correspondents",
    "实习生": "interns",
    "摄影": "photographers",
}
_ROLE = "|".join(sorted(ROLES, key=len, reverse=True))
# What a byline says the people did, after their names: never a name itself (`记者 张三 报道`).
_DID = "报道|整理|采写|撰文|撰稿|供稿"
_NAME = rf"(?!{_ROLE}|摄|文字|图片|{_DID})[{HAN_CLASS}]{{2,4}}(?:[·•][{HAN_CLASS}]{{1,8}})*"
_NAMES_SPACED = rf"{_NAME}(?:[ \u3000、，,]+{_NAME})*"
_CREDIT = rf"(?:[ \u3000]*(?:文/图|文／图|图/文|图／文|摄影?|{_DID}))?"
# `文/记者 A 图/记者 B`: what each credit is for, before its role.
_FOR = r"(?:文字?|图片?|摄影)[/／][ \u3000]*"
_GROUP_SPACED = rf"(?:{_FOR})?(?:{_ROLE})[ \u3000:：]+{_NAMES_SPACED}{_CREDIT}"
_GROUP_TIGHT = rf"(?:{_FOR})?(?:{_ROLE}){_NAMES_SPACED}{_CREDIT}"
_OPEN = r"[(（\[【□■◎●]?"
_CLOSE = r"[)）\]】]?"
_ANY_GROUP = rf"(?:{_GROUP_SPACED}|{_GROUP_TIGHT})"
STANDALONE_RE = re.compile(rf"^{_OPEN}[ \u3000]*{_ANY_GROUP}(?:[ \u3000]+{_ANY_GROUP})*[ \u3000]*{_CLOSE}$")
# A byline glued to the end of a paragraph needs a sentence end before it and a space after the role,
# so that `……接受记者采访。` or `记者了解到` never look like bylines.
GLUED_RE = re.compile(
    rf"(?<=[。！？…”’」』）)])[ \u3000]*({_OPEN}{_GROUP_SPACED}(?:[ \u3000]+{_GROUP_SPACED})*{_CLOSE})[ \u3000]*$"
)
_GROUP_FIND = re.compile(rf"({_FOR})?({_ROLE})[ \u3000:：]*({_NAMES_SPACED})({_CREDIT})")
_PHOTO_CREDIT_RE = re.compile(rf"(?:(?:{_ROLE})[ \u3000]*)?({_NAMES_SPACED})[ \u3000]*摄(?:影)?[)）]?[。.]?$")


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
    return [n for n in re.split(r"[ \u3000、，,]+", names) if n]


def parse_byline(text: str, credits: Credits) -> None:
    """Add every role and name in the byline `text` to `credits`."""
    for for_what, role, names, credit in _GROUP_FIND.findall(text):
        credit = credit.strip()
        # `记者 X 摄` and `图/记者 X` credit a photo only; `记者 X 文/图` credits both the text and the photos.
        photo = credit in ("摄", "摄影") or for_what.startswith(("图", "摄"))
        fields = ["photographers"] if photo else [ROLES[role]]
        if credit in ("文/图", "文／图", "图/文", "图／文"):
            fields.append("photographers")
        for name in _split_names(names):
            for role_field in fields:
                credits.add(role_field, name)


def is_byline(line: str) -> bool:
    """True when the whole line is a byline."""
    return bool(STANDALONE_RE.match(line.strip()))


def split_glued_byline(text: str) -> tuple[str, str | None]:
    """Split `…参会。记者 孙庆辉` into (`…参会。`, `记者 孙庆辉`); (text, None) when there is none."""
    match = GLUED_RE.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(" \u3000"), match.group(1)


def photo_credit(caption: str) -> list[str]:
    """Names credited with `摄` at the end of a caption."""
    match = _PHOTO_CREDIT_RE.search(caption.strip())
    return _split_names(match.group(1)) if match else []
