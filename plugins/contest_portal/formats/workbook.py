"""The first sheet of an XLSX as an office sees it: values, merged cells filled, hidden rows known.

openpyxl reads the cells (read-only mode: rows streamed, memory bounded by ``MAX_CELLS``); its
read-only mode knows neither merged ranges nor hidden rows, so those two are read here from the
sheet's own XML (ECMA-376 part 1, 18.3.1.55 ``mergeCell`` and 18.3.1.73 ``row/@hidden``), with
regular expressions over a part whose size ``check_zip`` has already bounded. The zip is checked
before anything is decompressed. Every failure is a TableError.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from contest_portal.core.files import human_size
from contest_portal.core.i18n import Text

#: Limits of one workbook (besides ``MAX_TABLE_BYTES`` for the file): the total size of its parts
#: once unzipped (bytes), their number, and the cells of a table (rows x columns as read, empty
#: cells included; an empty row counts as one). A province's quiz of 50,000 people in 5 columns
#: is 250,000 cells.
MAX_XLSX_UNZIPPED = 50_000_000
MAX_XLSX_PARTS = 1_000
MAX_CELLS = 500_000


class TableError(Exception):
    """A table that cannot be read: ``detail`` (a Text or str) at ``line`` and ``column`` (a header's name) if known."""

    def __init__(self, detail: str | Text, line: int | None = None, column: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.line = line
        self.column = column


@dataclass
class Sheet:
    """Cells row by row (row 1 first, as the spreadsheet numbers them) and the rows hidden in it."""

    rows: list[list[object]]
    hidden: set[int] = field(default_factory=set)


def read_first_sheet(data: bytes) -> Sheet:
    """The first worksheet of the workbook ``data``; every merged range holds its top-left value in
    each of its cells (a unit's name merged over five rows belongs to each of them)."""
    from openpyxl import load_workbook

    check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise TableError(f"XLSX: {exc}") from None
    try:
        rows = bounded(workbook.worksheets[0].iter_rows(values_only=True))
    except TableError:
        raise
    except Exception as exc:  # a damaged sheet found while reading it
        raise TableError(f"XLSX: {exc}") from None
    finally:
        workbook.close()
    layout = _sheet_xml(data)
    _fill_merged(rows, _merged(layout))
    return Sheet(rows, _hidden_rows(layout))


#: The first bytes of an OLE2 compound file, the container of a BIFF (.xls) workbook.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_first_sheet_xls(data: bytes) -> Sheet:
    """The first worksheet of a legacy Excel 97–2003 workbook (BIFF8 in an OLE2 file, also BIFF5
    of Excel 95), read by xlrd, as ``read_first_sheet`` gives an XLSX's: merged cells filled, hidden
    rows known, date cells as ``datetime`` (a time-only cell as ``time``), whole numbers as ``int``
    (as openpyxl gives them), booleans as ``bool``, error cells as their text ("#N/A").

    A BIFF file is not compressed, so the file's size (bounded by the caller) bounds what xlrd
    holds; the cells are bounded by MAX_CELLS. Raises TableError for an encrypted or damaged file.
    """
    import xlrd
    from xlrd.biffh import XLRDError

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=io.StringIO())
    except XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise TableError(Text("table.xls_encrypted")) from None
        raise TableError(f"XLS: {exc}") from None
    except Exception as exc:  # xlrd raises many kinds on a damaged file
        raise TableError(f"XLS: {exc}") from None
    try:
        sheet = book.sheet_by_index(0)
        if sheet.nrows * max(1, sheet.ncols) > MAX_CELLS:
            raise TableError(Text("table.too_many_cells", limit=f"{MAX_CELLS:,}".replace(",", " ")))
        rows = [[_xls_value(cell, book.datemode) for cell in sheet.row(r)] for r in range(sheet.nrows)]
        hidden = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
        merged = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
    except TableError:
        raise
    except Exception as exc:  # a damaged sheet found while reading it
        raise TableError(f"XLS: {exc}") from None
    finally:
        book.release_resources()
    _fill_merged(rows, merged)
    return Sheet(rows, hidden)


def _xls_value(cell, datemode: int) -> object:
    """A BIFF cell's value as openpyxl would give the same cell of an XLSX."""
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() and abs(value) < 2 ** 53 else value
    if kind == xlrd.XL_CELL_DATE:
        try:
            if 0 <= value < 1:  # a time of day only
                return xlrd.xldate.xldate_as_datetime(value, datemode).time()
            return xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#ERR")
    return value


def _fill_merged(rows: list[list[object]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Put each merged range's top-left value in every one of its cells (in place); ``ranges``
    are (first row, first column, last row, last column), 1-based. TableError past MAX_CELLS."""
    width, filled = max((len(cells) for cells in rows), default=0), 0
    for first_row, first_col, last_row, last_col in ranges:
        if first_row > len(rows) or first_col > width:
            continue
        top_left = _cell(rows, first_row, first_col)
        for row in range(first_row, min(last_row, len(rows)) + 1):
            cells = rows[row - 1]
            cells.extend([None] * (width - len(cells)))
            for col in range(first_col, min(last_col, width) + 1):
                cells[col - 1] = top_left
                filled += 1
            if filled > MAX_CELLS:  # merged ranges over merged ranges: as costly as a table too large
                raise TableError(Text("table.too_many_cells", limit=f"{MAX_CELLS:,}".replace(",", " ")))


def check_zip(data: bytes) -> None:
    """Refuse an XLSX whose parts would unzip to too much, before anything is decompressed.

    The sizes are those the zip's directory declares; Python's zipfile never returns more than
    the declared size of a part, so openpyxl cannot be made to unzip more than is checked here.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError(f"XLSX: {exc}") from None
    if len(parts) > MAX_XLSX_PARTS:
        raise TableError(Text("table.too_many_parts", limit=MAX_XLSX_PARTS))
    if sum(part.file_size for part in parts) > MAX_XLSX_UNZIPPED:
        raise TableError(Text("table.too_large_unzipped", limit=human_size(MAX_XLSX_UNZIPPED)))


def bounded(rows) -> list[list[object]]:
    """``rows`` as lists, or TableError once more than MAX_CELLS cells have been read."""
    table, cells = [], 0
    for row in rows:
        cells += max(1, len(row))
        if cells > MAX_CELLS:
            raise TableError(Text("table.too_many_cells", limit=f"{MAX_CELLS:,}".replace(",", " ")))
        table.append(list(row))
    return table


def _cell(rows: list[list[object]], row: int, col: int) -> object:
    cells = rows[row - 1]
    return cells[col - 1] if col <= len(cells) else None


_ATTR = r'\b{}\s*=\s*"([^"]*)"'


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(_ATTR.format(name), tag)
    return found.group(1) if found else None


def _sheet_xml(data: bytes) -> str:
    """The XML of the first worksheet (as openpyxl takes it: the first ``sheet`` of the workbook
    that is a worksheet), or "" when the package does not say where it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())

        def part(name: str) -> str:
            return archive.read(name).decode("utf-8", "replace") if name in names else ""

        book = next((_attribute(tag, "Target") for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>",
                                                                        part("_rels/.rels"))
                     if (_attribute(tag, "Type") or "").endswith("/officeDocument")), None) or "xl/workbook.xml"
        book = book.lstrip("/")
        folder, base = posixpath.split(book)
        rels = part(posixpath.join(folder, "_rels", base + ".rels"))
        targets = {_attribute(tag, "Id"): _attribute(tag, "Target")
                   for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels)
                   if (_attribute(tag, "Type") or "").endswith("/worksheet")}
        for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", part(book)):
            target = targets.get(_attribute(tag, r"(?:\w+:)?id"))
            if target:
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                return part(path)
    return ""


def _merged(xml: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range, 1-based."""
    ranges = []
    for ref in re.findall(r'<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*"([A-Z]+\d+):([A-Z]+\d+)"', xml):
        (c1, r1), (c2, r2) = (_reference(ref[0]), _reference(ref[1]))
        ranges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    return ranges


def _reference(ref: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()  # type: ignore[union-attr]
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return column, int(digits)


def _hidden_rows(xml: str) -> set[int]:
    hidden = set()
    for tag in re.findall(r"<(?:\w+:)?row\b[^>]*>", xml):
        number, flag = _attribute(tag, "r"), _attribute(tag, "hidden")
        if number and number.isdigit() and flag in ("1", "true"):
            hidden.add(int(number))
    return hidden
