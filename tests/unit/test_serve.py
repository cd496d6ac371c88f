"""Unit tests of the live-preview server and watcher: safe paths, content types, injection, debounce."""
from __future__ import annotations

import http.client
import threading
import time
from pathlib import Path

import pytest

from digest.serve import LiveState, content_type, inject_client, make_server, resolve_request
from digest.watch import Change, Debouncer, is_relevant

BASE = "/news-digest/"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "2021" / "a").mkdir(parents=True)
    (root / "index.html").write_text("<html><body><p>home</p></body></html>", encoding="utf-8")
    (root / "2021" / "a" / "index.html").write_text("<html><body>a</body></html>", encoding="utf-8")
    (root / "404.html").write_text("<html><body>not here</body></html>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "link-out").symlink_to(tmp_path / "secret.txt")
    (root / "dir-out").symlink_to(tmp_path)
    return root


@pytest.mark.parametrize("request_path", [
    "/news-digest/../secret.txt", "/news-digest/%2e%2e/secret.txt", "/news-digest/..%2fsecret.txt",
    "/news-digest/link-out", "/news-digest/dir-out/secret.txt", "/news-digest/%00", "/news-digest/..\\secret.txt",
    "/secret.txt", "/news-digest/nope.html",
])
def test_requests_outside_the_site_are_refused(site, request_path):
    assert resolve_request(site, BASE, request_path) is None


def test_requests_inside_the_site(site):
    assert resolve_request(site, BASE, "/news-digest/") == site.resolve() / "index.html"
    assert resolve_request(site, BASE, "/news-digest/2021/a/?q=1") == site.resolve() / "2021/a/index.html"
    assert resolve_request(site, BASE, "/news-digest/2021/../2021/a/") == site.resolve() / "2021/a/index.html"


@pytest.mark.parametrize("name, kind", [
    ("x.pf_meta", "application/octet-stream"), ("x.pf_fragment", "application/octet-stream"),
    ("wasm.zh.pagefind", "application/octet-stream"), ("pagefind.wasm", "application/wasm"),
    ("sitemap.xml", "application/xml"), ("feed.json", "application/json"), ("a.html", "text/html; charset=utf-8"),
    ("a.js", "text/javascript; charset=utf-8"), ("a.css", "text/css; charset=utf-8"),
])
def test_content_types(name, kind):
    assert content_type(Path(name)) == kind


def test_inject_client_goes_before_body_end():
    html = inject_client(b"<html><body><p>x</p></body></html>", BASE, 3)
    assert html == (b'<html><body><p>x</p><script src="/news-digest/__live/client.js" data-base="/news-digest/" '
                    b'data-version="3" data-index="0" defer></script></body></html>')


def test_is_relevant_ignores_temporary_and_hidden_files():
    assert is_relevant("content/2021/a.md")
    for name in ("content/.a.md.x.tmp", "content/.ingest.json", "templates/.base.html.swp", "a.md~", "#a.md#"):
        assert not is_relevant(name)


def test_a_burst_of_saves_gives_one_change(tmp_path):
    debouncer = Debouncer(quiet=0.1, max_wait=2)
    stop = threading.Event()
    results = []
    thread = threading.Thread(target=lambda: results.append(debouncer.wait(stop)))
    thread.start()
    for i in range(20):
        debouncer.add(str(tmp_path / f"f{i}.md"))
        time.sleep(0.01)
    thread.join(5)
    assert len(results) == 1 and len(results[0].paths) == 20
    stop.set()
    assert debouncer.wait(stop) is None


def test_change_knows_styles_only_and_folders(tmp_path):
    css = Change(frozenset({(tmp_path / "site" / "style.css").resolve()}))
    assert css.styles_only and css.touches(tmp_path / "site") and not css.touches(tmp_path / "seeds")
    assert not Change(frozenset({(tmp_path / "a.md").resolve(), (tmp_path / "b.css").resolve()})).styles_only


def _get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_server_serves_injects_and_refuses(site):
    state = LiveState()
    server = make_server(site, BASE, state, port=0)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert server.server_address[0] == "127.0.0.1"
        status, _, body = _get(port, "/news-digest/")
        assert status == 200 and b"__live/client.js" in body
        assert (site / "index.html").read_bytes().find(b"__live") == -1
        status, _, body = _get(port, "/news-digest/link-out")
        assert status == 404 and b"not here" in body
        assert _get(port, "/news-digest/2021/a")[1]["Location"] == "/news-digest/2021/a/"
        assert _get(port, "/")[1]["Location"] == "/news-digest/"
        status_body = _get(port, "/news-digest/__live/status")[2]
        assert status_body == b'{"version": 0, "error": null, "styles_only": false, "index": 0}'
        state.publish("content/a.md:3: invalid YAML")
        assert b"content/a.md:3" in _get(port, "/news-digest/__live/status")[2]
    finally:
        server.stop(state)


def test_follow_up_waits_for_a_pause_in_the_saves(tmp_path):
    debouncer = Debouncer(quiet=0.01)
    stop = threading.Event()
    assert debouncer.settle(stop, 0.05)  # nothing came: the follow-up may run
    later = threading.Timer(0.05, debouncer.add, args=(str(tmp_path / "a.md"),))
    later.start()
    started = time.monotonic()
    assert not debouncer.settle(stop, 5.0)  # a save came first: the next rebuild goes before the follow-up
    assert time.monotonic() - started < 2.0
    later.join()
    stop.set()
    assert not debouncer.settle(stop, 5.0)
