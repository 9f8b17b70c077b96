"""Resolve a file named in entry.yml to a path inside the entry folder, safely.

A reference must be a plain relative name inside the entry's own folder: no
``..``, no absolute or Windows-style path, no symlink that leads outside, and
never one of the data files (entry.yml, private.yml).  A name that differs
from the file on disk only by Unicode normalization (NFD names written on
macOS) is matched to that file.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path, PurePosixPath

from contest_portal.core.errors import Location, Problem

DATA_FILES = frozenset({"entry.yml", "private.yml", "contest.yml"})

#: File types each field may publish.  Nothing that a browser would run (html, svg, js) is ever
#: accepted, so no submitted file can carry script onto the portal.
ALLOWED_SUFFIXES = {
    "video": (".mp4", ".m4v", ".mov", ".webm"),
    "poster": (".jpg", ".jpeg", ".png", ".webp"),
    "subtitles": (".vtt",),
    "article": (".md", ".txt", ".pdf", ".docx", ".doc", ".odt"),
    "explanatory_text": (".md", ".txt", ".pdf", ".docx", ".doc", ".odt"),
}
_WINDOWS_ABS = re.compile(r"^[a-zA-Z]:|^\\\\")


def resolve_entry_file(folder: Path, reference: str, where: Location,
                       kind: str | None = None) -> tuple[Path | None, Problem | None]:
    """Return (path, None) for a safe existing file, or (None, problem).

    ``kind`` (a key of ALLOWED_SUFFIXES) limits the file types accepted.
    """
    values = {"path": reference}
    ref = reference.strip()
    if not ref or ref.startswith(("/", "~")) or _WINDOWS_ABS.match(ref) or "\\" in ref:
        return None, Problem("FIL002", where, values)
    parts = PurePosixPath(ref).parts
    if any(part == ".." for part in parts):
        return None, Problem("FIL002", where, values)
    if PurePosixPath(ref).name.lower() in DATA_FILES:
        return None, Problem("FIL003", where, values)
    identity = _plain_file(folder, parts)
    if identity is not None:
        candidate = folder / parts[0]
    else:  # not a regular file right in the folder: follow links, then check again
        candidate = _match_normalized(folder, parts)
        if candidate is None:
            return None, Problem("FIL001", where, values)
        try:
            real = candidate.resolve(strict=True)
            real.relative_to(folder.resolve(strict=True))
        except (OSError, ValueError):
            return None, Problem("FIL002", where, values)
        if not real.is_file():
            return None, Problem("FIL001", where, values)
        if real.name.lower() in DATA_FILES:
            return None, Problem("FIL003", where, values)  # a link to private.yml
        identity = real.stat()
    if _same_as_data_file(identity, folder):
        return None, Problem("FIL003", where, values)  # a (hard) link to private.yml
    if kind is not None and candidate.suffix.lower() not in ALLOWED_SUFFIXES[kind]:
        return None, Problem("FIL004", where, {**values, "allowed": ", ".join(ALLOWED_SUFFIXES[kind])})
    return candidate, None


def _plain_file(folder: Path, parts: tuple[str, ...]) -> os.stat_result | None:
    """The identity of ``folder/name`` when it is a regular file (not a link) right in the folder.

    The common case, checked with one lstat: such a file is inside the folder by construction,
    so the path need not be resolved component by component.
    """
    if len(parts) != 1:
        return None
    try:
        identity = os.lstat(folder / parts[0])
    except OSError:
        return None
    return identity if stat.S_ISREG(identity.st_mode) else None


def _same_as_data_file(identity: os.stat_result, folder: Path) -> bool:
    """Whether the file of ``identity`` is one of the folder's data files (a hard link to private.yml)."""
    for name in DATA_FILES:
        try:
            data = os.stat(folder / name)
        except OSError:
            continue
        if (data.st_dev, data.st_ino) == (identity.st_dev, identity.st_ino):
            return True
    return False


def _match_normalized(folder: Path, parts: tuple[str, ...]) -> Path | None:
    """Walk ``parts`` under ``folder``, matching names by their NFC form."""
    current = folder
    for part in parts:
        exact = current / part
        if exact.exists() or exact.is_symlink():
            current = exact
            continue
        wanted = unicodedata.normalize("NFC", part)
        try:
            match = next((child for child in current.iterdir()
                          if unicodedata.normalize("NFC", child.name) == wanted), None)
        except OSError:
            return None
        if match is None:
            return None
        current = match
    return current
