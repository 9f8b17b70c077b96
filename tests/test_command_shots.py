"""The guide's pictures of the commands (tools/command_shots.py) come from what the commands really print.

The first steps of the clerk's path only (a new contest, the register, the received videos, validate),
in Vietnamese, and one command in English: the whole path is tools/clerk_path.py's test.
"""

from __future__ import annotations

from itertools import islice

import pytest
from PIL import Image

from tools.command_shots import OUT_DIRS, Session, render_html, take

pytestmark = pytest.mark.browser


def test_the_pictures_show_what_the_commands_print(tmp_path, browser):
    shots = list(islice(Session(tmp_path / "vi", "vi").shots(), 4))
    assert [shot.command[0] for shot in shots] == ["new-contest", "import-register", "intake", "validate"]
    assert [shot.status for shot in shots] == [
        0,
        0,
        0,
        1,
    ]  # validate: a cut-short file, a missing one, a late entry, a juror's
    new, register, intake, validate = (render_html(shot, "vi") for shot in shots)
    # the command as typed, in the clerk's folder (the temporary folder never shows)
    assert '<span class="cmd">contest-portal</span> <span class="arg">new-contest</span>' in new
    assert "Đã tạo D:\\cuoc-thi\\cong\\entries\\2024-thu\\contest.yml." in new
    assert "Tạo mới 7, cập nhật 0, giữ nguyên 0 tác phẩm; 0 dòng có vấn đề." in register
    assert "D:\\cuoc-thi\\Tai-ve\\Tai khoan dinh danh dien tu.mp4 → 2024-thu/tai-khoan-dinh-danh-dien-tu" in intake
    assert "lỗi VID004: Tệp video &#x27;chu-ky-so.mp4&#x27; bị cắt cụt hoặc hỏng" in validate
    assert "lỗi FIL001: Không tìm thấy tệp &#x27;thanh-toan.mp4&#x27;" in validate
    assert "UBND thị trấn Cam Lộ  UBND các xã, thị trấn  2        0       2" in validate  # the table's row
    assert not any(str(tmp_path) in html for html in (new, register, intake, validate))

    made = take(shots, "vi", tmp_path / "anh", browser)
    assert [path.name for path in made] == [
        "lenh-tao-cuoc-thi.png",
        "lenh-nhap-so-dang-ky.png",
        "lenh-nhan-video.png",
        "lenh-kiem-tra.png",
    ]
    sizes = [Image.open(path).size for path in made]
    # cropped to the window (120 columns, about 1,010 px), as tall as the output: a line for new-contest,
    # some 30 for validate's problems and table
    assert all(950 <= width <= 1100 for width, _ in sizes)
    assert sizes[0][1] < 160 and sizes[3][1] > 550
    assert all(path.stat().st_size < 80_000 and Image.open(path).mode == "P" for path in made)  # a few colours


def test_an_english_run_is_pictured_in_english(tmp_path, browser):
    shot = next(Session(tmp_path, "en").shots())
    assert shot.command[-2:] == ["--lang", "en"]
    assert "Created D:\\cuoc-thi\\cong\\entries\\2024-thu\\contest.yml." in render_html(shot, "en")
    [made] = take([shot], "en", tmp_path / "images", browser)
    assert made.name == "command-new-contest.png" and OUT_DIRS["en"].name == "images"


def test_the_guide_pictures_a_contest_drafted_from_the_plan(tmp_path, browser):
    shot = Session(tmp_path, "vi").from_plan()
    assert shot.command[:2] == ["new-contest", "--from-plan"] and shot.status == 0
    html = render_html(shot, "vi")
    assert "từ ke-hoach-cuoc-thi-2025.docx: 24 giá trị lấy từ văn bản" in html
    assert "Câu hỏi (văn bản chưa rõ, công cụ không tự chọn giá trị): timeline" in html  # "20/3/20225"
    assert "đoạn 23: Các đơn vị chủ động bố trí kinh phí đi lại" in html  # the one paragraph no value came from
    [made] = take([shot], "vi", tmp_path / "anh", browser)
    assert made.name == "lenh-tao-tu-ke-hoach.png"
