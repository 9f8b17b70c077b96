"""Every link of the built sample portal leads somewhere: both languages, the embeddable views, the
JSON and news feeds, the sitemaps, with and without site_url, and the offline build
(tools/link_check.py); and the link check itself finds a broken link in each place links are."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

import build as cli
from tools.link_check import Broken, check_site

from .conftest import FIXED_TODAY

SITE_URL = "https://portal.example.gov.vn/cuoc-thi/"
#: the external addresses the sample links to: an entry's own video on YouTube, the sharing buttons,
#: the preview's address in the guide
ALLOWED = frozenset({"www.youtube.com", "www.facebook.com", "sp.zalo.me", "127.0.0.1:8000"})


@pytest.fixture(scope="module")
def sample_sites(tmp_path_factory) -> dict[str, Path]:
    """The sample portal built three ways: as it is, with a site_url, and offline."""
    folder = tmp_path_factory.mktemp("links")
    sites = {"plain": folder / "site", "site_url": folder / "site-url", "offline": folder / "site-offline"}
    assert cli.main(["build", "-d", str(sites["plain"]), "--today", FIXED_TODAY]) == 0
    assert cli.main(["build", "--offline", "-d", str(sites["offline"]), "--today", FIXED_TODAY]) == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", SITE_URL)
        assert cli.main(["build", "-d", str(sites["site_url"]), "--today", FIXED_TODAY]) == 0
    return sites


@pytest.mark.parametrize("kind", ["plain", "site_url", "offline"])
def test_every_link_of_the_sample_portal_leads_to_a_file_of_the_site(sample_sites, kind):
    site = sample_sites[kind]
    assert (site / "en" / "2024-vinh-linh" / "nhung" / "vl-06").is_dir()  # the English embeddable views are there
    broken = check_site(site, SITE_URL if kind == "site_url" else None, ALLOWED, offline=kind == "offline")
    assert [str(link) for link in broken] == []


def test_the_english_embeddable_view_plays_the_root_sites_video(sample_sites):
    html = (sample_sites["plain"] / "en" / "2024-vinh-linh" / "nhung" / "vl-06" / "index.html").read_text("utf-8")
    # en/2024-vinh-linh/nhung/vl-06/ is four folders down from the top, where the media are
    assert '<source src="../../../../2024-vinh-linh/media/vl-06/video.mp4" type="video/mp4">' in html
    assert 'poster="../../../../2024-vinh-linh/media/vl-06/poster-vl-06.jpg"' in html
    gallery = (sample_sites["plain"] / "en" / "2024-vinh-linh" / "nhung" / "index.html").read_text("utf-8")
    assert 'src="../../../2024-vinh-linh/media/vl-01/thumb-vl-01.webp"' in gallery


def test_the_english_feeds_name_english_pages_and_the_root_sites_media(sample_sites):
    feed = json.loads((sample_sites["site_url"] / "en" / "2024-vinh-linh" / "feed.json").read_text("utf-8"))
    assert feed["feed_url"] == "https://portal.example.gov.vn/cuoc-thi/en/2024-vinh-linh/feed.json"
    first = feed["items"][0]
    assert first["url"] == "https://portal.example.gov.vn/cuoc-thi/en/2024-vinh-linh/bai-du-thi/vl-01/"
    assert first["image"] == "https://portal.example.gov.vn/cuoc-thi/2024-vinh-linh/media/vl-01/poster-vl-01.jpg"
    assert (
        first["_contest_portal"]["video_url"]
        == "https://portal.example.gov.vn/cuoc-thi/2024-vinh-linh/media/vl-01/video.mp4"
    )
    plain = json.loads((sample_sites["plain"] / "en" / "feed.json").read_text("utf-8"))
    assert plain["feed_url"] == "/en/feed.json"  # (no site_url: paths from the host's root)
    assert plain["items"][0]["image"].startswith("/2024-")


# --- the check itself: a broken link in each place links are ------------------------------------


def _write(site: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_check_finds_a_broken_link_in_each_place(tmp_path):
    site = tmp_path / "site"
    _write(
        site,
        {
            "index.html": """\
            <a href="a/">ok</a> <a href="a">ok, a folder</a> <a href="#top">not checked</a>
            <a href="mailto:x@example.org">not checked</a> <a href="khong-co/">broken</a>
            <img src="anh/x.webp" srcset="anh/x.webp 480w, anh/y.webp 960w"> <a href="../ngoai/">out of the site</a>
            <a href="https://www.youtube.com/watch?v=1">allowed</a> <a href="https://example.com/">not allowed</a>
            <a href="/cuoc-thi/a/">ok from the host's root</a> <a href="/khac/">outside the site's folder</a>
            <script>var a = '<a href="khong-kiem-tra/">';</script>""",
            "a/index.html": """<meta property="og:image" content="https://portal.example.gov.vn/cuoc-thi/anh/og.jpg">
                           <meta property="og:title" content="not an address">
                           <video poster="../anh/x.webp"><source src="../media/v.mp4"></video>
                           <video poster="poster.jpg"></video>""",
            "anh/x.webp": "x",
            "media/v.mp4": "x",
            "feed.json": json.dumps(
                {
                    "home_page_url": "https://portal.example.gov.vn/cuoc-thi/",
                    "feed_url": "https://portal.example.gov.vn/cuoc-thi/feed.json",
                    "items": [
                        {
                            "url": "https://portal.example.gov.vn/cuoc-thi/a/",
                            "image": "https://portal.example.gov.vn/cuoc-thi/anh/khong.jpg",
                            "_contest_portal": {"video_url": "/cuoc-thi/media/v.mp4"},
                        }
                    ],
                }
            ),
            "sitemap.xml": """\
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://portal.example.gov.vn/cuoc-thi/a/</loc></url>
            <url><loc>https://portal.example.gov.vn/cuoc-thi/b/</loc></url></urlset>""",
            "tin-tuc.xml": """\
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><link href="https://portal.example.gov.vn/cuoc-thi/tin/"/>
            <entry><link href="https://portal.example.gov.vn/cuoc-thi/a/"/></entry></feed>""",
        },
    )
    broken = check_site(site, SITE_URL, frozenset({"www.youtube.com"}))
    assert broken == [
        Broken("a/index.html", "meta.og:image", "https://portal.example.gov.vn/cuoc-thi/anh/og.jpg"),
        Broken("a/index.html", "video.poster", "poster.jpg"),
        Broken("feed.json", "feed.items.image", "https://portal.example.gov.vn/cuoc-thi/anh/khong.jpg"),
        Broken("index.html", "a.href", "khong-co/"),
        Broken("index.html", "img.srcset", "anh/y.webp"),
        Broken("index.html", "a.href", "../ngoai/"),
        Broken("index.html", "a.href", "https://example.com/"),
        Broken("index.html", "a.href", "/khac/"),
        Broken("sitemap.xml", "loc", "https://portal.example.gov.vn/cuoc-thi/b/"),
        Broken("tin-tuc.xml", "link.href", "https://portal.example.gov.vn/cuoc-thi/tin/"),
    ]


def test_an_offline_page_must_name_files_not_folders(tmp_path):
    site = tmp_path / "site"
    _write(
        site,
        {
            "index.html": '<a href="a/">a folder</a> <a href="a/index.html">its page</a>',
            "a/index.html": '<a href="../index.html">up</a>',
        },
    )
    assert check_site(site, offline=False) == []
    assert check_site(site, offline=True) == [Broken("index.html", "a.href", "a/")]  # file:// shows a listing


def test_the_offline_build_searches_with_the_themes_index_in_both_languages(sample_sites):
    """--offline turns the theme's offline and search plugins on in the config the command line loads
    (no environment variable); the English sub-site takes the root build's switches."""
    offline, plain = sample_sites["offline"], sample_sites["plain"]
    for prefix in ("", "en/"):
        assert (offline / prefix / "search" / "search_index.js").is_file(), prefix  # the offline plugin's script
        assert not (plain / prefix / "search").exists(), prefix  # on the web: Pagefind, not the theme's search
    assert (plain / "pagefind").is_dir() and not (offline / "pagefind").exists()
