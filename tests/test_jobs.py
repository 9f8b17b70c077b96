"""The one job runner (core/jobs.py): a status per item, its own progress bar, local workers or Dask alike."""

from __future__ import annotations

import io
import sys

import pytest

from contest_portal.core.jobs import run_bounded

# int() is a module-level job a worker can import; "x" makes it raise in the worker
ITEMS = ["7", "x", "-3"]
OUTCOMES = [7, "invalid literal for int() with base 10: 'x'", -3]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_every_item_gets_its_result_or_the_reason_it_failed_and_the_batch_goes_on():
    assert run_bounded(int, ITEMS, timeout=30) == OUTCOMES
    assert run_bounded(int, ITEMS * 3, timeout=30, workers=2, parallel_min=2) == OUTCOMES * 3  # a pool per batch


def test_the_runner_draws_the_batchs_bar_counting_each_jobs_weight(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    ticks: list[int] = []
    outcomes = run_bounded(
        int, ITEMS, timeout=30, work="rendition", lang="en", weights=[4, 10, 11], advance=ticks.append
    )
    assert outcomes == OUTCOMES and ticks == [1, 1, 1]  # the caller's own count goes on by one a job
    text = terminal.getvalue()
    assert text.startswith("\r") and text.rstrip().endswith("25/25")  # 4 + 10 + 11 seconds of video


def test_no_bar_without_work_to_name(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run_bounded(int, ITEMS * 10, timeout=30) == OUTCOMES * 10
    assert terminal.getvalue() == ""


def test_a_dask_cluster_runs_the_same_jobs_with_the_same_outcomes_in_order():
    distributed = pytest.importorskip("distributed")
    ticks: list[int] = []
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        there = run_bounded(int, ITEMS, timeout=30, scheduler=cluster.scheduler_address, advance=ticks.append)
    assert there == OUTCOMES and ticks == [1, 1, 1]
