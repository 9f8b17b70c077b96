"""The clerk's fuller path, run as a clerk runs it (issues 19 and 31): a plan, a register typed
the way offices type it (title and footer rows, an unknown column), videos as phones send them
(turned, an iPhone's HEVC .MOV, one cut short, one never received, one renamed without
diacritics), a late entry, a juror who entered, eight judges' sheets with an abstention, the
fanpage's votes by title, the results seen before publishing, every paper, the published portal
and its offline copy. The steps are tools/clerk_path.py's (``ClerkPath.steps``); here every count,
page and paper is checked on the way, against values worked out by hand.
"""

from __future__ import annotations

import yaml
from docx import Document
from docx.document import Document as DocxDocument
from openpyxl import load_workbook

import build as cli
from tools.clerk_path import CONTEST, ClerkPath


def _text(document: DocxDocument) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_the_fuller_path_from_a_plan_to_the_papers_the_portal_and_its_offline_copy(tmp_path, capsys):
    path = ClerkPath(tmp_path)
    steps = path.steps()
    contest = path.contest
    # 1. a new contest, the plan typed into its contest.yml
    assert next(steps) == "plan"
    assert path.statuses == [cli.EXIT_OK]
    # 2. the register: 7 entries; the total, "NGƯỜI LẬP BẢNG" and the preparer's name skipped and
    # said (sheet rows 12, 14, 15: title rows 1-3, header 4, entries 5-11); "Tên file" named
    assert next(steps) == "register" and path.statuses[-1] == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Bỏ qua 3 dòng dưới bảng không phải dữ liệu (dòng tổng cộng, phần ký tên): dòng 12, 14, 15" in out
    assert "Cột 'Tên file' (cột I) không phải cột nào của sổ đăng ký" in out
    assert "Tạo mới 7, cập nhật 0, giữ nguyên 0 tác phẩm; 0 dòng có vấn đề." in out
    folders = sorted(p.name for p in contest.iterdir() if p.is_dir())
    assert folders == [
        "binh-dan-hoc-vu-so",
        "chu-ky-so",
        "dich-vu-cong-truc-tuyen",
        "duong-day-nong",
        "mot-cua-hien-dai",
        "tai-khoan-dinh-danh-dien-tu",
        "thanh-toan-khong-tien-mat",
    ]
    entry = yaml.safe_load((contest / "dich-vu-cong-truc-tuyen" / "entry.yml").read_text(encoding="utf-8"))
    assert entry["unit"] == "vinh-hoa"  # the unit merged over rows 5-6
    assert not (contest / "tong-cong").exists() and not (contest / "le-van-lap").exists()
    # 3. the videos: 6 files received, every one matched, the one renamed without diacritics too
    assert next(steps) == "videos" and path.statuses[-1] == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Tai khoan dinh danh dien tu.mp4 → 2024-thu/tai-khoan-dinh-danh-dien-tu" in out
    assert "Đã chép 6 tệp; 0 tệp đã có sẵn; 0 tệp chưa khớp." in out
    # 4. validate: 4 entries in error (cut short, never received, a juror's, late by date alone),
    # 3 valid; Cam Lộ has none valid (its minimum is 1)
    assert next(steps) == "validate" and path.statuses[-1] == cli.EXIT_DATA
    out = capsys.readouterr().out
    assert "lỗi VID004: Tệp video 'chu-ky-so.mp4' bị cắt cụt hoặc hỏng" in out
    assert "lỗi FIL001: Không tìm thấy tệp 'thanh-toan.mp4'" in out
    assert "lỗi ELG001: Tác giả 'Trần Văn Một' là thành viên Ban Giám khảo nên không được dự thi" in out
    assert "lỗi TIM001: Tác phẩm nhận ngày 26/09/2024, sau hạn chót 17:00 15/09/2024" in out
    assert "00:00 26/09/2024" not in out  # a date typed without an hour is shown as a date
    assert "Tổng cộng: 1 cuộc thi, 7 tác phẩm; 4 lỗi, 1 cảnh báo." in out
    assert "Đơn vị 'UBND thị trấn Cam Lộ' mới có 0 tác phẩm hợp lệ (đã nhận 2), chưa đạt mức tối thiểu 1" in out
    assert "--skip-invalid" in out and "state: refused" in out  # both ways forward named
    # 5. the portal with the 3 valid entries: the turned clip and the .MOV get web copies, each said
    assert next(steps) == "portal" and path.statuses[-1] == cli.EXIT_OK
    out = capsys.readouterr().out
    assert (
        "Không đăng 4 tác phẩm có lỗi: 2024-thu/binh-dan-hoc-vu-so, 2024-thu/chu-ky-so, 2024-thu/duong-day-nong, "
        "2024-thu/thanh-toan-khong-tien-mat" in out
    )
    assert "Video trên cổng: 2 bản web (chuyển mã lần này: 2), 1 video gốc đăng nguyên" in out
    assert "2024-thu/mot-cua-hien-dai: quay khi phát: xoay hình cho đứng" in out
    assert "2024-thu/dich-vu-cong-truc-tuyen: không phải tệp MP4, không phải H.264" in out
    assert "rendition_reason" not in out
    site = path.site / "2024-thu"
    gallery = (site / "bai-du-thi" / "index.html").read_text(encoding="utf-8")
    assert gallery.count('class="cp-card"') == 3 and "Đường dây nóng" not in gallery
    # 6. eight sheets; the judges' returned, the fanpage's list by title; validate shows the results
    # before they are published. Totals (content + form) worked out by hand:
    #   Một cửa hiện đại: 80 85 90 78 90 82 90 82 = 677 / 8 = 84.625 → 84,62
    #   Dịch vụ công trực tuyến: 75 78 73 76 77 81 71 77 = 608 / 8 = 76,00
    #   Tài khoản định danh điện tử: 68 – 72 70 66 74 66 70 = 486 / 7 = 69.43 (Lê Thị Hai, of Hải An, abstains)
    assert next(steps) == "results" and path.statuses[-1] == cli.EXIT_DATA  # the 4 entries are still in error
    out = capsys.readouterr().out
    assert "Đã ghi 8 phiếu chấm" in out
    assert "kết quả tính toán – CHƯA CÔNG BỐ" in out
    assert (
        "1  mot-cua-hien-dai  “Một cửa hiện đại” – UBND xã Vĩnh Hòa: 84,62 điểm (8 giám khảo chấm), "
        "1.520 lượt bình chọn" in out
    )
    assert (
        "3  tai-khoan-dinh-danh-dien-tu  “Tài khoản định danh điện tử” – UBND xã Hải An: 69,43 điểm "
        "(7 giám khảo chấm), 1.210 lượt bình chọn" in out
    )
    assert "Giải Bình chọn (1.000.000 đ): tai-khoan-dinh-danh-dien-tu" in out  # the most voted holds the first
    assert "Tổng tiền thưởng: 9.000.000 đ" in out and "prizes.one_prize_per_entry" in out
    assert "VOT00" not in out  # every title in capitals without diacritics found its entry
    # 7. every paper, into reports/ (never into the site)
    assert next(steps) == "papers" and path.statuses[-1] == cli.EXIT_OK
    papers = path.reports / "2024-thu"
    minutes = Document(str(papers / "bien-ban-tong-hop-ket-qua-cham-thi.docx"))
    scores = [[cell.text for cell in row.cells][1:] for row in minutes.tables[1].rows[1:]]
    assert scores == [
        ["Một cửa hiện đại", "80", "85", "90", "78", "90", "82", "90", "82", "84,62", "1"],
        ["Dịch vụ công trực tuyến", "75", "78", "73", "76", "77", "81", "71", "77", "76,00", "2"],
        ["Tài khoản định danh điện tử", "68", "Không chấm", "72", "70", "66", "74", "66", "70", "69,43", "3"],
    ]
    assert (
        "Giám khảo Lê Thị Hai không chấm tác phẩm “Tài khoản định danh điện tử”: "
        "tác phẩm của đơn vị giám khảo (UBND xã Hải An)."
    ) in _text(minutes)
    assert (
        sum(
            "Trần Văn Một" in cell.text or "Ngô Thị Tám" in cell.text
            for row in minutes.tables[2].rows
            for cell in row.cells
        )
        == 2
    )  # a signature line per judge
    winners = [
        ["1", "Giải Nhất", "Một cửa hiện đại", "Nguyễn Thị Thuỷ", "UBND xã Vĩnh Hòa", "5.000.000", ""],
        ["2", "Giải Nhì", "Dịch vụ công trực tuyến", "Lê Văn Khoẻ", "UBND xã Vĩnh Hòa", "3.000.000", ""],
        ["3", "Giải Bình chọn", "Tài khoản định danh điện tử", "Phan Thị Mai", "UBND xã Hải An", "1.000.000", ""],
    ]
    proposal = Document(str(papers / "to-trinh-de-nghi-khen-thuong.docx"))
    assert [[c.text for c in row.cells] for row in proposal.tables[1].rows][1:4] == winners
    assert "Tổng số tiền thưởng: 9.000.000 đồng (Bằng chữ: Chín triệu đồng)." in _text(proposal)
    assert "tiếp nhận 7 tác phẩm dự thi, trong đó 3 tác phẩm hợp lệ" in _text(proposal)
    decision = Document(str(papers / "du-thao-quyet-dinh-khen-thuong.docx"))
    annex = [[c.text for c in row.cells] for row in decision.tables[-1].rows]
    assert annex[1:4] == winners and annex[4][5] == "9.000.000"
    words = _text(decision)
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in words
    assert (
        "xếp thứ 1 về lượt bình chọn (1.520 lượt) nhưng đã nhận Giải Nhất; theo quy định mặc định mỗi tác phẩm "
        "chỉ nhận một giải"
    ) in words
    payments = [
        row
        for row in load_workbook(papers / "danh-sach-chi-tra-tien-thuong.xlsx").active.iter_rows(values_only=True)
        if row[0] is not None
    ]
    assert [row[1:7] for row in payments[5:8]] == [
        ("Nguyễn Thị Thuỷ", "UBND xã Vĩnh Hòa", "Giải Nhất", "Một cửa hiện đại", 5_000_000, "Năm triệu đồng"),
        ("Lê Văn Khoẻ", "UBND xã Vĩnh Hòa", "Giải Nhì", "Dịch vụ công trực tuyến", 3_000_000, "Ba triệu đồng"),
        (
            "Phan Thị Mai",
            "UBND xã Hải An",
            "Giải Bình chọn",
            "Tài khoản định danh điện tử",
            1_000_000,
            "Một triệu đồng",
        ),
    ]
    assert payments[8][5] == 9_000_000 and payments[9][0] == "Tổng số tiền bằng chữ: Chín triệu đồng"
    awards = _text(Document(str(papers / "giay-khen-giay-chung-nhan.docx")))
    assert awards.count("GIẤY CHỨNG NHẬN") == 3  # as the plan states: the organizing committee's certificate
    assert "Giải Bình chọn – Tác phẩm “Tài khoản định danh điện tử”" in awards and "tai-khoan-dinh" not in awards
    participation = list(load_workbook(papers / "bao-cao-tham-gia-theo-don-vi.xlsx").active.iter_rows(values_only=True))
    # units: received, valid, in error, refused, prizes, minimum, met
    assert [(row[0], *row[2:7], row[8], row[9]) for row in participation[2:]] == [
        ("UBND xã Vĩnh Hòa", 3, 2, 1, 0, "Giải Nhất, Giải Nhì", 1, "Đạt"),
        ("UBND xã Hải An", 2, 1, 1, 0, "Giải Bình chọn", 1, "Đạt"),
        ("UBND thị trấn Cam Lộ", 2, 0, 2, 0, None, 1, "Chưa đạt"),
    ]
    capsys.readouterr()
    # 8. the results published: the results page, with the rule the plan did not state as a footnote
    assert next(steps) == "published" and path.statuses[-1] == cli.EXIT_OK
    assert "kết quả đã công bố, 3 giải, tổng tiền thưởng 9.000.000 đ" in capsys.readouterr().out
    results = (site / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert results.index("Một cửa hiện đại") < results.index("Dịch vụ công trực tuyến")
    assert "Giải Bình chọn được trao cho “Tài khoản định danh điện tử”" in results
    # 9. the offline copy: pages end in .html, links between them too
    assert next(steps) == "offline" and path.statuses[-1] == cli.EXIT_OK
    offline = path.offline / "2024-thu"
    assert (offline / "ket-qua.html").is_file() and 'href="ket-qua.html"' in (offline / "index.html").read_text(
        encoding="utf-8"
    )
    # no personal data reaches either site: phone numbers, the register's preparer
    for built in (path.site, path.offline):
        text = "".join(p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
        assert "0912345678" not in text and "0978000444" not in text and "Lê Văn Lập" not in text
    # the counts the script prints: 10 commands, 2 hand edits (contest.yml twice), 12 steps
    assert next(steps, None) is None
    report = path.report(60)
    assert "✎ cong/entries/2024-thu/contest.yml: chép kế hoạch đã ký" in report
    assert "10 commands, 2 hand edits, 12 steps in all, 1.0 min" in report
    assert "contest-portal build --skip-invalid --offline -d" in report


def test_a_first_try_at_typing_the_plan_is_named_by_its_file(tmp_path, capsys):
    """A clerk's first try: a comma unquoted in a {…} line of contest.yml; import-register names
    that file instead of only saying "choose a contest" (issue 19)."""
    path = ClerkPath(tmp_path)
    assert path.new_contest() == cli.EXIT_OK
    (path.contest / "contest.yml").write_text(
        CONTEST.replace("{published}", "false").replace('"UBND các xã, thị trấn"', "UBND các xã, thị trấn"),
        encoding="utf-8",
    )
    assert path.run("import-register", str(path.register()), "--contest", "2024-thu") == cli.EXIT_USAGE
    assert "contest.yml" in capsys.readouterr().err
    assert not any(p.is_dir() for p in path.contest.iterdir())  # nothing imported
