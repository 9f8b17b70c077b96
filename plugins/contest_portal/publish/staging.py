"""Publish a site atomically: build into a fresh folder beside it, then swap it in.

A build that fails, is interrupted (Ctrl-C) or killed leaves the previous
site exactly as it was.  A lock file beside the site stops two builds from
writing at once; folders left by a killed build are removed by the next one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from contest_portal.core.i18n import Text

MARKER = ".contest-portal-site"


class UnsafeTarget(Exception):
    """The output folder would destroy something that is not a previous build."""

    def __init__(self, target: Path, reason: Text):
        super().__init__(f"{target}: {reason}")
        self.target = target
        self.reason = reason


def check_target(target: Path, project: Path, inputs: list[Path]) -> None:
    """Refuse an output folder that would replace or mix with the project's own files.

    The target may not be the project folder or hold it, may not be, hold or lie inside an
    input folder (entries, docs), and an existing non-empty folder must carry the marker that
    every build writes, so that only previous builds are ever replaced.
    """
    target = target.resolve()
    for folder in [project, *inputs]:
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise UnsafeTarget(target, Text("staging.contains", folder=folder))
    for folder in inputs:
        if target.is_relative_to(folder.resolve()):
            raise UnsafeTarget(target, Text("staging.inside", folder=folder.resolve()))
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).exists())):
        raise UnsafeTarget(target, Text("staging.other_data"))


class SiteLocked(Exception):
    """Another build holds the lock of this site folder."""

    def __init__(self, lock: Path):
        super().__init__(str(lock))
        self.lock = lock


@contextmanager
def site_lock(target: Path) -> Iterator[Path]:
    """Hold ``.<site>.lock`` beside the site for the build, or raise SiteLocked at once.

    filelock takes the operating system's lock (flock on Linux and macOS, msvcrt on Windows,
    where the organizing offices mostly work); the system releases it when a build is killed.
    """
    lock = target.parent / f".{target.name}.lock"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(lock), timeout=0):
            yield lock
    except Timeout:
        raise SiteLocked(lock) from None


def _remove_leftovers(target: Path) -> None:
    """Staging and old folders of builds that were killed before they could clean up.

    A build killed between its two renames leaves no site at all but the previous one as
    ``.site-old-*``: that one is put back first.
    """
    olds = sorted(target.parent.glob(f".{target.name}-old-*"), key=lambda p: p.stat().st_mtime)
    if not target.exists() and olds:
        olds[-1].rename(target)
    for prefix in (f".{target.name}-new-", f".{target.name}-old-"):
        for stale in target.parent.glob(prefix + "*"):
            shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def staged_publish(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target``, on any failure it is removed."""
    target = target.resolve()
    with site_lock(target):
        _remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        try:
            yield staging
            (staging / MARKER).write_text("built by contest-portal; this folder is replaced on every build\n")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        swap_in(staging, target)


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``: two renames, so readers see one site or the other."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    staging.rename(target)
    if old is not None:
        remove_tree(old)


def remove_tree(folder: Path, workers: int = 4) -> None:
    """Delete a previous site (best effort, like ``shutil.rmtree(ignore_errors=True)``), in parallel.

    Deleting thousands of small files waits on the file system, not on the processor; a few
    threads deleting different sub-folders at once take about half the time of one.
    """
    jobs = []
    try:
        for child in os.scandir(folder):
            if child.is_dir(follow_symlinks=False):
                jobs += [grandchild.path for grandchild in os.scandir(child.path)]
            else:
                jobs.append(child.path)
    except OSError:
        pass
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(_remove, jobs))
    shutil.rmtree(folder, ignore_errors=True)  # what is left: the emptied folders


def _remove(path: str) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass
