"""`python build.py serve` in a real browser: edits appear without a reload, errors show over the page."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.waits import wait_until
from tests.helpers import REAL_SEED, ROOT

pytestmark = pytest.mark.browser
# `browser` is the session's chromium (tests/browser/conftest.py): a second sync_playwright() in the same
# process fails while the first is open.


@dataclass
class Session:
    """A serve process in a scratch project, and where its output goes."""

    root: Path
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float = 20.0, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Iterator[Session]:
    root = tmp_path_factory.mktemp("serve")
    (root / "seeds").mkdir()
    shutil.copy(REAL_SEED, root / "seeds")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "site", root / "site")
    port = _free_port()
    log = root / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_SITE_URL"}
    with log.open("w", encoding="utf-8") as stream:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--base-url", "/news-digest/"],
            cwd=root, stdout=stream, stderr=subprocess.STDOUT, env=env,
        )
    url = f"http://127.0.0.1:{port}/news-digest/"
    serving = Session(root, url, process, log)
    _wait_for(lambda: "serving http://127.0.0.1" in serving.output() or process.poll() is not None, 60)
    assert process.poll() is None, serving.output()
    yield serving
    process.send_signal(signal.SIGINT)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


def _article(session: Session) -> tuple[Path, str]:
    path = next((session.root / "content" / "2021" / "01" / "13").glob("*.md"))
    return path, f"{session.url}2021/01/13/{path.stem}/"


def test_edit_shows_without_a_manual_reload(session, browser):
    path, url = _article(session)
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert "大力推动" not in page.content()
    started = time.monotonic()
    path.write_text(path.read_text(encoding="utf-8").replace("为推动人工智能", "为大力推动人工智能"), encoding="utf-8")
    # `document.body &&`: while the reloaded page waits for site/reader.js in its <head>, it has no body yet.
    wait_until(page, "document.body && document.body.innerText.includes('为大力推动人工智能')", timeout=20)
    print(f"edit visible after {time.monotonic() - started:.2f}s")
    page.close()


def test_broken_front_matter_shows_an_overlay_until_fixed(session, browser):
    path, url = _article(session)
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("\ntitle: ", "\ntitle: [broken ", 1), encoding="utf-8")
    overlay = page.locator("#digest-live-error")
    overlay.wait_for(state="visible", timeout=20_000)
    relative = path.relative_to(session.root).as_posix()
    assert re.search(rf"{re.escape(relative)}:\d+: ", overlay.inner_text())
    other = browser.new_page()
    other.goto(session.url)
    other.locator("#digest-live-error").wait_for(state="visible", timeout=10_000)
    other.close()
    path.write_text(original, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=20_000)
    errors = [line for line in session.output().splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and relative in errors[0]
    page.close()


def test_css_change_swaps_the_stylesheet_without_reloading(session, browser):
    page = browser.new_page()
    page.goto(session.url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__stillHere = true")
    css = session.root / "site" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n", encoding="utf-8")
    wait_until(page, "document.body && getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'", timeout=20)
    assert page.evaluate("window.__stillHere === true")
    page.close()


def test_the_search_page_catches_up_with_an_edit(session, browser):
    path, url = _article(session)
    page = browser.new_page()
    page.goto(f"{session.url}search/?q=蓝鲸号")
    status = page.locator("[data-search-status]")
    wait_until(page, "document.querySelector('[data-search-status]').textContent.startsWith('没有找到')")
    text = path.read_text(encoding="utf-8")
    assert "人工智能" in text
    path.write_text(text.replace("人工智能", "蓝鲸号人工智能", 1), encoding="utf-8")
    # The page reloads after the rebuild, and once more when the index has caught up.
    page.locator("[data-search-results] h2 a").first.wait_for(timeout=30_000)
    assert page.locator("[data-search-results] h2 a").evaluate_all("links => links.map(a => a.href)") == [url]
    assert "找到1篇" in status.inner_text()
    page.close()


def test_built_files_never_contain_the_live_script(session):
    for path in (session.root / "dist").rglob("*.html"):
        assert b"__live" not in path.read_bytes(), path


def test_rebuilt_site_equals_a_clean_build(session, tmp_path):
    _wait_for(lambda: "rebuilt" in session.output() or "fixed" in session.output())
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_SITE_URL"}
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", str(tmp_path / "clean"),
                    "--base-url", "/news-digest/"], cwd=session.root, check=True, env=env, capture_output=True)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    clean = files(tmp_path / "clean")
    # After the last edit's quick preview, the whole build and the search index follow once saves pause.
    _wait_for(lambda: files(session.root / "dist") == clean, timeout=60, step=0.5)
