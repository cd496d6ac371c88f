"""digest/preview.py and serve's use of it: the pages written at once after an edit are the very bytes a clean
build makes, and anything else is left to the whole build."""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from digest.config import load_config
from digest.errors import DigestError
from digest.pipeline import BuildRequest, build
from digest.preview import quick_outputs
from digest.serve import Preview
from digest.session import BuildSession
from digest.watch import Change
from tests.conftest import BASE_PATH, FIXTURE_SITE, ROOT, tree

ARTICLE = "2021/01/13/sheng-gong-xin-ting-shi-gong-xin-ju-dao-gao-xin-qu-diao-yan.md"
PAGE = "2021/01/13/sheng-gong-xin-ting-shi-gong-xin-ju-dao-gao-xin-qu-diao-yan/index.html"
LEDE = "为推动人工智能产业高质量发展"


@pytest.fixture
def project(tmp_path: Path):
    """A copy of the fixture content, built once; returns (content, dist, config, model)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    cfg = load_config(FIXTURE_SITE / "site.toml", base_url=BASE_PATH)
    result = build(BuildRequest(cfg, content, tmp_path / "dist", ROOT / "templates", search=False))
    return content, tmp_path / "dist", cfg, result.site


def _edit(content: Path, old: str, new: str, name: str = ARTICLE) -> Path:
    path = content / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def _clean(cfg, content: Path, out: Path) -> dict[str, bytes]:
    build(BuildRequest(cfg, content, out, ROOT / "templates", search=False), BuildSession.in_memory())
    return tree(out)


def test_a_text_edit_gives_the_article_page_of_a_clean_build(project, tmp_path: Path) -> None:
    content, _, cfg, site = project
    path = _edit(content, "随后调研组参观了", "随后调研组认真参观了")
    outputs, _ = quick_outputs(site, cfg, content, ROOT / "templates", [path])
    # The summary did not change: no list shows anything new. The feeds hold the article's text.
    pages = [o.path for o in outputs if o.path.endswith(".html")]
    assert pages == [PAGE]
    assert {o.path for o in outputs} - {PAGE} == {"atom.xml", "rss.xml", "feed.json",
                                                  "reporters/sun-qing-hui/atom.xml", "reporters/liu-zi-jing/atom.xml"}
    clean = _clean(cfg, content, tmp_path / "clean")
    assert all(o.data == clean[o.path] for o in outputs)
    assert "认真参观了".encode() in outputs[0].data


def test_an_edit_of_the_lede_also_gives_every_list_that_shows_it(project, tmp_path: Path) -> None:
    content, dist, cfg, site = project
    path = _edit(content, LEDE, "为了推动人工智能产业高质量发展")
    outputs, _ = quick_outputs(site, cfg, content, ROOT / "templates", [path])
    clean = _clean(cfg, content, tmp_path / "clean")
    made = {o.path: o.data for o in outputs}
    assert {PAGE, "2021/01/page/2/index.html", "2021/01/13/index.html",
            "reporters/sun-qing-hui/index.html"} <= set(made)
    assert all(made[name] == clean[name] for name in made)
    # Every file of the clean build that differs from the last build is among them (the search index aside:
    # this site is built without one).
    before = tree(dist)
    differing = {name for name, data in clean.items() if before.get(name) != data}
    assert differing <= set(made)


@pytest.mark.parametrize("old, new", [
    ("title: 省工信厅", "title: 市工信厅"), ("date: 2021-01-13", "date: 2021-01-12"),
    ("authors: [孙庆辉]", "authors: [孙庆辉, 李四]"), ("tags: []", "tags: [调研]"), ("draft: false", "draft: true"),
    ("title: 省工信厅", "title: [broken"),
])
def test_anything_but_the_text_is_left_to_the_whole_build(project, old: str, new: str) -> None:
    content, _, cfg, site = project
    path = _edit(content, old, new)
    assert quick_outputs(site, cfg, content, ROOT / "templates", [path]) is None


def test_new_removed_and_outside_files_are_left_to_the_whole_build(project, tmp_path: Path) -> None:
    content, _, cfg, site = project
    new = content / "2021" / "new.md"
    shutil.copy(content / ARTICLE, new)
    outside = tmp_path / "outside.md"
    outside.write_text("x", encoding="utf-8")
    gone = content / ARTICLE
    for paths in ([new], [outside], [content / "2021"]):
        assert quick_outputs(site, cfg, content, ROOT / "templates", paths) is None
    gone.unlink()
    assert quick_outputs(site, cfg, content, ROOT / "templates", [gone]) is None


def _preview(tmp_path: Path, content: Path) -> Preview:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    return Preview(argparse.Namespace(
        config=FIXTURE_SITE / "site.toml", base_url=BASE_PATH, seeds=tmp_path / "seeds", content=content,
        out=tmp_path / "served", templates=ROOT / "templates", drafts=False, no_search=True, quiet=True))


def test_serve_writes_the_page_at_once_and_the_whole_build_follows(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    preview = _preview(tmp_path, content)
    preview.rebuild(None)
    version = preview.state.version
    path = _edit(content, LEDE, "为了推动人工智能产业高质量发展")
    preview.rebuild(Change(frozenset({path.resolve()})))
    served = tmp_path / "served"
    assert "为了推动".encode() in (served / PAGE).read_bytes()
    month = served / "2021" / "01" / "page" / "2" / "index.html"
    assert "为了推动".encode() in month.read_bytes()  # its summary, on its month
    preview.follow_up()
    assert preview.state.version == version  # only feeds changed beyond the quick pages: no second reload
    assert tree(served) == _clean(preview.cfg, content, tmp_path / "clean")


def test_no_quick_preview_while_another_file_is_broken(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    preview = _preview(tmp_path, content)
    preview.rebuild(None)
    broken = content / "2021" / "01" / "15" / "second.md"
    broken.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    change = Change(frozenset({broken.resolve()}))
    with pytest.raises(DigestError, match=r"second\.md"):
        preview.rebuild(change)
    preview.notify(change, "content/2021/01/15/second.md:2: invalid YAML")
    path = _edit(content, "随后调研组参观了", "随后调研组认真参观了")
    with pytest.raises(DigestError, match=r"second\.md"):  # the whole build runs, and fails on the broken file
        preview.rebuild(Change(frozenset({path.resolve()})))


def test_quick_preview_with_a_relative_content_folder(tmp_path: Path, monkeypatch) -> None:
    # `python build.py serve` is usually run with the default `--content content`.
    shutil.copytree(FIXTURE_SITE / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    preview = _preview(tmp_path, Path("content"))
    preview.rebuild(None)
    path = _edit(Path("content"), "随后调研组参观了", "随后调研组认真参观了")
    preview.rebuild(Change(frozenset({path.resolve()})))
    assert preview._exact_behind  # written by the quick preview, the whole build still to come
    assert "认真参观了".encode() in (tmp_path / "served" / PAGE).read_bytes()
