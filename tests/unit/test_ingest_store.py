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


def _ingest_cli(project, *extra):
    return run_cli("ingest", "--seeds", str(project / "seeds"), "--content", str(project / "content"), *extra)


def _edit(path, text="\n编辑补充的一段。\n"):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _warnings(result):
    """The warnings about hand edits (the seed's own, such as a guessed year, are printed on every run)."""
    return [line for line in result.stderr.splitlines() if line.startswith("warning:") and "by hand" in line]


def test_a_hand_edit_is_reported_once_and_again_after_a_new_edit(project):
    ingest(project / "seeds", project / "content")
    path = next((project / "content").rglob("*.md"))
    warning = f"warning: {path}: edited by hand since the last ingest; kept (ingest --force regenerates it)"
    _edit(path)
    assert _warnings(_ingest_cli(project)) == [warning]
    second = _ingest_cli(project)
    assert _warnings(second) == []
    assert "1 kept as edited by hand; 1 warning" in second.stdout  # the seed's guessed year
    _edit(path, "又改了一次。\n")
    assert _warnings(_ingest_cli(project, "--quiet")) == [warning]  # --quiet still shows a new edit
    assert _warnings(_ingest_cli(project)) == []


def test_quiet_prints_only_warnings_and_errors(project):
    ingest(project / "seeds", project / "content")
    _edit(next((project / "content").rglob("*.md")))
    result = _ingest_cli(project, "--quiet")
    assert result.returncode == 0
    assert result.stdout == ""
    assert len(_warnings(result)) == 1
    assert all(line.startswith("warning: ") for line in result.stderr.splitlines())


def test_an_accepted_edit_is_the_new_baseline(project):
    first = ingest(project / "seeds", project / "content").seeds[0].articles[0]
    path = project / "content" / first.path
    _edit(path)
    edited = path.read_bytes()
    result = _ingest_cli(project, "--accept", str(path))
    assert result.returncode == 0, result.stderr
    assert _warnings(result) == []
    assert result.stdout.endswith("0 kept as edited by hand, 1 accepted; 1 warning\n")
    again = _ingest_cli(project)
    assert path.read_bytes() == edited
    assert "3 unchanged, 0 kept as edited by hand; 1 warning" in again.stdout
    # Ingest owns the file again: when its seed changes, it is regenerated like any file nobody edited.
    seed = project / "seeds" / REAL_SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("王新亭主持", "王新亭同志主持"), encoding="utf-8")
    report = ingest(project / "seeds", project / "content")
    assert report.seeds[0].articles[0].status == "updated"
    assert "编辑补充的一段" not in path.read_text(encoding="utf-8")


def test_accepting_a_file_ingest_did_not_write_is_an_error(project):
    ingest(project / "seeds", project / "content")
    other = project / "content" / "mine.md"
    other.write_text("---\ntitle: 手写\n---\n", encoding="utf-8")
    result = _ingest_cli(project, "--accept", str(other))
    assert result.returncode == 1
    assert result.stderr == f"error: {other}: no ingested article is recorded at this file; nothing to accept\n"


def _undated_project(tmp_path):
    (tmp_path / "seeds").mkdir()
    shutil.copy(FIXTURES / "seeds" / "070_no_year.txt", tmp_path / "seeds")
    ingest(tmp_path / "seeds", tmp_path / "content")
    assert len(list((tmp_path / "content" / "undated").glob("*.md"))) == 2
    return tmp_path


def _give_the_year(project):
    (project / "seeds" / "seeds.toml").write_text('["070_no_year.txt"]\ndate = 2021-05-21\n', encoding="utf-8")


def test_undated_articles_that_get_a_date_move_and_leave_no_empty_folder(tmp_path):
    project = _undated_project(tmp_path)
    _give_the_year(project)
    report = ingest(project / "seeds", project / "content")
    assert [(a.status, a.path) for a in report.seeds[0].articles] == [
        ("updated", "2021/05/20/she-qu-kai-zhan-zhi-yuan-fu-wu-huo-dong.md"),
        ("updated", "2021/05/21/yi-pian-mei-you-ri-qi-de-duan-xun.md"),
    ]
    assert not (project / "content" / "undated").exists()


def test_an_edited_undated_article_is_kept_and_named_where_it_is(tmp_path):
    project = _undated_project(tmp_path)
    content = project / "content"
    kept = content / "undated" / "yi-pian-mei-you-ri-qi-de-duan-xun.md"
    _edit(kept)
    _give_the_year(project)
    result = _ingest_cli(project, "--verbose")
    assert _warnings(result) == [
        f"warning: {kept}: edited by hand since the last ingest; kept (ingest --force regenerates it); its place "
        f"is now {content}/2021/05/21/yi-pian-mei-you-ri-qi-de-duan-xun.md"]
    listing = "    2 kept      undated/yi-pian-mei-you-ri-qi-de-duan-xun.md  一篇没有日期的短讯"
    assert listing in result.stdout.splitlines()
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md")) == [
        "2021/05/20/she-qu-kai-zhan-zhi-yuan-fu-wu-huo-dong.md", "undated/yi-pian-mei-you-ri-qi-de-duan-xun.md"]
    forced = _ingest_cli(project, "--force")
    assert forced.returncode == 0
    assert not (content / "undated").exists()
