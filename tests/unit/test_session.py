"""The build session makes builds faster, never different: every incremental build equals a clean build."""
from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from digest.config import load_config
from digest.pipeline import BuildRequest, build
from digest.session import BuildSession
from digest.store import Memo, cache_folder
from tests.conftest import FIXTURE_SITE, ROOT, tree

SECOND = Path("2021/01/15/second.md")
PAGE = "2021/01/15/di-er-pian-tong-yi-tian-de-ling-yi-pian-bao-dao/index.html"  # its slug comes from its title


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture site's content, config and templates (each test edits its own)."""
    shutil.copytree(FIXTURE_SITE / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    config = (FIXTURE_SITE / "site.toml").read_text(encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "site.toml").write_text(config.replace("../../../site", str(ROOT / "site")), encoding="utf-8")
    return tmp_path


def _build(project: Path, out: str, session: BuildSession | None = None):
    cfg = load_config(project / "site" / "site.toml", base_url="/news-digest/")
    return build(BuildRequest(cfg, project / "content", project / out, project / "templates", search=False), session)


def _clean(project: Path) -> dict[str, bytes]:
    """A build with no cache at all, in a fresh folder."""
    shutil.rmtree(project / "clean", ignore_errors=True)
    _build(project, "clean", BuildSession.in_memory())
    return tree(project / "clean")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_no_change_rebuild_renders_and_writes_nothing(project: Path) -> None:
    first = _build(project, "dist")
    assert first.changed == first.files
    before = {p: (project / "dist" / p).stat().st_ino for p in tree(project / "dist")}
    again = _build(project, "dist")
    assert again.changed == 0
    assert [stage for stage, _ in again.timings] == ["nothing changed"]
    assert tree(project / "dist") == _clean(project)
    assert {p: (project / "dist" / p).stat().st_ino for p in tree(project / "dist")} == before


def _check_incremental(project: Path, change, *expect_changed: str) -> None:
    """Build, change something, build again with the cache: equal to a clean build, and these pages changed."""
    _build(project, "dist")
    before = tree(project / "dist")
    change(project)
    result = _build(project, "dist")
    after = tree(project / "dist")
    assert after == _clean(project)
    assert 0 < result.changed < result.files or not expect_changed
    for path in expect_changed:
        assert before.get(path) != after.get(path), path


def test_article_edit(project: Path) -> None:
    def change(p: Path) -> None:
        _edit(p / "content" / SECOND, "这是第二篇报道的第一句话", "这是改过的第二篇报道的第一句话")

    _check_incremental(project, change, PAGE, "index.html", "2021/01/15/index.html",
                       "reporters/sun-qing-hui/index.html", "atom.xml", "feed.json")


def test_title_edit_reaches_neighbours_and_related(project: Path) -> None:
    def change(p: Path) -> None:
        _edit(p / "content" / SECOND, "title: 第二篇：同一天的另一篇报道", "title: 改过的标题")

    _check_incremental(project, change, PAGE, "2021/01/15/index.html", "sitemap.xml", "index.html")


def test_renamed_reporter(project: Path) -> None:
    def change(p: Path) -> None:
        _edit(p / "content" / SECOND, "authors: [孙庆辉, 张伟]", "authors: [孙庆辉, 张为民]")

    _check_incremental(project, change, PAGE, "reporters/index.html")
    assert (project / "dist" / "reporters" / "zhang-wei-min" / "index.html").exists()


def test_a_person_named_and_a_topic_added(project: Path) -> None:
    def change(p: Path) -> None:
        _edit(p / "content" / SECOND, "people: []\ntopics: [安全生产]", "people: [王新亭]\ntopics: [安全生产, 党建]")

    _check_incremental(project, change, PAGE, "people/wang-xin-ting/index.html", "people/index.html",
                       "topics/dang-jian/index.html", "topics/dang-jian/atom.xml")
    assert not (project / "dist" / "people" / "wang-xin-ting" / "2021").exists()  # paged plainly, not by month


def test_deleted_article(project: Path) -> None:
    def change(p: Path) -> None:
        (p / "content" / SECOND).unlink()

    _check_incremental(project, change, "index.html", "sitemap.xml", PAGE)
    assert not (project / "dist" / PAGE).parent.exists()


def test_new_article(project: Path) -> None:
    def change(p: Path) -> None:
        text = (p / "content" / SECOND).read_text(encoding="utf-8")
        text = text.replace("title: 第二篇", "title: 第三篇").replace("2021-01-15", "2021-01-16")
        (p / "content" / "2021" / "01" / "16").mkdir(parents=True)
        (p / "content" / "2021" / "01" / "16" / "third.md").write_text(text, encoding="utf-8")
        photo = (p / "content" / SECOND).parent / "park.jpg"  # the photo it shows, beside it as well
        (p / "content" / "2021" / "01" / "16" / "park.jpg").write_bytes(photo.read_bytes())

    _check_incremental(project, change, "index.html", "2021/01/16/index.html", "sitemap.xml")


def test_template_edit(project: Path) -> None:
    def change(p: Path) -> None:
        _edit(p / "templates" / "base.html", '<a class="skip" href="#main">跳到正文</a>',
              '<a class="skip" href="#main">跳到正文。</a>')

    _check_incremental(project, change, "index.html", PAGE)


def test_config_edit(project: Path) -> None:
    def change(p: Path) -> None:
        _edit(p / "site" / "site.toml", 'title = "测试日报"', 'title = "测试晚报"')

    _check_incremental(project, change, "index.html", "atom.xml", PAGE)


def test_corrupt_cache_is_ignored(project: Path) -> None:
    _build(project, "dist")
    for path in cache_folder(project / "dist").glob("*.pickle"):
        path.write_bytes(b"not a pickle" if path.name.startswith("content") else path.read_bytes()[:40])
    _edit(project / "content" / SECOND, "第四句话", "第四句")
    _build(project, "dist")
    assert tree(project / "dist") == _clean(project)


def test_cache_of_another_version_is_ignored(project: Path) -> None:
    memo = Memo(project / "cache", "derived", "old-version")
    memo[b"\0" * 32] = "stale"
    memo.save()
    assert b"\0" * 32 not in Memo(project / "cache", "derived", "new-version")
    assert Memo(project / "cache", "derived", "old-version")[b"\0" * 32] == "stale"


def test_hand_edited_output_is_rebuilt(project: Path) -> None:
    _build(project, "dist")
    page = project / "dist" / PAGE
    data = page.read_bytes()
    with open(page, "r+b") as handle:  # same size, same inode: only the mtime tells
        handle.write(b"X" + data[1:])
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1))
    (project / "dist" / "stray.html").write_text("stray")
    _build(project, "dist")
    assert tree(project / "dist") == _clean(project)
    assert [stage for stage, _ in _build(project, "dist").timings] == ["nothing changed"]


def test_serve_style_rebuilds_with_one_session_in_memory(project: Path) -> None:
    session = BuildSession.beside(project / "dist")
    _build(project, "dist", session)
    environments = dict(session.environments)
    for text in ("第二句话补充", "第三句话很长"):
        _edit(project / "content" / SECOND, text, text + "再")
        result = _build(project, "dist", session)
        assert tree(project / "dist") == _clean(project)
        assert 0 < result.changed < 30
        assert session.environments == environments  # the templates compiled once for the session


def test_a_session_in_memory_leaves_nothing_beside_the_output(project: Path) -> None:
    _build(project, "dist", BuildSession.in_memory())
    assert not cache_folder(project / "dist").exists()


def test_base_url_change(project: Path) -> None:
    _build(project, "dist")
    cfg = replace(load_config(project / "site" / "site.toml"), base_url="/other/")
    build(BuildRequest(cfg, project / "content", project / "dist", project / "templates", search=False))
    shutil.rmtree(project / "clean", ignore_errors=True)
    build(BuildRequest(cfg, project / "content", project / "clean", project / "templates", search=False),
          BuildSession.in_memory())
    assert tree(project / "dist") == tree(project / "clean")


def test_serve_shows_an_edit_before_the_index_and_then_catches_up(project: Path) -> None:
    """serve's two steps: a build that keeps the edited article's stale search shard, then a fresh one."""
    cfg = load_config(project / "site" / "site.toml", base_url="/news-digest/")
    session = BuildSession.beside(project / "dist")

    def run(out: str, stale: bool, session: BuildSession):
        return build(BuildRequest(cfg, project / "content", project / out, project / "templates",
                                  index_may_lag=stale), session)

    assert run("dist", True, session).index_fresh  # the first build has nothing stale to keep
    _edit(project / "content" / SECOND, "第二句话补充", "第二句话补充再")
    shown = run("dist", True, session)
    assert not shown.index_fresh and shown.changed > 0
    clean = tree(project / "dist")
    shutil.rmtree(project / "clean", ignore_errors=True)
    run("clean", False, BuildSession.in_memory())
    expected = tree(project / "clean")
    pages = {p for p in expected if not p.startswith("pagefind/")}
    assert {p: clean[p] for p in pages} == {p: expected[p] for p in pages}  # the pages are already current
    assert any(clean.get(p) != expected[p] for p in expected if p.startswith("pagefind/"))
    inodes = {p: (project / "dist" / p).stat().st_ino for p in pages}
    caught_up = run("dist", False, session)
    assert caught_up.index_fresh and caught_up.changed > 0
    assert tree(project / "dist") == expected
    assert {p: (project / "dist" / p).stat().st_ino for p in pages} == inodes  # only the index was written


def test_library_versions_are_those_importlib_metadata_gives() -> None:
    from digest.store import _version

    assert _version("jinja2") == __import__("jinja2").__version__
    assert _version("no-such-library-here") == "?"


def test_a_build_leaves_the_garbage_collector_as_it_was(project: Path) -> None:
    import gc

    usual = gc.get_threshold()
    cfg = load_config(project / "site" / "site.toml")
    build(BuildRequest(cfg, project / "content", project / "dist", project / "templates", search=False),
          BuildSession.in_memory())
    assert gc.get_threshold() == usual and gc.isenabled()


def test_a_file_added_after_a_build_with_nothing_to_do_is_loaded(project: Path) -> None:
    first = _build(project, "dist")
    assert _build(project, "dist").changed == 0  # nothing to do: the inputs were hashed, nothing loaded
    added = project / "content" / SECOND.with_name("third.md")
    added.write_bytes((project / "content" / SECOND).read_bytes().replace("第二篇".encode(), "第三篇".encode()))
    assert _build(project, "dist").articles == first.articles + 1
    assert tree(project / "dist") == _clean(project)
