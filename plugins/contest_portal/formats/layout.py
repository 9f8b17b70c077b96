"""Which sheet of a workbook holds the table, which row is its header, which of its rows are not
data, which cells cannot be read.

What offices do to a list that a reader must see through (``tables.read_table`` uses it):

* the list is on another sheet than the first (a cover sheet first, a hidden first sheet left
  from last year's template): the sheet whose header row names the columns asked for is read;
* rows under the table that are no entry: a total ("Tổng cộng", "Cộng: 12 tác phẩm") and the
  signature block of Decree 30/2020/NĐ-CP, Appendix I (the place and date line "Cam Lộ, ngày 25
  tháng 9 năm 2024", the signer's title "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "TM. ỦY BAN NHÂN
  DÂN", "(Ký, ghi rõ họ tên)", then the signed name): they are skipped and the reader says so;
* cells whose value is not what the person typed, which must never be read as a value: a
  formula with no stored value (read by openpyxl as empty), a long number that Excel showed in
  scientific notation when the file was saved as CSV ("4,01235E+11": the digits are gone).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from contest_portal.core.text import fold, header_key
from contest_portal.formats import legacy
from contest_portal.formats.workbook import Sheet

#: How many rows from the top the header row is looked for in.
HEADER_SEARCH_ROWS = 20

#: A total row's words, folded: "Tổng cộng …", "TỔNG SỐ …", or "Tổng" / "Cộng" alone or before a
#: number ("Cộng: 12 tác phẩm"; "Cộng đồng số" is a title).
_TOTAL = re.compile(r"^(tong cong|tong so)\b|^(tong|cong|total|grand total|sum)( \d.*)?$")
#: A signature block's lines (Decree 30/2020/NĐ-CP, Appendix I): the signer's title as the whole
#: cell ("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"; "Người lập nghiệp" is a title), the authority
#: signed for ("TM." "KT." "TL." "TUQ." "Q."), the instructions in brackets, a confirmation, and
#: the place and date line ("Cam Lộ, ngày 25 tháng 9 năm 2024", dots for a blank date).
_SIGNATURE = re.compile(
    r"^(nguoi lap( bieu| bang| danh sach| so)?|thu truong( don vi| co quan)?|nguoi duyet|nguoi kiem tra)$"
    r"|^(tm|kt|tl|tuq|q)\. ?\w|^\(ky( va)?,? ghi ro ho ten|^\(ky ten|^\(ky, dong dau|^xac nhan cua "
    r"|\bngay \.*\s*\d{0,2}\s*\.*\s*thang \.*\s*\d{0,2}\s*\.*\s*nam \.*\s*\d{0,4}\s*\.*$"
)
#: Text Excel made of a long number when it saved the sheet as CSV: "4,01235E+11", "1.2E+15".
SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE]\+?\d+$")


@dataclass(frozen=True)
class Unread:
    """A cell whose value cannot be known: ``kind`` is "formula" (``text`` the formula) or
    "scientific" (``text`` as the file shows it); row and column numbered as the sheet shows
    them (A is 1), ``name`` the column's canonical name."""

    row: int
    column: int
    name: str
    kind: str
    text: str


def footer_kind(cells: list[object], required_cells: list[object]) -> str | None:
    """ "total" or "signature" when a row is one of a table's closing rows, else None.

    A row is one when one of its cells is a total's or a signature block's and fewer than two
    of the row's ``required_cells`` (its cells in the columns every entry has; one when only one
    is required) hold other words: "Tổng cộng" merged across the row or beside "3
    tác phẩm", "NGƯỜI LẬP BIỂU" beside "THỦ TRƯỞNG ĐƠN VỊ". An entry whose title begins "Tổng
    cộng" has an author and a unit too, so it stays an entry.
    """
    kinds = {kind for cell in cells if (kind := _marker(cell))}
    if not kinds:
        return None
    texts = sum(
        1 for cell in required_cells if isinstance(cell, str) and any(c.isalpha() for c in cell) and not _marker(cell)
    )  # (a number typed as text, "9999", is no entry's words)
    if required_cells and texts >= min(2, len(required_cells)):
        return None
    return "signature" if "signature" in kinds else "total"


def _marker(cell: object) -> str | None:
    if not isinstance(cell, str):
        return None
    text = " ".join(fold(cell).replace(":", " ").split()).strip(" .,;")
    if _SIGNATURE.search(text):
        return "signature"
    if _TOTAL.match(text):
        return "total"
    return None


def choose_sheet(
    sheets: list[tuple[Sheet, list[list[object]]]], score: Callable[[list[list[object]]], tuple[bool, int]]
) -> int:
    """The index of the sheet that holds the table: of ``sheets`` (each with its prepared cells),
    the first visible one whose ``score(cells)`` is complete (``(True, n)``), else the first
    hidden one, else the one naming most known columns (a visible one on a tie), else the first."""
    scored = [(score(cells), index) for index, (_sheet, cells) in enumerate(sheets)]
    for want_visible in (True, False):
        for (complete, _count), index in scored:
            if complete and sheets[index][0].visible == want_visible:
                return index
    best = max(scored, key=lambda item: (item[0][1], sheets[item[1]][0].visible, -item[1]))
    return best[1] if best[0][1] else 0


def first_visible(sheets: list[Sheet]) -> int:
    """The index of the sheet Excel opens on (the first not hidden), 0 when all are hidden."""
    return next((index for index, sheet in enumerate(sheets) if sheet.visible), 0)


def unread_cells(sheet: Sheet, row: int, cells: list[object], header: list[str], known: set[str]) -> list[Unread]:
    """The cells of row ``row`` in the ``known`` columns whose value cannot be known."""
    found = []
    for index, name in enumerate(header):
        if name not in known:
            continue
        formula = sheet.uncached.get((row, index + 1))
        cell = cells[index] if index < len(cells) else None
        if formula is not None and cell is None:
            found.append(Unread(row, index + 1, name, "formula", "=" + formula))
        elif isinstance(cell, str) and SCIENTIFIC.match(cell.strip()):
            found.append(Unread(row, index + 1, name, "scientific", cell.strip()))
    return found


def sheets_until_found(
    sheets: Iterator[Sheet], lookup: dict[str, str], required: tuple[str, ...]
) -> list[tuple[Sheet, list[list[object]], str | None]]:
    """The sheets read, each with its prepared cells and legacy encoding (``prepared_cells``), up to
    the first visible one whose header names every required column (the one read: the sheets
    after it are never read, so a large data sheet after the list costs nothing); all of them
    when none does."""
    prepared = []
    for sheet in sheets:
        prepared.append((sheet, *prepared_cells(sheet)))
        if sheet.visible and header_score(prepared[-1][1], lookup, required)[0]:
            break
    return prepared


def prepared_cells(sheet: Sheet) -> tuple[list[list[object]], str | None]:
    """A sheet's cells with text in a legacy encoding converted and all text NFC; the encoding
    converted from ("TCVN3", "VNI") or None."""
    raw = sheet.rows or [[]]
    converted = legacy.detect([cell for cells in raw for cell in cells if isinstance(cell, str)])
    if converted:
        raw = [[legacy.convert(c, converted) if isinstance(c, str) else c for c in cells] for cells in raw]
    return [[unicodedata.normalize("NFC", c) if isinstance(c, str) else c for c in cells] for cells in raw], converted


def header_row(raw: list[list[object]], lookup: dict[str, str], required: tuple[str, ...]) -> int:
    """The index of the header row: the first of the top rows naming every required column, else
    the one naming most known columns (its missing columns are then reported), else the first."""
    best, best_count = 0, 0
    for index, cells in enumerate(raw[:HEADER_SEARCH_ROWS]):
        names = {name for name in (column_name(cell, lookup) for cell in cells) if name in lookup}
        if names and all(name in names for name in required):
            return index
        if len(names) > best_count:
            best, best_count = index, len(names)
    return best


#: A note typed in a header after its name: "(ghi đầy đủ)", "(*)", "[1]".
_HEADER_NOTE = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")


def column_name(cell: object, lookup: dict[str, str]) -> str:
    """The canonical name of the column a header cell names (``lookup``: header key → name), the
    header read without its notes in brackets when it is not known with them ("Đơn vị (ghi đầy
    đủ)" is "Đơn vị"); an unknown header's own key."""
    key = header_key(cell)
    if key not in lookup and isinstance(cell, str) and _HEADER_NOTE.search(cell):
        bare = header_key(_HEADER_NOTE.sub(" ", cell))
        if bare in lookup:
            return lookup[bare]
    return lookup.get(key, key)


def header_score(raw: list[list[object]], lookup: dict[str, str], required: tuple[str, ...]) -> tuple[bool, int]:
    """Whether a sheet's header row names every required column, and how many known columns it names."""
    cells = raw[header_row(raw, lookup, required)]
    names = {name for name in (column_name(cell, lookup) for cell in cells) if name in lookup}
    return bool(names) and all(name in names for name in required), len(names)
