"""Nothing lost: reruns rewrite nothing, hand edits are kept, slugs never change."""
from __future__ import annotations

import shutil

import pytest

from digest.ingest import ingest
from tests.helpers import FIXTURES, REAL_SEED, read_article, run_cli


@pytest.fixture
def project(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(REAL_SEED, tmp_path / "seeds")
    return tmp_path


def _snapshot(content):
    return {p.relative_to(content).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(content.rglob("*")) if p.is_file()}


def test_rerun_on_unchanged_seeds_rewrites_nothing(project):
    ingest(project / "seeds", project / "content")
    before = _snapshot(project / "content")
    report = ingest(project / "seeds", project / "content")
    assert _snapshot(project / "content") == before
    assert {a.status for a in report.seeds[0].articles} == {"unchanged"}


def test_a_hand_edited_file_is_kept_and_reported(project):
    ingest(project / "seeds", project / "content")
    path = next((project / "content").rglob("*.md"))
    edited = path.read_text(encoding="utf-8").replace("draft: false", "draft: true") + "\n编辑补充的一段。\n"
    path.write_text(edited, encoding="utf-8")
    result = run_cli("ingest", "--seeds", str(project / "seeds"), "--content", str(project / "content"))
    assert result.returncode == 0
    assert path.read_text(encoding="utf-8") == edited
    assert f"warning: {path}: edited by hand since the last ingest; kept (ingest --force regenerates it)" \
        in result.stderr.splitlines()


def test_force_regenerates_an_edited_file(project):
    ingest(project / "seeds", project / "content")
    path = next((project / "content").rglob("*.md"))
    original = path.read_bytes()
    path.write_text("---\ntitle: 改过\n---\n", encoding="utf-8")
    report = ingest(project / "seeds", project / "content", force=True)
    assert path.read_bytes() == original
    assert "forced" in {a.status for a in report.seeds[0].articles}


def test_an_edited_file_stays_edited_on_later_runs(project):
    ingest(project / "seeds", project / "content")
    path = next((project / "content").rglob("*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "补充\n", encoding="utf-8")
    ingest(project / "seeds", project / "content")
    report = ingest(project / "seeds", project / "content")
    assert path.read_text(encoding="utf-8").endswith("补充\n")
    assert "kept" in {a.status for a in report.seeds[0].articles}


def test_a_changed_seed_updates_untouched_files(project):
    ingest(project / "seeds", project / "content")
    seed = project / "seeds" / REAL_SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("王新亭主持", "王新亭同志主持"), encoding="utf-8")
    report = ingest(project / "seeds", project / "content")
    statuses = [a.status for a in report.seeds[0].articles]
    assert statuses == ["updated", "unchanged", "unchanged"]


def test_a_slug_never_changes_when_the_title_does(project):
    ingest(project / "seeds", project / "content")
    first = {m["source_index"]: m["slug"] for m in (read_article(p)[0] for p in (project / "content").rglob("*.md"))}
    seed = project / "seeds" / REAL_SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("迎来“大考”", "迎来年度“大考”"), encoding="utf-8")
    ingest(project / "seeds", project / "content")
    metas = [read_article(p)[0] for p in (project / "content").rglob("*.md")]
    assert {m["source_index"]: m["slug"] for m in metas} == first
    assert "高新区基层党组织书记迎来年度“大考”" in {m["title"] for m in metas}


def test_slugs_survive_a_lost_manifest(project):
    ingest(project / "seeds", project / "content")
    before = _snapshot(project / "content")
    (project / "content" / ".ingest.json").unlink()
    report = ingest(project / "seeds", project / "content")
    after = _snapshot(project / "content")
    assert {k: v for k, v in after.items() if k != ".ingest.json"} == \
        {k: v for k, v in before.items() if k != ".ingest.json"}
    assert {a.status for a in report.seeds[0].articles} == {"unchanged"}


def test_new_seeds_add_files_and_same_titles_get_distinct_slugs(project):
    ingest(project / "seeds", project / "content")
    before = _snapshot(project / "content")
    shutil.copy(REAL_SEED, project / "seeds" / "001_reprint.txt")
    report = ingest(project / "seeds", project / "content")
    after = _snapshot(project / "content")
    assert all(after[k] == v for k, v in before.items() if k != ".ingest.json")
    new = report.seeds[1].articles
    assert [a.status for a in new] == ["created"] * 3
    assert new[0].slug == "gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao-2"


def test_no_temporary_files_are_left_behind(project):
    shutil.copytree(FIXTURES / "seeds", project / "seeds", dirs_exist_ok=True)
    ingest(project / "seeds", project / "content")
    assert not [p for p in (project / "content").rglob("*") if p.name.endswith(".tmp")]
