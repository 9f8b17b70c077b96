"""The publishing process: the embeddable views written and the entry files published into the
built site (publish/media_store.py) on another processor while MkDocs renders the pages.

MkDocs knows the embeddable views (a few thousand small pages) only as link targets
(``WrittenElsewhere``); this process writes them, then puts each published media file into the
site through the store.  ``BackgroundPublish`` starts it (or, where no process can be started,
a thread) and hands back what it cost (``MediaStats``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path

from contest_portal.publish.media_store import MediaStats, publish_files, sweep_store


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


def publish_job(
    site: Path,
    files: list[tuple[Path, str]],
    writes: list[tuple[str, bytes]],
    store: Path | None,
    used: set[str],
    stop: threading.Event | None = None,
    live: Path | None = None,
) -> MediaStats:
    """Write ``writes`` (``(uri, content)``) into ``site``, then publish ``files`` (``(source, uri)``)
    there through ``store`` (publish_files; ``live``: the live site the build will replace, whose
    files of the same bytes are linked); the work of BackgroundPublish, in its process or thread."""
    written = write_files(site, writes, stop)
    stats = publish_files(
        [(source, site / uri) for source, uri in files],
        stop,
        store,
        used,
        [live / uri for _, uri in files] if live is not None else None,
    )
    stats.written = written
    return stats


class BackgroundPublish:
    """publish_files in a process of its own, started before MkDocs renders the pages.

    Linking thousands of files is work for the file system, with a little Python around each
    call: in a thread of the build's process that work would take Python's interpreter lock
    from the page rendering thousands of times (about a tenth of a warm build at 1,000 entries);
    a process does it on another processor.  Each ``(source, uri)`` goes to ``site / uri`` through
    the ``store`` folder (see the module's docstring; None: a fresh copy each time); ``live``: the
    live site this build replaces (its files of the same bytes are linked, see publish_files).
    ``writes``: files made in memory, ``(uri, content)``, written into the site the same way (the
    embeddable views: a few thousand small pages MkDocs knows as link targets but need not write).  ``result()`` waits for it (and raises the OSError it met, FileNotFoundError for a
    source that is gone); ``cancel()`` stops it, for a build that failed or was interrupted; ``sweep()``,
    after a successful build, empties the store of what the build did not publish.  Where no
    process can be started, the work is done in a thread, as before.
    """

    def __init__(
        self,
        site: Path,
        files: list[tuple[Path, str]],
        store: Path | None = None,
        writes: list[tuple[str, bytes]] | None = None,
        live: Path | None = None,
    ):
        self._store = store
        self._used: set[str] = set()
        self._stats: MediaStats | None = None
        self._error: BaseException | None = None
        self._cancelled = False
        self._done = threading.Event()  # waited on instead of Thread.join, which a Ctrl-C can cut short
        self._stop = threading.Event()
        writes = writes or []
        job = json.dumps(
            {
                "site": str(site),
                "store": str(store) if store is not None else None,
                "live": str(live) if live is not None else None,
                "files": [[str(source), uri] for source, uri in files],
                "writes": [[uri, content.decode("utf-8")] for uri, content in writes],
            },
            ensure_ascii=False,
        )
        package_parent = str(Path(__file__).resolve().parents[2])
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [package_parent] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])
            ),
        }
        try:
            self._process: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-m", "contest_portal.publish.background"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:  # no process can be started here: a thread of this one
            self._process = None
        work = (
            (lambda: self._run_process(job))
            if self._process is not None
            else (lambda: self._run_here(site, files, writes, live))
        )
        self._thread = threading.Thread(target=work, name="contest-portal-media", daemon=True)
        self._thread.start()

    def _run_process(self, job: str) -> None:
        assert self._process is not None
        try:  # (the thread only waits on the pipes: it holds the interpreter lock for no file)
            out, _ = self._process.communicate(job.encode("utf-8"))
            answer = json.loads(out) if out.strip() else {}
            if "error" in answer:
                error = answer["error"]
                self._error = (
                    OSError(error["errno"], error["strerror"], error["filename"])
                    if error.get("errno") is not None
                    else OSError(error["message"])
                )
            elif "stats" in answer:
                self._stats = MediaStats(**answer["stats"])
                self._used.update(answer["used"])
            elif not self._cancelled:
                self._error = OSError(f"publishing the media stopped (exit status {self._process.returncode})")
        except BaseException as exc:  # handed to the build's thread by result()
            self._error = exc
        finally:
            self._done.set()

    def _run_here(
        self, site: Path, files: list[tuple[Path, str]], writes: list[tuple[str, bytes]], live: Path | None
    ) -> None:
        try:
            self._stats = publish_job(site, files, writes, self._store, self._used, self._stop, live)
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
    """The publishing process (``python -m contest_portal.publish.background``): the job as JSON on
    stdin (``site``, ``store``, ``live``, ``files``: ``[source, uri]`` pairs), the answer as JSON on stdout:
    ``stats`` and ``used``, or ``error`` (``errno``, ``strerror``, ``filename``, ``message``).
    ``writes``: ``[uri, text]`` pairs written as UTF-8 before the files are published."""
    try:
        job = json.loads(sys.stdin.buffer.read())
        site, store = Path(job["site"]), Path(job["store"]) if job["store"] else None
        used: set[str] = set()
        try:
            stats = publish_job(
                site,
                [(Path(source), uri) for source, uri in job["files"]],
                [(uri, text.encode("utf-8")) for uri, text in job["writes"]],
                store,
                used,
                live=Path(job["live"]) if job.get("live") else None,
            )
            answer: dict = {"stats": asdict(stats), "used": sorted(used)}
        except OSError as exc:
            answer = {
                "error": {
                    "errno": exc.errno,
                    "strerror": exc.strerror,
                    "filename": None if exc.filename is None else str(exc.filename),
                    "message": str(exc),
                }
            }
        sys.stdout.write(json.dumps(answer))
        return 0
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the build says it, not this
        return 130


if __name__ == "__main__":
    sys.exit(_main())
