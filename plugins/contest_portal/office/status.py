"""`status`: one screen per contest for the organizing office."""

from __future__ import annotations

from datetime import datetime

from contest_portal.core.i18n import Translator
from contest_portal.model import Portal
from contest_portal.office.reports import participation
from contest_portal.rules.phase import contest_phase


def status_text(portal: Portal, now: datetime, t: Translator) -> str:
    blocks = []
    for contest in portal.contests:
        phase = contest_phase(contest.spec, now)
        # an entry folder whose entry.yml cannot be read is received too: counted, never lost
        broken = len(contest.unreadable)
        received = len(contest.entries) + broken
        valid = sum(1 for e in contest.entries if e.valid)
        set_aside = sum(1 for e in contest.entries if e.set_aside)
        below = [r for r in participation(contest) if r.status == "below"]
        lines = [
            f"== {contest.spec.year} – {contest.title} ({contest.slug})",
            f"{t('status.phase')}: {t('phase.' + phase.phase)}",
        ]
        if phase.next_deadline and phase.next_label_key:
            left = phase.next_deadline - now
            lines.append(
                t(
                    "status.next",
                    label=t("phase.next." + phase.next_label_key),
                    when=t.moment_of(phase.next_deadline),
                    days=left.days,
                    hours=left.seconds // 3600,
                )
            )
        lines.append(
            t(
                "status.entries",
                received=received,
                valid=valid,
                invalid=received - valid - set_aside - broken,
                set_aside=set_aside,
                broken=broken,
            )
        )
        if below:
            lines.append(
                t("status.below", count=len(below))
                + " "
                + ", ".join(f"{r.unit} ({r.valid}/{r.minimum})" for r in below)
            )
        blocks.append("\n".join(lines))
    for slug in sorted(unreadable_contests(portal)):  # a contest that could not be read is never left out unsaid
        blocks.append(f"== {slug}\n{t('status.unreadable')}")
    return "\n\n".join(blocks) if blocks else t("archive.empty")


def unreadable_contests(portal: Portal) -> set[str]:
    """The contest folders whose contest.yml has an error that kept the contest from being read."""
    return {
        p.where.contest
        for p in portal.problems
        if p.is_error and p.where.contest and portal.contest(p.where.contest) is None
    }
