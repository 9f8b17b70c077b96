"""Read and write the spreadsheets offices use (CSV and XLSX), with row numbers.

Headers are matched loosely, the way people type them: case, spaces,
Vietnamese diacritics and punctuation do not matter, and each column may be
known by several names ("Mã tác phẩm", "ma tac pham", "entry").

Reading is bounded: the file is a regular file of at most ``MAX_TABLE_BYTES``; an XLSX (a zip)
is refused before openpyxl parses it when its parts would unzip to more than
``MAX_XLSX_UNZIPPED`` bytes or number more than ``MAX_XLSX_PARTS``; a table stops being read at
``MAX_CELLS`` cells. Every refusal is a TableError, which the calling reader reports with its
own code (JUR007, RES003, REG001) and the file.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from contest_portal.core.atomic import replacing, write_atomic
from contest_portal.core.files import MAX_TABLE_BYTES, FileRefused, human_size, open_regular
from contest_portal.core.i18n import Text
from contest_portal.core.text import header_key

#: Limits of one spreadsheet (besides ``MAX_TABLE_BYTES`` for the file): the total size of an
#: XLSX's parts once unzipped (bytes), their number, and the cells of a table (rows x columns as
#: read, empty cells included; an empty row counts as one). A province's quiz of 50,000 people in
#: 5 columns is 250,000 cells.
MAX_XLSX_UNZIPPED = 50_000_000
MAX_XLSX_PARTS = 1_000
MAX_CELLS = 500_000


@dataclass
class Row:
    number: int          # as the spreadsheet shows it (the header is row 1)
    values: dict[str, object]
    extra: bool = False  # more non-empty cells than header columns

    def get(self, key: str, default=None):
        value = self.values.get(key, default)
        return value.strip() if isinstance(value, str) else value


class TableError(Exception):
    def __init__(self, detail: str | Text, line: int | None = None):
        super().__init__(detail)
        self.detail = detail
        self.line = line


def read_table(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...] = (),
               *, root: Path | None = None) -> list[Row]:
    """Rows keyed by canonical column name.

    ``aliases`` maps each canonical name to the header keys that mean it.  Unknown columns are
    kept under their own header key.  ``root``: the folder the file must be inside after
    following links (default: the file's own folder). A file that cannot be read, is not a
    regular file, is over the limits of this module, or whose header lacks one of the
    ``required`` columns, raises TableError (``detail`` a Text or str, ``line`` or None).
    """
    try:
        data = open_regular(path, path.parent if root is None else root, max_bytes=MAX_TABLE_BYTES)
        raw = _read_raw(path, data)
    except FileRefused as exc:
        problem = exc.problem
        raise TableError(Text(f"problem.{problem.code}.message", **problem.values)) from None
    except OSError as exc:
        raise TableError(exc.strerror or str(exc)) from None
    if not raw:
        raw = [[]]
    lookup = {alias: name for name, keys in aliases.items() for alias in (name, *keys)}
    header = [lookup.get(header_key(cell), header_key(cell)) for cell in raw[0]]
    rows = []
    for index, cells in enumerate(raw[1:], start=2):
        if all(cell in (None, "") for cell in cells):
            continue
        extra = any(cell not in (None, "") for cell in cells[len(header):])
        rows.append(Row(index, {name: cells[i] if i < len(cells) else None
                                for i, name in enumerate(header) if name}, extra))
    missing = [name for name in required if name not in header]
    if missing:
        raise TableError(Text("table.missing_columns", columns=", ".join(missing)), line=1)
    return rows


def _read_raw(path: Path, data: bytes) -> list[list[object]]:
    """The cells of the first sheet of ``data`` (the bytes of ``path``), row by row."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        _check_zip(data)
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise TableError(f"XLSX: {exc}") from None
        try:
            return _bounded(workbook.worksheets[0].iter_rows(values_only=True))
        except TableError:
            raise
        except Exception as exc:  # a damaged sheet found while reading it
            raise TableError(f"XLSX: {exc}") from None
        finally:
            workbook.close()
    if suffix == ".csv":
        if data.startswith(b"PK\x03\x04"):
            raise TableError(Text("table.xlsx_named_csv"))
        text = None
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                text = unicodedata.normalize("NFC", data.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise TableError(Text("table.csv_encoding"))
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            return _bounded(csv.reader(io.StringIO(text), dialect))
        except csv.Error as exc:  # e.g. a cell longer than the csv module's field limit
            raise TableError(f"CSV: {exc}") from None
    raise TableError(Text("table.unsupported_type", suffix=suffix))


def _check_zip(data: bytes) -> None:
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


def _bounded(rows) -> list[list[object]]:
    """``rows`` as lists, or TableError once more than MAX_CELLS cells have been read."""
    table, cells = [], 0
    for row in rows:
        cells += max(1, len(row))
        if cells > MAX_CELLS:
            raise TableError(Text("table.too_many_cells", limit=f"{MAX_CELLS:,}".replace(",", " ")))
        table.append(list(row))
    return table


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


def xlsx_bytes(header: list[str], rows: list[list[object]], title: str = "Sheet",
               dated: datetime | None = None) -> bytes:
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
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text from contest data is never a formula
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
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
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
