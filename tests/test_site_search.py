"""The site search's index (publish/site_search.py) and header box (site/search_box.py), without a browser.

The browser checks (queries typed with and without diacritics, "d" for "đ", upper case, filters, at the
root, under a sub-path and offline) are in test_browser_portal.py; the bytes fetched in bench/search_bytes.py.
"""

from __future__ import annotations

import subprocess

import pytest
from mkdocs.exceptions import PluginError

from contest_portal.core.i18n import Translator
from contest_portal.mkdocs_plugin.plugin import ContestPlugin
from contest_portal.publish.site_search import (
    IndexInputs,
    SearchIndexFailed,
    index_input,
    index_pages,
    pagefind_executable,
)
from contest_portal.site.search_box import add_search_box, mark_searchable, search_box_html

PAGE = (
    '<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body><header><nav>menu</nav></header>'
    '<article data-pagefind-body><h1>{title}<a class="headerlink" href="#x">¶</a></h1><p>{text}</p></article>'
    "</body></html>"
)


def _inputs(cache, pages: dict[str, str], prefix: str = "") -> IndexInputs:
    """One site's pages handed to IndexInputs as a build does (path → page HTML), then closed."""
    inputs = IndexInputs(cache, prefix)
    for path, html in pages.items():
        inputs.add(path, html)
    inputs.close()
    return inputs


def test_each_language_gets_its_own_index(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    _inputs(cache, {"index.html": PAGE.format(lang="vi", title="Đường dây nóng", text="Hỏi đáp")})
    _inputs(cache, {"index.html": PAGE.format(lang="en", title="Hotline", text="Questions")}, "en/")
    stats = index_pages(cache, site, ["", "en/"])
    assert stats.pages == 2 and stats.seconds > 0 and stats.bundle_bytes > 10_000 and not stats.reused
    bundle = site / "pagefind"
    assert [p.name.split("_")[0] for p in sorted(bundle.glob("*.pf_meta"))] == ["pagefind.en", "pagefind.vi"]
    assert (bundle / "pagefind.js").is_file() and not (bundle / "pagefind-ui.js").exists()


def _fragments(bundle) -> dict[str, dict]:
    """Each indexed page as Pagefind keeps it (its URL, text, meta and filters), by URL."""
    import gzip
    import json

    pages = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        page = json.loads(data[data.index(b"{") :])
        pages[page["url"]] = page
    return pages


ENTRY = (
    '<!doctype html><html lang="vi"><head><title>{title} - Cổng</title></head><body><header><nav>menu '
    '<img src="/logo.png" alt="logo"></nav></header><div class="md-content">'
    '<article class="md-content__inner md-typeset" data-pagefind-body><h1>{title}</h1>'
    '<p hidden><span data-pagefind-filter="contest" data-pagefind-meta="contest">Cuộc thi 2025</span></p>'
    '<p>{text}</p><div class="cp-gallery"><article class="cp-card"><img src="/x.webp" alt=""><h2>Khác</h2>'
    '</article></div><p class="cp-keywords" hidden>duong</p></article></div><footer>Chân trang</footer>'
    "</body></html>"
)


def test_the_index_of_the_kept_inputs_is_the_index_of_the_whole_pages(tmp_path):
    """Pagefind finds in an input (language, title, article) all it finds in the page it was cut from."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    pages = {
        "a/index.html": ENTRY.format(title="Đường làng", text="Phóng sự về đường làng"),
        "b/index.html": ENTRY.format(title="Hòa giải", text="Tổ hòa giải ở cơ sở"),
        "c/index.html": '<html lang="vi"><body><article class="x"><h1>Không đánh dấu</h1></article></body></html>',
    }
    for path, html in pages.items():
        (site / path).parent.mkdir(parents=True)
        (site / path).write_text(html, encoding="utf-8")
    document = index_input(pages["a/index.html"])
    assert document is not None, "the entry page is not indexed"
    assert document.startswith('<!DOCTYPE html><html lang="vi">') and "<title>Đường làng - Cổng</title>" in document
    assert "menu" not in document and "Chân trang" not in document and document.endswith("</article></body></html>")
    assert document.count("</article>") == 2  # the card inside the article, and the article whole
    assert index_input(pages["c/index.html"]) is None  # not marked: not indexed
    _inputs(cache, pages)
    index_pages(cache, site, [""])
    whole = tmp_path / "whole"
    subprocess.run(
        [
            str(pagefind_executable()),
            "--site",
            str(site),
            "--output-path",
            str(whole),
            "--exclude-selectors",
            ".headerlink, .cp-keywords",
        ],
        check=True,
        capture_output=True,
    )
    kept, expected = _fragments(site / "pagefind"), _fragments(whole)
    assert sorted(kept) == ["/a/", "/b/"] and kept == expected
    # (with no image of its own a page gets Pagefind's default: the first <img> after the <h1>, here a
    # card's; the entry template names its poster, or no image, itself)
    assert kept["/a/"]["meta"] == {
        "title": "Đường làng",
        "contest": "Cuộc thi 2025",
        "image": "/x.webp",
        "image_alt": "",
    }


def test_a_rebuild_writes_only_changed_inputs_and_reuses_the_bundle_when_none_changed(tmp_path):
    cache = tmp_path / "cache"
    pages = {f"{n}/index.html": ENTRY.format(title=f"Tác phẩm {n}", text=f"Phóng sự số {n}") for n in range(3)}
    assert _inputs(cache, pages).written == 3
    first = index_pages(cache, tmp_path / "site1", [""])
    assert not first.reused and first.pages == 3
    again = _inputs(cache, pages)
    assert again.written == 0  # nothing changed: no input written
    second = index_pages(cache, tmp_path / "site2", [""])
    assert second.reused and second.pages == 3
    index_file = next((tmp_path / "site1" / "pagefind").glob("*.pf_meta"))
    assert (tmp_path / "site2" / "pagefind" / index_file.name).read_bytes() == index_file.read_bytes()
    # one page changed, one gone: that one input written, the gone one's removed, all indexed again
    pages["0/index.html"] = ENTRY.format(title="Tác phẩm đổi tên", text="Phóng sự số 0")
    del pages["2/index.html"]
    assert _inputs(cache, pages).written == 1
    assert not (cache / "pages" / "2" / "index.html").exists()
    third = index_pages(cache, tmp_path / "site3", [""])
    assert not third.reused and third.pages == 2
    assert sorted(_fragments(tmp_path / "site3" / "pagefind")) == ["/0/", "/1/"]
    # a build stopped half-way leaves no manifest: the next one writes every input again
    IndexInputs(cache).add("0/index.html", pages["0/index.html"])
    assert _inputs(cache, pages).written == 2


def test_a_language_no_longer_built_leaves_the_index(tmp_path):
    cache = tmp_path / "cache"
    _inputs(cache, {"index.html": PAGE.format(lang="vi", title="Trang chủ", text="Xin chào")})
    _inputs(cache, {"index.html": PAGE.format(lang="en", title="Home", text="Hello")}, "en/")
    assert index_pages(cache, tmp_path / "both", ["", "en/"]).pages == 2
    only = index_pages(cache, tmp_path / "vi", [""])
    assert only.pages == 1 and not only.reused and not list((cache / "pages" / "en").rglob("*.html"))
    assert [p.name.split("_")[0] for p in (tmp_path / "vi" / "pagefind").glob("*.pf_meta")] == ["pagefind.vi"]


def test_a_site_without_pages_stops_the_build_with_sit006(tmp_path):
    with pytest.raises(SearchIndexFailed, match="not able to build an index"):
        index_pages(tmp_path / "cache", tmp_path / "site", [""])
    plugin = ContestPlugin()
    plugin.cache_dir = tmp_path / "cache"
    for lang, words in (
        ("vi", ("lỗi SIT006", "Không tạo được chỉ mục tìm kiếm", "site_search: false")),
        ("en", ("error SIT006", "search index (Pagefind) could not be made", "site_search: false")),
    ):
        plugin.t = Translator(lang)
        with pytest.raises(PluginError) as raised:
            plugin._index_search(tmp_path / "site", [""])
        assert all(word in str(raised.value) for word in words), str(raised.value)


TEXTS = {
    "title": "Tìm kiếm trên cổng",
    "label": "Tìm",
    "placeholder": 'Gõ "dich vu"',
    "close": "Đóng",
    "loading": "…",
    "none": "Không thấy",
    "found": "{count} kết quả",
    "failed": "Lỗi",
    "all_contests": "Mọi",
    "all_units": "Mọi",
    "contest": "Cuộc thi",
    "unit": "Đơn vị",
}


def test_the_box_goes_at_the_end_of_the_header_bar():
    page = (
        '<header class="md-header"><nav class="md-header__inner"><a>logo</a><nav class="x">tabs</nav>'
        '</nav></header><article class="md-content__inner md-typeset"><nav>toc</nav></article>'
    )
    box = search_box_html("../../", TEXTS)
    out = add_search_box(page, box)
    assert out.index(box) > out.index("tabs</nav>") and out.index(box) < out.index("</nav></header>")
    assert 'data-root="../../"' in box and 'placeholder="Gõ &quot;dich vu&quot;"' in box
    assert 'aria-controls="cp-search-panel"' in box and 'aria-label="Tìm kiếm trên cổng"' in box
    assert mark_searchable(out).count('<article class="md-content__inner md-typeset" data-pagefind-body>') == 1
    assert add_search_box("<p>no header</p>", box) == "<p>no header</p>"
    assert 'data-root="./"' in search_box_html("", TEXTS)  # the home page
