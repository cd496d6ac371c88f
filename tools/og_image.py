"""Draw site/og-image.png, the site's default link-preview image (og:image): 1200×630, run once by hand.

    python tools/og_image.py

The favicon's motif (a masthead bar, a photo block and three lines of text) in white on the accent colour of
site/style.css, with no text, so that it suits any site title. The PNG is committed: builds only copy it.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 630  # the size link previews ask for (1.91:1)
ACCENT = "#a3221a"  # --accent in site/style.css
UNIT = 14  # pixels per unit of the favicon's 32-unit grid


def main() -> None:
    """Draw the image and write it beside the stylesheet."""
    image = Image.new("RGB", (WIDTH, HEIGHT), ACCENT)
    draw = ImageDraw.Draw(image)
    left, top = (WIDTH - 18 * UNIT) // 2, (HEIGHT - 18 * UNIT) // 2

    def box(x: float, y: float, w: float, h: float, radius: float = 0) -> None:
        # The favicon's rectangles, which start at (7, 7) of its grid, scaled around the centre.
        x0, y0 = left + (x - 7) * UNIT, top + (y - 7) * UNIT
        draw.rounded_rectangle((x0, y0, x0 + w * UNIT - 1, y0 + h * UNIT - 1), radius * UNIT, fill="#fff")

    box(7, 7, 18, 5, 1)
    box(7, 15, 8, 10, 1)
    for y in (15, 19, 23):
        box(17, y, 8, 2)
    # Two colours only: a palette PNG is a few kilobytes.
    image.quantize(colors=2).save(ROOT / "site" / "og-image.png", optimize=True)


if __name__ == "__main__":
    main()
