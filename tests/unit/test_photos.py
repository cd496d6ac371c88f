"""Photos (issue 17): upright, metadata-free, never upscaled, deterministic, processed once, placed as figures."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from digest.config import SiteConfig
from digest.content import load_content
from digest.model import derive_all
from digest.photos import PhotoStore, figure_html, photo_key, photo_source, place_photos, process

WHERE = ("content/x.md", 3)


def _jpeg(width: int, height: int, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (200, 120, 40))
    image.paste((10, 10, 10), (0, 0, width // 4, height))  # a dark left edge, to see where it goes
    exif = Image.Exif()
    exif[0x010F] = "Camera Maker"  # Make
    exif[0x0132] = "2021:01:20 10:00:00"  # DateTime
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def test_the_exif_orientation_is_applied_and_every_piece_of_metadata_dropped() -> None:
    variants, files = process(_jpeg(1600, 1000, orientation=6), WHERE, "a.jpg")
    assert [(v["width"], v["height"]) for v in variants] == [(480, 768), (800, 1280), (1000, 1600)]
    for path, data in files.items():
        image = Image.open(io.BytesIO(data))
        assert not image.getexif(), path
        assert "exif" not in image.info and "icc_profile" not in image.info, path
    # Turned upright: the dark edge, on the left of the sensor, is now at the top.
    upright = Image.open(io.BytesIO(files[variants[0]["jpeg"]])).convert("L")
    assert upright.getpixel((240, 5)) < 60 and upright.getpixel((240, 760)) > 100


def test_a_small_photo_is_never_made_larger() -> None:
    variants, files = process(_jpeg(300, 200), WHERE, "small.jpg")
    assert [(v["width"], v["height"]) for v in variants] == [(300, 200)]
    assert sorted(files) == [variants[0]["jpeg"], variants[0]["webp"]]


def test_the_same_photo_gives_the_same_bytes_and_names() -> None:
    data = _jpeg(900, 600)
    assert process(data, WHERE, "a.jpg") == process(data, WHERE, "a.jpg")
    assert all(re.fullmatch(r"photos/[0-9a-f]{16}-\d+\.(webp|jpg)", path) for path in process(data, WHERE, "a")[1])


def _file(tmp_path: Path, name: str, data: bytes) -> tuple[str, Path]:
    (tmp_path / name).write_bytes(data)
    return photo_key(data), tmp_path / name


def test_the_store_processes_a_photo_once(tmp_path: Path) -> None:
    key, path = _file(tmp_path, "a.jpg", _jpeg(900, 600))
    first = PhotoStore(tmp_path / "photos")
    assert first.prepare([(key, path, WHERE, "a.jpg"), (key, path, WHERE, "again.jpg")]) == []
    made = first.photo(key, "说明")
    again = PhotoStore(tmp_path / "photos")  # the next build
    assert again.prepare([(key, path, WHERE, "a.jpg")]) == []
    assert again.photo(key, "说明") == made
    assert (first.processed, again.processed) == (1, 0)


def test_photos_processed_on_every_core_equal_photos_processed_in_turn(tmp_path: Path) -> None:
    photos = [_file(tmp_path, f"{n}.jpg", _jpeg(700 + 10 * n, 500)) for n in range(3)]
    together = PhotoStore(None)  # three photos to make: a worker process each, on every core
    assert together.prepare([(key, path, WHERE, path.name) for key, path in photos]) == []
    assert together.processed == 3
    for key, path in photos:
        one = PhotoStore(None)
        one.prepare([(key, path, WHERE, path.name)])
        assert together.photo(key, "") == one.photo(key, "")


@pytest.mark.parametrize(("src", "inside"), [
    ("a.jpg", True), ("img/a.jpg", True), ("../b/a.jpg", True), ("../../../x.jpg", False), ("/etc/passwd", False),
    ("https://example.org/a.jpg", False), ("..\\\\x.jpg", False),
])
def test_a_photo_path_may_not_leave_the_content_folder(tmp_path: Path, src: str, inside: bool) -> None:
    assert (photo_source(tmp_path, "2021/a/x.md", src) is not None) == inside


def _site(tmp_path: Path, body: str) -> tuple[list, list]:
    folder = tmp_path / "content" / "2021" / "01" / "20"
    folder.mkdir(parents=True)
    (folder / "a.jpg").write_bytes(_jpeg(1200, 800))
    (folder / "b.jpg").write_bytes(_jpeg(640, 480))
    (folder / "x.md").write_text(f"---\ntitle: 标题\ndate: 2021-01-20\n---\n{body}", encoding="utf-8")
    cfg = SiteConfig(title="测试日报", base_url="/news-digest/")
    articles = load_content(tmp_path / "content")
    derived = derive_all(articles, cfg)
    return place_photos(articles, derived, tmp_path / "content", cfg, PhotoStore(None))


def test_photos_become_figures_the_first_loaded_at_once_the_rest_lazily(tmp_path: Path) -> None:
    body = "第一段。\n\n![市民在公园休闲 记者 张三 摄](a.jpg)\n\n第二段。\n\n![第二张](b.jpg)\n"
    derived, files = _site(tmp_path, body)
    html = str(derived[0].body_html)
    figures = re.findall(r"<figure class=\"photo\">.*?</figure>", html)
    assert len(figures) == 2 and "<p><figure" not in html
    assert 'loading="lazy"' not in figures[0] and 'loading="lazy"' in figures[1]
    assert 'width="1200" height="800" alt="市民在公园休闲 记者 张三 摄"' in figures[0]
    assert "<figcaption>市民在公园休闲 记者 张三 摄</figcaption>" in figures[0]
    assert 'srcset="/news-digest/photos/' in figures[0] and 'decoding="async"' in figures[0]
    assert derived[0].photo.alt == "市民在公园休闲 记者 张三 摄"  # the lead photo: the first of the body
    assert len(files) == 2 * 3 + 2 * 2  # 480, 800, 1200 and 480, 640; WebP and JPEG each


def test_a_photo_inside_a_sentence_is_a_picture_within_its_paragraph(tmp_path: Path) -> None:
    derived, _ = _site(tmp_path, "文字 ![图](b.jpg) 文字。\n")
    html = str(derived[0].body_html)
    assert html.startswith("<p>文字 <picture>") and "<figure" not in html


def test_figure_markup_escapes_the_caption() -> None:
    from digest.photos import Photo, Variant

    photo = Photo((Variant(480, 320, "photos/x-480.webp", "photos/x-480.jpg", 1000),), '<script>"说明"')
    html = figure_html(photo, lambda path: "/" + path, lazy=True)
    assert "<script>" not in html and "&lt;script&gt;&quot;说明&quot;" in html


def test_a_picture_from_elsewhere_is_never_loaded_its_caption_stays(tmp_path: Path) -> None:
    derived, files = _site(tmp_path, "![外站的图](https://example.org/a.jpg)\n\n![脚本](javascript:alert(1))\n")
    html = str(derived[0].body_html)
    assert "<span>外站的图</span>" in html and "<span>脚本</span>" in html
    assert "<img" not in html and files == []


def test_the_image_key_names_the_lead_photo_without_placing_it_in_the_body(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(_jpeg(1200, 800))
    (folder / "x.md").write_text("---\ntitle: 标题\nimage: a.jpg\n---\n正文。\n", encoding="utf-8")
    cfg = SiteConfig(title="测试日报")
    articles = load_content(folder)
    derived, files = place_photos(articles, derive_all(articles, cfg), folder, cfg, PhotoStore(None))
    assert derived[0].photo.largest.width == 1200 and "<figure" not in str(derived[0].body_html)
    assert len(files) == 6
