import pytest

from digest.urls import Urls, output_path


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("/", "", "/"),
        ("/", "2021/01/15/slug/", "/2021/01/15/slug/"),
        ("/", "/atom.xml", "/atom.xml"),
        ("/news-digest/", "", "/news-digest/"),
        ("/news-digest/", "2021/01/15/slug/", "/news-digest/2021/01/15/slug/"),
        ("/news-digest/", "assets/style.css", "/news-digest/assets/style.css"),
        ("/news-digest/", "x/#heading", "/news-digest/x/#heading"),
    ],
)
def test_url_for(base: str, path: str, expected: str) -> None:
    assert Urls(base).url_for(path) == expected


def test_absolute() -> None:
    assert Urls("/news-digest/", "https://example.org").absolute("feed.json") == \
        "https://example.org/news-digest/feed.json"
    assert Urls("/news-digest/").absolute("") == "/news-digest/"


def test_rejects_full_urls() -> None:
    with pytest.raises(ValueError):
        Urls("/").url_for("https://example.org/")


def test_output_path() -> None:
    assert output_path("") == "index.html"
    assert output_path("2021/01/") == "2021/01/index.html"
    assert output_path("page/2/") == "page/2/index.html"
    assert output_path("atom.xml") == "atom.xml"
