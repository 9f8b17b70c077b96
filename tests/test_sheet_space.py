"""The register channel's whole space (issue 30, "Spreadsheets"): registers drawn across format
(XLSX, XLS, CSV in UTF-8, UTF-16, Windows-1258 with "," ";" or tab), sheet position (first,
after a cover sheet, after a hidden first sheet holding last year's list), layout (title rows,
the header on rows 1-20, merged title cells, a unit merged over its rows, columns in any order, closing rows: a total, the
signature block and the signed names), cell types (text, numbers, date and date-time cells,
dates typed, Excel serials, formulas with no stored value), numbers Excel mangles (an ID without its leading zero, one in scientific notation with
either decimal mark), an unknown header ("Tên file"), paths typed for a file name, and a
workbook declaring a wrong used range (``<dimension ref="A1">``), headers with a note in
brackets ("Đơn vị (*)").

Invariant: every row a person would call an entry is imported with exactly the values the
sheet shows, or gets a coded problem naming its row and column; closing rows are skipped and
said (TAB005); nothing is written from a cell that could not be read.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import xlwt
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from contest_portal.office.register import import_register
from contest_portal.pipeline import load_portal

from .conftest import MINIMAL_CONTEST, ContestTree

#: Examples per run: few in CI; ``bench/sheet_space.py`` runs many (SHEET_SPACE_EXAMPLES).
SETTINGS = settings(
    max_examples=int(os.environ.get("SHEET_SPACE_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
FEW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# (title, the folder the register makes of it, worked out by hand), author, video file name
WORKS = [
    ("Một cửa liên thông", "mot-cua-lien-thong", "Nguyễn Thị Thuỷ", "Tài khoản định danh.mp4"),
    ("Dịch vụ công trực tuyến", "dich-vu-cong-truc-tuyen", "Lê Văn Khoẻ", "Dịch vụ công.mp4"),
    ("Chuyển đổi số ở xã", "chuyen-doi-so-o-xa", "Hồ Thị Uỷ", "chuyen doi so.MP4"),
]
UNITS = [("UBND xã A", "xa-a"), ("UBND xã B", "xa-b")]
# 12-digit citizen ID numbers (CCCD); as a number the leading zero is gone
IDS = ["045678901234", "001234567890", "079123456789"]
# what a person pastes for a file name, {} being the name
PATHS = ["{}", "D:\\VIDEO DU THI\\{}", "\\\\may-chu\\chung\\{}", '"Video/{}"', "{}. ", "  {}"]
COLUMNS = ["STT", "Tên tác phẩm", "Họ và tên", "Đơn vị", "Tệp video", "CCCD", "Chức vụ", "Ngày nhận", "Trạng thái"]
# the received cell as each kind of sheet holds it, and what entry.yml must say (worked out by
# hand: Excel's serial 45561 is 26/09/2024); a date without an hour stays a date
RECEIVED: dict[str, list[tuple[object, str]]] = {
    "text": [
        ("26/9/2024", "2024-09-26"),
        ("16h30 ngày 26/09/2024", "2024-09-26 16:30"),
        ("26/09/2024 08:05", "2024-09-26 08:05"),
    ],
    "cell": [
        (date(2024, 9, 26), "2024-09-26"),
        (datetime(2024, 9, 26), "2024-09-26"),
        (datetime(2024, 9, 26, 16, 30), "2024-09-26 16:30"),
        (45561, "2024-09-26"),
        (45561.6875, "2024-09-26 16:30"),
    ],
}


@dataclass(frozen=True)
class EntryRow:
    work: int  # index in WORKS
    unit: int  # index in UNITS
    path: str  # a pattern of PATHS
    id_cell: str  # "text", "number", "scientific"
    formula: str | None  # the column holding a formula with no stored value (XLSX only), or None
    received: int = 0  # index in RECEIVED["text"] (CSV) or RECEIVED["cell"] (a workbook)


@dataclass(frozen=True)
class RegisterSpec:
    fmt: str  # "xlsx", "xls", "csv"
    encoding: str  # of a CSV
    separator: str  # of a CSV
    position: str  # "first", "after_cover", "after_hidden"
    title_rows: int  # rows above the header (the header is on row title_rows + 1)
    order: tuple[int, ...]  # the columns' order
    rows: tuple[EntryRow, ...]
    total: bool  # a "Tổng cộng" row under the table
    signature: bool  # the signature block and the signed names under it
    unknown: bool  # the video column headed "Tên file" (no register column)
    decimal: str  # the decimal mark of a number in scientific notation
    merge_units: bool  # in an XLSX, the unit's cell merged over the rows of its entries
    dimension: bool  # in an XLSX, the used range declared as "A1" (as some programs write it)
    noted: bool = False  # headers with a note in brackets: "Họ và tên\n(ghi đầy đủ)", "Đơn vị (*)"

    @property
    def header(self) -> list[str]:
        notes = {"Họ và tên": "Họ và tên\n(ghi đầy đủ)", "Đơn vị": "Đơn vị (*)"} if self.noted else {}
        names = [("Tên file" if name == "Tệp video" and self.unknown else notes.get(name, name)) for name in COLUMNS]
        return [names[i] for i in self.order]

    def column(self, name: str) -> int:
        """The column number (A is 1) of COLUMNS' ``name`` in the drawn order."""
        return self.order.index(COLUMNS.index(name)) + 1

    def line(self, index: int) -> int:
        """The sheet row of entry row ``index``."""
        return self.title_rows + 2 + index

    def footer(self) -> list[list[object]]:
        rows: list[list[object]] = []
        if self.total:
            rows.append(["Tổng cộng", f"{len(self.rows)} tác phẩm"])
        if self.signature:
            rows += [
                ["", "Cam Lộ, ngày 25 tháng 9 năm 2024"],
                ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"],
                ["(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"],
                [],
                ["Trần Văn Lập", "Nguyễn Thị Trưởng"],
            ]
        return rows


@st.composite
def entry_rows(draw, fmt: str, formula: bool | None, scientific: bool | None) -> tuple[EntryRow, ...]:
    works = draw(st.lists(st.integers(0, len(WORKS) - 1), min_size=1, max_size=3, unique=True))
    rows = []
    for work in works:
        kinds = ["text", "number"] if fmt != "csv" else ["text"]  # a CSV holds text only
        id_cell = (
            "scientific"
            if scientific
            else draw(st.sampled_from(kinds + ([] if scientific is False else ["scientific"])))
        )
        cells = (
            draw(st.sampled_from(["Chức vụ", "Đơn vị", "Trạng thái"]))
            if fmt == "xlsx" and formula is not False
            else None
        )
        has_formula = formula if formula is not None else draw(st.booleans())
        received = draw(st.integers(0, len(RECEIVED["text" if fmt == "csv" else "cell"]) - 1))
        rows.append(
            EntryRow(
                work,
                draw(st.integers(0, 1)),
                draw(st.sampled_from(PATHS)),
                id_cell,
                cells if has_formula and cells else None,
                received,
            )
        )
    if formula and not any(r.formula for r in rows):
        rows[0] = EntryRow(rows[0].work, rows[0].unit, rows[0].path, rows[0].id_cell, "Chức vụ", rows[0].received)
    return tuple(rows)


@st.composite
def registers(
    draw,
    fmt=None,
    positions=("first", "after_cover", "after_hidden"),
    formula=None,
    scientific=None,
    total=None,
    signature=None,
    unknown=None,
    encoding=None,
    dimension=None,
) -> RegisterSpec:
    fmt = fmt or draw(st.sampled_from(["xlsx", "xls", "csv"]))
    if formula:
        fmt = "xlsx"
    return RegisterSpec(
        fmt=fmt,
        encoding=encoding or draw(st.sampled_from(["utf-8-sig", "utf-8", "utf-16", "cp1258"])),
        separator=draw(st.sampled_from([",", ";", "\t"])),
        position="first" if fmt == "csv" else draw(st.sampled_from(positions)),
        title_rows=draw(st.sampled_from([0, 1, 3, 19])),
        order=tuple(draw(st.permutations(range(len(COLUMNS))))),
        rows=draw(entry_rows(fmt, formula, scientific)),
        total=draw(st.booleans()) if total is None else total,
        signature=draw(st.booleans()) if signature is None else signature,
        unknown=draw(st.booleans()) if unknown is None else unknown,
        decimal=draw(st.sampled_from([",", "."])),
        merge_units=draw(st.booleans()),
        dimension=draw(st.booleans()) if dimension is None else dimension,
        noted=draw(st.booleans()),
    )


def _cells(spec: RegisterSpec, row: EntryRow, number: int) -> list[object]:
    title, _slug, author, video = WORKS[row.work]
    id_value: object = {
        "text": IDS[row.work],
        "number": int(IDS[row.work]),
        "scientific": f"{IDS[row.work][1]}{spec.decimal}{IDS[row.work][2:7]}E+10",
    }[row.id_cell]
    position = '=UPPER("cán bộ")' if row.formula == "Chức vụ" else "Cán bộ"
    unit = '=UPPER("UBND xã A")' if row.formula == "Đơn vị" else UNITS[row.unit][0]
    received = RECEIVED["text" if spec.fmt == "csv" else "cell"][row.received][0]
    # a refusal computed by a formula: read as empty, the entry would count as received
    state = '=IF(1>0,"Từ chối","Đã nhận")' if row.formula == "Trạng thái" else "Đã nhận"
    cells = [number, title, author, unit, row.path.format(video), id_value, position, received, state]
    return [cells[i] for i in spec.order]


def _layout_rows(spec: RegisterSpec) -> list[list[object]]:
    """The rows of the list's sheet as a person sees them, title rows first."""
    titles: list[list[object]] = [["UBND HUYỆN CAM LỘ"], ["SỔ ĐĂNG KÝ TÁC PHẨM DỰ THI"]]
    titles += [[] for _ in range(17)]
    head: list[list[object]] = [["DANH SÁCH TÁC PHẨM"]] if spec.title_rows == 1 else titles[: spec.title_rows]
    body = [_cells(spec, row, i + 1) for i, row in enumerate(spec.rows)]
    return [*head, list(spec.header), *body, *spec.footer()]


def _write(spec: RegisterSpec, folder: Path) -> Path:
    def merge(sheet) -> None:
        if spec.title_rows >= 2:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
        if spec.merge_units:  # each run of rows of one unit: one cell, as offices lay a register out
            column, start = spec.column("Đơn vị"), 0
            for index in range(1, len(spec.rows) + 1):
                if index == len(spec.rows) or _unit_cell(spec.rows[index]) != _unit_cell(spec.rows[start]):
                    if index - start > 1:
                        sheet.merge_cells(
                            start_row=spec.line(start),
                            start_column=column,
                            end_row=spec.line(index - 1),
                            end_column=column,
                        )
                    start = index

    return _write_table(spec, _layout_rows(spec), _stale(spec), folder / "so", merge)


def _write_table(spec, rows: list[list[object]], stale: list[list[object]], stem: Path, decorate=None) -> Path:
    """``rows`` saved as ``spec`` draws (its fmt, encoding, separator, position, dimension): in a
    workbook after a cover sheet or after a hidden sheet holding ``stale`` rows when drawn so;
    ``decorate(sheet)`` merges cells of an XLSX's list sheet."""
    if spec.fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=spec.separator, lineterminator="\r\n")
        writer.writerows([["" if c is None else str(c) for c in r] for r in rows])
        path = stem.with_suffix(".csv")
        path.write_bytes(_encode(buffer.getvalue(), spec.encoding))
        return path
    first: list[list[object]] = [["SỔ ĐĂNG KÝ"]] if spec.position == "after_cover" else stale
    if spec.fmt == "xls":
        book = xlwt.Workbook(encoding="utf-8")
        sheets = (
            [book.add_sheet("Bia" if spec.position == "after_cover" else "Nam truoc")]
            if spec.position != "first"
            else []
        )
        sheets.append(book.add_sheet("Danh sach"))
        for sheet, content in zip(sheets, ([first] if spec.position != "first" else []) + [rows]):
            for r, cells in enumerate(content):
                for c, value in enumerate(cells):
                    sheet.write(r, c, value)
        if spec.position == "after_hidden":
            sheets[0].visibility = 1
        path = stem.with_suffix(".xls")
        book.save(str(path))
        return path
    workbook = Workbook()
    sheet = workbook.active
    if spec.position != "first":
        sheet.title = "Bìa" if spec.position == "after_cover" else "Năm trước"
        for cells in first:
            sheet.append(cells)
        if spec.position == "after_hidden":
            sheet.sheet_state = "hidden"
        sheet = workbook.create_sheet("Danh sách")
    for cells in rows:
        sheet.append(cells)
    if decorate is not None:
        decorate(sheet)
    path = stem.with_suffix(".xlsx")
    workbook.save(path)
    if spec.dimension:
        _declare_a1(path)
    return path


def _declare_a1(path: Path) -> None:
    """Rewrite the sheets' declared used range (``<dimension ref>``) as "A1"."""
    with zipfile.ZipFile(path) as source:
        parts = [(item, source.read(item)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts:
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
            target.writestr(item, data)


def _unit_cell(row: EntryRow) -> str:
    return "formula" if row.formula == "Đơn vị" else UNITS[row.unit][0]


def _stale(spec: RegisterSpec) -> list[list[object]]:
    """Last year's list, left in the template's first sheet (then hidden)."""
    return [list(spec.header), [1, "Bài năm trước", "Lê Văn Cũ", "UBND xã A", "cu.mp4", "", "", "", ""]]


def _encode(text: str, encoding: str) -> bytes:
    """``text`` as a program saving in ``encoding`` writes it; Windows-1258 keeps the tone
    marks as separate characters after the letter (its table has ô ơ ư ă â ê but no ố)."""
    if encoding != "cp1258":
        return text.encode(encoding)
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in "\u0302\u0306\u031b"))
        out.append((letter + "".join(m for m in marks if m not in "\u0302\u0306\u031b")).encode("cp1258"))
    return b"".join(out)


def _import(spec: RegisterSpec):
    with tempfile.TemporaryDirectory() as tmp:
        tree = ContestTree(Path(tmp) / "entries", video=Path(tmp))
        folder = tree.contest(text=MINIMAL_CONTEST)
        contest = load_portal(tree.root, probe=False).contests[0]
        register = _write(spec, Path(tmp))
        report = import_register(contest, register)
        written = {
            p.name: (
                yaml.safe_load((p / "entry.yml").read_text(encoding="utf-8")),
                yaml.safe_load((p / "private.yml").read_text(encoding="utf-8")),
            )
            for p in folder.iterdir()
            if p.is_dir()
        }
    return report, written


def _check(spec: RegisterSpec, report, written) -> None:
    """The channel's invariant on one drawn register."""
    coded = {(p.code, p.where.line, p.where.column) for p in report.problems}
    expected_folders = set()
    for index, row in enumerate(spec.rows):
        title, slug, author, video = WORKS[row.work]
        line = spec.line(index)
        if row.formula:
            assert ("TAB002", line, spec.column(row.formula)) in coded, (index, report.problems)
            assert slug not in written  # nothing written from a cell that could not be read
        elif row.id_cell == "scientific":
            assert ("TAB003", line, spec.column("CCCD")) in coded, (index, report.problems)
            assert slug not in written
        else:
            expected_folders.add(slug)
            entry, private = written[slug]
            assert entry["title"] == title and entry["authors"] == [{"name": author, "position": "Cán bộ"}]
            assert entry["unit"] == UNITS[row.unit][1] and entry["state"] == "received"
            assert entry.get("video") == (None if spec.unknown else video)  # a pasted path: its file name
            assert private["contacts"][0]["id_number"] == IDS[row.work]
            assert entry["received"] == RECEIVED["text" if spec.fmt == "csv" else "cell"][row.received][1]
    assert set(written) == expected_folders  # last year's list on the hidden sheet is not imported
    codes = [p.code for p in report.problems]
    assert "REG002" not in codes  # a total or a signature is no entry missing its title
    footer = [cells for cells in spec.footer() if cells]
    if footer:
        [skipped] = [p for p in report.problems if p.code == "TAB005"]
        assert skipped.values["count"] == len(footer)
    else:
        assert "TAB005" not in codes
    if spec.unknown:
        [unknown] = [p for p in report.problems if p.code == "REG010"]
        assert unknown.values["header"] == "Tên file" and unknown.where.column == spec.column("Tệp video")
        assert "Tệp video" in unknown.message("vi")  # the column it most likely means
    assert ("TAB004" in codes) == (spec.position == "after_cover")
    assert {p.code for p in report.problems if p.is_error} <= {"TAB002", "TAB003"}, report.problems


@SETTINGS
@given(registers())
def test_every_drawn_register_imports_each_entry_exactly_or_names_its_cell(spec):
    _check(spec, *_import(spec))


@FEW
@given(registers(formula=True))
def test_a_formula_without_a_stored_value_is_named_never_read_as_empty(spec):
    report, written = _import(spec)
    _check(spec, report, written)
    problem = next(p for p in report.problems if p.code == "TAB002")
    assert problem.values["formula"] in ('=UPPER("cán bộ")', '=UPPER("UBND xã A")', '=IF(1>0,"Từ chối","Đã nhận")')
    assert problem.values["formula"] in problem.message("vi") and "LibreOffice" in problem.hint("vi")


@FEW
@given(registers(fmt="xlsx", positions=("after_cover", "after_hidden")))
def test_the_list_on_another_sheet_or_after_a_hidden_sheet_is_found(spec):
    _check(spec, *_import(spec))


@FEW
@given(registers(fmt="xlsx", positions=("after_cover",)))
def test_the_sheet_read_is_named_when_it_is_not_the_first(spec):
    report, written = _import(spec)
    _check(spec, report, written)
    [note] = [p for p in report.problems if p.code == "TAB004"]
    assert "'Danh sách'" in note.message("vi") and "'Bìa'" in note.message("vi")


@FEW
@given(registers(scientific=True))
def test_an_id_in_scientific_notation_is_never_imported_silently(spec):
    _check(spec, *_import(spec))


@FEW
@given(registers(total=True, signature=True))
def test_totals_signatures_and_signed_names_are_skipped_and_said(spec):
    _check(spec, *_import(spec))


@FEW
@given(registers(unknown=True))
def test_an_unknown_column_is_named_with_the_column_it_likely_means(spec):
    _check(spec, *_import(spec))


@FEW
@given(registers(fmt="xlsx", dimension=True))
def test_a_workbook_declaring_a_wrong_used_range_is_read_whole(spec):
    """openpyxl's read-only mode reads only the range a sheet declares; some programs declare "A1"."""
    _check(spec, *_import(spec))


@FEW
@given(registers(fmt="csv", encoding="cp1258"))
def test_a_windows_1258_csv_with_title_rows_is_read(spec):
    _check(spec, *_import(spec))


# --- the vote snapshot: the same space, another table ------------------------------------------

VOTE_KINDS = {
    "number": (1204, 1204),
    "dots": ("1.204", 1204),
    "plain": ("87", 87),
    "formula": ("=1000+204", None),
    "scientific": ("1,2E+06", None),
}


@dataclass(frozen=True)
class VoteSpec:
    fmt: str
    encoding: str
    separator: str
    position: str
    dimension: bool
    title_rows: int
    kinds: tuple[str, ...]  # the vote cell of e-01, e-02, … (VOTE_KINDS)
    total: bool
    signature: bool


@st.composite
def vote_sheets(draw, total=None, signature=None) -> VoteSpec:
    fmt = draw(st.sampled_from(["xlsx", "xls", "csv"]))
    kinds = (
        ["dots", "plain", "scientific"] + (["number"] if fmt != "csv" else []) + (["formula"] if fmt == "xlsx" else [])
    )
    return VoteSpec(
        fmt,
        draw(st.sampled_from(["utf-8-sig", "utf-16", "cp1258"])),
        draw(st.sampled_from([",", ";", "\t"])),
        "first" if fmt == "csv" else draw(st.sampled_from(["first", "after_cover", "after_hidden"])),
        draw(st.booleans()),
        draw(st.sampled_from([0, 2, 19])),
        tuple(draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3))),
        draw(st.booleans()) if total is None else total,
        draw(st.booleans()) if signature is None else signature,
    )


@FEW
@given(vote_sheets(total=True, signature=True))
def test_a_vote_sheet_counts_each_entry_exactly_or_names_its_cell_and_skips_its_totals(spec):
    from types import SimpleNamespace
    from typing import cast

    from contest_portal.formats.sheets import RESULTS_FOLDER
    from contest_portal.formats.votes import read_votes
    from contest_portal.model import ContestRecord

    slugs = [f"e-0{i}" for i in range(1, len(spec.kinds) + 1)]
    rows: list[list[object]] = []
    if spec.title_rows:
        rows.append(["KẾT QUẢ BÌNH CHỌN TRÊN FANPAGE"])
        rows += [[] for _ in range(spec.title_rows - 1)]
    rows.append(["Mã tác phẩm", "Số bình chọn"])
    rows += [[slug, VOTE_KINDS[kind][0]] for slug, kind in zip(slugs, spec.kinds)]
    if spec.total:
        rows.append(["Tổng cộng", 9999])
    if spec.signature:
        rows += [["NGƯỜI LẬP BIỂU"], ["(Ký, ghi rõ họ tên)"], ["Nguyễn Văn Lập"]]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / RESULTS_FOLDER).mkdir()
        _write_table(
            spec, rows, [["Mã tác phẩm", "Số bình chọn"], ["e-01", 1]], Path(tmp) / RESULTS_FOLDER / "binh-chon"
        )
        contest = SimpleNamespace(
            folder=Path(tmp),
            slug="2025-thu",
            invalid_ids=set(),
            spec=SimpleNamespace(timeline=[]),
            entries=[
                SimpleNamespace(
                    slug=slug,
                    valid=True,
                    spec=SimpleNamespace(
                        title=f"Bài {slug}",
                        links=SimpleNamespace(fanpage=None, facebook=None, youtube=None, website=None),
                    ),
                )
                for slug in slugs
            ],
        )
        snapshot = read_votes(cast(ContestRecord, contest))  # a stand-in with only what read_votes reads
    first = spec.title_rows + 2
    assert snapshot.counts == {
        slug: VOTE_KINDS[kind][1] for slug, kind in zip(slugs, spec.kinds) if VOTE_KINDS[kind][1] is not None
    }
    coded = {(p.code, p.where.line, p.where.column) for p in snapshot.problems}
    for index, kind in enumerate(spec.kinds):
        if kind in ("formula", "scientific"):
            assert ("TAB002" if kind == "formula" else "TAB003", first + index, 2) in coded
    [skipped] = [p for p in snapshot.problems if p.code == "TAB005"]
    assert skipped.values["count"] == 4  # the total, the signer's title, "(Ký…)", the signed name
    # (VOT006: the sheet does not say when the votes were counted)
    assert {p.code for p in snapshot.problems} <= {"TAB002", "TAB003", "TAB004", "TAB005", "VOT006"}
