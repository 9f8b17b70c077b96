"""The judging spreadsheets an office fills in, read into typed rows and problems.

Three kinds, all in ``<contest>/_ket-qua/``:

* the jury's score sheets, ``diem/<judge-id>.xlsx`` (or ``.csv``), one per judge;
* the snapshot of the public vote, ``binh-chon.csv`` (or ``.xlsx``), read by ``formats.votes``;
* the quiz results, ``trac-nghiem.csv`` (or ``.xlsx``).

Every problem is a Problem with a code (JUR…, RES003, RES010), the file and the row, like the
validation of contest files.  Nothing here ranks or awards: that is ``contest_portal.judging``.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl.utils import get_column_letter as column_letter  # 1 → A, 28 → AB

from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import LANGUAGES, Text, Translator
from contest_portal.core.text import header_key, normalize_name, slugify, unit_key
from contest_portal.core.values import Invalid, ascii_digits, excel_moment, parse_duration
from contest_portal.formats import schema
from contest_portal.formats.tables import SHEET_SUFFIXES, Row, Table, TableError, read_table
from contest_portal.model import ContestRecord, EntryRecord

RESULTS_FOLDER = "_ket-qua"
SCORES_FOLDER = "diem"
ENTRY_ALIASES = ("ma_tac_pham", "ma", "ma_bai", "entry_id", "id")
#: The vote snapshot and the quiz results, the first present taken (the snapshot exported as CSV
#: by the fanpage's tool comes first, as it always has).
VOTES_FILES = ("binh-chon.csv", "binh-chon.xlsx", "binh-chon.xls")
QUIZ_FILES = ("trac-nghiem.csv", "trac-nghiem.xlsx", "trac-nghiem.xls")
NOTE_ALIASES = tuple(header_key(Translator(lang)("sheet.note")) for lang in LANGUAGES) + ("notes",)
#: What a sheet's note says for an abstention, in each language, as header keys ("khong_cham").
ABSTAIN_KEYS = tuple(header_key(Translator(lang)("sheet.abstain")) for lang in LANGUAGES)


# --- the jury's score sheets ---------------------------------------------------------------


@dataclass(frozen=True)
class Judge:
    id: str
    person: schema.Person


def judges(contest: ContestRecord) -> list[Judge]:
    """The contest's jury, each with the id that names their sheet (the person's id, or their name slugified)."""
    return [Judge(p.id or slugify(p.name), p) for p in contest.spec.organization.people if "jury" in p.roles]


def criterion_header(criterion: schema.Criterion, lang: str = "vi") -> str:
    """A criterion's column header in a blank sheet: its name and its maximum ("Nội dung (tối đa 60)")."""
    return Translator(lang)("sheet.criterion", name=criterion.name, max=f"{criterion.max_points:g}")


@dataclass
class Scores:
    """Accepted scores: entry → judge → criterion → points."""

    by_entry: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (judge, entry) conflicts of interest
    abstained: list[tuple[str, str]] = field(default_factory=list)  # (judge, entry) abstentions
    #: (judge, entry) → the note the judge wrote for an abstention, as written ("Không chấm (có quan
    #: hệ gia đình với tác giả)"): the minutes give it as the reason
    abstention_notes: dict[tuple[str, str], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def sheet_files(contest: ContestRecord) -> list[Path]:
    """The filled sheets, one per judge id (sorted); of a judge's .xlsx, .xls and .csv, the first."""
    folder = contest.folder / RESULTS_FOLDER / SCORES_FOLDER
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix.lower() in SHEET_SUFFIXES and not p.name.startswith("~$")]
    chosen: dict[str, Path] = {}
    for path in sorted(files, key=lambda p: (p.stem, SHEET_SUFFIXES.index(p.suffix.lower()))):
        chosen.setdefault(path.stem, path)  # a judge may keep both: the .xlsx (the filled one) wins
    return [chosen[stem] for stem in sorted(chosen)]


def read_scores(contest: ContestRecord, conflict: Callable[[Judge, EntryRecord], bool]) -> Scores:
    """Every judge's accepted points, and the problems of every sheet, file by file and row by row.

    ``conflict(judge, entry)`` says whether a judge may not score an entry (the judging rule of
    conflicts of interest): such a row, scored, is left out and reported (JUR006).  A judge
    abstains (``Scores.abstained``; the entry's mean is over the other judges, nothing is asked
    for) on a row whose points are all empty when the entry is of their own unit or the note says
    so ("Không chấm"), and on a deleted row of their own unit's entry.
    """
    scores = Scores()
    criteria = contest.spec.judging.criteria
    if not criteria:
        return scores
    panel = {j.id: j for j in judges(contest)}
    entries = {e.slug: e for e in contest.entries if e.valid}
    invalid = contest.invalid_ids
    aliases: dict[str, tuple[str, ...]] = {"entry": ENTRY_ALIASES, "note": NOTE_ALIASES}
    for c in criteria:
        aliases[c.id] = (
            c.id.replace("-", "_"),
            header_key(c.name),
            *(header_key(criterion_header(c, lang)) for lang in LANGUAGES),
        )
    files = sheet_files(contest)
    # a judge's missing sheet is asked for once judging has begun (a first sheet is in) or the
    # results are to be published; before that, every judge's sheet is missing and none is late
    asked = bool(files) or contest.spec.results.published
    for missing_judge in sorted(set(panel) - {p.stem for p in files} if asked else ()):
        scores.problems.append(
            Problem(
                "JUR008",
                Location(file=contest.folder / RESULTS_FOLDER / SCORES_FOLDER, contest=contest.slug),
                {"judge": panel[missing_judge].person.name, "id": missing_judge},
            )
        )
    for path in files:
        judge = panel.get(path.stem)
        if judge is None:
            scores.problems.append(
                Problem(
                    "JUR001",
                    Location(file=path, contest=contest.slug),
                    {"judge": path.stem, "known": ", ".join(panel) or "–"},
                )
            )
            continue
        labels = {"entry": Text("table.column.entry"), **{c.id: criterion_header(c) for c in criteria}}
        try:
            rows = read_table(path, aliases, required=tuple(a for a in aliases if a != "note"), labels=labels)
        except TableError as exc:
            scores.problems.append(
                Problem("JUR007", Location(file=path, line=exc.line, contest=contest.slug), {"detail": exc.detail})
            )
            continue
        scores.problems += table_problems(rows, path, contest.slug)
        _read_sheet(scores, contest, judge, path, rows, entries, criteria, invalid, conflict)
    return scores


def abstains(note: object) -> bool:
    """Whether a sheet row's note marks an abstention ("Không chấm", "Abstain", in either language,
    however it is typed, words after it allowed: "không chấm (cùng đơn vị)")."""
    key = header_key(note)
    return any(key == word or key.startswith(word + "_") for word in ABSTAIN_KEYS)


def _read_sheet(
    scores: Scores,
    contest: ContestRecord,
    judge: Judge,
    path: Path,
    rows: Table,
    entries: dict[str, EntryRecord],
    criteria: list[schema.Criterion],
    invalid: set[str],
    conflict: Callable[[Judge, EntryRecord], bool],
) -> None:
    """One judge's sheet ``rows`` into ``scores`` (in place): each row's points accepted, its
    abstention, or its problem; then the entries (of ``entries``, the valid ones by id) it has no row for."""
    seen: dict[str, int] = {}
    for row in rows:
        where = Location(file=path, line=row.number, contest=contest.slug)
        entry_id = str(row.get("entry") or "").strip().lower()
        if not entry_id and all(_number(row.get(c.id)) is None for c in criteria):
            continue  # a signature or notes line under the table
        if row.extra:
            scores.problems.append(Problem("JUR011", where))
            continue
        if problem := row_entry_problem(entry_id, where, invalid=invalid, known=entries, seen=seen):
            scores.problems.append(problem)
            continue
        seen[entry_id] = row.number
        _score_row(scores, judge, entries[entry_id], row, where, criteria, conflict(judge, entries[entry_id]))
    for entry_id, entry in entries.items():
        if entry_id in seen:
            continue
        if conflict(judge, entry):  # the row of an entry the judge may not score was deleted
            scores.abstained.append((judge.id, entry_id))
        else:
            scores.problems.append(
                Problem("JUR004", Location(file=path, contest=contest.slug), {"entry": entry_id, "criterion": "*"})
            )


def _score_row(
    scores: Scores,
    judge: Judge,
    entry: EntryRecord,
    row: Row,
    where: Location,
    criteria: list[schema.Criterion],
    conflicted: bool,
) -> None:
    """The row of ``entry`` in ``judge``'s sheet into ``scores`` (in place): an abstention, the points
    accepted, or why not; ``conflicted``: the judge may not score the entry (the conflicts rule)."""
    entry_id = entry.slug
    empty = all(row.get(c.id) in (None, "") for c in criteria)
    abstaining = abstains(row.get("note"))
    if empty and (abstaining or conflicted):
        # an abstention (the points left empty): the entry's mean is over the other judges
        scores.abstained.append((judge.id, entry_id))
        if abstaining:
            scores.abstention_notes[(judge.id, entry_id)] = " ".join(str(row.get("note")).split())
        return
    if abstaining and not conflicted:
        # "Không chấm" and points: which one the judge meant is not for the tool to guess
        # (on an entry of the judge's own unit the points are left out anyway: JUR006 below)
        scores.problems.append(Problem("JUR012", where, {"entry": entry_id, "note": str(row.get("note")).strip()}))
        return
    points = _row_points(scores, row, where, entry_id, criteria)
    if points is None:
        return
    if conflicted:
        scores.excluded.append((judge.id, entry_id))
        scores.problems.append(
            Problem("JUR006", where, {"judge": judge.person.name, "entry": entry_id, "unit": entry.unit_name})
        )
        return
    scores.by_entry.setdefault(entry_id, {})[judge.id] = points


def _row_points(
    scores: Scores, row: Row, where: Location, entry_id: str, criteria: list[schema.Criterion]
) -> dict[str, float] | None:
    """A row's points, criterion id → points, when every criterion's cell holds a number within
    its maximum; else None, each wrong cell's problem added to ``scores`` (JUR010 not a number,
    JUR004 empty, JUR003 out of range)."""
    points: dict[str, float] = {}
    for criterion in criteria:
        raw = row.get(criterion.id)
        value = _number(raw)
        if value is None and raw not in (None, ""):
            scores.problems.append(
                Problem("JUR010", where, {"entry": entry_id, "criterion": criterion.name, "value": raw})
            )
        elif value is None:
            scores.problems.append(Problem("JUR004", where, {"entry": entry_id, "criterion": criterion.name}))
        elif not 0 <= value <= criterion.max_points:
            scores.problems.append(
                Problem(
                    "JUR003",
                    where,
                    {
                        "entry": entry_id,
                        "criterion": criterion.name,
                        "value": f"{value:g}",
                        "max": f"{criterion.max_points:g}",
                    },
                )
            )
        else:
            points[criterion.id] = value
    return points if len(points) == len(criteria) else None


def row_entry_problem(
    entry_id: str, where: Location, *, invalid: Collection[str], known: Collection[str], seen: Mapping[str, int]
) -> Problem | None:
    """Why a row of a score sheet or vote table cannot count for the entry it names (None if it can):
    an entry with errors (JUR009), no such entry (JUR002), or a second row for it (JUR005)."""
    if entry_id in invalid:
        return Problem("JUR009", where, {"entry": entry_id})
    if entry_id not in known:
        return Problem("JUR002", where, {"entry": entry_id or "–"})
    if entry_id in seen:
        return Problem("JUR005", where, {"entry": entry_id, "first": seen[entry_id]})
    return None


def table_problems(table: Table, path: Path, contest: str | None) -> list[Problem]:
    """What reading a table found that its reader must say, whichever table it is: its text
    converted from a legacy encoding (TAB001), cells that cannot be read, their rows left out
    (TAB002 a formula without a stored value, TAB003 a number in scientific notation), the
    list read from another sheet than the one Excel opens on (TAB004), closing rows left out
    (TAB005: totals, signatures)."""
    problems = []
    if table.legacy is not None:
        problems.append(
            Problem("TAB001", Location(file=path, line=table.header_row, contest=contest), {"encoding": table.legacy})
        )
    if table.other_sheet:
        problems.append(
            Problem(
                "TAB004",
                Location(file=path, line=table.header_row, contest=contest),
                {"sheet": table.sheet, "first": table.first_sheet},
            )
        )
    for cell in table.unread:
        values = {
            "row": cell.row,
            "column": table.headers.get(cell.name, cell.name),
            "cell": f"{column_letter(cell.column)}{cell.row}",
        }
        values |= {"formula": cell.text} if cell.kind == "formula" else {"value": cell.text}
        problems.append(
            Problem(
                "TAB002" if cell.kind == "formula" else "TAB003",
                Location(file=path, line=cell.row, column=cell.column, contest=contest),
                values,
            )
        )
    if table.skipped:
        problems.append(
            Problem(
                "TAB005",
                Location(file=path, line=table.skipped[0][0], contest=contest),
                {"count": len(table.skipped), "rows": ", ".join(str(row) for row, _kind in table.skipped)},
            )
        )
    return problems


#: The name the readers have always called (the problems are no longer only the legacy encoding's).


# --- the public vote and the quiz ------------------------------------------------------------


@dataclass(frozen=True)
class QuizRow:
    """One participant's line of the quiz results; ``row`` as the spreadsheet numbers it; ``id``
    the participant's number in the quiz system when the file has that column ("" otherwise)."""

    name: str
    unit: str
    correct: int
    seconds: float
    row: int
    id: str = ""
    submitted: datetime | None = None  # when the answers were sent, when the file says


def results_file(contest: ContestRecord, names: tuple[str, ...]) -> Path | None:
    """The first of ``names`` present in the contest's results folder."""
    for name in names:
        path = contest.folder / RESULTS_FOLDER / name
        if os.path.lexists(path):  # (a pipe or a folder by that name is reported by the reader: FIL005)
            return path
    return None


def read_quiz(contest: ContestRecord) -> tuple[list[QuizRow], list[Problem]]:
    """The quiz rows in file order (none without a quiz file), and the problems of the rows left out
    (RES003 unreadable, RES010 the same person twice: the same id, or without ids the same name
    in the same unit; namesakes of two units are two people)."""
    path = results_file(contest, QUIZ_FILES)
    if path is None:
        return [], []
    try:
        rows = read_table(
            path,
            {
                "name": ("ho_va_ten", "ho_ten", "thi_sinh", "participant"),
                "id": ("ma_thi_sinh", "ma_du_thi", "so_bao_danh", "sbd", "ma_so", "participant_id"),
                "unit": ("don_vi", "co_quan"),
                "correct": ("so_cau_dung", "cau_dung", "diem", "correct_answers"),
                "time": ("thoi_gian", "thoi_gian_lam_bai", "time_taken", "seconds"),
                "submitted": ("thoi_diem", "thoi_diem_nop_bai", "nop_bai_luc", "submitted_at"),
            },
            required=("name", "correct", "time"),
            labels={
                "name": Text("table.column.name"),
                "correct": Text("table.column.correct"),
                "time": Text("table.column.time"),
            },
        )
    except TableError as exc:
        return [], [Problem("RES003", Location(file=path, line=exc.line, contest=contest.slug), {"detail": exc.detail})]
    quiz: list[QuizRow] = []
    problems: list[Problem] = table_problems(rows, path, contest.slug)
    seen: dict[tuple[str, ...], int] = {}
    for row in rows:
        location = Location(file=path, line=row.number, contest=contest.slug)
        name = unicodedata.normalize("NFC", str(row.get("name") or "").strip())
        unit = unicodedata.normalize("NFC", str(row.get("unit") or "").strip())
        number = str(row.get("id") or "").strip()
        correct, seconds = whole_number(row.get("correct")), duration_seconds(row.get("time"))
        try:
            submitted, bad_time = _moment(row.get("submitted")), False
        except Invalid:
            submitted, bad_time = None, True
        if not name or correct is None or seconds is None or bad_time:
            problems.append(
                Problem(
                    "RES003",
                    location,
                    {
                        "detail": f"'{name or '–'}': {row.get('correct')} / {row.get('time')}"
                        + (f" / {row.get('submitted')}" if bad_time else "")
                    },
                )
            )
            continue
        person = (number.casefold(),) if number else (normalize_name(name), unit_key(unit))  # tone marks folded
        if person in seen:
            problems.append(Problem("RES010", location, {"name": name, "first": seen[person]}))
            continue
        seen[person] = row.number
        quiz.append(QuizRow(name, unit, correct, seconds, row.number, number, submitted))
    return quiz, problems


# --- cells ---------------------------------------------------------------------------------------


def _moment(value: object) -> datetime | None:
    """The start of a date-time cell ("2025-05-03 08:00", "03/05/2025 8h00", a date cell or an Excel
    serial); None if empty. Raises ``Invalid`` if it is not a date."""
    if value in (None, ""):
        return None
    return excel_moment(value).start


def _number(value: object) -> float | None:
    """Points from a cell: 7, 7.5, '7,5'; None if empty or not a finite number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(ascii_digits(str(value)).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def duration_seconds(value: object) -> float | None:
    """Seconds from 95, '95', '1:35', '00:01:35', '2:35.9', '2 phút 35 giây' or a time cell (fractions
    of a second kept: a quiz's tie is decided on them); None if not a time. ``values.parse_duration``."""
    try:
        seconds = parse_duration(value)
    except (Invalid, TypeError, ValueError):
        return None
    return seconds if math.isfinite(seconds) else None


def whole_number(value: object) -> int | None:
    """A non-negative whole number from a cell: 12, 12.0, '12', '1.204' (Vietnamese thousands)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() and value >= 0 else None
    if isinstance(value, int):
        return value if value >= 0 else None
    text = ascii_digits(str(value)).strip()
    if re.fullmatch(r"\d+", text) or re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return int(text.replace(".", ""))
    return None
