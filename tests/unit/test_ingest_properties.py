"""Property tests: ingest never crashes on arbitrary text, and what it writes always parses."""
from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import SourceError
from digest.ingest import ingest
from digest.ingest.names import is_personal_name
from digest.ingest.parse import parse_seed
from digest.ingest.text import han_chars
from tests.helpers import han_placed

PIECES = st.sampled_from([
    "## ", "# ", "### ", "\n", "\n\n", "本报讯", "记者 孙庆辉", "通讯员 刘子静", "1月15日", "12月31日",
    "2021年", "。", "，", ",", ":", "(", ")", "“", "”", "——", "<script>", "*", "_", "[", "]", "&", "#话题#",
    "(下转第三版)", "2021年3月8日 星期一", "责编:张三", "▲ 图片 记者 王五 摄", "新华社北京3月8日电",
    "高新区", "---", "\r\n", "\u3000", "\\", "`", "{{", "'", '"', ": ", "- ", "1. ", "> ",
    # Words that sit where names do, and must never become people.
    "记者：", "报道", "整理", "园内休闲 摄", "王局长", "李女士", "（下同）", "文/", "图/", "□", "实习生", "#  #",
    "本报评论员", "摄影报道", "、", "（", "）", "王 平", "\ufeff",
])
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_parse_seed_never_crashes_and_keeps_titles(text):
    seed = parse_seed(text.replace("\r\n", "\n").replace("\r", "\n"))
    for article in seed.articles:
        assert article.title.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=300)))
def test_ingest_output_always_parses(data):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        (root / "seeds" / "x.txt").write_bytes(data)
        report = ingest(root / "seeds", root / "content")
        files = sorted((root / "content").rglob("*.md")) if (root / "content").exists() else []
        if report.errors:
            assert files == []
            assert report.errors[0].startswith(str(root / "seeds" / "x.txt"))
        for path in files:
            text = path.read_text(encoding="utf-8")
            head, _ = text[4:].split("\n---\n", 1)
            meta = yaml.safe_load(head)
            assert isinstance(meta["title"], str) and meta["title"]
            assert meta["source"] == "x.txt"
        assert ingest(root / "seeds", root / "content").errors == report.errors


def test_source_error_is_one_line(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00")
    error = SourceError(path, 1, "binary")
    assert "\n" not in str(error)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_every_credited_name_is_a_plausible_personal_name(text):
    seed = parse_seed(text.replace("\r\n", "\n").replace("\r", "\n"))
    for article in seed.articles:
        for role in ("authors", "correspondents", "photographers", "interns"):
            assert all(is_personal_name(name) for name in getattr(article.credits, role))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_every_han_character_is_accounted_for(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    assert han_placed(parse_seed(text)) == Counter(han_chars(text))
