"""Put entry files (videos, posters, subtitles, attachments) into the built site, isolated from ``entries/``.

A province-wide contest brings hundreds of videos of 100–500 MB.  MkDocs would copy each of
them on every build; hard-linking the entry file itself would cost nothing but would make the
live site and ``entries/`` share one file, so a clerk overwriting a video in place (``cp
new.mp4 entries/.../video.mp4`` truncates and rewrites the same inode) would change the live
site at once, even when the next build then fails.

So a published file changes only when a build publishes it: each source is put once into a
*store* (``.cache/contest-portal/published/``), named by the source's identity (device, inode,
size, modification and change times in ns), as a copy-on-write clone where the filesystem offers
one (``ioctl(FICLONE)`` on Linux: Btrfs, XFS, bcachefs; no data bytes written, disk blocks shared
until one side changes), else a one-time byte copy, and sealed (core/seals.py: size, time and
digest, checked before each use; a damaged copy is made again).  A file edited in place gets a new
identity, hence a new store copy at the next build.

The site shares no file with the store either (issue 33: a cache file damaged in place must not
damage the live site): each site file is a clone of the store's copy, else a hard link to the
live site's file of the same name when it still holds the same bytes (checked against the seal),
else a byte copy.  So a warm rebuild writes 0 bytes (clones, or links to the site it replaces),
and the cost of the isolation is disk space: on a filesystem without clones (ext4) the store's
copy and the site's copy, twice what the site publishes.

The publishing process (publish/background.py) puts the files there while MkDocs renders the
pages; after a successful build ``BackgroundPublish.sweep()`` removes the store's copies the build did
not publish (their source is gone, was changed or is no longer published).
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from contest_portal.core.seals import Seals, mismatch

FICLONE = 0x40049409  # linux/fs.h: _IOW(0x94, 9, int), clone a whole file (copy-on-write)
PARTIAL = ".partial"  # a store copy being written; renamed into place when complete
STALE_PARTIAL_S = 3600  # an unfinished copy older than this belongs to no running build
STORE = "published"  # the store's folder in the cache folder


@dataclass
class MediaStats:
    """What publishing cost.  Counts are files, ``copied_bytes`` bytes written by byte copies
    (into the store, or into the site; a clone writes none)."""

    stored: int = 0  # copies put into the store (new or changed sources, damaged copies made again)
    linked: int = 0  # hard links made into the site, to the live site's file of the same bytes
    cloned: int = 0  # copy-on-write clones made (into the store or the site)
    copied: int = 0  # byte copies made (into the store, or into the site when it can neither clone nor link)
    copied_bytes: int = 0
    unchanged: int = 0  # already in place in the site (a rebuild in place: the same bytes)
    written: int = 0  # files made in memory written into the site (the embeddable views)
    held_files: int = 0  # in the store after the sweep (sweep() sets them)
    held_bytes: int = 0
    damaged: list[list[str]] = field(default_factory=list)  # [path, reason] of store copies made again (damaged)

    @property
    def placed(self) -> int:
        """Files put into the site by this call (however made)."""
        return self.linked + self.unchanged + self.cloned + self.copied - self.stored


def store_name(identity: os.stat_result, source: Path) -> str:
    """The store's name for a source of this identity: ``<dev>-<ino>-<size>-<mtime_ns>-<ctime_ns><suffix>`` (hex)."""
    return (
        f"{identity.st_dev:x}-{identity.st_ino:x}-{identity.st_size:x}-{identity.st_mtime_ns:x}-"
        f"{identity.st_ctime_ns:x}{source.suffix.lower()}"
    )


def _same_version(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns, a.st_ctime_ns) == (
        b.st_dev,
        b.st_ino,
        b.st_size,
        b.st_mtime_ns,
        b.st_ctime_ns,
    )


def _clone_or_copy(source, target) -> bool:
    """Fill the open file ``target`` with ``source``'s bytes: True for a clone, False for a copy."""
    if sys.platform.startswith("linux"):
        import fcntl

        try:
            fcntl.ioctl(target.fileno(), FICLONE, source.fileno())
            return True
        except OSError:  # EOPNOTSUPP (ext4, tmpfs), EXDEV (another filesystem), EINVAL...
            pass
    shutil.copyfileobj(source, target, 1 << 20)
    return False


def _new_copy(source: Path, target: Path, stats: MediaStats) -> os.stat_result:
    """Copy (or clone) ``source`` to ``target`` atomically; return the source's identity at the copy.

    The identity is read from the open file before and after: a file being rewritten meanwhile
    is copied again (three tries), so a copy is never a mix of two versions under one name.
    Raises OSError (FileNotFoundError for a source that is gone).
    """
    for _ in range(3):
        partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}{PARTIAL}")
        with source.open("rb") as reader:
            before = os.fstat(reader.fileno())
            try:
                with partial.open("wb") as writer:
                    cloned = _clone_or_copy(reader, writer)
                after = os.fstat(reader.fileno())
                if not _same_version(before, after):
                    partial.unlink()
                    continue
                partial.replace(target)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
        if cloned:
            stats.cloned += 1
        else:
            stats.copied += 1
            stats.copied_bytes += before.st_size
        return before
    raise OSError(f"{source}: changed while it was being copied")


#: (cache's device, site folder's device) pairs where a clone failed: not tried again by this process
_NO_CLONES: set[tuple[int, int]] = set()


def _place(stored: Path, seal: dict | None, target: Path, live: Path | None, stats: MediaStats) -> None:
    """Put the store's copy ``stored`` at ``target`` without sharing a file with the cache: a clone,
    else a hard link to the live site's file ``live`` when it still holds the same bytes (``seal``:
    the store copy's), else a byte copy.  Raises OSError (FileNotFoundError: ``stored`` is gone)."""
    devices = (os.stat(stored).st_dev, os.stat(target.parent).st_dev)
    if sys.platform.startswith("linux") and devices not in _NO_CLONES:
        import fcntl

        with stored.open("rb") as reader:
            try:
                with target.open("xb") as writer:
                    fcntl.ioctl(writer.fileno(), FICLONE, reader.fileno())
                stats.cloned += 1
                return
            except OSError:  # EOPNOTSUPP (ext4, tmpfs), EXDEV...: no clone here, nor for the next files
                target.unlink(missing_ok=True)
                _NO_CLONES.add(devices)
    if live is not None and seal is not None:
        try:
            if not os.path.samefile(live, stored) and mismatch(live, seal, same_file=False) is None:
                os.link(live, target)
                stats.linked += 1
                return
        except OSError:  # not in the live site, or on another filesystem
            pass
    _new_copy(stored, target, stats)


def publish_files(
    pairs: list[tuple[Path, Path]],
    stop: threading.Event | None = None,
    store: Path | None = None,
    used: set[str] | None = None,
    live: list[Path | None] | None = None,
) -> MediaStats:
    """Publish every ``(source, target)`` pair; return what it cost.  ``stop`` ends it early.

    With a ``store`` folder: the source's copy in the store (made now if the source is new or
    changed, or made again when it no longer matches its seal: core/seals.py, kept in
    ``<store>.seals.json``) is put at ``target`` as a clone, or as a hard link to the pair's file
    in ``live`` (the live site's file of that name) when that still holds the same bytes, or as a
    copy (``_place``): the site shares no file with the cache, so a cache file damaged in place
    never changes a site.  Its store name is added to ``used``; ``stats.damaged`` lists the store
    copies made again because they were damaged.  Without a store: ``target`` gets a fresh clone
    or copy on every call.  The site never shares a file with a source.  Raises OSError
    (FileNotFoundError for a missing source).
    """
    stats = MediaStats()
    seals = Seals(store.parent, f"{store.name}.seals.json") if store is not None else None
    if store is not None:
        store.mkdir(parents=True, exist_ok=True)
    try:
        _publish_pairs(pairs, stop, store, used, live or [None] * len(pairs), seals, stats)
    finally:
        if seals is not None:
            seals.save()
            stats.damaged = [[str(path), reason] for path, reason in seals.damaged]
    return stats


def _publish_pairs(
    pairs: list[tuple[Path, Path]],
    stop: threading.Event | None,
    store: Path | None,
    used: set[str] | None,
    live: list[Path | None],
    seals: Seals | None,
    stats: MediaStats,
) -> None:
    folders: set[Path] = set()
    for (source, target), live_file in zip(pairs, live):
        if stop is not None and stop.is_set():
            break
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if store is None or seals is None:
            target.unlink(missing_ok=True)
            _new_copy(source, target, stats)
            continue
        name = store_name(os.stat(source), source)
        stored = store / name
        if used is not None:
            used.add(name)
        for attempt in range(2):
            if not seals.check(stored):  # new, changed since the last build, or damaged: (made) again
                identity = _new_copy(source, stored, stats)
                stats.stored += 1
                name = store_name(identity, source)
                if name != stored.name:  # changed between the stat and the copy: named by what was copied
                    stored.replace(store / name)
                    stored = store / name
                    if used is not None:
                        used.add(name)
                seals.seal(stored)
            seal = seals.get(stored)
            if target.exists():  # a rebuild in place (plain `mkdocs build`): kept when it holds the same bytes
                if mismatch(target, seal, same_file=False) is None and not os.path.samefile(target, stored):
                    stats.unchanged += 1
                    break
                target.unlink()
            try:
                _place(stored, seal, target, live_file, stats)
                break
            except FileNotFoundError:  # swept by another build at that moment: made again, once
                if attempt:
                    raise


def sweep_store(store: Path, used: set[str]) -> tuple[int, int]:
    """Remove the copies in ``store`` not named in ``used``; return ``(files, bytes)`` kept.

    A copy being written by another build (``.*.partial``) is left alone unless it is over an
    hour old.  Removing a copy a live site still links leaves that site's file as it is.
    """
    files = size = 0
    try:
        listing = list(os.scandir(store))
    except FileNotFoundError:
        return 0, 0
    now = time.time()
    for item in listing:
        try:
            if item.name in used:
                files += 1
                size += item.stat(follow_symlinks=False).st_size
            elif not item.name.endswith(PARTIAL) or now - item.stat().st_mtime > STALE_PARTIAL_S:
                if item.is_dir(follow_symlinks=False):
                    shutil.rmtree(item.path, ignore_errors=True)
                else:
                    os.unlink(item.path)
        except OSError:
            pass  # removed by another build meanwhile
    return files, size
