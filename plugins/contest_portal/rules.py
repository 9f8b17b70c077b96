"""Checks across files: a contest's own consistency and each entry against it."""

from __future__ import annotations

import difflib

from .errors import Location, Problem
from .model import ContestRecord, EntryRecord
from .yamlfile import YamlDocument


def check_contest(contest: ContestRecord, doc: YamlDocument) -> list[Problem]:
    """Problems inside one contest.yml that the schema alone cannot see."""
    problems: list[Problem] = []
    spec = contest.spec
    where = {"contest": contest.slug}
    seen: set[str] = set()
    categories = {c.id for c in spec.unit_categories}
    for i, unit in enumerate(spec.units):
        if unit.id in seen:
            problems.append(Problem("CON004", doc.location(("units", i, "id"), **where), {"unit": unit.id}))
        seen.add(unit.id)
        if unit.category not in categories:
            problems.append(Problem("CON005", doc.location(("units", i, "category"), **where),
                                    {"unit": unit.id, "category": unit.category}))
    for i, milestone in enumerate(spec.timeline):
        if milestone.start and milestone.end and milestone.end.end < milestone.start.start:
            problems.append(Problem("CON003", doc.location(("timeline", i), **where), {
                "kind": milestone.label or milestone.kind,
                "start": milestone.start.text, "end": milestone.end.text}))
    return problems


def check_entry(contest: ContestRecord, entry: EntryRecord, doc: YamlDocument) -> list[Problem]:
    """Problems of one entry against its contest (unit, kind, required files)."""
    problems: list[Problem] = []
    spec = entry.spec
    where = {"contest": contest.slug, "entry": entry.slug}
    if spec.id is not None and spec.id != entry.folder.name:
        problems.append(Problem("ENT003", doc.location(("id",), **where),
                                {"entry_id": spec.id, "folder": entry.folder.name}))
    if contest.spec.units and entry.unit is None:
        ids = [u.id for u in contest.spec.units]
        close = difflib.get_close_matches(spec.unit, ids, n=1, cutoff=0.6)
        problems.append(Problem("ENT004", doc.location(("unit",), **where), {
            "unit": spec.unit,
            "suggestion": f" — có phải '{close[0]}'? / did you mean '{close[0]}'?" if close else ""}))
    if spec.kind not in contest.spec.entry_kinds:
        problems.append(Problem("ENT005", doc.location(("kind",), **where),
                                {"kind": spec.kind, "allowed": ", ".join(contest.spec.entry_kinds)}))
    if spec.kind in ("video", "video_with_text") and not spec.video and not (
            spec.links.youtube or spec.links.facebook):
        problems.append(Problem("ENT006", doc.location((), **where)))
    return problems


def check_entry_ids(contest: ContestRecord) -> list[Problem]:
    """Two entries of one contest must not share an id."""
    problems: list[Problem] = []
    seen: dict[str, EntryRecord] = {}
    for entry in contest.entries:
        if entry.slug in seen:
            where = Location(file=entry.source, contest=entry.contest_slug, entry=entry.slug)
            problems.append(Problem("ENT002", where, {
                "entry_id": entry.slug, "other": seen[entry.slug].folder.name}))
        else:
            seen[entry.slug] = entry
    return problems

