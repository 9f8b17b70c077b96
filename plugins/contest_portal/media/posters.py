"""Poster frames for published video entries without a poster, and a thumbnail for every entry.

Posters (JPEG, at most 1280 px wide) are written to the cache folder (never
to entries/) and reused while the video's identity (size, mtime, inode) is
unchanged.  Decoding runs in
worker processes (pebble's process pool), in parallel across the machine's
cores, each job bounded in time: a video that cannot be decoded, or takes too
long, gets no poster (the page shows a placeholder) and a VID016 warning
instead of crashing or hanging the build; pebble stops the stuck worker.

An entry's own poster (``poster:`` in entry.yml) is never published as it was sent: it is
decoded with a pixel limit and written again as a JPEG of the same bounded size, upright and
without metadata (media/images.py), cached by the source's identity.  A picture that cannot be
decoded or has too many pixels is not published (IMG001 warning); the entry then gets a frame
of its video, if it has one, else the page shows a placeholder.

Thumbnails (WebP, about 480 px wide) are made from the entry's own poster
image, or else from its poster frame, and reused while that source file's
identity is unchanged.  Pillow releases the GIL while decoding, resizing and
encoding, so they are made in threads.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from contest_portal.core.cache import FileCache, file_identity
from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import DEFAULT_LANGUAGE
from contest_portal.core.progress import Progress
from contest_portal.media.images import ImageError, check_pixels, reencode
from contest_portal.media.probe import POSTER_WIDTH, MediaError, extract_poster, make_thumbnail
from contest_portal.model import EntryRecord, Portal

DEFAULT_TIMEOUT = 30.0
#: Own posters re-encoded at once: each may take up to about 200 MB while decoded (images.MAX_PIXELS).
IMAGE_WORKERS = 2


def _work(job: tuple[str, str, float]) -> str | None:
    """Worker: decode one poster; return an error text, or None on success."""
    video, target, at_fraction = job
    try:
        extract_poster(Path(video), Path(target), at_fraction=at_fraction)
    except (MediaError, OSError, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return None


def ensure_posters(portal: Portal, cache_dir: Path, *, at_fraction: float = 0.1, timeout: float = DEFAULT_TIMEOUT,
                   workers: int | None = None, lang: str = DEFAULT_LANGUAGE) -> tuple[dict[str, Path], list[Problem]]:
    """Return ``({"contest/entry": poster}, warnings)`` for every published entry with a picture.

    The poster is the entry's own poster re-encoded (see ``own_posters``), else a frame of its
    video.  ``at_fraction``: where in the video the frame is taken (0–1 of its duration); ``timeout``:
    seconds one decode may take once started; ``lang``: the progress bar's language.
    """
    # the width in the kind: posters of an older size are made again, once
    cache = FileCache(cache_dir / "posters.json", f"poster-{POSTER_WIDTH}")
    found, problems = own_posters(portal, cache_dir, lang=lang)
    todo: list[tuple[str, EntryRecord, Path, Path]] = []  # key, entry, its video, the poster to make
    for contest in portal.contests:
        for entry in contest.published_entries:
            video = entry.video_path
            if f"{contest.slug}/{entry.slug}" in found or video is None:
                continue
            key = f"{contest.slug}/{entry.slug}"
            target = cache_dir / "posters" / contest.slug / f"{entry.slug}.jpg"
            if cache.get(video) == str(target) and target.is_file():
                found[key] = target
            else:
                todo.append((key, entry, video, target))
    portal.stats["posters_decoded"] = len(todo)
    errors = _run_all(todo, at_fraction, timeout, workers, lang) if todo else []
    for (key, entry, video, target), error in zip(todo, errors):
        if error is None and target.is_file():
            cache.put(video, str(target))
            found[key] = target
        else:
            problems.append(Problem("VID016", Location(file=video, contest=entry.contest_slug, entry=entry.slug),
                                    {"path": video.name, "detail": error or "?"}))
    cache.save()
    return found, problems


def own_posters(portal: Portal, cache_dir: Path, *,
                lang: str = DEFAULT_LANGUAGE) -> tuple[dict[str, Path], list[Problem]]:
    """Return ``({"contest/entry": poster}, warnings)``: the own poster of every published entry
    that has one, re-encoded under ``cache_dir/images/`` (never under entries/) and reused while
    the source's identity (and the re-encoded file's) is unchanged.  A picture that cannot be
    decoded or is over the pixel limit gets no poster and an IMG001 warning.
    ``portal.stats["images_reencoded"]`` counts the pictures decoded in this call.
    """
    cache = FileCache(cache_dir / "images.json", f"poster-image-{POSTER_WIDTH}")
    found: dict[str, Path] = {}
    todo: list[tuple[str, EntryRecord, Path, Path]] = []  # key, entry, its picture, the poster to make
    for contest in portal.contests:
        for entry in contest.published_entries:
            source = entry.poster_path
            if source is None:
                continue
            key = f"{contest.slug}/{entry.slug}"
            target = cache_dir / "images" / contest.slug / f"{entry.slug}.jpg"
            if _still_valid(cache.get(source), target):
                found[key] = target
            else:
                todo.append((key, entry, source, target))
    problems: list[Problem] = []
    portal.stats["images_reencoded"] = len(todo)
    with Progress("image", len(todo), lang=lang) as bar, ThreadPoolExecutor(IMAGE_WORKERS) as pool:
        for (key, entry, source, target), error in zip(todo, pool.map(_reencode, todo)):
            bar.advance()
            if error is None:
                cache.put(source, {"target": str(target), "id": file_identity(target)})
                found[key] = target
            else:
                problems.append(Problem("IMG001", Location(file=source, contest=entry.contest_slug, entry=entry.slug,
                                                           field="poster"),
                                        {"path": source.name, "detail": error}))
    cache.save()
    return found, problems


def _reencode(job: tuple[str, EntryRecord, Path, Path]) -> str | None:
    """Re-encode one picture; return an error text, or None on success."""
    _, _, source, target = job
    try:
        reencode(source, target)
    except (MediaError, OSError, ValueError, MemoryError) as exc:
        return str(exc) or type(exc).__name__
    return None


def _run_all(todo, at_fraction: float, timeout: float, workers: int | None,
             lang: str = DEFAULT_LANGUAGE) -> list[str | None]:
    """Decode every poster in worker processes; a stuck or crashed worker never blocks the build.

    Each job gets ``timeout`` seconds from the moment it starts (pebble's per-job timeout: the
    worker running a job past it is stopped and replaced); a worker that dies (a decoder
    crashing on a pathological file) fails its job only. Returns an error text or None per job.
    """
    jobs = [(str(video), str(target), at_fraction) for _, _, video, target in todo]
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    context = multiprocessing.get_context("spawn")  # no fork of a process that may run threads
    pool = ProcessPool(max_workers=count, context=context)
    results: list[str | None] = []
    bar = Progress("poster", len(jobs), lang=lang)
    try:
        futures = [pool.schedule(_work, args=(job,), timeout=timeout) for job in jobs]
        for future in futures:
            try:
                results.append(future.result())
            except FuturesTimeout:
                results.append(f"timeout after {timeout:g} s")
            except ProcessExpired:
                results.append("the decoding process stopped")
            except Exception as exc:  # an error inside the worker, e.g. in PyAV
                results.append(str(exc) or type(exc).__name__)
            bar.advance()
        return results
    finally:
        bar.close()
        pool.stop()  # ends every worker, a stuck decoder's too
        pool.join()


def ensure_thumbnails(portal: Portal, posters: dict[str, Path], cache_dir: Path, *,
                      lang: str = DEFAULT_LANGUAGE) -> dict[str, Path]:
    """Return ``{"contest/entry": thumbnail}`` (WebP) for every published entry with a picture.

    The source is the entry's own poster image when it is within the pixel limit, else its
    poster from ``posters`` (as returned by ensure_posters).  An entry with neither, or whose
    picture cannot be read, gets no thumbnail (the page shows a placeholder).  ``portal.stats["thumbnails_made"]`` counts
    the thumbnails made in this call: 0 on a warm rebuild.
    """
    cache = FileCache(cache_dir / "thumbnails.json", "thumbnail")
    found: dict[str, Path] = {}
    todo: list[tuple[str, Path, Path]] = []
    for contest in portal.contests:
        for entry in contest.published_entries:
            key = f"{contest.slug}/{entry.slug}"
            source = entry.poster_path if _decodable(entry.poster_path) else None
            source = source or posters.get(key)
            if source is None:
                continue
            target = cache_dir / "thumbnails" / contest.slug / f"{entry.slug}.webp"
            if _still_valid(cache.get(source), target):
                found[key] = target
            else:
                todo.append((key, source, target))
    portal.stats["thumbnails_made"] = len(todo)
    with Progress("thumbnail", len(todo), lang=lang) as bar, ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        for (key, source, target), made in zip(todo, pool.map(_thumbnail, todo)):
            bar.advance()
            if made:
                # the target's identity too: the same file may since have been made from another source
                cache.put(source, {"target": str(target), "id": file_identity(target)})
                found[key] = target
    cache.save()
    return found


def _decodable(picture: Path | None) -> bool:
    """Whether a picture's header is readable and within the pixel limit (nothing decoded)."""
    if picture is None:
        return False
    try:
        check_pixels(picture)
    except ImageError:
        return False
    return True


def _thumbnail(job: tuple[str, Path, Path]) -> bool:
    _, source, target = job
    try:
        make_thumbnail(source, target)
    except (MediaError, OSError):
        return False
    return True


def _still_valid(record, target: Path) -> bool:
    try:
        return (isinstance(record, dict) and record.get("target") == str(target)
                and record.get("id") == file_identity(target))
    except OSError:  # the thumbnail was deleted
        return False
