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
| consent | Đồng ý công bố (Có / Không, x) |
| state | Trạng thái (Đã nhận, Từ chối, Đã rút; received, refused, withdrawn) |
| received (Google Forms) | Dấu thời gian, Timestamp |
| row number | STT (ignored) |

The header may be below title rows and the cells merged, the list on another sheet, totals
and signatures under it (skipped and said: ``formats/tables.py``, ``formats/layout.py``); a
Google Forms export (one column per question, "Dấu thời gian" the time of the answer) imports
as it is. A column with an unknown header is named with the column it likely means (REG010);
a path typed for the video counts by its file name, a name Windows refuses is reported
(REG011), one file named by two rows in two letter cases too (REG012). Dates are read as ``validate`` reads them (day first, "16h30", Excel serials, date cells)
and written in ISO form; a value that cannot be read, or personal data in a public column (a
phone number typed as the title), is reported with its row and column and the row is left out.

Each row becomes ``<contest>/<id>/entry.yml`` (public data) and ``private.yml``
(contact data).  Re-importing is idempotent: a row updates its own entry, found by its id, its
title's folder, else the entry already holding its video file or (the only one) with its
authors and unit (so a corrected title updates the entry instead of making a second one). The
files are edited round trip (ruamel.yaml): comments and fields the register does not hold (a
description, links) are kept; files are rewritten only when their content changes, nothing is
ever deleted, and every row with a problem is reported with its row and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

import yaml
from openpyxl.utils import get_column_letter as column_letter  # 1 → A, 28 → AB
from ruamel.yaml.comments import CommentedMap

from contest_portal.core.errors import Location, Problem
from contest_portal.core.filenames import base_name, typed_name_refusal
from contest_portal.core.i18n import Text, Translator
from contest_portal.core.text import closest_name, fold, header_key, normalize_name, slugify, unit_key, unit_place_key
from contest_portal.core.values import SLUG_RE, Invalid, ascii_digits, cell_text, excel_moment
from contest_portal.formats.discover import RESERVED_ENTRIES
from contest_portal.formats.sheets import table_problems
from contest_portal.formats.tables import Row, Table, TableError, read_table
from contest_portal.model import ContestRecord
from contest_portal.office.roundtrip import load_document, write_document
from contest_portal.rules.privacy import find_personal_data

COLUMNS = {
    "id": ("ma", "ma_tac_pham", "ma_so"),
    "title": ("ten_tac_pham", "tac_pham", "tieu_de", "ten_video", "ten_tac_pham_du_thi"),
    "authors": ("ho_va_ten", "ho_ten", "tac_gia", "ten_tac_gia", "ho_va_ten_tac_gia", "ho_ten_tac_gia"),
    "position": ("chuc_vu",),
    "unit": ("don_vi", "co_quan", "don_vi_cong_tac", "co_quan_don_vi"),
    "video": ("tep_video", "ten_tep", "file", "tep", "file_video", "ten_tep_video"),
    "group": ("ten_nhom", "nhom"),
    "received": ("ngay_nhan", "thoi_gian_nhan", "thoi_diem_nhan", "dau_thoi_gian", "timestamp"),
    "address": ("dia_chi",),
    "phone": ("so_dien_thoai", "dien_thoai", "sdt", "so_dt", "so_dien_thoai_lien_he"),
    "email": ("thu_dien_tu", "e_mail", "dia_chi_email", "email_address", "dia_chi_thu_dien_tu"),
    "id_number": ("cccd", "so_dinh_danh", "so_cccd", "cmnd"),
    "consent": ("dong_y_cong_bo", "dong_y", "consent"),
    "state": ("trang_thai", "tinh_trang", "status"),
    "number": ("stt", "so_thu_tu"),
}
REQUIRED = ("title", "authors", "unit")
LABELS = {name: Text(f"register.column.{name}") for name in COLUMNS}
PUBLIC_TEXT = ("title", "authors", "group")  # published: no personal data may be typed there
# Answers of the consent and state columns, folded (no diacritics, lower case): input syntax.
CONSENT = {
    "co": True,
    "x": True,
    "dong y": True,
    "yes": True,
    "true": True,
    "1": True,
    "v": True,
    "khong": False,
    "khong dong y": False,
    "no": False,
    "false": False,
    "0": False,
}
STATES = {
    "received": "received",
    "da nhan": "received",
    "nhan": "received",
    "hop le": "received",
    "refused": "refused",
    "tu choi": "refused",
    "bi tu choi": "refused",
    "khong nhan": "refused",
    "loai": "refused",
    "withdrawn": "withdrawn",
    "rut": "withdrawn",
    "da rut": "withdrawn",
    "rut lai": "withdrawn",
    "xin rut": "withdrawn",
}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Plan:
    """One register row, read and checked, before it is written."""

    row: Row
    title: str
    names: list[str]
    unit: str
    public: dict[str, Any]
    slug: str = ""


def _split(value: object) -> list[str]:
    """The parts of a cell split at ";", "," or new lines, stripped, empty ones left out."""
    return [part.strip() for part in re.split(r"[;,\n]", str(value or "")) if part.strip()]


def _numbers(value: object) -> list[str]:
    """Phone or ID numbers of a cell, one per author: split at ";", "," or new lines, but digit
    groups written with separators ("0935,666,777", "0905.111.222", "0987 654 321") are one number."""
    parts = _split(value)
    if len(parts) > 1 and all(len(re.sub(r"\D", "", part)) < 6 for part in parts):
        parts = ["".join(parts)]  # groups of a few digits: one number written with commas
    return [re.sub(r"(?<=\d)[ .](?=\d)", "", part) for part in parts]


def _text(value: object, key: str) -> str:
    """Spreadsheets store phone and ID numbers as numbers and drop the leading zeros: put them
    back. A mobile number has 10 digits, the first a 0; a citizen ID (CCCD) 12, the first three
    the province's code, from 001 (Hà Nội): 10 or 11 digits are a CCCD that lost its zeros
    (9 digits are the old 9-digit ID, CMND, kept as typed)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    text = ascii_digits(str(value or "")).strip()
    if text.isdigit() and key == "phone" and len(text) == 9:
        return "0" + text
    if text.isdigit() and key == "id_number" and len(text) in (10, 11):
        return text.zfill(12)
    return text


def _match_unit(contest: ContestRecord, text: str) -> str | None:
    """The id of the contest's unit named ``text`` (by its name, however its tone marks are placed
    and its unit type abbreviated, or by its id; else the only unit of that place: "TT Cam Lộ"
    for "UBND thị trấn Cam Lộ"), or None."""
    wanted = unit_key(text)
    for unit in contest.spec.units:
        if wanted == unit_key(unit.name) or text.strip() == unit.id or slugify(text) == unit.id:
            return unit.id
    place = unit_place_key(text)
    same_place = [unit.id for unit in contest.spec.units if unit_place_key(unit.name) == place]
    return same_place[0] if len(same_place) == 1 else None


def import_register(contest: ContestRecord, path: Path) -> ImportReport:
    """Import the register ``path`` into ``contest``'s folder; every problem is in the report."""
    report = ImportReport()
    where: dict[str, Any] = {"contest": contest.slug}
    try:
        rows = read_table(path, COLUMNS, required=REQUIRED, labels=LABELS)
    except TableError as exc:
        report.problems.append(Problem("REG001", Location(file=path, line=exc.line, **where), {"detail": exc.detail}))
        return report
    report.problems += table_problems(rows, path, contest.slug)
    report.problems += _unknown_columns(rows, path, contest.slug)
    month_first = _month_first(rows, path, contest.slug, report)
    plans = [plan for row in rows if (plan := _plan(contest, path, row, report, rows.columns, month_first)) is not None]
    report.problems += _same_videos(plans, path, contest.slug)
    _choose_folders(contest, plans)
    seen: dict[str, int] = {}
    for plan in plans:
        location = Location(file=path, line=plan.row.number, **where)
        if not SLUG_RE.match(plan.slug) or plan.slug in RESERVED_ENTRIES:
            # no folder name: the files would go into the contest folder itself (or a reserved one)
            report.problems.append(
                Problem(
                    "REG005",
                    location,
                    {"row": plan.row.number, "title": plan.title, "reserved": ", ".join(sorted(RESERVED_ENTRIES))},
                )
            )
            continue
        if plan.slug in seen:
            report.problems.append(Problem("REG004", location, {"entry": plan.slug, "first": seen[plan.slug]}))
            continue
        seen[plan.slug] = plan.row.number
        _write_entry(contest, plan, report, location)
    return report


def _plan(
    contest: ContestRecord,
    path: Path,
    row: Row,
    report: ImportReport,
    columns: dict[str, int],
    month_first: bool = False,
) -> _Plan | None:
    """The row's public data, or None (and its problems reported, with the cell's column number
    where one cell is at fault) when the row cannot be imported."""
    location = Location(file=path, line=row.number, contest=contest.slug)
    title = str(row.get("title") or "").strip()
    names = _split(row.get("authors"))
    if not title or not names:
        report.problems.append(Problem("REG002", location, {"row": row.number}))
        return None
    for column in PUBLIC_TEXT:
        value = row.get(column)
        found = _personal_data(value)
        if found:
            report.problems.append(
                Problem(
                    "REG007",
                    Location(file=path, line=row.number, column=columns.get(column), contest=contest.slug),
                    {
                        "row": row.number,
                        "column": LABELS[column],
                        "what": Text(f"problem.pii.{found[0]}"),
                        "value": found[1],
                    },
                )
            )
            return None
    if contest.spec.units and not str(row.get("unit") or "").strip():
        # an empty cell (often a merged unit cell that a text export left empty): said as such
        report.problems.append(
            Problem(
                "REG009",
                Location(file=path, line=row.number, column=columns.get("unit"), contest=contest.slug),
                {"row": row.number, "column": LABELS["unit"]},
            )
        )
        return None
    unit = _match_unit(contest, str(row.get("unit") or ""))
    if contest.spec.units and unit is None:
        close = closest_name(str(row.get("unit") or ""), [u.name for u in contest.spec.units])
        report.problems.append(
            Problem(
                "REG003",
                location,
                {
                    "unit": row.get("unit") or "–",
                    "suggestion": Text("problem.did_you_mean", name=close) if close else "",
                },
            )
        )
        return None
    positions = _split(row.get("position"))
    public: dict[str, Any] = {
        "title": title,
        "authors": [
            {"name": name, **({"position": positions[i]} if i < len(positions) else {})} for i, name in enumerate(names)
        ],
        "unit": unit or slugify(str(row.get("unit"))),
    }
    if row.get("group"):
        public["group"] = str(row.get("group")).strip()
    public["entrant"] = "group" if len(names) > 1 or row.get("group") else "individual"
    if cell_text(row.get("video")):
        video = base_name(cell_text(row.get("video")))  # a path pasted from Explorer: its file name
        refusal = typed_name_refusal(cell_text(row.get("video")))
        if refusal is not None:
            report.problems.append(
                Problem(
                    "REG011",
                    Location(file=path, line=row.number, column=columns.get("video"), contest=contest.slug),
                    {
                        "row": row.number,
                        "column": LABELS["video"],
                        "name": cell_text(row.get("video")),
                        "reason": refusal,
                    },
                )
            )
            return None
        public["video"] = video
    try:
        public.update(_read_values(row, month_first))
    except _Unreadable as exc:
        cell = Location(file=path, line=row.number, column=columns.get(exc.column), contest=contest.slug)
        report.problems.append(
            Problem(
                "REG006",
                cell,
                {"row": row.number, "column": LABELS[exc.column], "value": exc.value, "reason": exc.reason},
            )
        )
        return None
    return _Plan(row, title, names, public["unit"], public, cell_text(row.get("id")))


class _Unreadable(Exception):
    def __init__(self, column: str, value: object, reason: object):
        super().__init__(column)
        self.column, self.value, self.reason = column, value, reason


def _unknown_columns(table: Table, path: Path, contest: str) -> list[Problem]:
    """REG010 for each column whose header names no register column (its cells are not
    imported), with the known column it most likely means."""
    problems = []
    for number, header in table.unknown.items():
        close = _closest_column(header, {name for name in table.headers if name in COLUMNS})
        problems.append(
            Problem(
                "REG010",
                Location(file=path, line=table.header_row, column=number, contest=contest),
                {
                    "header": header,
                    "letter": column_letter(number),
                    "suggestion": Text("problem.did_you_mean", name=LABELS[close]) if close else "",
                },
            )
        )
    return problems


def _closest_column(header: str, present: set[str]) -> str | None:
    """The register column a header most likely means, of those not in the sheet already: the one
    with an accepted header whose words are all in it ("Tên file" holds "file"), the longest
    such; else the one with the accepted header most like it (difflib ratio 0.6 or more)."""
    import difflib

    words = set(header_key(header).split("_"))
    candidates = [
        (alias, name)
        for name, aliases in COLUMNS.items()
        if name not in present and name != "number"
        for alias in (name, *aliases)
    ]
    within = [(len(alias), name) for alias, name in candidates if set(alias.split("_")) <= words]
    if within:
        return max(within)[1]
    found = difflib.get_close_matches(header_key(header), [alias for alias, _ in candidates], n=1, cutoff=0.6)
    return dict(candidates)[found[0]] if found else None


def _same_videos(plans: list[_Plan], path: Path, contest: str) -> list[Problem]:
    """REG012 for a row naming the same video file as an earlier row, letter case aside (one
    file on Windows, and intake could not tell which entry it is for)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for plan in plans:
        video = str(plan.public.get("video") or "")
        if not video:
            continue
        key = unicodedata.normalize("NFC", video).casefold()
        if key in seen:
            problems.append(
                Problem(
                    "REG012",
                    Location(file=path, line=plan.row.number, contest=contest),
                    {"row": plan.row.number, "name": video, "first": seen[key]},
                )
            )
        else:
            seen[key] = plan.row.number
    return problems


#: A date typed as numbers: day or month, month or day, year (then anything: the time).
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})([/.-]\d{4}\b.*)$", re.DOTALL)


def _month_first(table: Table, path: Path, contest: str, report: ImportReport) -> bool:
    """Whether the received column's dates are written month first (9/26/2024, what a Google
    Forms or Excel export in a US locale writes), which day-first reading (Decree 30/2020:
    day, month, year) would misread silently whenever the day is 12 or less. The column is
    month first when some date's second number is above 12 and no date's first number is;
    that is said (REG013, naming the row that shows it)."""
    second_above, first_above = None, False
    for row in table:
        found = _NUMERIC_DATE.match(str(row.get("received") or ""))
        if not found:
            continue
        first_above |= int(found[1]) > 12
        if int(found[3]) > 12 and second_above is None:
            second_above = row
    if second_above is None or first_above:
        return False
    report.problems.append(
        Problem(
            "REG013",
            Location(file=path, line=second_above.number, column=table.columns.get("received"), contest=contest),
            {"column": table.headers.get("received", ""), "value": str(second_above.get("received"))},
        )
    )
    return True


def _read_values(row: Row, month_first: bool = False) -> dict[str, Any]:
    """The received time, consent and state of a row as entry.yml holds them; _Unreadable if not.
    ``month_first``: the received column's dates are written month first (``_month_first``)."""
    values: dict[str, Any] = {}
    received = row.get("received")
    if month_first and isinstance(received, str) and (found := _NUMERIC_DATE.match(received)):
        received = f"{found[3]}{found[2]}{found[1]}{found[4]}"
    if isinstance(received, datetime) and received.time() == time(0):
        received = received.date()  # an Excel date cell without an hour: a date, not 00:00 of it
    if received not in (None, ""):
        try:
            values["received"] = excel_moment(received).text
        except Invalid as exc:
            raise _Unreadable("received", received, exc.text) from None
    consent = row.get("consent")
    if consent not in (None, ""):
        answer = CONSENT.get(fold(str(consent)).strip(" .")) if not isinstance(consent, bool) else consent
        if answer is None:
            raise _Unreadable("consent", consent, Text("register.consent_values"))
        values["consent"] = answer
    state = row.get("state")
    if state not in (None, ""):
        if fold(str(state)).strip(" .") not in STATES:
            raise _Unreadable("state", state, Text("register.state_values"))
        values["state"] = STATES[fold(str(state)).strip(" .")]
    return values


def _personal_data(value: object) -> tuple[str, str] | None:
    """(kind, masked value) of personal data in a public cell: a number cell (a phone or ID number
    typed as a number) or text in which the privacy scan finds a phone, e-mail or ID number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = _text(value, "phone")
    found = find_personal_data(ascii_digits(str(value or "")))
    return (found[0].kind, found[0].masked) if found else None


def _choose_folders(contest: ContestRecord, plans: list[_Plan]) -> None:
    """Each plan's entry folder: its id; else its title's slug when that folder exists; else the
    existing entry with its video file, or the only existing one with its authors and unit
    (re-importing a register whose titles were corrected updates those entries); else a new one."""
    existing = _existing_entries(contest)
    for plan in plans:
        if not plan.slug:
            plan.slug = slugify(plan.title, max_length=48)
        elif not SLUG_RE.match(plan.slug):
            plan.slug = slugify(plan.slug)
    claimed = {plan.slug for plan in plans}
    for plan in plans:
        if cell_text(plan.row.get("id")) or plan.slug in existing:
            continue
        free = {slug: data for slug, data in existing.items() if slug not in claimed}
        video = str(plan.public.get("video") or "").casefold()
        by_video = [slug for slug, data in free.items() if video and str(data.get("video") or "").casefold() == video]
        people = _people_key(plan.names, plan.unit)
        by_people = [
            slug
            for slug, data in free.items()
            if _people_key(
                [str(a.get("name", "")) for a in data.get("authors") or [] if isinstance(a, dict)],
                str(data.get("unit") or ""),
            )
            == people
        ]
        found = by_video if len(by_video) == 1 else by_people if len(by_people) == 1 else []
        if found:
            claimed.discard(plan.slug)
            plan.slug = found[0]
            claimed.add(plan.slug)


def _people_key(names: list[str], unit: str) -> tuple[tuple[str, ...], str]:
    return tuple(sorted(normalize_name(n) for n in names)), unit


def _existing_entries(contest: ContestRecord) -> dict[str, dict[str, Any]]:
    """Folder name → the data of each entry.yml already in the contest folder (unreadable ones skipped)."""
    found: dict[str, dict[str, Any]] = {}
    for entry_file in sorted(contest.folder.glob("*/entry.yml")):
        try:
            data = yaml.safe_load(entry_file.read_text(encoding="utf-8"))
        # (PyYAML raises ValueError for an impossible date, "2024-13-45", and RecursionError for deep
        # nesting; a bad encoding is a UnicodeDecodeError, a ValueError too)
        except (OSError, ValueError, RecursionError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            found[entry_file.parent.name] = data
    return found


def _write_entry(contest: ContestRecord, plan: _Plan, report: ImportReport, location: Location) -> None:
    folder = contest.folder / plan.slug
    entry_file, private_file = folder / "entry.yml", folder / "private.yml"
    existed = entry_file.is_file()
    entry, private = load_document(entry_file), load_document(private_file)
    if entry is None or private is None:
        report.problems.append(
            Problem(
                "REG008",
                location,
                {"file": (entry_file if entry is None else private_file).relative_to(contest.folder.parent)},
            )
        )
        return
    public = dict(plan.public)
    consent = public.pop("consent", None)
    for key, value in public.items():
        if key == "authors":
            _update_list(entry, key, value)
        else:
            entry[key] = value
    if consent is not None:
        if not isinstance(entry.get("consent"), dict):
            entry["consent"] = CommentedMap()
        entry["consent"]["publication"] = consent
    entry.setdefault("kind", "video")
    contacts = [{"name": name} for name in plan.names]
    for key in ("phone", "email", "id_number"):
        text = _text(plan.row.get(key), key)
        values = _split(text) if key == "email" else _numbers(text)
        for i, value in enumerate(values[: len(contacts)]):
            contacts[i][key] = value
    if plan.row.get("address"):
        contacts[0]["address"] = str(plan.row.get("address")).strip()
    _update_list(private, "contacts", contacts)
    changed = write_document(entry_file, entry, "../../../schemas/entry.schema.json")
    changed |= write_document(
        private_file, private, "../../../schemas/private.schema.json", f"# {Translator()('register.private_comment')}\n"
    )
    bucket = report.created if not existed else (report.updated if changed else report.unchanged)
    bucket.append(plan.slug)


def _update_list(document: CommentedMap, key: str, items: list[dict[str, Any]]) -> None:
    """Set ``document[key]`` to ``items``; an item already there for the same name keeps its other
    fields (a hand-added author's role, a contact's birth date) and its comments."""
    old = document.get(key)
    old_items = (
        {normalize_name(str(item.get("name", ""))): item for item in old or [] if isinstance(item, dict)}
        if isinstance(old, list)
        else {}
    )
    merged: list[dict[str, Any]] = []
    for item in items:
        kept = old_items.get(normalize_name(item["name"]))
        if kept is None:
            merged.append(CommentedMap(item))
            continue
        for name, value in item.items():
            kept[name] = value
        merged.append(kept)
    if isinstance(old, list) and len(old) == len(merged):
        old[:] = merged
    else:
        document[key] = merged
