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
