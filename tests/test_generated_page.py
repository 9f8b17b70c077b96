"""Generated pages: rendered by the plugin's templates, named in the nav as MkDocs would name them."""

from __future__ import annotations

import re

import pytest

import build as cli
from contest_portal.mkdocs_plugin.generated_page import nav_titles

from .conftest import write_mkdocs_yml


def test_nav_titles_follow_mkdocs_reading_of_the_nav():
    nav = [
        "index.md",
        {"Cuộc thi": [{"Tổng quan": "a/index.md"}, "a/the-le.md", {"Năm 2024": [{"Kết quả": "a/ket-qua.md"}]}]},
        {"Lại tổng quan": "a/index.md"},
        {"Trang ngoài": "https://example.org/"},
    ]
    assert nav_titles(nav) == {
        "index.md": None,
        "a/index.md": "Tổng quan",
        "a/the-le.md": None,
        "a/ket-qua.md": "Kết quả",
    }
    assert nav_titles(None) == {}
    # spelled as MkDocs accepts them: ./ always, a leading / with absolute_links: relative_to_docs
    assert nav_titles([{"A": "./a/the-le.md"}, {"B": "/a/ket-qua.md"}], root_relative=True) == {
        "a/the-le.md": "A",
        "a/ket-qua.md": "B",
    }
    assert nav_titles([{"B": "/a/ket-qua.md"}]) == {"/a/ket-qua.md": "B"}  # (MkDocs: a link, not a page)


def _project(tree, tmp_path, index: str, extra: str = ""):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path, extra=extra)
    (tmp_path / "docs" / "index.md").write_text(index, encoding="utf-8")
    return config


def test_links_to_sections_of_generated_pages_are_checked(tree, tmp_path, caplog):
    strict_anchors = "validation:\n  anchors: warn\n"
    config = _project(
        tree,
        tmp_path,
        "# Trang chủ\n\n[Thể lệ, mục giải thưởng](2025-thu-nghiem/the-le.md#giai-thuong)\n",
        strict_anchors,
    )
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "-d", str(site), "--strict"]) == 0
    assert 'href="2025-thu-nghiem/the-le/#giai-thuong"' in (site / "index.html").read_text(encoding="utf-8")

    (tmp_path / "docs" / "index.md").write_text(
        "# Trang chủ\n\n[Mục không có](2025-thu-nghiem/the-le.md#khong-co)\n", encoding="utf-8"
    )
    caplog.clear()
    assert cli.main(["build", "-f", str(config), "-d", str(site), "--strict"]) != 0
    assert "có liên kết '2025-thu-nghiem/the-le.md#khong-co' tới một mục (phần sau dấu #) không có" in caplog.text


def test_a_hand_written_page_may_link_to_an_embeddable_view_written_by_the_publishing_process(tree, tmp_path):
    """The views are written beside the media, not by MkDocs: MkDocs still knows them as link targets."""
    config = _project(tree, tmp_path, "# Trang chủ\n\n[Khung nhúng tác phẩm](2025-thu-nghiem/nhung/e-01/index.html)\n")
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "-d", str(site), "--strict"]) == 0
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]*2025-thu-nghiem/nhung/e-01/[^"]*">Khung nhúng tác phẩm</a>', home)
    view = (site / "2025-thu-nghiem" / "nhung" / "e-01" / "index.html").read_text(encoding="utf-8")
    assert "Tác phẩm số e-01" in view  # the view itself, not an empty file left by MkDocs


@pytest.mark.parametrize(
    "path", ["2025-thu-nghiem/the-le.md", "./2025-thu-nghiem/the-le.md", "/2025-thu-nghiem/the-le.md"]
)
def test_a_nav_that_names_a_generated_page_gives_it_that_title(tree, tmp_path, path):
    nav = (
        f"nav:\n  - index.md\n  - Thể lệ cuộc thi năm nay: {path}\n  - Các cuộc thi: contest-portal://contests\n"
        "validation:\n  nav:\n    absolute_links: relative_to_docs\n"
    )
    config = _project(tree, tmp_path, "# Trang chủ\n", nav)
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Thể lệ cuộc thi năm nay" in home
    rules = (site / "2025-thu-nghiem" / "the-le" / "index.html").read_text(encoding="utf-8")
    assert "Thể lệ cuộc thi năm nay" in rules
    assert "<title>Thể lệ - " in rules  # the theme's <title> follows the page's own title
