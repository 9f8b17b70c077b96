"""The phase of a contest follows its timeline and the date of the build."""

from __future__ import annotations

import pytest

from contest_portal.core.values import parse_moment
from contest_portal.formats import schema
from contest_portal.rules.phase import contest_phase

CONTEST = schema.Contest.model_validate(
    {
        "year": 2024,
        "title": "T",
        "organizer": {"name": "O"},
        "timeline": [
            {"kind": "launch", "date": "2024-08-24"},
            {"kind": "submission", "start": "2024-09-15", "end": "2024-09-30 17:00"},
            {"kind": "voting", "start": "2024-10-10", "end": "2024-10-31 17:00"},
            {"kind": "ceremony", "date": "2024-11-09"},
        ],
    }
)


@pytest.mark.parametrize(
    "today,phase",
    [
        ("2024-09-01 08:00", "announced"),
        ("2024-09-15 00:00", "open"),
        ("2024-09-30 16:59", "open"),
        ("2024-09-30 17:01", "closed"),
        ("2024-10-20 10:00", "voting"),
        ("2024-11-01 10:00", "closed"),
        ("2026-01-01 10:00", "archived"),
    ],
)
def test_phase_by_date(today, phase):
    assert contest_phase(CONTEST, parse_moment(today).start).phase == phase


def test_next_deadline_while_open():
    info = contest_phase(CONTEST, parse_moment("2024-09-20 10:00").start)
    assert info.next_label_key == "submission_end"
    assert info.next_deadline is not None
    assert (info.next_deadline.day, info.next_deadline.hour) == (30, 17)


def test_published_results():
    contest = CONTEST.model_copy(update={"results": schema.Results(published=True)})
    assert contest_phase(contest, parse_moment("2024-11-20 10:00").start).phase == "results"


# the same window as the late-entry rule: a contest in parts with no submission milestone is open
# while its entries part is; a deadline written "before 16:00" is closed at 16:00
IN_PARTS = schema.Contest.model_validate(
    {
        "year": 2025,
        "title": "T",
        "organizer": {"name": "O"},
        "parts": [
            {
                "id": "video",
                "name": "Thi video",
                "kind": "entries",
                "start": "2025-05-01",
                "end": "2025-05-31 16:00",
                "end_excluded": True,
            }
        ],
    }
)


@pytest.mark.parametrize(
    "today,phase",
    [
        ("2025-04-30 10:00", "announced"),
        ("2025-05-20 10:00", "open"),
        ("2025-05-31 15:59", "open"),
        ("2025-05-31 16:00", "closed"),
    ],
)
def test_a_contest_in_parts_is_open_while_its_entries_part_is(today, phase):
    assert contest_phase(IN_PARTS, parse_moment(today).start).phase == phase
