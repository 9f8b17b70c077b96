"""`build.py status`: the phase line, the next deadline and the time left for a fixed date."""

from __future__ import annotations

import pytest

import build as cli

from .conftest import MINIMAL_CONTEST, write_mkdocs_yml

# MINIMAL_CONTEST (conftest): entries from 2025-05-01 00:00 to 2025-05-31 17:00, Vietnam time.
INVALID_ENTRY = "title: Thiếu video\nauthors: [{name: A}]\nunit: xa-a\nvideo: video.mp4\n"


def _status(tmp_path, capsys, today: str, lang: str = "vi") -> str:
    config = write_mkdocs_yml(tmp_path)
    capsys.readouterr()
    assert cli.main(["status", "-f", str(config), "--today", today, "--lang", lang]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "today, phase, next_line",
    [
        ("2025-04-20", "Giai đoạn: Đã phát động", "Bắt đầu nhận tác phẩm: 00:00 ngày 01/05/2025 (còn 11 ngày 0 giờ)"),
        (
            "2025-05-31",
            "Giai đoạn: Đang nhận tác phẩm",
            "Hạn cuối nhận tác phẩm: 17:00 ngày 31/05/2025 (còn 0 ngày 17 giờ)",
        ),
        ("2025-06-01", "Giai đoạn: Đã hết hạn nhận tác phẩm", None),
    ],
)
def test_phase_and_time_left_for_a_fixed_date(tree, tmp_path, capsys, today, phase, next_line):
    tree.contest()
    out = _status(tmp_path, capsys, today)
    lines = out.splitlines()
    assert lines[0] == "== 2025 – Cuộc thi thử nghiệm (2025-thu-nghiem)"
    assert lines[1] == phase
    if next_line is None:
        assert "còn" not in out  # nothing ahead: no countdown
    else:
        assert lines[2] == next_line


def test_status_in_english(tree, tmp_path, capsys):
    tree.contest()
    out = _status(tmp_path, capsys, "2025-05-30", lang="en")
    assert "Stage: Open for entries" in out
    assert "Entry deadline: 31 May 2025, 17:00 (1 days 17 hours left)" in out


def test_entries_with_errors_are_counted_apart(tree, tmp_path, capsys):
    tree.contest()
    tree.entry(slug="e-01", text=INVALID_ENTRY, video=False)  # its video file is missing
    out = _status(tmp_path, capsys, "2025-05-20")
    assert "Tác phẩm đã nhận: 1; hợp lệ: 0; có lỗi: 1" in out


@pytest.mark.parametrize(
    "today, phase",
    [
        ("2025-06-10", "Giai đoạn: Đã công bố kết quả"),
        ("2026-01-01", "Giai đoạn: Đã kết thúc"),  # more than 180 days after the last milestone
    ],
)
def test_published_results_then_the_archive(tree, tmp_path, capsys, today, phase):
    tree.contest(text=MINIMAL_CONTEST + "results: {published: true}\n")
    lines = _status(tmp_path, capsys, today).splitlines()
    assert lines[1] == phase and "còn" not in lines[2]


def test_no_contest_yet(tmp_path, capsys):
    (tmp_path / "entries").mkdir()
    assert _status(tmp_path, capsys, "2025-05-20").strip() == "Chưa có cuộc thi nào."
