"""`seeds/seeds.toml`: per-seed overrides (issue date or year, section, tags) for pages whose text lacks them."""
from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from digest.errors import SourceError
from digest.ingest.parse import SeedOptions

OPTIONS_FILE = "seeds.toml"
_TYPES = {"date": dt.date, "year": int, "page": str, "page_name": str, "section": str, "tags": list}


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _check_entry(path: Path, text: str, name: str, entry: object) -> SeedOptions:
    if not isinstance(entry, dict):
        raise SourceError(path, _line_of(text, name), f"'{name}' must be a table such as [\"{name}\"]")
    for key, value in entry.items():
        expected = _TYPES.get(key)
        line = _line_of(text, key)
        if expected is None:
            raise SourceError(path, line, f"unknown key '{key}' for '{name}' (known: {', '.join(_TYPES)})")
        if not isinstance(value, expected) or isinstance(value, dt.datetime):
            raise SourceError(path, line, f"'{key}' for '{name}' must be a {expected.__name__}")
    tags = entry.get("tags", [])
    if not all(isinstance(tag, str) for tag in tags):
        raise SourceError(path, _line_of(text, "tags"), f"'tags' for '{name}' must be a list of strings")
    return SeedOptions(entry.get("date"), entry.get("year"), entry.get("section"), tuple(tags),
                       entry.get("page"), entry.get("page_name"))


def load_seed_options(seeds_dir: Path) -> dict[str, SeedOptions]:
    """Per-seed options keyed by seed file name; empty when there is no seeds.toml."""
    path = seeds_dir / OPTIONS_FILE
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        raise SourceError(path, line, f"invalid TOML: {str(error).split(' (at')[0]}") from None
    return {name: _check_entry(path, text, name, entry) for name, entry in sorted(data.items())}
