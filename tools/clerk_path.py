#!/usr/bin/env python3
"""The clerk's path from an empty folder to published results and the office's documents, scripted.

    python tools/clerk_path.py [FOLDER]

Runs, in FOLDER (default: a temporary one), what a district clerk does with the command line
(the Vietnamese guide's sections 2-6): a new contest and its plan, an Excel register as offices
type it (title rows, a merged unit, day-first dates, an abbreviated unit), a folder of received
videos with two broken ones, validate, the committee refusing those two, build, the jury's
sheets filled in, the results published, the documents. Prints each command typed, then how
many commands it took and how long. tests/test_clerk_path.py runs the same steps and checks
every count, page and document on the way.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

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


#: The paragraphs of next year's plan (ClerkPath.signed_plan), between its header and signature tables.
PLAN_2025 = [
    "KẾ HOẠCH",
    "Tổ chức cuộc thi “Video tuyên truyền dịch vụ công trực tuyến huyện Thử năm 2025”",
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND huyện Thử về cải cách hành chính năm 2025, "
    "UBND huyện ban hành Kế hoạch tổ chức cuộc thi như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Tuyên truyền để người dân biết và dùng dịch vụ công trực tuyến.",
    "II. ĐỐI TƯỢNG, HÌNH THỨC",
    "- UBND các xã, thị trấn: Mỗi đơn vị bắt buộc có ít nhất 01 tác phẩm dự thi, tối đa không quá 02 tác phẩm.",
    "Lưu ý: Thành viên Ban Tổ chức, Ban Giám khảo không được dự thi.",
    "- Mỗi video dài tối thiểu 03 phút, tối đa không quá 07 phút, định dạng .mp4.",
    "III. THỜI GIAN",
    "- Phát động cuộc thi: dự kiến ngày 20/3/20225.",
    "- Nhận tác phẩm dự thi: từ ngày 01/4/2025 đến 17 giờ 00 phút ngày 30/5/2025.",
    "- Công bố kết quả và trao giải: dự kiến trong tháng 7 năm 2025.",
    "IV. GIẢI THƯỞNG",
    "- 01 Giải nhất: 5.000.000 đồng;",
    "- 02 Giải nhì, mỗi giải trị giá 3.000.000 đồng.",
    "Các đơn vị chủ động bố trí kinh phí đi lại cho tác giả dự lễ trao giải.",
]


class ClerkPath:
    """One office's project folder and the commands typed into it (``commands``)."""

    def __init__(self, folder: Path, today: str = "2024-09-20"):
        self.folder = folder
        self.project = folder / "cong"
        (self.project / "docs").mkdir(parents=True, exist_ok=True)
        (self.project / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
        self.config = self.project / "mkdocs.yml"
        self.config.write_text(
            "site_name: Cổng cuộc thi\ndocs_dir: docs\ntheme:\n  name: material\n  language: vi\n  font: false\n"
            f"plugins:\n  - contest:\n      entries_dir: entries\n      cache_dir: .cache\n      today: \"{today}\"\n",
            encoding="utf-8")
        self.contest = self.project / "entries" / "2024-thu"
        self.site = self.project / "site"
        self.commands: list[str] = []

    def run(self, *args: str) -> int:
        """Type one command (``contest-portal ARGS -f mkdocs.yml``); its exit status."""
        from contest_portal.cli import main

        self.commands.append(" ".join(args))
        return main([*args, "-f", str(self.config)])

    def new_contest(self) -> int:
        return self.run("new-contest", "--year", "2024", "--slug", "thu", "--title", "Cuộc thi thử",
                        "--organizer", "UBND huyện Thử")

    def write_plan(self, published: bool = False) -> None:
        """The clerk types the signed plan into contest.yml (not a command)."""
        (self.contest / "contest.yml").write_text(CONTEST.replace("{published}", str(published).lower()),
                                                  encoding="utf-8")

    def register(self) -> Path:
        from openpyxl import Workbook

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
        path = self.folder / "so-dang-ky.xlsx"
        workbook.save(path)
        return path

    def receive_videos(self) -> Path:
        """The files received by e-mail: three good videos, two that are not videos at all."""
        from tools.videogen import make_video

        inbox = self.folder / "Tai-ve"
        inbox.mkdir(exist_ok=True)
        for name in ("mot-cua.mp4", "dich-vu-cong.mp4", "chu-ky-so.mp4"):
            make_video(inbox / name, duration_s=2, width=320, height=180, lines=[name])
        for name in ("thanh-toan.mp4", "duong-day-nong.mp4"):
            (inbox / name).write_bytes(b"\x00" * 4096)
        return inbox

    def signed_plan(self) -> Path:
        """Next year's plan as the office has it, a Word file received by e-mail (for new-contest
        --from-plan): the header table, the bases, the timeline with hours, prizes with amounts, one
        impossible date (a real typo of a real plan) and the signature table."""
        import docx

        document = docx.Document()
        left, right = document.add_table(rows=1, cols=2).rows[0].cells
        left.text = "ỦY BAN NHÂN DÂN\nHUYỆN THỬ"
        left.add_paragraph("Số: 35/KH-UBND")
        right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        right.add_paragraph("Thử, ngày 10 tháng 3 năm 2025")
        for text in PLAN_2025:
            document.add_paragraph(text)
        recipients, signer = document.add_table(rows=1, cols=2).rows[0].cells
        recipients.text = "Nơi nhận:\n- Sở Nội vụ;\n- UBND các xã, thị trấn;\n- Lưu: VT, NV."
        signer.text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Thử"
        inbox = self.folder / "Tai-ve"
        inbox.mkdir(exist_ok=True)
        document.save(inbox / "ke-hoach-cuoc-thi-2025.docx")
        return inbox / "ke-hoach-cuoc-thi-2025.docx"

    def refuse(self, *slugs: str) -> None:
        """The committee refuses entries: one line in each entry.yml (not a command)."""
        for slug in slugs:
            with (self.contest / slug / "entry.yml").open("a", encoding="utf-8") as handle:
                handle.write("state: refused\nstate_note: Tệp video hỏng, tác giả không gửi lại\n")

    def fill_sheets(self, sheets: Path) -> None:
        """The judges fill in their sheets; the office puts them back (not a command)."""
        from openpyxl import load_workbook

        returned = self.contest / "_ket-qua" / "diem"
        returned.mkdir(parents=True, exist_ok=True)
        for judge in ("gk-1", "gk-2"):
            book = load_workbook(sheets / "2024-thu" / f"{judge}.xlsx")
            for row in range(2, book.active.max_row + 1):
                content, form = SCORES[book.active.cell(row, 1).value]
                book.active.cell(row, 4, content)
                book.active.cell(row, 5, form)
            book.save(returned / f"{judge}.xlsx")

    def whole_path(self) -> list[int]:
        """Every step in order; the exit status of each command."""
        statuses = [self.new_contest()]
        self.write_plan()
        statuses.append(self.run("import-register", str(self.register()), "--contest", "2024-thu"))
        statuses.append(self.run("intake", str(self.receive_videos()), "--contest", "2024-thu"))
        statuses.append(self.run("validate"))
        self.refuse("duong-day-nong", "thanh-toan-khong-tien-mat")
        statuses.append(self.run("build", "-d", str(self.site)))
        statuses.append(self.run("jury-sheets", "--out", str(self.folder / "phieu")))
        self.fill_sheets(self.folder / "phieu")
        self.write_plan(published=True)
        statuses.append(self.run("build", "-d", str(self.site)))
        statuses.append(self.run("documents", "--out", str(self.folder / "reports")))
        return statuses


#: the jury's points per entry (content, form), the same from both judges
SCORES = {"mot-cua-hien-dai": (55, 35), "dich-vu-cong-truc-tuyen": (50, 30), "chu-ky-so": (45, 38)}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="clerk-path-"))
    started = time.perf_counter()
    path = ClerkPath(folder)
    statuses = path.whole_path()
    seconds = time.perf_counter() - started
    for command, status in zip(path.commands, statuses):
        print(f"contest-portal {command}   → {status}")
    print(f"{len(path.commands)} commands, {seconds:.0f} s (the target: at most 8 commands and 15 minutes)")
    if not argv:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if statuses[-1] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
