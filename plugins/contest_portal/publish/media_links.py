"""Put entry files (videos, posters, subtitles, attachments) into the built site, isolated from ``entries/``.

A province-wide contest brings hundreds of videos of 100–500 MB.  MkDocs would copy each of
them on every build; hard-linking the entry file itself would cost nothing but would make the
live site and ``entries/`` share one file, so a clerk overwriting a video in place (``cp
new.mp4 entries/.../video.mp4`` truncates and rewrites the same inode) would change the live
site at once, even when the next build then fails.

So a published file changes only when a build publishes it: each source is put once into a
*store* (``.cache/contest-portal/published/``), named by the source's identity (device, inode,
size, modification and change times in ns), and the site gets a hard link to the store's copy.
The store's copy is a copy-on-write clone where the filesystem offers one (``ioctl(FICLONE)``
on Linux: Btrfs, XFS, bcachefs; no data bytes written, disk blocks shared until one side
changes), else a one-time byte copy.  A file edited in place gets a new identity, hence a new
store copy at the next build; the live site keeps linking the old one until the new site is
swapped in.  A warm rebuild finds every copy in the store and only links: 0 bytes copied.

After a successful build ``BackgroundPublish.sweep()`` removes the store's copies the build did
not publish (their source is gone, was changed or is no longer published), so the store holds
one copy of what the site publishes: that is the disk cost of the isolation (the site's own
links cost nothing more).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

FICLONE = 0x40049409  # linux/fs.h: _IOW(0x94, 9, int), clone a whole file (copy-on-write)
PARTIAL = ".partial"  # a store copy being written; renamed into place when complete
STALE_PARTIAL_S = 3600  # an unfinished copy older than this belongs to no running build
STORE = "published"  # the store's folder in the cache folder


@dataclass
class MediaStats:
    """What publishing cost.  Counts are files, ``copied_bytes`` bytes written by byte copies
    (into the store, or into a site on another filesystem; a clone writes none)."""

    linked: int = 0      # hard links made into the site
    cloned: int = 0      # store copies made by a copy-on-write clone
    copied: int = 0      # byte copies made (into the store, or into the site when it cannot link)
    copied_bytes: int = 0
    unchanged: int = 0   # already in place in the site (the same file as the store's copy)
    written: int = 0     # files made in memory written into the site (the embeddable views)
    held_files: int = 0  # in the store after the sweep (sweep() sets them)
    held_bytes: int = 0

    @property
    def stored(self) -> int:
        """Files put into the store by this build (cloned or copied)."""
        return self.cloned + self.copied


def store_name(identity: os.stat_result, source: Path) -> str:
    """The store's name for a source of this identity: ``<dev>-<ino>-<size>-<mtime_ns>-<ctime_ns><suffix>`` (hex)."""
    return (f"{identity.st_dev:x}-{identity.st_ino:x}-{identity.st_size:x}-{identity.st_mtime_ns:x}-"
            f"{identity.st_ctime_ns:x}{source.suffix.lower()}")


def _same_version(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns, a.st_ctime_ns) == \
           (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns, b.st_ctime_ns)


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


def _link_or_copy(stored: Path, target: Path, stats: MediaStats) -> None:
    try:
        os.link(stored, target)
        stats.linked += 1
    except FileNotFoundError:
        raise
    except OSError:  # the site is on another filesystem, or links are not allowed there
        _new_copy(stored, target, stats)


def publish_files(pairs: list[tuple[Path, Path]], stop: threading.Event | None = None,
                  store: Path | None = None, used: set[str] | None = None) -> MediaStats:
    """Publish every ``(source, target)`` pair; return what it cost.  ``stop`` ends it early.

    With a ``store`` folder: the source's copy in the store (made now if the source is new or
    changed) is hard-linked to ``target``; its store name is added to ``used``.  Without one:
    ``target`` gets a fresh clone or copy on every call.  The site never shares a file with a
    source.  Raises OSError (FileNotFoundError for a missing source).
    """
    stats = MediaStats()
    folders: set[Path] = set()
    if store is not None:
        store.mkdir(parents=True, exist_ok=True)
    for source, target in pairs:
        if stop is not None and stop.is_set():
            break
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if store is None:
            target.unlink(missing_ok=True)
            _new_copy(source, target, stats)
            continue
        name = store_name(os.stat(source), source)
        stored = store / name
        if used is not None:
            used.add(name)
        try:
            in_place = os.stat(target)
        except FileNotFoundError:
            in_place = None  # the usual case in a fresh build folder
        for attempt in range(2):
            try:
                held = os.stat(stored)
            except FileNotFoundError:
                identity = _new_copy(source, stored, stats)  # new or changed since the last build
                name = store_name(identity, source)
                if name != stored.name:  # changed between the stat and the copy: named by what was copied
                    stored.replace(store / name)
                    stored = store / name
                    if used is not None:
                        used.add(name)
                held = os.stat(stored)
            if in_place is not None and os.path.samestat(in_place, held):
                stats.unchanged += 1
                break
            if in_place is not None:
                target.unlink()  # another file of that name: replaced
                in_place = None
            try:
                _link_or_copy(stored, target, stats)
                break
            except FileNotFoundError:  # swept by another build at that moment: made again, once
                if attempt:
                    raise
    return stats


def write_files(site: Path, writes: list[tuple[str, bytes]], stop: threading.Event | None = None) -> int:
    """Write each ``(uri, content)`` to ``site / uri`` (a new file; folders made once); return how many.
    Raises OSError."""
    folders: set[Path] = set()
    written = 0
    for uri, content in writes:
        if stop is not None and stop.is_set():
            break
        target = site / uri
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(content)
        written += 1
    return written


def publish_job(site: Path, files: list[tuple[Path, str]], writes: list[tuple[str, bytes]], store: Path | None,
                used: set[str], stop: threading.Event | None = None) -> MediaStats:
    """Write ``writes`` (``(uri, content)``) into ``site``, then publish ``files`` (``(source, uri)``)
    there through ``store`` (publish_files); the work of BackgroundPublish, in its process or thread."""
    written = write_files(site, writes, stop)
    stats = publish_files([(source, site / uri) for source, uri in files], stop, store, used)
    stats.written = written
    return stats


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


class BackgroundPublish:
    """publish_files in a process of its own, started before MkDocs renders the pages.

    Linking thousands of files is work for the file system, with a little Python around each
    call: in a thread of the build's process that work would take Python's interpreter lock
    from the page rendering thousands of times (about a tenth of a warm build at 1,000 entries);
    a process does it on another processor.  Each ``(source, uri)`` goes to ``site / uri`` through
    the ``store`` folder (see the module's docstring; None: a fresh copy each time).
    ``writes``: files made in memory, ``(uri, content)``, written into the site the same way (the
    embeddable views: a few thousand small pages MkDocs knows as link targets but need not write).  ``result()`` waits for it (and raises the OSError it met, FileNotFoundError for a
    source that is gone); ``cancel()`` stops it, for a build that failed or was interrupted; ``sweep()``,
    after a successful build, empties the store of what the build did not publish.  Where no
    process can be started, the work is done in a thread, as before.
    """

    def __init__(self, site: Path, files: list[tuple[Path, str]], store: Path | None = None,
                 writes: list[tuple[str, bytes]] | None = None):
        self._store = store
        self._used: set[str] = set()
        self._stats: MediaStats | None = None
        self._error: BaseException | None = None
        self._cancelled = False
        self._done = threading.Event()  # waited on instead of Thread.join, which a Ctrl-C can cut short
        self._stop = threading.Event()
        writes = writes or []
        job = json.dumps({"site": str(site), "store": str(store) if store is not None else None,
                          "files": [[str(source), uri] for source, uri in files],
                          "writes": [[uri, content.decode("utf-8")] for uri, content in writes]}, ensure_ascii=False)
        package_parent = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [package_parent] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []))}
        try:
            self._process: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-m", "contest_portal.publish.media_links"], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        except OSError:  # no process can be started here: a thread of this one
            self._process = None
        work = (lambda: self._run_process(job)) if self._process is not None else \
            (lambda: self._run_here(site, files, writes))
        self._thread = threading.Thread(target=work, name="contest-portal-media", daemon=True)
        self._thread.start()

    def _run_process(self, job: str) -> None:
        assert self._process is not None
        try:  # (the thread only waits on the pipes: it holds the interpreter lock for no file)
            out, _ = self._process.communicate(job.encode("utf-8"))
            answer = json.loads(out) if out.strip() else {}
            if "error" in answer:
                error = answer["error"]
                self._error = OSError(error["errno"], error["strerror"], error["filename"]) \
                    if error.get("errno") is not None else OSError(error["message"])
            elif "stats" in answer:
                self._stats = MediaStats(**answer["stats"])
                self._used.update(answer["used"])
            elif not self._cancelled:
                self._error = OSError(f"publishing the media stopped (exit status {self._process.returncode})")
        except BaseException as exc:  # handed to the build's thread by result()
            self._error = exc
        finally:
            self._done.set()

    def _run_here(self, site: Path, files: list[tuple[Path, str]], writes: list[tuple[str, bytes]]) -> None:
        try:
            self._stats = publish_job(site, files, writes, self._store, self._used, self._stop)
        except BaseException as exc:
            self._error = exc
        finally:
            self._done.set()

    def result(self) -> MediaStats:
        self._done.wait()
        if self._error is not None:
            raise self._error
        if self._stats is None:  # cancelled
            return MediaStats()
        return self._stats

    def sweep(self) -> MediaStats:
        """After ``result()`` of a build that published everything: remove the store's other copies.

        Returns the stats with ``held_files`` and ``held_bytes`` (the store's disk cost) set.
        Does nothing to a store that is None or a job that was stopped.
        """
        stats = self.result()
        if self._store is not None and not self._cancelled:
            stats.held_files, stats.held_bytes = sweep_store(self._store, self._used)
        return stats

    def cancel(self) -> None:
        """Stop, and return only once no file is being linked or copied any more."""
        self._cancelled = True
        self._stop.set()
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()  # (a copy it leaves half-made is a .partial file, swept later)
        self._done.wait()


def _main() -> int:
    """The publishing process (``python -m contest_portal.publish.media_links``): the job as JSON on
    stdin (``site``, ``store``, ``files``: ``[source, uri]`` pairs), the answer as JSON on stdout:
    ``stats`` and ``used``, or ``error`` (``errno``, ``strerror``, ``filename``, ``message``).
    ``writes``: ``[uri, text]`` pairs written as UTF-8 before the files are published."""
    try:
        job = json.loads(sys.stdin.buffer.read())
        site, store = Path(job["site"]), Path(job["store"]) if job["store"] else None
        used: set[str] = set()
        try:
            stats = publish_job(site, [(Path(source), uri) for source, uri in job["files"]],
                                [(uri, text.encode("utf-8")) for uri, text in job["writes"]], store, used)
            answer: dict = {"stats": asdict(stats), "used": sorted(used)}
        except OSError as exc:
            answer = {"error": {"errno": exc.errno, "strerror": exc.strerror,
                                "filename": None if exc.filename is None else str(exc.filename), "message": str(exc)}}
        sys.stdout.write(json.dumps(answer))
        return 0
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the build says it, not this
        return 130


if __name__ == "__main__":
    sys.exit(_main())
