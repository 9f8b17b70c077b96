"""Publish a site atomically: build into a fresh folder beside it, then swap it in.

A build that fails, is interrupted (Ctrl-C) or killed leaves the previous
site exactly as it was.  A lock file beside the site stops two builds from
writing at once; folders left by a killed build are removed by the next one,
and so is the site a build replaced (it waits in the cache's trash: deleting
it is the next build's work, done while that build renders its pages).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from pathlib import Path

from filelock import FileLock, Timeout

from contest_portal.core.i18n import Text

MARKER = ".contest-portal-site"
#: the folder of the cache where replaced sites wait for the next build to delete them
OLD_SITES = "old-sites"


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


#: the lock file of a cache folder, held by a build for all it reads and writes there
CACHE_LOCK = ".lock"


@contextmanager
def cache_lock(cache_dir: Path, waiting: Callable[[Path], None]) -> Iterator[Path | None]:
    """Hold the lock of the cache folder ``cache_dir`` (``<cache>/.lock``) for a build; wait for it.

    Builds of different site folders (``build`` and ``build -d site2``) share the cache: its
    posters, renditions, published copies, search index and trash.  Each build holds this lock
    from its first write there to its swap, so they take turns instead of mixing their work;
    ``waiting(lock)`` is called once, before waiting, when another build holds it (the command
    line says so).  A lock the system cannot take (a read-only cache folder: nothing can be
    written there either) yields None and the build goes on without it.  The system releases
    the lock of a killed build.
    """
    lock = cache_dir / CACHE_LOCK
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        held = FileLock(str(lock))
        try:
            held.acquire(timeout=0)
        except Timeout:
            waiting(lock)
            held.acquire()
    except OSError:
        yield None
        return
    try:
        yield lock
    finally:
        held.release()


def _old_sites(target: Path, trash: Path | None) -> list[Path]:
    """The replaced sites of ``target`` still on disk, oldest first: ``.<site>-old-*`` beside it (a
    build killed before its cleanup, or a trash on another disk) and the ones waiting in ``trash``."""
    found = list(target.parent.glob(f".{target.name}-old-*"))
    if trash is not None and trash.is_dir():
        found += trash.glob(f"{_trash_prefix(target)}*")
    return sorted(found, key=lambda p: p.stat().st_mtime)


def _trash_prefix(target: Path) -> str:
    """The name of ``target``'s replaced sites in a trash folder that several sites may share (the
    build's site/, an offline build's folder): the site's name and a digest of its full path."""
    return f"{target.name}-{hashlib.sha1(str(target).encode()).hexdigest()[:8]}-old-"


#: the deleting process: each folder of its arguments, not following links out of it (as shutil.rmtree)
_SWEEP = "import shutil, sys\nfor folder in sys.argv[1:]:\n    shutil.rmtree(folder, ignore_errors=True)\n"


def _remove_leftovers(target: Path, trash: Path | None) -> subprocess.Popen | None:
    """Start deleting the replaced sites and the staging folders of killed builds; returns the
    deleting process (None: nothing to delete).

    A build killed between its two renames leaves no site at all but the previous one waiting to
    be deleted: that one is put back first.  The deleting is work for the file system, not for
    this process: a process of its own does it on another processor while the build renders its
    pages (a thread would contend with the rendering for Python's interpreter lock at each file).
    """
    olds = _old_sites(target, trash)
    if not target.exists() and olds:
        olds.pop().rename(target)
    stale = olds + list(target.parent.glob(f".{target.name}-new-*"))
    if not stale:
        return None
    return subprocess.Popen(
        [sys.executable, "-I", "-c", _SWEEP, *map(str, stale)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def staged_publish(target: Path, trash: Path | None = None, *, locked: bool = False) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target``, on any failure it is removed.

    Takes the site's lock (``site_lock``) unless the caller holds it already (``locked``: the
    command line takes it before it validates anything, so a second build of the same folder is
    refused at once).

    The replaced site is moved into ``trash`` (a folder of the build's cache, on the same disk)
    and deleted by the next build while it works, so that no build waits for the deletion of
    tens of thousands of files; without a trash, or when the trash is on another disk, it is
    deleted at once.  Leftovers of the last build are deleted before this one ends.
    """
    target = target.resolve()
    with nullcontext() if locked else site_lock(target):
        sweeper = _remove_leftovers(target, trash)
        try:
            staging = new_folder(target.parent, f".{target.name}-new-")
            try:
                yield staging
                (staging / MARKER).write_text("built by contest-portal; this folder is replaced on every build\n")
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        finally:
            if sweeper is not None:
                _wait(sweeper)
        swap_in(staging, target, trash)


def new_folder(parent: Path, prefix: str) -> Path:
    """Make a new folder ``parent/<prefix><random>`` with the usual modes (0777 less the umask:
    0755 under the common umask 022), not tempfile.mkdtemp's 0700: the staging folder becomes the
    site, and ``rsync -a`` copies its mode to the web server, whose user must read it.
    Raises OSError."""
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            folder.mkdir()  # mkdir(2) applies the umask
            return folder
        except FileExistsError:
            continue


def _wait(sweeper: subprocess.Popen) -> None:
    """Wait for the deleting process to end, even through a Ctrl-C (which it receives too, and ends
    on), then raise the Ctrl-C: no build goes on while an old folder is being deleted."""
    interrupted = False
    while True:
        try:
            sweeper.wait()
            break
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        raise KeyboardInterrupt


def swap_in(staging: Path, target: Path, trash: Path | None = None) -> None:
    """Replace ``target`` with ``staging``: two renames, so readers see one site or the other.

    The replaced site goes into ``trash`` (see staged_publish) or, failing that, is deleted now.
    """
    old, deferred = _move_aside(target, trash) if target.exists() else (None, False)
    staging.rename(target)
    if old is not None and not deferred:
        remove_tree(old)


def _move_aside(target: Path, trash: Path | None) -> tuple[Path, bool]:
    """Rename ``target`` into ``trash`` (True: its deletion waits for the next build) or, when there
    is none or it is on another disk, beside itself as ``.<site>-old-*`` (False: delete it now)."""
    if trash is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            old = Path(tempfile.mkdtemp(prefix=_trash_prefix(target), dir=trash))
            old.rmdir()
            target.rename(old)
            return old, True
        except OSError:  # another disk (a rename cannot move it there), or a read-only cache
            pass
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    return old, False


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
