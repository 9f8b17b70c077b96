"""The clerk's whole path, run as a clerk runs it (issue 19): an empty folder, an Excel register as
offices type it and a folder of received videos (two of them broken) to a published portal, the
jury's sheets, the results and the office's documents. Every command is the command line's;
the counts, pages and documents are checked as the office would read them.

Commands the clerk types: new-contest, import-register, intake, validate, build --skip-invalid
(or refuse the two), jury-sheets, build, documents: 8 (the editing of contest.yml and two
entry.yml lines aside).
"""

from __future__ import annotations

import shutil

import yaml
from docx import Document
from openpyxl import Workbook, load_workbook

import build as cli
from tools.videogen import make_video

from .conftest import FIXED_TODAY

CONTEST = """\
year: 2024
title: Cuộc thi video cải cách hành chính huyện Thử năm 2024
organizer:
  name: UBND huyện Thử
entry_kinds: [video]
unit_categories:
  - {id: xa, name: "UBND các xã, thị trấn", min_entries: 1}
units:
  - {id: vinh-hoa, name: UBND xã Vĩnh Hòa, category: xa}
  - {id: hai-an, name: UBND xã Hải An, category: xa}
  - {id: cam-lo, name: UBND thị trấn Cam Lộ, category: xa}
timeline:
  - {kind: submission, start: 2024-08-01, end: "2024-09-15 17:00"}
organization:
  people:
    - {id: gk-1, name: Trần Văn Một, role: jury, unit: Sở Nội vụ}
    - {id: gk-2, name: Lê Thị Hai, role: jury, unit: Đài Truyền thanh huyện}
judging:
  criteria:
    - {id: noi-dung, name: Nội dung, max_points: 60}
    - {id: hinh-thuc, name: Hình thức, max_points: 40}
prizes:
  tiers:
    - {id: nhat, name: Giải Nhất, count: 1, amount: 5000000}
    - {id: nhi, name: Giải Nhì, count: 1, amount: 3000000}
results:
  published: {published}
"""

# the register as the office types it: title rows, the header on row 4, a unit merged over its rows
REGISTER = [
    (1, "UBND xã Vĩnh Hoà", "Nguyễn Thị Thuỷ", "0912345678", "Một cửa hiện đại", "mot-cua.mp4", "10/09/2024 16:30", "Có"),
    (2, None, "Lê Văn Khoẻ", "0912000111", "Dịch vụ công trực tuyến", "dich-vu-cong.mp4", "11/09/2024", "Có"),
    (3, "UBND xã Hải An", "Võ Thị Hoa", "0987000222", "Chữ ký số", "chu-ky-so.mp4", "12/09/2024 8h15", "x"),
    (4, "TT Cam Lộ", "Hồ Văn Nam", "0905000333", "Thanh toán không tiền mặt", "thanh-toan.mp4", "13/09/2024", "Có"),
    (5, "UBND xã Hải An", "Phan Thị Mai", "0978000444", "Đường dây nóng", "duong-day-nong.mp4", "14/09/2024", "Có"),
]


def _register(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["UBND HUYỆN THỬ", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append(["SỔ ĐĂNG KÝ TÁC PHẨM DỰ THI"])
    sheet.append([])
    sheet.append(["STT", "Đơn vị", "Họ và tên", "Số điện thoại", "Tên tác phẩm", "Tệp video", "Ngày nhận",
                  "Đồng ý công bố"])
    for row in REGISTER:
        sheet.append(list(row))
    for cells in ("A1:C1", "D1:H1", "A2:H2", "B5:B6"):
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def test_from_an_empty_folder_to_the_published_results_and_the_documents(tmp_path, capsys):
    project = tmp_path / "cong"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(f"site_name: Cổng cuộc thi\ndocs_dir: docs\ntheme:\n  name: material\n  language: vi\n"
                      f"  font: false\nplugins:\n  - contest:\n      entries_dir: entries\n      cache_dir: .cache\n"
                      f"      today: \"{FIXED_TODAY}\"\n", encoding="utf-8")
    run = lambda *args: cli.main([*args, "-f", str(config)])  # noqa: E731
    # 1. a new contest, then the plan typed into its contest.yml
    assert run("new-contest", "--year", "2024", "--slug", "thu", "--title", "Cuộc thi thử",
               "--organizer", "UBND huyện Thử") == cli.EXIT_OK
    contest_yml = project / "entries" / "2024-thu" / "contest.yml"
    contest_yml.write_text(CONTEST.replace("{published}", "false").replace('"UBND các xã, thị trấn"', "UBND các xã, thị trấn"),
                           encoding="utf-8")  # a clerk's first try: a comma unquoted in a {…} line
    register = _register(tmp_path / "so-dang-ky.xlsx")
    assert run("import-register", str(register), "--contest", "2024-thu") == cli.EXIT_USAGE
    assert "contest.yml" in capsys.readouterr().err  # the file at fault is named, not only "choose a contest"
    contest_yml.write_text(CONTEST.replace("{published}", "false"), encoding="utf-8")
    # 2. the register
    assert run("import-register", str(register), "--contest", "2024-thu") == cli.EXIT_OK
    folders = sorted(p.name for p in contest_yml.parent.iterdir() if p.is_dir())
    assert folders == ["chu-ky-so", "dich-vu-cong-truc-tuyen", "duong-day-nong", "mot-cua-hien-dai",
                       "thanh-toan-khong-tien-mat"]
    entry = yaml.safe_load((contest_yml.parent / "dich-vu-cong-truc-tuyen" / "entry.yml").read_text(encoding="utf-8"))
    assert entry["unit"] == "vinh-hoa" and entry["received"] == "2024-09-11"  # the merged unit, the date read
    # 3. the received videos: three good ones, two that are not videos at all
    inbox = tmp_path / "Tai-ve"
    inbox.mkdir()
    for name in ("mot-cua.mp4", "dich-vu-cong.mp4", "chu-ky-so.mp4"):
        make_video(inbox / name, duration_s=2, width=320, height=180, lines=[name])
    for name in ("thanh-toan.mp4", "duong-day-nong.mp4"):
        (inbox / name).write_bytes(b"\x00" * 4096)
    assert run("intake", str(inbox), "--contest", "2024-thu") == cli.EXIT_OK
    assert "Đã chép 5 tệp; 0 tệp đã có sẵn; 0 tệp chưa khớp." in capsys.readouterr().out
    # 4. validate: the two broken files are errors of two entries, named with the ways forward
    assert run("validate") == cli.EXIT_DATA
    assert run("build", "-d", str(project / "site")) == cli.EXIT_DATA
    out = capsys.readouterr().out
    assert ("2 tác phẩm có lỗi (2024-thu/duong-day-nong, 2024-thu/thanh-toan-khong-tien-mat)" in out
            and "state: refused" in out and "--skip-invalid" in out)
    # 5. the committee refuses the two (one line each), and the portal is built
    for slug in ("duong-day-nong", "thanh-toan-khong-tien-mat"):
        with (contest_yml.parent / slug / "entry.yml").open("a", encoding="utf-8") as handle:
            handle.write("state: refused\nstate_note: Tệp video hỏng, tác giả không gửi lại\n")
    assert run("build", "-d", str(project / "site")) == cli.EXIT_OK
    site = project / "site" / "2024-thu"
    gallery = (site / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    assert gallery.count('class="cp-card"') == 3 and "Đường dây nóng" not in gallery
    assert "0912345678" not in "".join(p.read_text(encoding="utf-8") for p in project.joinpath("site").rglob("*.html"))
    # 6. the jury's sheets, filled in and put back (Trần Văn Một, Lê Thị Hai)
    assert run("jury-sheets", "--out", str(tmp_path / "phieu")) == cli.EXIT_OK
    scores = {"mot-cua-hien-dai": (55, 35), "dich-vu-cong-truc-tuyen": (50, 30), "chu-ky-so": (45, 38)}
    returned = contest_yml.parent / "_ket-qua" / "diem"
    returned.mkdir(parents=True)
    for judge in ("gk-1", "gk-2"):
        book = load_workbook(tmp_path / "phieu" / "2024-thu" / f"{judge}.xlsx")
        for row in range(2, book.active.max_row + 1):
            content, form = scores[book.active.cell(row, 1).value]
            book.active.cell(row, 4, content)
            book.active.cell(row, 5, form)
        book.save(returned / f"{judge}.xlsx")
    # 7. the committee publishes the results: 90 (Một cửa), 83 (Chữ ký số), 80 (Dịch vụ công)
    contest_yml.write_text(CONTEST.replace("{published}", "true"), encoding="utf-8")
    shutil.rmtree(project / "site")
    assert run("build", "-d", str(project / "site")) == cli.EXIT_OK
    results = (site / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert results.index("Một cửa hiện đại") < results.index("Chữ ký số")
    # 8. the office's documents
    assert run("documents", "--out", str(tmp_path / "reports")) == cli.EXIT_OK
    decision = Document(str(tmp_path / "reports" / "2024-thu" / "du-thao-quyet-dinh-khen-thuong.docx"))
    annex = [[cell.text for cell in row.cells] for row in decision.tables[-1].rows]
    assert annex[1] == ["1", "Giải Nhất", "Một cửa hiện đại", "Nguyễn Thị Thuỷ", "UBND xã Vĩnh Hòa", "5.000.000", ""]
    assert annex[2] == ["2", "Giải Nhì", "Chữ ký số", "Võ Thị Hoa", "UBND xã Hải An", "3.000.000", ""]
    assert annex[3][5] == "8.000.000"
    assert "Bằng chữ: Tám triệu đồng." in "\n".join(p.text for p in decision.paragraphs)
    table = list(load_workbook(tmp_path / "reports" / "2024-thu" / "bao-cao-tham-gia-theo-don-vi.xlsx")
                 .active.iter_rows(values_only=True))
    # units: received, valid, refused for an error, refused by the committee, prizes
    assert [row[:7] for row in table[2:]] == [
        ("UBND xã Vĩnh Hòa", "UBND các xã, thị trấn", 2, 2, 0, 0, "Giải Nhất"),
        ("UBND xã Hải An", "UBND các xã, thị trấn", 2, 1, 0, 1, "Giải Nhì"),
        ("UBND thị trấn Cam Lộ", "UBND các xã, thị trấn", 1, 0, 0, 1, None)]
    assert table[4][9] == "Chưa đạt"  # Cam Lộ: its only entry refused, minimum 1 not met
