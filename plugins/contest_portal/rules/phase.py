"""Where a contest stands today, computed from its timeline.

Phases, in order: announced, open (entries accepted), closed, judging,
voting, results, archived.  "Today" is passed in, so builds can be made
reproducible by fixing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from contest_portal.core.values import TIMEZONE, Moment
from contest_portal.formats import schema

PHASES = ("announced", "open", "closed", "judging", "voting", "results", "archived")
ARCHIVE_AFTER = timedelta(days=180)


@dataclass(frozen=True)
class PhaseInfo:
    phase: str
    next_label_key: str | None = None  # milestone kind of the next deadline
    next_deadline: datetime | None = None


def milestone_moments(milestone: schema.Milestone) -> tuple[Moment | None, Moment | None]:
    """Where a milestone begins and ends, as written (a date alone is both)."""
    return milestone.start or milestone.date, milestone.end or milestone.date or milestone.start


def milestone_bounds(milestone: schema.Milestone) -> tuple[datetime | None, datetime | None]:
    first, last = milestone_moments(milestone)
    return (first.start if first else None, last.end if last else None)


def submission_window(contest: schema.Contest) -> tuple[datetime | None, datetime | None, bool]:
    """(start, end, end_excluded) of the submission milestone (without one, of the contest's
    entries part): datetimes in Vietnam time, either may be None (no start, no deadline), and
    whether the end is a strict "before" ("trước 16h00": an entry received at 16:00 is late).
    The one window both the late-entry rule (TIM001/TIM002) and the portal's phase use."""
    for milestone in contest.timeline:
        if milestone.kind == "submission":
            first = milestone.start or milestone.date
            last = milestone.end or milestone.date
            return (
                first.start if first else None,
                last.end if last else None,
                milestone.end_excluded and milestone.end is not None,
            )
    for part in contest.parts:  # no submission milestone: the window of the entries part
        if part.kind == "entries" and (part.start or part.end):
            return (
                part.start.start if part.start else None,
                part.end.end if part.end else None,
                part.end_excluded and part.end is not None,
            )
    return None, None, False


def _window(contest: schema.Contest, kind: str) -> tuple[datetime | None, datetime | None]:
    for milestone in contest.timeline:
        if milestone.kind == kind:
            return milestone_bounds(milestone)
    return None, None


def contest_phase(contest: schema.Contest, now: datetime) -> PhaseInfo:
    """The phase of ``contest`` at ``now`` and the next deadline, if any."""
    now = now if now.tzinfo else now.replace(tzinfo=TIMEZONE)
    ends = [end for m in contest.timeline for _, end in [milestone_bounds(m)] if end]
    last = max(ends) if ends else None
    if contest.results.published:
        if last is not None and now > last + ARCHIVE_AFTER:
            return PhaseInfo("archived")
        return PhaseInfo("results")
    if last is not None and now > last + ARCHIVE_AFTER:
        return PhaseInfo("archived")
    sub_start, sub_end, excluded = submission_window(contest)
    if sub_start and now < sub_start:
        return PhaseInfo("announced", "submission_start", sub_start)
    if sub_end and (now < sub_end if excluded else now <= sub_end):
        return PhaseInfo("open", "submission_end", sub_end)
    for kind in ("voting", "judging"):
        start, end = _window(contest, kind)
        if start and end and start <= now <= end:
            return PhaseInfo(kind, f"{kind}_end", end)
    upcoming = sorted(
        (start, m.kind) for m in contest.timeline for start, _ in [milestone_bounds(m)] if start and start > now
    )
    if upcoming:
        start, kind = upcoming[0]
        return PhaseInfo("closed", f"{kind}_start", start)
    return PhaseInfo("closed" if sub_end else "announced")
