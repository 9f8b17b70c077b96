"""Reading the judging spreadsheets: cells, quiz rows and the vote snapshot, with their problems."""

from __future__ import annotations

from datetime import time
from types import SimpleNamespace
from typing import cast

import pytest

from contest_portal.formats.schema import Criterion
from contest_portal.formats.sheets import RESULTS_FOLDER, QuizRow, duration_seconds, read_quiz, whole_number
from contest_portal.formats.tables import write_csv
from contest_portal.formats.votes import read_votes


@pytest.mark.parametrize(
    "cell,number",
    [
        (12, 12),
        (12.0, 12),
        ("12", 12),
        ("1.204", 1204),
        (" 7 ", 7),
        (12.5, None),
        (-1, None),
        ("1,204", None),
        (True, None),
        (None, None),
    ],
)
def test_whole_numbers(cell, number):
    assert whole_number(cell) == number


@pytest.mark.parametrize(
    "cell,seconds",
    [
        (95, 95.0),
        ("95", 95.0),
        ("1:35", 95.0),
        ("00:01:35", 95.0),
        ("95,5", 95.5),
        (time(0, 1, 35), 95),
        ("-3", None),
        ("abc", None),
    ],
)
def test_durations(cell, seconds):
    assert duration_seconds(cell) == seconds


def _contest(tmp_path, entries=()):
    (tmp_path / RESULTS_FOLDER).mkdir()
    return SimpleNamespace(
        folder=tmp_path,
        slug="2025-thu",
        invalid_ids={"e-09"},
        spec=SimpleNamespace(timeline=[]),
        entries=[SimpleNamespace(slug=slug, valid=True) for slug in entries],
    )


def test_quiz_rows_in_file_order_and_the_rows_left_out(tmp_path):
    contest = _contest(tmp_path)
    write_csv(
        tmp_path / RESULTS_FOLDER / "trac-nghiem.csv",
        ["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"],
        [
            ["Lê B", "Xã 1", 18, "1:40"],
            ["Trần A", "Xã 2", 20, "2:00"],
            ["Lê B", "Xã 1", 19, "1:00"],
            ["", "Xã 3", 5, "3:00"],
        ],
    )
    rows, problems = read_quiz(contest)
    assert rows == [QuizRow("Lê B", "Xã 1", 18, 100.0, 2), QuizRow("Trần A", "Xã 2", 20, 120.0, 3)]
    assert [(p.code, p.where.line) for p in problems] == [("RES010", 4), ("RES003", 5)]


def test_no_quiz_file_is_no_rows_and_no_problem(tmp_path):
    assert read_quiz(_contest(tmp_path)) == ([], [])


def test_vote_snapshot(tmp_path):
    contest = _contest(tmp_path, entries=("e-01", "e-02"))
    write_csv(
        tmp_path / RESULTS_FOLDER / "binh-chon.csv",
        ["Mã tác phẩm", "Số bình chọn", "Nguồn", "Thời điểm"],
        [
            ["e-01", "1.204", "Cổng TTĐT", "2025-06-01 08:00"],
            ["E-02", 15, "", "2025-06-02 09:30"],
            ["e-01", 3, "", ""],
            ["e-09", 4, "", ""],
            ["e-03", "nhiều", "", ""],
        ],
    )
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-02": 15}  # e-01 on two lines (1.204 and 3): neither, and said
    assert snapshot.source == "Cổng TTĐT"
    assert snapshot.time is not None
    assert (snapshot.time.day, snapshot.time.hour, snapshot.time.minute) == (2, 9, 30)  # the latest
    assert [(p.code, p.where.line) for p in snapshot.problems] == [("VOT009", 4), ("JUR009", 5), ("VOT013", 6)]
    assert snapshot.problems[0].message("vi") == (
        "Tác phẩm e-01 có hai dòng: dòng 2 (1204 lượt) và dòng 4 (3 lượt); chưa tính dòng nào"
    )
    assert snapshot.problems[2].message("vi") == "Ô B6: 'nhiều' không phải số lượt bình chọn"


def test_criterion_headers_in_both_languages():
    from contest_portal.formats.sheets import criterion_header

    criterion = cast(Criterion, SimpleNamespace(name="Nội dung", max_points=60.0))
    assert criterion_header(criterion) == "Nội dung (tối đa 60)"
    assert criterion_header(criterion, "en") == "Nội dung (max 60)"


def test_vote_snapshot_saved_as_excel_unicode_text_with_a_serial_time(tmp_path):
    """Excel's "Unicode Text" (UTF-16LE, BOM, tabs) used to stop validate and build with a traceback."""
    contest = _contest(tmp_path, entries=("e-01", "e-02"))
    text = "Mã tác phẩm\tSố bình chọn\tThời điểm\r\ne-01\t1.204\t45681,6875\r\ne-02\t15\t24/01/2025 16:00\r\n"
    (tmp_path / RESULTS_FOLDER / "binh-chon.csv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    snapshot = read_votes(contest)
    assert snapshot.problems == [] and snapshot.counts == {"e-01": 1204, "e-02": 15}
    assert snapshot.time is not None
    assert (snapshot.time.day, snapshot.time.hour, snapshot.time.minute) == (24, 16, 30)


def test_quiz_typed_in_vni_is_converted_with_a_warning(tmp_path):
    contest = _contest(tmp_path)
    # "Họ và tên;Đơn vị;Số câu đúng;Thời gian" and two participants, as a VNI keyboard types them
    (tmp_path / RESULTS_FOLDER / "trac-nghiem.csv").write_bytes(
        b"Ho\xef va\xf8 te\xe2n;\xd1\xf4n v\xf2;So\xe1 ca\xe2u \xf1u\xf9ng;Th\xf4\xf8i gian\r\n"
        b"Nguye\xe3n Th\xf2 Thu\xfby;Xa\xf5 1;18;2 phu\xf9t 35 gia\xe2y\r\n"
        b"Tr\xf6\xf4\xf8ng Va\xean Ho\xf8a;Xa\xf5 2;19;1:40.5\r\n"
    )
    rows, problems = read_quiz(contest)
    assert [(p.code, p.values) for p in problems] == [("TAB001", {"encoding": "VNI"})]
    assert rows == [QuizRow("Nguyễn Thị Thủy", "Xã 1", 18, 155.0, 2), QuizRow("Trường Văn Hòa", "Xã 2", 19, 100.5, 3)]


@pytest.mark.parametrize("cell,number", [("１２", 12), ("１.２０４", 1204)])
def test_full_width_digits_are_digits(cell, number):
    assert whole_number(cell) == number


def test_validate_reads_a_utf16_vote_snapshot_instead_of_crashing(tree):
    """The same Excel "Unicode Text" file as the vote snapshot used to make validate and build crash."""
    from contest_portal.pipeline import load_portal

    from .test_results import _contest as judged_contest
    from .test_results import _make, _sheets, _winners

    tiers = [
        {"id": "nhat", "name": "Giải Nhất", "count": 1},
        {"id": "binh-chon", "name": "Bình chọn", "count": 1, "basis": "public_vote"},
    ]
    _make(tree, judged_contest(tiers, n_units=3), 3)
    _sheets(tree, 3)
    text = "Mã tác phẩm\tSố bình chọn\r\ne-01\t10\r\ne-02\t1.204\r\ne-03\t7\r\n"
    (tree.root / "2025-thu" / "_ket-qua" / "binh-chon.csv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    portal = load_portal(tree.root, probe=False)
    assert not [p for p in portal.contests[0].problems if p.code == "RES003"]
    assert _winners(portal)["binh-chon"] == ["e-02"]
