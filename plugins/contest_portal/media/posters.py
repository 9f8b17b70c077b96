"""Poster frames for published video entries without a poster, and a thumbnail for every entry.

Posters (JPEG, at most 1280 px wide) are written to the cache folder (never
to entries/) and reused while the video's identity (size, mtime, inode) is
unchanged.  Every decode (a poster frame, an own picture, a thumbnail) runs
in a worker process (core/jobs.py: pebble's pool), in parallel across the
machine's cores for large batches, each job bounded in time: a video that
cannot be decoded, or takes too long, gets no poster (the page shows a
placeholder) and a VID016 warning instead of crashing or hanging the build;
the stuck worker is stopped and only its job fails.

An entry's own poster (``poster:`` in entry.yml) is never published as it was sent: it is
decoded with a pixel limit and written again as a JPEG of the same bounded size, upright and
without metadata (media/images.py), cached by the source's identity.  A picture that cannot be
decoded or has too many pixels is not published (IMG001 warning); the entry then gets a frame
of its video, if it has one, else the page shows a placeholder.

Thumbnails (WebP, about 480 px wide) are made from the entry's poster as
``ensure_posters`` returns it (the own picture re-encoded, or the frame: never
the file as it was sent), and reused while that poster's identity is unchanged.
"""

from __future__ import annotations

from pathlib import Path

from contest_portal.core.cache import FileCache, file_identity
from contest_portal.core.errors import Location, Problem
from contest_portal.core.i18n import DEFAULT_LANGUAGE
from contest_portal.core.jobs import failure, run_bounded
from contest_portal.core.seals import Seals, owned
from contest_portal.media.images import reencode
from contest_portal.media.probe import POSTER_WIDTH, MediaError, extract_poster, make_thumbnail
from contest_portal.model import EntryRecord, Portal

#: Seconds one decode (a frame, a picture, a thumbnail) may take once started.
DEFAULT_TIMEOUT = 30.0
#: Own posters re-encoded at once: each may take up to about 200 MB while decoded (images.MAX_PIXELS).
IMAGE_WORKERS = 2
#: From this many frames to decode on, one worker per core (a frame takes 0.1-1 s, a worker 0.2-1 s to start).
FRAMES_PARALLEL_MIN = 8


def _work(job: tuple[str, str, float]) -> str | None:
    """Worker: decode one poster; return an error text, or None on success."""
    video, target, at_fraction = job
    try:
        extract_poster(Path(video), Path(target), at_fraction=at_fraction)
    except (MediaError, OSError, ValueError) as exc:
        return failure(exc)
    return None


def ensure_posters(
    portal: Portal,
    cache_dir: Path,
    *,
    at_fraction: float = 0.1,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int | None = None,
    lang: str = DEFAULT_LANGUAGE,
    seals: Seals | None = None,
) -> tuple[dict[str, Path], list[Problem]]:
    """Return ``({"contest/entry": poster}, warnings)`` for every published entry with a picture.

    The poster is the entry's own poster re-encoded (see ``own_posters``), else a frame of its
    video.  ``at_fraction``: where in the video the frame is taken (0–1 of its duration); ``timeout``:
    seconds one decode may take once started; ``lang``: the progress bar's language; ``seals``: the
    cache's seals (core/seals.py: a poster that no longer matches its seal is made again).
    """
    with owned(seals, cache_dir) as seals:
        return _ensure_posters(portal, cache_dir, at_fraction, timeout, workers, lang, seals)


def _ensure_posters(
    portal: Portal, cache_dir: Path, at_fraction: float, timeout: float, workers: int | None, lang: str, seals: Seals
) -> tuple[dict[str, Path], list[Problem]]:
    # the width and the picture's kind in the kind: posters made otherwise are made again, once
    # ("hues": HDR posters mapped by media/hdr.py)
    cache = FileCache(cache_dir / "posters.json", f"poster-{POSTER_WIDTH}-progressive-sdr-hues")
    found, problems = own_posters(portal, cache_dir, lang=lang, seals=seals)
    todo: list[tuple[str, EntryRecord, Path, Path]] = []  # key, entry, its video, the poster to make
    for contest in portal.contests:
        for entry in contest.published_entries:
            video = entry.video_path
            if f"{contest.slug}/{entry.slug}" in found or video is None:
                continue
            key = f"{contest.slug}/{entry.slug}"
            target = cache_dir / "posters" / contest.slug / f"{entry.slug}.jpg"
            if cache.get(video) == str(target) and seals.check(target):
                found[key] = target
            else:
                todo.append((key, entry, video, target))
    portal.stats["posters_decoded"] = len(todo)
    jobs = [(str(video), str(target), at_fraction) for _, _, video, target in todo]
    errors = run_bounded(
        _work, jobs, timeout=timeout, workers=workers, parallel_min=FRAMES_PARALLEL_MIN, work="poster", lang=lang
    )
    for (key, entry, video, target), error in zip(todo, errors):
        if error is None and target.is_file():
            cache.put(video, str(target))
            seals.seal(target)
            found[key] = target
        else:
            problems.append(
                Problem(
                    "VID016",
                    Location(file=video, contest=entry.contest_slug, entry=entry.slug),
                    {"path": video.name, "detail": error or "?"},
                )
            )
    cache.save()
    return found, problems


def own_posters(
    portal: Portal, cache_dir: Path, *, lang: str = DEFAULT_LANGUAGE, seals: Seals | None = None
) -> tuple[dict[str, Path], list[Problem]]:
    """Return ``({"contest/entry": poster}, warnings)``: the own poster of every published entry
    that has one, re-encoded under ``cache_dir/images/`` (never under entries/) and reused while
    the source's identity (and the re-encoded file's) is unchanged.  A picture that cannot be
    decoded or is over the pixel limit gets no poster and an IMG001 warning.
    ``portal.stats["images_reencoded"]`` counts the pictures decoded in this call; ``seals``: as
    ensure_posters.
    """
    with owned(seals, cache_dir) as seals:
        return _own_posters(portal, cache_dir, lang, seals)


def _own_posters(portal: Portal, cache_dir: Path, lang: str, seals: Seals) -> tuple[dict[str, Path], list[Problem]]:
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
            if seals.check(target) and _still_valid(cache.get(source), target):
                found[key] = target
            else:
                todo.append((key, entry, source, target))
    problems: list[Problem] = []
    portal.stats["images_reencoded"] = len(todo)
    jobs = [(str(source), str(target)) for _, _, source, target in todo]
    errors = run_bounded(_reencode, jobs, timeout=DEFAULT_TIMEOUT, workers=IMAGE_WORKERS, work="image", lang=lang)
    for (key, entry, source, target), error in zip(todo, errors):
        if error is None:
            cache.put(source, {"target": str(target), "id": file_identity(target)})
            seals.seal(target)
            found[key] = target
        else:
            problems.append(
                Problem(
                    "IMG001",
                    Location(file=source, contest=entry.contest_slug, entry=entry.slug, field="poster"),
                    {"path": source.name, "detail": error},
                )
            )
    cache.save()
    return found, problems


def _reencode(job: tuple[str, str]) -> str | None:
    """Worker: re-encode one picture; return an error text, or None on success."""
    source, target = job
    try:
        reencode(Path(source), Path(target))
    except (MediaError, OSError, ValueError, MemoryError) as exc:
        return failure(exc)
    return None


def ensure_thumbnails(
    portal: Portal,
    posters: dict[str, Path],
    cache_dir: Path,
    *,
    lang: str = DEFAULT_LANGUAGE,
    seals: Seals | None = None,
) -> dict[str, Path]:
    """Return ``{"contest/entry": thumbnail}`` (WebP) for every published entry with a poster.

    The source is the entry's poster in ``posters`` (as returned by ensure_posters: its own
    picture re-encoded, or a frame of its video).  An entry without one, or whose poster cannot
    be read in ``DEFAULT_TIMEOUT`` seconds, gets no thumbnail (the page shows a placeholder).
    ``portal.stats["thumbnails_made"]`` counts the thumbnails made in this call: 0 on a warm rebuild.
    ``seals``: as ensure_posters.
    """
    with owned(seals, cache_dir) as seals:
        return _ensure_thumbnails(portal, posters, cache_dir, lang, seals)


def _ensure_thumbnails(
    portal: Portal, posters: dict[str, Path], cache_dir: Path, lang: str, seals: Seals
) -> dict[str, Path]:
    cache = FileCache(cache_dir / "thumbnails.json", "thumbnail")
    found: dict[str, Path] = {}
    todo: list[tuple[str, Path, Path]] = []
    for contest in portal.contests:
        for entry in contest.published_entries:
            key = f"{contest.slug}/{entry.slug}"
            source = posters.get(key)
            if source is None:
                continue
            target = cache_dir / "thumbnails" / contest.slug / f"{entry.slug}.webp"
            if seals.check(target) and _still_valid(cache.get(source), target):
                found[key] = target
            else:
                todo.append((key, source, target))
    portal.stats["thumbnails_made"] = len(todo)
    jobs = [(str(source), str(target)) for _, source, target in todo]
    errors = run_bounded(_thumbnail, jobs, timeout=DEFAULT_TIMEOUT, work="thumbnail", lang=lang)
    for (key, source, target), error in zip(todo, errors):
        if error is None:
            # the target's identity too: the same file may since have been made from another source
            cache.put(source, {"target": str(target), "id": file_identity(target)})
            seals.seal(target)
            found[key] = target
    cache.save()
    return found


def _thumbnail(job: tuple[str, str]) -> str | None:
    """Worker: make one thumbnail; return an error text, or None on success."""
    source, target = job
    try:
        make_thumbnail(Path(source), Path(target))
    except (MediaError, OSError, ValueError) as exc:
        return failure(exc)
    return None


def _still_valid(record, target: Path) -> bool:
    try:
        return (
            isinstance(record, dict)
            and record.get("target") == str(target)
            and record.get("id") == file_identity(target)
        )
    except OSError:  # the thumbnail was deleted
        return False
