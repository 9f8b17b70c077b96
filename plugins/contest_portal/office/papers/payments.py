"""The prize payment list (Danh sách chi trả tiền thưởng), XLSX, for the finance office.

The organizer and the title above the table; one row per winner: number, recipient (the authors;
a group's name with its authors'), unit, prize, work, amount (VND, a number cell), the amount in words and an
empty cell to sign on receipt; the total row and the total in words below; then the three
signatures a payment voucher carries (preparer, chief accountant, head of the unit).  An amount
the plan does not set is left empty, and so is the total: the office fills them in.
"""

from __future__ import annotations

from pathlib import Path

from contest_portal.core.atomic import replacing
from contest_portal.core.i18n import Translator
from contest_portal.formats.tables import append_text_row
from contest_portal.model import ContestRecord
from contest_portal.office.papers.common import amount_in_words, contest_name, total_of, winners_rows
from contest_portal.office.papers.decision import annex_line

COLUMNS = ("no", "recipient", "unit", "tier", "entry", "amount", "words", "signature")
WIDTHS = (5, 28, 24, 16, 32, 13, 32, 12)  # characters: 162 in all, printed one page wide (A4 landscape)
MONEY = "#,##0"
LINE_PT = 15  # the height of a line of 11 pt text (points)


def payment_list(contest: ContestRecord, target: Path, t: Translator) -> Path:
    """Write the prize payment list (XLSX) of ``contest`` to ``target``; return it (raises OSError)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    rows = winners_rows(contest)
    total = total_of(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = t("paper.payments.sheet")[:31]
    sheet.append([contest.spec.organizer.name.upper()])
    sheet.append([t("paper.payments.title")])
    sheet.append([t("paper.payments.subject", contest=contest_name(contest.spec, t))])
    sheet.append([annex_line(contest, t)])
    for line_number in range(1, 5):
        sheet.merge_cells(start_row=line_number, start_column=1, end_row=line_number, end_column=len(COLUMNS))
        sheet.cell(line_number, 1).alignment = Alignment(horizontal="center", wrap_text=True)
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(bold=True, size=14)
    sheet["A3"].font = Font(bold=True)
    sheet["A4"].font = Font(italic=True)
    sheet.append([t(f"paper.payments.column.{key}") for key in COLUMNS])
    header = sheet.max_row
    for number, row in enumerate(rows, 1):
        append_text_row(
            sheet,
            [
                number,
                row.people,
                row.unit,
                row.tier,
                row.title,
                row.amount,
                amount_in_words(row.amount, t) if row.amount else None,
                None,
            ],
        )
        sheet.cell(sheet.max_row, 6).number_format = MONEY
    sheet.append([t("draft.column.total"), None, None, None, None, total, None, None])
    last = sheet.max_row
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=5)
    sheet.cell(last, 6).number_format = MONEY
    thin = Side(style="thin")
    for line in sheet.iter_rows(min_row=header, max_row=last, max_col=len(COLUMNS)):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if cell.row in (header, last):
                cell.font = Font(bold=True)
    sheet.append([t("paper.payments.in_words", words=amount_in_words(total, t) if total else "")])
    sheet.cell(sheet.max_row, 1).font = Font(italic=True)
    sheet.append([])
    sheet.append(
        [t("paper.payments.preparer"), None, None, t("paper.payments.accountant"), None, None, t("paper.payments.head")]
    )
    for column in (1, 4, 7):
        sheet.cell(sheet.max_row, column).font = Font(bold=True)
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for line in range(header, last + 1):  # wrapped cells: rows as tall as their longest text needs
        lines = max(
            -(-len(str(sheet.cell(line, column).value or "")) // max(width - 2, 1))
            for column, width in enumerate(WIDTHS, 1)
        )
        sheet.row_dimensions[line].height = LINE_PT * max(lines, 1) + 3
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide, as many pages long as the list needs
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"{header}:{header}"  # the column headings on every page
    with replacing(target) as partial:
        workbook.save(str(partial))
    return target
