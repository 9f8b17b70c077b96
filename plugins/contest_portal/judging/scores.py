"""Jury score sheets: write one per judge, read them back filled, check every row.

Filled sheets live in ``<contest>/_ket-qua/diem/<judge-id>.xlsx`` (or ``.csv``);
the file name is the judge's id.  Every problem is a Problem with a code
(JUR…), the file and the row, like the validation of contest files.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from contest_portal.formats import schema
from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import Translator
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.core.text import normalize_name, slugify
from contest_portal.core.text import header_key
from contest_portal.formats.tables import TableError, read_table, write_csv, write_xlsx

RESULTS_FOLDER = "_ket-qua"
SCORES_FOLDER = "diem"
ENTRY_ALIASES = ("ma_tac_pham", "ma", "ma_bai", "entry_id", "id")


@dataclass(frozen=True)
class Judge:
    id: str
    person: schema.Person


def judges(contest: ContestRecord) -> list[Judge]:
    return [Judge(p.id or slugify(p.name), p) for p in contest.spec.organization.people if p.role == "jury"]


def criterion_header(criterion: schema.Criterion) -> str:
    return Translator()("sheet.criterion", name=criterion.name, max=f"{criterion.max_points:g}")


def write_jury_sheets(contest: ContestRecord, out_dir: Path, entry_url) -> list[Path]:
    """One XLSX and one CSV per judge, listing the entries to score (anonymized if the rules say so)."""
    criteria = contest.spec.judging.criteria
    anonymous = contest.spec.judging.anonymous_sheets
    t = Translator()  # the sheets are the office's, in Vietnamese; read back through header aliases
    header = [t("sheet.entry_id"), t("sheet.title"), t("sheet.link")]
    if not anonymous:
        header += [t("sheet.authors"), t("sheet.unit")]
    header += [criterion_header(c) for c in criteria] + [t("sheet.note")]
    written = []
    for judge in judges(contest):
        rows = []
        for entry in contest.entries:
            if not entry.valid:
                continue
            row = [entry.slug, entry.spec.title, entry_url(entry, anonymous)]
            if not anonymous:
                row += [entry.author_line, entry.unit_name]
            rows.append(row + [None] * len(criteria) + [None])
        base = out_dir / contest.slug / judge.id
        for suffix, writer in ((".xlsx", write_xlsx), (".csv", write_csv)):
            path = base.with_suffix(suffix)
            if path.exists():
                continue  # never overwrite a sheet a judge may already be filling in
            written.append(writer(path, header, rows, title=judge.person.name) if suffix == ".xlsx"
                           else writer(path, header, rows))
    return written


@dataclass
class Scores:
    """Accepted scores: entry → judge → criterion → points."""

    by_entry: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (judge, entry) conflicts of interest
    problems: list[Problem] = field(default_factory=list)


def sheet_files(contest: ContestRecord) -> list[Path]:
    folder = contest.folder / RESULTS_FOLDER / SCORES_FOLDER
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".csv") and not p.name.startswith("~$")]
    chosen: dict[str, Path] = {}
    for path in sorted(files, key=lambda p: (p.stem, p.suffix.lower() != ".xlsx")):
        chosen.setdefault(path.stem, path)  # a judge may keep both: the .xlsx (the filled one) wins
    return [chosen[stem] for stem in sorted(chosen)]


def read_scores(contest: ContestRecord) -> Scores:
    scores = Scores()
    criteria = contest.spec.judging.criteria
    if not criteria:
        return scores
    panel = {j.id: j for j in judges(contest)}
    entries = {e.slug: e for e in contest.entries if e.valid}
    invalid = contest.invalid_ids
    aliases = {"entry": ENTRY_ALIASES}
    for c in criteria:
        aliases[c.id] = (c.id.replace("-", "_"), header_key(c.name), header_key(criterion_header(c)))
    files = sheet_files(contest)
    for missing_judge in sorted(set(panel) - {p.stem for p in files}):
        scores.problems.append(Problem("JUR008", Location(file=contest.folder / RESULTS_FOLDER / SCORES_FOLDER,
                                                          contest=contest.slug),
                                       {"judge": panel[missing_judge].person.name, "id": missing_judge}))
    for path in files:
        where = {"contest": contest.slug}
        judge = panel.get(path.stem)
        if judge is None:
            scores.problems.append(Problem("JUR001", Location(file=path, **where), {
                "judge": path.stem, "known": ", ".join(panel) or "–"}))
            continue
        try:
            rows = read_table(path, aliases, required=tuple(aliases))
        except TableError as exc:
            scores.problems.append(Problem("JUR007", Location(file=path, line=exc.line, **where),
                                           {"detail": exc.detail}))
            continue
        _read_sheet(scores, contest, judge, path, rows, entries, criteria, invalid)
    return scores


def _read_sheet(scores: Scores, contest: ContestRecord, judge: Judge, path: Path, rows, entries, criteria,
                invalid: set[str]) -> None:
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
        points: dict[str, float] = {}
        for criterion in criteria:
            raw = row.get(criterion.id)
            value = _number(raw)
            if value is None and raw not in (None, ""):
                scores.problems.append(Problem("JUR010", where, {"entry": entry_id, "criterion": criterion.name,
                                                                 "value": raw}))
            elif value is None:
                scores.problems.append(Problem("JUR004", where, {"entry": entry_id, "criterion": criterion.name}))
            elif not 0 <= value <= criterion.max_points:
                scores.problems.append(Problem("JUR003", where, {
                    "entry": entry_id, "criterion": criterion.name, "value": f"{value:g}",
                    "max": f"{criterion.max_points:g}"}))
            else:
                points[criterion.id] = value
        if len(points) != len(criteria):
            continue
        entry = entries[entry_id]
        if _conflict(judge, entry):
            scores.excluded.append((judge.id, entry_id))
            scores.problems.append(Problem("JUR006", where, {"judge": judge.person.name, "entry": entry_id,
                                                             "unit": entry.unit_name}))
            continue
        scores.by_entry.setdefault(entry_id, {})[judge.id] = points
    for entry_id in entries:
        if entry_id not in seen:
            scores.problems.append(Problem("JUR004", Location(file=path, contest=contest.slug),
                                           {"entry": entry_id, "criterion": "*"}))


def _number(value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _conflict(judge: Judge, entry: EntryRecord) -> bool:
    """A judge may not score an entry from their own unit."""
    unit = judge.person.unit
    if not unit:
        return False
    mine = normalize_name(unit)
    return mine in (normalize_name(entry.unit_name), normalize_name(entry.spec.unit))


def row_entry_problem(entry_id: str, where, *, invalid, known, seen: dict) -> Problem | None:
    """Why a row of a score sheet or vote table cannot count for the entry it names (None if it can):
    an entry with errors (JUR009), no such entry (JUR002), or a second row for it (JUR005)."""
    if entry_id in invalid:
        return Problem("JUR009", where, {"entry": entry_id})
    if entry_id not in known:
        return Problem("JUR002", where, {"entry": entry_id or "–"})
    if entry_id in seen:
        return Problem("JUR005", where, {"entry": entry_id, "first": seen[entry_id]})
    return None
