"""Search benchmark: index build time, index size and query latency on a generated site (default 10,000 articles).

    python bench/search_bench.py [--articles 10000] [--repeat 3] [--work DIR]

1. writes N articles with bench/corpus.py (fixed seed) and builds the site under /news-digest/;
2. times our search stage (digest.search.index_site) against the Pagefind CLI (`python -m pagefind --site`)
   on the same built pages, and compares the sizes on disk;
3. in Debian's chromium, types each query of QUERIES into /search/ and times submit → first result shown
   (or "nothing found"): once on a fresh page (index chunks not yet loaded) and once more on the same page;
   the same queries through Pagefind's own search of the CLI index give the reference.
Prints medians and ratios; timings on a shared 2-core machine vary, so compare ratios, not absolute numbers.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from digest.config import load_config  # noqa: E402
from digest.content import load_content  # noqa: E402
from digest.model import build_site  # noqa: E402
from digest.output import write_site  # noqa: E402
from digest.render import render_site  # noqa: E402
from digest.search import index_site  # noqa: E402
from tests.browser.waits import wait_until  # noqa: E402
from tests.siteserver import serve  # noqa: E402

BASE = "/news-digest/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Common, rare, multi-term, Latin, name and absent queries; fixed so runs compare.
QUERIES = ("高新区", "党建", "研究院", "5G", "轻量化", "卡斯柯", "郑州", "党的建设", "党工委", "数字化",
           "5G 城轨", "营商环境", "智慧城市", "王勇富", "王新亭", "不存在的词语")

DONE = "document.querySelector('[data-search-region]').getAttribute('aria-busy') === 'false'"
TYPE_AND_TIME = """async (query) => {
  const root = document.querySelector("[data-search]");
  const form = root.querySelector("form"), list = root.querySelector("[data-search-results]");
  const status = root.querySelector("[data-search-status]");
  const shown = () => list.children.length > 0 || status.textContent.startsWith("没有找到");
  form.elements.q.value = query;
  const start = performance.now();
  form.requestSubmit();
  await new Promise((resolve, reject) => {
    const check = () => (shown() ? resolve() : requestAnimationFrame(check));
    list.replaceChildren(); status.textContent = ""; check();
    setTimeout(() => reject(new Error(`no results for ${query} after 60 s`)), 60000);
  });
  return performance.now() - start;
}"""

PAGEFIND_DEFAULT = """async ([bundle, query]) => {
  const pagefind = await import(bundle + "pagefind.js");
  await pagefind.init();
  const start = performance.now();
  const found = await pagefind.search(query);
  await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return [performance.now() - start, found.results.length];
}"""


def median(values: list[float]) -> float:
    """The median, 0 for no values."""
    return statistics.median(values) if values else 0.0


def size_of(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(work: Path, count: int) -> tuple[Path, object, object, float]:
    """Write the corpus and build the site; returns (dist, site model, config, seconds of our search stage)."""
    content, dist = work / "content", work / "dist"
    if not content.exists():
        write_corpus(content, count)
    cfg = load_config(ROOT / "site" / "site.toml", base_url=BASE)
    site = build_site(load_content(content), cfg)
    outputs = render_site(site, cfg, ROOT / "templates")
    start = time.perf_counter()
    index = index_site(site, cfg)
    seconds = time.perf_counter() - start
    write_site([*outputs, *index], dist)
    return dist, site, cfg, seconds


def time_cli(dist: Path, out: Path) -> float:
    """Seconds for the Pagefind CLI to index every page of `dist` into `out`."""
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(dist), "--output-path", str(out)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def latencies(dist: Path, cli_bundle: str) -> dict[str, dict[str, float]]:
    """Per query: ms to first results on a fresh page, on the same page again, and Pagefind's default search."""
    from playwright.sync_api import sync_playwright

    found: dict[str, dict[str, float]] = {}
    with serve(dist, BASE) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for query in QUERIES:
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            page.goto(root + "search/")
            page.wait_for_selector("[data-search][data-ready]")
            cold = page.evaluate(TYPE_AND_TIME, query)
            warm = page.evaluate(TYPE_AND_TIME, query)
            wait_until(page, DONE, timeout=120)
            status = page.locator("[data-search-status]").inner_text()
            context.close()
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            page.goto(root + "search/")
            default, default_count = page.evaluate(PAGEFIND_DEFAULT, [cli_bundle, query])
            context.close()
            found[query] = {"cold_ms": cold, "warm_ms": warm, "pagefind_default_ms": default,
                            "pagefind_default_results": default_count, "status": status}
            print(f"  {query:<8} fresh {cold:7.0f} ms   again {warm:6.0f} ms   pagefind default {default:7.0f} ms"
                  f"   {status}", flush=True)
        browser.close()
    return found


def main() -> None:
    """Run the benchmark and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="index builds to time (median)")
    parser.add_argument("--work", type=Path, help="working folder (kept; default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to FILE")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"search benchmark: {args.articles} articles in {work}", flush=True)
    dist, site, cfg, first = build(work, args.articles)
    ours = [first] + [_time_index(site, cfg) for _ in range(args.repeat - 1)]
    cli_out = dist / "pagefind-cli"
    cli = [time_cli(dist, cli_out) for _ in range(args.repeat)]
    ours_size, cli_size = size_of(dist / "pagefind"), size_of(cli_out)
    shards = json.loads((dist / "pagefind" / "shards.json").read_text())["shards"]
    print(f"index build: ours {median(ours):.1f} s, Pagefind CLI {median(cli):.1f} s "
          f"(ours/CLI {median(ours) / median(cli):.2f})")
    print(f"index size: ours {ours_size / 2**20:.1f} MiB in {len(shards)} shards, Pagefind CLI "
          f"{cli_size / 2**20:.1f} MiB (ours/CLI {ours_size / cli_size:.2f})", flush=True)
    print("query → first results in chromium:")
    found = latencies(dist, BASE + "pagefind-cli/")
    cold = median([f["cold_ms"] for f in found.values()])
    warm = median([f["warm_ms"] for f in found.values()])
    default = median([f["pagefind_default_ms"] for f in found.values()])
    print(f"median: fresh page {cold:.0f} ms, same page again {warm:.0f} ms; Pagefind default search "
          f"{default:.0f} ms (fresh/default {cold / default:.2f})")
    if args.json:
        figures = {"articles": args.articles, "index_seconds": ours, "cli_seconds": cli, "index_bytes": ours_size,
                   "cli_bytes": cli_size, "shards": len(shards), "queries": found,
                   "median_cold_ms": cold, "median_warm_ms": warm, "median_default_ms": default}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.work:
        shutil.rmtree(work)


def _time_index(site: object, cfg: object) -> float:
    """Seconds for one more run of our search stage."""
    start = time.perf_counter()
    index_site(site, cfg)  # type: ignore[arg-type]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
