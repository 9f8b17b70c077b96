"""The clerk's whole path, run as a clerk runs it (issue 19): an empty folder, an Excel register as
offices type it and a folder of received videos (two of them broken) to a published portal, the
jury's sheets, the results and the office's documents. The steps are tools/clerk_path.py's (which
also prints how many commands it takes: 8); here every count, page and document is checked on the way.
"""

from __future__ import annotations

import shutil

import yaml
from docx import Document
from openpyxl import load_workbook

import build as cli
from tools.clerk_path import CONTEST, ClerkPath


def test_from_an_empty_folder_to_the_published_results_and_the_documents(tmp_path, capsys):
    path = ClerkPath(tmp_path)
    project, contest_yml, run = path.project, path.contest / "contest.yml", path.run
    # 1. a new contest, then the plan typed into its contest.yml
    assert path.new_contest() == cli.EXIT_OK
    contest_yml.write_text(CONTEST.replace("{published}", "false").replace('"UBND các xã, thị trấn"', "UBND các xã, thị trấn"),
                           encoding="utf-8")  # a clerk's first try: a comma unquoted in a {…} line
    register = path.register()
    assert run("import-register", str(register), "--contest", "2024-thu") == cli.EXIT_USAGE
    assert "contest.yml" in capsys.readouterr().err  # the file at fault is named, not only "choose a contest"
    path.write_plan()
    # 2. the register
    assert run("import-register", str(register), "--contest", "2024-thu") == cli.EXIT_OK
    folders = sorted(p.name for p in contest_yml.parent.iterdir() if p.is_dir())
    assert folders == ["chu-ky-so", "dich-vu-cong-truc-tuyen", "duong-day-nong", "mot-cua-hien-dai",
                       "thanh-toan-khong-tien-mat"]
    entry = yaml.safe_load((contest_yml.parent / "dich-vu-cong-truc-tuyen" / "entry.yml").read_text(encoding="utf-8"))
    assert entry["unit"] == "vinh-hoa" and entry["received"] == "2024-09-11"  # the merged unit, the date read
    # 3. the received videos: three good ones, two that are not videos at all
    assert run("intake", str(path.receive_videos()), "--contest", "2024-thu") == cli.EXIT_OK
    assert "Đã chép 5 tệp; 0 tệp đã có sẵn; 0 tệp chưa khớp." in capsys.readouterr().out
    # 4. validate: the two broken files are errors of two entries, named with the ways forward
    assert run("validate") == cli.EXIT_DATA
    assert run("build", "-d", str(project / "site")) == cli.EXIT_DATA
    out = capsys.readouterr().out
    assert ("2 tác phẩm có lỗi (2024-thu/duong-day-nong, 2024-thu/thanh-toan-khong-tien-mat)" in out
            and "state: refused" in out and "--skip-invalid" in out)
    # 5. the committee refuses the two (one line each), and the portal is built
    path.refuse("duong-day-nong", "thanh-toan-khong-tien-mat")
    assert run("build", "-d", str(project / "site")) == cli.EXIT_OK
    out = capsys.readouterr().out  # the three good videos play everywhere: no sizes of renditions never made
    assert "Video trên cổng: 3 video đăng nguyên bản, không cần bản web." in out and " 0 B" not in out
    site = project / "site" / "2024-thu"
    gallery = (site / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    assert gallery.count('class="cp-card"') == 3 and "Đường dây nóng" not in gallery
    assert "0912345678" not in "".join(p.read_text(encoding="utf-8") for p in project.joinpath("site").rglob("*.html"))
    # 6. the jury's sheets, filled in and put back (Trần Văn Một, Lê Thị Hai)
    assert run("jury-sheets", "--out", str(tmp_path / "phieu")) == cli.EXIT_OK
    path.fill_sheets(tmp_path / "phieu")
    # 7. the committee publishes the results: 90 (Một cửa), 83 (Chữ ký số), 80 (Dịch vụ công)
    path.write_plan(published=True)
    shutil.rmtree(project / "site")
    assert run("build", "-d", str(project / "site")) == cli.EXIT_OK
    assert ("== 2024-thu: kết quả đã công bố, 2 giải, tổng tiền thưởng 8.000.000 đ; dự thảo quyết định khen thưởng: "
            "contest-portal documents") in capsys.readouterr().out
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
    # every other paper of the office, from the same path
    papers = tmp_path / "reports" / "2024-thu"
    payments = [row for row in load_workbook(papers / "danh-sach-chi-tra-tien-thuong.xlsx").active
                .iter_rows(values_only=True) if row[0] is not None]
    assert payments[5][1:7] == ("Nguyễn Thị Thuỷ", "UBND xã Vĩnh Hòa", "Giải Nhất", "Một cửa hiện đại", 5_000_000,
                                "Năm triệu đồng")
    assert payments[6][5:7] == (3_000_000, "Ba triệu đồng") and payments[7][5] == 8_000_000
    minutes = Document(str(papers / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    means = [(row.cells[1].text, row.cells[-2].text) for row in minutes.tables[1].rows[1:]]
    assert means == [("Một cửa hiện đại", "90,00"), ("Chữ ký số", "83,00"), ("Dịch vụ công trực tuyến", "80,00")]
    awards = "\n".join(p.text for p in Document(str(papers / "giay-khen-giay-chung-nhan.docx")).paragraphs)
    assert "Giải Nhất – Tác phẩm “Một cửa hiện đại”" in awards and "Giải Nhì – Tác phẩm “Chữ ký số”" in awards
    proposal = "\n".join(p.text for p in Document(str(papers / "to-trinh-de-nghi-khen-thuong.docx")).paragraphs)
    assert "Tổng số tiền thưởng: 8.000.000 đồng (Bằng chữ: Tám triệu đồng)." in proposal


def test_the_script_counts_eight_commands(tmp_path, capsys):
    from tools.clerk_path import main

    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "8 commands" in out and "contest-portal documents" in out
