"""Ingest writes `people` and `topics` into the front matter, and keeps a list an editor corrected."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from digest.ingest import ingest
from tests.helpers import REAL_SEED, read_article, run_cli


@pytest.fixture
def project(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(REAL_SEED, tmp_path / "seeds")
    return tmp_path


def _first(project):
    report = ingest(project / "seeds", project / "content")
    return project / "content" / report.seeds[0].articles[0].path


def _set(path, key, value):
    """Replace the front matter line of `key` as an editor would."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE), encoding="utf-8")


def _change_seed(project, old, new):
    seed = project / "seeds" / REAL_SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_ingest_proposes_people_and_topics(project):
    front, _ = read_article(_first(project))
    assert front["people"] == ["王新亭", "张朝辉"]  # 记者 孙庆辉 and 通讯员 are credits, not mentions
    assert front["authors"] == ["孙庆辉"]
    assert 3 <= len(front["topics"]) <= 6 and front["topics"][0] == "党建"
    keys = list(front)
    assert keys[keys.index("order") + 1:keys.index("tags")] == ["people", "topics"]  # DESIGN.md §2's order


def test_the_manifest_records_what_ingest_proposed(project):
    _first(project)
    entries = json.loads((project / "content" / ".ingest.json").read_text(encoding="utf-8"))["articles"]
    proposed = entries[f"{REAL_SEED.name}#1"]["proposed"]
    assert proposed["people"] == ["王新亭", "张朝辉"]
    assert set(proposed) == {"people", "topics"}


def test_a_corrected_people_list_is_kept_and_survives_force(project):
    path = _first(project)
    _set(path, "people", "[王新亭]")
    # A corrected list is what ingest writes from then on: the file is not a hand edit that stops its updates.
    again = run_cli("ingest", "--seeds", str(project / "seeds"), "--content", str(project / "content"))
    assert "by hand" not in again.stderr
    assert read_article(path)[0]["people"] == ["王新亭"]
    report = ingest(project / "seeds", project / "content", force=True)
    assert report.seeds[0].articles[0].status == "unchanged"  # --force writes the correction too
    front, _ = read_article(path)
    assert front["people"] == ["王新亭"]
    assert front["topics"][0] == "党建"  # the list nobody corrected is ingest's


def test_a_corrected_list_survives_a_change_of_the_seed(project):
    path = _first(project)
    _set(path, "people", "[王新亭]")
    ingest(project / "seeds", project / "content")
    _change_seed(project, "王新亭主持", "王新亭同志主持")
    assert ingest(project / "seeds", project / "content").seeds[0].articles[0].status == "updated"
    front, body = read_article(path)
    assert front["people"] == ["王新亭"]
    assert "王新亭同志主持" in body


def test_corrected_lists_survive_when_an_accepted_file_is_regenerated(project):
    path = _first(project)
    _set(path, "topics", "[党建, 述职评议]")
    assert run_cli("ingest", "--seeds", str(project / "seeds"), "--content", str(project / "content"),
                   "--accept", str(path)).returncode == 0
    _change_seed(project, "王新亭主持", "王新亭同志主持")
    assert ingest(project / "seeds", project / "content").seeds[0].articles[0].status == "updated"
    front, body = read_article(path)
    assert front["topics"] == ["党建", "述职评议"]
    assert "王新亭同志主持" in body


def test_a_list_nobody_corrected_follows_the_seed(project):
    path = _first(project)
    _set(path, "draft", "false  # checked")  # an edit, but not of the lists
    assert run_cli("ingest", "--seeds", str(project / "seeds"), "--content", str(project / "content"),
                   "--accept", str(path)).returncode == 0
    _change_seed(project, "张朝辉到会。", "张朝辉到会，区委副书记李明华陪同。")
    ingest(project / "seeds", project / "content")
    assert read_article(path)[0]["people"] == ["王新亭", "张朝辉", "李明华"]


def test_removing_a_list_asks_for_ingest_proposal_again(project):
    path = _first(project)
    _set(path, "people", "[王新亭]")
    ingest(project / "seeds", project / "content", force=True)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^people: .*\n", "", text, flags=re.MULTILINE), encoding="utf-8")
    ingest(project / "seeds", project / "content", force=True)
    assert read_article(path)[0]["people"] == ["王新亭", "张朝辉"]


def test_a_corrected_list_survives_a_lost_manifest(project):
    path = _first(project)
    _set(path, "people", "[王新亭]")
    (project / "content" / ".ingest.json").unlink()
    ingest(project / "seeds", project / "content", force=True)
    assert read_article(path)[0]["people"] == ["王新亭"]


def _manifest(project):
    return project / "content" / ".ingest.json"


def test_an_unchanged_text_is_not_read_again(project):
    path = _first(project)
    record = json.loads(_manifest(project).read_text(encoding="utf-8"))
    entry = record["articles"][f"{REAL_SEED.name}#1"]
    assert len(entry["read_from"]) == 64
    entry["proposed"]["people"] = ["王新亭"]  # as if an earlier run had proposed this for the same text
    _manifest(project).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    ingest(project / "seeds", project / "content")
    assert read_article(path)[0]["people"] == ["王新亭"]
    entry["read_from"] = "0" * 64  # another text (or other rules): read again
    entry["sha256"] = json.loads(_manifest(project).read_text(encoding="utf-8"))["articles"][
        f"{REAL_SEED.name}#1"]["sha256"]
    _manifest(project).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    ingest(project / "seeds", project / "content")
    assert read_article(path)[0]["people"] == ["王新亭", "张朝辉"]


def test_an_edited_file_from_before_people_and_topics_is_told_what_ingest_would_add(project):
    path = _first(project)
    text = path.read_text(encoding="utf-8").replace("会议由", "（已编辑）会议由")
    path.write_text("".join(line for line in text.splitlines(keepends=True)
                            if not line.startswith(("people:", "topics:"))), encoding="utf-8")
    edited = path.read_bytes()
    report = ingest(project / "seeds", project / "content")
    assert path.read_bytes() == edited
    warning = next(w for w in report.seeds[0].warnings if str(path) in w)
    assert "; ingest would add people: [王新亭, 张朝辉], topics: [党建, " in warning
