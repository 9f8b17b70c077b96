"""Vietnamese at the site root, English in en/, and a switch on every page to the same page."""

from __future__ import annotations

import posixpath
import re

import pytest

import build as cli
from contest_portal.site.languages import counterpart, translate_nav, translation_of

from .conftest import FIXED_TODAY, write_mkdocs_yml


@pytest.mark.parametrize(
    "page, current, target, expected",
    [
        ("2024-vinh-linh/the-le/", "vi", "en", "../../en/2024-vinh-linh/the-le/"),
        ("", "vi", "en", "en/"),
        ("2024-vinh-linh/the-le/", "en", "vi", "../../../2024-vinh-linh/the-le/"),
        ("", "en", "vi", "../"),
        ("index.html", "vi", "en", "en/index.html"),  # the offline build (no directory URLs)
        ("luu-tru.html", "en", "vi", "../luu-tru.html"),
    ],
)
def test_counterpart_links(page, current, target, expected):
    assert counterpart(page, current, target, "vi") == expected


def test_nav_titles_are_translated():
    nav = [{"Trang chủ": "index.md"}, {"Cuộc thi": [{"Khác": "a.md"}]}, "b.md"]
    assert translate_nav(nav, {"Trang chủ": "Home", "Cuộc thi": "Contests"}) == [
        {"Home": "index.md"},
        {"Contests": [{"Khác": "a.md"}]},
        "b.md",
    ]


@pytest.mark.parametrize(
    "src_uri, expected",
    [
        ("huong-dan/index.en.md", ("huong-dan/index.md", "en")),
        ("gioi-thieu.vi.md", ("gioi-thieu.md", "vi")),
        ("huong-dan/index.md", None),
        ("ban-tin.fr.md", None),  # not a language of the portal: a page of its own
        ("huong-dan/.en.md", None),
        ("anh/bieu-trung.en.svg", None),  # (pictures are no pages)
    ],
)
def test_a_page_translation_is_named_by_its_language(src_uri, expected):
    assert translation_of(src_uri, ("vi", "en")) == expected


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("languages") / "site"
    assert cli.main(["build", "--site-dir", str(site), "--today", FIXED_TODAY]) == 0
    return site


def test_every_page_has_a_working_switch_to_the_other_language(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len([p for p in pages if p.relative_to(sample_site).parts[0] == "en"]) > 30
    for page in pages:
        if page.name == "404.html" or "nhung" in page.relative_to(sample_site).parts:
            continue  # (the embeddable views are shown inside other sites: no site chrome at all)
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'<nav class="cp-lang-switch"[^>]*><a href="([^"]+)" hreflang="(\w+)"', html)
        assert len(links) == 1, page
        href, lang = links[0]
        in_english = page.relative_to(sample_site).parts[0] == "en"
        assert lang == ("vi" if in_english else "en")
        target = posixpath.normpath(posixpath.join(page.parent.relative_to(sample_site).as_posix(), href))
        assert (sample_site / target / "index.html").is_file(), (page, href)
        mirrored = page.relative_to(sample_site / "en") if in_english else "en" / page.relative_to(sample_site)
        assert sample_site / target / "index.html" == sample_site / mirrored, (page, href)  # the same page


def test_english_pages_are_in_english(sample_site):
    gallery = (sample_site / "en" / "2024-vinh-linh" / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in gallery and "Search by title, unit or author" in gallery
    assert "Tìm theo tên" not in gallery
    home = (sample_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "<title>" in home and "Administrative reform contests portal" in home
    for title in ("Home", "Contests", "Archive"):
        assert re.search(rf'md-tabs__link">\s*{title}\s*</a>', home), title
    # the organizers' pages are in the footer, in English like the rest of it
    footer = home[home.index('<footer class="md-footer">') :]
    assert "Guide for the organizers</a>" in footer and "Error codes</a>" in footer
    assert "For the organizers:" in footer and "Vinh Linh District People&#39;s Committee" in footer
    assert "Ủy ban" not in footer and "Made with" not in footer
    vietnamese = (sample_site / "2024-vinh-linh" / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in vietnamese and "Tìm theo tên, đơn vị, tác giả" in vietnamese


def test_the_english_sites_guide_link_leads_to_the_english_guide(sample_site):
    home = (sample_site / "en" / "index.html").read_text(encoding="utf-8")
    footer = home[home.index('<footer class="md-footer">') :]
    [href] = re.findall(r'<a href="([^"]+)">Guide for the organizers</a>', footer)
    guide_dir = sample_site / "en" / posixpath.normpath(href)
    guide = (guide_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in guide and ">User guide for the organizing committee<" in guide
    assert "Hướng dẫn sử dụng cho Ban Tổ chức" not in guide and "1. Installing" in guide
    # its pictures of the commands are of English runs, published beside it
    assert 'src="images/command-validate.png"' in guide and (guide_dir / "images" / "command-validate.png").is_file()
    # the Vietnamese site keeps the Vietnamese guide at the same address, and no site has a page of the translation
    vietnamese = (sample_site / posixpath.normpath(href) / "index.html").read_text(encoding="utf-8")
    assert ">Hướng dẫn sử dụng cho Ban Tổ chức<" in vietnamese and 'src="anh/lenh-kiem-tra.png"' in vietnamese
    assert not list(sample_site.rglob("index.en/index.html"))
    # the switch leads from one to the other
    assert re.search(r'<nav class="cp-lang-switch"[^>]*><a href="../../huong-dan/" hreflang="vi"', guide)


@pytest.mark.parametrize(
    "page, title",
    [
        ("index.html", "Administrative reform contests portal"),
        ("gioi-thieu/index.html", "About"),
        ("lien-he/index.html", "Contact"),
    ],
)
def test_the_english_sample_site_has_its_hand_written_pages_in_english(sample_site, page, title):
    html = (sample_site / "en" / page).read_text(encoding="utf-8")
    assert re.search(rf"<h1[^>]*>{title}", html)
    assert "Cổng thông tin các cuộc thi" not in html and "Mọi thắc mắc" not in html


def test_security_headers_cover_the_english_pages(sample_site):
    from contest_portal.publish.headers import inline_script_hashes, read_headers_file

    csp = read_headers_file(sample_site / "_headers")["Content-Security-Policy"]
    assert all(h in csp for h in inline_script_hashes(sample_site / "en"))
    assert not (sample_site / "en" / "_headers").exists()


def test_offline_needs_the_theme_offline_plugin(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    before = sorted(p.name for p in site.iterdir())
    assert cli.main(["build", "--offline", "-f", str(config), "--site-dir", str(site)]) == 2
    assert sorted(p.name for p in site.iterdir()) == before  # the site was not touched


def test_english_pages_use_the_root_copy_of_videos_and_images(sample_site):
    assert not (sample_site / "en" / "2024-vinh-linh" / "media").exists()  # no second copy to upload
    page = sample_site / "en" / "2024-vinh-linh" / "bai-du-thi" / "vl-01" / "index.html"
    html = page.read_text(encoding="utf-8")
    for src in re.findall(r'<source src="([^"]+)"|poster="([^"]+)"', html):
        src = next(s for s in src if s)
        assert (page.parent / src).resolve().is_file(), src
        assert (page.parent / src).resolve().is_relative_to(sample_site / "2024-vinh-linh" / "media")


def test_lang_en_puts_english_at_the_root(tmp_path):
    site = tmp_path / "site"
    assert cli.main(["build", "--lang", "en", "--site-dir", str(site), "--today", FIXED_TODAY]) == 0
    root = (site / "2024-vinh-linh" / "the-le" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in root and "<title>Rules - Administrative reform contests portal" in root
    vietnamese = (site / "vi" / "2024-vinh-linh" / "the-le" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in vietnamese and "Thể lệ" in vietnamese


def test_the_not_found_page_switches_language_by_absolute_links(tmp_path, monkeypatch, sample_site):
    """404.html is served at any address, so its switch leads to the other language's home by full URL."""
    monkeypatch.setenv("SITE_URL", "https://portal.example.vn/cuoc-thi/")
    site = tmp_path / "site"
    assert cli.main(["build", "--site-dir", str(site), "--today", FIXED_TODAY]) == 0
    pattern = r'<nav class="cp-lang-switch"[^>]*><a href="([^"]+)" hreflang="(\w+)"'
    assert re.findall(pattern, (site / "404.html").read_text(encoding="utf-8")) == [
        ("https://portal.example.vn/cuoc-thi/en/", "en")
    ]
    assert re.findall(pattern, (site / "en" / "404.html").read_text(encoding="utf-8")) == [
        ("https://portal.example.vn/cuoc-thi/", "vi")
    ]
    # the theme's English heading is said in each site's language, with a link home by full URL
    assert "404 - Not found" not in (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Không tìm thấy trang</h1>" in (site / "404.html").read_text(encoding="utf-8")
    assert '<a href="https://portal.example.vn/cuoc-thi/en/">Go to the home page</a>' in (
        site / "en" / "404.html"
    ).read_text(encoding="utf-8")
    # each has the header's search box, in its language, finding the one bundle at the site's top
    for page, label in (
        ("404.html", 'aria-label="Tìm kiếm trên cổng"'),
        ("en/404.html", 'aria-label="Search the portal"'),
    ):
        box = re.search(r'<div class="cp-search" [^>]*>.*?</button>', (site / page).read_text(encoding="utf-8"), re.S)
        assert box and 'data-root="/cuoc-thi/"' in box[0] and label in box[0], page
    # without the site's address a relative link would be wrong wherever the page is shown: no switch
    without = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "cp-lang-switch" not in without
    assert "<h1>Không tìm thấy trang</h1>" in without and "Về trang chủ" not in without


def test_the_english_site_reuses_the_roots_posters_and_warns_once(tree, tmp_path, caplog):
    from .conftest import write_mkdocs_yml

    tree.contest()
    folder = tree.entry(slug="e-01")
    data = bytearray((folder / "video.mp4").read_bytes())
    start = data.index(b"mdat") + 4
    data[start:] = bytes(len(data) - start)  # headers kept, frames zeroed: probed fine, cannot be decoded
    (folder / "video.mp4").write_bytes(bytes(data))
    config = write_mkdocs_yml(tmp_path)
    config.write_text(config.read_text().replace("cache_dir: .cache", "cache_dir: .cache\n      languages: [vi, en]"))
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "en" / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").is_file()
    assert sum("VID016" in record.getMessage() for record in caplog.records) == 1  # not again for en/


def test_a_page_written_in_one_language_only_is_in_that_languages_site_only(tree, tmp_path):
    tree.contest()
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    config.write_text(config.read_text().replace("cache_dir: .cache", "cache_dir: .cache\n      languages: [vi, en]"))
    (tmp_path / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (tmp_path / "docs" / "gioi-thieu.en.md").write_text("# About us\n", encoding="utf-8")
    (tmp_path / "docs" / "press.en.md").write_text("# For the press\n", encoding="utf-8")
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    assert ">About us<" in (site / "en" / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert ">Giới thiệu<" in (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert ">For the press<" in (site / "en" / "press" / "index.html").read_text(encoding="utf-8")
    assert not (site / "press").exists() and not list(site.rglob("*.en"))
