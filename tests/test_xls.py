"""Legacy Excel 97-2003 (.xls) sheets as offices still send them, and files merely named .xls.

The workbooks are real BIFF8 files written by xlwt (the writer of that format), with what an
office's register has: title rows merged across the columns above the header, a unit's name
merged down over its rows, a hidden row, date and time cells, whole numbers typed as numbers.
"""

from __future__ import annotations

from datetime import datetime, time

import pytest
import xlwt
import yaml

from contest_portal.formats.tables import TableError, read_table, xlsx_bytes
from contest_portal.office.register import import_register
from contest_portal.pipeline import load_portal

ALIASES = {
    "entry": ("ma_tac_pham", "ma"),
    "name": ("ho_va_ten",),
    "unit": ("don_vi",),
    "received": ("ngay_nhan",),
    "hour": ("gio",),
    "score": ("diem",),
}


def _register_xls(path, *, hide_row: int | None = None) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("So dang ky")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    time_style = xlwt.easyxf(num_format_str="hh:mm")
    sheet.write_merge(0, 0, 0, 5, "UBND HUYỆN VĨNH LINH")  # row 1: the unit, across the columns
    sheet.write_merge(1, 1, 0, 5, "SỔ ĐĂNG KÝ TÁC PHẨM DỰ THI")  # row 2: the title
    for col, header in enumerate(["Mã tác phẩm", "Họ và tên", "Đơn vị", "Ngày nhận", "Giờ", "Điểm"]):
        sheet.write(3, col, header)  # row 4: the header, below an empty row 3
    sheet.write(4, 0, 7)  # a number typed as the id
    sheet.write(4, 1, "Nguyễn Văn Hoà")
    sheet.write_merge(4, 6, 2, 2, "Xã Vĩnh Hòa")  # the unit merged down over rows 5-7
    sheet.write(4, 3, datetime(2025, 5, 20, 9, 30), date_style)
    sheet.write(4, 4, time(16, 30), time_style)
    sheet.write(4, 5, 8.5)
    sheet.write(5, 0, "e-02")
    sheet.write(5, 1, "Trần Thị Bình")
    sheet.write(6, 0, "e-03")
    sheet.write(6, 1, "Lê Văn Cường")
    if hide_row is not None:
        sheet.row(hide_row - 1).hidden = True
    book.save(str(path))


def test_a_legacy_xls_register_is_read_as_its_xlsx_would_be(tmp_path):
    path = tmp_path / "so-dang-ky.xls"
    _register_xls(path, hide_row=6)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real OLE2/BIFF file
    table = read_table(path, ALIASES, required=("entry", "name"))
    assert table.header_row == 4
    assert [(r.number, r.get("entry"), r.get("name"), r.get("unit")) for r in table] == [
        (5, 7, "Nguyễn Văn Hoà", "Xã Vĩnh Hòa"),
        # row 6 is hidden: skipped
        (7, "e-03", "Lê Văn Cường", "Xã Vĩnh Hòa"),  # the merged unit reaches its last row
    ]
    first = table[0]
    assert first.get("received") == datetime(2025, 5, 20, 9, 30)
    assert first.get("hour") == time(16, 30)
    assert first.get("score") == 8.5
    assert isinstance(first.get("entry"), int)  # 7, as openpyxl gives a whole number, not 7.0


def test_an_xls_register_is_imported_as_entries(tree, tmp_path):
    tree.contest()
    contest = load_portal(tree.root, probe=False).contests[0]
    path = tmp_path / "so-dang-ky.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write_merge(0, 0, 0, 3, "SỔ ĐĂNG KÝ")
    for col, header in enumerate(["Tên tác phẩm", "Họ và tên", "Đơn vị", "Ngày nhận"]):
        sheet.write(2, col, header)
    sheet.write(3, 0, "Một cửa thân thiện")
    sheet.write(3, 1, "Nguyễn Văn An")
    sheet.write(3, 2, "UBND xã A")
    sheet.write(3, 3, datetime(2025, 5, 20, 9, 30), xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm"))
    book.save(str(path))
    report = import_register(contest, path)
    assert report.problems == [] and report.created == ["mot-cua-than-thien"]
    entry = yaml.safe_load(
        (tree.root / "2025-thu-nghiem" / "mot-cua-than-thien" / "entry.yml").read_text(encoding="utf-8")
    )
    assert entry["title"] == "Một cửa thân thiện" and entry["authors"] == [{"name": "Nguyễn Văn An"}]
    assert entry["unit"] == "xa-a" and entry["received"] == "2025-05-20 09:30"


def test_an_xlsx_renamed_xls_is_read(tmp_path):
    path = tmp_path / "bang.xls"
    path.write_bytes(xlsx_bytes(["Mã", "Điểm"], [["e-01", 9]]))
    assert [r.values for r in read_table(path, ALIASES)] == [{"entry": "e-01", "score": 9}]


def test_tab_separated_unicode_text_named_xls_is_read(tmp_path):
    # what many web systems export, and Excel's "Unicode Text" renamed .xls
    path = tmp_path / "bang.xls"
    path.write_bytes("Mã\tHọ và tên\r\ne-01\tPhạm Thị Dung\r\n".encode("utf-16"))
    assert [r.values for r in read_table(path, ALIASES)] == [{"entry": "e-01", "name": "Phạm Thị Dung"}]


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><table><tr><td>M\xc3\xa3</td></tr></table></body></html>",
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
    ],
)
def test_a_web_page_named_xls_says_to_save_it_as_xlsx(tmp_path, data):
    path = tmp_path / "bang.xls"
    path.write_bytes(data)
    with pytest.raises(TableError) as caught:
        read_table(path, ALIASES)
    assert "(.xlsx)" in str(caught.value.detail) and "trang web" in str(caught.value.detail)


def test_a_damaged_xls_is_a_table_error_not_a_traceback(tmp_path):
    path = tmp_path / "bang.xls"
    _register_xls(path)
    data = path.read_bytes()
    path.write_bytes(data[:600])  # cut off, as an interrupted e-mail attachment
    with pytest.raises(TableError) as caught:
        read_table(path, ALIASES)
    assert str(caught.value.detail).startswith("XLS: ")


def test_a_quiz_kept_as_xls_is_read_with_its_time_cells(tmp_path):
    from types import SimpleNamespace
    from typing import cast

    from contest_portal.formats.sheets import RESULTS_FOLDER, QuizRow, read_quiz
    from contest_portal.model import ContestRecord

    (tmp_path / RESULTS_FOLDER).mkdir()
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Ket qua")
    for col, header in enumerate(["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"]):
        sheet.write(0, col, header)
    minutes = xlwt.easyxf(num_format_str="mm:ss")
    sheet.write(1, 0, "Trần Thị An")
    sheet.write(1, 1, "Xã 1")
    sheet.write(1, 2, 19)
    sheet.write(1, 3, time(0, 2, 35), minutes)  # 2 min 35 s typed as a time cell
    book.save(str(tmp_path / RESULTS_FOLDER / "trac-nghiem.xls"))
    # a stand-in with only what read_quiz reads
    contest = cast(ContestRecord, SimpleNamespace(folder=tmp_path, slug="2025-thu", invalid_ids=set(), entries=[]))
    rows, problems = read_quiz(contest)
    assert problems == []
    assert rows == [QuizRow("Trần Thị An", "Xã 1", 19, 155.0, 2)]
