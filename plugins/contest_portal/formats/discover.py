"""Stage 1, discover: the contest folders under the entries folder and the entry folders in each.

Only names are looked at here (no file is opened): a folder whose name starts with "." or "_"
is not data (``_ket-qua``, ``_tin-tuc``, ``.git``). Problems found: CON002 (no entries folder),
CON006 (a contest folder named against the rules), CON001 (a contest folder without contest.yml).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from contest_portal.core.errors import Location, Problem
from contest_portal.core.values import SLUG_RE

CONTEST_FILE = "contest.yml"
ENTRY_FILE = "entry.yml"
PRIVATE_FILE = "private.yml"
# folder names that would collide with the portal's own pages
RESERVED_CONTESTS = frozenset({"luu-tru", "ma-loi", "assets", "search", "index", "media", "reports"})
RESERVED_ENTRIES = frozenset({"index"})


@dataclass
class ContestFolder:
    """One contest edition's folder: its ``contest.yml`` and its entry folders (sorted by name)."""

    folder: Path
    entry_folders: list[Path]

    @property
    def slug(self) -> str:
        return self.folder.name

    @property
    def source(self) -> Path:
        return self.folder / CONTEST_FILE


@dataclass
class Discovery:
    """What ``discover`` found: the contest folders to read and the problems of the tree itself."""

    root: Path
    contests: list[ContestFolder] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def discover(entries_dir: Path) -> Discovery:
    """The contest folders of ``entries_dir`` (sorted by name) with their entry folders."""
    found = Discovery(root=entries_dir)
    if not entries_dir.is_dir():
        found.problems.append(Problem("CON002", Location(file=entries_dir), {"folder": str(entries_dir)}))
        return found
    for folder in data_folders(entries_dir):
        where = Location(file=folder, contest=folder.name)
        if problem := bad_folder_name(folder, RESERVED_CONTESTS, where):
            found.problems.append(problem)
        elif not os.path.lexists(folder / CONTEST_FILE):  # (a pipe or a link is refused when read: FIL00x)
            found.problems.append(Problem("CON001", where, {"folder": folder.name}))
        else:
            found.contests.append(ContestFolder(folder, data_folders(folder)))
    return found


def data_folders(folder: Path) -> list[Path]:
    """The sub-folders of ``folder`` that hold data, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def bad_folder_name(folder: Path, reserved: frozenset[str], where: Location) -> Problem | None:
    """CON006 when ``folder``'s name is not a slug (a-z, 0-9, "-") or is one the portal reserves."""
    if not SLUG_RE.match(folder.name) or folder.name in reserved:
        return Problem("CON006", where, {"folder": folder.name, "reserved": ", ".join(sorted(reserved))})
    return None
