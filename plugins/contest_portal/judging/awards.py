"""Rankings → prizes: each prize tier takes the top of its basis's pool.

A tier's basis picks an ordered pool — the jury ranking, the entries by public votes or the
quiz participants — and one routine, ``top_of``, takes its first ``count``.  When the cut falls
inside a tie the organizers are told (RES001), never settled silently; a tier left short once
the results are published is reported too (RES006).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from contest_portal.core.errors import Problem
from contest_portal.core.i18n import Count, Text
from contest_portal.formats import schema
from contest_portal.judging.ranking import QuizResult, Ranked
from contest_portal.model import ContestRecord, EntryRecord

T = TypeVar("T")


@dataclass
class Winner:
    """A prize winner: an entry (with its mean score and votes when known) or a quiz participant."""

    entry: EntryRecord | None = None
    participant: QuizResult | None = None
    score: float | None = None
    votes: int | None = None

    @property
    def key(self) -> str:
        """The entry's id, or the participant's id or "name – unit": what the decision names."""
        return self.entry.slug if self.entry else (self.participant.key if self.participant else "")


@dataclass
class TierResult:
    tier: schema.PrizeTier
    winners: list[Winner] = field(default_factory=list)

    @property
    def total(self) -> int:
        """The tier's prize money: its amount (VND) times the number of winners."""
        return (self.tier.amount or 0) * len(self.winners)


@dataclass(frozen=True)
class Cut(Generic[T]):
    """The top of a pool: the ``chosen`` items, and ``tied`` — every item of the pool sharing the
    last chosen one's key when the first item left out shares it too (empty otherwise)."""

    chosen: list[T]
    tied: list[T]


def top_of(pool: Sequence[T], count: int, key: Callable[[T], Hashable]) -> Cut[T]:
    """The first ``count`` items of ``pool`` (ordered best first), and who is tied at the cut.

    ``key(item)`` is what ranks an item: items with equal keys are tied.  The tie is reported
    only when it straddles the cut (the first item left out has the last chosen one's key);
    ``tied`` then lists every item of the pool with that key, chosen ones included, in pool order.
    """
    chosen = list(pool[:count])
    if chosen and len(pool) > len(chosen) and key(pool[len(chosen)]) == key(chosen[-1]):
        last = key(chosen[-1])
        return Cut(chosen, [item for item in pool if key(item) == last])
    return Cut(chosen, [])


@dataclass(frozen=True)
class _Pool(Generic[T]):
    """What a tier's basis offers: candidates best first, how they rank, are named and win."""

    items: list[T]
    key: Callable[[T], Hashable]
    name: Callable[[T], str]
    winner: Callable[[T], Winner]
    unit: Callable[[T], str]

    def within(self, per_unit_max: int | None) -> list[T]:
        """The candidates, with each unit's beyond its first ``per_unit_max`` left out (None: all)."""
        if per_unit_max is None:
            return self.items
        taken: dict[str, int] = {}
        kept = []
        for item in self.items:
            unit = self.unit(item)
            if taken.get(unit, 0) < per_unit_max:
                kept.append(item)
                taken[unit] = taken.get(unit, 0) + 1
        return kept


def _eligible(entry: EntryRecord, tier: schema.PrizeTier) -> bool:
    collective = entry.spec.entrant == "collective"
    return tier.recipient == "any" or (tier.recipient == "collective") == collective


#: Each rule the tool applies when the plan does not state it (the catalogue key of the text that
#: says where it acted, ``results.default.<rule>``) → the contest.yml key that states it instead.
DEFAULT_SETTINGS = {
    "results.default.one_prize_per_entry": "prizes.one_prize_per_entry",
    "results.default.drop_extremes_min": "judging.drop_extremes",
}


@dataclass(frozen=True)
class AppliedDefault:
    """A rule of ``DEFAULT_SETTINGS`` the tool applied in the tier ``tier_id``, changing its
    winners; ``text`` says what it did."""

    tier_id: str
    text: Text


def award_prizes(
    contest: ContestRecord, ranking: list[Ranked], quiz: list[QuizResult], votes: dict[str, int]
) -> tuple[list[TierResult], list[Problem], list[AppliedDefault]]:
    """One TierResult per prize tier, in the plan's order, the problems (RES001 ties at a cut,
    RES006 tiers left short once published) and the defaults applied (``one_prize_per_entry``
    when contest.yml does not state it and an entry lost a tier's prize for holding another).

    An entry wins at most one prize of a basis, and at most one prize at all when the plan says
    ``one_prize_per_entry``; a quiz participant wins at most one quiz prize.  A tier with
    ``per_unit_max`` gives at most that many of its prizes to one unit (the "46 đội thi" of a
    province: one collective prize per unit): a unit's candidates beyond it make way for the next.  "special" tiers,
    and public-vote tiers without a vote file, get no computed winners (the decision names them).
    """
    prizes = contest.spec.prizes
    awarded: set[str] = set()  # by any tier
    by_basis: dict[str, set[str]] = {}  # by tiers of the same basis: never twice
    by_votes = sorted((e for e in contest.entries if e.valid), key=lambda e: (-votes.get(e.slug, 0), e.slug))
    tiers: list[TierResult] = []
    problems: list[Problem] = []
    defaults: list[AppliedDefault] = []
    unstated = "one_prize_per_entry" not in prizes.model_fields_set  # the tool's default, not the plan's
    for tier in prizes.tiers:
        result = TierResult(tier)
        taken = awarded if prizes.one_prize_per_entry else by_basis.setdefault(tier.basis, set())
        pool = _pool(tier, taken, ranking, by_votes, votes, quiz, tiers)
        if pool is not None:
            cut = top_of(pool.within(tier.per_unit_max), tier.count, pool.key)
            if cut.tied:
                problems.append(
                    Problem(
                        "RES001",
                        contest.location(("prizes",)),
                        {"tier": tier.name, "tier_id": tier.id, "entries": ", ".join(pool.name(x) for x in cut.tied)},
                    )
                )
            result.winners = [pool.winner(x) for x in cut.chosen]
            if unstated and prizes.one_prize_per_entry and tier.basis in ("jury", "public_vote"):
                alone = _pool(tier, by_basis.get(tier.basis, set()), ranking, by_votes, votes, quiz, tiers)
                defaults += _one_prize_default(tier, alone, result, tiers, votes) if alone else []
        if len(result.winners) < tier.count and contest.spec.results.published:
            problems.append(
                Problem(
                    "RES006",
                    contest.location(("prizes",)),
                    {
                        "tier": tier.name,
                        "count": tier.count,
                        "found": len(result.winners),
                        "reason": Text(f"problem.reason.{tier.basis}"),
                    },
                )
            )
        won = {w.entry.slug for w in result.winners if w.entry}
        awarded |= won
        by_basis.setdefault(tier.basis, set()).update(won)
        tiers.append(result)
    return tiers, problems, defaults


def _one_prize_default(
    tier: schema.PrizeTier, alone: _Pool[Any], result: TierResult, earlier: list[TierResult], votes: dict[str, int]
) -> list[AppliedDefault]:
    """What "one prize per entry" changed in ``tier``: every entry its basis alone ranks (``alone``:
    the pool without the entries holding another prize of this basis) above the last entry it
    went to, skipped because it holds a prize of an earlier tier, each with its place and that
    prize; and the entries it went to instead, with theirs ("results.default.one_prize_per_entry").
    No note when nobody was skipped."""
    candidates = alone.within(tier.per_unit_max)
    given = {w.key for w in result.winners}
    keys = [alone.winner(x).key for x in candidates]
    last = max((keys.index(key) for key in given if key in keys), default=None)
    before = candidates[:last] if last is not None else top_of(candidates, tier.count, alone.key).chosen
    skipped = [alone.winner(x) for x in before if alone.winner(x).key not in given]
    held = {w.key: [t.tier.name for t in earlier if any(x.key == w.key for x in t.winners)] for w in skipped}
    skipped = [w for w in skipped if held[w.key] and w.entry]
    if not skipped:
        return []

    def place(winner: Winner) -> Text:
        if tier.basis == "jury":  # the jury's rank; for votes, 1 + the entries with more votes
            rank = next(x.rank for x in alone.items if isinstance(x, Ranked) and x.entry.slug == winner.key)
            return Text("results.default.place.jury", place=rank)
        count = votes.get(winner.key, 0)
        return Text(
            "results.default.place.public_vote",
            votes=Count(count),
            place=1 + sum(1 for other in votes.values() if other > count),
        )

    said: Text | str = ""
    for winner in skipped:
        assert winner.entry is not None
        item = Text(
            "results.default.skipped",
            entry=entry_label(winner.entry),
            place=place(winner),
            held=", ".join(held[winner.key]),
        )
        said = Text("results.default.skipped.more", first=said, next=item) if said else item
    given_to = joined(
        [Text("results.default.winner", entry=entry_label(w.entry), place=place(w)) for w in result.winners if w.entry]
    )
    return [
        AppliedDefault(
            tier.id,
            Text(
                "results.default.one_prize_per_entry",
                skipped=said,
                tier=tier.name,
                winners=given_to or Text("results.default.nobody"),
            ),
        )
    ]


def entry_label(entry: EntryRecord) -> Text | str:
    """How public texts name an entry: "“title”" (never its folder's id: public pages show titles
    only), or "a work not published" without its authors' consent."""
    return f"“{entry.spec.title}”" if entry.consented else Text("results.unpublished")


def joined(items: list[Text | str]) -> Text | str:
    """Texts and strings as one list ("a, b, c"), each rendered in the reader's language ("" for none)."""
    if not items:
        return ""
    first: Text | str = items[0]
    for item in items[1:]:
        first = Text("list.joined", first=first, next=item)
    return first


def _pool(
    tier: schema.PrizeTier,
    taken: set[str],
    ranking: list[Ranked],
    by_votes: list[EntryRecord],
    votes: dict[str, int],
    quiz: list[QuizResult],
    earlier: list[TierResult],
) -> _Pool[Any] | None:
    """The candidates of ``tier``'s basis not already ``taken`` (None: no computed winners)."""
    if tier.basis == "jury":
        return _Pool(
            [
                r
                for r in ranking
                if _eligible(r.entry, tier)
                and r.entry.slug not in taken
                and (tier.min_score is None or r.score >= tier.min_score)
            ],
            key=lambda r: r.rank,
            name=lambda r: r.entry.slug,
            winner=lambda r: Winner(entry=r.entry, score=r.score, votes=r.votes),
            unit=lambda r: r.entry.spec.unit,
        )
    if tier.basis == "public_vote" and votes:
        return _Pool(
            [e for e in by_votes if _eligible(e, tier) and e.slug not in taken],
            key=lambda e: votes.get(e.slug, 0),
            name=lambda e: e.slug,
            winner=lambda e: Winner(entry=e, votes=votes.get(e.slug, 0)),
            unit=lambda e: e.spec.unit,
        )
    if tier.basis == "quiz":
        won = {w.participant.key for t in earlier for w in t.winners if w.participant}
        return _Pool(
            [q for q in quiz if q.eligible and q.key not in won],
            key=lambda q: (q.correct, q.seconds),
            name=lambda q: q.key,
            winner=lambda q: Winner(participant=q),
            unit=lambda q: q.unit_id or q.unit,
        )
    return None
