"""Seed bytes → text: UTF-8 (with or without BOM) or GB18030, LF line ends; refuse binary and empty files."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from digest.content import UNWRITABLE
from digest.errors import SourceError

MAX_SEED_BYTES = 20 * 1024 * 1024


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_like_chinese(text: str) -> bool:
    """True when the non-ASCII characters are overwhelmingly CJK text and punctuation."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return True
    cjk = sum(
        1
        for ch in wide
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
        or ch in "“”‘’—…·•▲△▼■□◎"
    )
    return cjk / len(wide) >= 0.85


def _decode_utf16(data: bytes, path: Path) -> str | None:
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as error:
                raise SourceError(path, None, f"cannot decode as UTF-16 ({error.reason})") from None
    return None


def _check_binary(data: bytes, path: Path) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(path, _line_of(data, nul), "binary data (NUL byte), not a text page dump")


def _decode_bytes(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_like_chinese(text):
            return text
        bad = data[utf8_error.start]
        raise SourceError(
            path,
            _line_of(data, utf8_error.start),
            f"cannot decode: neither UTF-8 nor GB18030 (byte 0x{bad:02x} at offset {utf8_error.start})",
        ) from None


# The control characters (Unicode category Cc: C0 and C1) other than tab, line feed, form feed and carriage return.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _check_controls(text: str, path: Path) -> None:
    controls = [found.start() for found in CONTROL_RE.finditer(text)]
    if controls and len(controls) > max(3, len(text) // 200):
        line = text.count("\n", 0, controls[0]) + 1
        raise SourceError(path, line, f"binary data ({len(controls)} control characters), not a text page dump")


def decode_seed(path: Path) -> str:
    """Read a seed and return its text with LF line ends; SourceError for empty, binary or undecodable files."""
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise SourceError(path, None, f"seed too large ({size} bytes; at most {MAX_SEED_BYTES})")
    return decode_data(path.read_bytes(), path)


def decode_data(data: bytes, path: Path) -> str:
    """Decode a seed's bytes (named `path` in errors); SourceError for empty, binary or undecodable data."""
    text = _decode_utf16(data, path)
    if text is None:
        _check_binary(data, path)
        text = _decode_bytes(data, path)
    _check_controls(text, path)
    # A byte-order mark anywhere (dumps joined with `cat` carry one at each start) is invisible: it goes.
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    # The few control characters a text page may carry are extraction debris no web page can hold: a form feed
    # or vertical tab breaks the line, the rest go (as do noncharacters).
    text = UNWRITABLE.sub(lambda found: "\n" if found.group() in "\f\v" else "", text)
    if not text.strip():
        raise SourceError(path, None, "empty seed (no text)")
    return text
