"""`build.py new "标题"`: a hand-written article's file, with every key of the schema and what it means."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import yaml

from digest.config import SiteConfig
from digest.errors import DigestError
from digest.ingest import content_file
from digest.slugs import to_slug

# Every key a hand-written article may set, in the order of DESIGN.md §2, each with an empty value (or its
# default) and a comment, so that the file itself is the list of keys. `{…}` fields are filled in.
_TEMPLATE = """\
---
title: {title}   # required: the headline (主题)
kicker: null   # 引题, the line above the headline
subtitle: null   # 副题, the line below it
date: {date}   # the date the report is about (YYYY-MM-DD); null for an undated article
edition: null   # the issue the paper printed it in; null for a web-only article
page: null   # the page (版) as printed: A03, 02
page_name: null   # the page's name as printed, e.g. 要闻
section: {section}   # the section, e.g. 要闻; it has its own page and feed
order: null   # its place on the page: 1 is the page's lead
authors: []   # 记者, e.g. [张明, 李华]
correspondents: []   # 通讯员
photographers: []   # 摄
interns: []   # 实习生
dateline: null   # 本报讯, 新华社北京3月8日电, …
image: null   # the lead photo, relative to this file; else the body's first photo
editor: null   # 责任编辑; else site.toml's editor
tags: []   # tags, each with its own page
# people and topics (persons named, subject words) are proposed from the text: add `people: [...]` or
# `topics: [...]` only to correct them.
captions: []   # photo captions, credit included
updated: null   # the date of the last substantive change (YYYY-MM-DD)
correction: null   # 更正: a text dated by 'updated', or a list such as [{{date: 2021-01-20, text: 原文有误}}]
draft: false   # true leaves it out of the site unless the build has --drafts
slug: {slug}   # the URL's last part (pinyin of the title); keep it once published
# people (persons named in the text) and topics (subject words): leave them out to have them worked out from
# the text, or list them, e.g. people: [王新亭] and topics: [党建, 基层治理].
# source and source_index are ingest's: leave them out.
---
正文从这里开始（Markdown）。小标题是以 ## 开头的一行；照片见 README 的 Photos。
"""
_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def today(cfg: SiteConfig, now: dt.datetime | None = None) -> dt.date:
    """Today in the paper's time zone (site.toml's `timezone`), not the machine's."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(cfg.zone).date()


def parse_day(text: str) -> dt.date | None:
    """`--date`: a YYYY-MM-DD date, or `none` for an undated article; DigestError otherwise."""
    if text.strip().lower() == "none":
        return None
    try:
        if not _DATE.fullmatch(text.strip()):
            raise ValueError
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DigestError(f"--date: '{text}' is not a date such as 2021-05-20 (or none)") from None


def _scalar(text: str | None) -> str:
    """`text` as a YAML value: plain when YAML reads it back unchanged, else double-quoted (JSON's escapes)."""
    if text is None:
        return "null"
    try:
        if " #" not in text and yaml.safe_load(f"k: {text}") == {"k": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def article_path(content: Path, day: dt.date | None, slug: str) -> Path:
    """Where ingest would put it: `content/<yyyy>/<mm>/<dd>/<slug>.md`, or `content/undated/<slug>.md`."""
    return content / content_file(day, slug)


def new_article(content: Path, title: str, day: dt.date | None, section: str | None = None) -> Path:
    """Write a new article's file, with every key commented; DigestError when the file already exists."""
    title = title.strip()
    if not title:
        raise DigestError("new: the title must not be empty")
    slug = to_slug(title)
    path = article_path(content, day, slug)
    section = section.strip() if section and section.strip() else None
    text = _TEMPLATE.format(title=_scalar(title), date=day.isoformat() if day else "null", section=_scalar(section),
                            slug=_scalar(slug))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite a person's file
            handle.write(text)
    except FileExistsError:
        raise DigestError(f"{path}: already exists; not overwritten (edit it, or choose another title)") from None
    return path
