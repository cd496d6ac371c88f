"""The Nu Html Checker (vnu.jar from the npm package vnu-jar) over every page, CSS and SVG of the fixture build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digest.check import check_html, vnu_jar

pytestmark = pytest.mark.slow


def test_vnu_zero_errors_zero_warnings(fixture_dist: Path) -> None:
    assert shutil.which("java"), "Java is needed for the Nu Html Checker (tests/run.sh installs it)"
    assert vnu_jar() is not None, "vnu.jar is missing: tests/run.sh installs vnu-jar into tools/.vnu/"
    assert len(sorted(fixture_dist.rglob("*.html"))) > 50
    problems = check_html(fixture_dist)
    assert problems == [], "\n".join(str(p) for p in problems[:40])
