"""Failures of the machine, not of the data: a full disk, a file gone during a run, a folder that
cannot be written (issue 33, fault 5).

An ``OSError`` the operating system raises becomes a Problem with a stable code that says what
happened and what to do, in the clerk's language, instead of Python's ``[Errno 28] No space left
on device: '…'`` or a traceback.  The command line prints it and exits with its own status
(``EXIT_MACHINE``, 4: README's exit codes).

* ``SYS001`` the disk is full (ENOSPC, EDQUOT): which disk, how much is free, and for a build
  roughly how much it needs (``space_needed``).
* ``SYS002`` a file or folder vanished while the command ran (ENOENT, ESTALE): run it again.
* ``SYS003`` a folder that cannot be written (EROFS, EACCES, EPERM): choose a writable one.
* ``SYS004`` any other refusal of the system (EIO, ENOTDIR…), with the system's own words.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

from contest_portal.core.errors import Problem
from contest_portal.core.files import human_size
from contest_portal.core.i18n import Text

FULL = {errno.ENOSPC, errno.EDQUOT}
GONE = {errno.ENOENT, errno.ESTALE}
READ_ONLY = {errno.EROFS}
NOT_ALLOWED = {errno.EACCES, errno.EPERM}


def failed_path(exc: OSError, where: tuple[Path, ...] = ()) -> Path | None:
    """The path an OSError is about: the target of a copy (``filename2``, where it was writing),
    else its file.  A write to an open file names none: then the folder of ``where`` (the folders
    the command writes) whose disk has the least free space, for a full disk (the one that filled
    up), else the first."""
    name = exc.filename2 if exc.filename2 is not None else exc.filename
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if isinstance(name, str) and name:
        return Path(name)
    if not where:
        return None
    if exc.errno in FULL:
        return min(where, key=lambda folder: shutil.disk_usage(_existing(folder)).free)
    return where[0]


def _existing(path: Path) -> Path:
    """``path`` or its nearest parent that exists."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def mount_point(path: Path) -> Path:
    """The top folder of the disk that holds ``path`` (its nearest folder that exists, followed up
    while the device stays the same): ``/``, ``/home``, ``/media/usb``…"""
    folder = _existing(path).resolve()
    device = folder.stat().st_dev
    while folder.parent != folder and folder.parent.stat().st_dev == device:
        folder = folder.parent
    return folder


def tree_size(folder: Path) -> int:
    """The bytes of the files under ``folder``, each file once however many links it has (0 when
    there is no such folder)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for parent, _dirs, names in os.walk(folder):
        for name in names:
            try:
                info = os.lstat(os.path.join(parent, name))
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                total += info.st_size
    return total


#: What a first build writes besides the media, per language of the site, measured on the sample
#: portal (two languages, 15 entries: a 16 MB site of which 2.6 MB media): the theme's assets with
#: their precompressed copies, about 1.4 times the theme's own, and the pages of each entry and the
#: search index, about 200 KB per entry.
THEME_COPIES = 1.4
PAGES_PER_ENTRY = 200_000


def space_needed(site: Path, entries: Path, written: int = 0, *, languages: int = 1) -> Text:
    """Roughly how much a build of ``site`` needs, said for SYS001 (the new site is built beside
    the old one, which stays until the new one is complete): the last site's size; before a first
    build, the files under ``entries`` (the media it copies, once) and, for each of ``languages``,
    the theme's assets and the pages (``THEME_COPIES``, ``PAGES_PER_ENTRY``), and never less than
    what the failed build had ``written`` (bytes)."""
    if site.is_dir():
        return Text("machine.needed_site", size=human_size(tree_size(site)))
    count = sum(1 for _ in entries.glob("*/*/entry.yml")) if entries.is_dir() else 0
    per_language = THEME_COPIES * _theme_size() + PAGES_PER_ENTRY * count
    estimate = tree_size(entries) + max(languages, 1) * per_language
    return Text("machine.needed_first", size=human_size(int(max(estimate, written))))


def _theme_size() -> int:
    """The bytes of the theme's assets (mkdocs-material's ``templates/assets``) a site copies."""
    try:
        import material
    except ImportError:  # (the theme is a dependency: not expected)
        return 0
    return tree_size(Path(material.__file__).parent / "templates" / "assets")


def machine_problem(
    exc: OSError, *, where: tuple[Path, ...] = (), needed: Text | None = None, renamed: tuple[Path, Path] | None = None
) -> Problem:
    """The Problem (SYS001–SYS004) for ``exc``; ``where``: the folders the command was writing, one
    named when the error names no file (``failed_path``); ``needed``: for a build, roughly what it
    needs (``space_needed``); ``renamed``: ``(staging, site)``, a build's temporary folder named as
    the site it was to become."""
    path = failed_path(exc, where)
    if path is not None and renamed is not None and path.is_relative_to(renamed[0]):
        path = renamed[1] / path.relative_to(renamed[0])
    shown = str(path) if path is not None else ""
    if exc.errno in FULL:
        disk = mount_point(path or Path.cwd())
        free = shutil.disk_usage(_existing(path or Path.cwd())).free
        return Problem(
            "SYS001", values={"path": shown, "disk": str(disk), "free": human_size(free), "needed": needed or ""}
        )
    if exc.errno in GONE:
        return Problem("SYS002", values={"path": shown})
    if exc.errno in READ_ONLY | NOT_ALLOWED:
        reason = Text("machine.read_only" if exc.errno in READ_ONLY else "machine.not_allowed")
        return Problem("SYS003", values={"path": shown, "reason": reason})
    return Problem("SYS004", values={"path": shown, "reason": exc.strerror or str(exc)})
