"""Hardening: deterministic output across hash seeds and time zones; kill -9 never leaves a broken dist/ or content/."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers import FIXTURES, REAL_SEED, ROOT

pytestmark = pytest.mark.slow


def _project(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REAL_SEED, root / "seeds")
    for seed in sorted((FIXTURES / "seeds").glob("*.txt")):
        shutil.copy(seed, root / "seeds")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "site", root / "site")
    return root


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "DIGEST_SITE_URL"} | (env or {})
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=root, env=full_env,
                          capture_output=True, text=True, timeout=600)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_builds_are_identical_across_hash_seeds_and_time_zones(tmp_path):
    trees = []
    for name, seed, zone in (("a", "1", "UTC"), ("b", "4242", "America/New_York"), ("c", "random", "Asia/Tokyo")):
        root = _project(tmp_path / name)
        result = _run(root, "--base-url", "/news-digest/", "--quiet", env={"PYTHONHASHSEED": seed, "TZ": zone})
        assert result.returncode == 0, result.stderr
        trees.append((_tree(root / "content"), _tree(root / "dist")))
    assert any(path.startswith("pagefind/") for path in trees[0][1])  # the search index included
    assert trees[0] == trees[1] == trees[2]


def _build_times(root: Path) -> float:
    started = time.monotonic()
    assert _run(root, "build", "--quiet").returncode == 0
    return time.monotonic() - started


def test_kill_9_during_builds_leaves_the_previous_or_the_next_site_whole(tmp_path):
    root = _project(tmp_path / "p")
    assert _run(root, "ingest", "--quiet").returncode == 0
    duration = _build_times(root)
    sites = {"old": _tree(root / "dist")}
    article = next((root / "content").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\n新加的一段。\n", encoding="utf-8")
    _build_times(root)
    sites["new"] = _tree(root / "dist")
    article.write_text(article.read_text(encoding="utf-8").replace("\n新加的一段。\n", ""), encoding="utf-8")
    _build_times(root)
    assert _tree(root / "dist") == sites["old"]
    rng = random.Random(7)
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_SITE_URL"}
    for attempt in range(8):
        edited = attempt % 2 == 0
        text = article.read_text(encoding="utf-8").replace("\n新加的一段。\n", "")
        article.write_text(text + ("\n新加的一段。\n" if edited else ""), encoding="utf-8")
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--quiet"], cwd=root, env=env)
        time.sleep(rng.uniform(0, duration))
        process.kill()
        process.wait()
        assert _tree(root / "dist") in (sites["old"], sites["new"]), f"attempt {attempt}: dist/ is neither build"
        assert _run(root, "build", "--quiet").returncode == 0, "a build after a kill must succeed"
        assert _tree(root / "dist") == sites["new" if edited else "old"]


def test_kill_9_during_ingest_leaves_only_whole_files(tmp_path):
    root = _project(tmp_path / "p")
    for i in range(60):
        shutil.copy(REAL_SEED, root / "seeds" / f"1{i:02d}.txt")
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_SITE_URL"}
    rng = random.Random(3)
    for _ in range(5):
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "ingest", "--quiet"], cwd=root, env=env)
        time.sleep(rng.uniform(0.3, 2.0))
        process.kill()
        process.wait()
        for path in (root / "content").rglob("*.md"):
            head = path.read_text(encoding="utf-8")[4:].split("\n---\n", 1)[0]
            assert isinstance(yaml.safe_load(head)["title"], str)
    assert _run(root, "ingest", "--quiet").returncode == 0
    assert not list((root / "content").rglob(".*.tmp"))
    assert len(list((root / "content").rglob("*.md"))) == 3 * 61 + 17
