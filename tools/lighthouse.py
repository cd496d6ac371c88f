"""Measure Lighthouse 12 (mobile preset) on the home page, an article, an edition, the archive and a search.

    python tools/lighthouse.py                      # the golden fixture site
    python tools/lighthouse.py --content content    # the real content with site/site.toml
    python tools/lighthouse.py --no-origin          # as built without site_url

Installs lighthouse@12.2.3 into tools/.lighthouse/ (gitignored) on first use, builds the site under
/news-digest/ with the local server's origin (so canonical URLs point at the page Lighthouse sees),
serves it on 127.0.0.1 and prints the four category scores per page. Not a CI test: a measurement.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.config import load_config  # noqa: E402
from digest.pipeline import BuildRequest, build  # noqa: E402
from tests.siteserver import free_port, serve  # noqa: E402

VERSION = "12.2.3"
PREFIX = ROOT / "tools" / ".lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
         "--disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def ensure_lighthouse() -> None:
    """`npm i -E lighthouse@12.2.3` into tools/.lighthouse/ unless it is there."""
    if not CLI.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "i", "--no-audit", "--no-fund", "-E", f"lighthouse@{VERSION}", "--prefix",
                        str(PREFIX)], check=True)


def run(url: str, report: Path) -> dict:
    """One Lighthouse run; returns the parsed JSON report."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--chrome-flags={FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
                   check=True, env=env)
    return json.loads(report.read_text())


def main() -> int:
    """Build, serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "tests" / "fixtures" / "site" / "content")
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--no-origin", action="store_true",
                        help="build without site_url, as a local build is (no canonical links, no sitemap)")
    parser.add_argument("--pages", nargs="*", default=None,
                        help="site paths (default: home, article, edition, archive, search)")
    args = parser.parse_args()
    config = args.config or (ROOT / "tests" / "fixtures" / "site" / "site.toml"
                             if "fixtures" in str(args.content) else ROOT / "site" / "site.toml")
    ensure_lighthouse()
    port = free_port()
    with tempfile.TemporaryDirectory() as scratch:
        dist = Path(scratch) / "dist"
        cfg = load_config(config, base_url=f"http://127.0.0.1:{port}/news-digest/")
        cfg = replace(cfg, site_url="") if args.no_origin else cfg
        build(BuildRequest(cfg, args.content, dist, ROOT / "templates"))
        # The longest article: the most text, subheadings and bylines to measure.
        longest = max(dist.glob("[0-9]*/*/*/*/index.html"), key=lambda p: (p.stat().st_size, str(p)))
        editions = sorted(dist.glob("editions/[0-9]*/*/*/index.html"))
        edition = [editions[-1].parent.relative_to(dist).as_posix() + "/"] if editions else []
        pages = args.pages or ["", longest.parent.relative_to(dist).as_posix() + "/", *edition, "archive/",
                               "search/?q=%E6%8A%A5%E9%81%93"]  # a search with results: 报道
        failed = False
        with serve(dist, "/news-digest/", port) as root:
            print(f"{'page':<60} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES))
            for path in pages:
                report = run(root + path, Path(scratch) / "report.json")
                scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                failed |= any(score < 100 for score in scores)
                print(f"/news-digest/{path:<47} " + " ".join(f"{s:>13}" for s in scores))
                for audit in report["audits"].values():
                    if audit.get("score") is not None and audit["score"] < 1 and audit["id"] != "max-potential-fid" \
                            and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"):
                        print(f"    {audit['id']}: {audit['score']} {audit.get('displayValue', '')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
