"""The contest timeline as an iCalendar file (RFC 5545), made with the icalendar library.

Each milestone is one event: a whole-day (or whole-month) event when the plan
gives only a date or a month, a timed event in Vietnam's time zone when it gives
an hour ("17:00 ngày 30/9/2024").  Phones and mail programs open the file and
offer to add the dates to the visitor's calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import icalendar

from contest_portal.core.i18n import Translator
from contest_portal.core.values import Moment
from contest_portal.model import ContestRecord
from contest_portal.rules.phase import milestone_moments

PRODID = "-//contest-portal//Cuoc thi CCHC//VI"


def _times(first: Moment, last: Moment) -> tuple[date | datetime, date | datetime]:
    """DTSTART and DTEND: dates for whole days and for windows of several days (DTEND is exclusive),
    date-times for a moment given to the minute."""
    if first is last and first.precision == "minute":
        return first.start, first.start + timedelta(hours=1)
    if first.precision == "minute" and last.precision == "minute" and last.end.date() == first.start.date():
        return first.start, max(last.end, first.start + timedelta(minutes=30))
    return first.start.date(), last.end.date() + timedelta(days=1)


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT: ``start``/``end`` are dates (whole days, ``end`` exclusive) or Vietnam-time datetimes."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime
    description: str | None = None


@dataclass(frozen=True)
class ContestCalendar:
    """A contest's calendar: its name, the events, when it was made (DTSTAMP) and the page it links to."""

    name: str
    events: list[CalendarEvent]
    stamp: datetime
    url: str | None = None


def calendar_of(
    contest: ContestRecord, t: Translator, now: datetime, page_url: str | None = None
) -> ContestCalendar | None:
    """The events of one contest's timeline (None when the timeline has no dated milestone)."""
    approximate = t("timeline.approximate").lower()
    found: list[CalendarEvent] = []
    for index, milestone in enumerate(contest.spec.timeline, start=1):
        first, last = milestone_moments(milestone)
        if last is None:
            continue
        label = milestone.label or t("milestone." + milestone.kind)
        if milestone.approximate:
            label = f"{label} ({approximate})"
        details = [
            text
            for text in (
                milestone.note,
                milestone.source_text and f"{t('timeline.source_text')}: “{milestone.source_text}”",
            )
            if text
        ]
        # a deadline given to the minute is an event of its own, ending at that hour
        deadline = (
            (
                f"{index}-{milestone.kind}-deadline",
                t("ics.deadline", label=label),
                last.end - timedelta(minutes=30),
                last.end,
            )
            if last.precision == "minute"
            else None
        )
        if first is None:  # only a deadline ("end: 2024-09-30 17:00")
            events = [deadline or (f"{index}-{milestone.kind}", t("ics.deadline", label=label), *_times(last, last))]
        else:
            events = [(f"{index}-{milestone.kind}", label, *_times(first, last))]
            if deadline and first is not last and first.start.date() != last.end.date():  # a window of days
                events.append(deadline)
        for uid, summary, start, end in events:
            found.append(
                CalendarEvent(
                    f"{contest.slug}-{uid}@contest-portal",
                    f"{summary} – {contest.spec.title}",
                    start,
                    end,
                    "\n".join(details) if details else None,
                )
            )
    if not found:
        return None  # RFC 5545 wants at least one component: no file, and no link to it
    return ContestCalendar(contest.spec.title, found, now, page_url)


def calendar_bytes(calendar: ContestCalendar) -> bytes:
    """The calendar as an .ics file (RFC 5545, CRLF lines), with the time zones its events use."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar.name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for item in calendar.events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", calendar.stamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if calendar.url:
            event.add("url", calendar.url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data


def contest_calendar(contest: ContestRecord, t: Translator, now: datetime, page_url: str | None = None) -> bytes | None:
    """The .ics file of one contest's timeline (None when the timeline has no dated milestone)."""
    calendar = calendar_of(contest, t, now, page_url)
    return calendar_bytes(calendar) if calendar is not None else None
