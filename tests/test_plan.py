"""`new-contest --from-plan`: contest.yml drafted from the office's own plan document.

The two real plans of tests/plans/ (Sở Tư pháp Bắc Kạn 2024, as its PDF's text reads with hard
line breaks; UBND huyện Vĩnh Linh 2024, as Markdown) are made into the files offices have — the
text itself, a .docx with its header table, a text PDF with a running header and page numbers —
and each draft is compared field by field with the values written here by hand from the plan.
Scans and photos (OCR) are in test_plan_ocr.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import build as cli
from contest_portal.pipeline import load_portal

from .conftest import tree_digest, write_mkdocs_yml

PLANS = Path(__file__).parent / "plans"
BAC_KAN = (PLANS / "bac-kan-2024.txt").read_text(encoding="utf-8")
VINH_LINH = (PLANS / "vinh-linh-2024.md").read_text(encoding="utf-8")


def draft_from(tmp_path: Path, capsys, plan: Path, *extra: str) -> tuple[int, dict[str, Any], str, str]:
    """Run new-contest --from-plan; (exit status, the drafted contest.yml as data, stdout, stderr).
    The data is ``{}`` when the command failed or drafted nothing."""
    config = tmp_path / "mkdocs.yml"
    if not config.exists():
        write_mkdocs_yml(tmp_path)
        (tmp_path / "entries").mkdir(exist_ok=True)
    capsys.readouterr()
    status = cli.main(["new-contest", "-f", str(config), "--from-plan", str(plan), *extra])
    out = capsys.readouterr()
    written = sorted((tmp_path / "entries").glob("*/contest.yml"))
    data = yaml.safe_load(written[-1].read_text(encoding="utf-8")) if written and status == 0 else {}
    return status, data, out.out, out.err


def draft_text(tmp_path: Path, capsys, text: str, organizer: str) -> tuple[int, dict[str, Any], str]:
    """A plan typed into a .txt file, drafted with ``--organizer``: (exit status, contest.yml's data, stdout)."""
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(text, encoding="utf-8")
    status, data, out, _ = draft_from(tmp_path, capsys, plan, "--organizer", organizer)
    return status, data, out


# --- what a human reads in each plan (typed from the documents, not produced by the code) -----


def check_bac_kan(data: dict) -> None:
    assert data["year"] == 2024
    assert data["title"] == "Thiết kế Video tuyên truyền cải cách hành chính, chuyển đổi số Ngành Tư pháp năm 2024"
    assert data["organizer"]["name"] == "Sở Tư pháp"
    assert data["entry_kinds"] == ["video"]
    document = data["document"]
    assert document["kind"] == "Kế hoạch"
    assert "number" not in document  # the plan has no "Số:" line: nothing is made up
    assert document["signatory"] == {"title": "Giám đốc", "name": "Hà Thị Đào"}
    assert document["recipients"][0] == "Sở Nội vụ" and document["recipients"][-1] == "Lưu: VT, VP"
    assert len(document["recipients"]) == 9
    bases = [(b["kind"], b["number"], str(b["date"]), b["issuer"]) for b in data["legal_basis"]]
    assert bases == [
        ("Quyết định", "2448/QĐ-UBND", "2023-12-25", "UBND tỉnh Bắc Kạn"),
        ("Kế hoạch", "03/KH-STP", "2024-01-11", "Sở Tư pháp"),
        ("Kế hoạch", "19/KH-STP", "2024-02-22", "Sở Tư pháp"),
        ("Kế hoạch", "45/KH-STP", "2024-03-29", "Sở Tư pháp"),
    ]
    assert data["legal_basis"][3]["title"] == "thực hiện Chuyển đổi số ngành Tư pháp Bắc Kạn năm 2024"
    assert len(data["purpose"]) == 3 and len(data["requirements"]) == 2
    assert data["eligibility"]["excluded_roles"] == ["organizing_committee", "secretariat"]  # no jury named
    assert len(data["eligibility"]["eligible"]) == 3
    assert data["quotas"] == {"per_author_max": 1}  # "được dự thi 01 Video"
    assert "video_rules" not in data  # the plan states no technical rule
    timeline = {m["kind"]: m for m in data["timeline"]}
    assert [m["kind"] for m in data["timeline"]] == ["preparation", "launch", "submission", "voting", "ceremony"]
    assert str(timeline["preparation"]["date"]) == "2024-08"
    # "Dự kiến ngày 24/8/20224": a question, never a year the tool chose
    assert "date" not in timeline["launch"] and timeline["launch"]["note"].startswith("Điền ngày")
    assert "24/8/20224" in timeline["launch"]["note"]
    assert (str(timeline["submission"]["start"]), timeline["submission"]["end"]) == ("2024-09-15", "2024-09-30 17:00")
    assert (str(timeline["voting"]["start"]), timeline["voting"]["end"]) == ("2024-10-10", "2024-10-31 17:00")
    assert str(timeline["ceremony"]["date"]) == "2024-11-09" and timeline["ceremony"]["approximate"] is True
    assert data["prizes"] == {"status": "pending"}  # "Giải thưởng sẽ được quy định tại Thể lệ cuộc thi (ban hành sau)"
    assert data["funding"] == "Trích từ nguồn ngân sách nhà nước cấp cho Sở Tư pháp năm 2024."
    units = [r["unit"] for r in data["organization"]["responsibilities"]]
    assert units == [
        "Văn phòng Sở",
        "Công đoàn Sở, Đoàn Thanh niên Sở",
        "Các phòng, đơn vị thuộc Sở; Phòng Tư pháp các huyện, thành phố",
    ]


def check_vinh_linh(data: dict, *, organizer: str | None = None) -> None:
    assert data["year"] == 2024 and data["entry_kinds"] == ["video"]
    assert data["title"] == (
        "Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính trên địa bàn huyện Vĩnh Linh năm 2024"
    )
    if organizer is None:  # "UBND huyện tổ chức cuộc thi": which district is a question
        assert data["organizer"]["name"].startswith("Điền tên đầy đủ của cơ quan tổ chức")
    else:
        assert data["organizer"]["name"] == organizer
    document = data["document"]
    assert (document["kind"], document["number"], document["date"], document["place"]) == (
        "Kế hoạch",
        "/KH-UBND",
        2024,
        "Vĩnh Linh",
    )  # the plan leaves number and day blank
    assert document["signatory"] == {"on_behalf": "TM. Ủy ban nhân dân", "title": "Chủ tịch", "name": "Thái Văn Thành"}
    assert len(document["recipients"]) == 9 and document["recipients"][-1] == "Lưu: VT, NV"
    assert [(b["number"], str(b["date"]), b["issuer"], b["title"]) for b in data["legal_basis"]] == [
        (
            "11/KH-UBND",
            "2024-01-15",
            "UBND huyện Vĩnh Linh",
            "về cải cách hành chính nhà nước huyện Vĩnh Linh năm 2024",
        ),
        ("29/KH-UBND", "2024-01-31", "UBND huyện Vĩnh Linh", "về tuyên truyền cải cách hành chính năm 2024"),
    ]
    assert len(data["purpose"]) == 3 and len(data["requirements"]) == 4
    assert data["eligibility"]["scope"] == "Cuộc thi được tổ chức trong phạm vi toàn huyện."
    assert data["eligibility"]["excluded_roles"] == ["organizing_committee", "jury", "secretariat"]
    assert data["content"]["theme"].startswith("Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin")
    assert len(data["content"]["suggested_topics"]) == 5
    assert data["video_rules"] == {
        "containers": ["mp4"],
        "min_duration": "5 phút",
        "max_duration": "10 phút",
        "resolutions": ["1280x720", "1920x1080"],
        "aspect_ratio": "16:9",
    }
    assert data["quotas"] == {"per_author_max": 2}
    assert data["unit_categories"] == [
        {"id": "ubnd-cac-xa-thi-tran", "name": "UBND các xã, thị trấn", "min_entries": 1, "max_entries": 2}
    ]
    timeline = [
        (m["kind"], str(m.get("start", "")), str(m.get("end", "")), str(m.get("date", "")), m.get("approximate", False))
        for m in data["timeline"]
    ]
    assert timeline == [
        ("production", "", "2024-06-20", "", False),
        ("submission", "2024-06-20", "2024-06-25", "", False),
        ("voting", "", "", "", False),
        ("judging", "", "", "2024-09", True),
        ("results", "", "", "2024-Q4", True),
    ]
    tiers = [(t["id"], t["count"], t.get("basis", "jury"), t.get("amount")) for t in data["prizes"]["tiers"]]
    assert tiers == [
        ("giai-nhat", 1, "jury", None),
        ("giai-nhi", 1, "jury", None),
        ("giai-ba", 2, "jury", None),
        ("giai-khuyen-khich", 3, "jury", None),
        ("binh-chon", 1, "public_vote", None),
    ]
    assert data["prizes"]["tiers"][4]["note"] == "Trên trang Fanpage “Đài Truyền thanh Vĩnh Linh”."
    assert data["prizes"]["award_form"].startswith("Giấy chứng nhận của Ban Tổ chức và mức tiền thưởng")
    # the plan does not say an entry wins one prize only: the schema's default is not taken for it
    assert data["prizes"]["one_prize_per_entry"] is False
    assert data["submission"]["email"] == "phongnv.vinhlinh@quangtri.gov.vn"
    assert data["public_contacts"] == ["phongnv.vinhlinh@quangtri.gov.vn"]
    assert data["contact"] == "Mọi thắc mắc liên quan đến cuộc thi xin liên hệ Phòng Nội vụ để được hướng dẫn."
    assert [r["unit"] for r in data["organization"]["responsibilities"]][1:3] == [
        "Phòng Nội vụ",
        "Văn phòng HĐND và UBND huyện",
    ]


# --- the two real plans, as text ------------------------------------------------------------


def test_the_bac_kan_plan_as_text_is_drafted_value_by_value(tmp_path, capsys):
    status, data, out, _ = draft_from(tmp_path, capsys, PLANS / "bac-kan-2024.txt")
    assert status == 0
    check_bac_kan(data)
    assert "1 câu hỏi" in out and "timeline" in out  # the impossible launch date is asked


def test_the_vinh_linh_plan_as_markdown_is_drafted_value_by_value(tmp_path, capsys):
    status, data, out, _ = draft_from(tmp_path, capsys, PLANS / "vinh-linh-2024.md")
    assert status == 0
    check_vinh_linh(data)


def test_each_drafted_value_quotes_the_plan_line_it_came_from(tmp_path, capsys):
    draft_from(tmp_path, capsys, PLANS / "bac-kan-2024.txt")
    text = next((tmp_path / "entries").glob("*/contest.yml")).read_text(encoding="utf-8")
    lines = {line.split(":")[0].strip(): line for line in text.splitlines()}
    assert lines["funding"].endswith(
        '# Kế hoạch, mục III.5: "5. Kinh phí: Trích từ nguồn ngân sách nhà nước cấp cho Sở Tư pháp năm 2024."'
    )
    assert (
        '# Kế hoạch, mục III.3: "- Thời gian nhận sản phẩm dự thi: Từ ngày 15/9/2024 đến 17 giờ 00 phút, '
        'ngày 30/9/2024."' in text
    )
    # a long paragraph is quoted to its first 110 characters, cut between words, with a fingerprint
    # of the whole (a newer plan that changes its end is still seen as changed)
    assert re.fullmatch(
        r'  per_author_max: 1  # Kế hoạch, mục III.3: "Mỗi cá nhân, nhóm cá nhân tham gia cuộc thi được '
        r'dự thi 01 Video Chi tiết về cách thức tham gia cuộc thi được …" ·[0-9a-f]{6}',
        lines["per_author_max"],
    )


def test_the_drafted_contest_validates_once_its_questions_are_answered(tmp_path, capsys):
    draft_from(tmp_path, capsys, PLANS / "vinh-linh-2024.md")
    path = next((tmp_path / "entries").glob("*/contest.yml"))
    problems = load_portal(tmp_path / "entries", probe=False).all_problems()
    assert [(p.code, p.where.field) for p in problems] == [
        ("CON016", "organizer.name")
    ]  # the question, kept off the site
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  name: 'Điền tên đầy đủ.*$", "  name: Ủy ban nhân dân huyện Vĩnh Linh", text)
    path.write_text(text, encoding="utf-8")
    assert load_portal(tmp_path / "entries", probe=False).all_problems() == []


def test_the_organizer_the_clerk_names_answers_the_plans_unsure_one(tmp_path, capsys):
    """ "UBND huyện tổ chức cuộc thi" names no district: --organizer (or the portal's identity) does."""
    status, data, out, _ = draft_from(
        tmp_path, capsys, PLANS / "vinh-linh-2024.md", "--organizer", "Ủy ban nhân dân huyện Vĩnh Linh"
    )
    assert status == 0
    check_vinh_linh(data, organizer="Ủy ban nhân dân huyện Vĩnh Linh")
    assert "0 câu hỏi" in out
    assert load_portal(tmp_path / "entries", probe=False).all_problems() == []


def test_the_report_names_what_was_drafted_left_to_fill_and_not_used(tmp_path, capsys):
    status, data, out = draft_text(
        tmp_path,
        capsys,
        "KẾ HOẠCH\nTổ chức cuộc thi “Tìm hiểu CCHC năm 2025”\nI. MỤC ĐÍCH\n"
        "- Nâng cao nhận thức.\nII. GHI CHÚ\nCác đơn vị chủ động bố trí người trực.\n",
        organizer="UBND xã Mẫu",
    )
    assert status == 0
    assert data["title"] == "Tìm hiểu CCHC năm 2025" and data["year"] == 2025
    assert data["purpose"] == ["Nâng cao nhận thức."]
    assert data["organizer"]["name"] == "UBND xã Mẫu"  # given by the clerk: not a value of the plan
    assert data["timeline"] == [{"kind": "submission", "note": "Điền thời gian nhận tác phẩm (văn bản chưa nêu)."}]
    assert out.splitlines()[0].endswith(
        "từ ke-hoach.txt: 4 giá trị lấy từ văn bản (mỗi giá trị có dòng chú thích "
        "trích câu của văn bản), 2 mục cần điền, 0 câu hỏi."
    )
    assert "Cần điền (chữ “Điền …” trong tệp): timeline.submission, prizes" in out
    assert "  đoạn 6: Các đơn vị chủ động bố trí người trực." in out  # a line no value came from


# --- the files offices have -----------------------------------------------------------------


def _markdown_words(line: str) -> str:
    line = re.sub(r"^#+\s*", "", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    return line.replace("***", "").replace("**", "").replace("*", "").strip()


def _auto_numbering(document) -> Callable[[object, int], None]:
    """A two-level list in the document's numbering.xml ("I.", then "1."), as Word makes for
    headings numbered automatically; returns the function that puts a paragraph in it at a level."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(paragraph, level: int) -> None:
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    return numbered


def vinh_linh_docx(
    path: Path,
    auto_numbers: bool = False,
    *,
    drawn_bullets: bool = True,
    header_table: bool = True,
    line_breaks: bool = False,
) -> Path:
    """The Vĩnh Linh plan as Word has it: the header table (issuer and number | motto and place,
    date), one paragraph per paragraph, "-" items as a bulleted list (the bullet drawn by Word, not
    in the text), and the signature table (recipients | signature). Other ways offices type it:
    ``auto_numbers`` (headings numbered by Word), ``drawn_bullets=False`` (dashes typed),
    ``header_table=False`` (the header as plain paragraphs), ``line_breaks`` (a cell's lines
    separated by Shift+Enter instead of paragraphs)."""
    import docx

    document = docx.Document()

    def lines_into(cell, lines: list[str]) -> None:
        if line_breaks:
            cell.text = "\n".join(lines)
        else:
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)

    issuer = ["ỦY BAN NHÂN DÂN", "HUYỆN VĨNH LINH", "Số: /KH-UBND"]
    motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Vĩnh Linh, ngày tháng năm 2024"]
    if header_table:
        left, right = document.add_table(rows=1, cols=2).rows[0].cells
        lines_into(left, issuer)
        lines_into(right, motto)
    else:
        for line in issuer + motto:
            document.add_paragraph(line)
    body = VINH_LINH.split("## KẾ HOẠCH", 1)[1].split("***Nơi nhận:***")[0]
    document.add_paragraph("KẾ HOẠCH")
    paragraphs: list[str] = []
    for line in body.splitlines():
        words = _markdown_words(line)
        if words and words[0].islower():  # the Markdown copy's one hard break inside a sentence ("nội / dung")
            paragraphs[-1] += " " + words
        elif words:
            paragraphs.append(words)
    numbered = _auto_numbering(document) if auto_numbers else None
    for words in paragraphs:
        heading = re.match(r"^(?:([IVX]+)|(\d+))\.\s+(.*)$", words)
        if words.startswith("- ") and drawn_bullets:  # a bulleted list item: Word draws the bullet, not in the text
            document.add_paragraph(words[2:], style="List Bullet")
        elif numbered and heading:  # "II. NỘI DUNG", "1. Mục đích": Word's numbers, not typed
            numbered(document.add_paragraph(heading[3]), 0 if heading[1] else 1)
        else:
            document.add_paragraph(words)
    recipients, signer = document.add_table(rows=1, cols=2).rows[0].cells
    lines_into(recipients, ["Nơi nhận:", *VINH_LINH.split("***Nơi nhận:***")[1].split("**TM.")[0].strip().splitlines()])
    lines_into(signer, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Thái Văn Thành"])
    document.save(str(path))
    return path


@pytest.mark.parametrize("auto_numbers", [False, True], ids=["typed-numbers", "word-numbering"])
def test_the_vinh_linh_plan_as_a_word_file_is_drafted_value_by_value(tmp_path, capsys, auto_numbers):
    """Typed or drawn by Word's numbering ("I.", "1." not in the paragraphs' text), the headings
    are read as headings."""
    status, data, out, _ = draft_from(tmp_path, capsys, vinh_linh_docx(tmp_path / "ke-hoach.docx", auto_numbers))
    assert status == 0
    # the header table names the issuer: no question left about the organizer
    check_vinh_linh(data, organizer="Ủy ban nhân dân huyện Vĩnh Linh")
    assert data["document"]["issuer"] == "Ủy ban nhân dân huyện Vĩnh Linh"
    assert "0 câu hỏi" in out


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(auto_numbers=st.booleans(), drawn_bullets=st.booleans(), header_table=st.booleans(), line_breaks=st.booleans())
def test_a_word_plan_drafts_the_same_values_however_it_was_typed(
    tmp_path_factory, auto_numbers, drawn_bullets, header_table, line_breaks
):
    """Invariant over the .docx channel (numbers and bullets drawn by Word or typed, the header in
    a table or in paragraphs, a cell's lines as paragraphs or line breaks): the same values."""
    from contest_portal.plan.draft import draft, dump
    from contest_portal.plan.extract import extract
    from contest_portal.plan.read_document import read_plan

    plan = vinh_linh_docx(
        tmp_path_factory.mktemp("plan") / "ke-hoach.docx",
        auto_numbers,
        drawn_bullets=drawn_bullets,
        header_table=header_table,
        line_breaks=line_breaks,
    )
    lines = read_plan(plan)
    data = yaml.safe_load(dump(draft(extract(lines), lines, year=2000, organizer=None).data))
    check_vinh_linh(data, organizer="Ủy ban nhân dân huyện Vĩnh Linh")


def bac_kan_pdf(path: Path, lines_per_page: int = 38) -> Path:
    """The Bắc Kạn plan as a text PDF (fpdf2, DejaVu with every Vietnamese letter): its own line
    breaks, a running header on every page and the page number at the foot."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("DejaVu", size=11)
    lines = [line.strip() for line in BAC_KAN.splitlines() if line.strip()]
    for start in range(0, len(lines), lines_per_page):
        pdf.add_page()
        pdf.set_font_size(9)
        pdf.cell(0, 6, "Sở Tư pháp tỉnh Bắc Kạn - Kế hoạch cuộc thi video 2024", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font_size(11)
        for line in lines[start : start + lines_per_page]:
            pdf.cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.cell(0, 6, str(pdf.page_no()), align="C")
    pdf.output(str(path))
    return path


def test_the_bac_kan_plan_as_a_text_pdf_is_drafted_value_by_value(tmp_path, capsys):
    status, data, out, _ = draft_from(tmp_path, capsys, bac_kan_pdf(tmp_path / "ke-hoach.pdf"))
    assert status == 0
    check_bac_kan(data)
    # neither the running header nor a page number is part of the plan's text
    drafted = next((tmp_path / "entries").glob("*/contest.yml")).read_text(encoding="utf-8")
    assert "Kế hoạch cuộc thi video 2024" not in drafted + out
    assert data["legal_basis"][3]["title"] == "thực hiện Chuyển đổi số ngành Tư pháp Bắc Kạn năm 2024"
    assert data["funding"] == "Trích từ nguồn ngân sách nhà nước cấp cho Sở Tư pháp năm 2024."


def vinh_linh_pdf(path: Path) -> Path:
    """The Vĩnh Linh plan as Word exports it to PDF: the header and the signature as two columns
    side by side (one line of text holds both cells), the body justified and wrapped by fpdf2."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()

    def two_columns(rows: list[tuple[str, str]]) -> None:
        for left, right in rows:
            y = pdf.get_y()
            pdf.set_xy(10, y)
            pdf.cell(85, 6, left, align="L" if left.startswith(("-", "Nơi")) else "C")
            pdf.set_xy(100, y)
            pdf.cell(100, 6, right, align="C", new_x="LMARGIN", new_y="NEXT")

    two_columns(
        [
            ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            ("HUYỆN VĨNH LINH", "Độc lập - Tự do - Hạnh phúc"),
            ("Số: /KH-UBND", "Vĩnh Linh, ngày tháng năm 2024"),
        ]
    )
    body = VINH_LINH.split("## KẾ HOẠCH", 1)[1].split("***Nơi nhận:***")[0]
    pdf.cell(0, 8, "KẾ HOẠCH", align="C", new_x="LMARGIN", new_y="NEXT")
    for line in body.splitlines():
        words = _markdown_words(line)
        if words:
            pdf.multi_cell(0, 6, words, align="J", new_x="LMARGIN", new_y="NEXT")
    recipients = ["Nơi nhận:"] + VINH_LINH.split("***Nơi nhận:***")[1].split("**TM.")[0].strip().splitlines()
    signer = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] + [""] * (len(recipients) - 3) + ["Thái Văn Thành"]
    two_columns(list(zip(recipients, signer)))
    pdf.output(str(path))
    return path


def test_the_vinh_linh_plan_as_a_pdf_with_two_column_header_and_signature(tmp_path, capsys):
    """Word's PDF puts the header's and the signature's two cells on one line of text; read in
    columns, the issuer, number, place and date, recipients and signer are all drafted."""
    status, data, out, _ = draft_from(tmp_path, capsys, vinh_linh_pdf(tmp_path / "ke-hoach.pdf"))
    assert status == 0
    check_vinh_linh(data, organizer="Ủy ban nhân dân huyện Vĩnh Linh")


# --- refreshing a contest from a newer version of the plan ----------------------------------


def test_a_newer_plan_updates_what_it_changed_and_keeps_the_clerks_edits(tmp_path, capsys):
    first = PLANS / "bac-kan-2024.txt"
    status, data, _, _ = draft_from(tmp_path, capsys, first)
    path = next((tmp_path / "entries").glob("*/contest.yml"))
    slug = path.parent.name
    # the clerk answers the question, shortens the funding text, adds a cover and a unit
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^    note: 'Điền ngày.*$", '    date: "2024-08-24"', text)
    text = re.sub(r"(?m)^funding: .*?(  # .*)$", r"funding: Ngân sách nhà nước cấp cho Sở Tư pháp năm 2024.\1", text)
    text += "cover: anh-bia.jpg  # thêm tay\n"
    path.write_text(text, encoding="utf-8")
    # the signed version moves the deadline and sets the prizes
    newer = tmp_path / "ke-hoach-ban-ky.txt"
    newer.write_text(
        BAC_KAN.replace("ngày 30/9/2024.", "ngày 05/10/2024.")
        .replace("Lưu ý: Thành viên Ban Tổ chức, Tổ Thư ký không được tham gia cuộc thi.", "")
        .replace(
            "Giải thưởng sẽ được quy định tại Thể lệ cuộc thi (ban hành sau)",
            "01 Giải nhất: 3.000.000 đồng; 02 Giải nhì, mỗi giải trị giá 2.000.000 đồng.",
        ),
        encoding="utf-8",
    )
    status, data, out, _ = draft_from(tmp_path, capsys, newer, "--contest", slug)
    assert status == 0
    assert sorted((tmp_path / "entries").iterdir()) == [path.parent]  # the same contest, no second folder
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    submission = next(m for m in data["timeline"] if m["kind"] == "submission")
    assert submission["end"] == "2024-10-05 17:00"  # the plan changed it: redrafted
    launch = next(m for m in data["timeline"] if m["kind"] == "launch")
    assert launch["date"] == "2024-08-24"  # the clerk's answer: its plan line is the same in both versions
    assert data["funding"] == "Ngân sách nhà nước cấp cho Sở Tư pháp năm 2024."  # same plan words: the edit stays
    assert data["cover"] == "anh-bia.jpg"
    assert [(t["name"], t["count"], t["amount"]) for t in data["prizes"]["tiers"]] == [
        ("Giải Nhất", 1, 3_000_000),
        ("Giải Nhì", 2, 2_000_000),
    ]
    assert "Giữ bản sửa tay: funding" in out
    # the signed version no longer excludes the committee: kept, and said, for the clerk to decide
    assert data["eligibility"]["excluded_roles"] == ["organizing_committee", "secretariat"]
    assert (
        "Văn bản mới không còn nêu (giữ nguyên, người soạn quyết định xóa hay không): "
        "eligibility.excluded_roles, eligibility.note" in out
    )
    assert "prizes.tiers" in out.split("Cập nhật theo văn bản mới:")[1].splitlines()[0]


# --- the plan file cannot be read: a coded error, nothing written ----------------------------


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("khong-co.docx", None, "PLN001"),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0 old Word", "PLN002"),
        ("trong.txt", b"   \n\n", "PLN004"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "PLN005"),
        ("hong.pdf", b"%PDF-1.4 nothing else", "PLN005"),
        ("ma-la.txt", bytes(range(0x80, 0x100)) * 40, "PLN006"),
    ],
)
def test_a_plan_that_cannot_be_read_is_a_coded_error_and_nothing_is_written(tmp_path, capsys, name, content, code):
    plan = tmp_path / name
    if content is not None:
        plan.write_bytes(content)
    write_mkdocs_yml(tmp_path)
    (tmp_path / "entries").mkdir()
    status, data, out, err = draft_from(tmp_path, capsys, plan)
    assert status == 1 and data == {}
    assert f"lỗi {code}:" in err and "Traceback" not in err
    assert list((tmp_path / "entries").iterdir()) == []


def test_a_contest_yml_that_cannot_be_read_is_not_refreshed(tmp_path, capsys):
    write_mkdocs_yml(tmp_path)
    folder = tmp_path / "entries" / "2024-bk"
    folder.mkdir(parents=True)
    (folder / "contest.yml").write_text("title: [không đóng ngoặc\n", encoding="utf-8")
    before = tree_digest(tmp_path / "entries")
    status, _, _, err = draft_from(tmp_path, capsys, PLANS / "bac-kan-2024.txt", "--contest", "2024-bk")
    assert status == 1 and "lỗi PLN007:" in err
    assert tree_digest(tmp_path / "entries") == before


# --- plans of other shapes (written for these tests from public plans of the kind) ----------


def test_a_quiz_and_video_contest_with_units_in_counted_groups(tmp_path, capsys):
    status, data, out, _ = draft_from(tmp_path, capsys, PLANS / "ha-giang-trac-nghiem-video-2024.txt")
    assert status == 0
    assert data["organizer"]["name"] == "Ủy ban nhân dân tỉnh Hà Giang"  # from the header's two lines
    document = data["document"]
    assert (document["number"], str(document["date"]), document["place"]) == ("215/KH-UBND", "2024-08-12", "Hà Giang")
    assert document["signatory"] == {
        "on_behalf": "TM. Ủy ban nhân dân, KT. Chủ tịch",
        "title": "Phó Chủ tịch",
        "name": "Hoàng Gia Long",
    }
    assert data["video_rules"] == {"containers": ["mp4", "mov"], "min_duration": "3 phút", "max_duration": "7 phút"}
    # "07 đơn vị, gồm: 03 cơ quan Đảng, đoàn thể (bao gồm: …); 04 đơn vị sự nghiệp (bao gồm: …)"
    # and "Mỗi cơ quan, đơn vị nêu trên gửi ít nhất 01 video dự thi"
    assert data["unit_categories"] == [
        {"id": "co-quan-dang-doan-the", "name": "Cơ quan Đảng, đoàn thể", "min_entries": 1},
        {"id": "don-vi-su-nghiep", "name": "Đơn vị sự nghiệp", "min_entries": 1},
    ]
    assert [(u["name"], u["category"]) for u in data["units"]] == [
        ("Ban Tuyên giáo Tỉnh ủy", "co-quan-dang-doan-the"),
        ("Tỉnh đoàn", "co-quan-dang-doan-the"),
        ("Hội Liên hiệp Phụ nữ tỉnh", "co-quan-dang-doan-the"),
        ("Đài Phát thanh và Truyền hình tỉnh", "don-vi-su-nghiep"),
        ("Báo Hà Giang", "don-vi-su-nghiep"),
        ("Trung tâm Phục vụ hành chính công", "don-vi-su-nghiep"),
        ("Trường Chính trị tỉnh", "don-vi-su-nghiep"),
    ]
    quiz, video, ceremony = data["timeline"]
    assert (quiz["label"], quiz["start"], str(quiz["end"])) == (
        "Phần thi trắc nghiệm",
        "2024-09-15 07:00",
        "2024-10-15",
    )
    assert (video["kind"], str(video["end"])) == ("submission", "2024-10-30")  # "đến hết ngày 30/10/2024"
    assert (ceremony["kind"], str(ceremony["date"]), ceremony["approximate"]) == ("ceremony", "2024-12", True)
    assert [
        (t["name"], t["count"], t["amount"], t.get("basis", "jury"), t.get("recipient", "any"))
        for t in data["prizes"]["tiers"]
    ] == [
        ("Giải Nhất", 1, 3_000_000, "quiz", "any"),
        ("Giải Nhì", 2, 2_000_000, "quiz", "any"),
        ("Giải Nhất tập thể", 1, 7_000_000, "jury", "collective"),
        ("Giải Nhì tập thể", 2, 5_000_000, "jury", "collective"),
    ]
    assert data["prizes"]["award_form"] == "giấy khen của Chủ tịch UBND tỉnh và tiền thưởng."
    # "Cuộc thi gồm 02 phần thi": a quiz part and an entries part, each with its window and its prizes
    assert data["parts"] == [
        {
            "id": "trac-nghiem",
            "name": "Phần thi trắc nghiệm",
            "kind": "quiz",
            "start": "2024-09-15 07:00",
            "end": "2024-10-15",
        },
        {"id": "video", "name": "Phần thi video", "kind": "entries", "end": "2024-10-30"},
    ]
    assert [t["part"] for t in data["prizes"]["tiers"]] == ["trac-nghiem", "trac-nghiem", "video", "video"]
    assert [p.code for p in load_portal(tmp_path / "entries", probe=False).all_problems() if p.is_error] == []
    assert data["funding"] == "Kinh phí tổ chức Cuộc thi từ nguồn ngân sách tỉnh năm 2024 giao cho Sở Nội vụ."


def test_a_counted_list_whose_names_do_not_add_up_is_a_question(tmp_path, capsys):
    plan = tmp_path / "ke-hoach.txt"
    text = (PLANS / "ha-giang-trac-nghiem-video-2024.txt").read_text(encoding="utf-8")
    plan.write_text(text.replace("04 đơn vị sự nghiệp", "05 đơn vị sự nghiệp"), encoding="utf-8")
    status, data, out, _ = draft_from(tmp_path, capsys, plan)
    assert status == 0
    [unit] = data["units"]
    assert unit["name"].startswith("Điền danh sách đơn vị: số đơn vị văn bản nêu khác số tên được liệt kê")
    assert "units" in out.split("Câu hỏi")[1].splitlines()[0]


def cam_thanh_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in (PLANS / "cam-thanh-bai-viet-2023.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_an_article_contest_with_a_before_four_pm_deadline(tmp_path, capsys):
    status, data, out, _ = draft_from(tmp_path, capsys, cam_thanh_docx(tmp_path / "the-le.docx"))
    assert status == 0
    assert data["year"] == 2023 and data["title"] == "Cải cách hành chính – Người dân là trung tâm"
    assert (data["document"]["kind"], data["document"]["number"]) == ("Thể lệ", "48/TL-UBND")
    assert data["organizer"]["name"] == "Ủy ban nhân dân xã Cam Thành"
    assert data["entry_kinds"] == ["article"]
    # "II. YÊU CẦU BÀI DỰ THI": what an entry must be (its form), not the contest's requirements
    assert (
        data["format"]
        == [
            "Bài viết dự thi dài không quá 2.000 chữ, viết bằng tiếng Việt, chưa đăng trên báo chí.",
            "Mỗi tác giả được gửi tối đa 01 bài dự thi.",
        ]
        and "requirements" not in data
    )
    assert data["quotas"] == {"per_author_max": 1}
    submission, results = data["timeline"]
    # "trước 16h00 ngày 14/11/2023": up to 16:00, not including it
    assert (submission["kind"], submission["end"], submission["end_excluded"]) == (
        "submission",
        "2023-11-14 16:00",
        True,
    )
    assert (results["kind"], str(results["date"]), results["approximate"]) == ("results", "2023-11-24", True)
    assert [(t["name"], t["count"], t["amount"]) for t in data["prizes"]["tiers"]] == [
        ("Giải Nhất", 1, 1_000_000),
        ("Giải Nhì", 1, 700_000),
        ("Giải Ba", 2, 500_000),
    ]
    assert data["prizes"]["one_prize_per_entry"] is True  # "Mỗi bài dự thi chỉ được nhận 01 giải"
    assert data["public_contacts"] == ["vanphong.camthanh@quangnam.gov.vn", "0235 3874 123"]
    assert "video_rules" not in data
    assert load_portal(tmp_path / "entries", probe=False).all_problems() == []


def test_a_plan_with_its_committee_jury_and_a_334_character_title(tmp_path, capsys):
    from .test_scaffold import LONG_TITLE

    status, data, out, _ = draft_from(tmp_path, capsys, PLANS / "can-loc-ban-giam-khao-2024.txt")
    assert status == 0
    assert data["title"] == LONG_TITLE  # as written, all 334 characters
    assert [(p["name"], p["role"], p["position"], p["unit"]) for p in data["organization"]["people"]] == [
        ("Trần Văn Hùng", "organizing_committee", "Trưởng ban", "Phó Chủ tịch UBND huyện"),
        ("Lê Thị Hoa", "organizing_committee", "Phó Trưởng ban", "Trưởng phòng Nội vụ huyện"),
        ("Phạm Minh Đức", "organizing_committee", "Thành viên", "Giám đốc Trung tâm Văn hóa - Truyền thông huyện"),
        ("Nguyễn Quốc Bảo", "jury", "Trưởng ban", "Trưởng phòng Văn hóa và Thông tin huyện"),
        ("Hoàng Thị Lan", "jury", "Thành viên", "phóng viên Đài Phát thanh - Truyền hình tỉnh (mời tham gia)"),
        ("Võ Thị Mai", "secretariat", "Thư ký", "chuyên viên Phòng Nội vụ huyện"),
    ]
    [submission] = data["timeline"]
    assert (str(submission["start"]), submission["end"]) == ("2024-04-15", "2024-05-31 17:00")
    assert [(t["id"], t["amount"], t.get("basis", "jury")) for t in data["prizes"]["tiers"]] == [
        ("giai-nhat", 5_000_000, "jury"),
        ("giai-nhi", 3_000_000, "jury"),
        ("binh-chon", 1_000_000, "public_vote"),
    ]
    assert load_portal(tmp_path / "entries", probe=False).all_problems() == []  # the long title validates


# --- text pasted from anywhere: every encoding the register import reads ---------------------


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes it: a letter it has whole, else its base letter (with its
    vowel mark) and the tone as a combining character (the code page has no precomposed tones)."""
    import unicodedata

    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts[1:] if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", parts[0] + "".join(c for c in parts[1:] if c not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return out


def legacy_encoder(encoding: str):
    """``text`` typed with a legacy font (TCVN3 "ABC" or VNI) and saved by a Windows program as
    Windows-1252: the reverse of formats/legacy.py's tables, found by converting every candidate
    byte sequence (TCVN3 has no upper-case toned letters: the .VnTimeH fonts use the lower-case codes)."""
    from contest_portal.formats import legacy

    latin = [chr(code) for code in range(0xA0, 0x100)]
    candidates = (
        latin if encoding == "TCVN3" else [base + mark for base in "aeouyAEOUYôöÔÖ" for mark in ["", *latin]] + latin
    )
    reverse: dict[str, str] = {}
    for sequence in candidates:
        letter = legacy.convert(sequence, encoding)
        if len(letter) == 1 and letter != sequence and not letter.isascii():
            reverse.setdefault(letter, sequence)

    def encode(text: str) -> bytes:
        return "".join(reverse.get(c) or reverse.get(c.lower()) or c for c in text).encode("cp1252")

    return encode


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16": lambda t: t.encode("utf-16"),
    "windows-1258": cp1258,
    "TCVN3": legacy_encoder("TCVN3"),
    "VNI": legacy_encoder("VNI"),
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(encoding=st.sampled_from(sorted(ENCODINGS)), newline=st.sampled_from(["\n", "\r\n"]), blank_lines=st.booleans())
def test_a_pasted_plan_drafts_the_same_values_in_every_encoding(tmp_path_factory, encoding, newline, blank_lines):
    """Invariant over the text channel (encoding x line ends x a blank line between lines, as a
    PDF's copied text has): the drafted title, deadline, prizes and contacts are the same."""
    from contest_portal.plan.draft import draft
    from contest_portal.plan.extract import extract
    from contest_portal.plan.read_document import read_plan

    text = (PLANS / "cam-thanh-bai-viet-2023.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    plan = tmp_path_factory.mktemp("plan") / "the-le.txt"
    plan.write_bytes(ENCODINGS[encoding]((newline * 2 if blank_lines else newline).join(lines) + newline))
    read = read_plan(plan)
    data = draft(extract(read), read, year=2000, organizer=None).data
    assert data["title"] == "Cải cách hành chính – Người dân là trung tâm"
    assert data["timeline"][0]["end"] == "2023-11-14 16:00"
    assert [t["amount"] for t in data["prizes"]["tiers"]] == [1_000_000, 700_000, 500_000]
    assert data["public_contacts"] == ["vanphong.camthanh@quangnam.gov.vn", "0235 3874 123"]


def test_a_word_plan_with_line_breaks_in_its_tables_and_a_mixed_section(tmp_path, capsys):
    """The guide's example (tools/clerk_path.py): the header and signature typed with line breaks
    inside one cell (Shift+Enter), and "II. ĐỐI TƯỢNG, HÌNH THỨC" holding both who may enter and a
    technical rule: the rule is the form of entries, not a kind of participant."""
    from tools.clerk_path import ClerkPath

    plan = ClerkPath(tmp_path / "clerk").signed_plan()
    status, data, out, _ = draft_from(tmp_path, capsys, plan)
    assert status == 0
    document = data["document"]
    assert document["signatory"] == {"on_behalf": "TM. Ủy ban nhân dân", "title": "Chủ tịch", "name": "Nguyễn Văn Thử"}
    assert document["recipients"] == ["Sở Nội vụ", "UBND các xã, thị trấn", "Lưu: VT, NV"]
    assert (document["number"], str(document["date"]), document["place"]) == ("35/KH-UBND", "2025-03-10", "Thử")
    assert data["eligibility"]["eligible"] == [
        "UBND các xã, thị trấn: Mỗi đơn vị bắt buộc có ít nhất 01 tác phẩm dự thi, tối đa không quá 02 tác phẩm."
    ]
    assert data["format"] == ["Mỗi video dài tối thiểu 03 phút, tối đa không quá 07 phút, định dạng .mp4."]
    assert "CỘNG HÒA" not in out and "Độc lập" not in out  # the national motto is no unused rule


def test_the_same_plan_twice_says_how_to_refresh_and_a_missing_contest_is_a_coded_error(tmp_path, capsys):
    plan = PLANS / "bac-kan-2024.txt"
    assert draft_from(tmp_path, capsys, plan)[0] == 0
    [folder] = (tmp_path / "entries").iterdir()
    before = tree_digest(tmp_path / "entries")
    status, _, _, err = draft_from(tmp_path, capsys, plan)
    assert status == 2 and "không ghi đè" in err and f"thêm --contest {folder.name}" in err
    status, _, _, err = draft_from(tmp_path, capsys, plan, "--contest", "2024-khong-co")
    assert status == 1 and "lỗi PLN008: Không có cuộc thi '2024-khong-co' để cập nhật" in err
    assert tree_digest(tmp_path / "entries") == before


def test_a_signing_date_that_cannot_exist_is_asked_not_written(tmp_path, capsys):
    status, data, out = draft_text(
        tmp_path,
        capsys,
        "Số: 12/KH-UBND\nHà Nội, ngày 31 tháng 9 năm 2024\nKẾ HOẠCH\n"
        "Tổ chức cuộc thi “Video CCHC 2024”\nI. THỜI GIAN\n"
        "- Nhận tác phẩm: đến hết ngày 30/10/2024.\n",
        organizer="UBND quận Mẫu",
    )
    assert status == 0
    assert "date" not in data["document"] and data["document"]["number"] == "12/KH-UBND"  # no day the tool chose
    text = next((tmp_path / "entries").glob("*/contest.yml")).read_text(encoding="utf-8")
    assert re.search(
        r'(?m)^document: +# Điền ngày: văn bản ghi "Hà Nội, ngày 31 tháng 9 năm 2024", không có ngày này\.$', text
    )
    assert "Câu hỏi (văn bản chưa rõ, công cụ không tự chọn giá trị): document.date" in out


def test_quotas_the_plan_words_loosely_are_asked_or_kept_as_written(tmp_path, capsys):
    status, data, out = draft_text(
        tmp_path,
        capsys,
        "KẾ HOẠCH\nTổ chức cuộc thi “Video CCHC 2024”\nI. SỐ LƯỢNG\n"
        "- Đảm bảo mỗi phòng, đơn vị có ít nhất 02 sản phẩm.\n"
        "- Mỗi người có thể tham gia nhiều sản phẩm.\n",
        organizer="Sở Mẫu",
    )
    assert status == 0
    # which units "mỗi phòng, đơn vị" are is the clerk's to say: a question, not a made-up group
    [category] = data["unit_categories"]
    assert category["name"].startswith("Điền nhóm đơn vị và số tác phẩm tối thiểu: văn bản ghi")
    assert data["quotas"] == {"note": "Mỗi người có thể tham gia nhiều sản phẩm."}  # no limit invented
    assert "unit_categories" in out.split("Câu hỏi")[1].splitlines()[0]


PLAN_PIECES = st.sampled_from(
    [
        "KẾ HOẠCH",
        "THỂ LỆ",
        "Số: /KH-UBND",
        "Số: 7/KH-UBND",
        "Hà Nội, ngày 31 tháng 9 năm 2024",
        "Vĩnh Linh, ngày tháng năm 2024",
        "Tổ chức cuộc thi “Tìm hiểu CCHC năm 2025”",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. THỜI GIAN",
        "III. GIẢI THƯỞNG",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Ban Tổ chức",
        "2. Ban Giám khảo",
        "- Ông Trần Văn A, Chủ tịch UBND xã - Trưởng ban;",
        "- Nhận bài: từ ngày 15/9/2024 đến 17 giờ 00 phút, ngày 30/9/2024.",
        "- Phát động: dự kiến ngày 24/8/20224.",
        "- Trao giải: dự kiến trong Quý IV năm 2024.",
        "- trước 16h00 ngày 14/11/2023",
        "- 01 Giải nhất: 10.000.000 đồng;",
        "- 02 Giải nhì, mỗi giải trị giá 7.000.000 đồng.",
        "01 Giải nhất, 01 Giải nhất.",
        "Giải được bình chọn nhiều nhất trên trang Fanpage “X”: 01 Giải",
        "Lưu ý: Thành viên Ban Tổ chức không được dự thi.",
        "- Mỗi video tối thiểu 05 phút, tối đa không quá 10 phút, HD (1.280 x 720 pixels), tỉ lệ khung hình 16:9, định dạng .mp4",
        "+ UBND các xã: Mỗi đơn vị bắt buộc có ít nhất 01 tác phẩm dự thi, tối đa không quá 02 tác phẩm.",
        "Gồm 05 đơn vị, gồm: 02 phòng (bao gồm: Phòng A, Phòng B); 02 trường (bao gồm: Trường A, Trường A)",
        "- Phần thi trắc nghiệm: trả lời câu hỏi.",
        "- Phần thi video: gửi video.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn B",
        "Căn cứ Quyết định số 1/QĐ-UBND ngày 30/02/2024 của UBND tỉnh X;",
        "Thực hiện Kế hoạch số 2/KH-UBND ngày 1/1/2024 của UBND huyện Y về CCHC.",
        "liên hệ: điện thoại: 0912 345 678",
        "",
        "   ",
        "12",
        "Trang 3",
        "“",
        ":",
        "- ",
        "1.",
        "1.1. Giải thưởng:",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(PLAN_PIECES, min_size=1, max_size=30))
def test_any_arrangement_of_plan_lines_drafts_a_contest_yml_that_loads(tmp_path_factory, pieces):
    """Invariant over the plan's lines (their kinds, order, repetitions, impossible dates, clashing
    names): the draft is YAML whose values all pass the schema; what is unsure is a placeholder or
    a comment (CON016), never a value the schema refuses or a traceback."""
    from contest_portal.plan.draft import draft, dump
    from contest_portal.plan.extract import extract
    from contest_portal.plan.read_document import PlanReadError, read_plan

    folder = tmp_path_factory.mktemp("plan")
    plan = folder / "ke-hoach.txt"
    plan.write_text("\n".join(pieces) + "\n", encoding="utf-8")
    try:
        lines = read_plan(plan)
    except PlanReadError as exc:
        assert exc.problem.code == "PLN004"  # nothing but blanks, numbers and marks
        return
    contest = folder / "entries" / "2024-thu" / "contest.yml"
    contest.parent.mkdir(parents=True)
    text = dump(draft(extract(lines), lines, year=2024, organizer="UBND huyện Thử").data)
    contest.write_text(text, encoding="utf-8")
    # no date the tool chose for "24/8/20224", "30/02/2024" or "31 tháng 9"
    assert not re.search(r"(?m)^\s*-?\s*(date|start|end): .*(20224|2024-02-30|2024-09-31)", text)
    problems = load_portal(folder / "entries", probe=False).all_problems()
    assert [p for p in problems if p.code.startswith(("SCH", "YAML"))] == [], [p.message("en") for p in problems]
