"""Spreadsheets as offices save them: CSV with or without BOM, with ; or , or tabs, legacy encodings, XLSX."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
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
        (2, "e-01", "Trần Thị Bình", "8,5"),
        (3, "e-02", "Lê Văn Cường", "7"),
    ]
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
    name = row.get("name")
    assert name == "Nguyễn Văn Hồ" and isinstance(name, str)
    assert unicodedata.is_normalized("NFC", name)


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


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("bang.csv", None, "đổi đuôi thành .xlsx"),  # a workbook saved under a .csv name
        ("bang.xlsx", b"not a zip", "XLSX"),  # a damaged workbook
        ("bang.ods", b"x", ".ods"),
        ("khong-co.csv", "missing", "No such file"),
    ],
)
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
    path = write_csv(
        tmp_path / "ra.csv", ["Tên", "Điểm"], [['=HYPERLINK("http://x")', 8], ["+84 912", None], ["Bình thường", 7.5]]
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["Tên", "Điểm"], ['\'=HYPERLINK("http://x")', "8"], ["'+84 912", ""], ["Bình thường", "7.5"]]


def test_xlsx_bytes_are_reproducible_when_dated_and_text_stays_text(tmp_path):
    moment = datetime(2025, 1, 1)
    first = xlsx_bytes(["Tên"], [["=1+1"], ["Giải Nhất"]], "Kết quả", dated=moment)
    assert first == xlsx_bytes(["Tên"], [["=1+1"], ["Giải Nhất"]], "Kết quả", dated=moment)
    path = tmp_path / "kq.xlsx"
    path.write_bytes(first)
    sheet = load_workbook(path).active
    assert sheet.title == "Kết quả" and sheet["A1"].font.bold
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"  # shown as text, never computed


# --- tables as offices really make them (issue 17) ----------------------------------------------

REGISTER = {"title": ("ten_tac_pham",), "name": ("ho_va_ten",), "unit": ("don_vi",), "number": ("stt",)}


def test_excel_unicode_text_is_utf16le_with_a_bom_and_tabs(tmp_path):
    text = "STT\tHọ và tên\tĐơn vị\tTên tác phẩm\r\n1\tNguyễn Thị Thuỷ\tUBND xã Vĩnh Hoà\tMột cửa, điện tử\r\n"
    path = _csv(tmp_path, b"\xff\xfe" + text.encode("utf-16-le"))
    table = read_table(path, REGISTER, required=("title", "name", "unit"))
    assert table.encoding == "utf-16"
    assert [r.values for r in table] == [
        {"number": "1", "name": "Nguyễn Thị Thuỷ", "unit": "UBND xã Vĩnh Hoà", "title": "Một cửa, điện tử"}
    ]


def test_bytes_that_are_no_text_are_refused_not_read_as_windows_1258(tmp_path):
    noise = bytes((i * 151 + 17) % 256 for i in range(3000))  # no BOM, not UTF-8, not text
    with pytest.raises(TableError) as caught:
        read_table(_csv(tmp_path, b"Ma,Diem\n" + noise), ALIASES)
    assert "bảng mã" in str(caught.value.detail)


# "Họ và tên, Tên tác phẩm, Đơn vị / Nguyễn Thị Mẫu, Một cửa điện tử, UBND xã Vĩnh Hòa" as the
# bytes a TCVN3 (.VnTime) and a VNI (VNI-Times) keyboard produce, worked out from the code tables.
TCVN3_LINES = [
    b"H\xe4 v\xb5 t\xaan;T\xaan t\xb8c ph\xc8m;\xa7\xacn v\xde",
    b"Nguy\xd4n Th\xde M\xc9u;M\xe9t c\xf6a \xaei\xd6n t\xf6;UBND x\xb7 V\xdcnh H\xdfa",
]
VNI_LINES = [
    b"Ho\xef va\xf8 te\xe2n;Te\xe2n ta\xf9c pha\xe5m;\xd1\xf4n v\xf2",
    b"Nguye\xe3n Th\xf2 Ma\xe3u;Mo\xe4t c\xf6\xfba \xf1ie\xe4n t\xf6\xfb;UBND xa\xf5 V\xf3nh Ho\xf8a",
]


@pytest.mark.parametrize("lines, encoding", [(TCVN3_LINES, "TCVN3"), (VNI_LINES, "VNI")])
def test_legacy_vietnamese_csv_is_converted_and_said(tmp_path, lines, encoding):
    table = read_table(_csv(tmp_path, b"\r\n".join(lines) + b"\r\n"), REGISTER, required=("title", "name", "unit"))
    assert table.legacy == encoding
    assert [r.values for r in table] == [
        {"name": "Nguyễn Thị Mẫu", "title": "Một cửa điện tử", "unit": "UBND xã Vĩnh Hòa"}
    ]


def test_legacy_text_typed_into_an_xlsx_with_a_legacy_font_is_converted(tmp_path):
    workbook = Workbook()
    for line in TCVN3_LINES:
        workbook.active.append(line.decode("cp1252").split(";"))  # what Excel stores from the keyboard
    path = tmp_path / "so.xlsx"
    workbook.save(path)
    table = read_table(path, REGISTER, required=("title", "name", "unit"))
    assert table.legacy == "TCVN3" and table[0].get("name") == "Nguyễn Thị Mẫu"


def test_unicode_text_with_new_style_tone_marks_is_not_taken_for_vni(tmp_path):
    path = _csv(tmp_path, "Họ và tên,Đơn vị\nLê Hoà,Quân\nTrần Quá,Hoá\nVõ Toà,Xoá\n".encode())
    table = read_table(path, REGISTER)
    assert table.legacy is None and table[0].get("name") == "Lê Hoà"


def _office_register(path, *, hidden_row=None):
    """A register as an office types it: unit, motto and title rows merged across the columns, the
    header on row 5, the unit's name merged over the rows of its entries, a signature line."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["UBND HUYỆN CAM LỘ", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.append(["DANH SÁCH TÁC PHẨM DỰ THI VIDEO CẢI CÁCH HÀNH CHÍNH NĂM 2025"])
    sheet.append([])
    sheet.append(["STT", "Đơn vị", "Họ và tên", "Tên tác phẩm"])
    sheet.append([1, "UBND xã Cam Hiếu", "Lê Văn A", "Một cửa"])
    sheet.append([2, None, "Trần Thị B", "Dịch vụ công"])
    sheet.append([3, None, "Võ Văn C", "Bản nháp"])
    sheet.append([4, "Thị trấn Cam Lộ", "Hồ Thị D", "Chuyển đổi số"])
    sheet.append([])
    sheet.append([None, None, "Người lập biểu"])
    for cells in ("A1:C1", "D1:F1", "D2:F2", "A3:F3", "B6:B8"):
        sheet.merge_cells(cells)
    if hidden_row:
        sheet.row_dimensions[hidden_row].hidden = True
    workbook.save(path)
    return path


def test_header_below_title_rows_merged_cells_filled_and_hidden_rows_skipped(tmp_path):
    path = _office_register(tmp_path / "so.xlsx", hidden_row=8)
    table = read_table(path, REGISTER, required=("title", "name", "unit"))
    assert table.header_row == 5
    assert [(r.number, r.get("unit"), r.get("name")) for r in table] == [
        (6, "UBND xã Cam Hiếu", "Lê Văn A"),
        (7, "UBND xã Cam Hiếu", "Trần Thị B"),
        (9, "Thị trấn Cam Lộ", "Hồ Thị D"),
    ]
    assert table.skipped == [(11, "signature")]  # the preparer's title under the table: no entry


def test_a_missing_column_is_named_as_the_office_knows_it_on_the_header_row(tmp_path):
    path = _office_register(tmp_path / "so.xlsx")
    with pytest.raises(TableError) as caught:
        read_table(
            path, {**REGISTER, "video": ("tep_video",)}, required=("title", "video"), labels={"video": "Tệp video"}
        )
    assert caught.value.line == 5 and str(caught.value.detail) == "thiếu cột: Tệp video"


def test_semicolon_csv_with_a_title_row_and_commas_in_titles(tmp_path):
    text = "Danh sách tác phẩm;;;\nSTT;Họ và tên;Đơn vị;Tên tác phẩm\n1;Lê A;Xã 1;Một cửa, một cửa liên thông\n"
    table = read_table(_csv(tmp_path, text.encode("utf-8-sig")), REGISTER, required=("title",))
    assert table.header_row == 2 and [r.get("title") for r in table] == ["Một cửa, một cửa liên thông"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_found_by_charset_normalizer(tmp_path, codec):
    text = "Họ và tên\tĐơn vị\tTên tác phẩm\r\nNguyễn Thị Thuỷ\tUBND xã Vĩnh Hoà\tMột cửa điện tử\r\n" * 3
    table = read_table(_csv(tmp_path, text.encode(codec)), REGISTER, required=("title", "name", "unit"))
    assert table.encoding is not None and table.encoding.startswith("utf_16")
    assert table[0].values == {"name": "Nguyễn Thị Thuỷ", "unit": "UBND xã Vĩnh Hoà", "title": "Một cửa điện tử"}


def test_windows_1258_register_with_title_row_is_found_by_charset_normalizer(tmp_path):
    text = "Sổ đăng ký tác phẩm\nHọ và tên,Đơn vị,Tên tác phẩm\nNguyễn Văn Hồ,Thị trấn Cam Lộ,Cải cách hành chính\n"
    legacy_bytes = b""
    for char in text:  # Windows-1258 has no precomposed toned letters: base letter, then the tone
        try:
            legacy_bytes += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base, marks = decomposed[0], decomposed[1:]
            composed = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
            legacy_bytes += composed.encode("cp1258") + "".join(
                m for m in marks if m not in "\u0302\u0306\u031b"
            ).encode("cp1258")
    table = read_table(_csv(tmp_path, legacy_bytes), REGISTER, required=("title", "name", "unit"))
    assert table.encoding == "cp1258" and table.header_row == 2
    assert table[0].values == {"name": "Nguyễn Văn Hồ", "unit": "Thị trấn Cam Lộ", "title": "Cải cách hành chính"}


def test_a_windows_1258_register_with_many_toned_names_is_not_taken_for_tcvn3_or_vni(tmp_path):
    """Read as Windows-1252, Windows-1258 bytes of a long register look like TCVN3 or VNI to the
    legacy detector ("Sôì", "xaÞ"); the tones after vowels tell them apart (issue 29's pasted plans)."""
    from .test_plan import cp1258

    names = [
        "Nguyễn Thị Thu Hà",
        "Trần Văn Bảy",
        "Lê Thị Mỹ Dung",
        "Phạm Quốc Việt",
        "Hoàng Thị Ngọc Ánh",
        "Võ Văn Tâm",
        "Đặng Thị Liễu",
        "Bùi Xuân Trường",
    ]
    text = "Mã,Họ và tên\r\n" + "".join(f"e-{i:02d},{name}\r\n" for i, name in enumerate(names, start=1))
    path = _csv(tmp_path, cp1258(text))
    assert [row.get("name") for row in read_table(path, ALIASES)] == names


def test_when_no_sheet_has_the_columns_the_error_names_every_sheet(tmp_path):
    workbook = Workbook()
    workbook.active.title = "Bìa"
    workbook.active.append(["SỔ ĐĂNG KÝ"])
    workbook.create_sheet("Tổng hợp").append(["Đơn vị", "Số tác phẩm"])
    path = tmp_path / "so.xlsx"
    workbook.save(path)
    with pytest.raises(TableError) as caught:
        read_table(path, REGISTER, required=("title", "name", "unit"))
    detail = str(caught.value.detail)
    assert "'Bìa', 'Tổng hợp'" in detail and "title, name" in detail


def test_titles_that_begin_like_a_total_or_a_signature_stay_data(tmp_path):
    path = _csv(
        tmp_path,
        "Mã;Họ và tên;Điểm\ne-01;Cộng đồng số;8\ne-02;Tổng hợp ý kiến;7\ne-03;Người lập nghiệp;9\n"
        "Tổng cộng;;24\nCộng: 3;;\n;NGƯỜI LẬP BIỂU;\n;Lê Văn Lập;\n".encode(),
    )
    table = read_table(path, ALIASES, required=("entry",))
    assert [r.get("name") for r in table] == ["Cộng đồng số", "Tổng hợp ý kiến", "Người lập nghiệp"]
    assert table.skipped == [(5, "total"), (6, "total"), (7, "signature"), (8, "signature")]


def test_sheets_after_the_list_are_never_read(tmp_path):
    """The list is on the first sheet; a second sheet (here one no reader could parse: a data dump
    of any size costs the same) is not read at all."""
    workbook = Workbook()
    workbook.active.append(["Mã tác phẩm", "Họ và tên"])
    workbook.active.append(["e-01", "Lê Văn A"])
    workbook.create_sheet("Dữ liệu").append(["x"])
    made = tmp_path / "made.xlsx"
    workbook.save(made)
    path = tmp_path / "so.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet2.xml"):  # its declared range, then rows cut off
                data = data[: data.index(b"<sheetData>")] + b"<sheetData><row r="
            target.writestr(item, data)
    assert [r.values for r in read_table(path, ALIASES, required=("entry",))] == [{"entry": "e-01", "name": "Lê Văn A"}]
    with pytest.raises(TableError):  # (the second sheet is indeed unreadable: asked for, it fails)
        read_table(path, ALIASES, required=("score",))


# Damaged parts on which openpyxl 3.1 raises no error type of its own but lxml's XMLSyntaxError, KeyError,
# the standard library's ParseError or ValueError: the reason formats/workbook.py's excepts are blind.
@pytest.mark.parametrize(
    ("part", "damage"),
    [
        ("xl/workbook.xml", lambda data: b"<workbook"),  # lxml.etree.XMLSyntaxError, while opening
        ("xl/workbook.xml", lambda data: None),  # KeyError: the part is missing, while opening
        ("xl/worksheets/sheet1.xml", lambda data: b"<worksheet><sheetData><row>"),  # ParseError, while reading
        ("xl/worksheets/sheet1.xml", lambda data: data.replace(b'r="A1"', b'r="1A"')),  # ValueError, while reading
    ],
    ids=["workbook-not-xml", "workbook-missing", "sheet-cut-off", "wrong-cell-reference"],
)
def test_a_damaged_xlsx_is_a_table_error_not_a_traceback(tmp_path, part: str, damage) -> None:
    workbook = Workbook()
    workbook.active.append(["Mã tác phẩm", "Họ và tên"])
    workbook.active.append(["e-01", "Lê Văn A"])
    made = tmp_path / "made.xlsx"
    workbook.save(made)
    path = tmp_path / "so.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = damage(source.read(item)) if item.filename == part else source.read(item)
            if data is not None:
                target.writestr(item, data)
    with pytest.raises(TableError) as caught:
        read_table(path, ALIASES)
    assert str(caught.value.detail).startswith("XLSX: ")
