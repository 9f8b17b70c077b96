"""Scores, votes and quiz → rankings → prizes; checked against the official decision.

The ranking is deterministic: mean score (each judge's weighted total,
averaged; optionally without the highest and lowest when five or more judges
scored), then the contest's tie-breaks in order, then — only for display —
the entry id.  Entries the tie-breaks cannot separate share a rank; when such
a tie decides who gets a prize the organizers are told (RES001), never
settled silently.  When the committee's decision names winners, the decision
is what is published, and every difference from the computed result is
reported (RES002).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from contest_portal.formats import schema
from contest_portal.core.errors import Location, Problem, Text
from contest_portal.judging.scores import RESULTS_FOLDER, read_scores, row_entry_problem
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.formats.tables import TableError, read_table
from contest_portal.core.values import Invalid, parse_moment

VOTES_FILES = ("binh-chon.csv", "binh-chon.xlsx")
QUIZ_FILES = ("trac-nghiem.csv", "trac-nghiem.xlsx")


@dataclass
class Ranked:
    entry: EntryRecord
    score: float
    judges: int
    criteria: dict[str, float]
    votes: int = 0
    rank: int = 0
    tied: bool = False


@dataclass
class QuizResult:
    name: str
    unit: str
    correct: int
    seconds: float
    row: int
    rank: int = 0


@dataclass
class Winner:
    entry: EntryRecord | None = None
    participant: QuizResult | None = None
    score: float | None = None
    votes: int | None = None

    @property
    def key(self) -> str:
        return self.entry.slug if self.entry else (self.participant.name if self.participant else "")


@dataclass
class TierResult:
    tier: schema.PrizeTier
    winners: list[Winner] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (self.tier.amount or 0) * len(self.winners)


@dataclass
class ContestResults:
    ranking: list[Ranked] = field(default_factory=list)
    tiers: list[TierResult] = field(default_factory=list)
    votes_time: datetime | None = None
    votes_source: str | None = None
    quiz: list[QuizResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=dict)  # public votes per entry slug

    @property
    def total_money(self) -> int:
        return sum(t.total for t in self.tiers)

    def prizes_of(self, entry_slug: str) -> list[schema.PrizeTier]:
        return [t.tier for t in self.tiers for w in t.winners if w.entry and w.entry.slug == entry_slug]


def compute_results(contest: ContestRecord) -> ContestResults:
    results = ContestResults()
    scores = read_scores(contest)
    results.problems += scores.problems
    votes = results.votes = _read_votes(contest, results)
    results.ranking = _rank(contest, scores.by_entry, votes)
    results.quiz = _read_quiz(contest, results)
    _award(contest, results, votes)
    _check_decision(contest, results)
    check_consent_of_winners(contest, results)
    return results


# --- ranking -------------------------------------------------------------------------

def _rank(contest: ContestRecord, by_entry: dict, votes: dict[str, int]) -> list[Ranked]:
    judging = contest.spec.judging
    weights = {c.id: c.weight for c in judging.criteria}
    ranked = []
    for entry in contest.entries:
        sheets = by_entry.get(entry.slug) if entry.valid else None
        if not sheets:
            continue
        totals = sorted(sum(points[c] * weights[c] for c in weights) for points in sheets.values())
        if judging.drop_extremes and len(totals) >= 5:
            totals = totals[1:-1]
        criteria = {c: sum(points[c] for points in sheets.values()) / len(sheets) for c in weights}
        ranked.append(Ranked(entry, round(sum(totals) / len(totals), 4), len(sheets), criteria,
                             votes.get(entry.slug, 0)))
    ranked.sort(key=lambda r: (_order_key(r, judging), r.entry.slug))
    previous = None
    for position, item in enumerate(ranked, start=1):
        key = _order_key(item, judging)
        if previous is not None and key == previous[0]:
            item.rank = previous[1].rank
            item.tied = previous[1].tied = True
        else:
            item.rank = position
        previous = (key, item)
    return ranked


def _order_key(item: Ranked, judging: schema.Judging) -> tuple:
    key = [-item.score]
    for rule in judging.tie_breaks:
        if rule.startswith("criterion:"):
            key.append(-round(item.criteria.get(rule.split(":", 1)[1], 0.0), 4))
        elif rule == "votes":
            key.append(-item.votes)
    return tuple(key)


# --- votes and quiz -------------------------------------------------------------------

def _find(contest: ContestRecord, names: tuple[str, ...]) -> Path | None:
    for name in names:
        path = contest.folder / RESULTS_FOLDER / name
        if path.is_file():
            return path
    return None


def _read_votes(contest: ContestRecord, results: ContestResults) -> dict[str, int]:
    path = _find(contest, VOTES_FILES)
    if path is None:
        return {}
    where = {"contest": contest.slug}
    try:
        rows = read_table(path, {"entry": ("ma_tac_pham", "ma", "entry_id"),
                                 "votes": ("so_binh_chon", "binh_chon", "luot_binh_chon", "count"),
                                 "source": ("nguon",), "time": ("thoi_diem", "thoi_gian", "snapshot")},
                          required=("entry", "votes"))
    except TableError as exc:
        results.problems.append(Problem("RES003", Location(file=path, line=exc.line, **where), {"detail": exc.detail}))
        return {}
    known = {e.slug for e in contest.entries if e.valid}
    votes: dict[str, int] = {}
    first_row: dict[str, int] = {}
    for row in rows:
        entry = str(row.get("entry") or "").strip().lower()
        location = Location(file=path, line=row.number, **where)
        count = _whole(row.get("votes"))
        if count is None:
            results.problems.append(Problem("RES003", location, {"detail": f"'{row.get('votes')}'"}))
            continue
        if problem := row_entry_problem(entry, location, invalid=contest.invalid_ids, known=known, seen=first_row):
            results.problems.append(problem)
            continue
        first_row[entry] = row.number
        votes[entry] = count
        if row.get("time"):
            try:
                moment = parse_moment(row.get("time") if not isinstance(row.get("time"), str)
                                      else row.get("time"))
                results.votes_time = max(filter(None, [results.votes_time, moment.start]))
            except (Invalid, ValueError):
                results.problems.append(Problem("RES003", location, {"detail": f"'{row.get('time')}'"}))
        results.votes_source = results.votes_source or (str(row.get("source")) if row.get("source") else None)
    return votes


def _read_quiz(contest: ContestRecord, results: ContestResults) -> list[QuizResult]:
    path = _find(contest, QUIZ_FILES)
    if path is None:
        return []
    where = {"contest": contest.slug}
    try:
        rows = read_table(path, {
            "name": ("ho_va_ten", "ho_ten", "thi_sinh", "participant"),
            "unit": ("don_vi", "co_quan"),
            "correct": ("so_cau_dung", "cau_dung", "diem", "correct_answers"),
            "time": ("thoi_gian", "thoi_gian_lam_bai", "time_taken", "seconds")}, required=("name", "correct", "time"))
    except TableError as exc:
        results.problems.append(Problem("RES003", Location(file=path, line=exc.line, **where), {"detail": exc.detail}))
        return []
    quiz = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        location = Location(file=path, line=row.number, **where)
        name = unicodedata.normalize("NFC", str(row.get("name") or "").strip())
        unit = unicodedata.normalize("NFC", str(row.get("unit") or "").strip())
        correct, seconds = _whole(row.get("correct")), _seconds(row.get("time"))
        if not name or correct is None or seconds is None:
            results.problems.append(Problem("RES003", location, {
                "detail": f"'{name or '–'}': {row.get('correct')} / {row.get('time')}"}))
            continue
        if (name, unit) in seen:
            results.problems.append(Problem("RES010", location, {"name": name, "first": seen[(name, unit)]}))
            continue
        seen[(name, unit)] = row.number
        quiz.append(QuizResult(name, unit, correct, seconds, row.number))
    quiz.sort(key=lambda q: (-q.correct, q.seconds, q.name))
    for position, item in enumerate(quiz, start=1):
        item.rank = position
    return quiz


def _seconds(value) -> float | None:
    """Seconds from 95, '95', '1:35', '00:01:35' (or a time of day from a spreadsheet); None if not a time."""
    if hasattr(value, "hour") and hasattr(value, "minute"):
        return value.hour * 3600 + value.minute * 60 + value.second
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            text = str(value).strip()
            number = 0.0
            if ":" in text:
                for part in text.split(":"):
                    number = number * 60 + float(part)
            else:
                number = float(text.replace(",", "."))
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _whole(value) -> int | None:
    """A non-negative whole number from a cell: 12, 12.0, '12', '1.204' (Vietnamese thousands)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() and value >= 0 else None
    if isinstance(value, int):
        return value if value >= 0 else None
    text = str(value).strip()
    if re.fullmatch(r"\d+", text) or re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return int(text.replace(".", ""))
    return None


# --- prizes -------------------------------------------------------------------------------

def _eligible(entry: EntryRecord, tier: schema.PrizeTier) -> bool:
    collective = entry.spec.entrant == "collective"
    return tier.recipient == "any" or (tier.recipient == "collective") == collective


_SHORT_REASON = {basis: Text(f"problem.reason.{basis}") for basis in ("jury", "public_vote", "quiz", "special")}


def _award(contest: ContestRecord, results: ContestResults, votes: dict[str, int]) -> None:
    prizes = contest.spec.prizes
    awarded: set[str] = set()                      # by any tier
    by_basis: dict[str, set[str]] = {}             # by tiers of the same basis: never twice
    ranking = [r for r in results.ranking]
    by_votes = sorted((e for e in contest.entries if e.valid), key=lambda e: (-votes.get(e.slug, 0), e.slug))
    for tier in prizes.tiers:
        result = TierResult(tier)
        taken = awarded if prizes.one_prize_per_entry else by_basis.setdefault(tier.basis, set())
        if tier.basis == "jury":
            pool = [r for r in ranking if _eligible(r.entry, tier) and r.entry.slug not in taken
                    and (tier.min_score is None or r.score >= tier.min_score)]
            chosen = pool[:tier.count]
            if chosen and len(pool) > len(chosen) and pool[len(chosen)].tied \
                    and pool[len(chosen)].rank == chosen[-1].rank:
                results.problems.append(Problem("RES001", contest.location(("prizes",)), {
                    "tier": tier.name, "tier_id": tier.id,
                    "entries": ", ".join(r.entry.slug for r in pool if r.rank == chosen[-1].rank)}))
            result.winners = [Winner(entry=r.entry, score=r.score, votes=r.votes) for r in chosen]
        elif tier.basis == "public_vote" and votes:
            pool = [e for e in by_votes if _eligible(e, tier) and e.slug not in taken]
            chosen = pool[:tier.count]
            if chosen and len(pool) > len(chosen) and votes.get(pool[len(chosen)].slug, 0) == votes.get(chosen[-1].slug, 0):
                results.problems.append(Problem("RES001", contest.location(("prizes",)), {
                    "tier": tier.name, "tier_id": tier.id, "entries": ", ".join(e.slug for e in pool
                                                            if votes.get(e.slug, 0) == votes.get(chosen[-1].slug, 0))}))
            result.winners = [Winner(entry=e, votes=votes.get(e.slug, 0)) for e in chosen]
        elif tier.basis == "quiz":
            won = {(w.participant.name, w.participant.unit) for t in results.tiers for w in t.winners if w.participant}
            pool = [q for q in results.quiz if (q.name, q.unit) not in won]
            chosen = pool[:tier.count]
            if chosen and len(pool) > len(chosen) and (pool[len(chosen)].correct, pool[len(chosen)].seconds) == \
                    (chosen[-1].correct, chosen[-1].seconds):
                results.problems.append(Problem("RES001", contest.location(("prizes",)), {
                    "tier": tier.name, "tier_id": tier.id, "entries": ", ".join(
                        q.name for q in pool if (q.correct, q.seconds) == (chosen[-1].correct, chosen[-1].seconds))}))
            result.winners = [Winner(participant=q) for q in chosen]
        if len(result.winners) < tier.count and contest.spec.results.published:
            results.problems.append(Problem("RES006", contest.location(("prizes",)), {
                "tier": tier.name, "count": tier.count, "found": len(result.winners),
                "reason": _SHORT_REASON[tier.basis]}))
        won = {w.entry.slug for w in result.winners if w.entry}
        awarded |= won
        by_basis.setdefault(tier.basis, set()).update(won)
        results.tiers.append(result)


def _check_decision(contest: ContestRecord, results: ContestResults) -> None:
    """The committee's decision is final: publish it, and report where it differs from the computation."""
    decision = contest.spec.results.decision
    if decision is None or not decision.winners:
        return
    entries = {e.slug: e for e in contest.entries}
    quiz = {q.name: q for q in results.quiz}
    where = contest.location(("results", "decision", "winners"))
    settled = set(decision.winners)
    results.problems[:] = [p for p in results.problems  # a tie the decision settles is no longer open
                           if not (p.code in ("RES001", "RES006") and p.values.get("tier_id", _tier_id(contest, p))
                                   in settled)]
    given: dict[str, str] = {}
    for result in results.tiers:
        decided = decision.winners.get(result.tier.id)
        if decided is None:
            continue
        computed = [w.key for w in result.winners]
        if sorted(decided) != sorted(computed):
            results.problems.append(Problem("RES002", where, {
                "tier": result.tier.name, "decided": ", ".join(decided) or "–",
                "computed": ", ".join(computed) or "–"}))
        if len(decided) > result.tier.count:
            results.problems.append(Problem("RES007", where, {"tier": result.tier.name, "count": result.tier.count,
                                                              "named": len(decided)}))
        scores = {r.entry.slug: r for r in results.ranking}
        winners = []
        for key in decided:
            if key in entries:
                entry = entries[key]
                if not entry.valid:
                    results.problems.append(Problem("RES008", where, {"entry": key}))
                if contest.spec.prizes.one_prize_per_entry and key in given and given[key] != result.tier.id:
                    results.problems.append(Problem("RES009", where, {"entry": key, "first": given[key],
                                                                      "second": result.tier.id}))
                given.setdefault(key, result.tier.id)
                ranked = scores.get(key)
                winners.append(Winner(entry=entry, score=ranked.score if ranked else None,
                                      votes=ranked.votes if ranked else None))
            elif key in quiz:
                winners.append(Winner(participant=quiz[key]))
            else:
                results.problems.append(Problem("JUR002", where, {"entry": key}))
        result.winners = winners
    for tier_id in sorted(set(decision.winners) - {t.tier.id for t in results.tiers}):
        results.problems.append(Problem("RES004", where, {"tier": tier_id}))


def _tier_id(contest: ContestRecord, problem: Problem) -> str | None:
    return next((t.id for t in contest.spec.prizes.tiers if t.name == problem.values.get("tier")), None)


def check_consent_of_winners(contest: ContestRecord, results: ContestResults) -> None:
    """A winner whose authors did not agree to publication cannot be published (RES005)."""
    for result in results.tiers:
        for winner in result.winners:
            if winner.entry is not None and not winner.entry.consented:
                results.problems.append(Problem("RES005", contest.location(("results",)), {
                    "entry": winner.entry.slug, "tier": result.tier.name}))


def unit_summary(contest: ContestRecord, results: ContestResults | None) -> list[dict]:
    """Entries, valid entries and prizes per unit (offices add reform-index points for these)."""
    rows = []
    for unit in contest.spec.units:
        entries = [e for e in contest.entries if e.spec.unit == unit.id]
        prizes = [t.tier.name for t in (results.tiers if results else []) for w in t.winners
                  if w.entry and w.entry.spec.unit == unit.id]
        rows.append({"unit": unit, "entries": len(entries), "valid": sum(1 for e in entries if e.valid),
                     "prizes": prizes})
    return rows
