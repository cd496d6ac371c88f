"""`python build.py check`: verify a built site as it will be served under its base path.

Every internal link, anchor, asset, feed entry and sitemap URL must name a file of the site under
the base path (nothing may escape it, no `javascript:` URL may appear), and every page must be
valid HTML (the Nu Html Checker, when Java is available).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from digest.errors import DigestError
from digest.session import page_sources
from digest.urls import output_path

_URL_ATTRS = {"href", "src", "action", "poster", "data"}
_XML_URL = re.compile(r"<(?:loc|link|id|uri)>([^<]+)</|href=\"([^\"]+)\"")


@dataclass
class _Page(HTMLParser):
    """Links and ids of one HTML page."""

    urls: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        self.urls += [values[name] for name in _URL_ATTRS & values.keys()]
        if "srcset" in values:
            self.urls += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]
        if tag == "meta" and values.get("property", "").startswith("og:") and values.get("content", "").startswith(
            ("http://", "https://", "/")
        ) and values.get("property") in ("og:url", "og:image"):
            self.urls.append(values["content"])


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the built site."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class CheckResult:
    """What a check found."""

    pages: int = 0
    links: int = 0
    problems: list[Problem] = field(default_factory=list)
    html_checked: bool = False


def _site_url(dist: Path, file: Path, base: str) -> str:
    relative = file.relative_to(dist).as_posix()
    if relative.endswith("index.html"):
        relative = relative[: -len("index.html")]
    return base + relative


def _urls_of(file: Path) -> tuple[list[str], set[str]]:
    text = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix == ".html":
        page = _Page()
        page.feed(text)
        return page.urls, page.ids
    if file.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            return [], set()
        items = data.get("items", []) if isinstance(data, dict) else []
        urls = [data.get(k) for k in ("home_page_url", "feed_url")] if isinstance(data, dict) else []
        urls += [item.get("url") for item in items if isinstance(item, dict)]
        return [u for u in urls if isinstance(u, str)], set()
    if file.suffix == ".xml" or file.name == "robots.txt":
        found = [a or b for a, b in _XML_URL.findall(text)]
        found += re.findall(r"^Sitemap:\s*(\S+)", text, flags=re.MULTILINE)
        return [u for u in found if u.startswith(("/", "http://", "https://"))], set()
    return [], set()


def _target(dist: Path, base: str, path: str) -> Path | None:
    """The file a URL path names under the base path, or None."""
    if not path.startswith(base):
        return None
    relative = output_path(unquote(path[len(base):]))
    target = dist / relative
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


class _Checker:
    def __init__(self, dist: Path, base: str, origin: str, sources: dict[str, str]):
        self.dist, self.base, self.origin, self.sources = dist, base, origin.rstrip("/"), sources
        self.ids: dict[Path, set[str]] = {}
        self.result = CheckResult()

    def ids_of(self, file: Path) -> set[str]:
        if file not in self.ids:
            self.ids[file] = _urls_of(file)[1] if file.suffix == ".html" else set()
        return self.ids[file]

    def link(self, source: str, page_url: str, raw: str, own_ids: set[str]) -> None:
        self.result.links += 1
        url = raw.strip()
        if url.startswith("#"):
            if unquote(url[1:]) and unquote(url[1:]) not in own_ids:
                self.problem(source, f"broken anchor {raw!r} (no such id on this page)")
            return None
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("javascript", "vbscript", "data") and not url.startswith("data:image/"):
            return self.problem(source, f"{scheme}: URL {raw!r}")
        if scheme in ("mailto", "tel"):
            return None
        absolute = urljoin(page_url, url)
        if self.origin and absolute.startswith(self.origin + "/"):
            absolute = absolute[len(self.origin):]
        parts = urlsplit(absolute)
        if parts.scheme or parts.netloc:
            return None  # another site's URL: not ours to check
        path, fragment = urldefrag(absolute)
        path = urlsplit(path).path
        if not path.startswith(self.base):
            return self.problem(source, f"URL escapes the base path {self.base}: {raw!r}")
        target = _target(self.dist, self.base, path)
        if target is None:
            return self.problem(source, f"broken link {raw!r} (no file for {path})")
        if fragment and target.suffix == ".html" and unquote(fragment) not in self.ids_of(target):
            return self.problem(source, f"broken anchor {raw!r} (no id {unquote(fragment)!r} in {path})")
        return None

    def problem(self, source: str, message: str) -> None:
        self.result.problems.append(Problem(source, message))

    def file(self, file: Path) -> None:
        urls, ids = _urls_of(file)
        self.ids[file] = ids
        if file.suffix == ".html":
            self.result.pages += 1
        source = file.relative_to(self.dist).as_posix()
        if source in self.sources:  # an article page: the file to fix is its content file
            source = f"{self.sources[source]} ({source})"
        # 404.html is served at any depth, so its links must not depend on where it is.
        deep = self.base + "no/such/deep/page/"
        page_url = deep if file.name == "404.html" else _site_url(self.dist, file, self.base)
        for url in urls:
            self.link(source, page_url, url, ids)


def check_links(dist: Path, base: str, origin: str = "", sources: dict[str, str] | None = None) -> CheckResult:
    """Check every link of every page, feed, sitemap and robots.txt under `dist`; a problem on a page in
    `sources` (page file → content file) names the content file first."""
    checker = _Checker(Path(dist), base, origin, sources or {})
    for file in sorted(Path(dist).rglob("*")):
        if file.is_file() and "pagefind" not in file.relative_to(dist).parts:
            checker.file(file)
    return checker.result


VNU_VERSION = "26.9.27"  # the npm package vnu-jar; tests/run.sh installs it into tools/.vnu/
VNU_VARIABLE = "DIGEST_VNU_JAR"  # or the path of any vnu.jar
_VNU_IN_TOOLS = Path("tools/.vnu/node_modules/vnu-jar/build/dist/vnu.jar")
# vnu checks a page's CSP as if served from its file: URL, where 'self' matches nothing and a JSON-LD data block
# counts as inline script: its CSP findings are about the file system, not the site (the browser tests check
# the policy in chromium, with zero violations allowed). The policy's syntax is still checked.
_CSP_ON_FILES = r".*violates Content Security Policy \(meta tag\).*"


def vnu_jar() -> Path | None:
    """The Nu Html Checker: $DIGEST_VNU_JAR when set, else tools/.vnu/ in the project (or the current folder)."""
    given = os.environ.get(VNU_VARIABLE)
    candidates = [Path(given)] if given else [Path(__file__).resolve().parent.parent / _VNU_IN_TOOLS,
                                              Path.cwd() / _VNU_IN_TOOLS]
    return next((path for path in candidates if path.is_file()), None)


def java() -> str | None:
    """`java` on the PATH, else in $JAVA_HOME/bin; None when neither has one."""
    home = os.environ.get("JAVA_HOME")
    return shutil.which("java") or (shutil.which("java", path=os.path.join(home, "bin")) if home else None)


def html_checker_missing() -> str | None:
    """What keeps the Nu Html Checker from running, in a few words; None when it can run."""
    if os.environ.get(VNU_VARIABLE) and vnu_jar() is None:
        return f"{VNU_VARIABLE}={os.environ[VNU_VARIABLE]}: no such file"
    if vnu_jar() is None:
        return f"no vnu.jar in tools/.vnu/: `bash tests/run.sh` installs it, or set {VNU_VARIABLE}"
    return None if java() else "no java on the PATH or in JAVA_HOME"


def check_html(dist: Path) -> list[Problem] | None:
    """Every message of the Nu Html Checker on the site's HTML, CSS and SVG; None when Java or vnu is missing."""
    java_command, jar = java(), vnu_jar()
    if java_command is None or jar is None:
        return None
    command = [java_command, "-jar", str(jar), "--format", "json", "--also-check-css", "--also-check-svg",
               "--skip-non-html", "--filterpattern", _CSP_ON_FILES, str(dist)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    try:
        messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    except (ValueError, KeyError):  # Java too old for this vnu, a damaged jar: vnu printed no report
        first = (result.stderr or result.stdout).strip().splitlines()[:1]
        raise DigestError(f"{jar}: the Nu Html Checker did not run: {first[0] if first else 'no output'}") \
            from None
    return [
        Problem(f"{unquote(urlsplit(m.get('url', '')).path)}:{m.get('lastLine', 0)}",
                f"{m['type']}{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}")
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]


# The favicon's link on the home page: its path, less `favicon.svg`, is the base path the site was built for.
_ICON = re.compile(r'<link rel="icon" href="([^"]*)favicon\.svg"')


def built_base(dist: Path) -> str | None:
    """The base path the site in `dist` was built for (read from its home page); None when it does not say."""
    match = _ICON.search((Path(dist) / "index.html").read_text(encoding="utf-8", errors="replace"))
    return urlsplit(match.group(1)).path if match else None


def check_site(dist: Path, base: str, origin: str = "", html: bool = True) -> CheckResult:
    """Links, anchors and (when `html`) HTML validity of a built site; `html_checked` says if vnu ran.

    A site built for another base path would show every link broken: that is one error instead."""
    built = built_base(dist)
    if built is not None and built != base:
        raise DigestError(f"{dist}: built for base {built}, checked as {base} (pass --base-url {built})")
    result = check_links(dist, base, origin, page_sources(Path(dist)))
    if html:
        problems = check_html(dist)
        result.html_checked = problems is not None
        result.problems += problems or []
    return result
