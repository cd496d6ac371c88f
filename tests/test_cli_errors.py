"""Invalid sites through the CLI: exit 1, the exact one-line message per problem, dist/ untouched."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_SITE, ROOT, build_fixture, run_cli, tree

INVALID = ROOT / "tests" / "fixtures" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if (p / "expected.txt").exists())


def test_every_kind_of_error_has_a_case() -> None:
    assert {"bad_yaml", "wrong_type", "missing_title", "bad_template", "bad_config"} <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_invalid_site(case: str, tmp_path: Path) -> None:
    source = INVALID / case
    shutil.copytree(source / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    if (source / "templates").exists():
        shutil.copytree(source / "templates", tmp_path / "templates", dirs_exist_ok=True)
    config = "site.toml" if (source / "site.toml").exists() else str(FIXTURE_SITE / "site.toml")
    if (source / "site.toml").exists():
        shutil.copy(source / "site.toml", tmp_path / "site.toml")
    build_fixture(tmp_path / "dist")
    before = tree(tmp_path / "dist")

    result = run_cli("build", "--content", "content", "--out", "dist", "--config", config,
                     "--templates", "templates", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr == (source / "expected.txt").read_text(encoding="utf-8")
    assert result.stdout == ""
    assert tree(tmp_path / "dist") == before
    assert not (tmp_path / ".dist.new").exists() and not (tmp_path / ".dist.old").exists()


@pytest.mark.parametrize("args", [
    ("build", "--content", "missing/"),
    ("build", "--content", str(FIXTURE_SITE / "content"), "--templates", "missing/"),
    ("ingest", "--seeds", "missing/"),
    ("--seeds", "missing/"),
])
def test_a_missing_folder_is_one_line(args: tuple[str, ...], tmp_path: Path) -> None:
    result = run_cli(*args, "--out", "dist", "--config", str(FIXTURE_SITE / "site.toml"), cwd=tmp_path) \
        if args[0] != "ingest" else run_cli(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "error: missing/: no such folder\n")
    assert not (tmp_path / "dist").exists() and not (tmp_path / "content").exists()
