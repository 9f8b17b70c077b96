"""Accepted scores and quiz rows → ordered rankings.

The jury ranking is deterministic: mean score (each judge's weighted total, averaged;
optionally without the highest and lowest when five or more judges scored), then the
contest's tie-breaks in order (a criterion averaged over the same judges as the score), then — only for display — the entry id.  Entries the
tie-breaks cannot separate share a rank and are marked ``tied``.  The quiz ranking is by
correct answers, then time taken, then name.
"""

from __future__ import annotations

from dataclasses import dataclass

from contest_portal.core.text import unit_key
from contest_portal.formats import schema
from contest_portal.formats.sheets import Judge, QuizRow
from contest_portal.model import ContestRecord, EntryRecord

#: The fewest sheets of one entry from which ``drop_extremes`` drops its highest and lowest total
#: (the tool's own rule: with fewer, all count; named in the results when it acts).
DROP_EXTREMES_FROM = 5


@dataclass
class Ranked:
    """An entry in the jury ranking: mean ``score`` of the counted sheets (``judges``: every sheet
    that scored it, abstentions not included), mean points per criterion id over the same sheets."""

    entry: EntryRecord
    score: float
    judges: int
    criteria: dict[str, float]
    votes: int = 0
    rank: int = 0
    tied: bool = False


@dataclass
class QuizResult:
    """A quiz participant: ``correct`` answers in ``seconds``; ``row`` of the quiz file; ``rank`` from 1.

    A participant is a name *and* a unit (two people may share a name), or the ``id`` the quiz
    system gave them; ``unit_id`` is the plan's unit their unit names (None: not one of them).
    """

    name: str
    unit: str
    correct: int
    seconds: float
    row: int
    rank: int = 0
    id: str = ""
    unit_id: str | None = None
    eligible: bool = True

    @property
    def label(self) -> str:
        """How results and the decision name them: "Nguyễn Thị Thu Hà – Sở Y tế" (the name alone
        without a unit)."""
        return f"{self.name} – {self.unit}" if self.unit else self.name

    @property
    def key(self) -> str:
        """What tells them apart from everyone else: their id, or their name and unit."""
        return self.id or self.label


def conflict_of_interest(judge: Judge, entry: EntryRecord) -> bool:
    """A judge may not score an entry from their own unit (names compared by ``unit_key``: "UBND xã
    Vĩnh Hoà" is "Ủy ban nhân dân xã Vĩnh Hòa")."""
    unit = judge.person.unit
    if not unit:
        return False
    mine = unit_key(unit)
    return mine in (unit_key(entry.unit_name), unit_key(entry.spec.unit))


def rank_entries(
    contest: ContestRecord, by_entry: dict[str, dict[str, dict[str, float]]], votes: dict[str, int]
) -> list[Ranked]:
    """The valid entries with accepted scores (``by_entry``: entry → judge → criterion → points), best first.

    ``votes`` (entry slug → public votes) is the "votes" tie-break.  Equal keys share the first
    one's rank and are all marked ``tied``.
    """
    judging = contest.spec.judging
    weights = {c.id: c.weight for c in judging.criteria}
    ranked = []
    for entry in contest.entries:
        sheets = by_entry.get(entry.slug) if entry.valid else None
        if not sheets:
            continue
        counted = counted_judges(sheets, weights, judging.drop_extremes)
        totals = [sum(sheets[judge][c] * weights[c] for c in weights) for judge in counted]
        # a criterion (a tie-break) is averaged over the same judges as the total
        criteria = {c: sum(sheets[judge][c] for judge in counted) / len(counted) for c in weights}
        ranked.append(
            Ranked(entry, round(sum(totals) / len(totals), 4), len(sheets), criteria, votes.get(entry.slug, 0))
        )
    ranked.sort(key=lambda r: (order_key(r, judging), r.entry.slug))
    previous = None
    for position, item in enumerate(ranked, start=1):
        key = order_key(item, judging)
        if previous is not None and key == previous[0]:
            item.rank = previous[1].rank
            item.tied = previous[1].tied = True
        else:
            item.rank = position
        previous = (key, item)
    return ranked


def counted_judges(sheets: dict[str, dict[str, float]], weights: dict[str, float], drop_extremes: bool) -> list[str]:
    """The judges whose sheets count for one entry (``sheets``: judge id → criterion id → points).

    All of them, or — with ``drop_extremes`` and five or more sheets — all but the one with the
    lowest weighted total and the one with the highest.  Equal totals are told apart by judge id,
    so the same judges are always dropped; the mean score and every criterion used as a
    tie-break are then averaged over the judges returned here (Judging.drop_extremes).
    """
    order = sorted(sheets, key=lambda judge: (sum(sheets[judge][c] * weights[c] for c in weights), judge))
    return order[1:-1] if drop_extremes and len(order) >= DROP_EXTREMES_FROM else order


def order_key(item: Ranked, judging: schema.Judging) -> tuple[float, ...]:
    """What orders the ranking (smaller first): minus the score, then each tie-break, negated."""
    key = [-item.score]
    for rule in judging.tie_breaks:
        if rule.startswith("criterion:"):
            key.append(-round(item.criteria.get(rule.split(":", 1)[1], 0.0), 4))
        elif rule == "votes":
            key.append(-item.votes)
    return tuple(key)


def rank_quiz(rows: list[QuizRow], contest: ContestRecord | None = None) -> list[QuizResult]:
    """The participants by most correct answers, then shortest time, then name; ranks 1, 2, 3… (no ties).

    With a ``contest`` that lists units, each participant's unit is linked to the plan's unit it
    names (by id, or by name compared as names are); one that names none is not ``eligible``.
    """
    quiz = [QuizResult(row.name, row.unit, row.correct, row.seconds, row.row, id=row.id) for row in rows]
    units = contest.spec.units if contest is not None else []
    for item in quiz:
        item.unit_id = plan_unit(units, item.unit)
        item.eligible = not units or item.unit_id is not None
    quiz.sort(key=lambda q: (-q.correct, q.seconds, q.name, q.unit))
    for position, item in enumerate(quiz, start=1):
        item.rank = position
    return quiz


def plan_unit(units: list[schema.Unit], text: str) -> str | None:
    """The id of the plan's unit that ``text`` names (its id or its name), or None."""
    if not text.strip():
        return None
    wanted, typed_id = unit_key(text), text.strip().casefold()
    return next((u.id for u in units if typed_id == u.id or wanted == unit_key(u.name)), None)
