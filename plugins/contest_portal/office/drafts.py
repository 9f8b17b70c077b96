"""The documents the office must produce after the jury: a draft award decision and the participation report.

- ``draft_decision``: the award decision as a Word document (python-docx) in the layout of
  Decree 30/2020/NĐ-CP on administrative documents (Appendix I): the issuing body and the
  number and symbol left blank to fill (upper left), the national name and motto (upper right),
  place and date, the title, the authority, the "Căn cứ" lines from the plan's legal basis and
  the plan itself, Điều 1 with the attached list, Điều 2–3, recipients and the signature block;
  then the annex: every winner (tier, entry, authors, unit, amount) with the total in figures and
  in words ("Bằng chữ: Sáu mươi mốt triệu đồng", num2words).
- ``participation_workbook``: per unit of the plan, entries received, valid, refused for an error,
  refused by the committee or withdrawn, prizes collective and individual (quiz), and whether the
  category's minimum is met (the figures the yearly administrative-reform index asks for).

Both hold names of people: they are written to ``reports/`` (private), never into the site.
"""

from __future__ import annotations

from pathlib import Path

from contest_portal.core.atomic import replacing
from contest_portal.core.i18n import Translator
from contest_portal.model import ContestRecord

FONT = "Times New Roman"  # Decree 30/2020/NĐ-CP: Times New Roman, Unicode (TCVN 6909:2001)


def amount_in_words(amount: int, t: Translator) -> str:
    """"Sáu mươi mốt triệu đồng" for 61000000 in Vietnamese ("Sixty-one million dong" in English)."""
    from num2words import num2words

    text = f"{num2words(amount, lang=t.lang)} {t('draft.currency')}"
    return text[:1].upper() + text[1:]


def winners_rows(contest: ContestRecord) -> list[dict]:
    """One row per winner: tier, entry title (or the participant), authors, unit, amount (VND, None
    when the plan sets none)."""
    rows = []
    results = contest.results
    for result in results.tiers if results is not None else []:
        for winner in result.winners:
            if winner.participant is not None:
                title, authors, unit = "", winner.participant.name, winner.participant.unit
            elif winner.entry is not None:
                entry = winner.entry
                title, authors, unit = entry.spec.title, entry.spec.group or entry.author_line, entry.unit_name
            else:
                continue
            rows.append({"tier": result.tier.name, "title": title, "authors": authors, "unit": unit,
                         "amount": result.tier.amount})  # None: the plan leaves it to the committee
    return rows


def draft_decision(contest: ContestRecord, target: Path, t: Translator) -> Path:
    """Write the draft award decision (DOCX) of ``contest`` to ``target``; return it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    spec = contest.spec
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

    def paragraph(text: str = "", *, bold: bool = False, italic: bool = False, align=None, size: int | None = None):
        para = document.add_paragraph()
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            para.alignment = align
        return para

    issuer = (spec.results.decision.issuer if spec.results.decision and spec.results.decision.issuer
              else spec.organizer.name)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].add_run((spec.organizer.parent or "").upper()).font.size = Pt(13)
    left.add_paragraph().add_run(issuer.upper()).bold = True
    left.add_paragraph(t("draft.number"))
    right.paragraphs[0].add_run(t("draft.nation")).bold = True
    motto = right.add_paragraph().add_run(t("draft.motto"))
    motto.bold, motto.underline = True, True
    place = (spec.document.place if spec.document and spec.document.place else "")
    right.add_paragraph().add_run(t("draft.place_date", place=place or "……")).italic = True
    for cell in (left, right):
        for para in cell.paragraphs:
            para.alignment = center
    paragraph()
    paragraph(t("draft.title"), bold=True, align=center)
    paragraph(t("draft.subject", contest=spec.title), bold=True, align=center)
    paragraph(t("draft.authority", issuer=issuer.upper()), bold=True, align=center)
    for ref in spec.legal_basis:
        paragraph(t("draft.basis", document=_reference(ref, t)), italic=True, align=justify)
    if spec.document:
        paragraph(t("draft.basis", document=_reference(spec.document, t)), italic=True, align=justify)
    paragraph(t("draft.proposal"), italic=True, align=justify)
    paragraph(t("draft.decides"), bold=True, align=center)
    rows = winners_rows(contest)
    # no total when an amount is not set: a blank for the office to fill, never "0 đồng" (as total_money)
    total = None if any(row["amount"] is None for row in rows) else sum(row["amount"] for row in rows)
    paragraph(t("draft.article1", count=len(rows), contest=spec.title), align=justify)
    if total:
        paragraph(t("draft.total", total=t.number(total), words=amount_in_words(total, t)), align=justify)
    paragraph(t("draft.article2"), align=justify)
    paragraph(t("draft.article3"), align=justify)
    signature = document.add_table(rows=1, cols=2)
    recipients, signer = signature.rows[0].cells
    recipients.paragraphs[0].add_run(t("draft.recipients")).bold = True
    for name in (spec.document.recipients if spec.document else []) or [t("draft.as_article3")]:
        recipients.add_paragraph(f"- {name};").runs[0].font.size = Pt(11)
    recipients.add_paragraph(t("draft.archive")).runs[0].font.size = Pt(11)
    signatory = spec.document.signatory if spec.document else None
    for text, bold in ((signatory.on_behalf if signatory and signatory.on_behalf else "", True),
                       (signatory.title if signatory else "", True), ("", False), ("", False),
                       (signatory.name if signatory and signatory.name else "", True)):
        run = signer.add_paragraph().add_run(str(text))
        run.bold = bold
        signer.paragraphs[-1].alignment = center
    document.add_page_break()
    paragraph(t("draft.annex_title"), bold=True, align=center)
    paragraph(t("draft.annex_subtitle", contest=spec.title), bold=True, align=center)
    paragraph(t("draft.annex_of"), italic=True, align=center)
    table = document.add_table(rows=1, cols=7)
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, ("no", "tier", "entry", "authors", "unit", "amount", "note")):
        cell.paragraphs[0].add_run(t(f"draft.column.{key}")).bold = True
    for number, row in enumerate(rows, 1):
        cells = table.add_row().cells
        values = [str(number), row["tier"], row["title"], row["authors"], row["unit"],
                  t.number(row["amount"]) if row["amount"] else "", ""]
        for cell, value in zip(cells, values):
            cell.text = value
    last = table.add_row().cells
    last[0].merge(last[4]).paragraphs[0].add_run(t("draft.column.total")).bold = True
    if total is not None:
        last[5].paragraphs[0].add_run(t.number(total)).bold = True
        paragraph(t("draft.in_words", words=amount_in_words(total, t)), italic=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as partial:
        document.save(str(partial))
    return target


def _reference(ref, t: Translator) -> str:
    """"Kế hoạch số 12/KH-UBND ngày 01/3/2024 của UBND huyện Vĩnh Linh về …" from a document's fields."""
    parts = [ref.kind or ""]
    if ref.number:
        parts.append(f"{t('rules.number')} {ref.number}")
    if ref.date:
        parts.append(t("draft.dated", date=t.moment(ref.date)))
    if ref.issuer:
        parts.append(f"{t('rules.of')} {ref.issuer}")
    if ref.title:
        parts.append(ref.title)
    return " ".join(p for p in parts if p)


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
    header = [t(f"draft.participation.{key}") for key in (
        "unit", "category", "received", "valid", "refused", "set_aside", "collective", "individual", "minimum", "met")]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in participation(contest):
        sheet.append([row.unit, row.category, row.received, row.valid, row.refused, row.set_aside,
                      ", ".join(collective.get(row.unit_id, [])) or None, ", ".join(individual.get(row.unit_id, [])) or None,
                      row.minimum,
                      t("draft.participation.yes") if row.status != "below" else t("draft.participation.no")])
    for column, width in zip("ABCDEFGHIJ", (40, 30, 10, 10, 10, 12, 30, 30, 10, 10)):
        sheet.column_dimensions[column].width = width
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as partial:
        workbook.save(str(partial))
    return target
