"""Reports for the organizers: participation, JSON, and the private HTML report."""

from __future__ import annotations

import json

import pytest

from contest_portal.core.errors import CODES
from contest_portal.office.reports import json_report, participation, text_report, write_html_report
from contest_portal.pipeline import load_portal

from .conftest import MINIMAL_CONTEST, MINIMAL_ENTRY

PRIVATE = 'contacts:\n  - name: Nguyễn Văn 1\n    phone: "0912000111"\n    address: "Số 9 ngõ Bí Mật"\n'


@pytest.fixture
def portal(tree):
    tree.contest(text=MINIMAL_CONTEST.replace("max_entries: 2", "min_entries: 1, max_entries: 1"))
    tree.entry(slug="e-01", private=PRIVATE)
    tree.entry(slug="e-02", text=MINIMAL_ENTRY.format(n=2))
    return load_portal(tree.root)


def test_participation_marks_units_below_and_above(portal):
    rows = {r.unit_id: r for r in participation(portal.contests[0])}
    assert (rows["xa-a"].received, rows["xa-a"].valid, rows["xa-a"].status) == (2, 1, "above")
    assert (rows["xa-b"].received, rows["xa-b"].status) == (0, "below")


def test_a_unit_whose_only_entry_was_refused_is_below_its_minimum(tree):
    # UBND xã A: one entry, received late (TIM001: refused); UBND xã B: one entry on time
    tree.contest(text=MINIMAL_CONTEST.replace("max_entries: 2", "min_entries: 1, max_entries: 2"))
    tree.entry(slug="e-01", text=MINIMAL_ENTRY.format(n=1) + 'received: "2025-06-01 08:00"\n')
    tree.entry(
        slug="e-02",
        text=MINIMAL_ENTRY.format(n=2).replace("unit: xa-a", "unit: xa-b") + 'received: "2025-05-20 08:00"\n',
    )
    portal = load_portal(tree.root)
    rows = {r.unit_id: r for r in participation(portal.contests[0])}
    assert (rows["xa-a"].received, rows["xa-a"].valid, rows["xa-a"].refused, rows["xa-a"].status) == (1, 0, 1, "below")
    assert (rows["xa-b"].received, rows["xa-b"].valid, rows["xa-b"].refused, rows["xa-b"].status) == (1, 1, 0, "ok")
    below = [p for p in portal.contests[0].problems if p.code == "QUO003"]
    assert len(below) == 1 and below[0].message("vi") == (
        "Đơn vị 'UBND xã A' mới có 0 tác phẩm hợp lệ (đã nhận 1), chưa đạt mức tối thiểu 1"
    )
    text = text_report(portal, "vi", tree.root.parent)
    assert "Bị loại" in text


def test_text_report_groups_problems_and_lists_units(portal, tree):
    text = text_report(portal, "vi", tree.root.parent)
    assert "== 2025-thu-nghiem / e-02" in text and "QUO002" in text
    assert "UBND xã B" in text and "CHƯA ĐẠT tối thiểu" in text and "VƯỢT tối đa" in text
    assert "0912000111" not in text


def test_json_report_shape(portal, tree):
    report = json.loads(json.dumps(json_report(portal, "en", tree.root.parent)))
    assert report["version"] == 1
    assert report["summary"] == {"contests": 1, "entries": 2, "errors": 1, "warnings": 1}
    assert {p["code"] for p in report["problems"]} == {"QUO002", "QUO003"}
    units = report["participation"]["2025-thu-nghiem"]
    assert units[1] == {
        "unit": "xa-b",
        "name": "UBND xã B",
        "category": "UBND các xã",
        "received": 0,
        "valid": 0,
        "refused": 0,
        "set_aside": 0,
        "min": 1,
        "max": 1,
        "status": "below",
    }
    assert "0912000111" not in json.dumps(report)


def test_private_html_report_has_contacts_and_stays_out_of_the_site(portal, tree, tmp_path):
    forbidden = [tmp_path / "site", tree.root, tmp_path / "docs"]
    target = write_html_report(portal, tmp_path / "reports" / "r.html", "vi", tree.root.parent, forbidden=forbidden)
    html = target.read_text(encoding="utf-8")
    assert "0912000111" in html and "Số 9 ngõ Bí Mật" in html
    assert "QUO002" in html and "NỘI BỘ" in html and "noindex" in html
    for inside in (tmp_path / "site" / "r.html", tree.root / "r.html", tmp_path / "docs" / "x" / "r.html"):
        with pytest.raises(ValueError):
            write_html_report(portal, inside, "vi", tree.root.parent, forbidden=forbidden)


def test_html_report_escapes_text(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01", text=MINIMAL_ENTRY.format(n=1).replace("Tác phẩm số 1", "<script>alert(1)</script>"))
    portal = load_portal(tree.root)
    html = write_html_report(portal, tmp_path / "r.html", "en", tree.root.parent).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_every_code_has_both_languages_and_a_hint():
    for info in CODES.values():
        assert info.message["vi"] and info.message["en"] and info.hint["vi"] and info.hint["en"], info.code
