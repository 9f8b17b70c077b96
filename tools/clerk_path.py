#!/usr/bin/env python3
"""The clerk's fuller path, from an empty folder to the published portal, its offline copy and
every paper the office signs, scripted (issue 31).

    python tools/clerk_path.py [FOLDER]

Runs, in FOLDER (default: a temporary one), what a district clerk does with the command line
(the Vietnamese guide's sections 2-6), each command through the tool's own command line
(``contest_portal.cli.main``), each hand edit of a file named:

* the plan: a new contest, the signed plan typed into its contest.yml (8 judges, one of them a
  councillor of a commune that sends entries, another the author of an entry);
* the register as offices type it: title rows, a unit merged over its rows, day-first dates, one
  without an hour (a late entry), an unknown column ("Tên file"), and below the table the total,
  "NGƯỜI LẬP BẢNG" and the preparer's signed name;
* the videos as phones send them: an upright phone clip (rotated 90°), an iPhone's HEVC .MOV, a
  file cut short in the download, a file never received, a file renamed without diacritics;
* validate, the portal built without the entries in error (``--skip-invalid``);
* the eight judges' score sheets (the judge of Hải An abstains on Hải An's entries), the
  fanpage's vote list naming each work by its title in capitals without diacritics, validate
  showing the results before they are published;
* the papers (``documents``), the results published, the portal and its offline copy.

Prints each step (``contest-portal …`` for a command, ``✎ FILE`` for a hand edit), then how many
of each and how long. tests/test_clerk_path.py runs the same steps and checks every count, page
and paper on the way.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

SLUG = "2024-thu"

#: the signed plan as the clerk types it into contest.yml
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
  - {kind: voting, start: 2024-09-20, end: "2024-09-30 17:00"}
eligibility:
  excluded_roles: [organizing_committee, jury, secretariat]
organization:
  people:
    - {id: gk-1, name: Trần Văn Một, role: jury, unit: Sở Nội vụ}
    - {id: gk-2, name: Lê Thị Hai, role: jury, unit: UBND xã Hải An}
    - {id: gk-3, name: Phạm Văn Ba, role: jury, unit: Văn phòng HĐND và UBND huyện}
    - {id: gk-4, name: Đỗ Thị Bốn, role: jury, unit: Phòng Văn hóa và Thông tin}
    - {id: gk-5, name: Hoàng Văn Năm, role: jury, unit: Phòng Tư pháp}
    - {id: gk-6, name: Vũ Thị Sáu, role: jury, unit: Đài Truyền thanh huyện}
    - {id: gk-7, name: Bùi Văn Bảy, role: jury, unit: Phòng Nội vụ}
    - {id: gk-8, name: Ngô Thị Tám, role: jury, unit: Trung tâm Văn hóa huyện}
judging:
  criteria:
    - {id: noi-dung, name: Nội dung, max_points: 60}
    - {id: hinh-thuc, name: Hình thức, max_points: 40}
prizes:
  award_form: Giấy chứng nhận của Ban Tổ chức
  tiers:
    - {id: nhat, name: Giải Nhất, count: 1, amount: 5000000}
    - {id: nhi, name: Giải Nhì, count: 1, amount: 3000000}
    - {id: binh-chon, name: Giải Bình chọn, count: 1, amount: 1000000, basis: public_vote}
results:
  published: {published}
"""

#: the register as the office types it (under its title rows and header): STT, unit (merged over
#: Vĩnh Hòa's rows), author, phone, title, file, received, consent, and the column "Tên file"
#: nobody asked for
REGISTER = [
    (
        1,
        "UBND xã Vĩnh Hoà",
        "Nguyễn Thị Thuỷ",
        "0912345678",
        "Một cửa hiện đại",
        "mot-cua.mp4",
        "10/09/2024 16:30",
        "Có",
        "VID_20240910.mp4",
    ),
    (
        2,
        None,
        "Lê Văn Khoẻ",
        "0912000111",
        "Dịch vụ công trực tuyến",
        "dich-vu-cong.MOV",
        "11/09/2024 9:00",
        "Có",
        "IMG_0412.MOV",
    ),
    (3, "UBND xã Hải An", "Võ Thị Hoa", "0987000222", "Chữ ký số", "chu-ky-so.mp4", "12/09/2024 8h15", "x", None),
    (
        4,
        "TT Cam Lộ",
        "Hồ Văn Nam",
        "0905000333",
        "Thanh toán không tiền mặt",
        "thanh-toan.mp4",
        "13/09/2024 10:00",
        "Có",
        None,
    ),
    (
        5,
        "UBND xã Hải An",
        "Phan Thị Mai",
        "0978000444",
        "Tài khoản định danh điện tử",
        "Tài khoản định danh điện tử.mp4",
        "14/09/2024 15:00",
        "Có",
        None,
    ),
    (
        6,
        "TT Cam Lộ",
        "Trần Văn Một",
        "0905000555",
        "Đường dây nóng",
        "duong-day-nong.mp4",
        "14/09/2024 16:00",
        "Có",
        None,
    ),
    (
        7,
        "UBND xã Vĩnh Hòa",
        "Đặng Văn Muộn",
        "0912000777",
        "Bình dân học vụ số",
        "binh-dan.mp4",
        "26/9/2024",
        "Có",
        None,
    ),
]

#: the entries' folders, as import-register names them from the titles
ENTRIES = {
    "Một cửa hiện đại": "mot-cua-hien-dai",
    "Dịch vụ công trực tuyến": "dich-vu-cong-truc-tuyen",
    "Chữ ký số": "chu-ky-so",
    "Thanh toán không tiền mặt": "thanh-toan-khong-tien-mat",
    "Tài khoản định danh điện tử": "tai-khoan-dinh-danh-dien-tu",
    "Đường dây nóng": "duong-day-nong",
    "Bình dân học vụ số": "binh-dan-hoc-vu-so",
}

#: each judge's points (content, form) for the three valid entries; None: the judge abstains
#: (gk-2 sits for Hải An, so "Tài khoản định danh điện tử" is not theirs to score)
SCORES: dict[str, list[tuple[int, int] | None]] = {
    "mot-cua-hien-dai": [(50, 30), (52, 33), (55, 35), (48, 30), (54, 36), (50, 32), (56, 34), (51, 31)],
    "dich-vu-cong-truc-tuyen": [(45, 30), (47, 31), (44, 29), (46, 30), (45, 32), (48, 33), (43, 28), (46, 31)],
    "tai-khoan-dinh-danh-dien-tu": [(40, 28), None, (42, 30), (41, 29), (39, 27), (44, 30), (40, 26), (42, 28)],
}

#: the fanpage's list as the office copies it: each work by its title in capitals, no diacritics
VOTES = (
    "Tên tác phẩm,Lượt thích,Thời điểm\n"
    "MOT CUA HIEN DAI,1520,30/09/2024 17:00\n"
    "DICH VU CONG TRUC TUYEN,980,30/09/2024 17:00\n"
    "TAI KHOAN DINH DANH DIEN TU,1210,30/09/2024 17:00\n"
)


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
    """One office's project folder, the commands typed into it (``commands``, each with its exit
    status in ``statuses``) and the files the clerk edits by hand (``edits``)."""

    def __init__(self, folder: Path, today: str = "2024-10-05"):
        self.folder = folder
        self.project = folder / "cong"
        (self.project / "docs").mkdir(parents=True, exist_ok=True)
        (self.project / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
        self.config = self.project / "mkdocs.yml"
        self.config.write_text(
            "site_name: Cổng cuộc thi\ndocs_dir: docs\ntheme:\n  name: material\n  language: vi\n  font: false\n"
            # the plugins as the project's own mkdocs.yml lists them: the theme's offline plugin and
            # its search serve the offline copy (build --offline)
            "plugins:\n  - search:\n      enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]\n"
            "  - offline:\n      enabled: !ENV [CONTEST_PORTAL_OFFLINE, false]\n"
            f'  - contest:\n      entries_dir: entries\n      cache_dir: .cache\n      today: "{today}"\n',
            encoding="utf-8",
        )
        self.contest = self.project / "entries" / SLUG
        self.site = self.project / "site"
        self.offline = self.project / "site-offline"
        self.reports = folder / "reports"
        self.commands: list[str] = []
        self.statuses: list[int] = []
        self.edits: list[str] = []

    def run(self, *args: str) -> int:
        """Type one command (``contest-portal ARGS -f mkdocs.yml``); its exit status."""
        from contest_portal.cli import main

        self.commands.append(" ".join(args))
        self.statuses.append(main([*args, "-f", str(self.config)]))
        return self.statuses[-1]

    def edit(self, path: Path, what: str) -> None:
        """Record one hand edit of ``path`` (relative to the folder), ``what`` the clerk does."""
        self.edits.append(f"{path.relative_to(self.folder)}: {what}")

    # -- the steps -----------------------------------------------------------------------------

    def new_contest(self) -> int:
        return self.run(
            "new-contest", "--year", "2024", "--slug", "thu", "--title", "Cuộc thi thử", "--organizer", "UBND huyện Thử"
        )

    def write_plan(self, published: bool = False) -> None:
        """The clerk types the signed plan into contest.yml (a hand edit)."""
        path = self.contest / "contest.yml"
        path.write_text(CONTEST.replace("{published}", str(published).lower()), encoding="utf-8")
        self.edit(path, "kết quả: published: true" if published else "chép kế hoạch đã ký")

    def register(self) -> Path:
        """The office's register (.xlsx) as typed: title rows, header on row 4, footer rows."""
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["UBND HUYỆN THỬ", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
        sheet.append(["SỔ ĐĂNG KÝ TÁC PHẨM DỰ THI"])
        sheet.append([])
        sheet.append(
            [
                "STT",
                "Đơn vị",
                "Họ và tên",
                "Số điện thoại",
                "Tên tác phẩm",
                "Tệp video",
                "Ngày nhận",
                "Đồng ý công bố",
                "Tên file",
            ]
        )
        for row in REGISTER:
            sheet.append(list(row))
        sheet.append([None, "Tổng cộng", f"{len(REGISTER)} tác phẩm"])
        sheet.append([])
        sheet.append([None, None, None, None, None, "NGƯỜI LẬP BẢNG"])
        sheet.append([None, None, None, None, None, "Lê Văn Lập"])
        for cells in ("A1:C1", "D1:I1", "A2:I2", "B5:B6"):
            sheet.merge_cells(cells)
        path = self.folder / "so-dang-ky.xlsx"
        workbook.save(path)
        return path

    def receive_videos(self) -> Path:
        """The files received by e-mail and Zalo: an upright phone clip, an iPhone's HEVC .MOV, a
        download cut short, a file renamed without diacritics; "thanh-toan.mp4" never came."""
        from tools.videogen import make_truncated_copy, make_video

        inbox = self.folder / "Tai-ve"
        inbox.mkdir(exist_ok=True)
        make_video(inbox / "mot-cua.mp4", duration_s=2, width=320, height=180, rotation=90, lines=["Một cửa"])
        make_video(
            inbox / "dich-vu-cong.MOV",
            duration_s=2,
            width=320,
            height=180,
            codec="hevc",
            container="mov",
            lines=["iPhone"],
        )
        make_video(inbox / "Tai khoan dinh danh dien tu.mp4", duration_s=2, width=320, height=180, lines=["VNeID"])
        make_video(inbox / "duong-day-nong.mp4", duration_s=2, width=320, height=180, lines=["Đường dây nóng"])
        make_video(inbox / "binh-dan.mp4", duration_s=2, width=320, height=180, lines=["Bình dân học vụ số"])
        whole = make_video(self.folder / "chu-ky-so-goc.mp4", duration_s=2, width=320, height=180, lines=["Ký số"])
        make_truncated_copy(whole, inbox / "chu-ky-so.mp4", keep_fraction=0.4)
        whole.unlink()
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
        document.save(str(inbox / "ke-hoach-cuoc-thi-2025.docx"))
        return inbox / "ke-hoach-cuoc-thi-2025.docx"

    def refuse(self, *slugs: str) -> None:
        """The committee refuses entries: one line in each entry.yml (not a command)."""
        for slug in slugs:
            with (self.contest / slug / "entry.yml").open("a", encoding="utf-8") as handle:
                handle.write("state: refused\nstate_note: Tệp video hỏng, tác giả không gửi lại\n")

    def fill_sheets(self, sheets: Path) -> None:
        """The eight judges fill in their sheets; the office puts them back in _ket-qua/diem/ (a
        file placed, not edited: the judges wrote them)."""
        from openpyxl import load_workbook

        returned = self.contest / "_ket-qua" / "diem"
        returned.mkdir(parents=True, exist_ok=True)
        for number in range(1, 9):
            book = load_workbook(sheets / SLUG / f"gk-{number}.xlsx")
            for row in range(2, book.active.max_row + 1):
                points = SCORES[str(book.active.cell(row, 1).value)][number - 1]
                if points is not None:
                    book.active.cell(row, 4, points[0])
                    book.active.cell(row, 5, points[1])
            book.save(returned / f"gk-{number}.xlsx")

    def put_votes(self) -> Path:
        """The fanpage's counts, copied by title into _ket-qua/binh-chon.csv (a file placed)."""
        path = self.contest / "_ket-qua" / "binh-chon.csv"
        path.write_text(VOTES, encoding="utf-8")
        return path

    def steps(self) -> Iterator[str]:
        """Every step in order, yielding the name of each after it is done (a test checks the
        folder between steps); the statuses are in ``statuses``."""
        self.new_contest()
        self.write_plan()
        yield "plan"
        self.run("import-register", str(self.register()), "--contest", SLUG)
        yield "register"
        self.run("intake", str(self.receive_videos()), "--contest", SLUG)
        yield "videos"
        self.run("validate")
        yield "validate"
        self.run("build", "--skip-invalid", "-d", str(self.site))
        yield "portal"
        self.run("jury-sheets", "--out", str(self.folder / "phieu"))
        self.fill_sheets(self.folder / "phieu")
        self.put_votes()
        self.run("validate")
        yield "results"
        self.run("documents", "--out", str(self.reports))
        yield "papers"
        self.write_plan(published=True)
        self.run("build", "--skip-invalid", "-d", str(self.site))
        yield "published"
        self.run("build", "--skip-invalid", "--offline", "-d", str(self.offline))
        yield "offline"

    def whole_path(self) -> list[int]:
        """Every step in order; the exit status of each command."""
        for _ in self.steps():
            pass
        return self.statuses

    def report(self, seconds: float) -> str:
        """What the script prints at the end: each command and its exit status, each hand edit,
        the counts and the minutes."""
        lines = [f"contest-portal {command}   → {status}" for command, status in zip(self.commands, self.statuses)]
        lines += [f"✎ {edit}" for edit in self.edits]
        lines.append(
            f"{len(self.commands)} commands, {len(self.edits)} hand edits, "
            f"{len(self.commands) + len(self.edits)} steps in all, {seconds / 60:.1f} min "
            "(the target: at most 12 steps in all, 0 dead ends)"
        )
        return "\n".join(lines)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="clerk-path-"))
    started = time.perf_counter()
    path = ClerkPath(folder)
    statuses = path.whole_path()
    print(path.report(time.perf_counter() - started))
    if not argv:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if statuses[-1] == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
