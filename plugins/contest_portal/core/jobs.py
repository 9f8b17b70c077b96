"""Jobs on untrusted files (probes, poster frames, pictures), each bounded in time in a worker process.

A decoder may hang or crash on a pathological file.  Every job here runs in a worker process of
pebble's pool with its own timeout: a worker running a job past it is stopped and replaced, so
only that job fails (with a reason such as ``"timeout after 30 s"``) and the jobs after it run as
usual.  A worker that dies fails its job only.

Small batches (fewer than ``parallel_min`` jobs) go to one worker started on first use and kept
for the later batches of the process (a rebuild, the next language, the tests): starting a
worker costs 0.2-1 s, more than small batches gain from running side by side.  Larger batches get
a pool of one worker per core, stopped after the batch.

    outcomes = run_bounded(job, items, timeout=30.0)   # job(item) per item, or an error text
    outcomes = run_bounded(job, items, timeout=30.0, work="poster", lang="en")   # behind a progress bar
    outcomes = run_bounded(job, items, timeout=30.0, scheduler="tcp://host:8786")  # on a Dask cluster

This is the one way media work is dispatched (probes, posters, thumbnails, pictures, renditions):
each caller gives a module-level job and its items and turns every failed item into its own coded
problem at the end (sigal's way: a worker returns a status per file, the batch goes on).  With
``scheduler`` the SAME job functions run on a Dask distributed cluster instead of local workers
(configured by renditions.dask_scheduler / ``--dask-scheduler``; the cluster's workers must see
the same paths).  The duplicate finder's partial fingerprints are read in threads, not here: the
reads release the GIL and take milliseconds, less than a worker process takes to start.

``job`` must be a module-level function (it is pickled by reference) returning its result; an
exception it raises, a timeout or a crash becomes the item's outcome as a ``str``.  So callers
whose results are not strings tell failures apart with ``isinstance(outcome, str)``.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import multiprocessing.spawn
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError as FuturesTimeout
from typing import Any, TypeVar

from contest_portal.core.i18n import DEFAULT_LANGUAGE
from contest_portal.core.progress import Progress

T = TypeVar("T")
R = TypeVar("R")

#: From this many jobs on, one worker per core for the batch; below, the one kept worker.
PARALLEL_MIN = 64
#: Seconds a worker may take to start (a new interpreter, libraries loaded) on a busy machine.
START_GRACE = 60.0


def run_bounded(
    job: Callable[[T], R],
    items: Sequence[T],
    *,
    timeout: float | Sequence[float],
    workers: int | None = None,
    parallel_min: int = PARALLEL_MIN,
    advance: Callable[[int], None] | None = None,
    work: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
    weights: Sequence[int] | None = None,
    scheduler: str | None = None,
) -> list[R | str]:
    """``job(item)`` for every item, in the order given, each in a worker and bounded by ``timeout``.

    ``timeout``: seconds one job may run once started (one for all, or one per item); ``workers``: the most processes at once
    (default: the cores); ``advance(1)`` is called after each job (a progress bar).  ``work`` (a
    ``progress.<work>`` label: "poster", "rendition"...) draws this batch's own progress bar in
    ``lang``, each finished job counting its weight in ``weights`` (default 1 each, e.g. a video's
    seconds).  ``scheduler`` (``tcp://host:8786``): the jobs run on that Dask cluster instead,
    unbounded by ``timeout`` (Dask cannot stop a running task); raises RuntimeError when Dask
    distributed is not installed.  An item whose job timed out, crashed its worker or raised gets
    a ``str``: the reason, in English, as it goes into a problem's ``detail``.  If no worker can be
    started at all (the interpreter is not executable by this user, e.g. after dropping
    privileges) the jobs run here, unbounded.
    """
    counts = list(weights) if weights is not None else [1] * len(items)
    with Progress(work, sum(counts), lang=lang) if work else contextlib.nullcontext() as bar:

        def done(index: int) -> None:
            if bar is not None:
                bar.advance(counts[index])
            if advance:
                advance(1)

        return _run(job, items, timeout, workers, parallel_min, scheduler, done)


def _run(
    job: Callable[[T], R],
    items: Sequence[T],
    timeout: float | Sequence[float],
    workers: int | None,
    parallel_min: int,
    scheduler: str | None,
    done: Callable[[int], None],
) -> list[R | str]:
    """run_bounded without its bar; ``done(index)`` after each job."""
    if not items:
        return []
    if scheduler:
        return _on_cluster(scheduler, job, items, done)
    timeouts = [float(timeout)] * len(items) if isinstance(timeout, (int, float)) else [float(t) for t in timeout]
    count = max(1, min(workers or os.cpu_count() or 1, len(items)))
    if not os.access(multiprocessing.spawn.get_executable() or "", os.X_OK):
        # pebble would start a worker again and again
        return [_inline(job, item, index, done) for index, item in enumerate(items)]
    if count > 1 and len(items) >= parallel_min:
        pool = new_pool(count)
        try:
            return _collect(pool, job, items, timeouts, done)
        finally:
            pool.stop()  # ends every worker, a stuck one's too
            pool.join()
    with _KEPT_LOCK:
        return _collect(_kept_pool(), job, items, timeouts, done)


def failure(exc: BaseException) -> str:
    """The reason a job failed, as it goes into a problem's ``detail``: the error's text, else its kind."""
    return str(exc) or type(exc).__name__


def _on_cluster(
    scheduler: str, job: Callable[[T], R], items: Sequence[T], done: Callable[[int], None]
) -> list[R | str]:
    """``job(item)`` for every item on the Dask distributed cluster at ``scheduler`` (``tcp://host:8786``,
    or a ``distributed.LocalCluster``'s address); the outcomes in the order of ``items``.

    Needs the optional extra ``[cluster]`` (``pip install -e ".[cluster]"``): without it, raises
    RuntimeError.
    """
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise RuntimeError('Dask distributed is not installed: pip install -e ".[cluster]"') from exc
    outcomes: list[R | str] = [""] * len(items)
    with Client(scheduler, timeout=30) as client:
        futures = client.map(job, list(items), pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        for future in as_completed(futures):
            try:
                outcomes[index[future.key]] = future.result()
            except Exception as exc:  # the worker died or the job raised
                outcomes[index[future.key]] = failure(exc)
            done(index[future.key])
    return outcomes


def new_pool(count: int):
    """A pebble process pool of ``count`` workers, started by spawn (never a fork of a process
    that may run threads: MkDocs' server, the site writer)."""
    from pebble import ProcessPool

    return ProcessPool(max_workers=count, context=multiprocessing.get_context("spawn"))


def _inline(job: Callable[[T], R], item: T, index: int, done: Callable[[int], None]) -> R | str:
    try:
        outcome: R | str = job(item)
    except Exception as exc:
        outcome = failure(exc)
    done(index)
    return outcome


def _collect(
    pool, job: Callable[[T], R], items: Sequence[T], timeouts: list[float], done: Callable[[int], None]
) -> list[R | str]:
    from pebble import ProcessExpired

    outcomes: list[R | str] = []
    futures = [pool.schedule(job, args=(item,), timeout=timeout) for item, timeout in zip(items, timeouts)]
    try:
        for index, (future, timeout) in enumerate(zip(futures, timeouts)):
            try:
                # once the jobs before it are done, a job starts at once (or as soon as a stopped
                # worker is replaced) and pebble ends it after ``timeout``: waiting longer means
                # the pool cannot run it at all, and it is not waited on for ever
                outcomes.append(future.result(timeout=timeout + START_GRACE))
            except FuturesTimeout:
                outcomes.append(f"timeout after {timeout:g} s")
            except ProcessExpired:
                outcomes.append("the worker process stopped")
            except Exception as exc:  # an error inside the worker, e.g. in a decoder's binding
                outcomes.append(failure(exc))
            done(index)
    finally:
        for future in futures:  # interrupted (Ctrl-C): the kept worker does not go on with the rest
            future.cancel()
    return outcomes


_KEPT_LOCK = threading.Lock()
_kept: tuple[int, Any] | None = None  # (process id, pool of one worker) for small batches
_kept_hooks: list[bool] = []  # the exit and fork hooks are registered


def _kept_pool():
    """The one-worker pool of this process, started on first use (again in a forked child)."""
    global _kept
    if _kept is not None and _kept[0] == os.getpid() and _kept[1].active:
        return _kept[1]
    if not _kept_hooks:
        _kept_hooks.append(True)
        atexit.register(stop_kept)
        # a fork while the pool's threads hold a lock would leave the child stuck on it (the
        # child of a test dropping privileges was): the pool is stopped first, started again later
        os.register_at_fork(before=stop_kept)
    _kept = (os.getpid(), new_pool(1))
    return _kept[1]


def stop_kept() -> None:
    """Stop the kept worker of this process (at exit, before a fork); it starts again when needed."""
    global _kept
    if _kept is not None and _kept[0] == os.getpid():
        pool, _kept = _kept[1], None
        pool.stop()
        pool.join()
