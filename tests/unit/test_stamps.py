"""digest/stamps.py: a file is read again whenever anything about it changed, and only then."""
from __future__ import annotations

import hashlib
import os
import time

from digest import stamps


def _settled(path, seconds_ago: int = 10) -> None:
    """Give the file a modification time old enough to be trusted, and let its change time settle too."""
    past = os.stat(path).st_mtime_ns - seconds_ago * 1_000_000_000
    os.utime(path, ns=(past, past))
    time.sleep(2 * stamps.RACY_NS / 1e9)


def test_an_unchanged_file_is_known_without_reading(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"one")
    _settled(path)
    raw, digest = stamps.read(str(path))
    assert raw == b"one" and digest == hashlib.sha256(b"one").digest()
    assert stamps.known_digest(str(path)) == digest


def test_same_size_same_mtime_rewrite_is_noticed(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"one")
    _settled(path)
    stamps.read(str(path))
    times = os.stat(path)
    path.write_bytes(b"two")  # same size; the mtime is put back as an editor or `cp -p` might
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert stamps.known_digest(str(path)) is None  # the change time moved
    assert stamps.digest_of(str(path)) == hashlib.sha256(b"two").digest()


def test_a_file_written_just_now_is_not_trusted(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"fresh")
    stamps.read(str(path))
    assert stamps.known_digest(str(path)) is None  # a second write within the clock's tick could look the same


def test_a_replaced_or_removed_file_is_read_again(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"one")
    _settled(path)
    stamps.read(str(path))
    other = tmp_path / "b.md"
    other.write_bytes(b"new")
    _settled(other)
    os.replace(other, path)
    assert stamps.known_digest(str(path)) is None
    path.unlink()
    assert stamps.known_digest(str(path)) is None


def test_stats_kept_between_processes(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"one")
    _settled(path)
    digest = stamps.read(str(path))[1]
    stamps.save(tmp_path / "stamps.pickle")
    stamps._KNOWN.clear()  # a new process
    assert stamps.known_digest(str(path)) is None
    stamps.load(tmp_path / "stamps.pickle")
    assert stamps.known_digest(str(path)) == digest
    path.write_bytes(b"two")
    assert stamps.known_digest(str(path)) is None


def test_a_damaged_stats_file_is_no_stats(tmp_path) -> None:
    (tmp_path / "stamps.pickle").write_bytes(b"not a pickle")
    stamps._KNOWN.clear()
    stamps.load(tmp_path / "stamps.pickle")
    assert stamps._KNOWN == {}
