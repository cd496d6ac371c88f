"""The cost of the pages of persons named and topics (issue 20): a cold build of the same corpus with and
without the front matter keys `people` and `topics`, in pairs, taking turns.

    python bench/subjects.py [--count 10000] [--pairs 5] [--search]

Writes both corpora under bench/.work/subjects/ (gitignored) with bench/corpus.py (`--subjects` gives the
keys from a random generator of their own, so the text is the same), then builds each with
`python build.py build --no-search` from nothing, `--pairs` times each, alternating which goes first. Prints a
Markdown table: medians of wall and CPU seconds (user + system of the process tree), peak memory, the paired
ratio, HTML pages and output size. `--search` builds with the search index, as `python build.py` does by
default (the deploy build).

`--in-process` measures instead, in a fresh process per build, the CPU seconds of load, Markdown, model and
render with nothing written: the part of the cost that does not depend on the disk, which on a shared machine
is the noisiest part (file creation slowed by other jobs' writes).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / ".work" / "subjects"
sys.path.insert(0, str(BENCH))

from corpus import write_corpus  # noqa: E402  (bench/ is not a package)
from run import ROOT, Run, measure  # noqa: E402

KINDS = ("with", "without")


def _corpus(kind: str, count: int) -> Path:
    """The content folder of one kind, written once per count."""
    folder = WORK / f"{kind}-{count}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, count, subjects=kind == "with")
        (folder / ".complete").touch()
    return folder


def _cold(content: Path, out: Path, search: bool) -> Run:
    """One cold build: no output, no store; with the search index when `search`."""
    for path in (out, out.with_name(f".{out.name}.cache")):
        shutil.rmtree(path, ignore_errors=True)
    return measure([sys.executable, "build.py", "build", "--content", str(content), "--out", str(out),
                    *(() if search else ("--no-search",)), "--quiet"], cwd=ROOT)


def _size(out: Path) -> tuple[int, int]:
    """HTML pages, and bytes of every file, of a built site."""
    files = [path for path in out.rglob("*") if path.is_file()]
    return sum(path.suffix == ".html" for path in files), sum(path.stat().st_size for path in files)


def _stages(content: Path) -> None:
    """Load, Markdown, model and render `content` in this process with nothing written; print the CPU seconds."""
    import time

    sys.path.insert(0, str(ROOT))
    from digest import content as load
    from digest import model, render
    from digest.config import load_config

    cfg = load_config(ROOT / "site" / "site.toml")
    started = time.process_time()
    articles = load.load_content(content, False)
    site = model.build_site(articles, cfg, model.derive_all(articles, cfg))
    for _ in render.render_outputs(site, cfg, ROOT / "templates"):
        pass
    print(time.process_time() - started)


def _in_process(content: Path) -> float:
    """CPU seconds of `_stages(content)` in a new process."""
    import subprocess

    done = subprocess.run([sys.executable, __file__, "--stages", str(content)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    return float(done.stdout.split()[-1])


def _in_process_table(content: dict[str, Path], pairs: int, count: int) -> None:
    """Paired in-process CPU seconds, taking turns; a Markdown table of medians."""
    seconds: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for pair in range(pairs):
        for kind in (KINDS if pair % 2 == 0 else KINDS[::-1]):
            seconds[kind].append(_in_process(content[kind]))
            print(f"pair {pair + 1} {kind}: {seconds[kind][-1]:.2f} s CPU", file=sys.stderr)
    ratio = statistics.median(a / b for a, b in zip(seconds["with"], seconds["without"], strict=True))
    print(f"| {count:,} articles, in one process, nothing written | with: CPU s | without: CPU s | paired ratio |")
    print("|---|---:|---:|---:|")
    print(f"| medians of {pairs} pairs | {statistics.median(seconds['with']):.2f} | "
          f"{statistics.median(seconds['without']):.2f} | {ratio:.3f} |")


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--in-process", action="store_true", help="CPU of the stages, nothing written")
    parser.add_argument("--search", action="store_true", help="build the search index too (the deploy build)")
    parser.add_argument("--stages", type=Path, help=argparse.SUPPRESS)  # one in-process measurement
    args = parser.parse_args()
    if args.stages:
        _stages(args.stages)
        return
    content = {kind: _corpus(kind, args.count) for kind in KINDS}
    if args.in_process:
        _in_process_table(content, args.pairs, args.count)
        return
    runs: dict[str, list[Run]] = {kind: [] for kind in KINDS}
    for pair in range(args.pairs):
        for kind in (KINDS if pair % 2 == 0 else KINDS[::-1]):
            runs[kind].append(_cold(content[kind], WORK / f"out-{kind}", args.search))
            print(f"pair {pair + 1} {kind}: {runs[kind][-1].wall:.2f} s", file=sys.stderr)
    title = f"{args.count:,} articles{', with the search index' if args.search else ''}"
    print(f"| {title} | HTML pages | output MB | cold wall s | cold CPU s | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in KINDS:
        pages, size = _size(WORK / f"out-{kind}")
        done = runs[kind]
        print(f"| {kind} people and topics | {pages:,} | {size / 2**20:.0f} | "
              f"{statistics.median(r.wall for r in done):.2f} | {statistics.median(r.cpu for r in done):.2f} | "
              f"{statistics.median(r.peak_mb for r in done):.0f} |")
    wall = statistics.median(a.wall / b.wall for a, b in zip(runs["with"], runs["without"], strict=True))
    cpu = statistics.median(a.cpu / b.cpu for a, b in zip(runs["with"], runs["without"], strict=True))
    print(f"| paired ratio (median) | | | {wall:.3f} | {cpu:.3f} | |")


if __name__ == "__main__":
    main()
