"""Paths: no slug, tag or name writes outside dist/ or takes another's page without a word."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest.config import SiteConfig
from digest.content import ContentErrors, load_content
from digest.model import build_site
from digest.output import write_site
from digest.render import render_site
from tests.conftest import ROOT

NAMES = ("../../etc", "etc", "a/b", "a b", "\\x", "x", "。。。", "……", "<script>", "script", "..", "/", "孙庆辉")


def _article(root: Path, name: str, front: str, body: str = "正文。") -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")


@pytest.mark.parametrize("slug", ["../../x", "a/b", "..", "a\\b", "a\x00b", "。。。", "-", "A", ""])
def test_a_hostile_slug_is_refused_with_its_line(tmp_path: Path, slug: str) -> None:
    _article(tmp_path, "a.md", f"title: 标题\ndate: 2021-01-15\nslug: {json.dumps(slug)}")
    with pytest.raises(ContentErrors) as caught:
        load_content(tmp_path)
    [error] = caught.value.errors
    if "\x00" in slug:
        expected = "'slug' contains U+0000 (a control character), which no web page can hold"
    else:
        expected = f"'slug' must be lowercase ASCII letters, digits and hyphens, not {slug!r}"
    assert str(error) == f"{tmp_path}/a.md:4: {expected}"


def test_names_and_tags_that_look_like_paths_get_pages_of_their_own_inside_dist(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for number, name in enumerate(NAMES):
        quoted = json.dumps(name, ensure_ascii=False)
        _article(content, f"a{number:02d}.md",
                 f"title: 第{number}篇\ndate: 2021-01-15\nauthors: [{quoted}]\ntags: [{quoted}]\nsection: {quoted}")
    cfg = SiteConfig(base_url="/news-digest/", root=str(ROOT / "site"))
    site = build_site(load_content(content), cfg)
    outputs = render_site(site, cfg, ROOT / "templates")
    dist = tmp_path / "out" / "dist"
    write_site(outputs, dist)
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert written and all(dist in p.parents for p in written)  # nothing beside or above dist/
    for kind in ("reporters", "tags", "sections"):
        pages = sorted(p.parent.name for p in (dist / kind).glob("*/index.html"))
        assert len(pages) == len(NAMES), (kind, pages)  # one page each: same-looking names are told apart
        for page in pages:
            assert page and all(c.isascii() and (c.isalnum() or c == "-") for c in page), page
    every = "".join((dist / kind / "index.html").read_text(encoding="utf-8") for kind in ("reporters", "tags"))
    for name in ("../../etc", "a/b", "\\x", "。。。", "&lt;script&gt;", "孙庆辉"):
        assert name in every


def test_an_output_path_outside_dist_is_refused(tmp_path: Path) -> None:
    from digest.errors import DigestError
    from digest.render import Output

    for path in ("../escape.html", "/etc/x", "a/../../b", "a\x00b"):
        with pytest.raises((DigestError, ValueError)):
            write_site([Output("index.html", b"ok"), Output(path, b"bad")], tmp_path / "dist")
        assert not (tmp_path / "escape.html").exists()
        assert not (tmp_path / "dist").exists() or (tmp_path / "dist" / "index.html").read_bytes() == b"ok"
