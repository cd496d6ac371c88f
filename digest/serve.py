"""`python build.py serve`: build, serve dist/ on 127.0.0.1, rebuild on change, reload the browser.

The live-reload script is added to HTML responses as they are served, so files in dist/ never
contain it. A failed rebuild keeps the last good site on disk and shows `path:line: message` over
every page until the file is fixed.
"""
from __future__ import annotations

import argparse
import http.server
import json
import posixpath
import signal
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest.errors import DigestError
from digest.lock import exclusive
from digest.session import BuildSession
from digest.watch import Change, Watcher

LIVE = "__live/"  # URL folder of the live-reload endpoints, under the base path
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".wasm": "application/wasm",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".webmanifest": "application/manifest+json",
}
CLIENT_JS = (Path(__file__).parent / "live.js").read_text(encoding="utf-8")


@dataclass
class LiveState:
    """What browsers need to know: the build version, the current error, and whether only CSS changed."""

    version: int = 0
    error: str | None = None
    styles_only: bool = False
    index: int = 0  # the search index's version: the search page reloads when it changes
    cond: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, error: str | None, styles_only: bool = False) -> None:
        """Record the outcome of a rebuild and wake every waiting browser."""
        with self.cond:
            if error is None:
                self.version += 1
            self.error, self.styles_only = error, styles_only
            self.cond.notify_all()

    def publish_index(self) -> None:
        """Tell the browsers that the search index caught up with the last rebuild."""
        with self.cond:
            self.index += 1
            self.cond.notify_all()

    def snapshot(self) -> dict:
        """The state as JSON-ready data."""
        with self.cond:
            return {"version": self.version, "error": self.error, "styles_only": self.styles_only,
                    "index": self.index}


def content_type(path: Path) -> str:
    """The Content-Type for a served file (Pagefind's `.pf_*` files are binary)."""
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def resolve_request(root: Path, base: str, url_path: str) -> Path | None:
    """The file under `root` a request path names, or None if it is outside `root` or the base path."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path or not path.startswith(base):
        return None
    # normpath of an absolute path cannot climb above "/": `..` segments stop at the site root.
    relative = posixpath.normpath("/" + path[len(base):]).lstrip("/")
    real_root = root.resolve()
    target = (real_root / relative).resolve()  # resolves symlinks: a link out of the site is refused
    if target != real_root and real_root not in target.parents:
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def inject_client(html: bytes, base: str, version: int, index: int = 0) -> bytes:
    """Add the live-reload script before `</body>` (or at the end of the page)."""
    tag = (f'<script src="{base}{LIVE}client.js" data-base="{base}" data-version="{version}" '
           f'data-index="{index}" defer></script>')
    marker = b"</body>"
    index = html.rfind(marker)
    data = tag.encode("utf-8")
    return html[:index] + data + html[index:] if index >= 0 else html + data


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    """Serves the site under its base path, plus `__live/` endpoints; nothing outside dist/."""

    root: Path
    base: str
    state: LiveState
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # quiet: the terminal is for build messages
        return

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def _serve(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "") and self.base != "/":
            return self._redirect(self.base)
        if path.startswith(self.base + LIVE):
            return self._live(path[len(self.base + LIVE):], send_body)
        target = resolve_request(self.root, self.base, self.path)
        if target is None:
            return self._not_found(send_body)
        if target.name == "index.html" and not path.endswith("/") and not path.endswith("index.html"):
            return self._redirect(path + "/")
        self._file(target, 200, send_body)

    def _file(self, target: Path, status: int, send_body: bool) -> None:
        data = target.read_bytes()
        kind = content_type(target)
        if kind.startswith("text/html"):
            state = self.state.snapshot()
            data = inject_client(data, self.base, state["version"], state["index"])
        self._send(status, kind, data, send_body)

    def _not_found(self, send_body: bool) -> None:
        page = self.root / "404.html"
        if page.is_file():
            return self._file(page, 404, send_body)
        self._send(404, "text/plain; charset=utf-8", b"404 not found\n", send_body)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, kind: str, data: bytes, send_body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _live(self, name: str, send_body: bool) -> None:
        if name == "client.js":
            return self._send(200, CONTENT_TYPES[".js"], CLIENT_JS.encode("utf-8"), send_body)
        if name == "status":
            return self._send(200, "application/json", json.dumps(self.state.snapshot()).encode(), send_body)
        if name == "events":
            return self._events()
        self._send(404, "text/plain; charset=utf-8", b"404 not found\n", send_body)

    def _events(self) -> None:
        """Server-sent events: `state` now, then after every rebuild; a comment every 15 s keeps it open."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        seen = None
        try:
            while not self.server.stopping.is_set():  # type: ignore[attr-defined]
                snapshot = self.state.snapshot()
                if snapshot != seen:
                    self.wfile.write(f"event: state\ndata: {json.dumps(snapshot)}\n\n".encode())
                    seen = snapshot
                else:
                    self.wfile.write(b": ping\n\n")
                self.wfile.flush()
                with self.state.cond:
                    self.state.cond.wait(15)
        except (BrokenPipeError, ConnectionResetError):
            return


class PreviewServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server whose open event streams end when it stops."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[PreviewHandler]):
        self.stopping = threading.Event()
        super().__init__(address, handler)

    def stop(self, state: LiveState) -> None:
        """Stop serving and release event streams."""
        self.stopping.set()
        with state.cond:
            state.cond.notify_all()
        self.shutdown()
        self.server_close()


def make_server(root: Path, base: str, state: LiveState, host: str = "127.0.0.1", port: int = 8000) -> PreviewServer:
    """An HTTP server for `root` under `base`, bound to `host` (loopback unless asked otherwise)."""
    handler = type("Handler", (PreviewHandler,), {"root": Path(root), "base": base, "state": state})
    return PreviewServer((host, port), handler)


class Preview:
    """One serve session: the arguments, the live state, the rebuild step and its terminal output."""

    def __init__(self, args: argparse.Namespace):
        from digest.pipeline import config_from_args

        self.args = args
        self.cfg = config_from_args(args)
        self.state = LiveState()
        self._last_error: str | None = None
        # What one build leaves to the next, for the whole session: the store, compiled templates, and the
        # model of the last build for quick previews of edits (digest/preview.py).
        self.session = BuildSession.beside(Path(args.out))
        self.session.forget()  # the first build is whole, so that it makes the model quick previews need
        self._index_behind = False  # the last rebuild kept a stale search shard (see follow_up)
        self._exact_behind = False  # dist/ holds quick pages: the whole build is still to run

    @property
    def folders(self) -> list[Path]:
        """What serve watches."""
        args = self.args
        return [Path(args.seeds), Path(args.content), Path(args.templates), Path(args.config).parent]

    def rebuild(self, change: Change | None) -> set[Path]:
        """Ingest if seeds changed, then build; returns the content files ingest wrote."""
        from digest.pipeline import config_from_args

        written = self._ingest() if change is None or change.touches(Path(self.args.seeds)) else set()
        if change is not None and change.touches(Path(self.args.config)):
            self.cfg = config_from_args(self.args)
        # An edit of articles' text alone: their pages are written at once, and the whole build follows in
        # follow_up(), after the browsers have been told.
        if change is not None and not written and self._preview_quickly(change):
            self._exact_behind = True
            return written
        self._exact_behind = False
        # The search shards an edit touches keep their last bundle, so the page reloads without waiting for
        # Pagefind; follow_up() brings them up to date once the browsers have been told.
        self._index_behind = not self._build(index_may_lag=True).index_fresh
        return written

    def follow_up(self) -> None:
        """After a quick preview: the whole build (browsers reload again only if another page changed). After
        a build that kept a stale search shard: build again with a fresh index (pages are reused)."""
        if self._exact_behind:
            self._exact_behind = False
            self._refresh_index()
            result = self._build(index_may_lag=True)
            self._index_behind = not result.index_fresh
            if result.changed_pages:
                self.state.publish(None)
        if self._index_behind:
            self._index_behind = not self._build(index_may_lag=False).index_fresh
            self.state.publish_index()

    def _refresh_index(self) -> None:
        """After a quick preview: the search shards of the edited articles made again from the previewed model and
        written into dist/ first, so search finds the edit in seconds; the whole build that re-renders every page
        (20 s at 10,000 articles) comes after, and finds the index up to date."""
        from digest import search
        from digest.output import write_in_place

        if self.session.site is None or getattr(self.args, "no_search", False):
            return
        try:
            outputs, fresh = search.index_outputs(self.session.site, self.cfg, memo=self.session.search,
                                                  last=self.session.bundles, records=self.session.records,
                                                  routes=self.session.routes)
            out = Path(self.args.out)
            # Pagefind's files and the route table are named by their content: only new ones and the two
            # manifests need writing (the whole build rewrites dist/ as it should be).
            rewritten = (search.ENTRY, search.MANIFEST)  # the files whose names stay when their content changes
            changed = [o for o in outputs if not (out / o.path).exists() or o.path.endswith(rewritten)]
            with exclusive(out, wait=True):
                write_in_place(changed, out)
        except (DigestError, OSError):
            return  # the whole build runs and says what is wrong
        if fresh:
            self.state.publish_index()

    def _preview_quickly(self, change: Change) -> bool:
        """Write the pages of articles whose text alone changed (digest/preview.py); False when it cannot."""
        from digest.output import write_in_place
        from digest.preview import quick_outputs

        content = Path(self.args.content)  # as given: the model's paths are shown as load_content shows them
        inside = content.resolve()
        site = self.session.site
        if site is None or not change.paths or any(inside not in p.parents for p in change.paths):
            return False
        if self._last_error is not None:
            return False  # the site is broken elsewhere: only the whole build may say it is fixed
        try:
            found = quick_outputs(site, self.cfg, content, Path(self.args.templates), change.paths,
                                  self.session.slugs, self.session.environments, self.session.proposed)
            if found is None:
                return False
            with exclusive(Path(self.args.out), wait=True):
                write_in_place(found[0], Path(self.args.out))
        except (DigestError, OSError):
            return False  # the whole build runs and says what is wrong
        self.session.site = found[1]
        return True

    def _build(self, index_may_lag: bool):
        from digest.pipeline import BuildRequest, build

        with exclusive(Path(self.args.out), wait=True):
            request = BuildRequest(self.cfg, Path(self.args.content), Path(self.args.out),
                                   Path(self.args.templates), self.args.drafts,
                                   not getattr(self.args, "no_search", False), index_may_lag=index_may_lag)
            return build(request, self.session)

    def _ingest(self) -> set[Path]:
        """Ingest the seeds; returns the content files it wrote."""
        from digest.ingest import ingest

        report = ingest(Path(self.args.seeds), Path(self.args.content), force=False)
        for seed in report.seeds:
            for warning in seed.warnings:
                print(f"warning: {warning}", file=sys.stderr)
        # As `python build.py` does: a bad seed is said and skipped, and the rest of the paper is previewed.
        for error in report.errors:
            print(f"error: {error}; skipped", file=sys.stderr, flush=True)
        content = Path(self.args.content)
        return {content / a.path for s in report.seeds for a in s.articles if a.status in ("created", "updated")}

    def notify(self, change: Change | None, error: str | None) -> None:
        """Tell the terminal (each error once) and the browsers about a rebuild's outcome."""
        if error and error != self._last_error:
            print(f"error: {error}; skipped", file=sys.stderr, flush=True)
        elif not error and self._last_error:
            print("fixed: site rebuilt", file=sys.stderr, flush=True)
        elif not error and not self.args.quiet:
            print("rebuilt", file=sys.stderr, flush=True)
        self._last_error = error
        self.state.publish(error, styles_only=bool(change and change.styles_only))


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM end the session cleanly, even when started in the background with SIGINT ignored."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def serve_from_args(args: argparse.Namespace) -> int:
    """Build, serve and rebuild on change until Ctrl-C."""
    _stop_on_signals()
    preview = Preview(args)
    try:
        preview.rebuild(None)
    except DigestError as error:
        preview.notify(None, str(error))
    base = preview.cfg.base_url
    server = make_server(Path(args.out), base, preview.state, args.host, args.port)
    host, port = server.server_address[:2]
    print(f"serving http://{host}:{port}{base}  (Ctrl-C stops)", flush=True)
    watcher = Watcher(preview.folders, preview.rebuild, preview.notify, idle=preview.follow_up)
    watcher.start()
    thread = threading.Thread(target=server.serve_forever, name="http", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        print("stopping", flush=True)
    finally:
        watcher.stop()
        server.stop(preview.state)
    return 0
