"""One Vietnamese name key for every comparison of names (issue 17, point 4): the old and new
placement of tone marks ("Thủy"/"Thuỷ", "Hòa"/"Hoà", "Ủy"/"Uỷ", "khỏe"/"khoẻ") are one name,
unit-type abbreviations are written out, diacritics still matter. A test per use."""

from __future__ import annotations

import yaml

from contest_portal.core.text import closest_name, normalize_name, unit_key
from contest_portal.formats.sheets import read_quiz
from contest_portal.formats.tables import write_csv
from contest_portal.pipeline import load_portal

from .conftest import MINIMAL_CONTEST
from .test_results import JUDGES, _contest, _make, _sheets, _winners
from .test_rules import _codes, _entry


def test_the_key_folds_tone_placement_case_spaces_and_form_but_not_diacritics():
    assert normalize_name("Nguyễn Thị Thủy") == normalize_name("nguyễn  thị THUỶ")
    assert normalize_name("Vĩnh Hòa") == normalize_name("Vĩnh Hoà")
    assert normalize_name("Ủy ban") == normalize_name("Uỷ ban") and normalize_name("khỏe") == normalize_name("khoẻ")
    assert normalize_name("Hòa") != normalize_name("Hoa")  # a tone is a letter of the name
    assert normalize_name("Hòa") != normalize_name("Hóa")  # and which tone it is
    assert normalize_name("Lê Văn Hùng") != normalize_name("Le Van Hung")


def test_unit_abbreviations_are_written_out_and_near_misses_offered():
    assert unit_key("UBND xã Hải An") == unit_key("Ủy ban nhân dân xã Hải An")
    assert unit_key("TT. Cam Lộ") == unit_key("TT Cam Lộ") == unit_key("Thị trấn Cam Lộ")
    assert unit_key("UBND xã Vĩnh Hoà") == unit_key("Uỷ ban nhân dân xã Vĩnh Hòa")
    assert unit_key("TTX Cam Lộ") != unit_key("Thị trấn X Cam Lộ")  # a word that starts with TT is no abbreviation
    assert (
        closest_name("UBND xã Hải Ann", ["Thị trấn Cam Lộ", "Ủy ban nhân dân xã Hải An"]) == "Ủy ban nhân dân xã Hải An"
    )
    assert closest_name("Sở Tư pháp", ["Thị trấn Cam Lộ"]) is None


PEOPLE = """\
organization:
  people:
    - {name: Nguyễn Thị Thủy, role: jury}
    - {name: Trần Văn Hòa, role: organizing_committee}
"""


def test_eligibility_the_juror_with_the_other_tone_placement_is_recognised(tree):
    tree.contest(text=MINIMAL_CONTEST + PEOPLE)
    tree.entry(slug="e-01", text=_entry("Nguyễn Thị Thuỷ"))
    tree.entry(slug="e-02", text=_entry("Trần Văn Hoà", unit="xa-b"))
    tree.entry(slug="e-03", text=_entry("Trần Văn Hoa", unit="xa-b"))  # another person: no tone
    portal = load_portal(tree.root)
    assert _codes(portal, "e-01") == ["ELG001"] and _codes(portal, "e-02") == ["ELG001"]
    assert _codes(portal, "e-03") == []


def test_author_quota_counts_one_author_however_the_tone_is_placed(tree):
    contest = MINIMAL_CONTEST.replace("entry_kinds: [video]", "entry_kinds: [video]\nquotas: {per_author_max: 1}")
    tree.contest(text=contest.replace("max_entries: 2", "max_entries: 5"))
    tree.entry(slug="e-01", text=_entry("Lê Thị Thuỷ", received="2025-05-03 08:00"))
    tree.entry(slug="e-02", text=_entry("Lê Thị Thủy", received="2025-05-02 08:00"))
    portal = load_portal(tree.root)
    assert _codes(portal, "e-01") == ["QUO001"] and _codes(portal, "e-02") == []


def test_a_judge_of_the_same_unit_written_the_other_way_is_a_conflict(tree):
    contest = _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=2)
    contest["units"][0]["name"] = "Ủy ban nhân dân xã Vĩnh Hòa"
    # gk-3's unit is typed with the abbreviation and the new tone placement
    contest["organization"]["people"] = [dict(j, unit="UBND xã Vĩnh Hoà") if j["id"] == "gk-3" else j for j in JUDGES]
    _make(tree, contest, 2)
    _sheets(tree, 2)
    portal = load_portal(tree.root, probe=False)
    conflicts = [p for p in portal.contests[0].problems if p.code == "JUR006"]
    assert [(p.values["judge"], p.values["entry"]) for p in conflicts] == [("Giám khảo Ba", "e-01")]


def test_quiz_participant_listed_twice_with_other_tone_placement_and_the_decision_names_them(tree):
    contest = _contest([{"id": "tn", "name": "Trắc nghiệm", "count": 1, "basis": "quiz"}], n_units=2)
    contest["results"]["decision"] = {"number": "1/QĐ", "winners": {"tn": ["Nguyễn Thị Thuỷ"]}}
    contest["units"].append({"id": "xa-vinh-hoa", "name": "UBND xã Vĩnh Hòa", "category": "xa"})
    _make(tree, contest, 2)
    (tree.root / "2025-thu" / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    _sheets(tree, 2)
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "trac-nghiem.csv",
        ["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"],
        [
            ["Nguyễn Thị Thủy", "UBND xã Vĩnh Hòa", 20, "2:35.9"],
            ["Nguyễn Thị Thuỷ", "UBND xã Vĩnh Hoà", 20, "2:35"],
            ["Lê Văn Khỏe", "UBND xã 2", 20, "2:36"],
        ],
    )
    portal = load_portal(tree.root, probe=False)
    problems = portal.contests[0].problems
    assert [(p.code, p.where.line) for p in problems if p.code == "RES010"] == [("RES010", 3)]
    assert not [p for p in problems if p.code in ("RES002", "JUR002")]
    assert _winners(portal) == {"tn": ["Nguyễn Thị Thủy – UBND xã Vĩnh Hòa"]}  # a participant is a name and a unit


def test_quiz_times_keep_their_tenths_so_there_is_no_false_tie(tree):
    _make(tree, _contest([{"id": "tn", "name": "Trắc nghiệm", "count": 1, "basis": "quiz"}], n_units=2), 2)
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"])
    workbook.active.append(["Lê A", "Xã 1", 20, "2:35.9"])
    workbook.active.append(["Lê B", "Xã 2", 20, 155.4 / 86400])  # a time cell: 00:02:35.4
    workbook.active["D3"].number_format = "mm:ss.0"
    (tree.root / "2025-thu" / "_ket-qua").mkdir()
    workbook.save(tree.root / "2025-thu" / "_ket-qua" / "trac-nghiem.xlsx")
    contest = load_portal(tree.root, probe=False).contests[0]
    rows, problems = read_quiz(contest)
    assert problems == [] and [(r.name, round(r.seconds, 1)) for r in rows] == [("Lê A", 155.9), ("Lê B", 155.4)]
