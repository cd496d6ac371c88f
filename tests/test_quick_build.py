"""`build` after an edit of articles' text alone: written from the model the last whole build kept
(digest/snapshot.py, digest/quick.py), and byte for byte what a clean build makes; anything else, or any doubt,
and the whole build runs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import DigestError
from digest.pipeline import BuildResult, build
from tests.conftest import BASE_PATH, FIXTURE_SITE, ROOT, tree
from tests.unit.test_quick import ARTICLE, LEDE  # the same article, edited the same ways as serve's preview


@pytest.fixture
def project(tmp_path: Path):
    """A copy of the fixture content, built once by a whole build; returns (content, dist, config)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    cfg = load_config(FIXTURE_SITE / "site.toml", base_url=BASE_PATH)
    result = _build(cfg, content, tmp_path / "dist")
    assert not _was_quick(result)
    return content, tmp_path / "dist", cfg


def _build(cfg, content: Path, out: Path, **options) -> BuildResult:
    return build(cfg, content, out, ROOT / "templates", search=False, **options)


def _was_quick(result: BuildResult) -> bool:
    return [stage for stage, _ in result.timings] == ["quick edit"]


def _edit(content: Path, old: str, new: str, name: str = ARTICLE) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _clean(cfg, content: Path, out: Path) -> dict[str, bytes]:
    build(cfg, content, out, ROOT / "templates", cache=False, search=False)
    return tree(out)


EDITS = {
    "a word deep in the text": [("随后调研组参观了", "随后调研组认真参观了")],
    "the lede (the summary every list shows)": [(LEDE, "为了推动人工智能产业高质量发展")],
    "a new subheading (the table of contents and heading ids)": [
        ("随后调研组参观了", "\n## 参观企业\n\n随后调研组参观了")],
    "hostile text": [("随后调研组参观了", "随后调研组<script>alert(1)</script>参观了")],
}


@pytest.mark.parametrize("edits", EDITS.values(), ids=EDITS.keys())
def test_a_text_edit_is_quick_and_gives_the_bytes_of_a_clean_build(project, tmp_path: Path, edits) -> None:
    content, dist, cfg = project
    before = tree(dist)
    for old, new in edits:
        _edit(content, old, new)
    result = _build(cfg, content, dist)
    assert _was_quick(result)
    after = tree(dist)
    assert after == _clean(cfg, content, tmp_path / "clean")
    assert result.changed == sum(before.get(name) != data for name, data in after.items()) > 0
    assert _build(cfg, content, dist).timings[0][0] == "inputs unchanged"  # dist/ is known to be this build


def test_edits_of_two_articles_and_then_another_are_each_quick(project, tmp_path: Path) -> None:
    content, dist, cfg = project
    other = "2021/01/15/gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao.md"
    _edit(content, LEDE, "为了推动人工智能产业高质量发展")
    body = (content / other).read_text(encoding="utf-8").rstrip("\n")
    (content / other).write_text(body + "\n\n补充的一段话。\n", encoding="utf-8")
    assert _was_quick(_build(cfg, content, dist))
    _edit(content, "随后调研组参观了", "随后调研组又参观了")  # the model the quick build kept is used again
    assert _was_quick(_build(cfg, content, dist))
    assert tree(dist) == _clean(cfg, content, tmp_path / "clean")


@pytest.mark.parametrize("old, new", [
    ("title: 省工信厅", "title: 市工信厅"), ("date: 2021-01-13", "date: 2021-01-12"),
    ("authors: [孙庆辉]", "authors: [孙庆辉, 李四]"), ("tags: []", "tags: [调研]"), ("draft: false", "draft: true"),
])
def test_anything_but_the_text_runs_the_whole_build(project, tmp_path: Path, old: str, new: str) -> None:
    content, dist, cfg = project
    _edit(content, old, new)
    assert not _was_quick(_build(cfg, content, dist))
    assert tree(dist) == _clean(cfg, content, tmp_path / "clean")


def test_an_article_without_a_slug_runs_the_whole_build(project, tmp_path: Path) -> None:
    # Its slug is made from its title and every other slug of its day: load_content's to say.
    content, dist, cfg = project
    name = "2021/01/15/second.md"
    body = (content / name).read_text(encoding="utf-8").rstrip("\n")
    assert "slug:" not in body
    (content / name).write_text(body + "\n\n补充的一段话。\n", encoding="utf-8")
    assert not _was_quick(_build(cfg, content, dist))
    assert tree(dist) == _clean(cfg, content, tmp_path / "clean")


def test_a_new_file_a_changed_setting_or_template_runs_the_whole_build(project, tmp_path: Path) -> None:
    content, dist, cfg = project
    shutil.copy(content / ARTICLE, content / "2021" / "copy.md")
    (content / "2021" / "copy.md").write_text(
        (content / ARTICLE).read_text(encoding="utf-8").replace("slug: sheng", "slug: copy-sheng"), encoding="utf-8")
    _edit(content, LEDE, "为了推动人工智能产业高质量发展")
    assert not _was_quick(_build(cfg, content, dist))
    _edit(content, "随后调研组参观了", "随后调研组认真参观了")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "404.html").write_text((templates / "404.html").read_text(encoding="utf-8") + "\n",
                                        encoding="utf-8")
    assert not _was_quick(build(cfg, content, dist, templates, search=False))


def test_with_a_search_index_an_edit_is_quick_and_its_shard_indexed_again(project, tmp_path: Path,
                                                                         monkeypatch) -> None:
    from digest import search

    monkeypatch.setattr(search, "_LAST", {})  # this process's last bundles stay those of the tests before
    content, dist, cfg = project
    assert not _was_quick(build(cfg, content, dist, ROOT / "templates"))  # a model with the search shards
    before = tree(dist)
    _edit(content, "随后调研组参观了", "随后调研组认真参观了")
    result = build(cfg, content, dist, ROOT / "templates")
    assert _was_quick(result)
    after = tree(dist)
    build(cfg, content, tmp_path / "clean", ROOT / "templates", cache=False)
    assert after == tree(tmp_path / "clean")
    assert any(name.startswith("pagefind/") and before.get(name) != data for name, data in after.items())
    assert set(before) - set(after), "the old bundle's fragments of the edited article are gone"
    assert result.files == len(after)
    again = build(cfg, content, dist, ROOT / "templates")
    assert again.timings[0][0] == "inputs unchanged" and again.files == len(after)


def test_a_whole_build_indexes_only_the_shards_whose_articles_changed(project, monkeypatch) -> None:
    from digest import search

    indexed: list[str] = []
    batch = search._build_batch

    def counting(groups):
        indexed.extend(name for name, _ in groups)
        return batch(groups)

    monkeypatch.setattr(search, "_build_batch", counting)
    monkeypatch.setattr(search, "_LAST", {})
    content, dist, cfg = project
    build(cfg, content, dist, ROOT / "templates")
    assert indexed
    indexed.clear()
    search._LAST.clear()  # as in a new process: the bundles come from the build cache
    templates = dist.parent / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "404.html").write_text((templates / "404.html").read_text(encoding="utf-8") + "\n",
                                        encoding="utf-8")
    assert not _was_quick(build(cfg, content, dist, templates))
    assert indexed == []  # no article changed


def test_a_broken_edit_is_the_whole_build_s_error_and_dist_stays(project) -> None:
    content, dist, cfg = project
    before = tree(dist)
    _edit(content, "title: 省工信厅", "title: [broken")
    with pytest.raises(DigestError, match=re.escape(ARTICLE)):
        _build(cfg, content, dist)
    assert tree(dist) == before


def test_a_damaged_model_or_a_folder_gone_from_dist_runs_the_whole_build(project, tmp_path: Path) -> None:
    content, dist, cfg = project
    shard = tmp_path / ".dist.cache" / "model" / "stories.0000.pickle"
    shard.write_bytes(shard.read_bytes()[:100])
    _edit(content, "随后调研组参观了", "随后调研组认真参观了")
    assert not _was_quick(_build(cfg, content, dist))
    shutil.rmtree(dist / "tags")
    _edit(content, "随后调研组认真参观了", "随后调研组又参观了")
    assert not _was_quick(_build(cfg, content, dist))
    assert tree(dist) == _clean(cfg, content, tmp_path / "clean")


def test_a_file_changed_by_hand_in_dist_is_repaired_by_the_next_build(project, tmp_path: Path) -> None:
    # The quick build checks dist/'s folders, not each of its files; the build after it checks every file.
    content, dist, cfg = project
    (dist / "404.html").write_bytes(b"changed by hand")
    _edit(content, "随后调研组参观了", "随后调研组认真参观了")
    assert _was_quick(_build(cfg, content, dist))
    assert not _was_quick(_build(cfg, content, dist))
    assert tree(dist) == _clean(cfg, content, tmp_path / "clean")


def test_a_quick_build_in_a_new_process(project, tmp_path: Path) -> None:
    content, dist, cfg = project
    _edit(content, LEDE, "为了推动人工智能产业高质量发展")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--verbose", "--no-search", "--content", str(content),
         "--out", str(dist), "--config", str(FIXTURE_SITE / "site.toml"), "--base-url", BASE_PATH,
         "--templates", str(ROOT / "templates")],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": "7"})
    assert result.returncode == 0, result.stderr
    assert "quick edit:" in result.stderr
    assert tree(dist) == _clean(cfg, content, tmp_path / "clean")
