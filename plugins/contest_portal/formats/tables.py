"""Read and write the spreadsheets offices use (CSV, XLSX and the legacy XLS), with row numbers.

One reader for every table the tool takes in (the register for ``import-register``, the jury's
score sheets, the vote snapshot, the quiz results), made for tables as offices really keep them:

* headers are matched loosely, the way people type them (case, spaces, Vietnamese diacritics
  and punctuation do not matter, and each column may be known by several names: "Mã tác
  phẩm", "ma tac pham", "entry"), in any order, and the header row is found among the first
  ``HEADER_SEARCH_ROWS`` rows (a register starts with the unit's name, the national motto and
  a title, often merged across the columns);
* in an XLSX or a legacy Excel 97-2003 .xls, a merged cell counts in every cell it covers
  (``workbook.py``), hidden rows and empty rows are skipped; a file named .xls that is really
  an XLSX or tab-separated text (what web systems export) is read as what it is;
* a CSV's encoding is found among UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode
  Text", tab-separated, with a BOM) and Windows-1258 (charset-normalizer decides between the
  last ones), its separator among comma, semicolon and tab;
* text typed in the legacy encodings TCVN3 or VNI is converted to Unicode and said so
  (``Table.legacy``, which the caller reports as a warning naming the file): ``legacy.py``.

Reading is bounded: the file is a regular file of at most ``MAX_TABLE_BYTES``; an XLSX is
checked before openpyxl parses it (``workbook.check_zip``); a table stops being read at
``MAX_CELLS`` cells. Every refusal is a TableError, which the calling reader reports with its
own code (JUR007, RES003, REG001) and the file, row and column.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from contest_portal.core.atomic import replacing, write_atomic
from contest_portal.core.files import MAX_TABLE_BYTES, FileRefused, open_regular
from contest_portal.core.i18n import Text
from contest_portal.formats import legacy
from contest_portal.formats.layout import (
    HEADER_SEARCH_ROWS,
    Unread,
    choose_sheet,
    column_name,
    first_visible,
    footer_kind,
    header_row,
    header_score,
    sheets_until_found,
    unread_cells,
)
from contest_portal.formats.workbook import (
    MAX_CELLS,
    MAX_XLSX_PARTS,
    MAX_XLSX_UNZIPPED,
    OLE2_SIGNATURE,
    Sheet,
    TableError,
    bounded,
    iter_sheets,
    iter_sheets_xls,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_CELLS",
    "SHEET_SUFFIXES",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_UNZIPPED",
    "Row",
    "Table",
    "TableError",
    "csv_safe",
    "read_table",
    "write_csv",
    "write_xlsx",
    "xlsx_bytes",
]

#: The kinds of file a sheet the office fills may be (register, scores, votes, quiz), the
#: preferred first when one sheet exists in several: a workbook keeps merged cells and hidden
#: rows, the legacy .xls second, the CSV (an export of one of them) last.
SHEET_SUFFIXES = (".xlsx", ".xls", ".csv")


@dataclass
class Row:
    number: int  # as the spreadsheet shows it (row 1 is the sheet's first row)
    values: dict[str, object]
    extra: bool = False  # more non-empty cells than header columns

    def get(self, key: str, default: object = None) -> object:
        """The cell of column ``key`` (a canonical name), text stripped; ``default`` when the row has none."""
        value = self.values.get(key, default)
        return value.strip() if isinstance(value, str) else value


class Table(list[Row]):
    """The data rows of a table, with what the reader found out about the file.

    ``header_row``: the header's row number; ``headers``: canonical column name → the header as
    typed; ``columns``: canonical column name → its column number (A is 1); ``legacy``: "TCVN3"
    or "VNI" when the text was converted from that encoding (the caller reports it), else None;
    ``encoding``: the CSV's encoding (None for a workbook); ``sheet``: the name of the sheet read
    (None for a CSV) and ``other_sheet``: True when it is not ``first_sheet``, the sheet Excel
    opens on;
    ``skipped``: (row number, "total" or "signature") of the closing rows left out; ``unread``:
    the cells whose value cannot be known (their rows are left out of the table);
    ``unknown``: the headers typed that name no known column (column number → header).
    """

    header_row: int = 1
    headers: dict[str, str]
    columns: dict[str, int]
    legacy: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    other_sheet: bool = False
    first_sheet: str | None = None
    skipped: list[tuple[int, str]]
    unread: list[Unread]
    unknown: dict[int, str]


def read_table(
    path: Path,
    aliases: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...] = (),
    *,
    root: Path | None = None,
    labels: Mapping[str, object] | None = None,
) -> Table:
    """Rows keyed by canonical column name, below the header row, closing rows and rows with a
    cell that cannot be read left out (``Table.skipped``, ``Table.unread``).

    ``aliases`` maps each canonical name to the header keys that mean it (``header_key`` form).
    Unknown columns are kept under their own header key. ``root``: the folder the file must be
    inside after following links (default: the file's own folder). ``labels``: canonical name →
    what a message calls the column (a Text or str; default the canonical name). In a workbook
    the sheet read is the first whose header names every ``required`` column (``layout``). A
    file that cannot be read, is not a regular file, is over the limits, or has no row among the
    first ``HEADER_SEARCH_ROWS`` with every ``required`` column raises TableError (``detail``,
    and ``line`` / ``column`` where known).
    """
    try:
        data = open_regular(path, path.parent if root is None else root, max_bytes=MAX_TABLE_BYTES)
        sheets_read, encoding = _read_raw(path, data)
    except FileRefused as exc:
        problem = exc.problem
        raise TableError(Text(f"problem.{problem.code}.message", **problem.values)) from None
    except OSError as exc:
        raise TableError(exc.strerror or str(exc)) from None
    lookup = {alias: name for name, keys in aliases.items() for alias in (name, *keys)}
    prepared = sheets_until_found(sheets_read, lookup, required)
    chosen = choose_sheet(
        [(sheet, raw) for sheet, raw, _legacy in prepared], lambda raw: header_score(raw, lookup, required)
    )
    sheet, raw, converted = prepared[chosen]
    sheets = [sheet for sheet, _raw, _legacy in prepared]
    header_index = header_row(raw, lookup, required)
    header = [column_name(cell, lookup) for cell in raw[header_index]]
    table = Table()
    table.header_row, table.legacy, table.encoding = header_index + 1, converted, encoding
    table.sheet = sheet.name if encoding is None else None
    table.other_sheet = encoding is None and chosen != first_visible(sheets)
    table.first_sheet = sheets[first_visible(sheets)].name
    table.headers = {name: str(cell).strip() for name, cell in zip(header, raw[header_index]) if name}
    table.columns = {name: number for number, name in enumerate(header, start=1) if name}
    table.skipped, table.unread = [], []
    table.unknown = {
        number: str(cell).strip()
        for number, (name, cell) in enumerate(zip(header, raw[header_index]), 1)
        if name and name not in aliases
    }
    missing = [name for name in required if name not in header]
    if missing:
        names = ", ".join(str(labels.get(name, name)) if labels else name for name in missing)
        if len(sheets) > 1:
            raise TableError(
                Text("table.missing_columns_sheets", columns=names, sheets=", ".join(f"'{s.name}'" for s in sheets)),
                line=header_index + 1,
            )
        raise TableError(Text("table.missing_columns", columns=names), line=header_index + 1)
    required_columns = [header.index(name) for name in required]
    signed = False
    for index, cells in enumerate(raw[header_index + 1 :], start=header_index + 2):
        if index in sheet.hidden or all(_blank(cell) for cell in cells):
            continue
        closing = (
            "signature"
            if signed
            else footer_kind(cells, [cells[i] if i < len(cells) else None for i in required_columns])
        )
        if closing:
            signed = signed or closing == "signature"
            table.skipped.append((index, closing))
            continue
        unread = unread_cells(sheet, index, cells, header, set(aliases))
        if unread:
            table.unread += unread
            continue
        extra = any(not _blank(cell) for cell in cells[len(header) :])
        table.append(
            Row(index, {name: cells[i] if i < len(cells) else None for i, name in enumerate(header) if name}, extra)
        )
    return table


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _read_raw(path: Path, data: bytes) -> tuple[Iterator[Sheet], str | None]:
    """The sheets of ``data`` (the bytes of ``path``; a CSV is one sheet), read as they are asked
    for, and a CSV's encoding."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return iter_sheets(data), None
    if suffix == ".xls":
        # What offices call .xls: a real Excel 97-2003 workbook, an XLSX renamed, a web page or
        # SpreadsheetML that Excel opens (exports of web systems), or tab-separated text.
        if data.startswith(OLE2_SIGNATURE):
            return iter_sheets_xls(data), None
        if data.startswith(b"PK\x03\x04"):
            return iter_sheets(data), None
        if data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:1] == b"<":
            raise TableError(Text("table.xls_web_page"))
    if suffix in (".csv", ".txt", ".tsv", ".xls"):
        if data.startswith(b"PK\x03\x04"):
            raise TableError(Text("table.xlsx_named_csv"))
        text, encoding = _decode(data)
        delimiter = _delimiter(text)
        try:
            return iter([Sheet(bounded(csv.reader(io.StringIO(text), delimiter=delimiter)))]), encoding
        except csv.Error as exc:  # e.g. a cell longer than the csv module's field limit
            raise TableError(f"CSV: {exc}") from None
    raise TableError(Text("table.unsupported_type", suffix=suffix))


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV and its encoding's name, or TableError when it is none of those read.

    A BOM decides (UTF-8, UTF-16 LE/BE); else strict UTF-8 (if no byte is NUL); else Windows-1258 when its tone
    marks all follow vowels (``_windows_1258``); else text in TCVN3 or VNI (read as
    Windows-1252, converted by the caller); else charset-normalizer's best reading among
    Windows-1258 and UTF-16 without a BOM, which refuses bytes that read as noise in all of them
    (Windows-1258 alone would accept any bytes, so a wrong encoding would never fail).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError:
                raise TableError(Text("table.csv_encoding")) from None
    if b"\x00" not in data:  # (UTF-16 text without a BOM is valid UTF-8 too, a NUL every other byte)
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if _windows_1258(data):
        return unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258"
    western = data.decode("cp1252") if _cp1252_ok(data) else data.decode("latin-1")
    if legacy.detect(western.splitlines()):
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1258", "utf_16_le", "utf_16_be"]).best()
    if best is None:
        raise TableError(Text("table.csv_encoding"))
    return str(best), best.encoding


def decode_text(data: bytes) -> str:
    """A text file's bytes as Unicode NFC text, in the encodings a CSV is read in (``_decode``),
    text typed in TCVN3 or VNI converted; TableError when it is none of them."""
    text, encoding = _decode(data)
    converted = legacy.detect(text.splitlines()) if encoding == "cp1252" else None
    return unicodedata.normalize("NFC", legacy.convert(text, converted) if converted else text)


#: Windows-1258's five tone marks (combining characters: the code page has no toned letters) and
#: the vowels a tone sits on (a, e, i, o, u, y and â ê ô ă ơ ư); in Vietnamese every tone follows its vowel.
_CP1258_TONES = "".join(map(chr, (0x300, 0x301, 0x303, 0x309, 0x323)))
_CP1258_VOWELS = "aeiouy" + "".join(map(chr, (0xE2, 0xEA, 0xF4, 0x103, 0x1A1, 0x1B0)))
_CP1258_TONE = re.compile(f"[{_CP1258_TONES}]")
_CP1258_TONED = re.compile(f"(?i)[{_CP1258_VOWELS}][{_CP1258_TONES}]")


def _windows_1258(data: bytes) -> bool:
    """True when ``data`` reads as Vietnamese in Windows-1258: at least three tone marks, nearly
    all right after a vowel (TCVN3 or VNI bytes read this way put them after consonants and digits)."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    tones = len(_CP1258_TONE.findall(text))
    return tones >= 3 and len(_CP1258_TONED.findall(text)) >= 0.9 * tones


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines into the widest table, the
    width of a table being the most cells that at least two of its lines have (the header and a
    row; a width only one line has counts after any two lines share). A title row has one cell whichever is used, and
    the text of the lines under the table ("Cam Lộ, ngày 25 tháng 9 năm 2024", "(Ký, ghi rõ họ
    tên)") splits into a few cells at its commas but never as wide as the table."""
    sample = text[:8192].splitlines()[:40]
    best, best_width = ",", (0, 0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            widths = sorted((len(row) for row in csv.reader(sample, delimiter=delimiter) if len(row) > 1), reverse=True)
        except csv.Error:
            continue
        shared = [width for width in widths if widths.count(width) >= 2]
        # a width two lines share first, then how many lines have it ("8,5" splits a line or two
        # at a decimal comma, the table's lines all split at its separator), then the widest line
        width = (shared[0] if shared else 0, widths.count(shared[0]) if shared else 0, widths[0] if widths else 0)
        if width > best_width:
            best, best_width = delimiter, width
    return best


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """Write a UTF-8 CSV with a BOM (Excel then opens Vietnamese text correctly); returns ``path``.

    Every field is quoted (``csv.QUOTE_ALL``) and passed through ``csv_safe``, the header too (a
    criterion's name comes from contest data): no cell starts a formula whichever separator the
    reader splits on (see ``csv_safe``). Written atomically; raises OSError.
    """
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow([csv_safe(v) for v in header])
        writer.writerows([csv_safe(v) for v in row] for row in rows)
    return path


def csv_safe(value: object) -> object:
    """A cell value no spreadsheet runs as a formula, whichever separator it reads the CSV with.

    Rule (OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection, and
    ASVS 5.0 requirement 1.2.10): a field must not start with ``=``, ``+``, ``-``, ``@``, tab, CR
    or NUL, else it gets a leading apostrophe; and since "attackers could use [the field
    separator, ',' or ';', and quotes] to start a new cell and then have the dangerous character
    in the middle of the user input, but at the beginning of a cell", the same holds for every
    fragment of the text that a reader splitting on another separator would make a cell: after
    each ``,``, ``;``, tab, CR or LF, and any spaces or double quotes that follow it, an apostrophe
    is put before a ``=``, ``+``, ``-`` or ``@``. Excel with Vietnamese regional settings splits
    on ``;``: ``Một cửa;=1+1+cmd|' /C calc'!A0`` becomes ``Một cửa;'=1+1+cmd|' /C calc'!A0``,
    so its second cell starts with an apostrophe. Writers also quote every field
    (``csv.QUOTE_ALL``, as OWASP recommends), so a quote-aware reader keeps the text in one cell.

    Text without these characters is returned unchanged; numbers stay numbers (an int or float,
    a negative one too, is not text); None becomes "".
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r", "\0"):
        value = "'" + value
    # the start of the field (after spaces or quotes) and every fragment after a separator
    return re.sub(r"""((?:^|[,;\t\r\n])(?:[^\S\t\r\n]|")*)(?=[=+\-@])""", r"\1'", value)


def append_text_row(sheet: Any, row: Sequence[object]) -> None:
    """Append ``row`` to an openpyxl worksheet, every text cell kept text: openpyxl stores a string
    that starts with "=" as a formula, and titles and names come from contest data (a title typed
    "=HYPERLINK(…)" must never run in the office's Excel)."""
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def xlsx_bytes(
    header: list[str], rows: list[list[object]], title: str = "Sheet", dated: datetime | None = None
) -> bytes:
    """A one-sheet workbook with a bold header row and columns sized to their content.

    With ``dated`` the workbook's created and modified dates and the dates inside its zip are
    that moment instead of now: the same table gives the same bytes (a site rebuilt from the
    same data is identical, so deploys re-upload nothing).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_text_row(sheet, row)
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    if dated is not None:
        workbook.properties.created = dated
    workbook.save(buffer)  # (stamps the document's "modified" date with now)
    return buffer.getvalue() if dated is None else _redated(buffer.getvalue(), dated)


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _redated(workbook: bytes, dated: datetime) -> bytes:
    """The same workbook with one date everywhere: each zip member's date and the document's
    created and modified dates (docProps/core.xml, Office Open XML part 2 core properties).

    Only the zip format and the document's own XML are touched, never openpyxl's internals.
    """
    stamp = dated.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            info = zipfile.ZipInfo(member.filename, date_time=dated.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, content)
    return out.getvalue()


def write_xlsx(path: Path, header: list[str], rows: list[list[object]], title: str = "Sheet") -> Path:
    return write_atomic(path, xlsx_bytes(header, rows, title))
