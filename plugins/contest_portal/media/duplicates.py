"""Find the same video submitted twice, by content, across every edition.

A partial fingerprint (the size plus three 64 KiB samples: start, middle,
end) costs a few milliseconds whatever the file's size.  Only files whose
partial fingerprints collide are hashed in full.  Both are cached by file
identity, so unchanged files are never read again.  The partial
fingerprints of new files are read in threads (the reads and hashlib release
the GIL), which hides the disk's seek latency.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from contest_portal.core.cache import FileCache
from contest_portal.core.errors import Location, Problem
from contest_portal.model import EntryRecord, Findings, Portal
from contest_portal.rules.contest import received_order

SAMPLE = 64 * 1024


def partial_fingerprint(path: Path) -> str:
    size = path.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with path.open("rb") as handle:
        for offset in sorted({0, max(0, size // 2 - SAMPLE // 2), max(0, size - SAMPLE)}):
            handle.seek(offset)
            digest.update(handle.read(SAMPLE))
    return digest.hexdigest()


def full_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _cached(cache: FileCache, path: Path, kind: str, compute) -> str | None:
    record = cache.get(path) or {}
    if kind not in record:
        try:
            record = {**record, kind: compute(path)}
        except OSError:
            return None
        cache.put(path, record)
    return record[kind]


def _partials(cache: FileCache, paths: list[Path]) -> dict[Path, str]:
    """Every readable path's partial fingerprint: from the cache, else read (in threads)."""
    found: dict[Path, str] = {}
    todo: list[tuple[Path, dict]] = []
    for path in dict.fromkeys(paths):
        record = cache.get(path) or {}
        if "partial" in record:
            found[path] = record["partial"]
        else:
            todo.append((path, record))
    with ThreadPoolExecutor(min(8, 2 * (os.cpu_count() or 1))) as pool:
        for (path, record), outcome in zip(todo, pool.map(_partial_or_none, [path for path, _ in todo])):
            if outcome is not None:
                cache.put(path, {**record, "partial": outcome})
                found[path] = outcome
    return found


def _partial_or_none(path: Path) -> str | None:
    try:
        return partial_fingerprint(path)
    except OSError:
        return None


def find_duplicate_videos(portal: Portal, cache_dir: Path | None) -> Findings:
    """Stage 6: DUP001 on every entry whose video has the same content as an earlier entry's.

    Only files the probe found to be videos are compared: two empty or broken downloads of the
    same bytes are each reported as what they are (VID002-VID004), not as one entry copying another.

    "Earlier": contests by year, entries in the order they were received. Files are compared by
    a partial fingerprint first (64 KiB samples, cached), then by a full hash only where two
    partial fingerprints agree. Fingerprints are cached in ``cache_dir/fingerprints.json``.
    """
    cache = FileCache(cache_dir / "fingerprints.json" if cache_dir else None, "fingerprint")
    videos = [
        (e, e.video_path)
        for c in sorted(portal.contests, key=lambda c: (c.spec.year, c.slug))
        for e in sorted(c.entries, key=received_order)
        if e.video_path is not None and _a_video(e)
    ]
    partials = _partials(cache, [path for _, path in videos])  # one look at each file
    by_partial: dict[str, list[tuple[EntryRecord, Path]]] = {}
    for entry, path in videos:
        key = partials.get(path)
        if key is not None:
            by_partial.setdefault(key, []).append((entry, path))
    found = Findings()
    for group in by_partial.values():
        if len(group) < 2:
            continue
        first_by_hash: dict[str, EntryRecord] = {}
        for entry, path in group:
            digest = _cached(cache, path, "full", full_hash)
            if digest is None:
                continue
            original = first_by_hash.setdefault(digest, entry)
            if original is not entry:
                problem = Problem(
                    "DUP001",
                    Location(file=entry.source, contest=entry.contest_slug, entry=entry.slug, field="video"),
                    {"path": path.name, "other": original.slug, "other_contest": original.contest_slug},
                )
                found.add(entry, [problem])
    cache.save()
    return found


def _a_video(entry: EntryRecord) -> bool:
    """Whether the probe found a video track in the entry's file (True when it was not probed)."""
    info = entry.video_info
    return info is None or (info.size > 0 and info.has_video)
