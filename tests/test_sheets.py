"""Reading the judging spreadsheets: cells, quiz rows and the vote snapshot, with their problems."""

from __future__ import annotations

from datetime import time
from types import SimpleNamespace

import pytest

from contest_portal.formats.sheets import RESULTS_FOLDER, QuizRow, duration_seconds, read_quiz, read_votes, whole_number
from contest_portal.formats.tables import write_csv


@pytest.mark.parametrize("cell,number", [(12, 12), (12.0, 12), ("12", 12), ("1.204", 1204), (" 7 ", 7),
                                         (12.5, None), (-1, None), ("1,204", None), (True, None), (None, None)])
def test_whole_numbers(cell, number):
    assert whole_number(cell) == number


@pytest.mark.parametrize("cell,seconds", [(95, 95.0), ("95", 95.0), ("1:35", 95.0), ("00:01:35", 95.0),
                                          ("95,5", 95.5), (time(0, 1, 35), 95), ("-3", None), ("abc", None)])
def test_durations(cell, seconds):
    assert duration_seconds(cell) == seconds


def _contest(tmp_path, entries=()):
    (tmp_path / RESULTS_FOLDER).mkdir()
    return SimpleNamespace(folder=tmp_path, slug="2025-thu", invalid_ids={"e-09"},
                           entries=[SimpleNamespace(slug=slug, valid=True) for slug in entries])


def test_quiz_rows_in_file_order_and_the_rows_left_out(tmp_path):
    contest = _contest(tmp_path)
    write_csv(tmp_path / RESULTS_FOLDER / "trac-nghiem.csv", ["Họ và tên", "Đơn vị", "Số câu đúng", "Thời gian"],
              [["Lê B", "Xã 1", 18, "1:40"], ["Trần A", "Xã 2", 20, "2:00"], ["Lê B", "Xã 1", 19, "1:00"],
               ["", "Xã 3", 5, "3:00"]])
    rows, problems = read_quiz(contest)
    assert rows == [QuizRow("Lê B", "Xã 1", 18, 100.0, 2), QuizRow("Trần A", "Xã 2", 20, 120.0, 3)]
    assert [(p.code, p.where.line) for p in problems] == [("RES010", 4), ("RES003", 5)]


def test_no_quiz_file_is_no_rows_and_no_problem(tmp_path):
    assert read_quiz(_contest(tmp_path)) == ([], [])


def test_vote_snapshot(tmp_path):
    contest = _contest(tmp_path, entries=("e-01", "e-02"))
    write_csv(tmp_path / RESULTS_FOLDER / "binh-chon.csv", ["Mã tác phẩm", "Số bình chọn", "Nguồn", "Thời điểm"],
              [["e-01", "1.204", "Cổng TTĐT", "2025-06-01 08:00"], ["E-02", 15, "", "2025-06-02 09:30"],
               ["e-01", 3, "", ""], ["e-09", 4, "", ""], ["e-03", "nhiều", "", ""]])
    snapshot = read_votes(contest)
    assert snapshot.counts == {"e-01": 1204, "e-02": 15}
    assert snapshot.source == "Cổng TTĐT"
    assert (snapshot.time.day, snapshot.time.hour, snapshot.time.minute) == (2, 9, 30)  # the latest
    assert [(p.code, p.where.line) for p in snapshot.problems] == [("JUR005", 4), ("JUR009", 5), ("RES003", 6)]


def test_criterion_headers_in_both_languages():
    from contest_portal.formats.sheets import criterion_header

    criterion = SimpleNamespace(name="Nội dung", max_points=60.0)
    assert criterion_header(criterion) == "Nội dung (tối đa 60)"
    assert criterion_header(criterion, "en") == "Nội dung (max 60)"
