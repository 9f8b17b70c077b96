"""Showcasing on a district portal (issue 23): embeddable views, the frame rules, the data feed, signed documents.

The sample portal is built once; the embedding is checked in headless Chromium with the host
page served from a second loopback origin (127.0.0.2) and the portal from 127.0.0.1, with the
header rules the build wrote applied as a host following them sends them.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import build as cli
from contest_portal.formats.documents import DocumentError, check_file, published_copy
from contest_portal.publish.headers import header_rules, headers_for, write_header_files

from .conftest import FIXED_TODAY, MINIMAL_CONTEST, ROOT, VIDEO_DURATION_JS


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("showcase") / "site"
    assert cli.main(["build", "--site-dir", str(folder), "--today", FIXED_TODAY]) == 0
    return folder


# --- the views and the header rules ---------------------------------------------------------------


def test_each_contest_has_a_gallery_a_card_and_a_player_per_entry_in_both_languages(site):
    # the media are the root site's: one folder further up from the English views (en/)
    for prefix, to_media in (("", "../../media/"), ("en/", "../../../../2024-vinh-linh/media/")):
        gallery = (site / f"{prefix}2024-vinh-linh/nhung/index.html").read_text(encoding="utf-8")
        assert gallery.count('class="cpe-card"') == 8  # the eight sample entries of Vĩnh Linh
        assert "md-header" not in gallery and "<nav" not in gallery  # no site chrome
        assert not re.search(r"<script(?![^>]*\bsrc=)", gallery)  # no inline script (the CSP holds)
        player = (site / f"{prefix}2024-vinh-linh/nhung/vl-01/index.html").read_text(encoding="utf-8")
        assert '<video class="cpe-player"' in player and f'src="{to_media}vl-01/video.mp4"' in player
        assert (site / f"{prefix}2024-vinh-linh/nhung/ket-qua/index.html").is_file()
    english = (site / "en/2024-vinh-linh/nhung/index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in english and "See it all on the contest portal" in english


def test_only_the_views_may_be_framed_and_only_by_the_listed_origin(site):
    rules = header_rules(site / "_headers")
    page = headers_for(rules, "/2024-vinh-linh/the-le/")
    view = headers_for(rules, "/2024-vinh-linh/nhung/vl-01/")
    assert page["X-Frame-Options"] == "SAMEORIGIN" and "frame-ancestors 'self'" in page["Content-Security-Policy"]
    assert page["Content-Security-Policy"].endswith("frame-ancestors 'self'")
    assert "X-Frame-Options" not in view
    assert view["Content-Security-Policy"].endswith("frame-ancestors 'self' https://vinhlinh.quangtri.gov.vn")
    assert headers_for(rules, "/2024-vinh-linh/feed.json")["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in page
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert "Header always unset X-Frame-Options" in htaccess and "https://vinhlinh.quangtri.gov.vn" in htaccess
    nginx = (site / "nginx-security-headers.conf").read_text(encoding="utf-8")
    assert 'location ~ "^/([a-z]{2}/)?[^/]+/nhung/" {' in nginx  # (quoted: nginx reads { as a block)


def test_an_entry_named_like_the_views_folder_is_not_framable(site, tmp_path):
    """A person's name "Nhung" is a common entry id: /<contest>/bai-du-thi/nhung/ is not a view."""
    rules = header_rules(site / "_headers")
    assert headers_for(rules, "/2024-vinh-linh/bai-du-thi/nhung/")["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.browser
@pytest.mark.parametrize("allowed", [True, False])
def test_a_page_of_another_origin_embeds_the_views_only_when_listed(browser, site, serve_folder, tmp_path, allowed):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    host_folder = tmp_path / "host"
    host_folder.mkdir()
    host = serve_folder(host_folder, host="127.0.0.2")
    write_header_files(copy, embed_origins=(host.rstrip("/") if allowed else "https://other.example.gov.vn",))
    rules = header_rules(copy / "_headers")
    portal = serve_folder(copy, lambda path: headers_for(rules, path))
    (host_folder / "index.html").write_text(
        "<!doctype html><title>Cổng huyện</title>"
        f'<iframe id="gallery" src="{portal}2024-vinh-linh/nhung/" title="g" width="600" height="800"></iframe>'
        f'<iframe id="player" src="{portal}2024-vinh-linh/nhung/vl-01/" title="p" width="600" height="400"></iframe>'
        f'<iframe id="rules" src="{portal}2024-vinh-linh/the-le/" title="r" width="600" height="400"></iframe>',
        encoding="utf-8",
    )
    page = browser.new_page()
    try:
        page.goto(host)
        page.wait_for_load_state("load")
        gallery, player, rules = (page.frame_locator(f"#{name}") for name in ("gallery", "player", "rules"))
        if allowed:
            assert gallery.locator(".cpe-card").count() == 8
            gallery.locator("[data-cpe-search]").fill("dich vu cong")  # typed without diacritics
            assert gallery.locator(".cpe-card:not([hidden])").count() == 1  # "Dịch vụ công trực tuyến …"
            frame = next(f for f in page.frames if f.url.endswith("/nhung/vl-01/"))
            duration = frame.evaluate(VIDEO_DURATION_JS)
            assert duration == pytest.approx(320, abs=0.5)
        else:
            assert gallery.locator(".cpe-card").count() == 0
            assert player.locator("video").count() == 0
        # the rest of the portal refuses to be framed by any other origin
        assert rules.locator(".cp-rules").count() == 0
    finally:
        page.close()


# --- the data feed --------------------------------------------------------------------------------

FEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items", "_contest_portal"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "url", "title", "_contest_portal"],
                "properties": {
                    "authors": {"type": "array", "items": {"type": "object", "required": ["name"]}},
                    "_contest_portal": {
                        "type": "object",
                        "required": ["contest", "year", "unit", "video_url", "prizes"],
                    },
                },
            },
        },
        "_contest_portal": {"type": "object", "required": ["version"]},
    },
}


def test_the_feeds_are_json_feed_1_1_with_the_published_entries_only(site):
    import jsonschema

    contest = json.loads((site / "2024-vinh-linh/feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(contest, FEED_SCHEMA)
    ids = [item["id"] for item in contest["items"]]
    assert ids == [f"2024-vinh-linh/vl-0{n}" for n in range(1, 9)]
    first = contest["items"][0]
    assert first["url"] == "/2024-vinh-linh/bai-du-thi/vl-01/" and first["_contest_portal"]["year"] == 2024
    assert first["_contest_portal"]["video_url"] == "/2024-vinh-linh/media/vl-01/video.mp4"
    portal = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(portal, FEED_SCHEMA)
    assert len(portal["items"]) == 15  # 8 of Vĩnh Linh + 7 of Bắc Kạn (bk-07 a YouTube link)
    text = json.dumps(portal, ensure_ascii=False)
    for private in ("phone", "email", "address", "@"):
        assert private not in text


def test_an_entry_without_consent_is_in_no_feed_nor_view(tree, tmp_path):
    from contest_portal.core.i18n import Translator
    from contest_portal.pipeline import load_portal, plan_site

    tree.contest(text=MINIMAL_CONTEST)
    tree.entry(slug="e-01")
    tree.entry(
        slug="e-02",
        text="title: Không đồng ý\nauthors: [{name: Lê Thị B}]\nunit: xa-b\nvideo: video.mp4\n"
        "consent: {publication: false}\n",
    )
    portal = load_portal(tree.root)
    plan, _, _ = plan_site(
        portal, Translator("vi"), __import__("datetime").datetime(2025, 6, 1), cache_dir=tmp_path / "cache"
    )
    outputs = {spec.src_uri: spec for spec in plan.outputs}
    feed = outputs["2025-thu-nghiem/feed.json"].data
    assert isinstance(feed, dict)
    assert [item["id"] for item in feed["items"]] == ["2025-thu-nghiem/e-01"]
    assert "2025-thu-nghiem/nhung/e-02/index.html" not in outputs
    assert "Không đồng ý" not in json.dumps(feed, ensure_ascii=False)


# --- signed documents -----------------------------------------------------------------------------


def _pdf(path: Path, *, javascript: bool = False, author: str | None = None) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if javascript:  # a page's open action running script, held in an object of its own
        action = writer._add_object(
            DictionaryObject(
                {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('x');")}
            )
        )
        page = writer.pages[0]
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})
    if author:
        writer.add_metadata({"/Author": author, "/Producer": "Máy quét"})
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_a_pdf_with_javascript_is_refused_with_its_code(tmp_path):
    with pytest.raises(DocumentError) as caught:
        check_file(_pdf(tmp_path / "ke-hoach.pdf", javascript=True))
    assert caught.value.code == "DOC004"


def test_a_document_over_the_size_limit_is_refused(tree, monkeypatch):
    from contest_portal.formats import documents
    from contest_portal.pipeline import load_portal

    monkeypatch.setattr(documents, "MAX_BYTES", 1000)  # a limit below the 1-page test PDF's size
    folder = tree.contest(text=MINIMAL_CONTEST + "document:\n  kind: Kế hoạch\n  file: ke-hoach.pdf\n")
    with pytest.raises(DocumentError) as caught:
        check_file(_pdf(folder / "ke-hoach.pdf", author="x" * 2000))
    assert caught.value.code == "DOC003"
    # as the clerk meets it: a problem of the contest, on the 'file:' line, naming the file
    problems = load_portal(tree.root, probe=False).contests[0].problems
    assert [(p.code, p.where.line) for p in problems] == [("DOC003", 19)]
    assert "ke-hoach.pdf" in problems[0].message("vi")


def test_a_file_that_is_not_what_its_name_says_is_refused(tmp_path):
    fake = tmp_path / "ke-hoach.pdf"
    fake.write_bytes(b"PK\x03\x04 a zip, not a PDF")
    with pytest.raises(DocumentError) as caught:
        check_file(fake)
    assert caught.value.code == "DOC002"


def test_the_published_pdf_has_no_author_metadata(tmp_path):
    from pypdf import PdfReader

    source = _pdf(tmp_path / "ke-hoach.pdf", author="Nguyễn Văn A")
    metadata = PdfReader(source).metadata
    assert metadata is not None and metadata["/Author"] == "Nguyễn Văn A"
    copy = published_copy(source, tmp_path / "out" / "ke-hoach.pdf")
    reader = PdfReader(copy)
    assert not reader.metadata and len(reader.pages) == 1


def test_the_published_docx_has_no_author(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Quyết định")
    document.core_properties.author = "Trần Văn B"
    document.save(str(tmp_path / "quyet-dinh.docx"))
    copy = published_copy(tmp_path / "quyet-dinh.docx", tmp_path / "out" / "quyet-dinh.docx")
    assert Document(str(copy)).core_properties.author == ""
    assert Document(str(tmp_path / "quyet-dinh.docx")).core_properties.author == "Trần Văn B"  # the source kept


def test_the_sample_plan_is_linked_from_the_rules_page_without_its_metadata(site):
    from pypdf import PdfReader

    rules = (site / "2024-vinh-linh/the-le/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="../van-ban/ke-hoach.pdf" download>Tải văn bản \(PDF, 88(,\d)? KB\)</a>', rules)
    published = PdfReader(site / "2024-vinh-linh/van-ban/ke-hoach.pdf")
    assert not published.metadata
    metadata = PdfReader(ROOT / "entries/2024-vinh-linh/ke-hoach.pdf").metadata
    assert metadata is not None and metadata["/Author"]


@pytest.mark.parametrize(
    ("write", "code"),
    [
        (lambda folder: None, "DOC001"),
        (lambda folder: _pdf(folder / "ke-hoach.pdf", javascript=True), "DOC004"),
        (lambda folder: (folder / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 10), "DOC002"),
    ],
)
def test_a_bad_document_file_is_a_coded_problem_of_the_contest(tree, write, code):
    from contest_portal.pipeline import load_portal

    folder = tree.contest(text=MINIMAL_CONTEST + "document:\n  kind: Kế hoạch\n  file: ke-hoach.pdf\n")
    write(folder)
    portal = load_portal(tree.root, probe=False)
    problems = portal.contests[0].problems
    assert [p.code for p in problems] == [code]
    assert problems[0].where.line == 19  # the 'file:' line: 16 lines of MINIMAL_CONTEST, then 3
    assert "ke-hoach.pdf" in problems[0].message("vi")


def test_the_organizers_report_holds_the_snippets_to_paste(tree, tmp_path):
    import html as html_module

    from contest_portal.office.reports import write_html_report
    from contest_portal.pipeline import load_portal

    tree.contest()
    tree.entry(slug="e-01")
    portal = load_portal(tree.root, probe=False)
    report = write_html_report(
        portal, tmp_path / "reports" / "r.html", "vi", tree.root, site_url="https://cuocthi.example.gov.vn/"
    )
    text = html_module.unescape(report.read_text(encoding="utf-8"))
    assert "Nhúng vào cổng thông tin điện tử" in text
    assert (
        '<iframe src="https://cuocthi.example.gov.vn/2025-thu-nghiem/nhung/" '
        'title="Tác phẩm dự thi – Cuộc thi thử nghiệm" loading="lazy"'
    ) in text
    assert 'src="https://cuocthi.example.gov.vn/2025-thu-nghiem/nhung/e-01/"' in text
    assert "padding-top:120%" in text  # the responsive wrapper
