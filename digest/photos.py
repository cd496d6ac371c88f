"""Photos: an article's `![说明](photo.jpg)` → resized, metadata-free WebP and JPEG files and a `<figure>`.

Each photo is opened with Pillow, turned upright by its EXIF orientation, and written again without any
metadata (GPS included) at a few widths, never wider than the original, as WebP with a JPEG fallback. Files are
named by the hash of the source bytes and the settings, so a photo is processed once and its files are reused
while neither changes (`PhotoStore`, kept in the build's cache folder).
"""
from __future__ import annotations

import hashlib
import html
import io
import json
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import PIL
from markupsafe import Markup
from PIL import Image, ImageOps, UnidentifiedImageError

from digest.errors import SourceError
from digest.files import write_atomically
from digest.parallel import each_core

WIDTHS = (480, 800, 1200)
WEBP_QUALITY = 78
JPEG_QUALITY = 82
MAX_PIXELS = 50_000_000  # a 12-megapixel camera photo is far below; a decompression bomb is far above
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
PHOTOS_PATH = "photos/"
# Markdown writes an image as this placeholder (digest/markdown_full.py); `place_photos` replaces it.
PLACEHOLDER_RE = re.compile(r'<figure data-photo="([^"]*)">(.*?)</figure>', re.S)
# What the files depend on besides the photo: a change of any makes new files.
SETTINGS = f"{WIDTHS}|{WEBP_QUALITY}|{JPEG_QUALITY}|{PIL.__version__}|v2"


@dataclass(frozen=True)
class Variant:
    """One width of a photo: its WebP and JPEG site paths."""

    width: int
    height: int
    webp: str
    jpeg: str
    jpeg_bytes: int  # the JPEG's size: an RSS enclosure states it


@dataclass(frozen=True)
class Photo:
    """A processed photo: its variants, smallest first, and its caption."""

    variants: tuple[Variant, ...]
    alt: str

    @property
    def largest(self) -> Variant:
        """The widest variant: the `src` of the `<img>` and the lead photo of cards and feeds."""
        return self.variants[-1]


def _encode(image: Image.Image, width: int) -> tuple[int, bytes, bytes]:
    """(height, WebP bytes, JPEG bytes) of `image` scaled to `width`; no metadata is written."""
    height = max(1, round(image.height * width / image.width))
    scaled = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
    webp, jpeg = io.BytesIO(), io.BytesIO()
    scaled.save(webp, "WEBP", quality=WEBP_QUALITY, method=4)
    flat = scaled.convert("RGB") if scaled.mode != "RGB" else scaled
    flat.save(jpeg, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return height, webp.getvalue(), jpeg.getvalue()


def _open(data: bytes, where: tuple[str, int | None], name: str) -> Image.Image:
    """The upright image of `data`; SourceError for a format we do not take or an image over the pixel limit."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise SourceError(*where, f"photo {name!r}: unsupported format {image.format} "
                                          "(use JPEG, PNG, WebP or GIF)")
            if image.width * image.height > MAX_PIXELS:
                raise SourceError(*where, f"photo {name!r}: {image.width}×{image.height} pixels, over the "
                                          f"limit of {MAX_PIXELS:,}")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise SourceError(*where, f"photo {name!r}: too many pixels to open safely") from None
    except UnidentifiedImageError:
        raise SourceError(*where, f"photo {name!r}: not an image") from None
    except OSError as error:
        raise SourceError(*where, f"photo {name!r}: cannot be read ({error})") from None
    upright = ImageOps.exif_transpose(image)
    return upright.convert("RGBA" if "A" in upright.getbands() else "RGB")


def process(data: bytes, where: tuple[str, int | None], name: str) -> tuple[list[dict], dict[str, bytes]]:
    """A photo's variants (width, height, paths) and files, made from its bytes."""
    key = hashlib.sha256(data + SETTINGS.encode()).hexdigest()[:16]
    image = _open(data, where, name)
    widths = sorted({min(width, image.width) for width in WIDTHS})  # never wider than the original
    variants, files = [], {}
    for width in widths:
        height, webp, jpeg = _encode(image, width)
        stem = f"{PHOTOS_PATH}{key}-{width}"
        files[f"{stem}.webp"], files[f"{stem}.jpg"] = webp, jpeg
        variants.append({"width": width, "height": height, "webp": f"{stem}.webp", "jpeg": f"{stem}.jpg",
                         "jpeg_bytes": len(jpeg)})
    return variants, files


def photo_key(data: bytes) -> str:
    """What a photo's files are kept under: the hash of its bytes and the settings."""
    return hashlib.sha256(data + SETTINGS.encode()).hexdigest()


def _process_safely(item: tuple[Path, tuple[str, int | None], str]) -> tuple[list[dict], dict] | tuple[str, ...]:
    """`process` of a photo file, for a worker process: an error comes back as (path, line, message), which
    pickles. The worker reads the file itself, so no process holds every photo's bytes at once."""
    source, where, name = item
    try:
        return process(source.read_bytes(), where, name)
    except SourceError as error:
        return (error.path, str(error.line or ""), error.message)


class PhotoStore:
    """Processed photos on disk, by the hash of their bytes and the settings: a photo is processed once."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.processed = 0  # photos processed (not found in the store) by this object: what a rebuild should avoid
        self._memory: dict[str, tuple[list[dict], dict[str, bytes]]] = {}  # without a folder

    def prepare(self, items: Iterable[tuple[str, Path, tuple[str, int | None], str]]) -> list[SourceError]:
        """Process every photo among `items` (its key, its file, where it is named, its name) that the store
        lacks, on every core; return the errors."""
        todo: dict[str, tuple] = {}
        for key, *item in items:
            if key not in todo and self._load(key) is None:
                todo[key] = tuple(item)
        errors = []
        for key, result in zip(todo, each_core(_process_safely, list(todo.values())), strict=True):
            if isinstance(result, tuple) and len(result) == 3:
                path, line, message = result
                errors.append(SourceError(path, int(line) if line else None, message))
                continue
            self._save(key, *result)
            self.processed += 1
        return errors

    def photo(self, key: str, alt: str) -> tuple[Photo, dict[str, bytes]]:
        """The processed photo of key `key` (see `prepare` and `photo_key`) and its files."""
        found = self._load(key)
        if found is None:
            raise KeyError("photo not prepared")
        variants, files = found
        return Photo(tuple(Variant(**v) for v in variants), alt), files

    def _load(self, key: str) -> tuple[list[dict], dict[str, bytes]] | None:
        if self.folder is None:
            return self._memory.get(key)
        if not (self.folder / key / "variants.json").exists():
            return None
        variants = json.loads((self.folder / key / "variants.json").read_text(encoding="utf-8"))
        files = {}
        for v in variants:
            for path in (v["webp"], v["jpeg"]):
                files[path] = (self.folder / key / PurePosixPath(path).name).read_bytes()
        return variants, files

    def _save(self, key: str, variants: list[dict], files: dict[str, bytes]) -> None:
        if self.folder is None:
            self._memory[key] = (variants, files)
            return
        for path, data in files.items():
            write_atomically(self.folder / key / PurePosixPath(path).name, data)
        write_atomically(self.folder / key / "variants.json", json.dumps(variants).encode())


def photo_source(content: Path, article_path: str, src: str) -> Path | None:
    """The file a photo reference names, relative to its article's file; None when it climbs out of `content`."""
    if "://" in src or src.startswith(("/", "\\")) or "\\" in src:
        return None
    target = (content / article_path).parent / src
    try:
        target.resolve().relative_to(content.resolve())
    except ValueError:
        return None
    return target


def picture_html(photo: Photo, url: Callable[[str], str], lazy: bool, css_class: str | None = None) -> str:
    """`<picture>`: WebP sources by width, and a JPEG `<img>` with its size, `srcset` and `alt`."""
    sizes = "(max-width: 40em) 100vw, 36em"
    webp = ", ".join(f"{url(v.webp)} {v.width}w" for v in photo.variants)
    jpeg = ", ".join(f"{url(v.jpeg)} {v.width}w" for v in photo.variants)
    big = photo.largest
    attributes = f' class="{css_class}"' if css_class else ""
    loading = ' loading="lazy"' if lazy else ""
    return (f'<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
            f'<img{attributes} src="{url(big.jpeg)}" srcset="{jpeg}" sizes="{sizes}" width="{big.width}" '
            f'height="{big.height}" alt="{html.escape(photo.alt)}"{loading} decoding="async"></picture>')


def figure_html(photo: Photo, url: Callable[[str], str], lazy: bool) -> str:
    """`<figure>` holding the photo's `<picture>` and its caption."""
    caption = f"<figcaption>{html.escape(photo.alt)}</figcaption>" if photo.alt else ""
    return f'<figure class="photo">{picture_html(photo, url, lazy)}{caption}</figure>'


def lead_picture(photo: Photo, url: Callable[[str], str]) -> Markup:
    """A story's lead photo above it on the home and edition pages: the page's first image, loaded at once."""
    return Markup(picture_html(photo, url, lazy=False, css_class="lead-photo"))


def references(body_html: str) -> Iterable[tuple[str, str]]:
    """(src, caption) of each photo placeholder in an article's HTML, in order."""
    for match in PLACEHOLDER_RE.finditer(body_html):
        yield html.unescape(match.group(1)), html.unescape(match.group(2))


def _lines(path: Path) -> list[str]:
    """The lines of an article's file (to say which one names a photo), or none if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return []


def _line_naming(lines: list[str], src: str) -> int | None:
    return next((n for n, line in enumerate(lines, start=1) if src in line), None)


def _placed(body: str, shown: dict[str, str]) -> str:
    """The article's HTML with each placeholder replaced: a `<figure>` where the photo stands alone in a
    paragraph, a bare `<picture>` where it stands inside text."""
    body = re.sub(r"<p>\s*(" + PLACEHOLDER_RE.pattern + r")\s*</p>", lambda m: shown[m.group(1)], body,
                  flags=re.S)
    return PLACEHOLDER_RE.sub(lambda m: _inline(shown[m.group(0)]), body)


def _inline(figure: str) -> str:
    """The `<picture>` of a figure, for a photo inside a sentence (a figure may not stand inside a paragraph)."""
    return figure[figure.index("<picture>"): figure.index("</picture>") + len("</picture>")]


@dataclass(frozen=True)
class _Reference:
    """A photo an article names: in its body (`![说明](src)`) or as its `image`, and the bytes of its file."""

    src: str
    alt: str
    where: tuple[str, int | None]
    source: Path
    key: str  # photo_key of the file's bytes (which are not kept: 1,000 photos are a gigabyte)
    in_body: bool


def _references(article, derived, content: Path, errors: list[SourceError]) -> list[_Reference]:
    """The photos an article names, read from their files; a missing or unreadable one is an error."""
    from digest.content import shown_prefix

    relative = article.path[len(shown_prefix(content)):]  # the file's path inside `content`
    named = [(src, alt, True) for src, alt in references(derived.body_html)]
    if article.image:
        named.insert(0, (article.image, "", False))
    found: list[_Reference] = []
    lines = _lines(content / relative) if named else []  # read once, for every photo the article names
    for src, alt, in_body in named:
        where = (article.path, _line_naming(lines, src))
        source = photo_source(content, relative, src)
        try:
            if source is None:
                raise SourceError(*where, f"photo {src!r}: the path leaves the content folder")
            found.append(_Reference(src, alt, where, source, photo_key(source.read_bytes()), in_body))
        except SourceError as error:
            errors.append(error)
        except FileNotFoundError:
            errors.append(SourceError(*where, f"photo {src!r}: no such file"))
        except OSError as error:
            errors.append(SourceError(*where, f"photo {src!r}: cannot be read ({error.strerror})"))
    return found


def _with_photos(derived, refs: list[_Reference], urls, store: PhotoStore, files: dict):
    """An article's derived text with its photos in place, and its lead photo (its `image`, else the first)."""
    placed, lead = {}, None
    for ref in refs:
        photo, made = store.photo(ref.key, ref.alt)
        files.update(made)
        lead = lead or photo
        if ref.in_body:
            marker = f'<figure data-photo="{html.escape(ref.src)}">{html.escape(ref.alt, quote=False)}</figure>'
            placed.setdefault(marker, figure_html(photo, urls.url_for, lazy=bool(placed)))
    if lead is None:
        return derived
    return replace(derived, body_html=Markup(_placed(derived.body_html, placed)), photo=lead)


def place_photos(articles, derived, content: Path, cfg, store: PhotoStore):
    """Every article's derived text with its photos in place, and the photo files the site needs.

    Raises ContentErrors naming each missing, unreadable, unsupported or oversized photo, and each path that
    leaves the content folder.
    """
    from digest.content import ContentErrors
    from digest.output import Output
    from digest.urls import Urls

    errors: list[SourceError] = []
    refs = [_references(a, d, Path(content), errors) for a, d in zip(articles, derived, strict=True)]
    errors += store.prepare((ref.key, ref.source, ref.where, ref.src) for mine in refs for ref in mine)
    if errors:
        raise ContentErrors(sorted(errors, key=lambda error: (str(error.path), error.line or 0)))
    urls, files = Urls(cfg.base_url, cfg.site_url), {}
    out = [_with_photos(d, mine, urls, store, files) for d, mine in zip(derived, refs, strict=True)]
    return out, [Output(path, files[path]) for path in sorted(files)]
