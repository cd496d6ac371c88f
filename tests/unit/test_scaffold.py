import datetime as dt
from pathlib import Path

import pytest

from digest.config import SiteConfig
from digest.content import _KEYS, load_content
from digest.errors import DigestError
from digest.scaffold import new_article, parse_day, today


def test_new_article_lists_every_key_and_loads(tmp_path: Path) -> None:
    path = new_article(tmp_path, " 高新区举办科技活动周 ", dt.date(2021, 5, 20), section="要闻")
    assert path == tmp_path / "2021/05/20/gao-xin-qu-ju-ban-ke-ji-huo-dong-zhou.md"
    text = path.read_text(encoding="utf-8")
    keys = {line.split(":")[0] for line in text.split("---")[1].splitlines() if line and not line.startswith("#")}
    # ingest's keys, and the two the build works out when absent, are named in a comment only
    assert keys == _KEYS - {"source", "source_index", "people", "topics"}
    assert "# source and source_index are ingest's" in text
    assert "# people and topics (persons named, subject words) are proposed from the text" in text
    assert all("   # " in line for line in text.split("---")[1].splitlines() if line and line[0] != "#")
    [article] = load_content(tmp_path)
    assert (article.title, article.date, article.section, article.slug) == \
        ("高新区举办科技活动周", dt.date(2021, 5, 20), "要闻", "gao-xin-qu-ju-ban-ke-ji-huo-dong-zhou")
    assert (article.edition, article.authors, article.corrections, article.updated, article.draft) == \
        (None, (), (), None, False)


def test_an_undated_article_goes_to_undated(tmp_path: Path) -> None:
    path = new_article(tmp_path, "来信", None)
    assert path == tmp_path / "undated/lai-xin.md"
    [article] = load_content(tmp_path)
    assert (article.day, article.section) == (None, None)


@pytest.mark.parametrize("title", ["2021", "null", "标题: 副 #题", '引号"与\\反斜杠', "- 列表", "[方括号]"])
def test_titles_that_yaml_would_misread_are_quoted(tmp_path: Path, title: str) -> None:
    new_article(tmp_path, title, dt.date(2021, 5, 20))
    [article] = load_content(tmp_path)
    assert article.title == title


def test_new_never_overwrites(tmp_path: Path) -> None:
    path = new_article(tmp_path, "来信", dt.date(2021, 5, 20))
    path.write_text("---\ntitle: 已写好\n---\n", encoding="utf-8")
    with pytest.raises(DigestError) as caught:
        new_article(tmp_path, "来信", dt.date(2021, 5, 20))
    assert str(caught.value) == f"{path}: already exists; not overwritten (edit it, or choose another title)"
    assert path.read_text(encoding="utf-8") == "---\ntitle: 已写好\n---\n"


def test_an_empty_title_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DigestError, match=r"^new: the title must not be empty$"):
        new_article(tmp_path, "  ", None)


def test_parse_day() -> None:
    assert parse_day("2021-05-20") == dt.date(2021, 5, 20)
    assert parse_day("none") is None
    for bad in ("2021-02-30", "2021-5-20", "20210520", "明天"):
        with pytest.raises(DigestError) as caught:
            parse_day(bad)
        assert str(caught.value) == f"--date: '{bad}' is not a date such as 2021-05-20 (or none)"


def test_today_is_the_papers_day_not_the_machines() -> None:
    late_utc = dt.datetime(2021, 5, 19, 17, 30, tzinfo=dt.UTC)  # 01:30 on the 20th in Beijing
    assert today(SiteConfig(), late_utc) == dt.date(2021, 5, 20)
    assert today(SiteConfig(timezone="UTC"), late_utc) == dt.date(2021, 5, 19)
