"""Scores, votes and quiz → rankings → prizes; checked against the official decision.

``compute_results`` names every stage in order: read the spreadsheets
(``formats.sheets``), rank (``judging.ranking``), award the prize tiers
(``judging.awards``), apply the committee's decision (``judging.decision``) and
check the winners' consent.  The result types live with the stage that makes
them and are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import Text
from contest_portal.formats import schema
from contest_portal.formats.sheets import QUIZ_FILES, QuizRow, Scores, read_quiz, read_scores, results_file
from contest_portal.formats.votes import read_votes
from contest_portal.judging.awards import TierResult, Winner, award_prizes, entry_label, joined
from contest_portal.judging.decision import apply_decision, check_consent_of_winners
from contest_portal.judging.ranking import (
    DROP_EXTREMES_FROM,
    QuizResult,
    Ranked,
    conflict_of_interest,
    rank_entries,
    rank_quiz,
)
from contest_portal.model import ContestRecord

__all__ = ["ContestResults", "QuizResult", "Ranked", "TierResult", "Winner", "compute_results"]


@dataclass
class ContestResults:
    """Everything judged for one contest: the jury ranking, the prize tiers with their winners,
    the vote snapshot (votes per entry slug, when and where it was taken), the quiz ranking, and
    the problems found on the way."""

    ranking: list[Ranked] = field(default_factory=list)
    tiers: list[TierResult] = field(default_factory=list)
    votes_time: datetime | None = None
    #: The snapshot's time was a date without an hour: the end of that day ("hết ngày 10/07/2024").
    votes_whole_day: bool = False
    votes_source: str | None = None
    quiz: list[QuizResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    votes: dict[str, int] = field(default_factory=dict)  # public votes per entry slug
    #: Every rule the tool applied that the plan did not state, where it changed the winners (a
    #: catalogue text, vi and en): said by validate, as a footnote of the results page, in the decision.
    applied_defaults: list[Text] = field(default_factory=list)
    #: The judges' sheets as read for the ranking (office/papers/minutes.py shows them: one read, so
    #: the minutes and the ranking cannot differ).
    scores: Scores = field(default_factory=Scores)

    @property
    def total_money(self) -> int | None:
        """All the prize money awarded (VND); None when a tier awarded has no amount in the plan
        ("mức tiền thưởng do Ban Tổ chức quy định"): a total then is not known, and is never 0 đ."""
        if any(t.tier.amount is None for t in self.tiers if t.winners):
            return None
        return sum(t.total for t in self.tiers)

    def prizes_of(self, entry_slug: str) -> list[schema.PrizeTier]:
        return [t.tier for t in self.tiers for w in t.winners if w.entry and w.entry.slug == entry_slug]


def compute_results(contest: ContestRecord) -> ContestResults:
    """The contest's results from its ``_ket-qua/`` spreadsheets and its plan (reads files, never writes)."""
    results = ContestResults()
    results.scores = scores = read_scores(contest, conflict=conflict_of_interest)
    results.problems += scores.problems
    snapshot = read_votes(contest)
    results.problems += snapshot.problems
    results.votes, results.votes_time, results.votes_source = snapshot.counts, snapshot.time, snapshot.source
    results.votes_whole_day = snapshot.whole_day
    results.ranking = rank_entries(contest, scores.by_entry, results.votes)
    quiz_rows, quiz_problems = read_quiz(contest)
    results.problems += quiz_problems
    quiz_rows, late = within_quiz_part(contest, quiz_rows)
    results.problems += late
    results.quiz = rank_quiz(quiz_rows, contest)
    results.problems += quiz_eligibility(contest, results.quiz)
    results.tiers, award_problems, defaults = award_prizes(contest, results.ranking, results.quiz, results.votes)
    results.problems += award_problems
    apply_decision(contest, results)
    decided = contest.spec.results.decision.winners if contest.spec.results.decision else {}
    results.applied_defaults = [d.text for d in defaults if d.tier_id not in decided]  # the decision stands
    results.applied_defaults += all_sheets_counted(contest, results.ranking)
    check_consent_of_winners(contest, results)
    return results


def all_sheets_counted(contest: ContestRecord, ranking: list[Ranked]) -> list[Text]:
    """The plan drops each entry's highest and lowest score (``judging.drop_extremes``) but some
    entries had fewer than ``DROP_EXTREMES_FROM`` sheets, so all of theirs counted: the tool's
    rule, said ("results.default.drop_extremes_min"), naming those entries unless it is all of them."""
    if not contest.spec.judging.drop_extremes:
        return []
    few = [r for r in ranking if r.judges < DROP_EXTREMES_FROM]
    if not few:
        return []
    entries = (
        Text("results.default.all_entries") if len(few) == len(ranking) else joined([entry_label(r.entry) for r in few])
    )
    return [Text("results.default.drop_extremes_min", entries=entries, min=DROP_EXTREMES_FROM)]


def quiz_eligibility(contest: ContestRecord, quiz: list[QuizResult]) -> list[Problem]:
    """RES012 for each quiz participant whose unit is not one of the plan's units (they win no
    computed prize; the decision may still name them)."""
    path = results_file(contest, QUIZ_FILES)
    names = [u.name for u in contest.spec.units]
    units = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")  # a province lists 46
    return [
        Problem(
            "RES012",
            Location(file=path, line=q.row, contest=contest.slug),
            {"name": q.name, "unit": q.unit or "–", "units": units},
        )
        for q in sorted(quiz, key=lambda q: q.row)
        if not q.eligible
    ]


def within_quiz_part(contest: ContestRecord, rows: list[QuizRow]) -> tuple[list[QuizRow], list[Problem]]:
    """The quiz rows sent within the window of the contest's quiz part, and RES013 for each row
    sent before it starts or after it ends (left out; "trước …" ends strictly). Rows without a
    time, and contests without a quiz part or its window, are kept as they are."""
    part = next((p for p in contest.spec.parts if p.kind == "quiz"), None)
    if part is None or not (part.start or part.end):
        return rows, []
    kept, problems = [], []
    path = results_file(contest, QUIZ_FILES)
    for row in rows:
        sent = row.submitted
        early = sent is not None and part.start is not None and sent < part.start.start
        late = (
            sent is not None
            and part.end is not None
            and (sent >= part.end.end if part.end_excluded else sent > part.end.end)
        )
        if early or late:
            problems.append(
                Problem(
                    "RES013",
                    Location(file=path, line=row.row, contest=contest.slug),
                    {"name": row.name, "sent": sent.strftime("%H:%M %d/%m/%Y") if sent else "", "part": part.name},
                )
            )
        else:
            kept.append(row)
    return kept, problems
