"""Make a poster frame for every published video entry that has no poster.

Posters are written to the cache folder (never to entries/) and reused while
the video's identity (size, mtime, inode) is unchanged.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .cache import FileCache
from .media import MediaError, extract_poster
from .model import Portal

log = logging.getLogger(__name__)


def ensure_posters(portal: Portal, cache_dir: Path, *, at_fraction: float = 0.1) -> dict[str, Path]:
    """Return ``{"contest/entry": poster path}`` for entries without their own poster."""
    cache = FileCache(cache_dir / "posters.json", "poster")
    found: dict[str, Path] = {}
    for contest in portal.contests:
        for entry in contest.published_entries:
            if entry.poster_path is not None or entry.video_path is None:
                continue
            key = f"{contest.slug}/{entry.slug}"
            target = cache_dir / "posters" / contest.slug / f"{entry.slug}.jpg"
            if cache.get(entry.video_path) == str(target) and target.is_file():
                found[key] = target
                continue
            try:
                extract_poster(entry.video_path, target, at_fraction=at_fraction)
            except MediaError as exc:
                log.warning("no poster for %s: %s", key, exc)
                continue
            cache.put(entry.video_path, str(target))
            found[key] = target
    cache.save()
    return found
