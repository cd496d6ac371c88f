"""How soon `serve` shows an edit and finds it in search, on a generated site (default 10,000 articles).

    python bench/serve_search.py [--articles 10000] [--edits 3] [--work DIR]

Writes the corpus (bench/corpus.py), starts `python build.py serve` on it (127.0.0.1, a free port), waits for the
first build, then, for each edit, appends a word that is nowhere else to one article's body and measures, from the
moment the file is saved: the article's page showing the word, and the search page (a new browser context each
try, as a reader) finding the article. Prints both per edit and their medians.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.search_bench import CHROMIUM_ARGS  # noqa: E402
from tests.siteserver import free_port  # noqa: E402

BASE = "/news-digest/"
WORDS = ("量子纠缠", "暗物质探测", "引力波天线", "超导磁体", "拓扑绝缘")  # in no generated article
FOUND = ("() => document.querySelector('[data-search-results]').children.length > 0"
         " || document.querySelector('[data-search-status]').textContent.startsWith('没有找到')")


def fetch(url: str) -> str:
    """The page at `url`, or "" while it cannot be read."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(check, timeout: float = 600.0, pause: float = 0.2) -> float:
    """Seconds until `check()` is true (polled)."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("gave up waiting")
        time.sleep(pause)
    return time.perf_counter() - start


def searchable(browser, root: str, word: str) -> bool:
    """True when a new reader's search for `word` shows a result."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{root}search/?q={urllib.parse.quote(word)}")
    page.wait_for_function(FOUND, timeout=60_000)
    found = page.locator("[data-search-results] > li").count() > 0
    context.close()
    return found


def main() -> None:
    """Serve the corpus, edit it, and print how soon each edit shows and is found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="serve-search-"))
    content = work / "content"
    if not content.exists():
        write_corpus(content, args.articles)
    port = free_port()
    root = f"http://127.0.0.1:{port}{BASE}"
    (work / "seeds").mkdir(exist_ok=True)  # no seeds: the articles are the corpus alone
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--seeds", str(work / "seeds"),
                               "--content", str(content), "--out",
                               str(work / "dist"), "--base-url", BASE, "--port", str(port), "--host", "127.0.0.1",
                               "--quiet"], cwd=ROOT)
    try:
        print(f"first build: {wait_for(lambda: fetch(root + 'search/')):.0f} s", flush=True)
        from playwright.sync_api import sync_playwright

        shown, found = [], []
        articles = sorted(content.rglob("*.md"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for number in range(args.edits):
                article, word = articles[len(articles) * (number + 1) // (args.edits + 2)], WORDS[number]
                page_url = root + "/".join(article.relative_to(content).with_suffix("").parts[:3]) + "/"
                slug = next(line.split(":", 1)[1].strip() for line in article.read_text(encoding="utf-8")
                            .splitlines() if line.startswith("slug:"))
                page_url += f"{slug}/"
                time.sleep(10)  # the server is idle again after the last build
                with article.open("a", encoding="utf-8") as text:
                    text.write(f"\n\n{word}。\n")
                saved = time.perf_counter()
                wait_for(lambda: word in fetch(page_url))  # noqa: B023 (called at once)
                shown.append(time.perf_counter() - saved)
                wait_for(lambda: searchable(browser, root, word), pause=1.0)  # noqa: B023
                found.append(time.perf_counter() - saved)
                print(f"edit {number + 1}: page shows it after {shown[-1]:.1f} s, search finds it after "
                      f"{found[-1]:.1f} s", flush=True)
            browser.close()
        print(f"median: shown {statistics.median(shown):.1f} s, searchable {statistics.median(found):.1f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.work:
            shutil.rmtree(work)


if __name__ == "__main__":
    main()
