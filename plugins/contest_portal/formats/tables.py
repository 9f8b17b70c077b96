"""Read and write the spreadsheets offices use (CSV and XLSX), with row numbers.

Headers are matched loosely, the way people type them: case, spaces,
Vietnamese diacritics and punctuation do not matter, and each column may be
known by several names ("Mã tác phẩm", "ma tac pham", "entry").
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
from contest_portal.core.i18n import Text
from contest_portal.core.text import header_key



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


def read_table(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...] = ()) -> list[Row]:
    """Rows keyed by canonical column name.

    ``aliases`` maps each canonical name to the header keys that mean it.  Unknown columns are
    kept under their own header key.  A file that cannot be read, or whose header lacks one of
    the ``required`` columns, raises TableError.
    """
    try:
        raw = _read_raw(path)
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


def _read_raw(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise TableError(f"XLSX: {exc}") from None
        try:
            sheet = workbook.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    if suffix == ".csv":
        data = path.read_bytes()
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
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    raise TableError(Text("table.unsupported_type", suffix=suffix))


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)  # (the BOM: Excel opens UTF-8 correctly)
        writer.writerow(header)
        writer.writerows([csv_safe(v) for v in row] for row in rows)
    return path


def csv_safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


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
