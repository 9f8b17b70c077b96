"""Put entry files (videos, posters, subtitles, attachments) into the built site without copying.

A province-wide contest brings hundreds of videos of 100–500 MB.  MkDocs would
copy each of them on every build; instead each file is hard-linked into the
site (a few microseconds, no bytes copied) and copied only when the site is
on another filesystem.  A file already in place with the same identity is left
alone.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass
class MediaStats:
    linked: int = 0
    copied: int = 0
    copied_bytes: int = 0
    unchanged: int = 0


def publish_files(pairs: list[tuple[Path, Path]]) -> MediaStats:
    """Link (or copy) every ``(source, target)`` pair; return what it cost."""
    stats = MediaStats()
    for source, target in pairs:
        try:
            if target.exists() and target.samefile(source):
                stats.unchanged += 1
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.unlink()
        try:
            os.link(source, target)
            stats.linked += 1
        except OSError:  # another filesystem, or links not allowed: copy, atomically
            partial = target.with_name(target.name + ".partial")
            shutil.copyfile(source, partial)
            partial.replace(target)
            stats.copied += 1
            stats.copied_bytes += target.stat().st_size
    return stats
