"""Search quality: recall and precision of four designs on the real seed and the near-miss fixture.

    python bench/search_quality.py

Designs, all with Pagefind 1.5.2 extended, asked the same queries (tests/search_support.py) in chromium:
  default     the Pagefind CLI on the built article pages (root selector `.story`), the query as typed;
  chars       our char-split index, every character of the query as a word (`王 新 亭`), no phrase;
  phrase      our char-split index, each term as an exact phrase of characters, terms intersected;
  final       the search page as readers use it: phrase, then every result checked against the article text.
What should be found comes from the Markdown files (tests/search_support.py), not from any index.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.waits import wait_until  # noqa: E402
from tests.helpers import REAL_SEED  # noqa: E402
from tests.search_support import (  # noqa: E402
    BASE,
    NAMED_QUERIES,
    NEAR_MISS_QUERIES,
    article_texts,
    expected,
    sampled_queries,
    write_near_misses,
)
from tests.siteserver import serve  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DONE = "document.querySelector('[data-search-region]').getAttribute('aria-busy') === 'false'"

RAW = """async ([bundles, queries, baseUrl]) => {
  // Every query of `queries` (all must match) against every bundle; returns the result URLs.
  const urls = new Set();
  for (const bundle of bundles) {
    const pagefind = await import(bundle + "pagefind.js");
    await pagefind.options({ baseUrl, noWorker: true });
    let found = null;
    for (const query of queries) {
      const response = await pagefind.search(query);
      const pages = await Promise.all(response.results.map((r) => r.data().then((d) => d.url)));
      found = found === null ? new Set(pages) : new Set(pages.filter((u) => found.has(u)));
    }
    for (const url of found || []) urls.add(url);
  }
  return [...urls];
}"""

TERMS = """async (query) => {
  const script = await import(document.querySelector("script[type=module]").src);
  const terms = script.parseTerms(query);
  return { chars: terms.map((t) => [...t].join(" ")), phrase: terms.flatMap(script.pagefindQueries) };
}"""


def build(content: Path, out: Path) -> None:
    """Build with the real templates under the base path, then index the article pages with the Pagefind CLI."""
    from digest.config import load_config
    from digest.pipeline import BuildRequest
    from digest.pipeline import build as build_site

    build_site(BuildRequest(load_config(ROOT / "site" / "site.toml", base_url=BASE), content, out, ROOT / "templates"))
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--output-subdir", "pagefind-default",
                    "--root-selector", ".story", "--glob", "[0-9]*/**/*.html", "--force-language", "zh-cn"],
                   check=True, capture_output=True)


def final(page, root: str, query: str) -> list[str]:
    """The search page's results, all of them."""
    page.goto(f"{root}search/?q={quote(query)}")
    wait_until(page, DONE, timeout=60)
    more = page.locator("[data-search-more]")
    while more.is_visible():
        more.click()
        wait_until(page, DONE, timeout=60)
    links = page.locator("[data-search-results] h2 a").evaluate_all("a => a.map(x => x.href)")
    return [urlsplit(href).path for href in links]


def measure(name: str, dist: Path, texts: dict[str, str], queries: list[str]) -> dict[str, tuple[float, float, int]]:
    """Recall, precision and the number of fully right queries, per design."""
    import json

    from playwright.sync_api import sync_playwright

    shards = [s["bundle"] for s in json.loads((dist / "pagefind" / "shards.json").read_text())["shards"]]
    tally = {design: [0, 0, 0, 0] for design in ("default", "chars", "phrase", "final")}  # hits, wanted, shown, ok
    with serve(dist, BASE) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        for query in queries:
            want = expected(texts, query)
            page.goto(root + "search/")
            page.wait_for_selector("[data-search][data-ready]")
            terms = page.evaluate(TERMS, query)
            got = {
                # The CLI's URLs are file paths under the site; our records carry the base path already.
                "default": page.evaluate(RAW, [[BASE + "pagefind-default/"], [query], BASE]),
                "chars": page.evaluate(RAW, [shards, [" ".join(terms["chars"])], "/"]) if terms["chars"] else [],
                "phrase": page.evaluate(RAW, [shards, terms["phrase"], "/"]) if terms["phrase"] else [],
                "final": final(page, root, query),
            }
            for design, urls in got.items():
                shown = {urlsplit(u).path if "://" in u else u for u in urls}
                counts = tally[design]
                counts[0] += len(shown & want)
                counts[1] += len(want)
                counts[2] += len(shown)
                counts[3] += shown == want
        browser.close()
    figures = {}
    for design, (hits, wanted, shown, ok) in tally.items():
        figures[design] = (hits / wanted if wanted else 1.0, hits / shown if shown else 1.0, ok)
        print(f"  {name:<10} {design:<8} recall {figures[design][0]:.2f}  precision {figures[design][1]:.2f}  "
              f"queries exactly right {ok}/{len(queries)}", flush=True)
    return figures


def main() -> None:
    """Build both sites and print recall and precision of every design."""
    from digest.ingest import ingest

    with tempfile.TemporaryDirectory(prefix="search-quality-") as scratch:
        work = Path(scratch)
        seeds = work / "seeds"
        seeds.mkdir()
        (seeds / REAL_SEED.name).write_bytes(REAL_SEED.read_bytes())
        ingest(seeds, work / "real")
        write_near_misses(work / "near")
        print("recall and precision (micro-averaged over the queries):")
        for name, content, extra in (("real seed", work / "real", NAMED_QUERIES),
                                     ("near-miss", work / "near", NEAR_MISS_QUERIES)):
            build(content, work / f"{content.name}-dist")
            texts = article_texts(content)
            queries = [*extra, *sampled_queries(texts, count=60 if name == "real seed" else 40,
                                                 seed=4 if name == "real seed" else 11)]
            measure(name, work / f"{content.name}-dist", texts, queries)


if __name__ == "__main__":
    main()
