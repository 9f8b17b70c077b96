"""The documents the office drafts after the jury (issue 19): the award decision (DOCX, Decree
30/2020/NĐ-CP layout) and the participation report per unit (XLSX), read back as a clerk would."""

from __future__ import annotations

from docx import Document
from openpyxl import load_workbook

import build as cli
from contest_portal.office.drafts import amount_in_words

from .conftest import write_mkdocs_yml
from .test_results import _contest, _make, _sheets

TIERS = [{"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 10_000_000},
         {"id": "nhi", "name": "Giải Nhì", "count": 2, "amount": 7_000_000},
         {"id": "ba", "name": "Giải Ba", "count": 3, "amount": 5_000_000},
         {"id": "kk", "name": "Giải Khuyến khích", "count": 4, "amount": 3_000_000}]


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
    contest["document"] = {"kind": "Kế hoạch", "number": "12/KH-UBND", "issuer": "UBND huyện Thử",
                           "place": "Thử Nghiệm", "recipients": ["Thường trực Huyện ủy", "Các đơn vị dự thi"],
                           "signatory": {"on_behalf": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH",
                                         "name": "Nguyễn Văn Ký"}}
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
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;" in text
    assert "Căn cứ Kế hoạch số 12/KH-UBND của UBND huyện Thử" in text
    # 10 + 2 × 7 + 3 × 5 + 4 × 3 = 51 million, ten winners
    assert "Điều 1. Khen thưởng 10 tập thể, cá nhân" in text
    assert "Tổng số tiền thưởng: 51.000.000 đồng (Bằng chữ: Năm mươi mốt triệu đồng)." in text
    assert "Bằng chữ: Năm mươi mốt triệu đồng." in text
    signature = decision.tables[1].rows[0].cells
    assert "Thường trực Huyện ủy" in signature[0].text and "Nguyễn Văn Ký" in signature[1].text
    annex = [[cell.text for cell in row.cells] for row in decision.tables[2].rows]
    assert annex[1] == ["1", "Giải Nhất", "Tác phẩm 01", "Tác giả 01", "UBND xã 1", "10.000.000", ""]
    assert annex[2][:3] == ["2", "Giải Nhì", "Tác phẩm 02"] and annex[10][:3] == ["10", "Giải Khuyến khích",
                                                                                  "Tác phẩm 10"]
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
