"""A fast reader for the plain front matter that ingest writes and people usually keep: `key: value` lines,
`[a, b]` lists and `- item` lists of plain or quoted scalars.

It answers only when it is sure to give exactly what PyYAML's safe loader gives; for anything else (comments,
anchors, tags, block scalars, escapes, numbers other than plain integers, nesting, odd whitespace) it answers
None and digest/content.py asks PyYAML, which also words every error. Loading 10,000 articles through PyYAML's
constructor took longer than rendering their pages; this takes a few microseconds a file. A property test
checks it against PyYAML (tests/unit/test_frontmatter.py).
"""
from __future__ import annotations

import datetime as dt
import json
import re

import yaml

from digest.errors import SourceError

Value = str | int | bool | dt.date | list | None

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?")
_ITEM_LINE = re.compile(r"( *)- (.*)")
# Only characters YAML reads as plain printable text; line breaks YAML knows but Python's `\n` split does not
# (NEL, U+2028/9), tabs, the BOM and every control character send the file to PyYAML.
_ODD = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff\n]")
# A plain scalar may not start with an indicator, nor hold `: ` or ` #` (YAML 1.1, PyYAML's scanner).
_INDICATOR_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_CHARS = re.compile(r"[\[\]{},]")
_FLOW_PLAIN_ODD = re.compile(r"[?:#]")  # what may end a plain scalar early inside `[…]`
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_INT = re.compile(r"0|[1-9][0-9]*")
_RESOLVER = yaml.resolver.Resolver()
_STR, _NULL, _BOOL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
_INT_TAG, _TIMESTAMP = "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"
_BOOLS = yaml.constructor.SafeConstructor.bool_values


class _Unsure(Exception):
    """Raised inside the reader when only PyYAML can say what the text means."""


def read_plain(front: str) -> tuple[dict, dict[str, int]] | None:
    """(values, line of each key) of a front matter block (the text between the `---` lines, which start on
    file line 1), exactly as PyYAML's safe loader reads it; None when the text is not plain enough to be sure."""
    if _ODD.search(front):
        return None
    lines = front.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    data: dict = {}
    where: dict[str, int] = {}
    try:
        index = 0
        while index < len(lines):
            start = index
            key, value, index = _entry(lines, index)
            if key in data:
                return None  # PyYAML words the duplicate's error
            data[key] = value
            where[key] = start + 2  # the front matter starts on the file's second line
    except _Unsure:
        return None
    return (data, where) if data else None


def _entry(lines: list[str], index: int) -> tuple[str, Value, int]:
    """The key and value that start at `lines[index]`, and the index of the next entry."""
    match = _KEY_LINE.fullmatch(lines[index])
    if match is None:
        raise _Unsure
    key, rest = match.group(1), match.group(2)
    index += 1
    if rest is not None and rest.strip(" "):
        return key, _inline(rest.strip(" ")), index
    items: list[Value] = []
    indent: str | None = None
    while index < len(lines) and (item := _ITEM_LINE.fullmatch(lines[index])):
        if indent is not None and item.group(1) != indent:
            raise _Unsure
        indent = item.group(1)
        items.append(_scalar(item.group(2).strip(" ")))
        index += 1
    if index < len(lines) and lines[index][:1] in (" ", "-"):
        raise _Unsure  # more indented text, or an item this reader does not know
    return key, items if indent is not None else None, index


def _inline(text: str) -> Value:
    """A value on its key's line: a scalar or a one-line flow list."""
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip(" ")
        if not inner:
            return []
        parts = [part.strip(" ") for part in inner.split(",")]
        if any(not part or _FLOW_CHARS.search(part) or (part[0] not in "'\"" and _FLOW_PLAIN_ODD.search(part))
               for part in parts):
            raise _Unsure
        return [_scalar(part) for part in parts]
    return _scalar(text)


def _scalar(text: str) -> Value:
    """One scalar: single- or double-quoted without escapes, or plain and resolved as PyYAML resolves it."""
    if not text:
        raise _Unsure
    if text[0] == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Unsure
        return inner.replace("''", "'")
    if text[0] == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            raise _Unsure
        return inner
    if text[0] in _INDICATOR_START or ": " in text or " #" in text or text.endswith(":"):
        raise _Unsure
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOLS[text.lower()]
    if tag == _INT_TAG and _INT.fullmatch(text):
        return int(text)
    if tag == _TIMESTAMP and _DATE.fullmatch(text):
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            raise _Unsure from None
    raise _Unsure


# A key typed with a Chinese input method's full-width colon (`title：本报讯`): YAML then reads the line as text
# and fails on a later line, so the error would point past the mistake.
_FULL_WIDTH_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \u3000]*：")
# `title: 会议: 开幕`: a plain value holding `: `, which YAML reads as a second mapping on the same line.
_COLON_IN_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*) *: +([^'\"\[{ ].*: .*)")


def yaml_error(path: str, front: str, line: int, message: str) -> SourceError:
    """The error `message` at file `line`, moved to and naming a common slip when one explains it: a full-width
    colon after a key on that line or before it, or an unquoted `: ` in the value on that line."""
    lines = front.split("\n")
    for number, text in enumerate(lines[: max(line - 1, 1)], start=2):
        if match := _FULL_WIDTH_KEY.match(text):
            key = match.group(1)
            return SourceError(path, number, f"invalid YAML: no ':' after '{key}' "
                                             f"(a full-width colon '：' after a key: write '{key}: ...')")
    text = lines[line - 2] if 2 <= line < len(lines) + 2 else ""
    if match := _COLON_IN_VALUE.fullmatch(text.rstrip(" ")):
        quoted = json.dumps(match.group(2), ensure_ascii=False)  # JSON's strings are YAML double-quoted ones
        message += f" (quote the value: {match.group(1)}: {quoted})"
    return SourceError(path, line, message)
