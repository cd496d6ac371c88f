"""digest/share.py: the article's QR code (drawn as it is encoded) and the site's link-preview image."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import segno
from PIL import Image

from digest.errors import SourceError
from digest.share import QR_NAME, draw_qr_codes, qr_svg, site_image

ROOT = Path(__file__).resolve().parents[2]
URL = "https://example.org/news-digest/2021/01/15/gao-xin-qu-ji-ceng-dang-zu-zhi-shu-ji-ying-lai-da-kao/"


def drawn_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules an SVG of segno's draws: its stroked path of `M x y`, `m dx dy` and `h n` runs."""
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path.replace("-", " -")):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            dark |= {(int(x) + i, int(y)) for i in range(int(values[0]))}
            x += values[0]
    return dark


def test_the_qr_code_draws_the_matrix_segno_encodes_for_the_url() -> None:
    svg = str(qr_svg(URL))
    matrix = segno.make(URL, error="m").matrix
    expected = {(x + 4, y + 4) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}
    assert drawn_modules(svg) == expected  # the quiet zone of 4 modules around it
    size = len(matrix) + 8
    assert f'viewBox="0 0 {size} {size}"' in svg


def test_the_qr_code_is_an_inline_svg_with_a_name_and_no_outside_reference() -> None:
    svg = str(qr_svg(URL))
    assert svg.startswith('<svg role="img" viewBox="0 0 ')
    assert f"<title>{QR_NAME}</title>" in svg
    assert svg.endswith("</svg>")
    assert "<?xml" not in svg and "\n" not in svg
    assert not re.search(r"href|url\(|https?:|width=|height=|style=", svg)  # sized by the stylesheet
    assert svg == str(qr_svg(URL))  # the same bytes every build


def test_a_site_path_gets_no_qr_code() -> None:
    # Without site_url the page knows only its path, which a phone that scans it cannot open.
    assert qr_svg("/news-digest/2021/01/15/slug/") == ""


def test_qr_codes_are_kept_in_the_memo_given() -> None:
    memo: dict[str, str] = {}
    first = qr_svg(URL, memo)
    assert memo == {URL: str(first)}
    memo[URL] = "<svg>kept</svg>"
    assert qr_svg(URL, memo) == "<svg>kept</svg>"


def test_the_site_image_is_fingerprinted_with_its_size() -> None:
    image = site_image(ROOT / "site", "og-image.png")
    assert re.fullmatch(r"assets/og-image\.[0-9a-f]{10}\.png", image.path)
    assert (image.width, image.height) == (1200, 630)
    assert image.data == (ROOT / "site" / "og-image.png").read_bytes()
    assert site_image(ROOT / "site", "") is None


def test_the_committed_site_image_is_the_size_link_previews_want() -> None:
    with Image.open(ROOT / "site" / "og-image.png") as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_a_site_image_that_is_no_image_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "og.png").write_text("not a picture", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        site_image(tmp_path, "og.png")
    assert str(caught.value) == f"{tmp_path / 'og.png'}: not an image (site.toml's 'image' names a PNG or JPEG file)"


def test_a_build_keeps_its_qr_codes_in_the_store_for_the_next(tmp_path: Path) -> None:
    from digest.session import BuildSession
    from tests.conftest import build_fixture

    out = tmp_path / "dist"
    build_fixture(out)
    url = "https://example.org/news-digest/2021/01/15/hostile-text/"
    kept = BuildSession.beside(out).qr_codes.get(url)
    assert kept == str(qr_svg(url))
    assert kept in (out / "2021/01/15/hostile-text/index.html").read_text(encoding="utf-8")


def test_a_whole_build_draws_the_missing_codes_first_as_the_page_would() -> None:
    urls = [f"https://example.org/news-digest/2021/01/{day:02d}/x/" for day in range(1, 6)]
    memo = {urls[0]: "kept"}
    assert draw_qr_codes([*urls, urls[1], "/news-digest/relative/"], memo) == 4  # each once; never a bare path
    assert memo[urls[0]] == "kept"
    assert all(memo[url] == str(qr_svg(url)) for url in urls[1:])  # the same SVG as drawn one by one
    assert "/news-digest/relative/" not in memo
