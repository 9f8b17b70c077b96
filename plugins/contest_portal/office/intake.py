"""Intake: copy received files (e-mail attachments, a USB stick) into the entry folders.

Each file is matched to an entry by the file name the register gave
(`video:` in entry.yml, a pasted path counting by its file name), letter case aside, then
with diacritics, case and spacing aside, then by title; an unmatched file gets the closest
name suggested.  Files are copied, never moved or
deleted; a file already in place with the same content is skipped; a
different file already in place is never overwritten.
"""

from __future__ import annotations

import filecmp
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from contest_portal.core.errors import Location, Problem
from contest_portal.core.filenames import base_name, name_key, same_on_windows, windows_refusal
from contest_portal.core.files import ALLOWED_SUFFIXES
from contest_portal.core.i18n import Text
from contest_portal.core.text import closest_name, slugify
from contest_portal.model import ContestRecord, EntryRecord
from contest_portal.office.roundtrip import load_document, write_document

#: every kind of video an entry may have (core.files): a TV station's .ts, a camera's .mts, an old .wmv
VIDEO_SUFFIXES = ALLOWED_SUFFIXES["video"]


@dataclass
class IntakeReport:
    copied: list[tuple[str, str]] = field(default_factory=list)  # (file, entry)
    already: list[tuple[str, str]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _match(path: Path, entries: list[EntryRecord]) -> EntryRecord | None:
    """The entry a received file is for: the one whose register file name is its name (letter
    case aside; a path typed in the register counts by its file name), else the only one whose
    file name is its name once diacritics, case, spaces and punctuation are set aside ("Tai
    khoan dinh danh.mp4" for "Tài khoản định danh.mp4"), else the only one whose title or
    folder is its name so folded; None when no entry, or more than one, fits."""
    named = [(e, base_name(e.spec.video)) for e in entries if e.spec.video]
    for same in (same_on_windows, lambda one, other: name_key(one) == name_key(other)):
        found = [e for e, video in named if same(video, path.name)]
        if len(found) == 1:
            return found[0]
        if found:
            return None  # two entries name that file: not for intake to choose
    stem = slugify(path.stem)
    by_title = [e for e in entries if stem and (slugify(e.spec.title) == stem or e.slug == stem)]
    return by_title[0] if len(by_title) == 1 else None


def _did_you_mean(path: Path, entries: list[EntryRecord]) -> Text | str:
    """ " — có phải '…'?" with the register's file name (or title) most like an unmatched file's
    name, diacritics, case and spacing aside; "" when none is close."""
    names = [base_name(e.spec.video) for e in entries if e.spec.video] + [e.spec.title for e in entries]
    close = closest_name(path.name, names, key=lambda name: slugify(name.rsplit(".", 1)[0] if "." in name else name))
    return Text("problem.did_you_mean", name=close) if close else ""


def intake(contest: ContestRecord, inbox: Path) -> IntakeReport:
    """Copy each video file under ``inbox`` into the folder of the entry it is for (``_match``):
    under the file name the register gave (its base name; INT004 when Windows refuses it),
    else its own. Unmatched files get INT001 with the closest name suggested."""
    report = IntakeReport()
    files = sorted(p for p in inbox.rglob("*") if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)
    for path in files:
        entry = _match(path, contest.entries)
        if entry is None:
            report.unmatched.append(str(path))
            report.problems.append(
                Problem(
                    "INT001",
                    Location(file=path, contest=contest.slug),
                    {"path": path.name, "suggestion": _did_you_mean(path, contest.entries)},
                )
            )
            continue
        name = base_name(entry.spec.video) if entry.spec.video else path.name
        refusal = windows_refusal(name)
        if refusal is not None:
            report.problems.append(
                Problem(
                    "INT004",
                    entry.location(("video",)),
                    {"entry": entry.slug, "name": entry.spec.video, "reason": refusal},
                )
            )
            continue
        target = entry.folder / name
        if target.exists():
            if filecmp.cmp(path, target, shallow=False):
                report.already.append((str(path), entry.slug))
            else:
                report.problems.append(
                    Problem(
                        "INT002",
                        Location(file=target, contest=contest.slug, entry=entry.slug),
                        {"entry": entry.slug, "name": name, "path": str(path)},
                    )
                )
            continue
        tmp = target.with_name(target.name + ".partial")
        shutil.copy2(path, tmp)  # copy, never move: the received file stays where it was
        tmp.replace(target)
        if not entry.spec.video or entry.spec.video != name:
            _set_video(entry, name)
        report.copied.append((str(path), entry.slug))
    if report.unmatched:  # a broken entry.yml, not the register, is then the likely cause
        for folder in sorted(contest.unreadable):
            report.problems.insert(
                0,
                Problem(
                    "INT003",
                    Location(file=contest.folder / folder / "entry.yml", contest=contest.slug, entry=folder),
                    {"folder": folder, "count": len(report.unmatched)},
                ),
            )
    return report


def _set_video(entry: EntryRecord, name: str) -> None:
    """Write the copied file's name into the entry's ``video`` field; the rest of entry.yml,
    comments included, is kept (``roundtrip``)."""
    data = load_document(entry.source)
    if data is None:  # (the entry was read moments ago; it cannot be unreadable unless changed since)
        return
    data["video"] = name
    write_document(entry.source, data, "../../../schemas/entry.schema.json")
