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

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import schema
from .errors import Location, Problem
from .judging import RESULTS_FOLDER, read_scores
from .model import ContestRecord, EntryRecord
from .tables import TableError, read_table
from .values import Invalid, parse_moment

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

    @property
    def total_money(self) -> int:
        return sum(t.total for t in self.tiers)

    def prizes_of(self, entry_slug: str) -> list[schema.PrizeTier]:
        return [t.tier for t in self.tiers for w in t.winners if w.entry and w.entry.slug == entry_slug]


def compute_results(contest: ContestRecord) -> ContestResults:
    results = ContestResults()
    scores = read_scores(contest)
    results.problems += scores.problems
    votes = _read_votes(contest, results)
    results.ranking = _rank(contest, scores.by_entry, votes)
    results.quiz = _read_quiz(contest, results)
    _award(contest, results, votes)
    _check_decision(contest, results)
    return results


# --- ranking -------------------------------------------------------------------------

def _rank(contest: ContestRecord, by_entry: dict, votes: dict[str, int]) -> list[Ranked]:
    judging = contest.spec.judging
    weights = {c.id: c.weight for c in judging.criteria}
    ranked = []
    for entry in contest.entries:
        sheets = by_entry.get(entry.slug)
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
        rows, missing = read_table(path, {"entry": ("ma_tac_pham", "ma", "entry_id"),
                                          "votes": ("so_binh_chon", "binh_chon", "luot_binh_chon", "count"),
                                          "source": ("nguon",), "time": ("thoi_diem", "thoi_gian", "snapshot")})
    except (TableError, OSError) as exc:
        results.problems.append(Problem("RES003", Location(file=path, **where), {"detail": str(exc)}))
        return {}
    if set(missing) & {"entry", "votes"}:
        results.problems.append(Problem("RES003", Location(file=path, line=1, **where),
                                        {"detail": "thiếu cột / missing columns: " + ", ".join(missing)}))
        return {}
    known = {e.slug for e in contest.entries}
    votes: dict[str, int] = {}
    for row in rows:
        entry = str(row.get("entry") or "").strip()
        location = Location(file=path, line=row.number, **where)
        try:
            count = int(float(str(row.get("votes")).replace(".", "").replace(",", "")))
        except ValueError:
            results.problems.append(Problem("RES003", location, {"detail": f"'{row.get('votes')}'"}))
            continue
        if entry not in known:
            results.problems.append(Problem("JUR002", location, {"entry": entry or "–"}))
            continue
        votes[entry] = votes.get(entry, 0) + count
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
        rows, missing = read_table(path, {
            "name": ("ho_va_ten", "ho_ten", "thi_sinh", "participant"),
            "unit": ("don_vi", "co_quan"),
            "correct": ("so_cau_dung", "cau_dung", "diem", "correct_answers"),
            "time": ("thoi_gian", "thoi_gian_lam_bai", "time_taken", "seconds")})
    except (TableError, OSError) as exc:
        results.problems.append(Problem("RES003", Location(file=path, **where), {"detail": str(exc)}))
        return []
    if set(missing) & {"name", "correct", "time"}:
        results.problems.append(Problem("RES003", Location(file=path, line=1, **where),
                                        {"detail": "thiếu cột / missing columns: " + ", ".join(missing)}))
        return []
    quiz = []
    for row in rows:
        try:
            quiz.append(QuizResult(str(row.get("name")).strip(), str(row.get("unit") or "").strip(),
                                   int(float(row.get("correct"))), _seconds(row.get("time")), row.number))
        except (TypeError, ValueError):
            results.problems.append(Problem("RES003", Location(file=path, line=row.number, **where),
                                            {"detail": f"{row.get('correct')} / {row.get('time')}"}))
    quiz.sort(key=lambda q: (-q.correct, q.seconds, q.name))
    for position, item in enumerate(quiz, start=1):
        item.rank = position
    return quiz


def _seconds(value) -> float:
    """Seconds from 95, '95', '1:35' or '00:01:35'."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if ":" in text:
        total = 0.0
        for part in text.split(":"):
            total = total * 60 + float(part)
        return total
    return float(text.replace(",", "."))


# --- prizes -------------------------------------------------------------------------------

def _eligible(entry: EntryRecord, tier: schema.PrizeTier) -> bool:
    collective = entry.spec.entrant == "collective"
    return tier.recipient == "any" or (tier.recipient == "collective") == collective


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
                    "tier": tier.name, "entries": ", ".join(r.entry.slug for r in pool if r.rank == chosen[-1].rank)}))
            result.winners = [Winner(entry=r.entry, score=r.score, votes=r.votes) for r in chosen]
        elif tier.basis == "public_vote" and votes:
            pool = [e for e in by_votes if _eligible(e, tier) and e.slug not in taken]
            chosen = pool[:tier.count]
            if chosen and len(pool) > len(chosen) and votes.get(pool[len(chosen)].slug, 0) == votes.get(chosen[-1].slug, 0):
                results.problems.append(Problem("RES001", contest.location(("prizes",)), {
                    "tier": tier.name, "entries": ", ".join(e.slug for e in pool
                                                            if votes.get(e.slug, 0) == votes.get(chosen[-1].slug, 0))}))
            result.winners = [Winner(entry=e, votes=votes.get(e.slug, 0)) for e in chosen]
        elif tier.basis == "quiz":
            taken = {w.participant.name for t in results.tiers for w in t.winners if w.participant}
            pool = [q for q in results.quiz if q.name not in taken]
            result.winners = [Winner(participant=q) for q in pool[:tier.count]]
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
    for result in results.tiers:
        decided = decision.winners.get(result.tier.id)
        if decided is None:
            continue
        computed = [w.key for w in result.winners]
        if decided != computed:
            results.problems.append(Problem("RES002", contest.location(("results", "decision", "winners")), {
                "tier": result.tier.name, "decided": ", ".join(decided) or "–",
                "computed": ", ".join(computed) or "–"}))
        scores = {r.entry.slug: r for r in results.ranking}
        winners = []
        for key in decided:
            if key in entries:
                ranked = scores.get(key)
                winners.append(Winner(entry=entries[key], score=ranked.score if ranked else None,
                                      votes=ranked.votes if ranked else None))
            elif key in quiz:
                winners.append(Winner(participant=quiz[key]))
            else:
                results.problems.append(Problem("JUR002", contest.location(("results", "decision", "winners")),
                                                {"entry": key}))
        result.winners = winners
    unknown = set(decision.winners) - {t.tier.id for t in results.tiers}
    for tier_id in sorted(unknown):
        results.problems.append(Problem("RES004", contest.location(("results", "decision", "winners")),
                                        {"tier": tier_id}))


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
