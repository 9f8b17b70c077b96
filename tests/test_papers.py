"""The papers the office signs around a contest (issues 19 and 31), read back as a clerk would
(python-docx, openpyxl) and checked against figures worked out by hand: the award decision, the
proposal to award, the jury's minutes, the prize payment list and the awards (DOCX, XLSX, Decree
30/2020/NĐ-CP layout), and the participation report per unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.section import Section
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import build as cli
from contest_portal.formats.tables import write_csv
from contest_portal.office.papers.common import amount_in_words

from .conftest import tree_digest, write_mkdocs_yml
from .test_results import _contest, _make, _sheets

TIERS = [
    {"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 10_000_000},
    {"id": "nhi", "name": "Giải Nhì", "count": 2, "amount": 7_000_000},
    {"id": "ba", "name": "Giải Ba", "count": 3, "amount": 5_000_000},
    {"id": "kk", "name": "Giải Khuyến khích", "count": 4, "amount": 3_000_000},
]


def _page_mm(section: Section) -> tuple[int, int]:
    """A section's page (width, height) in whole millimetres."""
    assert section.page_width is not None and section.page_height is not None
    return round(section.page_width.mm), round(section.page_height.mm)


def test_amounts_in_words_as_decisions_write_them():
    from contest_portal.core.i18n import Translator

    vi = Translator("vi")
    assert amount_in_words(61_000_000, vi) == "Sáu mươi mốt triệu đồng"
    assert amount_in_words(51_000_000, vi) == "Năm mươi mốt triệu đồng"
    assert amount_in_words(3_500_000, vi) == "Ba triệu năm trăm nghìn đồng"
    assert amount_in_words(61_000_000, Translator("en")) == "Sixty-one million dong"


def test_the_draft_decision_and_the_participation_report(tree, tmp_path, capsys):
    contest = _contest(TIERS, n_units=12)
    contest["legal_basis"] = [{"kind": "Luật", "title": "Thi đua, khen thưởng ngày 15/6/2022"}]
    contest["document"] = {
        "kind": "Kế hoạch",
        "number": "12/KH-UBND",
        "issuer": "UBND huyện Thử",
        "place": "Thử Nghiệm",
        "recipients": ["Thường trực Huyện ủy", "Các đơn vị dự thi"],
        "signatory": {"on_behalf": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Nguyễn Văn Ký"},
    }
    _make(tree, contest, 12)
    _sheets(tree, 12)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    folder = tmp_path / "reports" / "2025-thu"
    decision = Document(str(folder / "du-thao-quyet-dinh-khen-thuong.docx"))
    text = "\n".join(p.text for p in decision.paragraphs)
    header = [cell.text for cell in decision.tables[0].rows[0].cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1] and "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert "Số:" in header[0] and "UBND HUYỆN" in header[0]
    # the plan's own citation of the Law on Emulation is not cited twice: the standard line stands for it
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 (Luật số 06/2022/QH15);" in text
    assert "15/6/2022" not in text
    assert "Căn cứ Kế hoạch số 12/KH-UBND của UBND huyện Thử" in text
    # 10 + 2 × 7 + 3 × 5 + 4 × 3 = 51 million, ten winners
    assert "Điều 1. Khen thưởng 10 tập thể, cá nhân" in text
    assert "Tổng số tiền thưởng: 51.000.000 đồng (Bằng chữ: Năm mươi mốt triệu đồng)." in text
    assert "Bằng chữ: Năm mươi mốt triệu đồng." in text
    signature = decision.tables[1].rows[0].cells
    assert "Thường trực Huyện ủy" in signature[0].text and "Nguyễn Văn Ký" in signature[1].text
    annex = [[cell.text for cell in row.cells] for row in decision.tables[2].rows]
    assert annex[1] == ["1", "Giải Nhất", "Tác phẩm 01", "Tác giả 01", "UBND xã 1", "10.000.000", ""]
    assert annex[2][:3] == ["2", "Giải Nhì", "Tác phẩm 02"] and annex[10][:3] == [
        "10",
        "Giải Khuyến khích",
        "Tác phẩm 10",
    ]
    assert annex[-1][0] == "Tổng cộng" and annex[-1][5] == "51.000.000"
    rows = list(load_workbook(folder / "bao-cao-tham-gia-theo-don-vi.xlsx").active.iter_rows(values_only=True))
    assert rows[1][:6] == ("Đơn vị", "Loại đơn vị", "Đã nhận", "Hợp lệ", "Bị loại", "Từ chối / rút")
    assert rows[2] == ("UBND xã 1", "Xã", 1, 1, 0, 0, "Giải Nhất", None, None, "Đạt")
    assert rows[13][0] == "UBND xã 12" and rows[13][6] is None  # e-12 won nothing
    assert "tài liệu nội bộ" in capsys.readouterr().out


def test_documents_never_go_into_the_entries_or_the_site(tree, tmp_path):
    _make(tree, _contest(TIERS, n_units=2), 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tree.root / "bao-cao")]) == cli.EXIT_USAGE
    assert not (tree.root / "bao-cao").exists()


# --- reading the papers back ----------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]


def _lines(document) -> list[str]:
    """Every paragraph of the body, then of each table cell, as text (what a reader sees)."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return lines


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def sample_papers(tmp_path_factory):
    """The papers of the sample portal's Vĩnh Linh contest, written by `documents` (read-only entries/)."""
    project = tmp_path_factory.mktemp("sample")
    config = write_mkdocs_yml(project, entries=str(REPO / "entries"))
    out = project / "reports"
    before = tree_digest(REPO / "entries" / "2024-vinh-linh")
    assert cli.main(["documents", "-f", str(config), "--out", str(out), "--contest", "2024-vinh-linh"]) == cli.EXIT_OK
    assert tree_digest(REPO / "entries" / "2024-vinh-linh") == before
    return out / "2024-vinh-linh"


def test_the_sample_decision_cites_the_laws_and_never_a_broken_phrase(sample_papers):
    decision = Document(str(sample_papers / "du-thao-quyet-dinh-khen-thuong.docx"))
    text = "\n".join(p.text for p in decision.paragraphs)
    title = "Cuộc thi “Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính trên địa bàn huyện Vĩnh Linh năm 2024”"
    assert f"Về việc khen thưởng các tập thể, cá nhân đạt giải {title}" in text
    assert (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
        "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"
    ) in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 (Luật số 06/2022/QH15);" in text
    assert (
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;"
    ) in text
    # UBND huyện: no line on the organizer's own functions (the Law on Local Government sets them)
    assert "chức năng, nhiệm vụ" not in text
    assert (
        "Căn cứ Kế hoạch số 11/KH-UBND ngày 15/01/2024 của UBND huyện Vĩnh Linh về cải cách hành chính nhà "
        "nước huyện Vĩnh Linh năm 2024;"
    ) in text
    # the plan's number and date are blank in the signed original: blanks to fill, never "số /KH-UBND ngày 2024"
    assert (
        "Căn cứ Kế hoạch số …/KH-UBND ngày …/…/2024 của UBND huyện Vĩnh Linh tổ chức cuộc thi “Xây dựng video "
        "clip, phóng sự tuyên truyền cải cách hành chính trên địa bàn huyện Vĩnh Linh năm 2024”;"
    ) in text
    assert "số /" not in text and "ngày 2024" not in text
    # 8 prizes to 7 works: "Tiểu phẩm: Bác Ba…" has the third prize and the most votes (one_prize_per_entry: false)
    assert f"Điều 1. Khen thưởng 7 tập thể, cá nhân đạt giải {title} (có danh sách kèm theo)." in text
    assert "Tổng số tiền thưởng" not in text  # the plan sets no amounts
    sent_to = decision.tables[1].rows[0].cells[0].text.splitlines()
    assert sent_to[:3] == ["Nơi nhận:", "- Như Điều 3;", "- Sở Nội vụ;"]
    assert [line for line in sent_to if "Lưu" in line] == ["- Lưu: VT, NV."] and sent_to[-1] == "- Lưu: VT, NV."
    signer = decision.tables[1].rows[0].cells[1].text
    assert "TM. ỦY BAN NHÂN DÂN" in signer and "CHỦ TỊCH" in signer and "Thái Văn Thành" in signer
    annex = _rows(decision.tables[2])
    assert annex[1] == [
        "1",
        "Giải Nhất",
        "Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử",
        "Tập thể UBND xã Kim Thạch",
        "UBND xã Kim Thạch",
        "",
        "",
    ]
    assert [row[1] for row in annex[1:9]] == [
        "Giải Nhất",
        "Giải Nhì",
        "Giải Ba",
        "Giải Ba",
        "Giải Khuyến khích",
        "Giải Khuyến khích",
        "Giải Khuyến khích",
        "Giải được bình chọn nhiều nhất",
    ]
    assert annex[8][2:4] == ["Tiểu phẩm: Bác Ba đi làm giấy khai sinh", "Đội văn nghệ thị trấn Cửa Tùng"]


def test_the_sample_minutes_show_every_judges_scores_means_and_ranks(sample_papers):
    minutes = Document(str(sample_papers / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    assert _page_mm(minutes.sections[0])[0] == 210  # three judges: A4 portrait
    text = "\n".join(p.text for p in minutes.paragraphs)
    assert "- Ông/Bà Hoàng Minh Quân, Trưởng ban, Phòng Nội vụ huyện;" in text
    table = _rows(minutes.tables[1])
    assert table[0] == [
        "STT",
        "Tác phẩm",
        "Hoàng Minh Quân",
        "Lê Thị Thanh Hương",
        "Trần Đức Mạnh",
        "Điểm trung bình",
        "Xếp hạng",
    ]
    # gk-hoang 36+28+25, gk-le 37+27+26, gk-tran 35+29+27: mean 90
    assert table[1] == ["1", "Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử", "89", "90", "91", "90,00", "1"]
    # 86 + 88 + 89 = 263, / 3 = 87,67
    assert table[2][1:] == ["Bộ phận Một cửa hiện đại ở xã Vĩnh Giang", "86", "88", "89", "87,67", "2"]
    assert table[8][2:] == ["73", "72", "71", "72,00", "8"]
    assert "phân định" not in text and "Không chấm" not in "\n".join(_lines(minutes))  # no equal means, no abstention
    assert "- Giải Nhì: “Bộ phận Một cửa hiện đại ở xã Vĩnh Giang”" in text
    assert "Giải được bình chọn nhiều nhất" not in text  # the public vote's prize is not the jury's to propose
    signatures = _lines(minutes)
    assert {"Hoàng Minh Quân", "Lê Thị Thanh Hương", "Trần Đức Mạnh", "TRƯỞNG BAN", "THÀNH VIÊN"} <= set(signatures)


def test_the_sample_proposal_goes_from_the_committee_to_the_signer(sample_papers):
    proposal = Document(str(sample_papers / "to-trinh-de-nghi-khen-thuong.docx"))
    text = "\n".join(p.text for p in proposal.paragraphs)
    header = proposal.tables[0].rows[0].cells[0].text
    assert "ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH" in header and "BAN TỔ CHỨC CUỘC THI" in header and "TTr-BTC" in header
    assert "TỜ TRÌNH" in text and "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh." in text
    assert "đã tiếp nhận 8 tác phẩm dự thi, trong đó 8 tác phẩm hợp lệ; Ban Giám khảo đã chấm 8 tác phẩm" in text
    assert "khen thưởng 7 tập thể, cá nhân đạt giải" in text
    assert len(proposal.tables[1].rows) == 10  # header, 8 prizes, total
    signer = proposal.tables[2].rows[0].cells[1].text
    assert "TM. BAN TỔ CHỨC" in signer and "TRƯỞNG BAN" in signer and "Hoàng Minh Quân" in signer


def test_the_sample_payment_list_leaves_the_amounts_the_plan_does_not_set(sample_papers):
    sheet = load_workbook(sample_papers / "danh-sach-chi-tra-tien-thuong.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "DANH SÁCH CHI TRẢ TIỀN THƯỞNG"
    assert rows[4] == (
        "STT",
        "Người nhận",
        "Đơn vị",
        "Giải",
        "Tác phẩm",
        "Số tiền (đồng)",
        "Số tiền bằng chữ",
        "Ký nhận",
    )
    assert rows[5] == (
        1,
        "Tập thể UBND xã Kim Thạch (Phạm Văn Hùng, Võ Thị Lan)",
        "UBND xã Kim Thạch",
        "Giải Nhất",
        "Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử",
        None,
        None,
        None,
    )
    assert rows[8][1:4] == ("Lê Thị Hồng Nhung", "UBND thị trấn Hồ Xá", "Giải Ba")
    assert rows[13][0] == "Tổng cộng" and rows[13][5] is None  # never 0 đồng


def test_the_sample_awards_are_the_committees_certificates_named_by_prize_and_title(sample_papers):
    awards = Document(str(sample_papers / "giay-khen-giay-chung-nhan.docx"))
    assert len(awards.sections) == 8  # one page per prize
    assert all(width > height and width == 297 for width, height in map(_page_mm, awards.sections))
    text = "\n".join(_lines(awards))
    # "Giấy chứng nhận của Ban Tổ chức" in the plan
    assert text.count("GIẤY CHỨNG NHẬN") == 8 and "GIẤY KHEN" not in text
    assert "Giải Nhất – Tác phẩm “Nông dân Kim Thạch bán hàng trên sàn thương mại điện tử”" in text
    assert "Giải được bình chọn nhiều nhất – Tác phẩm “Tiểu phẩm: Bác Ba đi làm giấy khai sinh”" in text
    assert "Lê Thị Hồng Nhung" in text and "Hoàng Minh Quân" in text  # the committee's head signs
    assert "(Trần Văn Bình, Nguyễn Thị Mai)" in text  # the group "Nhóm tác giả UBND xã Vĩnh Giang", its authors
    assert not any(f"vl-0{n}" in text for n in range(1, 9))  # never a folder id


# --- a contest with amounts, five judges, abstentions, dropped extremes and a tie-break --------

FIVE = [
    {"id": f"gk-{k}", "name": f"GK {name}", "role": "jury", "position": "Thành viên", "unit": unit}
    for k, name, unit in (
        (1, "Một", "Sở Nội vụ"),
        (2, "Hai", "Đài Truyền thanh"),
        (3, "Ba", "Phòng Tư pháp"),
        (4, "Bốn", "Phòng Văn hóa"),
        (5, "Năm", "UBND xã 1"),
    )
]
# (noi-dung, hinh-thuc) per judge; None: the row's points left empty ("Không chấm" in the note for gk-4)
#: entry → each judge's (Nội dung, Hình thức) points, None where the judge gave none
SCORES: dict[str, list[tuple[int, int] | None]] = {
    "e-01": [(50, 30), (52, 30), (54, 30), None, None],
    "e-02": [(50, 40), (45, 40), (44, 36), (60, 40), (30, 30)],
    "e-03": [(55, 30), (50, 35), (45, 40), (50, 40), (40, 40)],
}


def _five_judges(tree, **contest_fields):
    contest = _contest(
        [
            {"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 10_000_000},
            {"id": "nhi", "name": "Giải Nhì", "count": 1, "amount": 7_000_000},
        ],
        n_units=2,
        drop_extremes=True,
    )
    contest["judging"]["tie_breaks"] = ["criterion:noi-dung"]
    contest["organization"] = {"people": FIVE}
    contest.update(contest_fields)
    _make(tree, contest, 3)
    for entry in ("e-02", "e-03"):  # both in UBND xã 2
        (tree.root / "2025-thu" / entry / "entry.yml").write_text(
            (tree.root / "2025-thu" / entry / "entry.yml").read_text(encoding="utf-8").replace("xa-1", "xa-2"),
            encoding="utf-8",
        )
    folder = tree.root / "2025-thu" / "_ket-qua" / "diem"
    header = ["Mã tác phẩm", "Tên tác phẩm", "Đường dẫn", "Nội dung (tối đa 60)", "Hình thức (tối đa 40)", "Ghi chú"]
    for k, judge in enumerate(FIVE):
        rows: list[list[object]] = []
        for entry, points in SCORES.items():
            given_points = points[k]
            if given_points is not None:
                rows.append([entry, "", "", *given_points, ""])
            elif judge["id"] == "gk-4":
                rows.append([entry, "", "", "", "", "Không chấm (có quan hệ gia đình với tác giả)"])
            # gk-5 sits in UBND xã 1: the row of e-01 is deleted (an abstention of their own unit)
        write_csv(folder / f"{judge['id']}.csv", header, rows)


def test_the_minutes_show_abstentions_dropped_extremes_and_the_tie_break(tree, tmp_path):
    _five_judges(tree)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    minutes = Document(str(tmp_path / "reports" / "2025-thu" / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    width, height = _page_mm(minutes.sections[0])
    assert width > height  # five judges' columns: landscape
    table = _rows(minutes.tables[1])
    assert table[0][2:] == ["GK Một", "GK Hai", "GK Ba", "GK Bốn", "GK Năm", "Điểm trung bình", "Xếp hạng"]
    # e-03: 85, 85, 85, 90, 80 → the highest (gk-4) and the lowest (gk-5) dropped → 85; Nội dung (55+50+45)/3 = 50
    assert table[1] == ["1", "Tác phẩm 03", "85", "85", "85", "90 (loại)", "80 (loại)", "85,00", "1"]
    # e-02: 90, 85, 80, 100, 60 → 85 too; Nội dung (50+45+44)/3 = 46,33: second by the tie-break
    assert table[2] == ["2", "Tác phẩm 02", "90", "85", "80", "100 (loại)", "60 (loại)", "85,00", "2"]
    # e-01: three sheets (80, 82, 84), fewer than five: nothing dropped, mean 82
    assert table[3] == ["3", "Tác phẩm 01", "80", "82", "84", "Không chấm", "Không chấm", "82,00", "3"]
    text = "\n".join(p.text for p in minutes.paragraphs)
    assert "bỏ một điểm cao nhất và một điểm thấp nhất" in text
    assert (
        "- Giám khảo GK Bốn không chấm tác phẩm “Tác phẩm 01”: giám khảo ghi “Không chấm (có quan hệ gia đình với tác giả)” trong phiếu chấm."
        in text
    )
    assert "- Giám khảo GK Năm không chấm tác phẩm “Tác phẩm 01”: tác phẩm của đơn vị giám khảo (UBND xã 1)." in text
    assert (
        "- Các tác phẩm “Tác phẩm 03”, “Tác phẩm 02” cùng 85,00 điểm, được phân định theo điểm tiêu chí "
        "“Nội dung”: “Tác phẩm 03”: 50,00 → 1; “Tác phẩm 02”: 46,33 → 2."
    ) in text
    signatures = _lines(minutes)
    assert all(f"GK {name}" in signatures for name in ("Một", "Hai", "Ba", "Bốn", "Năm"))


def test_the_payment_list_and_proposal_carry_the_amounts_and_their_words(tree, tmp_path):
    _five_judges(tree)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    folder = tmp_path / "reports" / "2025-thu"
    sheet = load_workbook(folder / "danh-sach-chi-tra-tien-thuong.xlsx").active
    rows = [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
    assert rows[5] == (1, "Tác giả 03", "UBND xã 2", "Giải Nhất", "Tác phẩm 03", 10_000_000, "Mười triệu đồng", None)
    assert rows[6] == (2, "Tác giả 02", "UBND xã 2", "Giải Nhì", "Tác phẩm 02", 7_000_000, "Bảy triệu đồng", None)
    assert rows[7][0] == "Tổng cộng" and rows[7][5] == 17_000_000  # 10 + 7 million
    assert rows[8][0] == "Tổng số tiền bằng chữ: Mười bảy triệu đồng"
    assert sheet.cell(6, 6).number_format == "#,##0"
    proposal = Document(str(folder / "to-trinh-de-nghi-khen-thuong.docx"))
    text = "\n".join(p.text for p in proposal.paragraphs)
    assert "Tổng số tiền thưởng: 17.000.000 đồng (Bằng chữ: Mười bảy triệu đồng)." in text
    assert _rows(proposal.tables[1])[-1][5] == "17.000.000"
    assert "Kính gửi: UBND huyện." in text  # the plan names no signer: the organizer


def test_a_title_typed_like_a_formula_stays_text_in_the_office_workbooks(tree, tmp_path):
    """openpyxl stores a string starting with "=" as a formula: an entrant's title
    "=HYPERLINK(…)" must reach the payment list and the participation report as text, never run."""
    _five_judges(tree)
    entry_yml = tree.root / "2025-thu" / "e-03" / "entry.yml"
    text = entry_yml.read_text(encoding="utf-8")
    entry_yml.write_text(text.replace("Tác phẩm 03", '"=HYPERLINK(\\"http://evil.example\\")"'), encoding="utf-8")
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    sheet = load_workbook(tmp_path / "reports" / "2025-thu" / "danh-sach-chi-tra-tien-thuong.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str) and "evil" in cell.value]
    assert [(cell.value, cell.data_type) for cell in cells] == [('=HYPERLINK("http://evil.example")', "s")]


def test_a_giay_khen_of_the_chairman_when_the_plan_gives_one(tree, tmp_path, capsys):
    _five_judges(
        tree,
        organizer={"name": "UBND huyện Thử"},
        document={"kind": "Kế hoạch", "signatory": {"title": "Chủ tịch", "name": "Nguyễn Văn Ký"}},
    )
    contest_yml = tree.root / "2025-thu" / "contest.yml"
    data = yaml.safe_load(contest_yml.read_text(encoding="utf-8"))
    data["prizes"]["award_form"] = "Giấy khen của Chủ tịch UBND huyện và tiền thưởng"
    contest_yml.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    assert "PAP002" not in capsys.readouterr().out
    awards = Document(str(tmp_path / "reports" / "2025-thu" / "giay-khen-giay-chung-nhan.docx"))
    text = _lines(awards)
    assert len(awards.sections) == 2
    assert text[:5] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH UBND HUYỆN THỬ",
        "TẶNG",
        "GIẤY KHEN",
    ]
    assert text[5:8] == ["Tác giả 03", "UBND xã 2", "Giải Nhất – Tác phẩm “Tác phẩm 03”"]
    # the decision it is given by, as far as known (the People's Committee's number, the contest's year)
    assert text[9] == "(Theo Quyết định số ……/QĐ-UBND ngày …/…/2025 của UBND huyện Thử)"
    assert "Nguyễn Văn Ký" in text and "TM. BAN TỔ CHỨC" not in text


def test_a_plan_without_an_award_form_gets_the_committees_certificate_and_is_told(tree, tmp_path, capsys):
    _five_judges(tree)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "PAP002" in out and "Giải Nhất, Giải Nhì" in out
    awards = _lines(Document(str(tmp_path / "reports" / "2025-thu" / "giay-khen-giay-chung-nhan.docx")))
    assert awards.count("GIẤY CHỨNG NHẬN") == 2


def test_the_decision_of_a_department_names_its_functions_and_the_rules_the_tool_applied(tree, tmp_path):
    from contest_portal.core.i18n import Text, Translator
    from contest_portal.office.papers.decision import draft_decision
    from contest_portal.pipeline import load_portal

    _five_judges(tree, organizer={"name": "Sở Tư pháp tỉnh Thử", "parent": "UBND tỉnh Thử"})
    contest = load_portal(tree.root, probe=False).contests[0]
    # another stage's notes on rules the plan did not state (any catalogue text renders)
    assert contest.results is not None
    contest.results.applied_defaults = [Text("paper.minutes.own_unit", unit="UBND xã 1")]
    target = draft_decision(contest, tmp_path / "qd.docx", Translator("vi"))
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert (
        "Căn cứ Quyết định số ……/QĐ-…… ngày ……/……/…… của …… quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu "
        "tổ chức của Sở Tư pháp tỉnh Thử;"
    ) in text
    # a decision of 2025 (the contest's year): the Law on Local Government of 2015 no longer stands
    assert "Căn cứ Luật Tổ chức chính quyền địa phương số ……/……/QH…… ngày …… tháng …… năm ……;" in text
    assert "Ghi chú: tác phẩm của đơn vị giám khảo (UBND xã 1)" in text
    assert "SỞ TƯ PHÁP TỈNH THỬ" in Document(str(target)).tables[0].rows[0].cells[0].text


def test_a_paper_that_cannot_be_written_is_said_and_the_others_are_written(tree, tmp_path, capsys):
    _five_judges(tree)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    folder = tmp_path / "reports" / "2025-thu"
    (folder / "to-trinh-de-nghi-khen-thuong.docx").mkdir(parents=True)  # as a file held open: cannot be replaced
    (folder / "to-trinh-de-nghi-khen-thuong.docx" / "x").write_text("x")
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_DATA
    out = capsys.readouterr().out
    assert "PAP001" in out and "to-trinh-de-nghi-khen-thuong.docx" in out and "Traceback" not in out
    assert (folder / "du-thao-quyet-dinh-khen-thuong.docx").is_file()
    assert (folder / "giay-khen-giay-chung-nhan.docx").is_file()
    assert not list(folder.glob("*.tmp"))


# --- a plan's reference, however much of it the plan gives ------------------------------------


@given(
    number=st.sampled_from([None, "/KH-UBND", "12/KH-UBND"]),
    date=st.sampled_from([None, "2024", "2024-Q4", "2024-09", "2024-01-15"]),
    issuer=st.sampled_from([None, "UBND huyện Vĩnh Linh"]),
    title=st.sampled_from([None, "Tổ chức cuộc thi “Video CCHC”", "về cải cách hành chính năm 2024"]),
)
@settings(max_examples=30, deadline=None)
def test_a_reference_says_what_is_known_and_leaves_a_blank_for_the_rest(number, date, issuer, title):
    from contest_portal.core.i18n import Translator
    from contest_portal.formats.schema import DocumentRef
    from contest_portal.office.papers.common import reference

    ref = DocumentRef.model_validate(
        {"kind": "Kế hoạch", "number": number, "date": date, "issuer": issuer, "title": title}
    )
    text = reference(ref, Translator("vi"))
    assert not re.search(r"số /|ngày \d{4}\b|ngày Q|  |\s$", text), text  # no broken phrase
    assert text.startswith("Kế hoạch")
    assert ("số 12/KH-UBND" in text) == (number == "12/KH-UBND") and ("số …/KH-UBND" in text) == (number == "/KH-UBND")
    expected_date = {
        None: None,
        "2024": "ngày …/…/2024",
        "2024-Q4": "ngày …/…/2024",
        "2024-09": "ngày …/09/2024",
        "2024-01-15": "ngày 15/01/2024",
    }[date]
    assert ("ngày" not in text) if expected_date is None else (expected_date in text)
    assert (issuer is None) or "của UBND huyện Vĩnh Linh" in text


def test_the_minutes_say_when_the_tie_breaks_cannot_separate_two_entries(tree, tmp_path):
    _make(tree, _contest([{"id": "nhat", "name": "Giải Nhất", "count": 1}], n_units=2), 2)
    _sheets(tree, 2, score=lambda judge, i: (50, 30))  # 80 each, Nội dung 50 each, no votes
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    minutes = Document(str(tmp_path / "reports" / "2025-thu" / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    text = "\n".join(p.text for p in minutes.paragraphs)
    assert (
        "- Các tác phẩm “Tác phẩm 01”, “Tác phẩm 02” cùng 80,00 điểm, không phân định được theo điểm tiêu chí “Nội dung”, "
        "số lượt bình chọn: cùng xếp hạng 1."
    ) in text
    # Giám khảo Ba sits in UBND xã 1: their score of e-01 is left out (JUR006), and said
    assert (
        "- Điểm của giám khảo Giám khảo Ba cho tác phẩm “Tác phẩm 01” không được tính: tác phẩm của đơn vị giám khảo "
        "(UBND xã 1)."
    ) in text
    assert [row.cells[4].text for row in minutes.tables[1].rows[1:]] == ["Không tính", "80"]


# --- "Nơi nhận" as offices type it -------------------------------------------------------------

_RECIPIENT = st.sampled_from(
    [
        "Sở Nội vụ",
        "TT Huyện ủy",
        "- UBND xã, thị trấn;",
        "Như Điều 3",
        "Lưu: VT, NV",
        "Lưu: VT.",
        "- Lưu VT;",
        "luu: VT",
        "Cổng thông tin điện tử huyện.",
        "",
        "  ",
    ]
)


@given(names=st.lists(_RECIPIENT, max_size=8))
@settings(max_examples=40, deadline=None)
def test_the_recipients_list_each_once_and_the_archive_once_and_last(names):
    from contest_portal.core.i18n import Translator
    from contest_portal.office.papers.common import recipients

    lines = recipients(names, Translator("vi"), first=["Như Điều 3"])
    archives = [line for line in lines if line.lower().startswith(("- lưu", "- luu"))]
    assert len(archives) == 1 and lines[-1] == archives[0] and lines[-1].endswith(".")
    assert lines[0] == "- Như Điều 3;" and len(set(lines)) == len(lines)
    assert all(line.startswith("- ") and line.endswith(";") for line in lines[:-1])
    assert all(";;" not in line and ".;" not in line for line in lines)
    # the plan's own archive line is kept (the first one); none typed: "Lưu: VT"
    typed = [n.strip() for n in names if n.strip().lower().lstrip("- ").startswith(("lưu", "luu"))]
    assert lines[-1] == (f"- {typed[0].lstrip('- ').rstrip(';.')}." if typed else "- Lưu: VT.")


def test_a_contest_decided_by_public_vote_alone_gets_its_papers_but_no_jury_minutes(tree, tmp_path):
    contest = _contest(
        [{"id": "binh-chon", "name": "Giải bình chọn", "count": 1, "amount": 2_000_000, "basis": "public_vote"}],
        n_units=2,
    )
    contest["judging"] = {}
    contest["organization"] = {"people": []}
    _make(tree, contest, 2)
    write_csv(
        tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn", "Nguồn", "Thời điểm"],
        [["e-01", 120, "Fanpage", "2025-10-31 17:00"], ["e-02", 340, "Fanpage", "2025-10-31 17:00"]],
    )
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    folder = tmp_path / "reports" / "2025-thu"
    assert sorted(p.name for p in folder.iterdir()) == [
        "bao-cao-tham-gia-theo-don-vi.xlsx",
        "danh-sach-chi-tra-tien-thuong.xlsx",
        "du-thao-quyet-dinh-khen-thuong.docx",
        "giay-khen-giay-chung-nhan.docx",
        "to-trinh-de-nghi-khen-thuong.docx",
    ]
    rows = [
        row
        for row in load_workbook(folder / "danh-sach-chi-tra-tien-thuong.xlsx").active.iter_rows(values_only=True)
        if row[0] is not None
    ]
    # 340 votes against 120: e-02
    assert rows[5] == (1, "Tác giả 02", "UBND xã 2", "Giải bình chọn", "Tác phẩm 02", 2_000_000, "Hai triệu đồng", None)
