"""Make a poster frame for every published video entry that has no poster.

Posters are written to the cache folder (never to entries/) and reused while
the video's identity (size, mtime, inode) is unchanged.  Decoding runs in
worker processes, in parallel across the machine's cores, each bounded in
time: a video that cannot be decoded, or takes too long, gets no poster (the
page shows a placeholder) and a VID016 warning instead of crashing or
hanging the build.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .cache import FileCache
from .errors import Location, Problem
from .media import MediaError, extract_poster
from .model import EntryRecord, Portal

DEFAULT_TIMEOUT = 30.0


def _work(job: tuple[str, str, float]) -> str | None:
    """Worker: decode one poster; return an error text, or None on success."""
    video, target, at_fraction = job
    try:
        extract_poster(Path(video), Path(target), at_fraction=at_fraction)
    except (MediaError, OSError, ValueError) as exc:
        return str(exc) or type(exc).__name__
    return None


def ensure_posters(portal: Portal, cache_dir: Path, *, at_fraction: float = 0.1,
                   timeout: float = DEFAULT_TIMEOUT, workers: int | None = None) -> tuple[dict[str, Path], list[Problem]]:
    """Return ``({"contest/entry": poster}, warnings)`` for published entries without their own poster."""
    cache = FileCache(cache_dir / "posters.json", "poster")
    found: dict[str, Path] = {}
    todo: list[tuple[str, EntryRecord, Path]] = []
    for contest in portal.contests:
        for entry in contest.published_entries:
            if entry.poster_path is not None or entry.video_path is None:
                continue
            key = f"{contest.slug}/{entry.slug}"
            target = cache_dir / "posters" / contest.slug / f"{entry.slug}.jpg"
            if cache.get(entry.video_path) == str(target) and target.is_file():
                found[key] = target
            else:
                todo.append((key, entry, target))
    problems: list[Problem] = []
    portal.stats["posters_decoded"] = len(todo)
    errors = _run_all(todo, at_fraction, timeout, workers) if todo else []
    for (key, entry, target), error in zip(todo, errors):
        if error is None and target.is_file():
            cache.put(entry.video_path, str(target))
            found[key] = target
        else:
            problems.append(Problem("VID016", Location(file=entry.video_path, contest=entry.contest_slug,
                                                       entry=entry.slug), {"path": entry.video_path.name,
                                                                           "detail": error or "?"}))
    cache.save()
    return found, problems


def _run_all(todo, at_fraction: float, timeout: float, workers: int | None) -> list[str | None]:
    """Decode every poster in worker processes; a stuck or crashed worker never blocks the build.

    Each job gets ``timeout`` seconds once it can start; workers that crash (the pool breaks)
    fail the remaining jobs at once instead of making each wait out its timeout.
    """
    jobs = [(str(entry.video_path), str(target), at_fraction) for _, entry, target in todo]
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    context = multiprocessing.get_context("spawn")  # no fork of a process that may run threads
    executor = ProcessPoolExecutor(max_workers=count, mp_context=context)
    results: list[str | None] = []
    try:
        futures = [executor.submit(_work, job) for job in jobs]
        for index, future in enumerate(futures):
            # jobs run `count` at a time: a job may wait for earlier ones before its own timeout starts
            budget = timeout * (1 + index // count) + 5
            try:
                results.append(future.result(timeout=budget))
            except FuturesTimeout:
                results.append(f"timeout after {timeout:g} s")
            except BrokenProcessPool:
                results.append("the decoding process stopped")
            except Exception as exc:  # an error inside the worker, e.g. in PyAV
                results.append(str(exc) or type(exc).__name__)
        return results
    finally:
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # stop a decoder stuck on a pathological file
            if process.is_alive():
                process.terminate()
