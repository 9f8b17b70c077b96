"""Seals of the files the build keeps in its cache: what each file was when it was made, checked
before it is used again.

A poster, thumbnail, cover, rendition, published copy or search bundle made by one build is
reused by the next.  A file of the cache damaged since (cut short by a full disk, overwritten by a
tool, emptied) must never reach a site: each is sealed when made (its size, modification time
and a BLAKE2b digest) and checked before each use.  A file that no longer matches its seal, or has
none (made by an older version, or its seal was lost), is made again; the build says so (CAC001)
for a file that had a seal.

The digest is of the whole file up to ``WHOLE_MAX`` bytes (posters, thumbnails, subtitles: well
under a millisecond each); of a larger file (a video, a document), of ``SAMPLES`` blocks of
``SAMPLE`` bytes spread from its first byte to its last, so that checking a 500 MB video reads
256 KB, not 500 MB (bench/cache_isolation.py: hashing whole 5 MB videos made a warm build's
check of 40 of them take 4 s).  A change of size or modification time is always found; a change of a large
file's bytes that keeps both (a write followed by ``touch -r``) only where it meets a block.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contest_portal.core.atomic import write_atomic
from contest_portal.core.errors import Location, Problem, Text

#: Files up to this size (bytes) are hashed whole; larger ones by samples.
WHOLE_MAX = 256 << 10
#: Blocks hashed of a larger file, and their size (bytes).
SAMPLES = 16
SAMPLE = 16 << 10
#: The seals of a cache folder, keyed by each file's path relative to it.
SEALS_FILE = "seals.json"
SEALS_VERSION = 1
#: The code of "a file of the cache was damaged and has been made again" (a warning).
DAMAGED = "CAC001"
#: Where that warning is said: outside MkDocs' loggers, so ``--strict`` does not stop a build for a
#: cache it has just repaired (no fault of the data).
cache_log = logging.getLogger("contest_portal.cache")


def bytes_digest(data: bytes) -> str:
    """The digest of a file of at most WHOLE_MAX bytes whose bytes are ``data`` (read once, to be
    checked and then written elsewhere)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def content_digest(path: Path, size: int) -> str:
    """BLAKE2b (16 bytes, hex) of ``path``'s bytes, or of its samples when ``size`` > WHOLE_MAX.
    Raises OSError."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        if size <= WHOLE_MAX:
            return bytes_digest(handle.read())
        else:
            step = (size - SAMPLE) / (SAMPLES - 1)
            for n in range(SAMPLES):
                handle.seek(round(n * step))
                digest.update(handle.read(SAMPLE))
    return digest.hexdigest()


def seal_of(path: Path) -> dict:
    """``{"size": bytes, "mtime_ns": ns, "digest": hex}`` of ``path`` now.  Raises OSError."""
    st = os.stat(path)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "digest": content_digest(path, st.st_size)}


def mismatch(path: Path, seal: object, *, same_file: bool = True) -> str | None:
    """Why ``path`` is not the file ``seal`` describes (``"missing"``, ``"size"``, ``"time"``,
    ``"content"``, ``"unsealed"``), or None when it is.  ``same_file=False`` compares size and
    content only (another file that should hold the same bytes: a copy of the sealed one)."""
    if not isinstance(seal, dict):
        return "unsealed"
    try:
        st = os.stat(path)
        if st.st_size != seal.get("size"):
            return "size"
        if same_file and st.st_mtime_ns != seal.get("mtime_ns"):
            return "time"
        if content_digest(path, st.st_size) != seal.get("digest"):
            return "content"
    except OSError:
        return "missing"
    return None


class Seals:
    """load / check / seal / save of the seals of the files under one cache folder.

    Kept in ``<cache>/seals.json`` (written atomically by ``save``); a damaged or foreign file is
    read as no seals (every file is then made again once).  ``damaged`` lists, for the build's
    log, ``(path, reason)`` of each file ``check`` refused that had a seal or was on disk.
    """

    def __init__(self, cache_dir: Path | None, name: str = SEALS_FILE):
        self.root = cache_dir
        self.location = cache_dir / name if cache_dir is not None else None
        self.entries: dict[str, dict] = {}
        self.damaged: list[tuple[Path, str]] = []
        self.dirty = False
        if self.location is not None:
            try:
                data = json.loads(self.location.read_text(encoding="utf-8"))
                if data.get("version") == SEALS_VERSION and isinstance(data.get("seals"), dict):
                    self.entries = data["seals"]
            except (OSError, ValueError, AttributeError):
                pass

    def _key(self, path: Path) -> str:
        if self.root is None:
            return str(path)
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def check(self, path: Path) -> bool:
        """Whether ``path`` is still the file that was sealed.  A file on disk that does not match
        its seal is noted in ``damaged`` and its seal dropped; a missing file, or one without a
        seal (made by an older version; the seals file lost), is not noted: it is simply made."""
        key = self._key(path)
        reason = mismatch(path, self.entries.get(key))
        if reason is None:
            return True
        if reason not in ("missing", "unsealed"):
            self.damaged.append((path, reason))
        if self.entries.pop(key, None) is not None:
            self.dirty = True
        return False

    def seal(self, path: Path) -> None:
        """Record ``path`` as it is now (just made).  A file that cannot be read is left unsealed:
        the next build makes it again."""
        try:
            self.entries[self._key(path)] = seal_of(path)
        except OSError:
            self.entries.pop(self._key(path), None)
        self.dirty = True

    def get(self, path: Path) -> dict | None:
        return self.entries.get(self._key(path))

    def put(self, path: Path, seal: dict) -> None:
        """Record a seal made elsewhere (the publishing process)."""
        self.entries[self._key(path)] = seal
        self.dirty = True

    def save(self) -> None:
        """Write the seals (nothing when unchanged; a read-only cache keeps none: files are made
        again next time)."""
        if self.location is None or not self.dirty:
            return
        try:
            # the seals of files still on disk (a swept or deleted file's seal goes)
            kept = {key: seal for key, seal in self.entries.items() if self.root is None or (self.root / key).exists()}
            write_atomic(self.location, json.dumps({"version": SEALS_VERSION, "seals": kept}, sort_keys=True))
            self.dirty = False
        except OSError:
            pass


@contextmanager
def owned(seals: Seals | None, cache_dir: Path) -> Iterator[Seals]:
    """``seals`` as given (its owner saves it), or the cache's own, loaded now and saved at the end
    (a function called on its own, as the tests do)."""
    if seals is not None:
        yield seals
        return
    own = Seals(cache_dir)
    try:
        yield own
    finally:
        own.save()


def damaged_problem(path: Path, reason: str) -> Problem:
    """CAC001 for the cache file ``path`` found damaged (``reason``: see ``mismatch``) and made again."""
    return Problem(DAMAGED, Location(file=path), {"path": path.name, "reason": Text(f"problem.cache_reason.{reason}")})


def damaged_problems(seals: Seals) -> list[Problem]:
    """CAC001 for each file ``seals.check`` refused."""
    return [damaged_problem(path, reason) for path, reason in seals.damaged]
