"""The progress display shows only to a person at a terminal; parallel maps keep order and equal serial ones."""
from __future__ import annotations

import io
import sys

import pytest

from digest import parallel
from digest.progress import Progress, interactive


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_for_an_interactive_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stdout", _Tty())
    monkeypatch.setattr(sys, "stderr", _Tty())
    assert interactive()
    assert not interactive(quiet=True)
    monkeypatch.setenv("CI", "true")
    assert not interactive()
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert not interactive()


def test_disabled_progress_passes_items_through() -> None:
    with Progress(enabled=False) as progress:
        assert list(progress.count("write", iter([1, 2, 3]))) == [1, 2, 3]
        assert progress.mapper("render", parallel.imap) is parallel.imap


def _square(number: int) -> int:
    return number * number


def test_parallel_map_keeps_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGEST_JOBS", "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10)
    items = list(range(1000))
    assert list(parallel.imap(_square, items, chunk=7)) == [n * n for n in items]


def test_serial_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGEST_JOBS", "1")
    assert parallel.jobs() == 1
    assert list(parallel.imap(_square, [1, 2, 3])) == [1, 4, 9]
