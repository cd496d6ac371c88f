"""A 127.0.0.1 static server for a built site under a path prefix, like GitHub Pages serves a project.

Used by the browser tests (tests/browser/conftest.py) and by tools/lighthouse.py.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import posixpath
import socket
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve `dist` at `prefix`; anything else, or a missing file, gets dist/404.html with status 404."""

    prefix = "/"
    dist = Path(".")
    # Keep-alive, as GitHub Pages and any real host serve: under HTTP/1.0 every request opened a connection of its
    # own, and Lighthouse's simulation charged each one a round trip of its 150 ms.
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes: with Nagle's algorithm the second waited for the client's delayed
    # acknowledgement, about 40 ms a response on a kept connection.
    disable_nagle_algorithm = True

    def translate_path(self, path: str) -> str:
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not path.startswith(self.prefix) and path + "/" != self.prefix:
            return ""  # outside the site: send_head answers 404
        rest = posixpath.normpath(path[len(self.prefix) :] or ".")
        if rest.startswith(".."):
            return ""
        return str(self.dist / rest) + ("/" if path.endswith("/") else "")

    def send_head(self):
        path = self.translate_path(self.path)
        if not path:
            self.send_error(404)
            return None
        if path.endswith("/") and (Path(path) / "index.html").is_file():
            path = str(Path(path) / "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not Path(path).is_file() \
                or not path.endswith((".html", ".css", ".js", ".xml", ".json", ".txt", ".svg")):
            return super().send_head()
        # Compressed like GitHub Pages serves text, so Lighthouse measures what readers get.
        body = gzip.compress(Path(path).read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.dist / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


_Handler.extensions_map = {**_Handler.extensions_map, ".json": "application/json", ".xml": "application/xml",
                           ".svg": "image/svg+xml", ".css": "text/css", ".html": "text/html; charset=utf-8",
                           ".js": "text/javascript"}


class _Server(http.server.ThreadingHTTPServer):
    """A threading server that is quiet when a browser drops a connection it no longer needs (a preload cut short,
    a closed page): with keep-alive that is routine, and the standard server prints a traceback for it."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """Print what went wrong, unless the client went away."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(dist: Path, prefix: str = "/news-digest/", port: int = 0) -> Iterator[str]:
    """Serve `dist` under `prefix` on 127.0.0.1; yields the site's root URL (`http://127.0.0.1:N/news-digest/`)."""
    handler = type("Handler", (_Handler,), {"prefix": prefix, "dist": Path(dist)})
    server = _Server(("127.0.0.1", port), functools.partial(handler))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
