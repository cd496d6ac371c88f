"""Search benchmark: index build time and size, and what a reader waits for, on a generated site (default 10,000
articles).

    python bench/search_bench.py [--articles 10000] [--repeat 3] [--runs 5] [--work DIR] [--peer DIST]

1. writes N articles with bench/corpus.py (fixed seed) and builds the site under /news-digest/;
2. times our search stage (digest.search.index_site, nothing kept from an earlier build) against the Pagefind CLI
   (`python -m pagefind --site`) on the same built pages, with peak memory, and compares the sizes on disk;
3. in Debian's chromium, for each query of QUERIES, opens /search/?q=… in a new browser context (a reader's first
   visit: nothing cached) and measures, from navigation to the first answer (a result, or "没有找到"), the time
   and the bytes fetched until then; then types another query on the same page and times its answer; then the
   same first visit again under Lighthouse's mobile throttling (150 ms round trip, 1.6 Mbit/s, CPU 4× slower).
   With `--peer DIST` (a site built by another version), each run of a query visits that site too, alternately,
   so the two are compared side by side on the same machine state.
Prints p50 and the slowest per query and over all queries; timings on a shared 2-core machine vary, so compare
ratios against the peer, not absolute numbers.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
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
from tests.siteserver import serve  # noqa: E402

BASE = "/news-digest/"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# (kind, query string): common, rare, multi-word, filtered and zero-result queries; fixed so runs compare.
QUERIES = (
    ("common", "q=会议"), ("common", "q=高新区"), ("common", "q=5G"), ("common", "q=发展"),
    ("rare", "q=城轨"), ("rare", "q=卡斯柯"), ("rare", "q=营商环境"),
    ("multi-word", "q=项目建设"), ("multi-word", "q=5G 城轨"), ("multi-word", "q=党的建设 研究院"),
    ("filtered", "q=会议&date=2021"), ("filtered", "q=党建&date=2019-03"), ("filtered", "q=会议&reporter=韩飞清"),
    ("zero-result", "q=量子纠缠"), ("zero-result", "q=qwertyzz"), ("zero-result", "q=王新亭"),
)
NEXT_QUERY = "数字化"  # typed on the open page after the first answer
# Lighthouse's mobile throttling (simulated 4G): round trip, throughput, CPU slowdown.
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
            "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4

# Installed before the page's own scripts: notes the time and the bytes fetched when the first answer shows.
WATCH_FIRST_ANSWER = """(() => {
  const answered = () => {
    const list = document.querySelector("[data-search-results]");
    const status = document.querySelector("[data-search-status]");
    return Boolean(list) && (list.children.length > 0 || status.textContent.startsWith("没有找到"));
  };
  const note = () => {
    if (window.firstAnswer || !answered()) return;
    const at = performance.now();
    const navigation = performance.getEntriesByType("navigation")[0];
    const fetched = performance.getEntriesByType("resource").filter((e) => e.responseEnd <= at);
    window.firstAnswer = { ms: at, bytes: (navigation ? navigation.transferSize : 0)
      + fetched.reduce((sum, e) => sum + e.transferSize, 0) };
  };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
})();"""
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
    setTimeout(() => reject(new Error(`no answer for ${query} after 60 s`)), 60000);
  });
  return performance.now() - start;
}"""
DONE = "() => document.querySelector('[data-search-region]').getAttribute('aria-busy') === 'false'"


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


def first_visit(browser, root: str, query: str, throttled: bool = False) -> dict[str, float]:
    """A reader's first visit to /search/?…: ms and KB until the first answer, and ms for a next query typed."""
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(WATCH_FIRST_ANSWER)
    page = context.new_page()
    if throttled:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    params = urllib.parse.urlencode(urllib.parse.parse_qsl(query))
    page.goto(f"{root}search/?{params}")
    page.wait_for_function("() => window.firstAnswer", timeout=120_000)
    first = page.evaluate("window.firstAnswer")
    status = page.locator("[data-search-status]").inner_text()
    figures = {"ms": first["ms"], "kb": first["bytes"] / 1024, "status": status}
    if not throttled:
        page.wait_for_function(DONE, timeout=120_000)
        figures["next_ms"] = page.evaluate(TYPE_AND_TIME, NEXT_QUERY)
    context.close()
    return figures


def latencies(sites: dict[str, Path], runs: int) -> dict[str, dict[str, list[dict]]]:
    """{site: {query: [figures of each run]}}: the sites visited alternately, run by run."""
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    found: dict[str, dict[str, list[dict]]] = {name: {} for name in sites}
    with ExitStack() as stack, sync_playwright() as playwright:
        roots = {name: stack.enter_context(serve(dist, BASE)) for name, dist in sites.items()}
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for kind, query in QUERIES:
            for run in range(runs):
                for name, root in roots.items():
                    figures = first_visit(browser, root, query)
                    if run == 0:
                        figures["throttled_ms"] = first_visit(browser, root, query, throttled=True)["ms"]
                    found[name].setdefault(query, []).append(figures | {"kind": kind})
            for name in roots:
                rows = found[name][query]
                print(f"  {name:<5} {kind:<11} {query:<24} p50 {median([r['ms'] for r in rows]):6.0f} ms "
                      f"max {max(r['ms'] for r in rows):6.0f} ms  {median([r['kb'] for r in rows]):6.0f} KB  "
                      f"next {median([r['next_ms'] for r in rows]):5.0f} ms  "
                      f"throttled {rows[0]['throttled_ms']:6.0f} ms  {rows[-1]['status'][:24]}", flush=True)
        browser.close()
    return found


def summary(found: dict[str, list[dict]]) -> dict[str, float]:
    """p50 and the slowest over every run of every query, the most bytes, next-query p50, throttled p50."""
    rows = [row for runs in found.values() for row in runs]
    return {"p50_ms": median([r["ms"] for r in rows]), "max_ms": max(r["ms"] for r in rows),
            "max_kb": max(r["kb"] for r in rows), "p50_kb": median([r["kb"] for r in rows]),
            "next_p50_ms": median([r["next_ms"] for r in rows]), "next_max_ms": max(r["next_ms"] for r in rows),
            "throttled_p50_ms": median([r["throttled_ms"] for r in rows if "throttled_ms" in r])}


# Our search stage alone in a new process (the build before it forks workers as large as itself): its seconds,
# its own peak memory and its Pagefind services' largest, in MiB.
INDEX_ALONE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from digest.config import load_config
from digest.content import load_content
from digest.model import build_site
from digest.search import index_site
cfg = load_config(Path(sys.argv[1]) / "site" / "site.toml", base_url="/news-digest/")
site = build_site(load_content(Path(sys.argv[2])), cfg)
start = time.perf_counter()
index_site(site, cfg)
seconds = time.perf_counter() - start
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))
"""


def index_alone(content: Path) -> tuple[float, float, float]:
    """(seconds, peak MiB of the process, peak MiB of its largest Pagefind service) of our search stage."""
    done = subprocess.run([sys.executable, "-c", INDEX_ALONE, str(ROOT), str(content)], check=True,
                          capture_output=True, text=True)
    return tuple(json.loads(done.stdout.splitlines()[-1]))


def index_figures(work: Path, dist: Path, repeat: int) -> dict[str, object]:
    """Our index time against the CLI's on the same pages, alternately, sizes, and peak memory of both."""
    ours, cli, cli_out = [], [], dist / "pagefind-cli"
    for _ in range(repeat):
        ours.append(index_alone(work / "content"))
        cli.append(time_cli(dist, cli_out))
    cli_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child: the CLI
    figures = {"index_seconds": [o[0] for o in ours], "cli_seconds": cli, "index_bytes": size_of(dist / "pagefind"),
               "cli_bytes": size_of(cli_out), "peak_mib": max(o[1] for o in ours),
               "pagefind_peak_mib": max(o[2] for o in ours), "cli_peak_mib": cli_peak}
    shutil.rmtree(cli_out)
    seconds = median(figures["index_seconds"])
    print(f"index build: ours {seconds:.1f} s, Pagefind CLI {median(cli):.1f} s (ours/CLI "
          f"{seconds / median(cli):.2f}); peak memory: ours {figures['peak_mib']:.0f} MiB and a Pagefind service "
          f"{figures['pagefind_peak_mib']:.0f} MiB, the CLI {cli_peak:.0f} MiB")
    print(f"index size: ours {figures['index_bytes'] / 2**20:.1f} MiB, Pagefind CLI "
          f"{figures['cli_bytes'] / 2**20:.1f} MiB", flush=True)
    return figures


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="index builds to time, ours and the CLI's alternately")
    parser.add_argument("--runs", type=int, default=5, help="first visits per query")
    parser.add_argument("--work", type=Path, help="working folder (kept; default: a temporary one)")
    parser.add_argument("--peer", type=Path, help="a site built by another version, measured alternately")
    parser.add_argument("--no-index", action="store_true", help="reuse WORK/dist; measure only the browser")
    parser.add_argument("--no-browser", action="store_true", help="measure only the index build")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to FILE")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"search benchmark: {args.articles} articles in {work}", flush=True)
    figures: dict[str, object] = {"articles": args.articles}
    if args.no_index:
        dist = work / "dist"
    else:
        dist, _, _, _ = build(work, args.articles)
        figures |= index_figures(work, dist, args.repeat)
    sites = {} if args.no_browser else {"this": dist} | ({"peer": args.peer} if args.peer else {})
    print("from navigation to the first answer, in chromium (new context each run):")
    found = latencies(sites, args.runs) if sites else {}
    for name in sites:
        figures[name] = {"summary": summary(found[name]), "queries": found[name]}
        total = figures[name]["summary"]
        print(f"{name}: first answer p50 {total['p50_ms']:.0f} ms, slowest {total['max_ms']:.0f} ms; "
              f"fetched before it p50 {total['p50_kb']:.0f} KB, most {total['max_kb']:.0f} KB; next query p50 "
              f"{total['next_p50_ms']:.0f} ms, slowest {total['next_max_ms']:.0f} ms; throttled p50 "
              f"{total['throttled_p50_ms']:.0f} ms")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
