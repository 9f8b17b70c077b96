"""Markdown from contest files becomes HTML with nothing that could run in the visitor's browser."""

from __future__ import annotations

import pytest

from contest_portal.site.markup import markdown_html, rebase_links, resolve_relative


@pytest.mark.parametrize(
    "text, gone",
    [
        ("Xin chào\n\n<script>alert(1)</script>\n", "<script"),
        ("Xin chào <SCRIPT SRC=https://evil.example/x.js></SCRIPT>", "script"),
        ("[Bấm vào đây](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ('<p onclick="alert(1)">đoạn</p>', "onclick"),
        ('<iframe src="https://evil.example/"></iframe>', "iframe"),
        ("<style>body{display:none}</style>", "display:none"),
        ("[ảnh](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data:"),
    ],
)
def test_nothing_that_runs_survives(text, gone):
    html = markdown_html(text)
    assert gone not in html.lower()


def test_ordinary_formatting_is_kept():
    html = markdown_html("**Đậm** và *nghiêng*\n\n- một\n- hai\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    assert "<strong>Đậm</strong>" in html and "<em>nghiêng</em>" in html
    assert "<li>một</li>" in html and "<li>hai</li>" in html
    assert "<td>1</td>" in html and "<th>A</th>" in html


def test_links_keep_their_address_and_get_noopener():
    html = markdown_html("Xem [thể lệ](https://ubnd.example.gov.vn/the-le) hoặc gọi [02333](tel:02333)")
    assert '<a href="https://ubnd.example.gov.vn/the-le" rel="noopener noreferrer">thể lệ</a>' in html
    assert 'href="tel:02333"' in html


def test_inline_drops_only_a_single_wrapping_paragraph():
    assert markdown_html("**Giải** Nhất", inline=True) == "<strong>Giải</strong> Nhất"
    assert markdown_html("Một\n\nHai", inline=True) == "<p>Một</p>\n<p>Hai</p>"
    assert markdown_html("") == "" and markdown_html(None) == ""


def test_headings_are_demoted_out_of_the_page_outline():
    # h1/h2 belong to the page itself: a contest text may not add its own
    html = markdown_html("# Tiêu đề lớn\n\n### Mục nhỏ\n")
    assert "<h1" not in html and "<h3>Mục nhỏ</h3>" in html


@pytest.mark.parametrize(
    "href, base, expected",
    [
        ("../bai-du-thi/", "2024-vinh-linh/tin-tuc/phat-dong/", ("2024-vinh-linh/tin-tuc/bai-du-thi/", "")),
        ("../../the-le/#giai-thuong", "2024-vinh-linh/tin-tuc/", ("the-le/", "giai-thuong")),
        ("anh.jpg", "2024-vinh-linh/", ("2024-vinh-linh/anh.jpg", "")),
        ("../../../ngoai/", "2024-vinh-linh/tin-tuc/", None),  # leaves the site
    ],
)
def test_resolve_relative(href, base, expected):
    assert resolve_relative(href, base) == expected


def test_rebase_links_changes_only_relative_links():
    html = (
        '<a href="../bai-du-thi/">bài</a> <a href="https://example.vn/x">ngoài</a> '
        '<a href="#muc">mục</a> <a href="../../../ra-ngoai/">xa</a>'
    )
    rebased = rebase_links(html, "2024-vinh-linh/tin-tuc/", lambda path: "/cong/" + path)
    assert rebased == (
        '<a href="/cong/2024-vinh-linh/bai-du-thi/">bài</a> <a href="https://example.vn/x">ngoài</a> '
        '<a href="#muc">mục</a> <a href="../../../ra-ngoai/">xa</a>'
    )
