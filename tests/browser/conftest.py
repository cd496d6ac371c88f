"""Playwright (sync API) driving Debian's chromium — never `playwright install`.

Fixtures: `browser` (one chromium per session) and `page` (a fresh 360×640 phone-sized page per
test). The served fixture site is `served_site` from tests/conftest.py.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in tests/browser/ is a browser test."""
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian chromium through Playwright's sync API."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: tests/run.sh installs Debian's chromium")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Every page records the Content Security Policy violations it sees (the console says so too, but not always).
_CSP_WATCH = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


def _csp_problem(message) -> str | None:
    text = message.text
    return f"console: {text}" if message.type == "error" and "Content Security Policy" in text else None


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A phone-sized page (360×640) that fails the test on any dialog, page error or CSP violation."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="zh-CN")
    context.add_init_script(_CSP_WATCH)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: (problem := _csp_problem(message)) and problems.append(problem))
    yield tab
    if not tab.is_closed():
        problems += tab.evaluate("window.__cspViolations || []")
    context.close()
    assert problems == []
