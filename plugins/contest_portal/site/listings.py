"""What the contest pages list: each card's search words, the gallery's filters, the rows per unit.

Plain data for the templates, made while the site is planned.
"""

from __future__ import annotations

from collections.abc import Iterable

from contest_portal.core.i18n import Translator
from contest_portal.core.text import search_words
from contest_portal.judging.results import ContestResults
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.site.contexts import Card, GalleryFilter, UnitRow


def search_text(entry: EntryRecord) -> str:
    """Title, unit, group and authors without diacritics, lower case: what the gallery search matches.

    The browser folds the visitor's query the same way, so "cai cach" and "cải cách" both match.
    """
    words = [entry.spec.title, entry.unit_name, entry.spec.group or "", *(a.name for a in entry.spec.authors)]
    return " ".join(search_words(word) for word in words if word)


def gallery_filters(contest: ContestRecord, cards: tuple[Card, ...], t: Translator) -> tuple[GalleryFilter, ...]:
    """The gallery's select boxes: only those that would offer a real choice (two values or more)."""

    def options(pairs: Iterable[tuple[str | None, str | None]]) -> tuple[tuple[str, str], ...]:
        seen: dict[str, str] = {}
        for value, label in pairs:
            if value:
                seen.setdefault(value, label or "")
        return tuple(seen.items())

    entries = [card.entry for card in cards]
    choices = [
        ("unit", options((e.spec.unit, e.unit_name) for e in entries)),
        ("category", options((e.category.id, e.category.name) if e.category else (None, None) for e in entries)),
        ("kind", options((e.spec.kind, t("kind." + e.spec.kind)) for e in entries)),
        ("prize", options((p.id, p.name) for card in cards for p in card.prizes)),
    ]
    return tuple(GalleryFilter(name, opts) for name, opts in choices if len(opts) >= 2 or (name == "prize" and opts))


def unit_summary(contest: ContestRecord, results: ContestResults | None) -> tuple[UnitRow, ...]:
    """Per unit of the plan: entries received, valid and refused, and every prize its entries and
    its staff won — quiz prizes of participants linked to the unit included (plans add points in
    the yearly reform index for both). ``prizes``: tier names; ``awards``: (tier, winner's key).
    A prize of an entry without consent to publication is not listed (it is not published).
    """
    rows = []
    for unit in contest.spec.units:
        entries = [e for e in contest.entries if e.spec.unit == unit.id]
        awards = tuple(
            (t.tier, w.key)
            for t in (results.tiers if results else [])
            for w in t.winners
            if (w.entry and w.entry.spec.unit == unit.id and w.entry.consented)
            or (w.participant and w.participant.unit_id == unit.id)
        )
        valid = sum(1 for e in entries if e.valid)
        rows.append(
            UnitRow(
                unit=unit,
                entries=len(entries),
                valid=valid,
                refused=len(entries) - valid,
                prizes=tuple(tier.name for tier, _ in awards),
                awards=awards,
            )
        )
    return tuple(rows)
