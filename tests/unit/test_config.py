from pathlib import Path

import pytest

from digest.config import SiteConfig, load_config, normalise_base_url
from digest.errors import SourceError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, **kw: object) -> str:
    with pytest.raises(SourceError) as caught:
        load_config(path, **kw)
    return str(caught.value)


def test_defaults_and_values(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path, 'title = "日报"\nper_page = 5\nsite_url = "https://example.org/"\n'))
    assert cfg.title == "日报"
    assert cfg.per_page == 5
    assert cfg.site_url == "https://example.org"
    assert cfg.base_url == "/"
    assert cfg.timezone == "Asia/Shanghai"
    assert cfg.language == "zh-CN"
    assert cfg.utc_offset == "+08:00"
    assert isinstance(cfg, SiteConfig)


def test_unknown_key_names_key_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "日报"\n\ncolour = "red"\n')
    assert error_of(path) == f"{path}:3: unknown key 'colour'"


def test_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "日报"\nper_page = "ten"\n')
    assert error_of(path) == f"{path}:2: 'per_page' must be an integer, not str"


def test_bool_is_not_an_integer(tmp_path: Path) -> None:
    path = write(tmp_path, "per_page = true\n")
    assert error_of(path) == f"{path}:1: 'per_page' must be an integer, not bool"


def test_per_page_positive(tmp_path: Path) -> None:
    path = write(tmp_path, "per_page = 0\n")
    assert error_of(path) == f"{path}:1: 'per_page' must be at least 1"


def test_invalid_toml_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "日报"\nper_page = \n')
    assert error_of(path).startswith(f"{path}:2: invalid TOML: ")


def test_site_url_must_be_an_origin(tmp_path: Path) -> None:
    path = write(tmp_path, 'site_url = "https://example.org/news/"\n')
    assert error_of(path) == f"{path}:1: 'site_url' must be an origin such as https://example.org"


def test_unknown_timezone(tmp_path: Path) -> None:
    path = write(tmp_path, 'timezone = "Mars/Olympus"\n')
    assert "'timezone' must be one of" in error_of(path)


def test_missing_file(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.toml") == f"{tmp_path / 'nope.toml'}: config file not found"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("/", "/"), ("", "/"), ("news-digest", "/news-digest/"), ("/news-digest", "/news-digest/"),
     ("/news-digest/", "/news-digest/"), ("/a/b/", "/a/b/")],
)
def test_base_url_normalised(given: str, expected: str) -> None:
    assert normalise_base_url(given) == expected


def test_base_url_override(tmp_path: Path) -> None:
    path = write(tmp_path, 'base_url = "/old/"\n')
    assert load_config(path).base_url == "/old/"
    assert load_config(path, base_url="/news-digest/").base_url == "/news-digest/"
    full = load_config(path, base_url="https://someone.github.io/news-digest/")
    assert (full.site_url, full.base_url) == ("https://someone.github.io", "/news-digest/")


def test_assets_relative_to_config(tmp_path: Path) -> None:
    path = write(tmp_path, 'assets = "static"\n')
    assert load_config(path).assets_dir == tmp_path / "static"


def test_repo_config_loads() -> None:
    root = Path(__file__).resolve().parents[2]
    assert load_config(root / "site" / "site.toml").language == "zh-CN"


def test_image_is_a_png_or_jpeg_in_the_assets_folder(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, 'image = "og-image.png"\n')).image == "og-image.png"
    assert load_config(write(tmp_path, 'image = "img/share.JPG"\n')).image == "img/share.JPG"
    assert load_config(write(tmp_path, 'title = "日报"\n')).image == ""
    for wrong in ("../og.png", "/srv/og.png", "https://example.org/og.png", "og.gif", "img/../../og.png"):
        path = write(tmp_path, f'title = "日报"\nimage = "{wrong}"\n')
        assert error_of(path) == (f"{path}:2: 'image' must be a .png or .jpg file in the assets folder, "
                                  "such as og-image.png")
    path = write(tmp_path, "image = 1\n")
    assert error_of(path) == f"{path}:1: 'image' must be a string, not int"
