"""The site search's index (publish/site_search.py) and header box (site/search_box.py), without a browser.

The browser checks (queries typed with and without diacritics, "d" for "đ", upper case, filters, at the
root, under a sub-path and offline) are in test_browser_portal.py; the bytes fetched in bench/search_bytes.py.
"""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from contest_portal.core.i18n import Translator
from contest_portal.mkdocs_plugin.plugin import ContestPlugin
from contest_portal.publish.site_search import SearchIndexFailed, index_site
from contest_portal.site.search_box import add_search_box, mark_searchable, search_box_html

PAGE = ('<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body><header><nav>menu</nav></header>'
        '<article data-pagefind-body><h1>{title}<a class="headerlink" href="#x">¶</a></h1><p>{text}</p></article>'
        '</body></html>')


def test_each_language_gets_its_own_index(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format(lang="vi", title="Đường dây nóng", text="Hỏi đáp"), encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(PAGE.format(lang="en", title="Hotline", text="Questions"),
                                                encoding="utf-8")
    stats = index_site(tmp_path)
    assert stats.pages == 2 and stats.seconds > 0 and stats.bundle_bytes > 10_000
    bundle = tmp_path / "pagefind"
    assert [p.name.split("_")[0] for p in sorted(bundle.glob("*.pf_meta"))] == ["pagefind.en", "pagefind.vi"]
    assert (bundle / "pagefind.js").is_file() and not (bundle / "pagefind-ui.js").exists()


def test_a_site_without_pages_stops_the_build_with_sit005(tmp_path):
    with pytest.raises(SearchIndexFailed, match="not able to build an index"):
        index_site(tmp_path)
    plugin = ContestPlugin()
    for lang, words in (("vi", ("lỗi SIT006", "Không tạo được chỉ mục tìm kiếm", "site_search: false")),
                        ("en", ("error SIT006", "search index (Pagefind) could not be made", "site_search: false"))):
        plugin.t = Translator(lang)
        with pytest.raises(PluginError) as raised:
            plugin._index_search(tmp_path)
        assert all(word in str(raised.value) for word in words), str(raised.value)


TEXTS = {"title": "Tìm kiếm trên cổng", "label": "Tìm", "placeholder": "Gõ \"dich vu\"", "close": "Đóng",
         "loading": "…", "none": "Không thấy", "found": "{count} kết quả", "failed": "Lỗi", "all_contests": "Mọi",
         "all_units": "Mọi", "contest": "Cuộc thi", "unit": "Đơn vị"}


def test_the_box_goes_at_the_end_of_the_header_bar():
    page = ('<header class="md-header"><nav class="md-header__inner"><a>logo</a><nav class="x">tabs</nav>'
            '</nav></header><article class="md-content__inner md-typeset"><nav>toc</nav></article>')
    box = search_box_html("../../", TEXTS)
    out = add_search_box(page, box)
    assert out.index(box) > out.index("tabs</nav>") and out.index(box) < out.index("</nav></header>")
    assert 'data-root="../../"' in box and 'placeholder="Gõ &quot;dich vu&quot;"' in box
    assert 'aria-controls="cp-search-panel"' in box and 'aria-label="Tìm kiếm trên cổng"' in box
    assert mark_searchable(out).count("<article class=\"md-content__inner md-typeset\" data-pagefind-body>") == 1
    assert add_search_box("<p>no header</p>", box) == "<p>no header</p>"
    assert 'data-root="./"' in search_box_html("", TEXTS)  # the home page
