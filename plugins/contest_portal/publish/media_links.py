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
import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass
class MediaStats:
    linked: int = 0
    copied: int = 0
    copied_bytes: int = 0
    unchanged: int = 0


def publish_files(pairs: list[tuple[Path, Path]], stop: threading.Event | None = None) -> MediaStats:
    """Link (or copy) every ``(source, target)`` pair; return what it cost.  ``stop`` ends it early."""
    stats = MediaStats()
    folders: set[Path] = set()
    for source, target in pairs:
        if stop is not None and stop.is_set():
            break
        try:
            if target.samefile(source):
                stats.unchanged += 1
                continue
            target.unlink()  # another file of that name: replaced
        except FileNotFoundError:
            pass  # the usual case in a fresh build folder: one stat, then the link
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
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


class BackgroundPublish:
    """publish_files in a thread of its own, started before MkDocs renders the pages.

    Linking thousands of files waits on the file system, not on the processor, so it goes on
    while the pages are rendered.  Each ``(source, uri)`` goes to ``site / uri``.  ``result()``
    waits for it (and raises what it raised); ``cancel()`` stops it, for a build that failed or
    was interrupted.
    """

    def __init__(self, site: Path, files: list[tuple[Path, str]]):
        self._stop = threading.Event()
        self._done = threading.Event()  # waited on instead of Thread.join, which a Ctrl-C can cut short
        self._stats: MediaStats | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(site, files), name="contest-portal-media",
                                        daemon=True)
        self._thread.start()

    def _run(self, site: Path, files: list[tuple[Path, str]]) -> None:
        try:
            self._stats = publish_files([(source, site / uri) for source, uri in files], self._stop)
        except BaseException as exc:  # handed to the build's thread by result()
            self._error = exc
        finally:
            self._done.set()

    def result(self) -> MediaStats:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._stats is not None  # set by the work before _done, when it did not fail
        return self._stats

    def cancel(self) -> None:
        """Stop, and return only once no file is being linked or copied any more."""
        self._stop.set()
        self._done.wait()
