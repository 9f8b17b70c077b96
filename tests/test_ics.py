"""The contest timeline as an .ics calendar file (RFC 5545)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from contest_portal.core.i18n import Translator
from contest_portal.core.values import parse_moment
from contest_portal.pipeline import load_portal
from contest_portal.site.ics import contest_calendar

from .conftest import ROOT

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _events(slug: str, lang: str = "vi") -> dict[str, icalendar.cal.Component]:
    contest = load_portal(ROOT / "entries").contest(slug)
    assert contest is not None, slug
    data = contest_calendar(
        contest,
        Translator(lang),
        parse_moment("2024-09-20 08:00").start,
        "https://portal.example.gov.vn/2024-bac-kan-tu-phap/",
    )
    assert data is not None, "no dated milestone"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line  # RFC 5545 folds lines at 75 octets
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    for event in events.values():
        assert event["DTSTAMP"] and event["DTSTART"] and event["DTEND"]
        assert event.decoded("DTEND") > event.decoded("DTSTART")
    return events


def test_bac_kan_timeline_as_calendar_events():
    events = _events("2024-bac-kan-tu-phap")
    launch = events["2024-bac-kan-tu-phap-2-launch@contest-portal"]
    assert launch.decoded("DTSTART") == date(2024, 8, 24) and launch.decoded("DTEND") == date(2024, 8, 25)
    assert str(launch["SUMMARY"]).startswith("Phát động cuộc thi (dự kiến) – Thiết kế Video")
    month = events["2024-bac-kan-tu-phap-1-preparation@contest-portal"]
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (date(2024, 8, 1), date(2024, 9, 1))
    window = events["2024-bac-kan-tu-phap-3-submission@contest-portal"]
    assert (window.decoded("DTSTART"), window.decoded("DTEND")) == (date(2024, 9, 15), date(2024, 10, 1))
    deadline = events["2024-bac-kan-tu-phap-3-submission-deadline@contest-portal"]
    assert deadline.decoded("DTEND") == datetime(2024, 9, 30, 17, 0, tzinfo=VIETNAM)
    assert str(deadline["SUMMARY"]).startswith("Hạn cuối: Nhận tác phẩm dự thi")
    assert "Nguyên văn" in str(window["DESCRIPTION"])
    assert str(window["URL"]) == "https://portal.example.gov.vn/2024-bac-kan-tu-phap/"


def test_calendar_in_english():
    events = _events("2024-bac-kan-tu-phap", "en")
    summary = str(events["2024-bac-kan-tu-phap-3-submission-deadline@contest-portal"]["SUMMARY"])
    assert summary.startswith("Deadline: Submission of entries – ")


def test_overview_links_to_the_calendar_file(tmp_path):
    import build as cli

    site = tmp_path / "site"
    assert cli.main(["build", "--site-dir", str(site), "--today", "2024-09-20"]) == 0
    overview = (site / "2024-vinh-linh" / "index.html").read_text(encoding="utf-8")
    assert 'href="lich-cuoc-thi.ics" download' in overview
    parsed = icalendar.Calendar.from_ical((site / "2024-vinh-linh" / "lich-cuoc-thi.ics").read_bytes())
    assert len(list(parsed.walk("VEVENT"))) == 4  # four dated milestones (the voting one has no date)
    assert Path(site / "2024-bac-kan-tu-phap" / "lich-cuoc-thi.ics").is_file()


def test_a_milestone_with_only_a_deadline_and_an_empty_timeline(tree):
    from contest_portal.core.i18n import Translator as T

    tree.contest(
        text=(ROOT / "tests" / "conftest.py")
        .read_text(encoding="utf-8")
        .split('MINIMAL_CONTEST = """\\\n')[1]
        .split('"""')[0]
        .replace(
            '  - {kind: submission, start: 2025-05-01, end: "2025-05-31 17:00"}',
            '  - {kind: submission, end: "2025-05-31 17:00"}\n  - {kind: results, date: 2025-07}',
        )
    )
    portal = load_portal(tree.root)
    contest = portal.contests[0]
    assert portal.all_problems() == [] or all(not p.is_error for p in portal.all_problems())
    data = contest_calendar(contest, T("vi"), parse_moment("2025-01-01").start)
    assert data is not None, "no dated milestone"
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    deadline = next(e for e in events if "submission" in str(e["UID"]))
    assert deadline.decoded("DTEND") == datetime(2025, 5, 31, 17, 0, tzinfo=VIETNAM)
    assert str(deadline["SUMMARY"]).startswith("Hạn cuối: Nhận tác phẩm dự thi")
    contest.spec.timeline.clear()
    assert contest_calendar(contest, T("vi"), parse_moment("2025-01-01").start) is None
