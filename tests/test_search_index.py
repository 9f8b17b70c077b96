"""Issue 21, kind 2 (size): a long inline article keeps the page's search index entry bounded.

The article (a .md of 200 KB, a tenth of the 2 MB allowed) is shown whole in the entry page,
but the site search indexes only its first 2,000 characters.
"""

from __future__ import annotations

import json

import build as cli

from .conftest import MINIMAL_ENTRY, write_mkdocs_yml

FIRST_WORDS = "Chuyển đổi số ở xã Hướng Hiệp bắt đầu từ bộ phận một cửa"
FILLER = "Người dân làm thủ tục trực tuyến tại nhà, không phải đi lại nhiều lần. "
LAST_WORDS = "Kết thúc bài viết về cổng dịch vụ công"


def _page_entries(index: dict, location: str) -> list[dict]:
    return [doc for doc in index["docs"] if doc["location"].startswith(location)]


def test_a_200_kb_article_is_shown_whole_but_indexed_by_its_beginning(tree, tmp_path, capsys):
    tree.contest()
    folder = tree.entry(slug="e-01", text=MINIMAL_ENTRY.format(n=1) + "article: bai-viet.md\n")
    body = FILLER * (200_000 // len(FILLER.encode("utf-8")))
    article = f"# Bài viết\n\n{FIRST_WORDS}. {body}\n\n{LAST_WORDS}.\n"
    (folder / "bai-viet.md").write_text(article, encoding="utf-8")
    assert 195_000 < len(article.encode("utf-8")) < 210_000
    # a short article beside it is indexed whole, as before
    short = tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2) + "article: bai-viet.md\n")
    (short / "bai-viet.md").write_text(f"{FIRST_WORDS}. {FILLER * 3}{LAST_WORDS}.\n", encoding="utf-8")
    site = tmp_path / "site"
    status = cli.main(["build", "-f", str(write_mkdocs_yml(tmp_path, extra="  - search\n")), "--site-dir", str(site)])
    assert status == 0, capsys.readouterr()

    page = (site / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").read_text(encoding="utf-8")
    assert FIRST_WORDS in page and LAST_WORDS in page  # readers get the whole article

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = _page_entries(index, "2025-thu-nghiem/bai-du-thi/e-01/")
    assert entries, "the entry page is not in the search index"
    size = len(json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    assert size < 10_000, f"{size} bytes in the search index for one page"
    text = " ".join(doc["text"] for doc in entries)
    assert FIRST_WORDS in text and LAST_WORDS not in text
    assert "Tác phẩm số 1" in " ".join(doc["title"] for doc in entries) + text  # the title is still found

    text = " ".join(doc["text"] for doc in _page_entries(index, "2025-thu-nghiem/bai-du-thi/e-02/"))
    assert FIRST_WORDS in text and LAST_WORDS in text
    assert text.count(FIRST_WORDS) == 1  # no excerpt repeating a text indexed whole
