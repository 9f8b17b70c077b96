"""Personal data typed into public text, and files that are another entry's private.yml (issue 21, kind 3).

Phone numbers, e-mail addresses and citizen ID numbers in a description, a subtitle file, an
article, a news post or contest.yml are errors (PRV003) whose messages show the value masked;
the office's public contacts are allowed; a published file hard-linked to another entry's
private.yml is an error (PRV004). Dates, amounts and ids inside web addresses are not flagged.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from contest_portal.pipeline import load_portal
from contest_portal.rules.privacy import find_personal_data, mask_digits, private_identities

ROOT = Path(__file__).resolve().parent.parent

CONTEST = """\
year: 2025
title: Cuộc thi bài viết
organizer: {{name: UBND huyện Thử, email: vanphong@thu.gov.vn}}
entry_kinds: [article]
unit_categories: [{{id: xa, name: Xã}}]
units:
  - {{id: xa-1, name: UBND xã 1, category: xa}}
timeline:
  - {{kind: submission, start: 2025-05-01, end: "2025-05-31 17:00"}}
prizes:
  tiers:
    - {{id: nhat, name: Giải Nhất, count: 1, amount: "3.000.000 đ"}}
{extra}"""

ENTRY = """\
title: Bài viết {slug}
kind: article
article: bai.md
authors: [{{name: Tác giả {slug}}}]
unit: xa-1
consent: {{publication: true}}
{extra}"""


def _contest(root: Path, extra: str = "") -> Path:
    folder = root / "2025-thu"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "contest.yml").write_text(CONTEST.format(extra=extra), encoding="utf-8")
    return folder


def _entry(
    root: Path, slug: str, extra: str = "", article: str = "Nội dung bài viết.\n", private: str | None = None
) -> Path:
    folder = root / "2025-thu" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entry.yml").write_text(ENTRY.format(slug=slug, extra=extra), encoding="utf-8")
    (folder / "bai.md").write_text(article, encoding="utf-8")
    if private is not None:
        (folder / "private.yml").write_text(private, encoding="utf-8")
    return folder


def _problems(portal, code: str):
    return [p for p in portal.all_problems() if p.code == code]


# --- what the scan finds in a text ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, masked",
    [
        ("Liên hệ 0912 345 678", "mobile", "09xx xxx 678"),
        ("ĐT: 0912.345.678", "mobile", "09xx xxx 678"),
        ("gọi 091-234-5678 nhé", "mobile", "09xx xxx 678"),
        ("số 0387654321", "mobile", "03xx xxx 321"),
        ("+84 912 345 678", "mobile", "09xx xxx 678"),
        ("(+84) 868.123.456", "mobile", "08xx xxx 456"),
        ("84912345678", "mobile", "09xx xxx 678"),
        ("máy bàn 0233 3852 123", "landline", "02xx xxxx 123"),
        ("(0233) 3852 123", "landline", "02xx xxxx 123"),
        ("024 3825 1234", "landline", "02xx xxxx 234"),
        ("thư: Nguyen.Van.A@gmail.com.", "email", "n***@gmail.com"),
        ("CCCD 001090012345", "id_number", "xxx xxx xxx 345"),
        ("CMND số 183456789", "id_number", "xxx xxx 789"),
        # an old CMND of Hà Nội (01…): phone-shaped (0 and 8 digits) but no phone, so an ID number
        ("CMND 012345678 cấp tại Hà Nội", "id_number", "xxx xxx 678"),
    ],
)
def test_personal_data_is_found_and_masked(text, kind, masked):
    found = find_personal_data(text)
    assert [(item.kind, item.masked) for item in found] == [(kind, masked)]


@pytest.mark.parametrize(
    "text",
    [
        "Hạn nộp 2024-09-30 17:00, kết quả ngày 30/09/2024 hoặc 05.06.2024 17 giờ 30",
        "Giải Nhất 3.000.000 đồng, tổng 300.000.000 đ; 1.234.567.890 đ",
        "https://www.youtube.com/watch?v=0912345678 và https://youtu.be/0912345678",
        "https://www.facebook.com/100091234567890/videos/0912345678/ hoặc facebook.com/0912345678",
        "00:01:02.345 --> 00:01:05.000",
        "Quyết định số 2448/QĐ-UBND ngày 25/12/2023; Kế hoạch 45/KH-STP",
        "mã 0912345678901 (13 chữ số), năm 2024 có 366 ngày",
        "số 123456789012 (không phải CCCD: mã tỉnh 123 không có)",
    ],
)
def test_dates_amounts_and_web_addresses_are_not_personal_data(text):
    assert find_personal_data(text) == []


def test_masks_keep_only_the_first_two_and_last_three_digits():
    assert mask_digits("0912345678") == "09xx xxx 678"
    assert mask_digits("02333852123") == "02xx xxxx 123"
    assert mask_digits("001090012345") == "xxx xxx xxx 345"


# --- the stage on real folders -----------------------------------------------------------------


def test_phone_in_a_description_is_an_error_and_the_entry_is_not_published(tmp_path):
    _contest(tmp_path)
    _entry(tmp_path, "bv-01", extra="description: |\n  Bài viết về một cửa.\n  Liên hệ 0912 345 678\n")
    _entry(tmp_path, "bv-02")
    portal = load_portal(tmp_path, probe=False)
    [problem] = _problems(portal, "PRV003")
    assert problem.is_error
    assert (problem.where.entry, problem.where.field, problem.where.line) == ("bv-01", "description", 7)
    assert problem.message("vi") == (
        "Có số điện thoại di động (09xx xxx 678) trong nội dung công khai "
        "'description': dữ liệu cá nhân không được đăng lên cổng"
    )
    assert problem.message("en") == (
        "Found a mobile phone number (09xx xxx 678) in the public text "
        "'description': personal data may not be published"
    )
    for lang in ("vi", "en"):
        text = problem.format(lang)
        assert "345 678" not in text and "0912" not in text
    entries = {e.slug: e for e in portal.contests[0].entries}
    assert not entries["bv-01"].publishable and entries["bv-02"].publishable
    assert [e.slug for e in portal.contests[0].published_entries] == ["bv-02"]


def test_author_name_and_position_and_group_are_scanned(tmp_path):
    _contest(tmp_path)
    folder = _entry(tmp_path, "bv-01", extra="group: Nhóm A (nhom.a@yahoo.com)\n")
    text = (folder / "entry.yml").read_text(encoding="utf-8")
    (folder / "entry.yml").write_text(
        text.replace(
            "authors: [{name: Tác giả bv-01}]",
            "authors: [{name: Tác giả bv-01, position: 'Công chức, SĐT 0987 654 321'}]",
        ),
        encoding="utf-8",
    )
    portal = load_portal(tmp_path, probe=False)
    found = sorted((p.where.field, p.values["value"]) for p in _problems(portal, "PRV003"))
    assert found == [("authors[1].position", "09xx xxx 321"), ("group", "n***@yahoo.com")]


def test_email_in_a_subtitle_file_names_the_file_and_line(tmp_path):
    _contest(tmp_path)
    folder = _entry(tmp_path, "bv-01", extra="subtitles: [{file: phu-de.vtt}]\n")
    (folder / "phu-de.vtt").write_text(
        textwrap.dedent("""\
        WEBVTT

        00:00:01.000 --> 00:00:04.000
        Xin chào các bạn

        00:00:04.000 --> 00:00:08.000
        Góp ý xin gửi về lan.nguyen@gmail.com
        """),
        encoding="utf-8",
    )
    portal = load_portal(tmp_path, probe=False)
    [problem] = _problems(portal, "PRV003")
    assert (problem.where.file.name, problem.where.line, problem.where.entry) == ("phu-de.vtt", 7, "bv-01")
    assert problem.values["value"] == "l***@gmail.com" and "lan.nguyen" not in problem.format("en")


def test_citizen_id_in_an_article(tmp_path):
    _contest(tmp_path)
    _entry(tmp_path, "bv-01", article="# Bài viết\n\nTôi tên A.\nSố CCCD của tôi: 045190012345.\n")
    portal = load_portal(tmp_path, probe=False)
    [problem] = _problems(portal, "PRV003")
    assert (problem.where.file.name, problem.where.line) == ("bai.md", 4)
    assert problem.values["value"] == "xxx xxx xxx 345"
    assert "045190012345" not in problem.format("vi")


def test_public_contacts_and_the_offices_email_are_allowed(tmp_path):
    _contest(
        tmp_path,
        extra='public_contacts: ["0233 3852 123", "duongdaynong@thu.gov.vn"]\n'
        "contact: Đường dây nóng 0233.3852.123, thư vanphong@thu.gov.vn\n",
    )
    _entry(tmp_path, "bv-01", extra="description: Góp ý gửi duongdaynong@thu.gov.vn hoặc gọi (0233) 3852 123\n")
    portal = load_portal(tmp_path, probe=False)
    assert _problems(portal, "PRV003") == []


def test_a_phone_in_contest_yml_stops_the_contest(tmp_path):
    _contest(tmp_path, extra="contact: 'Liên hệ đồng chí Lan: 0905 123 456'\n")
    _entry(tmp_path, "bv-01")
    portal = load_portal(tmp_path, probe=False)
    [problem] = _problems(portal, "PRV003")
    assert problem in portal.contests[0].problems and problem.where.field == "contact"
    assert problem.values["value"] == "09xx xxx 456" and problem.where.line == 13


def test_a_phone_in_a_news_post(tmp_path):
    folder = _contest(tmp_path)
    _entry(tmp_path, "bv-01")
    (folder / "_tin-tuc").mkdir()
    (folder / "_tin-tuc" / "phat-dong.md").write_text(
        "---\ntitle: Phát động cuộc thi\ndate: 2025-04-01\n---\nNội dung.\n\nHỏi đáp: 0977 111 222\n", encoding="utf-8"
    )
    portal = load_portal(tmp_path, probe=False)
    [problem] = _problems(portal, "PRV003")
    assert (problem.where.file.name, problem.where.field, problem.where.line) == ("phat-dong.md", "body", 7)
    assert problem in portal.contests[0].problems


def test_the_sample_portal_has_no_personal_data_in_public_text():
    portal = load_portal(ROOT / "entries", probe=False)
    assert _problems(portal, "PRV003") == [] and _problems(portal, "PRV004") == []


# --- files hard-linked to another entry's private.yml -------------------------------------------

PRIVATE = "contacts:\n  - {name: Tác giả, phone: '0912345678', id_number: '001090012345'}\n"


def test_a_subtitle_hard_linked_to_another_entrys_private_yml(tmp_path):
    _contest(tmp_path)
    first = _entry(tmp_path, "bv-01", private=PRIVATE)
    second = _entry(tmp_path, "bv-02", extra="subtitles: [{file: phu-de.vtt}]\n")
    os.link(first / "private.yml", second / "phu-de.vtt")
    portal = load_portal(tmp_path, probe=False)
    [problem] = _problems(portal, "PRV004")
    assert problem.is_error and problem.where.entry == "bv-02" and problem.where.field == "subtitles[1].file"
    assert problem.values == {"path": "phu-de.vtt", "private": "2025-thu/bv-01/private.yml"}
    entries = {e.slug: e for e in portal.contests[0].entries}
    assert not entries["bv-02"].publishable and entries["bv-01"].publishable
    for lang in ("vi", "en"):  # the message names the files, never what private.yml holds
        assert "0912" not in problem.format(lang) and "345" not in problem.format(lang)
    # the content scan of the linked file does not repeat the numbers either
    assert all("0912345678" not in p.format("vi") for p in portal.all_problems())
    # nor scans it at all: PRV004 says what is wrong, a PRV003 per line would half-quote private.yml
    assert [p for p in _problems(portal, "PRV003") if p.where.file and p.where.file.name == "phu-de.vtt"] == []


def test_an_article_hard_linked_to_a_private_yml_in_another_contest(tmp_path):
    _contest(tmp_path)
    other = tmp_path / "2024-cu" / "a-01"
    other.mkdir(parents=True)
    (other / "private.yml").write_text(PRIVATE, encoding="utf-8")
    folder = _entry(tmp_path, "bv-01")
    (folder / "bai.md").unlink()
    os.link(other / "private.yml", folder / "bai.md")
    identities = private_identities(tmp_path)
    assert (os.stat(folder / "bai.md").st_dev, os.stat(folder / "bai.md").st_ino) in identities
    portal = load_portal(tmp_path, probe=False)
    [problem] = _problems(portal, "PRV004")
    assert problem.where.field == "article" and problem.values["private"] == "2024-cu/a-01/private.yml"


def test_a_mobile_number_that_lost_its_leading_zero_is_named_a_phone_not_a_cccd():
    """A user trial: a register's title cell holding 912345678 (a number cell drops the 0) was
    reported as a CMND/CCCD number."""
    assert [(f.kind, f.masked) for f in find_personal_data("Liên hệ 912345678")] == [("mobile", "xxx xxx 678")]
    assert [f.kind for f in find_personal_data("Số 345678901")] == ["mobile_or_id"]  # 03… mobile or a CMND of 3x
    assert [f.kind for f in find_personal_data("CMND 123456789")] == ["id_number"]
