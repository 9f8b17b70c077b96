"""Spreadsheets as offices save them: CSV with or without BOM, with ; or , or tabs, legacy encodings, XLSX."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from contest_portal.formats.tables import TableError, read_table, write_csv, xlsx_bytes

ALIASES = {"entry": ("ma_tac_pham", "ma"), "name": ("ho_va_ten", "ho_ten"), "score": ("diem",)}


def _csv(tmp_path, data: bytes):
    path = tmp_path / "bang.csv"
    path.write_bytes(data)
    return path


def test_csv_with_a_utf8_bom_keeps_its_first_header(tmp_path):
    path = _csv(tmp_path, "\ufeffMã tác phẩm,Họ và tên,Điểm\r\ne-01,Nguyễn Văn An,8\r\n".encode("utf-8"))
    [row] = read_table(path, ALIASES, required=("entry",))
    assert row.number == 2
    assert row.values == {"entry": "e-01", "name": "Nguyễn Văn An", "score": "8"}


def test_semicolon_separated_csv_with_decimal_commas(tmp_path):
    path = _csv(tmp_path, "MA TAC PHAM;Ho ten;Diem\ne-01;Trần Thị Bình;8,5\ne-02;Lê Văn Cường;7\n".encode())
    rows = read_table(path, ALIASES, required=("entry", "score"))
    assert [(r.number, r.get("entry"), r.get("name"), r.get("score")) for r in rows] == [
        (2, "e-01", "Trần Thị Bình", "8,5"), (3, "e-02", "Lê Văn Cường", "7")]
    assert not any(r.extra for r in rows)


def test_tab_separated_csv(tmp_path):
    path = _csv(tmp_path, "Mã\tĐiểm\ne-03\t9\n".encode())
    assert [r.values for r in read_table(path, ALIASES)] == [{"entry": "e-03", "score": "9"}]


def test_windows_1258_csv_is_read_as_composed_vietnamese(tmp_path):
    # Windows-1258 writes tone marks as combining characters: "Hồ" is H + ô + grave accent
    text = "Mã,Họ và tên\ne-01,Nguyễn Văn Hồ\n"
    legacy = unicodedata.normalize("NFD", text)
    for base, composed in (("o\u0302", "ô"), ("e\u0302", "ê"), ("a\u0306", "ă")):  # precomposed in 1258
        legacy = legacy.replace(base, composed)
    path = _csv(tmp_path, legacy.encode("cp1258"))
    [row] = read_table(path, ALIASES)
    assert row.get("name") == "Nguyễn Văn Hồ"
    assert unicodedata.is_normalized("NFC", row.get("name"))


def test_xlsx_keeps_numbers_and_dates_and_skips_blank_rows(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã tác phẩm", "Điểm", "Ngày nhận"])
    sheet.append(["e-01", 8.5, datetime(2025, 5, 20, 9, 30)])
    sheet.append([None, None, None])
    sheet.append(["  e-02  ", 7, None])
    path = tmp_path / "bang.xlsx"
    workbook.save(path)
    rows = read_table(path, ALIASES)
    assert [r.number for r in rows] == [2, 4]  # row numbers as the spreadsheet shows them
    assert rows[0].get("score") == 8.5 and rows[0].get("ngay_nhan") == datetime(2025, 5, 20, 9, 30)
    assert rows[1].get("entry") == "e-02" and rows[1].get("score") == 7


def test_a_row_longer_than_its_header_is_flagged(tmp_path):
    path = _csv(tmp_path, b"Ma,Diem\ne-01,8,5\ne-02,7\n")  # a decimal comma in a comma-separated file
    rows = read_table(path, ALIASES)
    assert [(r.get("entry"), r.extra) for r in rows] == [("e-01", True), ("e-02", False)]


def test_missing_required_columns_are_named(tmp_path):
    path = _csv(tmp_path, "Họ và tên\nA\n".encode())
    with pytest.raises(TableError) as caught:
        read_table(path, ALIASES, required=("entry", "name", "score"))
    assert caught.value.line == 1 and str(caught.value.detail).endswith(": entry, score")


@pytest.mark.parametrize("name, data, words", [
    ("bang.csv", None, "đổi đuôi thành .xlsx"),        # a workbook saved under a .csv name
    ("bang.xlsx", b"not a zip", "XLSX"),          # a damaged workbook
    ("bang.ods", b"x", ".ods"),
    ("khong-co.csv", "missing", "No such file"),
])
def test_files_that_cannot_be_read_raise_table_error(tmp_path, name, data, words):
    path = tmp_path / name
    if data is None:
        Workbook().save(path)
    elif data != "missing":
        path.write_bytes(data)
    with pytest.raises(TableError) as caught:
        read_table(path, ALIASES)
    assert words in str(caught.value.detail)  # (the default language, Vietnamese)


def test_written_csv_opens_in_excel_and_never_holds_a_formula(tmp_path):
    path = write_csv(tmp_path / "ra.csv", ["Tên", "Điểm"], [["=HYPERLINK(\"http://x\")", 8], ["+84 912", None],
                                                           ["Bình thường", 7.5]])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["Tên", "Điểm"], ["'=HYPERLINK(\"http://x\")", "8"], ["'+84 912", ""], ["Bình thường", "7.5"]]


def test_xlsx_bytes_are_reproducible_when_dated_and_text_stays_text(tmp_path):
    moment = datetime(2025, 1, 1)
    first = xlsx_bytes(["Tên"], [["=1+1"], ["Giải Nhất"]], "Kết quả", dated=moment)
    assert first == xlsx_bytes(["Tên"], [["=1+1"], ["Giải Nhất"]], "Kết quả", dated=moment)
    path = tmp_path / "kq.xlsx"
    path.write_bytes(first)
    sheet = load_workbook(path).active
    assert sheet.title == "Kết quả" and sheet["A1"].font.bold
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"  # shown as text, never computed
