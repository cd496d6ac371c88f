"""A corpus of hostile text, and a project that carries it in a seed and in hand-written front matter.

Used by tests/browser/test_hostile.py (no script runs, no URL leaves the site) and tests/test_paths.py.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

# Each one is text a newspaper page or a maintainer might paste, aimed at a layer of the site: HTML, attributes,
# URLs, the <title>, Jinja, Markdown, YAML, bidirectional and invisible characters, the search page's own code.
PAYLOADS = (
    '<script>alert("script")</script>',
    "<img src=x onerror=alert('img')>",
    "<svg onload=alert('svg')>",
    '"><script>alert("attribute")</script>',
    "' onmouseover='alert(1)' x='",
    "</title><script>alert('title')</script>",
    "</textarea></noscript></style><script>alert('close')</script>",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "<a href=\"javascript:alert('a')\">点这里</a>",
    "[点我](javascript:alert('md'))",
    "![图](javascript:alert('image'))",
    "[数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[上级](../../../../etc/passwd)",
    "[vb](vbscript:msgbox(1))",
    "<https://evil.example/>",
    "{{ cfg }} {{ 7*7 }} {% raw %}{% endraw %} {# 注释 #}",
    "${alert(1)} `反引号` <!-- 注释 -->",
    "**粗体** _斜体_ # 井号 > 引用 - 列表 1. 编号",
    "\u202e右到左覆盖\u202c 与 \u200b零宽\u200d连接\ufeff字符",
    "&lt;script&gt; &amp;amp; &#x3C;script&#x3E;",
    "javascript:alert('bare')",
    "<style>body{display:none}</style>",
    "<meta http-equiv=refresh content=0;url=https://evil.example/>",
    "<base href=\"https://evil.example/\">",
    "\\\"); alert('json'); //",
)
# Payload words a reader might search for, to render hostile results in the search page.
SEARCH_TERMS = ("alert", "script", "javascript")


def seed_text() -> str:
    """A newspaper page with every payload in a title and in a body paragraph."""
    parts = ["2021年3月8日 星期一", ""]
    for number, payload in enumerate(PAYLOADS, start=1):
        parts += [f"# 第{number}篇 {payload}", "", f"本报讯 3月8日，读者来信{number}：{payload}。记者 张三", ""]
    return "\n".join(parts)


def article_text(number: int, payload: str) -> str:
    """A hand-written article with the payload in every field a person can fill in."""
    front = {
        "title": f"手写{number} {payload}",
        "kicker": payload,
        "subtitle": payload,
        "date": dt.date(2021, 3, number % 28 + 1),
        "authors": [payload, f"记者{number}"],
        "correspondents": [payload],
        "photographers": [payload],
        "dateline": payload,
        "section": payload,
        "tags": [payload, "测试"],
        "captions": [payload],
    }
    body = f"正文里的{payload}。\n\n## {payload}\n\n- {payload}\n\n[链接]({payload})\n"
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def write_project(root: Path) -> None:
    """`root/seeds/hostile.txt` and `root/content/hand/*.md`."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "seeds" / "hostile.txt").write_text(seed_text(), encoding="utf-8")
    hand = root / "content" / "hand"
    hand.mkdir(parents=True, exist_ok=True)
    for number, payload in enumerate(PAYLOADS, start=1):
        (hand / f"p{number:02d}.md").write_text(article_text(number, payload), encoding="utf-8")
