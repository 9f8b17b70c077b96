"""Intake: copy received files (e-mail attachments, a USB stick) into the entry folders.

Each file is matched to an entry by the file name the register gave
(`video:` in entry.yml), then by title.  Files are copied, never moved or
deleted; a file already in place with the same content is skipped; a
different file already in place is never overwritten.
"""

from __future__ import annotations

import filecmp
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from contest_portal.core.errors import Location, Problem
from contest_portal.core.text import slugify
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.office.roundtrip import load_document, write_document

VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".webm")


@dataclass
class IntakeReport:
    copied: list[tuple[str, str]] = field(default_factory=list)    # (file, entry)
    already: list[tuple[str, str]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _norm(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _match(path: Path, entries: list[EntryRecord]) -> EntryRecord | None:
    by_name = [e for e in entries if e.spec.video and _norm(Path(e.spec.video).name) == _norm(path.name)]
    if len(by_name) == 1:
        return by_name[0]
    stem = slugify(path.stem)
    by_title = [e for e in entries if stem and (slugify(e.spec.title) == stem or e.slug == stem)]
    return by_title[0] if len(by_title) == 1 else None


def intake(contest: ContestRecord, inbox: Path) -> IntakeReport:
    report = IntakeReport()
    files = sorted(p for p in inbox.rglob("*") if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)
    for path in files:
        entry = _match(path, contest.entries)
        if entry is None:
            report.unmatched.append(str(path))
            report.problems.append(Problem("INT001", Location(file=path, contest=contest.slug), {"path": path.name}))
            continue
        name = Path(entry.spec.video).name if entry.spec.video else path.name
        target = entry.folder / name
        if target.exists():
            if filecmp.cmp(path, target, shallow=False):
                report.already.append((str(path), entry.slug))
            else:
                report.problems.append(Problem("INT002", Location(file=target, contest=contest.slug, entry=entry.slug),
                                               {"entry": entry.slug, "name": name, "path": str(path)}))
            continue
        tmp = target.with_name(target.name + ".partial")
        shutil.copy2(path, tmp)  # copy, never move: the received file stays where it was
        tmp.replace(target)
        if not entry.spec.video:
            _set_video(entry, name)
        report.copied.append((str(path), entry.slug))
    if report.unmatched:  # a broken entry.yml, not the register, is then the likely cause
        for folder in sorted(contest.unreadable):
            report.problems.insert(0, Problem("INT003", Location(file=contest.folder / folder / "entry.yml",
                                                                 contest=contest.slug, entry=folder),
                                              {"folder": folder, "count": len(report.unmatched)}))
    return report


def _set_video(entry: EntryRecord, name: str) -> None:
    """Write the copied file's name into the entry's ``video`` field; the rest of entry.yml,
    comments included, is kept (``roundtrip``)."""
    data = load_document(entry.source)
    if data is None:  # (the entry was read moments ago; it cannot be unreadable unless changed since)
        return
    data["video"] = name
    write_document(entry.source, data, "../../../schemas/entry.schema.json")
