"""Import the office's registration register (XLSX or CSV) into entry folders.

Accepted headers (any order, with or without diacritics, any letter case):

| column | accepted headers |
|---|---|
| entry id (optional) | Mã, Mã tác phẩm |
| title | Tên tác phẩm, Tác phẩm, Tiêu đề |
| authors | Họ và tên, Họ tên, Tác giả (several names separated by "," ";" or new lines) |
| position | Chức vụ |
| unit | Đơn vị, Cơ quan |
| video | Tệp video, Tên tệp, File |
| group | Tên nhóm, Nhóm |
| received | Ngày nhận, Thời gian nhận |
| address, phone, e-mail, ID | Địa chỉ; Số điện thoại, Điện thoại, SĐT; Email, Thư điện tử; CCCD, Số định danh |
| row number | STT (ignored) |

Each row becomes ``<contest>/<id>/entry.yml`` (public data) and ``private.yml``
(contact data).  Re-importing is idempotent: a row updates its own entry
(fields the register does not hold, such as a description or consent, are
kept), files are rewritten only when their content changes, nothing is ever
deleted, and every row with a problem is reported with its row number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from contest_portal.core.atomic import write_atomic
from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import Translator
from contest_portal.core.text import normalize_name, slugify
from contest_portal.core.values import SLUG_RE
from contest_portal.formats.discover import RESERVED_ENTRIES
from contest_portal.formats.tables import TableError, read_table
from contest_portal.model import ContestRecord

COLUMNS = {
    "id": ("ma", "ma_tac_pham", "ma_so"),
    "title": ("ten_tac_pham", "tac_pham", "tieu_de", "ten_video"),
    "authors": ("ho_va_ten", "ho_ten", "tac_gia", "ten_tac_gia"),
    "position": ("chuc_vu",),
    "unit": ("don_vi", "co_quan", "don_vi_cong_tac"),
    "video": ("tep_video", "ten_tep", "file", "tep", "file_video"),
    "group": ("ten_nhom", "nhom"),
    "received": ("ngay_nhan", "thoi_gian_nhan", "thoi_diem_nhan"),
    "address": ("dia_chi",),
    "phone": ("so_dien_thoai", "dien_thoai", "sdt", "so_dt"),
    "email": ("thu_dien_tu", "e_mail"),
    "id_number": ("cccd", "so_dinh_danh", "so_cccd", "cmnd"),
    "number": ("stt", "so_thu_tu"),
}
REQUIRED = ("title", "authors", "unit")
PUBLIC_FIELDS = ("title", "authors", "unit", "video", "group", "entrant", "received")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _split(value) -> list[str]:
    return [part.strip() for part in re.split(r"[;,\n]", str(value or "")) if part.strip()]


def _text(value, key: str) -> str:
    """Spreadsheets store phone and ID numbers as numbers and drop the leading zero: put it back."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    text = str(value or "").strip()
    if text.isdigit() and ((key == "phone" and len(text) == 9) or (key == "id_number" and len(text) == 11)):
        return "0" + text
    return text


def _match_unit(contest: ContestRecord, text: str) -> str | None:
    wanted = normalize_name(text)
    for unit in contest.spec.units:
        if wanted in (normalize_name(unit.name), unit.id) or slugify(text) == unit.id:
            return unit.id
    return None


def import_register(contest: ContestRecord, path: Path) -> ImportReport:
    report = ImportReport()
    where: dict[str, Any] = {"contest": contest.slug}
    try:
        rows = read_table(path, COLUMNS, required=REQUIRED)
    except TableError as exc:
        report.problems.append(Problem("REG001", Location(file=path, line=exc.line, **where), {"detail": exc.detail}))
        return report
    seen: dict[str, int] = {}
    for row in rows:
        location = Location(file=path, line=row.number, **where)
        title = str(row.get("title") or "").strip()
        names = _split(row.get("authors"))
        if not title or not names:
            report.problems.append(Problem("REG002", location, {"row": row.number}))
            continue
        unit = _match_unit(contest, str(row.get("unit") or ""))
        if contest.spec.units and unit is None:
            report.problems.append(Problem("REG003", location, {"unit": row.get("unit") or "–"}))
            continue
        entry_id = str(row.get("id") or "").strip() or slugify(title)[:48].strip("-")
        if not SLUG_RE.match(entry_id):
            entry_id = slugify(entry_id)
        if not SLUG_RE.match(entry_id) or entry_id in RESERVED_ENTRIES:
            # no folder name: the files would go into the contest folder itself (or a reserved one)
            report.problems.append(Problem("REG005", location, {
                "row": row.number, "title": title, "reserved": ", ".join(sorted(RESERVED_ENTRIES))}))
            continue
        if entry_id in seen:
            report.problems.append(Problem("REG004", location, {"entry": entry_id, "first": seen[entry_id]}))
            continue
        seen[entry_id] = row.number
        _write_entry(contest, entry_id, row, title, names, unit or slugify(str(row.get("unit"))), report)
    return report


def _write_entry(contest: ContestRecord, entry_id: str, row, title: str, names: list[str], unit: str,
                 report: ImportReport) -> None:
    folder = contest.folder / entry_id
    entry_file, private_file = folder / "entry.yml", folder / "private.yml"
    existing: dict = {}
    if entry_file.is_file():
        existing = yaml.safe_load(entry_file.read_text(encoding="utf-8")) or {}
    positions = _split(row.get("position"))
    authors = [{"name": name, **({"position": positions[i]} if i < len(positions) else {})}
               for i, name in enumerate(names)]
    public = {"title": title, "authors": authors, "unit": unit}
    if row.get("group"):
        public["group"] = str(row.get("group")).strip()
    public["entrant"] = "group" if len(names) > 1 or row.get("group") else "individual"
    if row.get("video"):
        public["video"] = str(row.get("video")).strip()
    if row.get("received"):
        received = row.get("received")
        public["received"] = received.strftime("%Y-%m-%d %H:%M") if hasattr(received, "strftime") else str(received)
    merged = {**existing, **public}  # fields the register does not hold (description, consent…) stay
    merged.setdefault("kind", "video")
    contacts = [{"name": name} for name in names]
    for key in ("phone", "email", "id_number"):
        for i, value in enumerate(_split(_text(row.get(key), key))[:len(contacts)]):
            contacts[i][key] = value
    if row.get("address"):
        contacts[0]["address"] = str(row.get("address")).strip()
    private = {"contacts": contacts}
    changed = _write_yaml(entry_file, merged, "../../../schemas/entry.schema.json")
    changed |= _write_yaml(private_file, private, "../../../schemas/private.schema.json",
                           f"# {Translator()('register.private_comment')}\n")
    bucket = report.created if not existing else (report.updated if changed else report.unchanged)
    bucket.append(entry_id)


def _write_yaml(path: Path, data: dict, schema: str, comment: str = "") -> bool:
    text = f"# yaml-language-server: $schema={schema}\n{comment}" + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True
