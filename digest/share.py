"""Sharing and reading on a phone: an article's QR code, drawn at build time as an inline SVG, and the site's
default link-preview image (og:image).

The QR code is made by segno (pure Python) through its public API. It encodes the article's full URL; a site
built without an origin (`site_url`) has only absolute-path URLs, which a phone that scans them cannot open, so
it gets no QR code at all. The SVG is black on white in both colour schemes (scanners expect dark modules on a
light ground), names itself with `role="img"` and a <title>, and refers to nothing outside the page.
"""
from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from pathlib import Path

import segno
from markupsafe import Markup
from PIL import Image

from digest.errors import SourceError
from digest.parallel import each_core

QR_NAME = "扫码在手机上阅读"  # the QR code's accessible name (its <title>)
QR_ERROR = "m"  # error correction M (15%): the usual choice for a URL shown on a screen


def qr_svg(url: str, memo: MutableMapping[str, str] | None = None) -> Markup:
    """The QR code of a full URL as an inline `<svg role="img">`; empty for a URL without an origin."""
    if not _is_full(url):
        return Markup("")
    found = memo.get(url) if memo is not None else None
    if found is None:
        found = _draw(url)
        if memo is not None:
            memo[url] = found
    return Markup(found)


def draw_qr_codes(urls: Iterable[str], memo: MutableMapping[str, str]) -> int:
    """Draw the QR codes of `urls` that `memo` lacks, on every core, into `memo`; return how many were drawn.
    segno takes about 7 ms a code (choosing the best of eight masks, as the standard asks): a cold build of
    10,000 articles draws them in half the time on two cores."""
    missing = sorted({url for url in urls if _is_full(url) and url not in memo})
    for url, svg in zip(missing, each_core(_draw, missing, chunksize=64), strict=True):
        memo[url] = svg
    return len(missing)


def _is_full(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _draw(url: str) -> str:
    """The SVG of one QR code: sized by CSS (omitsize), one unit per module, the standard quiet zone of 4."""
    code = segno.make(url, error=QR_ERROR, micro=False)
    svg = code.svg_inline(border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None, omitsize=True,
                          title=QR_NAME)
    return svg.replace("<svg ", '<svg role="img" ', 1)


@dataclass(frozen=True)
class SiteImage:
    """The site's default link-preview image: its fingerprinted site path, size in pixels and bytes."""

    path: str
    width: int
    height: int
    data: bytes


def site_image(assets: Path, name: str) -> SiteImage | None:
    """The image `name` of the assets folder (site.toml's `image`), fingerprinted like the stylesheet; None
    when the site has none."""
    if not name:
        return None
    source = assets / name
    data = source.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
    except OSError:
        raise SourceError(source, None, "not an image (site.toml's 'image' names a PNG or JPEG file)") from None
    return SiteImage(f"assets/{source.stem}.{hashlib.sha256(data).hexdigest()[:10]}{source.suffix.lower()}",
                     width, height, data)
