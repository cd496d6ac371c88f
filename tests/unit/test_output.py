import os
from pathlib import Path

import pytest

from digest.errors import DigestError
from digest.output import write_site
from digest.render import Output
from tests.conftest import tree


def outs(**files: bytes) -> list[Output]:
    return [Output(path.replace("__", "/").replace("_dot_", "."), data) for path, data in files.items()]


def test_writes_tree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    assert write_site(outs(index_dot_html=b"a", a__index_dot_html=b"b", _dot_nojekyll=b""), dist) == 3
    assert tree(dist) == {".nojekyll": b"", "a/index.html": b"b", "index.html": b"a"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]  # no staging left behind


def test_replaces_whole_tree_and_keeps_unchanged_files(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    write_site(outs(_dot_nojekyll=b"", same_dot_txt=b"same", gone_dot_txt=b"x", changed_dot_txt=b"1"), dist)
    inode = (dist / "same.txt").stat().st_ino
    changed = write_site(outs(_dot_nojekyll=b"", same_dot_txt=b"same", changed_dot_txt=b"2"), dist)
    assert changed == 1
    assert tree(dist) == {".nojekyll": b"", "changed.txt": b"2", "same.txt": b"same"}
    assert (dist / "same.txt").stat().st_ino == inode  # not rewritten


def test_error_while_writing_leaves_previous_dist_whole(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    write_site(outs(_dot_nojekyll=b"", index_dot_html=b"old"), dist)
    before = tree(dist)

    def failing():
        yield Output(".nojekyll", b"")
        yield Output("index.html", b"new")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_site(failing(), dist)
    assert tree(dist) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_refuses_to_replace_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("mine")
    with pytest.raises(DigestError, match="holds no previous build"):
        write_site(outs(index_dot_html=b"x"), tmp_path)
    assert (tmp_path / "precious.txt").read_text() == "mine"


def test_refuses_paths_outside(tmp_path: Path) -> None:
    with pytest.raises(DigestError, match="outside the output folder"):
        write_site([Output("../evil.txt", b"x")], tmp_path / "dist")
    assert not (tmp_path / "evil.txt").exists()


def test_empty_dist_folder_is_fine(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    write_site(outs(_dot_nojekyll=b""), dist)
    assert os.listdir(dist) == [".nojekyll"]


def test_a_spare_tree_is_brought_up_to_date_and_keeps_the_old_build(tmp_path: Path) -> None:
    dist, spare = tmp_path / "dist", tmp_path / "cache" / "spare"
    builds = [outs(_dot_nojekyll=b"", a__index_dot_html=b"1", b_dot_txt=b"b", gone__x_dot_txt=b"x"),
              outs(_dot_nojekyll=b"", a__index_dot_html=b"2", b_dot_txt=b"b", new__y_dot_txt=b"y"),
              outs(_dot_nojekyll=b"", a__index_dot_html=b"2", b_dot_txt=b"bb")]
    for number, files in enumerate(builds):
        before = tree(dist) if dist.exists() else {}
        inode = (dist / ".nojekyll").stat().st_ino if dist.exists() else None
        changed: list[str] = []
        write_site(files, dist, changed, spare)
        assert tree(dist) == {o.path: o.data for o in files}
        assert sorted(changed) == sorted(o.path for o in files if before.get(o.path) != o.data), number
        assert inode is None or (dist / ".nojekyll").stat().st_ino == inode  # unchanged: the very same file
        if number:
            assert tree(spare) == before  # the old build, kept for the next one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "dist"]


def test_nothing_in_a_spare_tree_is_trusted(tmp_path: Path) -> None:
    dist, spare, elsewhere = tmp_path / "dist", tmp_path / "spare", tmp_path / "elsewhere"
    files = outs(_dot_nojekyll=b"", a__index_dot_html=b"page", b_dot_txt=b"b", c__d_dot_txt=b"d")
    write_site(files, dist)
    elsewhere.mkdir()
    (spare / "a").mkdir(parents=True)
    (spare / "a" / "index.html").write_bytes(b"page")  # the same bytes, but not dist/'s file
    (spare / "b.txt").mkdir()  # a folder where a file goes
    (spare / "c").write_bytes(b"a file where a folder goes")
    (spare / "stray.html").write_bytes(b"stray")
    (spare / "stray").mkdir()
    (spare / "link").symlink_to(elsewhere, target_is_directory=True)
    write_site(files + outs(link__z_dot_txt=b"z"), dist, spare=spare)
    assert tree(dist) == {".nojekyll": b"", "a/index.html": b"page", "b.txt": b"b", "c/d.txt": b"d",
                          "link/z.txt": b"z"}
    assert list(elsewhere.iterdir()) == []  # nothing written through the link


def test_an_error_with_a_spare_leaves_dist_whole_and_writes_into_no_file_of_it(tmp_path: Path) -> None:
    dist, spare = tmp_path / "dist", tmp_path / "spare"
    write_site(outs(_dot_nojekyll=b"", index_dot_html=b"one"), dist, spare=spare)
    write_site(outs(_dot_nojekyll=b"", index_dot_html=b"one"), dist, spare=spare)  # spare: a link to dist's file
    assert (spare / "index.html").stat().st_ino == (dist / "index.html").stat().st_ino

    def failing():
        yield Output(".nojekyll", b"")
        yield Output("index.html", b"two")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_site(failing(), dist, spare=spare)
    assert tree(dist) == {".nojekyll": b"", "index.html": b"one"}
    assert write_site(outs(_dot_nojekyll=b"", index_dot_html=b"two"), dist, spare=spare) == 1
    assert tree(dist) == {".nojekyll": b"", "index.html": b"two"}


def test_two_outputs_for_one_path_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DigestError, match="two pages would be written to a/b"):
        write_site([Output(".nojekyll", b""), Output("a/b", b"1"), Output("a/b", b"2")], tmp_path / "dist")
    with pytest.raises(DigestError, match="two pages would be written to a"):
        write_site([Output(".nojekyll", b""), Output("a", b"1"), Output("a/b", b"2")], tmp_path / "dist")


def test_a_folder_of_the_spare_that_becomes_a_file_and_a_spare_that_cannot_be_kept(tmp_path: Path) -> None:
    dist, spare = tmp_path / "dist", tmp_path / "spare"
    for files in (outs(_dot_nojekyll=b"", a__b_dot_html=b"1"), outs(_dot_nojekyll=b"", a__b_dot_html=b"1"),
                  outs(_dot_nojekyll=b"", a=b"now a file")):
        write_site(files, dist, spare=spare)
        assert tree(dist) == {o.path: o.data for o in files}
    (tmp_path / "not-a-folder").write_text("x")
    nowhere = tmp_path / "not-a-folder" / "spare"  # where no tree can be kept (as on another file system)
    for data in (b"1", b"2"):
        write_site(outs(_dot_nojekyll=b"", a=data), dist, spare=nowhere)
        assert tree(dist) == {".nojekyll": b"", "a": data}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "not-a-folder", "spare"]
