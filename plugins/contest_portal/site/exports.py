"""Results as files: the rows and data planned for the site, and their CSV, XLSX and JSON bytes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from contest_portal.core.i18n import Translator
from contest_portal.formats.tables import csv_safe, xlsx_bytes
from contest_portal.judging.awards import Winner
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.site.contexts import UnitRow


@dataclass(frozen=True)
class Table:
    """A one-sheet table: a header and rows of cells; ``title`` names the XLSX sheet, ``dated`` fixes
    the XLSX's dates (the same table gives the same bytes)."""

    header: list[str]
    rows: list[list[object]]
    title: str = "Sheet"
    dated: datetime | None = None


def result_rows(contest: ContestRecord, t: Translator) -> tuple[list[str], list[list[object]]]:
    """The prize winners as a header and one row per winner, in the translator's language."""
    header = [
        t("export.prize"),
        t("export.winner_id"),
        t("export.title"),
        t("export.authors"),
        t("export.unit"),
        t("export.score"),
        t("export.votes"),
        t("export.amount"),
    ]
    assert contest.results is not None, "results rows of a contest without results"
    rows: list[list[object]] = []
    for result in contest.results.tiers:
        for winner in result.winners:
            if winner.entry is not None:
                shown = public_entry(winner.entry, t)
                rows.append(
                    [
                        result.tier.name,
                        shown["id"],
                        shown["title"],
                        shown["authors"],
                        shown["unit"],
                        winner.score,
                        winner.votes,
                        result.tier.amount,
                    ]
                )
            elif winner.participant is not None:
                person = winner.participant
                rows.append(
                    [
                        result.tier.name,
                        person.id,
                        "",
                        person.name,
                        person.unit,
                        person.correct,
                        None,
                        result.tier.amount,
                    ]
                )
    return header, rows


def public_entry(entry: EntryRecord, t: Translator) -> dict[str, str | None]:
    """What every public output may say of an entry: its id, title, authors and unit — or, without
    its authors' consent to publication, "Tác phẩm không công bố" and nothing that identifies it."""
    if entry.consented:
        return {"id": entry.slug, "title": entry.spec.title, "authors": entry.author_line, "unit": entry.unit_name}
    return {"id": None, "title": t("results.unpublished"), "authors": None, "unit": None}


def results_data(contest: ContestRecord, t: Translator, units: Sequence[UnitRow] = ()) -> dict[str, Any]:
    """The published results as plain JSON data: the decision, the vote snapshot's time, the money
    (VND), every tier's winners (an entry without consent to publication as ``public_entry`` says)
    and, given ``units`` (``listings.unit_summary``), the entries and prizes of each unit."""
    results = contest.results
    assert results is not None, "results data of a contest without results"
    decision = contest.spec.results.decision

    def winner(w: Winner) -> dict[str, object]:
        if w.participant is not None:
            person = w.participant
            return {
                "entry": None,
                "title": None,
                "participant": person.id or None,
                "name": person.name,
                "unit": person.unit,
                "score": None,
                "correct": person.correct,
                "votes": None,
            }
        assert w.entry is not None  # a winner is an entry or a quiz participant (awards.Winner)
        shown = public_entry(w.entry, t)
        return {
            "entry": shown["id"],
            "title": shown["title"],
            "participant": None,
            "name": shown["authors"],
            "unit": shown["unit"],
            "score": w.score,
            "correct": None,
            "votes": w.votes,
        }

    return {
        "contest": contest.slug,
        "title": contest.spec.title,
        "decision": {"number": decision.number, "date": decision.date.text if decision.date else None}
        if decision
        else None,
        "votes_snapshot": None
        if results.votes_time is None
        else (results.votes_time.date() if results.votes_whole_day else results.votes_time).isoformat(),
        "total_amount": results.total_money,
        "prizes": [
            {
                "id": r.tier.id,
                "name": r.tier.name,
                "amount": r.tier.amount,
                "basis": r.tier.basis,
                "award_form": r.tier.award_form,
                "winners": [winner(w) for w in r.winners],
            }
            for r in results.tiers
        ],
        "units": [
            {
                "id": row.unit.id,
                "name": row.unit.name,
                "received": row.entries,
                "valid": row.valid,
                "refused": row.refused,
                "prizes": [
                    {"tier": tier.id, "name": tier.name, "amount": tier.amount, "winner": key}
                    for tier, key in row.awards
                ],
            }
            for row in units
        ],
    }


def to_csv(table: Table) -> bytes:
    """UTF-8 CSV with a BOM (Excel then opens Vietnamese text correctly), safe whatever separator
    the reader uses (Excel with Vietnamese regional settings splits on ``;``): every field quoted
    and formula-like text defused in every field and every fragment a separator would start, as
    ``formats.tables.csv_safe`` says (OWASP's rule); the same as ``formats.tables.write_csv``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_safe(v) for v in table.header])
    writer.writerows([csv_safe(v) for v in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    return xlsx_bytes(table.header, table.rows, table.title, dated=table.dated)


def to_json(data: object) -> bytes:
    """Indented UTF-8 JSON, non-ASCII letters kept as they are (a results export: read by people too)."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def to_compact_json(data: object) -> bytes:
    """UTF-8 JSON without indentation, for programs (the data feeds): a portal feed of thousands of
    items is a fifth smaller, and written by the json module's C encoder (``indent`` turns it off)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
