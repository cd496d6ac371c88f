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
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

import segno
from markupsafe import Markup
from PIL import Image

from digest.errors import SourceError

QR_NAME = "扫码在手机上阅读"  # the QR code's accessible name (its <title>)
QR_ERROR = "m"  # error correction M (15%): the usual choice for a URL shown on a screen


def qr_svg(url: str, memo: MutableMapping[str, str] | None = None) -> Markup:
    """The QR code of a full URL as an inline `<svg role="img">`; empty for a URL without an origin."""
    if not url.startswith(("https://", "http://")):
        return Markup("")
    found = memo.get(url) if memo is not None else None
    if found is None:
        code = segno.make(url, error=QR_ERROR, micro=False)
        # Sized by CSS (omitsize), one unit per module, the standard quiet zone of 4 modules.
        svg = code.svg_inline(border=4, dark="#000", light="#fff", svgclass="qr", lineclass=None, omitsize=True,
                              title=QR_NAME)
        found = svg.replace("<svg ", '<svg role="img" ', 1)
        if memo is not None:
            memo[url] = found
    return Markup(found)


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
