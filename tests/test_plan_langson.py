"""What a tester found drafting a province department's plan with `new-contest --from-plan` (issue 29's
follow-up): the Lạng Sơn plan of tests/plans/lang-son-2025.txt (Sở Nội vụ under UBND tỉnh, a quiz and
a video part, a jury listed by name, "độ phân giải tối thiểu", "trước 17h00"). Each expected value is
typed here from the plan, not produced by the code.
"""

from __future__ import annotations

from pathlib import Path

from .test_plan import PLANS, draft_from

LANG_SON = PLANS / "lang-son-2025.txt"


def test_a_department_under_the_province_is_the_organizer_and_the_province_its_parent(tmp_path, capsys):
    """"UBND TỈNH LẠNG SƠN" / "SỞ NỘI VỤ": the issuer is the second line, cased as the plan writes it."""
    status, data, _, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert status == 0
    assert data["organizer"] == {"name": "Sở Nội vụ", "parent": "Ủy ban nhân dân tỉnh Lạng Sơn"}
    assert data["document"]["issuer"] == "Sở Nội vụ"
    assert data["document"]["number"] == "412/KH-SNV"
    assert str(data["document"]["date"]) == "2025-09-05"


def test_both_bases_each_in_its_own_paragraph_are_drafted(tmp_path, capsys):
    _, data, _, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert [(b["kind"], b["number"], str(b["date"]), b["issuer"]) for b in data["legal_basis"]] == [
        ("Quyết định", "1857/QĐ-UBND", "2024-12-20", "UBND tỉnh Lạng Sơn"),
        ("Kế hoạch", "27/KH-UBND", "2025-01-15", "UBND tỉnh Lạng Sơn")]


def test_a_minimum_resolution_is_a_question_never_an_exact_size(tmp_path, capsys):
    """"độ phân giải tối thiểu 1920 x 1080 pixels": a 2560x1440 entry meets the plan, so no list of
    exact sizes is drafted (it would refuse it); the durations "từ 03 phút đến 05 phút" are."""
    _, data, out, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert "resolutions" not in data["video_rules"]
    assert data["video_rules"] == {"containers": ["mp4"], "min_duration": "3 phút", "max_duration": "5 phút"}
    assert "video_rules.resolutions" in out.split("Câu hỏi")[1].splitlines()[0]
    text = next((tmp_path / "entries").glob("*/contest.yml")).read_text(encoding="utf-8")
    assert "Văn bản chỉ nêu độ phân giải tối thiểu" in text


def test_a_deadline_before_five_pm_excludes_five_pm(tmp_path, capsys):
    _, data, _, _ = draft_from(tmp_path, capsys, LANG_SON)
    submission = next(m for m in data["timeline"] if m["kind"] == "submission")
    assert (str(submission["start"]), submission["end"], submission.get("end_excluded")) == (
        "2025-09-15", "2025-10-30 17:00", True)
    assert [m["kind"] for m in data["timeline"]].count("submission") == 1


def test_the_listed_jury_is_drafted_with_positions_and_the_invited_member(tmp_path, capsys):
    _, data, out, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert data["organization"]["people"] == [
        {"name": "Hoàng Văn Minh", "role": "jury", "position": "Trưởng ban", "unit": "Phó Giám đốc Sở Nội vụ"},
        {"name": "Nông Thị Lan", "role": "jury", "position": "Phó Trưởng ban",
         "unit": "Trưởng phòng Cải cách hành chính, Sở Nội vụ"},
        {"name": "Lương Đức Hải", "role": "jury", "position": "Thành viên",
         "unit": "Phó Giám đốc Đài Phát thanh và Truyền hình tỉnh (mời tham gia)"}]
    assert "Ông Lương Đức Hải" not in out  # not among the unused lines


def test_each_unit_has_at_least_two_entries_in_both_listed_groups(tmp_path, capsys):
    """"03 sở (…); 03 huyện (…). Mỗi đơn vị có ít nhất 02 tác phẩm dự thi": every group listed in
    that paragraph, not a question."""
    _, data, _, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert data["unit_categories"] == [{"id": "so", "name": "Sở", "min_entries": 2},
                                       {"id": "huyen", "name": "Huyện", "min_entries": 2}]
    assert [u["name"] for u in data["units"]] == ["Sở Tư pháp", "Sở Tài chính", "Sở Y tế", "UBND huyện Cao Lộc",
                                                  "UBND huyện Lộc Bình", "UBND huyện Văn Lãng"]


def test_bases_on_lines_that_start_with_the_next_document_are_all_drafted(tmp_path, capsys):
    """The Bắc Kạn basis as its PDF's lines have it: the third document starts a line of its own
    after a ";" ("Kế hoạch số 19/KH-STP …"), read as a paragraph of its own."""
    plan = tmp_path / "can-cu.txt"
    plan.write_text(Path(PLANS / "bac-kan-2024.txt").read_text(encoding="utf-8").replace(
        "năm 2024; Kế hoạch số 19/KH-STP ngày", "năm 2024;\nKế hoạch số 19/KH-STP ngày"), encoding="utf-8")
    assert "\nKế hoạch số 19/KH-STP" in plan.read_text(encoding="utf-8")
    _, data, _, _ = draft_from(tmp_path, capsys, plan)
    assert [b["number"] for b in data["legal_basis"]] == ["2448/QĐ-UBND", "03/KH-STP", "19/KH-STP", "45/KH-STP"]
