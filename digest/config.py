"""`site/site.toml` → a frozen `SiteConfig`; unknown keys and wrong types are errors naming the key."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from digest.errors import SourceError


@dataclass(frozen=True)
class SiteConfig:
    """Everything the site needs to know about itself; `base_url` is a path such as `/news-digest/`."""

    title: str = "新闻摘要"
    description: str = ""
    site_url: str = ""
    base_url: str = "/"
    per_page: int = 10
    timezone: str = "Asia/Shanghai"
    language: str = "zh-CN"
    publisher: str = ""
    paper: str = ""  # the printed paper's name, for an article's 来源 line (else the title)
    editor: str = ""  # 责任编辑 of every article, unless its front matter names one
    summary_chars: int = 120
    chars_per_minute: int = 450
    related: int = 4
    feed_items: int = 20
    assets: str = "."
    image: str = ""
    root: str = "."

    @property
    def assets_dir(self) -> Path:
        """Folder of static assets (style.css, favicon.svg), relative to the config file."""
        return Path(self.root) / self.assets

    @property
    def utc_offset(self) -> str:
        """The `+08:00` offset of the configured time zone (fixed: it has no daylight saving)."""
        return _OFFSETS[self.timezone]

    @property
    def zone(self) -> dt.timezone:
        """The configured time zone as a fixed offset (see `utc_offset`)."""
        sign = -1 if self.utc_offset.startswith("-") else 1
        hours, minutes = (int(part) for part in self.utc_offset.lstrip("+-").split(":"))
        return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


# The offsets we can write without a tz database; Asia/Shanghai is the one that matters.
_OFFSETS = {"Asia/Shanghai": "+08:00", "Asia/Hong_Kong": "+08:00", "Asia/Taipei": "+08:00", "UTC": "+00:00"}
_KEYS = {f.name: f for f in dataclasses.fields(SiteConfig) if f.name != "root"}
_TYPES = {"str": str, "int": int}
_TYPE_NAMES = {str: "a string", int: "an integer"}
# site.toml's `image`: a PNG or JPEG (what every link preview shows) below the assets folder, never above it.
_IMAGE = re.compile(r"(?![./])(?!.*(?:^|/)\.\.?/)[A-Za-z0-9._/-]+\.(?:png|jpe?g)", re.IGNORECASE)


def _line_of(text: str, key: str) -> int | None:
    """1-based line where `key = ...` is written, if it is written on a line of its own."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def normalise_base_url(value: str) -> str:
    """`news-digest` → `/news-digest/`; `/` stays `/`."""
    path = "/" + value.strip().strip("/")
    return path if path == "/" else path + "/"


def _check(path: Path, text: str, key: str, value: object) -> object:
    """The value of `key`, checked against the schema; a SourceError naming the key otherwise."""
    line = _line_of(text, key)
    if key not in _KEYS:
        raise SourceError(path, line, f"unknown key '{key}'")
    expected = _TYPES[_KEYS[key].type]
    if type(value) is not expected:
        got = type(value).__name__
        raise SourceError(path, line, f"'{key}' must be {_TYPE_NAMES[expected]}, not {got}")
    if expected is int and value < 1:  # type: ignore[operator]
        raise SourceError(path, line, f"'{key}' must be at least 1")
    if key == "timezone" and value not in _OFFSETS:
        raise SourceError(path, line, f"'timezone' must be one of {', '.join(sorted(_OFFSETS))}")
    if key == "site_url" and value:
        parts = urlsplit(str(value))
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/"):
            raise SourceError(path, line, "'site_url' must be an origin such as https://example.org")
        return f"{parts.scheme}://{parts.netloc}"
    if key == "image" and value and not _IMAGE.fullmatch(str(value)):
        raise SourceError(path, line, "'image' must be a .png or .jpg file in the assets folder, such as og-image.png")
    if key == "base_url":
        return normalise_base_url(str(value))
    return value


def load_config(path: str | Path, base_url: str | None = None) -> SiteConfig:
    """Read and validate `site.toml`; `base_url` (from `--base-url`) overrides the file's."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError(path, None, "config file not found") from None
    except UnicodeDecodeError as error:
        raise SourceError(path, None, f"not UTF-8: {error.reason}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column \d+\)$", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)$", "", str(error))
        raise SourceError(path, int(found.group(1)) if found else None, f"invalid TOML: {message}") from None
    values = {key: _check(path, text, key, value) for key, value in data.items()}
    if not values.get("title", "x"):
        raise SourceError(path, _line_of(text, "title"), "'title' must not be empty")
    if base_url is not None:
        values.update(_split_base_url(base_url))
    return SiteConfig(**values, root=str(path.parent))


def _split_base_url(value: str) -> dict[str, str]:
    """`--base-url` as a path (`/news-digest/`) or a full URL (`https://x.github.io/news-digest/`)."""
    parts = urlsplit(value)
    if parts.scheme and parts.netloc:
        return {"site_url": f"{parts.scheme}://{parts.netloc}", "base_url": normalise_base_url(parts.path)}
    return {"base_url": normalise_base_url(value)}
