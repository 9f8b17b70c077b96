"""What a tester found drafting a province department's plan with `new-contest --from-plan` (issue 29's
follow-up): the Lạng Sơn plan of tests/plans/lang-son-2025.txt (Sở Nội vụ under UBND tỉnh, a quiz and
a video part, a jury listed by name, "độ phân giải tối thiểu", "trước 17h00"). Each expected value is
typed here from the plan, not produced by the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from contest_portal.pipeline import load_portal

from .test_plan import PLANS, draft_from

LANG_SON = PLANS / "lang-son-2025.txt"


def test_a_department_under_the_province_is_the_organizer_and_the_province_its_parent(tmp_path, capsys):
    """ "UBND TỈNH LẠNG SƠN" / "SỞ NỘI VỤ": the issuer is the second line, cased as the plan writes it."""
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
        ("Kế hoạch", "27/KH-UBND", "2025-01-15", "UBND tỉnh Lạng Sơn"),
    ]


def test_a_minimum_resolution_is_a_question_never_an_exact_size(tmp_path, capsys):
    """ "độ phân giải tối thiểu 1920 x 1080 pixels": a 2560x1440 entry meets the plan, so no list of
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
        "2025-09-15",
        "2025-10-30 17:00",
        True,
    )
    assert [m["kind"] for m in data["timeline"]].count("submission") == 1


def test_the_listed_jury_is_drafted_with_positions_and_the_invited_member(tmp_path, capsys):
    _, data, out, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert data["organization"]["people"] == [
        {"name": "Hoàng Văn Minh", "role": "jury", "position": "Trưởng ban", "unit": "Phó Giám đốc Sở Nội vụ"},
        {
            "name": "Nông Thị Lan",
            "role": "jury",
            "position": "Phó Trưởng ban",
            "unit": "Trưởng phòng Cải cách hành chính, Sở Nội vụ",
        },
        {
            "name": "Lương Đức Hải",
            "role": "jury",
            "position": "Thành viên",
            "unit": "Phó Giám đốc Đài Phát thanh và Truyền hình tỉnh (mời tham gia)",
        },
    ]
    assert "Ông Lương Đức Hải" not in out  # not among the unused lines


def test_each_unit_has_at_least_two_entries_in_both_listed_groups(tmp_path, capsys):
    """ "03 sở (…); 03 huyện (…). Mỗi đơn vị có ít nhất 02 tác phẩm dự thi": every group listed in
    that paragraph, not a question."""
    _, data, _, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert data["unit_categories"] == [
        {"id": "so", "name": "Sở", "min_entries": 2},
        {"id": "huyen", "name": "Huyện", "min_entries": 2},
    ]
    assert [u["name"] for u in data["units"]] == [
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Y tế",
        "UBND huyện Cao Lộc",
        "UBND huyện Lộc Bình",
        "UBND huyện Văn Lãng",
    ]


def test_bases_on_lines_that_start_with_the_next_document_are_all_drafted(tmp_path, capsys):
    """The Bắc Kạn basis as its PDF's lines have it: the third document starts a line of its own
    after a ";" ("Kế hoạch số 19/KH-STP …"), read as a paragraph of its own."""
    plan = tmp_path / "can-cu.txt"
    plan.write_text(
        Path(PLANS / "bac-kan-2024.txt")
        .read_text(encoding="utf-8")
        .replace("năm 2024; Kế hoạch số 19/KH-STP ngày", "năm 2024;\nKế hoạch số 19/KH-STP ngày"),
        encoding="utf-8",
    )
    assert "\nKế hoạch số 19/KH-STP" in plan.read_text(encoding="utf-8")
    _, data, _, _ = draft_from(tmp_path, capsys, plan)
    assert [b["number"] for b in data["legal_basis"]] == ["2448/QĐ-UBND", "03/KH-STP", "19/KH-STP", "45/KH-STP"]


@pytest.mark.parametrize("plan", sorted(p.name for p in PLANS.iterdir()))
def test_every_test_plan_drafts_a_contest_that_loads_with_only_its_questions_left(tmp_path, capsys, plan):
    """Invariant over the test plans: the draft's only problems are the placeholders left for the
    clerk (CON016), never a rule the plan does not state that breaks the contest (CON008: two
    submission windows from a sentence split in two)."""
    status, _, _, _ = draft_from(tmp_path, capsys, PLANS / plan)
    assert status == 0
    problems = load_portal(tmp_path / "entries", probe=False).all_problems()
    # (QUO003: a unit's minimum not reached yet, said of every contest before its entries arrive)
    assert [p.code for p in problems if p.code not in ("CON016", "QUO003")] == [], [p.message("en") for p in problems]


def test_a_word_paragraph_split_mid_sentence_is_one_step_of_the_timeline(tmp_path, capsys):
    """The Vĩnh Linh plan as Word, with Enter typed inside "… Ban tổ chức sẽ duyệt nội" / "dung, hình
    thức …": the voting step stays one step, the contest has one submission window and loads."""
    text = (PLANS / "vinh-linh-2024.md").read_text(encoding="utf-8")
    document = docx.Document()
    for paragraph in re.sub(r"[*#]", "", text).splitlines():
        if paragraph.strip():  # one paragraph per line: the plan's line 89 ends "sẽ duyệt nội"
            document.add_paragraph(paragraph.strip())
    plan = tmp_path / "ke-hoach.docx"
    document.save(plan)
    assert any(p.text.endswith("sẽ duyệt nội") for p in docx.Document(plan).paragraphs)
    status, data, _, _ = draft_from(tmp_path, capsys, plan, "--organizer", "Ủy ban nhân dân huyện Vĩnh Linh")
    assert status == 0
    assert [m["kind"] for m in data["timeline"]].count("submission") == 1
    voting = next(m for m in data["timeline"] if m["kind"] == "voting")
    assert voting["note"].startswith(
        "Sau khi hết thời hạn tiếp nhận bài dự thi, Ban tổ chức sẽ duyệt nội dung, hình thức"
    )
    problems = load_portal(tmp_path / "entries", probe=False).all_problems()
    assert [p.code for p in problems if p.code != "QUO003"] == []


def lang_son_docx(path: Path) -> Path:
    """The Lạng Sơn plan as the office types it in Word: the 2×2 header table (issuer | motto, number |
    place and date) and the video prizes as a table (Giải | Số lượng | Mức thưởng)."""
    lines = LANG_SON.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text, header.cell(0, 1).text = "\n".join(lines[0:2]), "\n".join(lines[2:4])
    header.cell(1, 0).text, header.cell(1, 1).text = lines[4], lines[5]
    body = lines[6:]
    first, last = body.index("1. Phần thi video"), body.index("2. Phần thi trắc nghiệm")
    for line in body[: first + 1] + body[last:]:  # the video prizes' lines are the table below
        document.add_paragraph(line)
    table = document.add_table(rows=5, cols=3)
    for row, cells in zip(
        table.rows,
        [
            ("Giải", "Số lượng", "Mức thưởng"),
            ("Giải Nhất", "01", "5.000.000đ"),
            ("Giải Nhì", "02", "3.000.000đ/giải"),
            ("Giải Ba", "03", "2.000.000đ/giải"),
            ("Giải Khuyến khích", "05", "1.000.000đ/giải"),
        ],
    ):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    heading = next(p for p in document.paragraphs if p.text == "1. Phần thi video")
    heading._p.addnext(table._tbl)  # under its heading, where the office put it
    document.save(str(path))
    return path


def test_a_word_plan_keeps_both_cells_of_both_header_rows_and_reads_its_prize_table(tmp_path, capsys):
    status, data, out, _ = draft_from(tmp_path, capsys, lang_son_docx(tmp_path / "ke-hoach.docx"))
    assert status == 0
    document = data["document"]
    assert (document["number"], str(document["date"]), document["place"], document["issuer"]) == (
        "412/KH-SNV",
        "2025-09-05",
        "Lạng Sơn",
        "Sở Nội vụ",
    )
    assert [(t["name"], t["count"], t["amount"], t.get("part")) for t in data["prizes"]["tiers"]] == [
        ("Giải Nhất", 1, 5_000_000, "video"),
        ("Giải Nhì", 2, 3_000_000, "video"),
        ("Giải Ba", 3, 2_000_000, "video"),
        ("Giải Khuyến khích", 5, 1_000_000, "video"),
        ("Giải cho cá nhân trả lời đúng nhiều nhất", 1, 1_500_000, "trac-nghiem"),
        ("Giải tập thể cho đơn vị có số người tham gia đông nhất", 1, 3_000_000, "trac-nghiem"),
    ]
    assert [(t.get("recipient"), t.get("basis")) for t in data["prizes"]["tiers"][4:]] == [
        ("individual", "quiz"),
        ("collective", "quiz"),
    ]
    assert "Cần điền (" not in out  # the prizes are stated: nothing left to fill
    assert "Mức thưởng" not in out and "giải cho cá nhân" not in out  # no line of the prizes left unused


def test_the_quiz_part_and_its_window_are_drafted(tmp_path, capsys):
    _, data, _, _ = draft_from(tmp_path, capsys, LANG_SON)
    assert data["parts"] == [
        {
            "id": "trac-nghiem",
            "name": "Phần thi trắc nghiệm",
            "kind": "quiz",
            "start": "2025-10-01 08:00",
            "end": "2025-10-15 17:00",
        },
        {"id": "video", "name": "Phần thi video", "kind": "entries"},
    ]


def test_a_newer_plan_replaces_only_the_values_whose_sentence_changed_and_says_old_and_new(tmp_path, capsys):
    """The signed version moves the deadline (30/10 → 05/11) and raises the first prize (5 → 6 million):
    those two are redrafted and the report says old → new; the clerk's capitalised "Giải Nhì", the
    note added to the launch and the quoted dates stay as the clerk has them."""
    draft_from(tmp_path, capsys, LANG_SON)
    path = next((tmp_path / "entries").glob("*/contest.yml"))
    text = path.read_text(encoding="utf-8").replace("name: giải Nhì", "name: Giải Nhì")
    text = re.sub(r'(?m)^(    date: "2025-09-15"\n)', r"\1    note: Phát động tại Hội trường Sở\n", text)
    path.write_text(text, encoding="utf-8")
    newer = tmp_path / "ke-hoach-v2.txt"
    newer.write_text(
        LANG_SON.read_text(encoding="utf-8")
        .replace("trước 17h00 ngày 30/10/2025", "trước 17h00 ngày 05/11/2025")
        .replace("01 giải Nhất: 5.000.000đ", "01 giải Nhất: 6.000.000đ"),
        encoding="utf-8",
    )
    status, _, out, _ = draft_from(tmp_path, capsys, newer, "--contest", path.parent.name)
    assert status == 0
    refreshed = path.read_text(encoding="utf-8")
    data = yaml.safe_load(refreshed)
    tiers = {t["id"]: (t["name"], t["amount"]) for t in data["prizes"]["tiers"]}
    assert tiers["giai-nhat"] == ("giải Nhất", 6_000_000) and tiers["giai-nhi"] == ("Giải Nhì", 3_000_000)
    launch = next(m for m in data["timeline"] if m["kind"] == "launch")
    assert launch["note"] == "Phát động tại Hội trường Sở"
    submission = next(m for m in data["timeline"] if m["kind"] == "submission")
    assert (submission["end"], submission["end_excluded"]) == ("2025-11-05 17:00", True)
    assert 'date: "2025-11"' in refreshed and 'start: "2025-10-01 08:00"' in refreshed  # quotes kept
    updated = out.split("Cập nhật theo văn bản mới:")[1].splitlines()[0]
    assert "end 2025-10-30 17:00 → 2025-11-05 17:00" in updated
    assert "giai-nhat: amount 5000000 → 6000000" in updated
    assert "Giữ bản sửa tay: timeline[Phát động cuộc thi], prizes.tiers[giai-nhi]" in out


def test_a_text_pdf_keeps_the_quiz_prize_line_apart_from_the_next_sentence(tmp_path, capsys):
    """The Lạng Sơn plan as a text PDF whose long lines wrap: "- 01 giải tập thể …: 3.000.000đ" ends
    without a full stop and "Mỗi tác phẩm chỉ được nhận 01 giải." starts the next line: two
    paragraphs, the tier and the rule each drafted from its own sentence."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in LANG_SON.read_text(encoding="utf-8").splitlines():
        pdf.multi_cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "ke-hoach.pdf"))
    status, data, out, _ = draft_from(tmp_path, capsys, tmp_path / "ke-hoach.pdf")
    assert status == 0
    tiers = data["prizes"]["tiers"]
    assert [(t["name"], t["amount"]) for t in tiers[4:]] == [
        ("Giải cho cá nhân trả lời đúng nhiều nhất", 1_500_000),
        ("Giải tập thể cho đơn vị có số người tham gia đông nhất", 3_000_000),
    ]
    text = next((tmp_path / "entries").glob("*/contest.yml")).read_text(encoding="utf-8")
    assert re.search(
        r'(?m)^  one_prize_per_entry: true  # Kế hoạch, mục IV.2: "Mỗi tác phẩm chỉ được nhận 01 giải."$', text
    )
    assert "đoạn" not in out.split("chưa dùng")[1].split("Sở Nội vụ xây dựng")[1].split("Đối chiếu")[0]


def test_section_numbers_ocr_misread_are_numbered_as_printed():
    """ "1. MỤC ĐÍCH" (I. read as 1.) and "1I. THỜI GIAN" (III. read as 1I.) in a photo of the plan:
    the section headings are I., II., III. in their order; a sub-heading "1. Mục đích" is not one."""
    from contest_portal.plan.read_document import PlanLine, roman_headings

    read = [
        "1. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "II. ĐỐI TƯỢNG",
        "1I. THỜI GIAN",
        "- Chấm thi: tháng 11/2025.",
        "lV. CƠ CẤU GIẢI THƯỞNG",
    ]
    lines = roman_headings([PlanLine(text, number) for number, text in enumerate(read, start=1)])
    assert [line.text for line in lines] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "II. ĐỐI TƯỢNG",
        "III. THỜI GIAN",
        "- Chấm thi: tháng 11/2025.",
        "IV. CƠ CẤU GIẢI THƯỞNG",
    ]
    # an upper-case sub-heading numbered "1." later in the plan is left as printed
    later = roman_headings([PlanLine("I. MỤC ĐÍCH", 1), PlanLine("1. MỤC ĐÍCH CỤ THỂ", 2)])
    assert [line.text for line in later] == ["I. MỤC ĐÍCH", "1. MỤC ĐÍCH CỤ THỂ"]


def test_the_drafted_plan_builds_a_rules_page_with_its_jury_and_every_prize_in_the_total(tmp_path, capsys):
    """The Lạng Sơn draft as the public rules page shows it: the jury by name (not "sẽ được công bố
    theo quyết định thành lập"), the quiz prizes in the total, 5 + 6 + 6 + 5 + 1,5 + 3 = 26,5
    million đồng, and no basis or recipient the plan does not state on the video tiers."""
    import build as cli

    draft_from(tmp_path, capsys, LANG_SON)
    assert cli.main(["build", "-f", str(tmp_path / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")]) == 0
    page = next((tmp_path / "site").glob("*/the-le/index.html")).read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Tổng cộng (13 giải) 26.500.000 đ" in text
    assert "giải Nhất 01 5.000.000 đ 5.000.000 đ giải Nhì" in text  # (as the plan writes it) no column it does not fill
    assert "Giải tập thể cho đơn vị có số người tham gia đông nhất 01 3.000.000 đ Thi trắc nghiệm Tập thể" in text
    assert (
        "Lương Đức Hải Ban Giám khảo – Thành viên Phó Giám đốc Đài Phát thanh và Truyền hình tỉnh (mời tham gia)"
        in text
    )
    assert "sẽ được công bố theo quyết định thành lập" not in text
    assert "Ubnd" not in text and "Sở Nội Vụ" not in text


def test_an_answered_question_whose_sentence_did_not_change_stays_answered(tmp_path, capsys):
    """ "Mỗi đơn vị có ít nhất 02 tác phẩm dự thi" without the list of units is a question; the clerk
    answers it; the signed version changes only the deadline: the answer stays, and is reported kept."""
    plan = LANG_SON.read_text(encoding="utf-8")
    start = plan.index("Cuộc thi có 06 đơn vị")
    plan = plan[:start] + "Mỗi đơn vị có ít nhất 02 tác phẩm dự thi." + plan[plan.index("\n", start) :]
    first = tmp_path / "ke-hoach.txt"
    first.write_text(plan, encoding="utf-8")
    draft_from(tmp_path, capsys, first)
    path = next((tmp_path / "entries").glob("*/contest.yml"))
    text = path.read_text(encoding="utf-8")
    assert "  - id: dien-nhom\n    name: 'Điền nhóm đơn vị" in text
    text = re.sub(
        r"(?m)^  - id: dien-nhom\n    name: 'Điền nhóm đơn vị.*$",
        "  - id: so-nganh\n    name: Sở, ngành\n    min_entries: 2",
        text,
    )
    path.write_text(text, encoding="utf-8")
    newer = tmp_path / "ke-hoach-v2.txt"
    newer.write_text(plan.replace("ngày 30/10/2025", "ngày 05/11/2025"), encoding="utf-8")
    status, _, out, _ = draft_from(tmp_path, capsys, newer, "--contest", path.parent.name)
    assert status == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["unit_categories"] == [{"id": "so-nganh", "name": "Sở, ngành", "min_entries": 2}]
    assert "unit_categories" in out.split("Giữ bản sửa tay:")[1].splitlines()[0]
    assert "unit_categories" not in out.split("Cập nhật theo văn bản mới:")[1].splitlines()[0]
