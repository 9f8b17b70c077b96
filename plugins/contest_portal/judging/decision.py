"""The committee's decision, and the winners' consent to publication.

When the decision (``results.decision.winners`` in contest.yml) names a tier's winners, the
decision is what is published, and every difference from the computed result is reported
(RES002).  A decision that names too many winners (RES007), an entry with errors (RES008), an
entry twice when one prize per entry is the rule (RES009), an unknown winner (JUR002), a quiz
participant named by a name several people share (RES011: name them "name – unit" or by id) or
a tier the plan does not have (RES004) is reported too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from contest_portal.core.errors import Location, Problem
from contest_portal.core.text import normalize_name
from contest_portal.judging.awards import TierResult, Winner
from contest_portal.judging.ranking import QuizResult
from contest_portal.model import ContestRecord

if TYPE_CHECKING:
    from contest_portal.judging.results import ContestResults


def apply_decision(contest: ContestRecord, results: ContestResults) -> None:
    """The committee's decision is final: publish it, and report where it differs from the computation.

    Replaces the winners of every tier the decision names in ``results.tiers``; drops the open
    ties and shortfalls (RES001, RES006) of those tiers from ``results.problems`` and adds the
    decision's own problems there.  Does nothing without a decision naming winners.
    """
    decision = contest.spec.results.decision
    if decision is None or not decision.winners:
        return
    entries = {e.slug: e for e in contest.entries}
    where = contest.location(("results", "decision", "winners"))
    settled = set(decision.winners)
    results.problems[:] = [
        p
        for p in results.problems  # a tie the decision settles is no longer open
        if not (p.code in ("RES001", "RES006") and p.values.get("tier_id", _tier_id(contest, p)) in settled)
    ]
    given: dict[str, str] = {}
    for result in results.tiers:
        decided = decision.winners.get(result.tier.id)
        if decided is None:
            continue
        computed = [w.key for w in result.winners]
        named = [find_participant(results.quiz, key) if key not in entries else [] for key in decided]
        keys = [found[0].key if len(found) == 1 else key for key, found in zip(decided, named)]
        if sorted(keys) != sorted(computed):
            results.problems.append(
                Problem(
                    "RES002",
                    where,
                    {
                        "tier": result.tier.name,
                        "decided": ", ".join(decided) or "–",
                        "computed": ", ".join(computed) or "–",
                    },
                )
            )
        if len(decided) > result.tier.count:
            results.problems.append(
                Problem("RES007", where, {"tier": result.tier.name, "count": result.tier.count, "named": len(decided)})
            )
        scores = {r.entry.slug: r for r in results.ranking}
        winners = []
        for key, found in zip(decided, named):
            if key in entries:
                entry = entries[key]
                if not entry.valid:
                    results.problems.append(Problem("RES008", where, {"entry": key}))
                if contest.spec.prizes.one_prize_per_entry and key in given and given[key] != result.tier.id:
                    results.problems.append(
                        Problem("RES009", where, {"entry": key, "first": given[key], "second": result.tier.id})
                    )
                given.setdefault(key, result.tier.id)
                ranked = scores.get(key)
                winners.append(
                    Winner(entry=entry, score=ranked.score if ranked else None, votes=ranked.votes if ranked else None)
                )
            elif len(found) == 1:
                winners.append(Winner(participant=found[0]))
            elif found:  # a name alone that several participants have: never choose one
                results.problems.append(
                    Problem(
                        "RES011",
                        where,
                        {
                            "name": key,
                            "tier": result.tier.name,
                            "count": len(found),
                            "candidates": "; ".join(q.key for q in found),
                        },
                    )
                )
            else:
                results.problems.append(Problem("JUR002", where, {"entry": key}))
        result.winners = winners
        results.problems += _over_unit_limit(contest, result, where)
    for tier_id in sorted(set(decision.winners) - {t.tier.id for t in results.tiers}):
        results.problems.append(Problem("RES004", where, {"tier": tier_id}))


def _over_unit_limit(contest: ContestRecord, result: TierResult, where: Location) -> list[Problem]:
    """RES014: the decision gives one unit more prizes of a tier than its ``per_unit_max``."""
    limit = result.tier.per_unit_max
    if limit is None:
        return []
    counts: dict[str, int] = {}
    for winner in result.winners:
        unit = winner.entry.unit_name if winner.entry else (winner.participant.unit if winner.participant else "")
        counts[unit] = counts.get(unit, 0) + 1
    return [
        Problem("RES014", where, {"tier": result.tier.name, "unit": unit, "count": count, "max": limit})
        for unit, count in counts.items()
        if count > limit
    ]


def find_participant(quiz: list[QuizResult], named: str) -> list[QuizResult]:
    """The quiz participants a decision's line can mean: the one with that id; else, for
    "Nguyễn Thị Thu Hà – Sở Y tế" (an en dash or a spaced hyphen), the one with that name in that
    unit (its name or the plan's unit id); else everyone with that name (more than one: ambiguous).
    Names compare as ``core.text.normalize_name`` compares them.
    """
    text = named.strip()
    by_id = [q for q in quiz if q.id and q.id.casefold() == text.casefold()]
    if by_id:
        return by_id
    for dash in (" – ", " - "):
        if dash in text:
            name, unit = (normalize_name(part) for part in text.rsplit(dash, 1))
            found = [q for q in quiz if normalize_name(q.name) == name and unit in (normalize_name(q.unit), q.unit_id)]
            if found:
                return found
    return [q for q in quiz if normalize_name(q.name) == normalize_name(text)]


def _tier_id(contest: ContestRecord, problem: Problem) -> str | None:
    return next((t.id for t in contest.spec.prizes.tiers if t.name == problem.values.get("tier")), None)


def check_consent_of_winners(contest: ContestRecord, results: ContestResults) -> None:
    """A winner whose authors did not agree to publication cannot be published (RES005, added to
    ``results.problems``)."""
    for result in results.tiers:
        for winner in result.winners:
            if winner.entry is not None and not winner.entry.consented:
                results.problems.append(
                    Problem(
                        "RES005", contest.location(("results",)), {"entry": winner.entry.slug, "tier": result.tier.name}
                    )
                )
