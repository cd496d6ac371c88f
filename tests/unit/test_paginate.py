import pytest

from digest.paginate import page_path, pager_holding, paginate


def test_pages_and_paths() -> None:
    pages = paginate(list(range(25)), 10, "")
    assert [p.path for p in pages] == ["", "page/2/", "page/3/"]
    assert [len(p.items) for p in pages] == [10, 10, 5]
    assert pages[0].previous is None
    assert pages[0].next == "page/2/"
    assert pages[1].previous == ""
    assert pages[2].next is None
    assert [p.first for p in pages] == [1, 11, 21]


def test_never_page_one() -> None:
    assert page_path("tags/x/", 1) == "tags/x/"
    assert page_path("tags/x/", 2) == "tags/x/page/2/"
    assert all("page/1/" not in p.path for p in paginate(list(range(100)), 3, "2021/"))


def test_empty_list_has_one_empty_page() -> None:
    [page] = paginate([], 10, "reporters/x/")
    assert (page.items, page.count, page.path, page.first) == ((), 1, "reporters/x/", 0)


def test_exact_multiple() -> None:
    assert len(paginate(list(range(20)), 10, "")) == 2


def test_window() -> None:
    pages = paginate(list(range(95)), 10, "")
    assert pages[0].window(1) == (1, 2, None, 10)
    assert pages[4].window(1) == (1, None, 4, 5, 6, None, 10)
    assert pages[2].window(1) == (1, 2, 3, 4, None, 10)
    assert pages[9].window(1) == (1, None, 9, 10)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        paginate([1], 0, "")
    with pytest.raises(ValueError):
        paginate([1], 1, "tags/x")


@pytest.mark.parametrize("total, per_page", [(1, 10), (10, 10), (25, 10), (7, 3), (100, 1)])
def test_the_page_holding_an_item_is_that_page_of_the_whole_list(total: int, per_page: int) -> None:
    items = [f"item {i}" for i in range(total)]
    pages = paginate(items, per_page, "tags/x/")
    for position in range(total):
        assert pager_holding(items, per_page, "tags/x/", position) == pages[position // per_page]


def test_no_page_holds_an_item_the_list_does_not_have() -> None:
    with pytest.raises(IndexError):
        pager_holding(["a"], 10, "", 1)
