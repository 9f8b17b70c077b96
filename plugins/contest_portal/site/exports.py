"""Results as files: CSV, XLSX and JSON, built in memory for the site."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from contest_portal.core.i18n import Translator
from contest_portal.model import ContestRecord
from contest_portal.formats.tables import csv_safe, xlsx_bytes


def result_rows(contest: ContestRecord, t: Translator) -> tuple[list[str], list[list[object]]]:
    header = [t("export.prize"), t("export.winner_id"), t("export.title"), t("export.authors"), t("export.unit"),
              t("export.score"), t("export.votes"), t("export.amount")]
    rows = []
    for result in contest.results.tiers:
        for winner in result.winners:
            if winner.entry is not None:
                entry = winner.entry
                rows.append([result.tier.name, entry.slug, entry.spec.title, entry.author_line, entry.unit_name,
                             winner.score, winner.votes, result.tier.amount])
            elif winner.participant is not None:
                person = winner.participant
                rows.append([result.tier.name, "", "", person.name, person.unit, person.correct, None,
                             result.tier.amount])
    return header, rows


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([csv_safe(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # with BOM: Excel opens Vietnamese text correctly


def to_xlsx(header: list[str], rows: list[list[object]], title: str, dated: datetime | None = None) -> bytes:
    return xlsx_bytes(header, rows, title, dated=dated)


def to_json(contest: ContestRecord) -> bytes:
    results = contest.results
    decision = contest.spec.results.decision
    data = {
        "contest": contest.slug, "title": contest.spec.title,
        "decision": {"number": decision.number, "date": decision.date.text if decision.date else None}
        if decision else None,
        "votes_snapshot": results.votes_time.isoformat() if results.votes_time else None,
        "total_amount": results.total_money,
        "prizes": [{"id": r.tier.id, "name": r.tier.name, "amount": r.tier.amount, "basis": r.tier.basis,
                    "winners": [{"entry": w.entry.slug if w.entry else None,
                                 "title": w.entry.spec.title if w.entry else None,
                                 "name": w.participant.name if w.participant else
                                 (w.entry.author_line if w.entry else None),
                                 "unit": w.participant.unit if w.participant else
                                 (w.entry.unit_name if w.entry else None),
                                 "score": w.score, "votes": w.votes} for w in r.winners]}
                   for r in results.tiers],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
