"""Blank score sheets for the judges: one XLSX and one CSV per judge of a contest.

The judges fill them in and the office puts them back in ``<contest>/_ket-qua/diem/``,
where ``formats.sheets.read_scores`` reads them (the same criterion headers).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from contest_portal.core.i18n import Translator
from contest_portal.formats.sheets import criterion_header, judges
from contest_portal.formats.tables import write_csv, write_xlsx
from contest_portal.judging.ranking import conflict_of_interest
from contest_portal.model import ContestRecord, EntryRecord


def write_jury_sheets(
    contest: ContestRecord, out_dir: Path, entry_url: Callable[[EntryRecord, bool], str], lang: str = "vi"
) -> list[Path]:
    """One XLSX and one CSV per judge, listing the entries to score (anonymized if the rules say so).

    Written to ``out_dir/<contest>/<judge-id>.xlsx|.csv`` with headers in ``lang``;
    ``entry_url(entry, anonymous)`` gives each row's link.  A sheet already there is never
    overwritten (a judge may be filling it in).  Returns the paths written.  The CSV is safe
    whatever separator the judge's spreadsheet splits on (``,`` or, with Vietnamese regional
    settings, ``;``): every field quoted, no cell or fragment starting a formula (``write_csv``,
    ``csv_safe``: OWASP's rule); the XLSX holds the text as text.  The row of an entry of the
    judge's own unit is marked as an abstention in its note ("Không chấm …"): left so, it is not
    asked for.
    """
    t = Translator(lang)
    criteria = contest.spec.judging.criteria
    anonymous = contest.spec.judging.anonymous_sheets
    header = [t("sheet.entry_id"), t("sheet.title"), t("sheet.link")]
    if not anonymous:
        header += [t("sheet.authors"), t("sheet.unit")]
    header += [criterion_header(c, lang) for c in criteria] + [t("sheet.note")]
    written = []
    for judge in judges(contest):
        rows: list[list[object]] = []
        for entry in contest.entries:
            if not entry.valid:
                continue
            row: list[object] = [entry.slug, entry.spec.title, entry_url(entry, anonymous)]
            if not anonymous:
                row += [entry.author_line, entry.unit_name]
            own = conflict_of_interest(judge, entry)  # filled in: the judge abstains on their own unit's entry
            rows.append(row + [None] * len(criteria) + [t("sheet.abstain_own_unit") if own else None])
        base = out_dir / contest.slug / judge.id
        xlsx, csv = base.with_suffix(".xlsx"), base.with_suffix(".csv")
        # never overwrite a sheet a judge may already be filling in
        if not xlsx.exists():
            written.append(write_xlsx(xlsx, header, rows, title=judge.person.name))
        if not csv.exists():
            written.append(write_csv(csv, header, rows))
    return written
