"""The sheets of an XLSX or XLS as an office sees them: values, merged cells filled, hidden
rows known, each sheet's name and whether it is hidden, and the formulas with no stored value.

openpyxl reads the cells (read-only mode: rows streamed, memory bounded by ``MAX_CELLS``); its
read-only mode knows neither merged ranges nor hidden rows, nor which formula cells hold no
value (it gives None for them, as for an empty cell), so those are read here from the sheet's
own XML with the standard library's ``iterparse`` (ECMA-376 part 1: 18.3.1.55 ``mergeCell``,
18.3.1.73 ``row/@hidden``, 18.3.1.4 ``c`` with its ``f`` formula and ``v`` value; the ``v`` of a
formula is the value the last program that calculated it stored; tools that write workbooks
without calculating, openpyxl itself and many report generators, leave it out or empty).
The zip is checked before anything is decompressed. Every failure is a TableError.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, ParseError, iterparse

from contest_portal.core.files import human_size
from contest_portal.core.i18n import Text

if TYPE_CHECKING:
    from xlrd.sheet import Cell

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
    """One worksheet: cells row by row (row 1 first, as the spreadsheet numbers them), the rows
    hidden in it, its name, whether the sheet itself is hidden, and its formula cells that hold
    no stored value ((row, column), 1-based → the formula as typed, without "=")."""

    rows: list[list[object]]
    hidden: set[int] = field(default_factory=set)
    name: str = ""
    visible: bool = True
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)


def iter_sheets(data: bytes) -> Iterator[Sheet]:
    """The worksheets of the workbook ``data``, read one by one as they are asked for, in the
    workbook's order (chart sheets left out); every merged range holds its top-left value in
    each of its cells (a unit's name merged over five rows belongs to each of them). TableError
    past MAX_CELLS cells in the sheets read, or when the workbook has no worksheet."""
    from openpyxl import load_workbook

    check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    # a blind except on purpose: openpyxl raises whatever a damaged part leads to (lxml's XMLSyntaxError,
    # ParseError, OSError, ValueError, KeyError for a missing part... seen on damaged files); every one of
    # them is the office's damaged file, a TableError, never a traceback
    except Exception as exc:  # noqa: BLE001
        raise TableError(f"XLSX: {exc}") from None
    count, budget = 0, MAX_CELLS
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = _sheet_parts(archive)
            for worksheet in workbook.worksheets:
                # the used range the file declares (<dimension>) is wrong in files some programs
                # write ("A1", or LibreOffice's 65,536 rows), and read-only mode would read only that
                # range (openpyxl, "Optimised Modes: Worksheet dimensions"): read every row written
                worksheet.reset_dimensions()
                rows = bounded(worksheet.iter_rows(values_only=True), budget)
                budget -= sum(max(1, len(cells)) for cells in rows)
                layout = _layout(archive, parts.get(worksheet.title))
                _fill_merged(rows, layout.merged)
                _spread_uncached(layout, len(rows), max((len(cells) for cells in rows), default=0))
                count += 1
                yield Sheet(rows, layout.hidden, worksheet.title, worksheet.sheet_state == "visible", layout.uncached)
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001  # a damaged sheet found while reading it (as above)
        raise TableError(f"XLSX: {exc}") from None
    finally:
        workbook.close()
    if not count:
        raise TableError("XLSX: no worksheet")


#: The first bytes of an OLE2 compound file, the container of a BIFF (.xls) workbook.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def iter_sheets_xls(data: bytes) -> Iterator[Sheet]:
    """The worksheets, read as they are asked for, of a legacy Excel 97–2003 workbook (BIFF8 in an OLE2 file, also BIFF5
    of Excel 95), read by xlrd, as ``iter_sheets`` gives an XLSX's: merged cells filled, hidden
    rows and hidden sheets known, date cells as ``datetime`` (a time-only cell as ``time``), whole
    numbers as ``int`` (as openpyxl gives them), booleans as ``bool``, error cells as their text
    ("#N/A"). A BIFF formula cell always holds its last result, so none is ``uncached``.

    A BIFF file is not compressed, so the file's size (bounded by the caller) bounds what xlrd
    holds; the cells are bounded by MAX_CELLS. Raises TableError for an encrypted or damaged file.
    """
    import xlrd
    from xlrd.biffh import XLRDError

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    except XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise TableError(Text("table.xls_encrypted")) from None
        raise TableError(f"XLS: {exc}") from None
    # blind on purpose, as for openpyxl above: beside XLRDError, xlrd raises whatever a damaged BIFF
    # record leads to (CompDocError, struct.error, IndexError, KeyError, AssertionError... seen on damaged
    # files): the office's damaged file
    except Exception as exc:  # noqa: BLE001
        raise TableError(f"XLS: {exc}") from None
    budget = MAX_CELLS
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            budget -= sheet.nrows * max(1, sheet.ncols)
            if budget < 0:
                raise TableError(Text("table.too_many_cells", limit=f"{MAX_CELLS:,}".replace(",", " ")))
            rows = [[_xls_value(cell, book.datemode) for cell in sheet.row(r)] for r in range(sheet.nrows)]
            hidden = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
            _fill_merged(rows, [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells])
            yield Sheet(rows, hidden, sheet.name, sheet.visibility == 0)
    except TableError:
        raise
    except Exception as exc:  # noqa: BLE001  # a damaged sheet found while reading it (as above)
        raise TableError(f"XLS: {exc}") from None
    finally:
        book.release_resources()
    if not book.nsheets:
        raise TableError("XLS: no worksheet")


def _xls_value(cell: Cell, datemode: int) -> object:
    """A BIFF cell's value as openpyxl would give the same cell of an XLSX."""
    import xlrd

    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
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


def _spread_uncached(layout: _Layout, height: int, width: int) -> None:
    """A merged range whose top-left cell is a formula without a stored value cannot be read in
    any of its cells (``_fill_merged`` gave them all its None): mark them all so (in place), as
    far as the sheet's ``height`` rows and ``width`` columns (``_fill_merged`` bounded those)."""
    for first_row, first_col, last_row, last_col in layout.merged:
        formula = layout.uncached.get((first_row, first_col))
        if formula is None:
            continue
        for row in range(first_row, min(last_row, height) + 1):
            for col in range(first_col, min(last_col, width) + 1):
                layout.uncached.setdefault((row, col), formula)


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


def bounded(rows: Iterable[Sequence[object]], limit: int = MAX_CELLS) -> list[list[object]]:
    """``rows`` (sequences of cell values) as lists, or TableError once more than ``limit`` cells have been read."""
    table: list[list[object]] = []
    cells = 0
    for row in rows:
        cells += max(1, len(row))
        if cells > limit:
            raise TableError(Text("table.too_many_cells", limit=f"{MAX_CELLS:,}".replace(",", " ")))
        table.append(list(row))
    return table


def _cell(rows: list[list[object]], row: int, col: int) -> object:
    cells = rows[row - 1]
    return cells[col - 1] if col <= len(cells) else None


def _local(tag: str) -> str:
    """An XML element's or attribute's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _attributes(element: Element) -> dict[str, str]:
    return {_local(name): value for name, value in element.attrib.items()}


def _elements(archive: zipfile.ZipFile, name: str, wanted: str) -> Iterator[Element]:
    """The elements named ``wanted`` (any namespace) of the part ``name`` (none when it is absent)."""
    if name not in archive.namelist():
        return
    with archive.open(name) as source:
        for _event, element in iterparse(source):
            if _local(element.tag) == wanted:
                yield element


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name → the path of its XML part in the package (OPC relationships: the
    package's ``_rels/.rels`` names the workbook part, the workbook's own rels each sheet's)."""
    book = next(
        (
            attrs["Target"]
            for element in _elements(archive, "_rels/.rels", "Relationship")
            if (attrs := _attributes(element)).get("Type", "").endswith("/officeDocument")
        ),
        "xl/workbook.xml",
    ).lstrip("/")
    folder, base = posixpath.split(book)
    targets = {
        attrs.get("Id"): attrs.get("Target", "")
        for element in _elements(archive, posixpath.join(folder, "_rels", base + ".rels"), "Relationship")
        if (attrs := _attributes(element)).get("Type", "").endswith("/worksheet")
    }
    parts = {}
    for element in _elements(archive, book, "sheet"):
        attrs = _attributes(element)
        target = targets.get(attrs.get("id"))
        if target:
            parts[attrs.get("name", "")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            )
    return parts


@dataclass
class _Layout:
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (first row, first col, last row, last col)
    hidden: set[int] = field(default_factory=set)
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)


def _layout(archive: zipfile.ZipFile, part: str | None) -> _Layout:
    """What openpyxl's read-only mode does not give of the sheet part ``part``: merged ranges,
    hidden rows, formula cells without a stored value. Streamed (``iterparse``), each row's
    elements cleared once read, so memory stays small whatever the sheet's size."""
    layout = _Layout()
    if part is None or part not in archive.namelist():
        return layout
    row_number, column = 0, 0
    try:
        with archive.open(part) as source:
            for _event, element in iterparse(source):
                name = _local(element.tag)
                if name == "c":
                    ref = element.get("r")
                    column = _reference(ref)[0] if ref else column + 1
                    children = {_local(child.tag): child for child in element}
                    # no stored value: no ``v``, or an empty one where only text may be empty
                    # (a formula whose result is "" is stored as t="str" with an empty ``v``;
                    # openpyxl writes an empty ``v`` in a number cell for every formula)
                    stored = children.get("v")
                    if "f" in children and (stored is None or (not stored.text and element.get("t") != "str")):
                        layout.uncached[(row_number + 1, column)] = (children["f"].text or "").strip()
                elif name == "row":
                    number = element.get("r")
                    row_number = int(number) if number and number.isdigit() else row_number + 1
                    if element.get("hidden") in ("1", "true"):
                        layout.hidden.add(row_number)
                    column = 0
                    element.clear()
                elif name == "mergeCell" and element.get("ref", "").count(":") == 1:
                    (c1, r1), (c2, r2) = (_reference(ref) for ref in element.get("ref", "").split(":"))
                    layout.merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    except (ParseError, ValueError) as exc:
        raise TableError(f"XLSX: {exc}") from None
    return layout


def _reference(ref: str) -> tuple[int, int]:
    """(column, row) of a cell reference such as "AB12" (ValueError when it is not one)."""
    letters = ref.rstrip("0123456789").upper()
    digits = ref[len(letters) :]
    if not letters or not letters.isalpha() or not letters.isascii() or not digits:
        raise ValueError(f"cell reference {ref!r}")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return column, int(digits)
