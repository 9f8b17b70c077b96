"""Resolve a file named in entry.yml to a path inside the entry folder, and open data files, safely.

A reference must be a plain relative name inside the entry's own folder: no
``..``, no absolute or Windows-style path, no symlink that leads outside, and
never one of the data files (entry.yml, private.yml).  A name that differs
from the file on disk only by Unicode normalization (NFD names written on
macOS) is matched to that file.

Every file the tool reads itself (YAML, news posts, spreadsheets, texts shown in pages) is
opened through ``open_regular``: a regular file, inside the folder it belongs to, of bounded size;
anything else is a coded problem, never a blocked read (a named pipe) or an unbounded one.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path, PurePosixPath

from contest_portal.core.errors import Location, Problem
from contest_portal.core.filenames import same_on_windows

DATA_FILES = frozenset({"entry.yml", "private.yml", "contest.yml"})

#: File types each field may publish.  Nothing that a browser would run (html, svg, js) is ever
#: accepted, so no submitted file can carry script onto the portal.
ALLOWED_SUFFIXES = {
    # what phones, cameras (AVCHD .mts/.m2ts, DV .dv), TV stations (.ts, .mpg), messengers and old
    # editors (.3gp, .avi, Windows Movie Maker's .wmv) save: a web rendition plays any of them
    "video": (
        ".mp4",
        ".m4v",
        ".mov",
        ".webm",
        ".mkv",
        ".ts",
        ".mts",
        ".m2ts",
        ".mpg",
        ".mpeg",
        ".3gp",
        ".avi",
        ".wmv",
        ".dv",
    ),
    "poster": (".jpg", ".jpeg", ".png", ".webp"),
    "subtitles": (".vtt",),
    "article": (".md", ".txt", ".pdf", ".docx", ".doc", ".odt"),
    "explanatory_text": (".md", ".txt", ".pdf", ".docx", ".doc", ".odt"),
}
_WINDOWS_ABS = re.compile(r"^[a-zA-Z]:|^\\\\")


def resolve_entry_file(
    folder: Path, reference: str, where: Location, kind: str | None = None
) -> tuple[Path | None, Problem | None]:
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
    candidate: Path | None
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
    """Walk ``parts`` under ``folder``, matching names by their NFC form, else as Windows does,
    letter case and a name's trailing dots and spaces aside, when only one name matches so
    ("Video.MP4 " typed on a Windows PC, where it opens, for "video.mp4": the entry folder is the
    same wherever it is copied)."""
    current = folder
    for part in parts:
        exact = current / part
        if exact.exists() or exact.is_symlink():
            current = exact
            continue
        wanted = unicodedata.normalize("NFC", part)
        try:
            children = list(current.iterdir())
        except OSError:
            return None
        match = next((child for child in children if unicodedata.normalize("NFC", child.name) == wanted), None)
        if match is None:
            folded = [child for child in children if same_on_windows(child.name, wanted.rstrip(". "))]
            match = folded[0] if len(folded) == 1 else None
        if match is None:
            return None
        current = match
    return current


# --- opening data files ----------------------------------------------------------------------

#: Size limits of the files the tool reads itself (bytes): a contest.yml, entry.yml or private.yml;
#: a news post or an article / explanatory text shown in a page; a spreadsheet (score sheet,
#: vote snapshot, quiz results, register).
MAX_YAML_BYTES = 1_000_000
MAX_TEXT_BYTES = 2_000_000
MAX_TABLE_BYTES = 20_000_000

#: Suffixes of the texts shown inside an entry page (their size is limited by MAX_TEXT_BYTES).
INLINE_TEXT_SUFFIXES = (".md", ".txt")


def is_inline_text(path: Path) -> bool:
    """Whether an article or explanatory text is shown inside its entry page (else published as a file)."""
    return path.suffix.lower() in INLINE_TEXT_SUFFIXES


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class FileRefused(Exception):
    """A file the tool will not read: ``problem`` is FIL005 (not a regular file), FIL006 (a link
    leading outside its folder) or FIL007 (too large), located at the file."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def human_size(size: int) -> str:
    """``1234567`` → ``"1.2 MB"`` (decimal units, as file managers show them)."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} B"


def open_regular(path: Path, root: Path | None, *, max_bytes: int) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``max_bytes`` bytes inside ``root``.

    ``root``: the folder the file (after following links) must be in, e.g. the entries folder;
    None accepts a regular file anywhere (a file the user named on the command line). The file is
    opened without blocking and without following a link swapped in at the last moment, and
    checked again once open, so a named pipe (FIFO), device or socket is refused at once instead of
    blocking the tool. Never reads more than ``max_bytes + 1`` bytes.

    Raises ``FileRefused`` (FIL005 not a regular file, FIL006 a link leading outside ``root``,
    FIL007 more than ``max_bytes``) and ``OSError`` when the file is missing or unreadable.
    """
    values = {"path": path.name}
    real = Path(os.path.realpath(path))
    if root is not None:
        try:
            real.relative_to(os.path.realpath(root))
        except ValueError:
            raise FileRefused(Problem("FIL006", Location(file=path), values)) from None
    if not stat.S_ISREG(os.lstat(real).st_mode):
        raise FileRefused(Problem("FIL005", Location(file=path), values))
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO):  # a link or a FIFO without a writer swapped in
            raise FileRefused(Problem("FIL005", Location(file=path), values)) from None
        raise
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped between the check and the open
            raise FileRefused(Problem("FIL005", Location(file=path), values))
        too_large = Problem(
            "FIL007", Location(file=path), {**values, "size": human_size(info.st_size), "limit": human_size(max_bytes)}
        )
        if info.st_size > max_bytes:
            raise FileRefused(too_large)
        chunks, total = [], 0
        while total <= max_bytes:  # the file may grow while it is read
            chunk = handle.read(min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise FileRefused(
                Problem(
                    "FIL007",
                    Location(file=path),
                    {**values, "size": human_size(total) + "+", "limit": human_size(max_bytes)},
                )
            )
        return b"".join(chunks)


def entry_folder_of(path: Path) -> Path:
    """The entry folder a file named in entry.yml belongs to: the nearest folder above it that
    holds an entry.yml (the file's own folder when none does)."""
    for folder in path.parents:
        if (folder / "entry.yml").is_file():
            return folder
    return path.parent


def read_entry_text(path: Path) -> str:
    """An entry's article or explanatory text shown in its page (``.md``, ``.txt``), as text.

    UTF-8 with or without BOM; an undecodable byte becomes U+FFFD. At most ``MAX_TEXT_BYTES``,
    a regular file inside its entry folder; raises ``FileRefused`` or ``OSError`` like
    ``open_regular``. The reading stage reports the same refusals as problems of the entry.
    """
    data = open_regular(path, entry_folder_of(path), max_bytes=MAX_TEXT_BYTES)
    return data.decode("utf-8-sig", errors="replace")
