"""The participation report per unit (XLSX): per unit of the plan, entries received, valid,
refused for an error, refused by the committee or withdrawn, prizes collective and individual
(quiz), and whether the category's minimum is met (the figures the yearly administrative-reform
index asks for).
"""

from __future__ import annotations

from pathlib import Path

from contest_portal.core.atomic import replacing
from contest_portal.core.i18n import Translator
from contest_portal.formats.tables import append_text_row
from contest_portal.model import ContestRecord


def participation_workbook(contest: ContestRecord, target: Path, t: Translator) -> Path:
    """Write the participation report per unit (XLSX) of ``contest`` to ``target``; return it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from contest_portal.office.reports import participation

    results = contest.results
    collective: dict[str, list[str]] = {}
    individual: dict[str, list[str]] = {}
    units_by_name = {u.name: u.id for u in contest.spec.units}
    for result in results.tiers if results is not None else []:
        for winner in result.winners:
            if winner.entry is not None:
                collective.setdefault(winner.entry.spec.unit, []).append(result.tier.name)
            elif winner.participant is not None:
                unit = winner.participant.unit_id or units_by_name.get(winner.participant.unit)
                if unit:
                    individual.setdefault(unit, []).append(result.tier.name)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("draft.sheet")[:31]
    sheet.append([contest.spec.title])
    sheet["A1"].font = Font(bold=True, size=13)
    header = [
        t(f"draft.participation.{key}")
        for key in (
            "unit",
            "category",
            "received",
            "valid",
            "refused",
            "set_aside",
            "collective",
            "individual",
            "minimum",
            "met",
        )
    ]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in participation(contest):
        append_text_row(
            sheet,
            [
                row.unit,
                row.category,
                row.received,
                row.valid,
                row.refused,
                row.set_aside,
                ", ".join(collective.get(row.unit_id, [])) or None,
                ", ".join(individual.get(row.unit_id, [])) or None,
                row.minimum,
                t("draft.participation.yes") if row.status != "below" else t("draft.participation.no"),
            ],
        )
    for column, width in zip("ABCDEFGHIJ", (40, 30, 10, 10, 10, 12, 30, 30, 10, 10)):
        sheet.column_dimensions[column].width = width
    with replacing(target) as partial:
        workbook.save(str(partial))
    return target
