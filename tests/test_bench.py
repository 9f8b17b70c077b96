"""The benchmark runs end to end and shows a warm rebuild that copies, probes and decodes nothing."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT


def _bench_module():
    spec = importlib.util.spec_from_file_location("contest_bench", ROOT / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_small_benchmark_prints_every_figure(capsys):
    bench = _bench_module()
    assert bench.main(["--sizes", "20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("probe time per file (ms") and "1GB-2" in lines[0]
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["entries", "pages"])
    row = dict(zip([name for name, _ in bench.COLUMNS], lines[header + 1].split()))
    assert row["entries"] == "20" and int(row["pages"]) > 20
    assert float(row["cold s"]) > 0 and float(row["plain s"]) > 0 and float(row["warm/plain"]) > 0
    assert row["cold probes"] == "20" and row["cold decodes"] == "40"  # cold: every video probed; a poster and a thumbnail each
    assert (row["copied B"], row["probes"], row["decodes"]) == ("0", "0", "0")  # warm: nothing again
