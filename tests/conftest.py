"""Shared fixtures: the repo's paths, a fixture-site builder, a built fixture site and a served one.

The search engineer can reuse `fixture_dist` and `served_site` (and tests/browser/conftest.py's
`browser` and `page`) for Pagefind tests.
"""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.siteserver import serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
BASE_PATH = "/news-digest/"


def build_fixture(out: Path, base_url: str = BASE_PATH, content: Path | None = None) -> None:
    """Build the golden fixture site into `out` (in process, through the real pipeline)."""
    from digest.config import load_config
    from digest.pipeline import BuildRequest, build

    cfg = load_config(FIXTURE_SITE / "site.toml", base_url=base_url)
    build(BuildRequest(cfg, content or FIXTURE_SITE / "content", out, ROOT / "templates"))


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python build.py ARGS` in `cwd`, without DIGEST_SITE_URL, capturing output."""
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_SITE_URL"}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def _no_site_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds in tests never pick up the CI's origin."""
    monkeypatch.delenv("DIGEST_SITE_URL", raising=False)


@pytest.fixture(scope="session")
def fixture_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built once per session with base path /news-digest/ (do not modify it)."""
    out = tmp_path_factory.mktemp("fixture") / "dist"
    build_fixture(out)
    return out


@pytest.fixture(scope="session")
def served_site(fixture_dist: Path) -> Iterator[str]:
    """`fixture_dist` served on 127.0.0.1 under /news-digest/; yields its root URL."""
    with serve(fixture_dist, BASE_PATH) as url:
        yield url
