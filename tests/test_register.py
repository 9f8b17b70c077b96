"""import-register: the optional columns, unit matching and what goes to private.yml only."""

from __future__ import annotations

import zipfile
from datetime import datetime

import pytest
import yaml
from openpyxl import Workbook

import build as cli
from contest_portal.formats.tables import write_csv
from contest_portal.office.register import import_register
from contest_portal.pipeline import load_portal

from .conftest import write_mkdocs_yml


def _contest(tree):
    tree.contest()
    return load_portal(tree.root, probe=False).contests[0]


def _xlsx(path, header, rows):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _read(tree, entry: str, name: str) -> dict:
    return yaml.safe_load((tree.root / "2025-thu-nghiem" / entry / name).read_text(encoding="utf-8"))


def test_group_entry_with_id_received_time_and_contacts(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Mã", "Tên tác phẩm", "Tên nhóm", "Họ và tên", "Đơn vị", "Ngày nhận", "Email", "CCCD"],
        [
            [
                "vl-07",
                "Một cửa số",
                "Nhóm Tuổi trẻ",
                "Lê Văn A\nTrần Thị B",
                "UBND xã B",
                datetime(2025, 5, 20, 9, 30),
                "a@example.vn; b@example.vn",
                45678901234,
            ]
        ],
    )
    report = import_register(contest, register)
    assert report.problems == [] and report.created == ["vl-07"]
    entry = _read(tree, "vl-07", "entry.yml")
    assert entry == {
        "title": "Một cửa số",
        "authors": [{"name": "Lê Văn A"}, {"name": "Trần Thị B"}],
        "unit": "xa-b",
        "group": "Nhóm Tuổi trẻ",
        "entrant": "group",
        "received": "2025-05-20 09:30",
        "kind": "video",
    }
    private = _read(tree, "vl-07", "private.yml")
    assert private == {
        "contacts": [
            {"name": "Lê Văn A", "email": "a@example.vn", "id_number": "045678901234"},
            {"name": "Trần Thị B", "email": "b@example.vn"},
        ]
    }


def test_unit_written_with_other_case_and_spaces_or_as_its_id(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ tên", "Cơ quan"],
        [
            ["Bài một", "Nguyễn Văn A", "ubnd   XÃ a"],
            ["Bài hai", "Nguyễn Văn B", "xa-b"],
            ["Bài ba", "Nguyễn Văn C", "UBND xa A"],
        ],
    )  # diacritics are part of the name
    report = import_register(contest, register)
    assert sorted(report.created) == ["bai-hai", "bai-mot"]
    assert _read(tree, "bai-mot", "entry.yml")["unit"] == "xa-a"
    assert _read(tree, "bai-hai", "entry.yml")["unit"] == "xa-b"
    assert [(p.code, p.where.line, p.values["unit"]) for p in report.problems] == [("REG003", 4, "UBND xa A")]


def test_an_imported_entry_validates_once_its_video_and_consent_are_added(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Số điện thoại"],
        [["Dịch vụ công", "Nguyễn Văn A", "UBND xã A", "0912 345 678"]],
    )
    assert import_register(contest, register).created == ["dich-vu-cong"]
    assert "0912 345 678" not in (tree.root / "2025-thu-nghiem" / "dich-vu-cong" / "entry.yml").read_text(
        encoding="utf-8"
    )
    tree.entry(
        slug="dich-vu-cong",
        text=(tree.root / "2025-thu-nghiem" / "dich-vu-cong" / "entry.yml").read_text(encoding="utf-8")
        + "video: video.mp4\nconsent: {publication: true}\n",
    )
    portal = load_portal(tree.root, cache_dir=tmp_path / ".cache")
    assert portal.all_problems() == []
    assert [e.slug for e in portal.contests[0].published_entries] == ["dich-vu-cong"]


def test_the_command_needs_an_existing_register_file(tree, tmp_path, capsys):
    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    capsys.readouterr()
    assert (
        cli.main(
            ["import-register", str(tmp_path / "khong-co.xlsx"), "--contest", "2025-thu-nghiem", "-f", str(config)]
        )
        == 2
    )
    assert "Không thấy tệp" in capsys.readouterr().err  # the file named does not exist: said so
    assert [p.name for p in (tree.root / "2025-thu-nghiem").iterdir()] == ["contest.yml"]


# --- registers as offices really make them (issue 17) ------------------------------------------

from .conftest import MINIMAL_CONTEST  # noqa: E402

OFFICE_CONTEST = MINIMAL_CONTEST.replace(
    "  - {id: xa-a, name: UBND xã A, category: xa}\n  - {id: xa-b, name: UBND xã B, category: xa}\n",
    "  - {id: vinh-hoa, name: Ủy ban nhân dân xã Vĩnh Hòa, category: xa}\n"
    "  - {id: cam-lo, name: Thị trấn Cam Lộ, category: xa}\n"
    "  - {id: hai-an, name: UBND xã Hải An, category: xa}\n",
)


def _office(tree):
    tree.contest(text=OFFICE_CONTEST)
    return load_portal(tree.root, probe=False).contests[0]


def _office_workbook(path, rows, header=("STT", "Đơn vị", "Họ và tên", "Tên tác phẩm", "Ngày nhận")):
    """The unit's name, the motto and a title merged across the columns; the header on row 5; the
    unit merged over the rows of its entries (B6:B7)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["UBND HUYỆN CAM LỘ", None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.append(["SỔ ĐĂNG KÝ TÁC PHẨM DỰ THI"])
    sheet.append([])
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    for cells in ("A1:B1", "C1:E1", "C2:E2", "A3:E3", "B6:B7"):
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def test_an_office_register_with_title_rows_merged_units_and_excel_dates(tree, tmp_path):
    contest = _office(tree)
    register = _office_workbook(
        tmp_path / "so.xlsx",
        [
            [1, "UBND xã Vĩnh Hoà", "Nguyễn Thị Thuỷ", "Một cửa", "24/01/2025 16:30"],
            [2, None, "Lê Văn Khoẻ", "Dịch vụ công", 45681.6875],  # an Excel serial
            [3, "TT Cam Lộ", "Hồ Thị Uỷ", "Chuyển đổi số", datetime(2025, 1, 25, 8, 5)],
            [4, "UBND xã Hải An", "Võ Văn Hoà", "Đường dây nóng", "16h30 ngày 26/01/2025"],
        ],
    )
    report = import_register(contest, register)
    assert report.problems == []
    assert sorted(report.created) == ["chuyen-doi-so", "dich-vu-cong", "duong-day-nong", "mot-cua"]
    assert [
        (_read(tree, slug, "entry.yml")["unit"], _read(tree, slug, "entry.yml")["received"])
        for slug in ("mot-cua", "dich-vu-cong", "chuyen-doi-so", "duong-day-nong")
    ] == [
        ("vinh-hoa", "2025-01-24 16:30"),
        ("vinh-hoa", "2025-01-24 16:30"),
        ("cam-lo", "2025-01-25 08:05"),
        ("hai-an", "2025-01-26 16:30"),
    ]
    portal = load_portal(tree.root, probe=False)
    assert not [p for p in portal.all_problems() if p.code == "SCH004"]  # validate reads what was written


def test_an_unreadable_date_is_reported_at_import_with_its_row_and_column(tree, tmp_path):
    contest = _office(tree)
    register = _office_workbook(
        tmp_path / "so.xlsx",
        [[1, "UBND xã Hải An", "Lê A", "Bài một", "hôm qua"], [2, "UBND xã Hải An", "Lê B", "Bài hai", "31/02/2025"]],
    )
    report = import_register(contest, register)
    assert report.created == []
    assert [(p.code, p.where.line, p.where.column, p.values["value"]) for p in report.problems] == [
        ("REG006", 6, 5, "hôm qua"),
        ("REG006", 7, 5, "31/02/2025"),
    ]  # column E
    assert report.problems[1].message("vi") == (
        "Dòng 7, cột 'Ngày nhận': không đọc được giá trị '31/02/2025': ngày không tồn tại: 31/02/2025"
    )


def test_a_unit_near_a_listed_one_gets_did_you_mean(tree, tmp_path):
    contest = _office(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ và tên", "Đơn vị"],
        [["Bài một", "Lê A", "UBND xã Hải Ann"], ["Bài hai", "Lê B", "UBND xã Vinh Hoa"]],
    )
    problems = import_register(contest, register).problems
    assert [(p.code, p.where.line) for p in problems] == [("REG003", 2), ("REG003", 3)]
    assert problems[0].message("vi").endswith("— có phải 'UBND xã Hải An'?")
    assert "Vĩnh Hòa" in problems[1].message("vi")  # offered, not taken: "Vinh Hoa" has no diacritics


def test_excel_unicode_text_register_imports(tree, tmp_path):
    contest = _office(tree)
    text = "STT\tHọ và tên\tĐơn vị\tTên tác phẩm\tSố điện thoại\r\n1\tNguyễn Văn An\tUBND xã Hải An\tMột cửa\t912345678\r\n"
    register = tmp_path / "so.csv"
    register.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    report = import_register(contest, register)
    assert report.problems == [] and report.created == ["mot-cua"]
    assert _read(tree, "mot-cua", "private.yml")["contacts"] == [{"name": "Nguyễn Văn An", "phone": "0912345678"}]


def test_a_tcvn3_register_is_converted_with_a_warning_and_ascii_folders(tree, tmp_path):
    contest = _office(tree)
    register = tmp_path / "so.csv"  # "Họ và tên;Tên tác phẩm;Đơn vị / Nguyễn Thị Mẫu;Một cửa điện tử;UBND xã Hải An"
    register.write_bytes(
        b"H\xe4 v\xb5 t\xaan;T\xaan t\xb8c ph\xc8m;\xa7\xacn v\xde\r\n"
        b"Nguy\xd4n Th\xde M\xc9u;M\xe9t c\xf6a \xaei\xd6n t\xf6;UBND x\xb7 H\xb6i An\r\n"
    )
    report = import_register(contest, register)
    assert report.created == ["mot-cua-dien-tu"]
    assert [(p.code, p.values["encoding"]) for p in report.problems] == [("TAB001", "TCVN3")]
    assert "Unikey" in report.problems[0].hint("vi")
    entry = _read(tree, "mot-cua-dien-tu", "entry.yml")
    assert entry["title"] == "Một cửa điện tử" and entry["authors"] == [{"name": "Nguyễn Thị Mẫu"}]


def test_a_google_forms_export_imports_with_no_hand_work(tree, tmp_path):
    contest = _office(tree)
    header = [
        "Dấu thời gian",
        "Địa chỉ email",
        "Họ và tên tác giả",
        "Đơn vị công tác",
        "Tên tác phẩm dự thi",
        "Số điện thoại liên hệ",
        "Đồng ý công bố",
        "Trạng thái",
    ]
    register = tmp_path / "form.csv"
    register.write_text(
        ",".join(header) + "\n"
        "24/01/2025 16:30:12,an@example.vn,Nguyễn Văn An,UBND xã Hải An,Một cửa,0912345678,Có,Đã nhận\n"
        "25/01/2025 09:01:00,binh@example.vn,Trần Bình,Thị trấn Cam Lộ,Bài rút,0987654321,Không,Đã rút\n",
        encoding="utf-8",
    )
    report = import_register(contest, register)
    assert report.problems == [] and sorted(report.created) == ["bai-rut", "mot-cua"]
    assert _read(tree, "mot-cua", "entry.yml") == {
        "title": "Một cửa",
        "authors": [{"name": "Nguyễn Văn An"}],
        "unit": "hai-an",
        "entrant": "individual",
        "received": "2025-01-24 16:30",
        "state": "received",
        "consent": {"publication": True},
        "kind": "video",
    }
    assert _read(tree, "bai-rut", "entry.yml")["state"] == "withdrawn"
    assert _read(tree, "bai-rut", "entry.yml")["consent"] == {"publication": False}
    assert _read(tree, "mot-cua", "private.yml")["contacts"] == [
        {"name": "Nguyễn Văn An", "phone": "0912345678", "email": "an@example.vn"}
    ]


def test_reimport_keeps_comments_and_hand_edits_and_updates_the_entry_of_a_corrected_title(tree, tmp_path):
    contest = _office(tree)
    header = ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Tệp video"]
    import_register(
        contest,
        _xlsx(
            tmp_path / "so.xlsx",
            header,
            [["Môt cửa", "Lê A", "UBND xã Hải An", "a.mp4"], ["Bài hai", "Lê B", "UBND xã Hải An", "b.mp4"]],
        ),
    )
    first = tree.root / "2025-thu-nghiem" / "mot-cua"
    folders = sorted(p.name for p in (tree.root / "2025-thu-nghiem").iterdir() if p.is_dir())
    assert folders == ["bai-hai", "mot-cua"]  # "Môt" folds to "mot" as well
    entry_file = first / "entry.yml"
    entry_file.write_text(
        entry_file.read_text(encoding="utf-8").replace("title:", "# Văn phòng: đã xem lại ngày 20/5\ntitle:")
        + "description: Mô tả do văn phòng viết thêm.\n",
        encoding="utf-8",
    )
    # the register is corrected: the title's typo, and the second video's name
    report = import_register(
        contest,
        _xlsx(
            tmp_path / "so-2.xlsx",
            header,
            [
                ["Một cửa liên thông", "Lê A", "UBND xã Hải An", "a.mp4"],
                ["Bài hai", "Lê B", "UBND xã Hải An", "b2.mp4"],
            ],
        ),
    )
    assert report.problems == [] and report.created == []
    assert sorted(report.updated) == ["bai-hai", "mot-cua"]  # no second folder claiming a.mp4 (INT001)
    assert sorted(p.name for p in (tree.root / "2025-thu-nghiem").iterdir() if p.is_dir()) == ["bai-hai", "mot-cua"]
    text = entry_file.read_text(encoding="utf-8")
    assert "# Văn phòng: đã xem lại ngày 20/5" in text and "description: Mô tả do văn phòng viết thêm." in text
    assert yaml.safe_load(text)["title"] == "Một cửa liên thông"
    assert import_register(contest, tmp_path / "so-2.xlsx").unchanged == ["mot-cua", "bai-hai"]


def test_a_phone_number_typed_as_the_title_is_flagged_not_published(tree, tmp_path):
    contest = _office(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ và tên", "Đơn vị"],
        [[912345678, "Lê A", "UBND xã Hải An"], ["Gọi 0912 345 678", "Lê B", "UBND xã Hải An"]],
    )
    report = import_register(contest, register)
    assert report.created == []
    assert [(p.code, p.where.line, p.where.column) for p in report.problems] == [("REG007", 2, 1), ("REG007", 3, 1)]
    assert report.problems[0].message("vi") == (
        "Dòng 2, cột 'Tên tác phẩm' có số điện thoại di động (09xx xxx 678): cột này được đăng công khai trên cổng"
    )


def test_an_entry_file_that_cannot_be_read_is_not_overwritten(tree, tmp_path):
    contest = _office(tree)
    folder = tree.root / "2025-thu-nghiem" / "mot-cua"
    folder.mkdir()
    (folder / "entry.yml").write_text("title: [unclosed\n", encoding="utf-8")
    report = import_register(
        contest,
        _xlsx(tmp_path / "so.xlsx", ["Tên tác phẩm", "Họ và tên", "Đơn vị"], [["Một cửa", "Lê A", "UBND xã Hải An"]]),
    )
    assert [(p.code, p.where.line) for p in report.problems] == [("REG008", 2)]
    assert (folder / "entry.yml").read_text(encoding="utf-8") == "title: [unclosed\n"


# texts on which ruamel.yaml 0.18 raises no YAMLError but ValueError, AttributeError, IndexError or
# RecursionError (found by fuzzing it): the reason office/roundtrip.load_document's except is blind;
# PyYAML, which reads the folders already there first, raises ValueError and RecursionError on some
@pytest.mark.parametrize(
    "damaged",
    ["date: 2024-13-45\n", "title: !!set\n", "title: Một cửa\n-_:\n", "title: " + "[" * 5000],
    ids=["impossible-date", "set-of-a-scalar", "dash-after-a-mapping", "deep-nesting"],
)
def test_an_entry_file_that_breaks_the_yaml_reader_is_reported_not_overwritten(tree, tmp_path, damaged: str):
    contest = _office(tree)
    folder = tree.root / "2025-thu-nghiem" / "mot-cua"
    folder.mkdir()
    (folder / "entry.yml").write_text(damaged, encoding="utf-8")
    report = import_register(
        contest,
        _xlsx(tmp_path / "so.xlsx", ["Tên tác phẩm", "Họ và tên", "Đơn vị"], [["Một cửa", "Lê A", "UBND xã Hải An"]]),
    )
    assert [(p.code, p.where.line) for p in report.problems] == [("REG008", 2)]
    assert (folder / "entry.yml").read_text(encoding="utf-8") == damaged


def test_the_command_reports_a_converted_register_and_succeeds(tree, tmp_path, capsys):
    tree.contest(text=OFFICE_CONTEST)
    config = write_mkdocs_yml(tmp_path)
    register = tmp_path / "so.csv"
    register.write_bytes(
        b"H\xe4 v\xb5 t\xaan;T\xaan t\xb8c ph\xc8m;\xa7\xacn v\xde\r\n"
        b"Nguy\xd4n Th\xde M\xc9u;M\xe9t c\xf6a \xaei\xd6n t\xf6;UBND x\xb7 H\xb6i An\r\n"
    )
    capsys.readouterr()
    status = cli.main(["import-register", str(register), "--contest", "2025-thu-nghiem", "-f", str(config)])
    out = capsys.readouterr().out
    assert status == 0  # a warning only: the register was imported
    assert "so.csv:1: cảnh báo TAB001" in out and "bảng mã cũ TCVN3" in out
    assert (tree.root / "2025-thu-nghiem" / "mot-cua-dien-tu" / "entry.yml").is_file()


def test_phone_numbers_written_with_separators_are_one_number_each(tree, tmp_path):
    """ "0935,666,777" is one number (commas as an office types digit groups), "a; b" two authors' numbers."""
    contest = _contest(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Số điện thoại"],
        [
            ["Bài một", "Lê A", "UBND xã A", "0935,666,777"],
            ["Bài hai", "Lê B", "UBND xã A", "0905.111.222"],
            ["Bài ba", "Lê C; Võ D", "UBND xã A", "0987 654 321; 0912000111"],
        ],
    )
    assert import_register(contest, register).problems == []
    assert [c["phone"] for c in _read(tree, "bai-mot", "private.yml")["contacts"]] == ["0935666777"]
    assert [c["phone"] for c in _read(tree, "bai-hai", "private.yml")["contacts"]] == ["0905111222"]
    assert [c["phone"] for c in _read(tree, "bai-ba", "private.yml")["contacts"]] == ["0987654321", "0912000111"]


def test_an_id_stored_as_a_whole_float_is_the_number_typed(tree, tmp_path):
    """A sheet made by another program (or a formula) stores the id 7 as 7.0: the folder is '7', not '7-0'."""
    contest = _contest(tree)
    made = _xlsx(
        tmp_path / "made.xlsx",
        ["Mã", "Tên tác phẩm", "Họ và tên", "Đơn vị"],
        [[7, "Bài bảy", "Lê A", "UBND xã A"], [12.5, "Bài lẻ", "Lê B", "UBND xã A"]],
    )
    register = tmp_path / "so.xlsx"  # the same sheet as another program writes it: <v>7.0</v>
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(register, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<v>7</v>" in data
                data = data.replace(b"<v>7</v>", b"<v>7.0</v>")
            target.writestr(item, data)
    report = import_register(contest, register)
    assert sorted(report.created) == ["12-5", "7"]
    assert _read(tree, "7", "entry.yml")["title"] == "Bài bảy"


# --- file names Windows refuses, names one letter case apart (issue 30 "Paths") --------------


def test_video_names_windows_refuses_are_named_and_their_rows_left_out(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Tệp video"],
        [
            ["Bài một", "Lê A", "UBND xã A", "D:\\VIDEO\\CON.mp4"],
            ["Bài hai", "Lê B", "UBND xã A", "lpt1"],
            ["Bài ba", "Lê C", "UBND xã A", "Ghi chú: bản cuối.mp4"],
            ["Bài bốn", "Lê D", "UBND xã A", "Bản cuối.mp4 .. "],
            # a Drive link pasted: its last part is no file the office has
            ["Bài năm", "Lê E", "UBND xã A", "https://drive.google.com/file/d/1AbC/view?usp=sharing"],
        ],
    )  # Windows drops the dots
    report = import_register(contest, register)
    assert [(p.code, p.where.line, p.where.column) for p in report.problems] == [
        ("REG011", 2, 4),
        ("REG011", 3, 4),
        ("REG011", 4, 4),
        ("REG011", 6, 4),
    ]
    messages = [p.message("vi") for p in report.problems]
    assert "CON là tên dành riêng của Windows" in messages[0] and "lpt1 là tên dành riêng" in messages[1]
    assert "ký tự ':'" in messages[2]
    assert "là đường dẫn trang web, không phải tên tệp" in messages[3] and "drive.google.com" in messages[3]
    assert not (tree.root / "2025-thu-nghiem" / "bai-nam").exists()
    assert report.created == ["bai-bon"] and _read(tree, "bai-bon", "entry.yml")["video"] == "Bản cuối.mp4"


def test_a_formula_kept_as_text_in_a_csv_is_no_file_name(tree, tmp_path):
    """LibreOffice and a CSV keep a broken formula as text ("=HYPERLINK(\"http://x.example\""): its
    last path part ("x.example") was imported as the video's name; now the row is said and left out."""
    contest = _contest(tree)
    register = tmp_path / "so.csv"
    write_csv(
        register,
        ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Tệp video"],
        [
            ["Bài sáu", "Lê G", "UBND xã A", '=HYPERLINK("http://evil.example"'],
            ["Bài bảy", "Lê H", "UBND xã A", "=LEFT(B2;3)"],
        ],
    )
    report = import_register(contest, register)
    assert [(p.code, p.where.line) for p in report.problems] == [("REG011", 2), ("REG011", 3)]
    assert "là đường dẫn trang web" in report.problems[0].message("vi")
    assert "là công thức của bảng tính" in report.problems[1].message("vi")
    assert report.created == []


def test_two_rows_naming_one_file_in_two_letter_cases_are_said(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Tệp video"],
        [["Bài một", "Lê A", "UBND xã A", "Một cửa.mp4"], ["Bài hai", "Lê B", "UBND xã B", "E:\\nop\\MỘT CỬA.MP4"]],
    )
    report = import_register(contest, register)
    assert [(p.code, p.where.line, p.values["first"]) for p in report.problems] == [("REG012", 3, 2)]
    assert sorted(report.created) == ["bai-hai", "bai-mot"]


def test_a_received_date_without_an_hour_is_written_as_a_date(tree, tmp_path):
    """A date typed, a date cell and a whole serial all mean the day, not 00:00 of it."""
    contest = _contest(tree)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Ngày nhận"],
        [
            ["Bài một", "Lê A", "UBND xã A", "1/6/2025"],
            ["Bài hai", "Lê B", "UBND xã A", datetime(2025, 6, 1)],
            ["Bài ba", "Lê C", "UBND xã B", 45809],
        ],
    )
    assert import_register(contest, register).problems == []
    assert [_read(tree, slug, "entry.yml")["received"] for slug in ("bai-mot", "bai-hai", "bai-ba")] == [
        "2025-06-01"
    ] * 3


def test_a_us_locale_export_writing_dates_month_first_is_read_so_and_said(tree, tmp_path):
    """A Google Forms export in a US locale: 9/26/2024 shows the column is month first, so 10/1/2024
    is 1 October, not 10 January (which day-first reading would take silently)."""
    contest = _office(tree)
    register = tmp_path / "form.csv"
    register.write_text(
        "Timestamp,Họ và tên tác giả,Đơn vị công tác,Tên tác phẩm dự thi\n"
        "10/1/2024 8:05:00,Nguyễn Văn An,UBND xã Hải An,Một cửa\n"
        "9/26/2024 16:30:12,Trần Bình,Thị trấn Cam Lộ,Dịch vụ công\n",
        encoding="utf-8",
    )
    report = import_register(contest, register)
    assert [(p.code, p.where.line, p.values["value"]) for p in report.problems] == [("REG013", 3, "9/26/2024 16:30:12")]
    assert _read(tree, "mot-cua", "entry.yml")["received"] == "2024-10-01 08:05"
    assert _read(tree, "dich-vu-cong", "entry.yml")["received"] == "2024-09-26 16:30"


def test_day_first_dates_stay_day_first(tree, tmp_path):
    contest = _office(tree)
    register = tmp_path / "so.csv"
    register.write_text(
        "Ngày nhận,Họ và tên,Đơn vị,Tên tác phẩm\n10/1/2024,Nguyễn Văn An,UBND xã Hải An,Một cửa\n"
        "26/9/2024,Trần Bình,Thị trấn Cam Lộ,Dịch vụ công\n",
        encoding="utf-8",
    )
    assert import_register(contest, register).problems == []
    assert _read(tree, "mot-cua", "entry.yml")["received"] == "2024-01-10"


def test_the_command_counts_no_problem_row_for_a_register_with_totals_and_signatures(tree, tmp_path, capsys):
    """Issue 31 point 4: "Tổng cộng", "NGƯỜI LẬP BẢNG" and the signed name are said, not errors."""
    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    register = _xlsx(
        tmp_path / "so.xlsx",
        ["STT", "Tên tác phẩm", "Họ và tên", "Đơn vị", "Tên file"],
        [
            [1, "Bài một", "Lê A", "UBND xã A", "a.mp4"],
            ["Tổng cộng", None, None, None, "1 tác phẩm"],
            [],
            [None, "NGƯỜI LẬP BẢNG", None, "THỦ TRƯỞNG ĐƠN VỊ"],
            [None, "Trần Văn Lập"],
        ],
    )
    capsys.readouterr()
    assert cli.main(["import-register", str(register), "--contest", "2025-thu-nghiem", "-f", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Tạo mới 1, cập nhật 0, giữ nguyên 0 tác phẩm; 0 dòng có vấn đề." in out
    assert "TAB005" in out and "dòng 3, 5, 6" in out  # the rows skipped, said
    assert "REG010" in out and "Tên file" in out and "có phải 'Tệp video'?" in out
