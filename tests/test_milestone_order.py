"""Bad data no longer accepted silently (issue 21, kind 7).

Timeline milestones in an impossible order are errors naming both milestones and their lines
(CON013); plans that overlap on purpose get a warning (CON014); the sample plans pass. A
register row whose title gives no folder name and has no id is refused (REG005) instead of
writing entry.yml and private.yml into the contest folder itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from contest_portal.office.register import import_register
from contest_portal.pipeline import load_portal

ROOT = Path(__file__).resolve().parent.parent

HEAD = """\
year: 2025
title: Cuộc thi thử
organizer: {name: UBND huyện Thử}
units: [{id: xa-a, name: UBND xã A, category: xa}]
unit_categories: [{id: xa, name: Xã}]
timeline:
  - {kind: launch, date: 2025-04-15}
  - {kind: submission, start: 2025-05-01, end: "2025-05-31 17:00"}
"""


def _timeline(tmp_path: Path, *milestones: str):
    folder = tmp_path / "2025-thu"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "contest.yml").write_text(HEAD + "".join(f"  - {m}\n" for m in milestones), encoding="utf-8")
    portal = load_portal(tmp_path, probe=False)
    assert portal.problems == [], [p.format("en") for p in portal.problems]
    return [p for p in portal.contests[0].problems if p.code in ("CON013", "CON014")]


def test_the_sample_plans_have_their_milestones_in_order():
    portal = load_portal(ROOT / "entries", probe=False)
    assert [p.code for p in portal.all_problems() if p.code in ("CON013", "CON014")] == []


def test_judging_before_the_submission_window_ends(tmp_path):
    [problem] = _timeline(tmp_path, "{kind: judging, start: 2025-05-20, end: 2025-06-10}")
    assert problem.code == "CON013" and problem.is_error
    assert (problem.where.line, problem.where.field) == (9, "timeline[3]")
    assert problem.message("vi") == (
        "Mốc 'Chấm thi' (dòng 9, 2025-05-20) bắt đầu trước khi mốc "
        "'Nhận tác phẩm dự thi' (dòng 8, 2025-05-31 17:00) kết thúc"
    )
    assert problem.message("en") == (
        "Milestone 'Judging' (line 9, 2025-05-20) starts before milestone "
        "'Submission of entries' (line 8, 2025-05-31 17:00) ends"
    )


def test_results_and_ceremony_before_the_window_ends(tmp_path):
    found = _timeline(
        tmp_path, "{kind: results, date: 2025-05-25, label: Công bố kết quả}", "{kind: ceremony, date: 2025-05-30}"
    )
    assert sorted((p.code, p.values["later_line"], p.values["earlier_line"], p.values["point"].key) for p in found) == [
        ("CON013", 9, 8, "problem.milestone.end"),
        ("CON013", 10, 8, "problem.milestone.end"),
    ]
    assert found[0].values["later"] == "Công bố kết quả"  # a milestone's own label names it


def test_voting_before_submissions_open(tmp_path):
    [problem] = _timeline(tmp_path, "{kind: voting, start: 2025-04-20, end: 2025-06-10}")
    assert problem.code == "CON013"
    assert problem.message("en") == (
        "Milestone 'Public online voting' (line 9, 2025-04-20) starts before milestone "
        "'Submission of entries' (line 8, 2025-05-01) starts"
    )


def test_submission_before_the_launch(tmp_path):
    folder = tmp_path / "2025-thu"
    folder.mkdir(parents=True)
    (folder / "contest.yml").write_text(HEAD.replace("date: 2025-04-15", "date: 2025-06-15"), encoding="utf-8")
    [problem] = [p for p in load_portal(tmp_path, probe=False).all_problems() if p.code == "CON013"]
    assert (problem.values["later_line"], problem.values["earlier_line"]) == (8, 7)


def test_results_before_judging_ends_and_ceremony_before_results(tmp_path):
    found = _timeline(
        tmp_path,
        "{kind: judging, start: 2025-06-01, end: 2025-06-30}",
        "{kind: results, date: 2025-06-20}",
        "{kind: ceremony, date: 2025-06-10}",
    )
    assert sorted((p.code, p.values["later_line"], p.values["earlier_line"]) for p in found) == [
        ("CON013", 10, 9),  # results before judging ends
        ("CON013", 11, 9),  # ceremony before judging ends
        ("CON013", 11, 10),  # ceremony before the results are announced
    ]


def test_judging_while_the_vote_runs_is_only_a_warning(tmp_path):
    [problem] = _timeline(
        tmp_path,
        "{kind: voting, start: 2025-06-05, end: 2025-06-20}",
        "{kind: judging, start: 2025-06-10, end: 2025-06-25}",
        "{kind: results, date: 2025-07-01}",
    )
    assert problem.code == "CON014" and not problem.is_error
    assert problem.message("en") == (
        "Milestone 'Judging' (line 10, 2025-06-10) runs at the same time as milestone "
        "'Public online voting' (line 9, 2025-06-05)"
    )


def test_voting_while_entries_still_come_in_is_a_warning(tmp_path):
    [problem] = _timeline(tmp_path, "{kind: voting, start: 2025-05-15, end: 2025-06-15}")
    assert problem.code == "CON014" and problem.values["point"].key == "problem.milestone.end"


@pytest.mark.parametrize(
    "milestones",
    [
        # a month or a quarter may fall anywhere in it: only a whole period before the deadline is wrong
        ("{kind: judging, date: 2025-05, approximate: true}", "{kind: results, date: 2025-Q2, approximate: true}"),
        # the jury before the vote, or the vote before the jury: both are real plans
        (
            "{kind: judging, start: 2025-06-01, end: 2025-06-10}",
            "{kind: voting, start: 2025-06-11, end: 2025-06-20}",
            "{kind: results, date: 2025-06-25}",
        ),
        # production ending the day submissions open; results and ceremony on one day; milestones without dates
        (
            "{kind: production, end: 2025-05-01}",
            "{kind: voting, label: Bình chọn trên fanpage}",
            "{kind: results, date: 2025-07-01}",
            "{kind: ceremony, date: 2025-07-01}",
            "{kind: other, date: 2025-01-01}",
        ),
    ],
)
def test_plans_in_order_pass(tmp_path, milestones):
    assert _timeline(tmp_path, *milestones) == []


# --- a register row without a usable id -----------------------------------------------------------


def _xlsx(path: Path, rows) -> Path:
    workbook = Workbook()
    workbook.active.append(["Mã", "Tên tác phẩm", "Họ và tên", "Đơn vị", "Số điện thoại"])
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_a_register_row_whose_title_gives_no_folder_name_is_refused(tmp_path):
    folder = tmp_path / "entries" / "2025-thu"
    folder.mkdir(parents=True)
    (folder / "contest.yml").write_text(HEAD, encoding="utf-8")
    contest = load_portal(tmp_path / "entries", probe=False).contests[0]
    register = _xlsx(
        tmp_path / "so.xlsx",
        [
            [None, "!!!", "Nguyễn Văn A", "UBND xã A", "0912345678"],
            ["???", "Tên hợp lệ", "Trần Thị B", "UBND xã A", None],
            [None, "Index", "Lê Văn C", "UBND xã A", None],
            [None, "Một cửa", "Phạm Văn D", "UBND xã A", None],
        ],
    )
    report = import_register(contest, register)
    assert [(p.code, p.values["row"], p.where.line) for p in report.problems] == [
        ("REG005", 2, 2),
        ("REG005", 3, 3),
        ("REG005", 4, 4),
    ]
    assert report.problems[0].is_error and report.problems[0].values["title"] == "!!!"
    assert report.created == ["mot-cua"]
    assert sorted(p.name for p in folder.iterdir()) == ["contest.yml", "mot-cua"]  # nothing in the contest folder
    assert "0912345678" not in report.problems[0].format("vi")
