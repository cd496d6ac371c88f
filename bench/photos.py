"""Photo processing benchmark: the same 12-megapixel JPEGs through this project and through Hugo's image processing.

    python bench/photos.py --photos 1000 --out /tmp/photos-bench

writes, from one seeded generator, `--photos` distinct 4000×3000 JPEGs (grain, a gradient, a shape placed by
the photo's number; about 1 MB each, as a camera's JPEG), five to an article, twice: as this project's
`content/` (each article's photos beside its file) and as a Hugo site whose page bundles hold the same files
and whose template makes what this project makes of each photo (480, 800 and 1200 px wide, WebP quality 78 and
JPEG quality 82, Lanczos). It then prints the two cold-build commands to time side by side; each uses fresh
output and cache folders, so every photo is processed.
"""
from __future__ import annotations

import argparse
import io
import multiprocessing
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = (4000, 3000)
PER_ARTICLE = 5
BASES = 8
HUGO_CONFIG = 'baseURL = "/"\ntitle = "photos"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' \
              '[imaging]\nresampleFilter = "lanczos"\n'


def _base(seed: int) -> Image.Image:
    grain = Image.effect_noise(SIZE, 40).filter(ImageFilter.GaussianBlur(2))
    gradient = Image.linear_gradient("L").resize(SIZE).rotate(seed * 45, expand=False)
    return Image.merge("RGB", (grain, gradient, Image.blend(grain, gradient, 0.5)))


def _photo(number: int) -> bytes:
    rng = random.Random(number)
    image = _base(number % BASES)
    draw = ImageDraw.Draw(image)
    x, y = rng.randrange(0, 3000), rng.randrange(0, 2000)
    draw.ellipse([x, y, x + 900, y + 900], fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _write(job: tuple[int, Path]) -> None:
    number, root = job
    article = number // PER_ARTICLE
    data = _photo(number)
    digest_dir = root / "content" / "2021" / "01" / f"{article % 28 + 1:02d}"
    hugo_dir = root / "hugo" / "content" / "posts" / f"a{article:04d}"
    for folder in (digest_dir, hugo_dir):
        folder.mkdir(parents=True, exist_ok=True)
    (digest_dir / f"a{article:04d}-{number % PER_ARTICLE}.jpg").write_bytes(data)
    (hugo_dir / f"p{number % PER_ARTICLE}.jpg").write_bytes(data)


def _articles(root: Path, photos: int) -> None:
    for article in range(-(-photos // PER_ARTICLE)):
        names = [f"a{article:04d}-{n}.jpg" for n in range(PER_ARTICLE) if article * PER_ARTICLE + n < photos]
        body = "\n\n".join(f"![第{article}篇的第{i + 1}张照片 记者 张三 摄]({name})" for i, name in enumerate(names))
        folder = root / "content" / "2021" / "01" / f"{article % 28 + 1:02d}"
        (folder / f"a{article:04d}.md").write_text(
            f"---\ntitle: 照片报道{article}\ndate: 2021-01-{article % 28 + 1:02d}\nslug: a{article:04d}\n---\n"
            f"本报讯 正文。\n\n{body}\n", encoding="utf-8")
        (root / "hugo" / "content" / "posts" / f"a{article:04d}" / "index.md").write_text(
            f"---\ntitle: a{article}\n---\n正文。\n", encoding="utf-8")


def write_bench(root: Path, photos: int) -> None:
    """The photos, this project's content and the Hugo site, under `root`."""
    with multiprocessing.get_context("fork").Pool() as pool:
        pool.map(_write, [(n, root) for n in range(photos)], chunksize=4)
    _articles(root, photos)
    layouts = root / "hugo" / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (root / "hugo" / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    single = ('{{ range .Resources.ByType "image" }}{{ $img := . }}{{ range slice 480 800 1200 }}'
              '{{ $w := $img.Resize (printf "%dx webp q78" .) }}{{ $j := $img.Resize (printf "%dx jpg q82" .) }}'
              '<img src="{{ $w.RelPermalink }}"><img src="{{ $j.RelPermalink }}">{{ end }}{{ end }}')
    (layouts / "single.html").write_text(single, encoding="utf-8")
    (layouts / "list.html").write_text("{{ range .Pages }}{{ .Title }}{{ end }}", encoding="utf-8")


def main() -> None:
    """`python bench/photos.py --photos N --out DIR`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write_bench(args.out, args.photos)
    root = args.out.resolve()
    print(f"wrote {args.photos} photos into {root}/content and {root}/hugo/content; time, side by side:")
    print(f"  python build.py build --no-search --content {root}/content --out $(mktemp -d)/dist")
    print(f"  HUGO_RESOURCEDIR=$(mktemp -d) hugo --quiet --source {root}/hugo --destination $(mktemp -d) "
          "--cacheDir $(mktemp -d)")


if __name__ == "__main__":
    main()
