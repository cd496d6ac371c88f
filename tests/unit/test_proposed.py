"""digest/proposed.py: persons named and topics worked out at build time for articles without those keys."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from digest.config import load_config
from digest.content import Article, load_content
from digest.pipeline import BuildRequest, build
from digest.preview import quick_outputs
from digest.proposed import proposal_key, propose, with_proposals
from digest.session import BuildSession
from tests.conftest import BASE_PATH, FIXTURE_SITE, ROOT, tree

BODY = ("本报讯 7月8日，区委书记王新亭主持召开基层党建工作会议。王新亭说，要把基层党建抓实抓细。\n\n"
        "## 安全生产\n\n副县长杨帆表示，**安全生产**是底线，[详见](https://example.org/)通报。\n")
HAND = f"""---
title: 高新区召开基层党建工作会议
date: 2021-01-14
authors: [李娜]
slug: hand-written
---

{BODY}"""


def hand(**keys: object) -> Article:
    given = {"path": "hand.md", "title": "高新区召开基层党建工作会议", "body": BODY, "authors": ("李娜",), "slug": "h"}
    return Article(**{**given, **keys})


def test_absent_keys_are_worked_out_from_the_text_without_the_byline() -> None:
    [article] = with_proposals([hand(body=BODY + "\n记者 李娜\n")])
    assert article.mentions == ("王新亭", "杨帆")
    assert 3 <= len(article.topics) <= 6 and "党建" in article.topics


def test_present_keys_are_kept_even_empty() -> None:
    given = [hand(mentions=(), topics=()), hand(mentions=("张三",), topics=("交通",))]
    assert with_proposals(given) == given
    [half] = with_proposals([hand(mentions=())])
    assert half.mentions == () and half.topics == propose(hand())[1]


class CountingMap:
    """A mapper that counts the articles it was given (read by rjieba)."""

    def __init__(self) -> None:
        self.read = 0

    def __call__(self, function, items):
        self.read += len(items)
        return [function(item) for item in items]


def test_lists_are_kept_by_the_text_they_are_read_from() -> None:
    memo, mapper = {}, CountingMap()
    with_proposals([hand(), hand(mentions=())], memo, mapper)
    assert mapper.read == 1 and list(memo) == [proposal_key(hand())]
    with_proposals([hand(path="moved.md", date=None)], memo, mapper)  # what is not read is not in the key
    assert mapper.read == 1
    with_proposals([hand(body=BODY.replace("杨帆", "赵金锁"))], memo, mapper)
    assert mapper.read == 2


def _project(tmp_path: Path) -> tuple[Path, object]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    (content / "2021/01/14/hand-written.md").write_text(HAND, encoding="utf-8")
    return content, load_config(FIXTURE_SITE / "site.toml", base_url=BASE_PATH)


def test_a_build_gives_them_pages_writes_nothing_back_and_reads_each_text_once(tmp_path: Path) -> None:
    content, cfg = _project(tmp_path)
    session = BuildSession(tmp_path / "store")
    request = BuildRequest(cfg, content, tmp_path / "dist", ROOT / "templates", search=False)
    build(request, session)
    page = tree(tmp_path / "dist")["2021/01/14/hand-written/index.html"].decode()
    assert "people/wang-xin-ting/" in page and "people/yang-fan/" in page
    assert (content / "2021/01/14/hand-written.md").read_text(encoding="utf-8") == HAND
    assert len(session.proposed) > 0
    # A new session over the same store reads no text again (the mapper would count them).
    mapper = CountingMap()
    with_proposals(load_content(content, False), BuildSession(tmp_path / "store").proposed, mapper)
    assert mapper.read == 0


def test_quick_preview_leaves_an_edit_that_changes_the_lists_to_the_whole_build(tmp_path: Path) -> None:
    content, cfg = _project(tmp_path)
    session = BuildSession.in_memory()
    result = build(BuildRequest(cfg, content, tmp_path / "dist", ROOT / "templates", search=False), session)
    path = content / "2021/01/14/hand-written.md"
    path.write_text(HAND.replace("是底线", "是红线"), encoding="utf-8")  # the same persons and topics
    found = quick_outputs(result.site, cfg, content, ROOT / "templates", [path], proposals=session.proposed)
    assert found is not None
    clean = tmp_path / "clean"
    build(BuildRequest(cfg, content, clean, ROOT / "templates", search=False), BuildSession.in_memory())
    assert all(o.data == tree(clean)[o.path] for o in found[0])
    path.write_text(HAND.replace("杨帆", "赵金锁"), encoding="utf-8")  # another person named
    assert quick_outputs(result.site, cfg, content, ROOT / "templates", [path], proposals=session.proposed) is None


def test_articles_with_both_keys_or_their_lists_in_the_store_need_no_ingest_code() -> None:
    # Importing the ingest package takes half a second: a build with nothing to read never pays it.
    code = ("import sys; from digest.content import Article; from digest.proposed import proposal_key, "
            "with_proposals; with_proposals([Article('a.md', 't', 'b', mentions=(), topics=())]); "
            "hand = Article('h.md', 't', 'b'); "
            "assert with_proposals([hand], {proposal_key(hand): (('甲',), ('乙',))})[0].mentions == ('甲',); "
            "assert 'digest.ingest' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
