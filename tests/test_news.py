"""News posts of a contest: checked on load, published as pages and as Atom/RSS feeds."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import build as cli
from contest_portal.formats.news import NEWS_FOLDER, load_news

from .conftest import file_name, write_mkdocs_yml

ATOM = "{http://www.w3.org/2005/Atom}"


def _post(tree, name: str, text: str, contest: str = "2025-thu-nghiem"):
    folder = tree.root / contest / NEWS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_posts_are_read_newest_first_and_bad_ones_are_reported(tree):
    folder = tree.contest()
    _post(tree, "mot.md", "---\ntitle: Một\ndate: 2025-04-01\n---\nNội dung một\n")
    _post(tree, "hai.md", '---\ntitle: Hai\ndate: "2025-04-20 08:00"\nsummary: Tóm tắt\n---\nNội dung hai\n')
    _post(tree, "khong-dau.md", "Chỉ có nội dung, thiếu phần đầu\n")
    _post(tree, "ngay-khong-co.md", "---\ntitle: A\ndate: 2025-02-30\n---\n")
    _post(tree, "sai-ngay.md", "---\ntitle: Sai ngày\ndate: 31/4/2025\n---\n")
    posts, problems = load_news(folder, "2025-thu-nghiem")
    assert [p.title for p in posts] == ["Hai", "Một"]
    assert posts[0].summary == "Tóm tắt" and posts[0].body == "Nội dung hai"
    by_code = {p.code: p for p in sorted(problems, key=file_name)}
    assert set(by_code) == {"NEW001", "NEW002"}
    assert file_name(by_code["NEW001"]) == "khong-dau.md"
    assert sorted(file_name(p) for p in problems if p.code == "NEW002") == ["ngay-khong-co.md", "sai-ngay.md"]
    assert file_name(by_code["NEW002"]) == "sai-ngay.md" and by_code["NEW002"].where.line == 3
    report = by_code["NEW002"].format("vi")
    assert "sai-ngay.md" in report and "date '31/4/2025'" in report  # the clerk sees what was written
    example = by_code["NEW001"].format("vi").splitlines()
    assert "        title: Tên bản tin" in example  # the example stays indented under "Cách sửa"


def test_validate_fails_on_a_broken_post(tree, tmp_path):
    tree.contest()
    tree.entry()
    _post(tree, "thieu-ten.md", "---\ndate: 2025-04-01\n---\nNội dung\n")
    out = io.StringIO()
    assert cli.validate(write_mkdocs_yml(tmp_path), "vi", out=out) == 1
    assert "NEW002" in out.getvalue() and "thieu-ten.md:1" in out.getvalue()


def _build(tree, tmp_path, extra: str = ""):
    tree.contest()
    tree.entry()
    _post(
        tree,
        "2024-09-01-phat-dong.md",
        "---\ntitle: Phát động cuộc thi\ndate: 2024-09-01\n"
        "summary: Bắt đầu\n---\n**Chào** các bạn <script>alert(1)</script>\n",
    )
    _post(tree, "nhap.md", "---\ntitle: Bản nháp\ndate: 2024-09-02\ndraft: true\n---\nChưa đăng\n")
    _post(tree, "sap-toi.md", "---\ntitle: Tin tương lai\ndate: 2030-01-01\n---\nChưa tới ngày\n")
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(write_mkdocs_yml(tmp_path, extra=extra)), "--site-dir", str(site)]) == 0
    return site / "2025-thu-nghiem"


def test_news_pages_and_atom_feed(tree, tmp_path):
    contest = _build(tree, tmp_path)
    listing = (contest / "tin-tuc" / "index.html").read_text(encoding="utf-8")
    assert "Phát động cuộc thi" in listing and "Bản nháp" not in listing and "Tin tương lai" not in listing
    assert not (contest / "tin-tuc" / "nhap").exists() and not (contest / "tin-tuc" / "sap-toi").exists()
    post = (contest / "tin-tuc" / "2024-09-01-phat-dong" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Chào</strong>" in post and "<script>alert(1)" not in post
    assert '<meta property="og:title" content="Phát động cuộc thi">' in post  # shared links show the title
    assert '<meta property="og:description" content="Bắt đầu">' in post
    overview = (contest / "index.html").read_text(encoding="utf-8")
    assert 'href="tin-tuc/2024-09-01-phat-dong/"' in overview
    # no <link rel="alternate"> for the feed in the head: the theme would fetch a sitemap beside it (a 404)
    assert 'rel="alternate" type="application/atom+xml"' not in overview
    feed = ET.fromstring((contest / "tin-tuc.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Phát động cuộc thi"]
    assert [link.get("href") for link in entries[0].findall(f"{ATOM}link")] == ["tin-tuc/2024-09-01-phat-dong/"]
    assert entries[0].findtext(f"{ATOM}id", "").startswith("urn:contest-portal:2025-thu-nghiem:news")
    assert "<strong>Chào</strong>" in entries[0].findtext(f"{ATOM}content", "")
    assert "<script" not in entries[0].findtext(f"{ATOM}content", "")
    assert not (contest / "tin-tuc.rss").exists()  # RSS needs the site's address


def test_feeds_use_absolute_links_with_a_site_url(tree, tmp_path):
    contest = _build(tree, tmp_path, "site_url: https://portal.example.gov.vn/cuoc-thi/\n")
    feed = ET.fromstring((contest / "tin-tuc.xml").read_bytes())
    link = feed.findall(f"{ATOM}entry/{ATOM}link")[0].get("href")
    assert link == "https://portal.example.gov.vn/cuoc-thi/2025-thu-nghiem/tin-tuc/2024-09-01-phat-dong/"
    rss = ET.fromstring((contest / "tin-tuc.rss").read_bytes())
    assert rss.findtext("channel/item/link") == link
    assert rss.findtext("channel/link") == "https://portal.example.gov.vn/cuoc-thi/2025-thu-nghiem/tin-tuc/"


def test_posts_that_would_share_an_address_are_reported(tree):
    folder = tree.contest()
    _post(tree, "a-b.md", "---\ntitle: Một\ndate: 2024-09-01\n---\n")
    _post(tree, "A B.md", "---\ntitle: Hai\ndate: 2024-09-02\n---\n")
    _post(tree, "index.md", "---\ntitle: Ba\ndate: 2024-09-03\n---\n")
    posts, problems = load_news(folder, "2025-thu-nghiem")
    assert [p.title for p in posts] == ["Hai"]  # "A B.md" comes first in file order
    assert sorted((p.code, file_name(p)) for p in problems) == [("NEW003", "a-b.md"), ("NEW003", "index.md")]
    assert "A B.md" in problems[0].format("vi") or "A B.md" in problems[1].format("vi")
