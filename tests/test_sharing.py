"""Open Graph, Twitter card and JSON-LD tags: what a link shared on Facebook or Zalo shows."""

from __future__ import annotations

import json
import re

import build as cli
from contest_portal.site.sharing import iso_duration

from .conftest import write_mkdocs_yml

ENTRY_PAGE = "2025-thu-nghiem/bai-du-thi/e-01/index.html"
OVERVIEW = "2025-thu-nghiem/index.html"


def _build(tree, tmp_path, extra: str = "") -> dict[str, str]:
    tree.contest()
    tree.entry(
        text="title: 'Tác phẩm </script><script>alert(1)</script>'\nauthors: [{name: Nguyễn Văn A}]\n"
        "unit: xa-a\nvideo: video.mp4\nreceived: 2025-05-10\n"
        "description: Giới thiệu *ngắn*\nconsent: {publication: true}\n"
    )
    config = write_mkdocs_yml(tmp_path, extra=extra)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    return {page: (tmp_path / "site" / page).read_text(encoding="utf-8") for page in (ENTRY_PAGE, OVERVIEW)}


def _meta(html: str) -> dict[str, str]:
    head = html[: html.index("</head>")]
    return dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', head))


def _json_ld(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block, "no JSON-LD in the page"
    return json.loads(block.group(1))


def test_entry_page_shares_title_poster_and_video_with_absolute_urls(tree, tmp_path):
    pages = _build(tree, tmp_path, "site_url: https://portal.example.gov.vn/cuoc-thi/\n")
    meta = _meta(pages[ENTRY_PAGE])
    base = "https://portal.example.gov.vn/cuoc-thi/2025-thu-nghiem/"
    assert meta["og:url"] == base + "bai-du-thi/e-01/"
    assert meta["og:image"] == base + "media/e-01/poster-e-01.jpg"
    assert meta["og:video"] == base + "media/e-01/video.mp4"
    assert meta["og:type"] == "video.other" and meta["twitter:card"] == "summary_large_image"
    assert meta["og:description"] == "Giới thiệu ngắn"
    video = _json_ld(pages[ENTRY_PAGE])
    assert video["@type"] == "VideoObject" and video["name"] == "Tác phẩm </script><script>alert(1)</script>"
    assert video["contentUrl"] == meta["og:video"] and video["thumbnailUrl"] == meta["og:image"]
    assert video["duration"] == "PT2S" and video["uploadDate"].startswith("2025-05-10")
    # the title cannot end the data block early and start a script
    assert "<script>alert(1)" not in pages[ENTRY_PAGE]


def test_the_shared_picture_says_its_size_and_type(tree, tmp_path):
    """Facebook and Zalo show no picture on a link's first share without og:image:width/height/type."""
    from PIL import Image

    pages = _build(tree, tmp_path, "site_url: https://portal.example.gov.vn/\n")
    with Image.open(tmp_path / "site" / "2025-thu-nghiem" / "media" / "e-01" / "poster-e-01.jpg") as poster:
        size = poster.size
    for page in (ENTRY_PAGE, OVERVIEW):
        meta = _meta(pages[page])
        assert meta["og:image"].endswith("/poster-e-01.jpg")
        assert (int(meta["og:image:width"]), int(meta["og:image:height"])) == size, page
        assert meta["og:image:type"] == "image/jpeg"


def test_contest_overview_is_an_event(tree, tmp_path):
    pages = _build(tree, tmp_path, "site_url: https://portal.example.gov.vn/\n")
    event = _json_ld(pages[OVERVIEW])
    assert event["@type"] == "Event" and event["name"] == "Cuộc thi thử nghiệm"
    assert event["startDate"].startswith("2025-05-01") and event["endDate"].startswith("2025-05-31T17:00")
    assert event["organizer"]["name"] == "UBND huyện Thử Nghiệm"
    assert _meta(pages[OVERVIEW])["og:url"] == "https://portal.example.gov.vn/2025-thu-nghiem/"


def test_without_site_url_no_relative_image_or_url_is_shared(tree, tmp_path):
    meta = _meta(_build(tree, tmp_path)[ENTRY_PAGE])
    assert meta["og:title"].startswith("Tác phẩm")
    assert "og:image" not in meta and "og:url" not in meta and "og:video" not in meta
    assert meta["twitter:card"] == "summary"


def test_sitemap_lists_entry_pages(tree, tmp_path):
    _build(tree, tmp_path, "site_url: https://portal.example.gov.vn/\n")
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://portal.example.gov.vn/2025-thu-nghiem/bai-du-thi/e-01/</loc>" in sitemap
    assert "<loc>https://portal.example.gov.vn/2025-thu-nghiem/the-le/</loc>" in sitemap


def test_iso_durations():
    assert iso_duration(320) == "PT5M20S"
    assert iso_duration(3600) == "PT1H0S"
    assert iso_duration(59.6) == "PT1M0S"


def test_control_characters_in_a_title_keep_the_page_title(tree, tmp_path):
    tree.contest()
    tree.entry(
        text='title: "Tiêu đề\\x7f lạ"\nauthors: [{name: A}]\nunit: xa-a\nvideo: video.mp4\n'
        "consent: {publication: true}\n"
    )
    assert cli.main(["build", "-f", str(write_mkdocs_yml(tmp_path)), "--site-dir", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site" / ENTRY_PAGE).read_text(encoding="utf-8")
    assert "<title>Tiêu đề\x7f lạ - Thử nghiệm</title>" in html  # the front matter was read, not dropped
