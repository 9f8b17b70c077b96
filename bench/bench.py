#!/usr/bin/env python3
"""Benchmark: build synthetic portals cold and warm, against plain MkDocs in the same run.

    python bench/bench.py                     sizes 100, 500, 1000, 5000 entries over 10 editions
    python bench/bench.py --sizes 100,500     a quicker run

For each size it prints: build seconds (cold, warm), pages per second, peak memory, video bytes
copied, media probes and poster decodes on the warm build, and the ratio to a plain
mkdocs-material build of the same number of Markdown pages (out of the nav, like entry pages).
It also times probing a small file against 1 GB files.  Targets: warm build within 1.3x of the
plain build; zero bytes copied and zero probes when warm; probe time independent of file size;
5,000 entries within 12x the time of 500.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from tools.videogen import make_padded_copy, make_video  # noqa: E402

EDITIONS = 10
RUNNER = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import build as cli
started = time.perf_counter()
status = cli.main({args!r})
print(json.dumps({{"status": status, "seconds": time.perf_counter() - started,
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
PLAIN_RUNNER = """
import json, resource, sys, time, logging
from mkdocs.config import load_config
from mkdocs.commands.build import build
started = time.perf_counter()
cfg = load_config(config_file={config!r}, site_dir={site!r})
cfg.plugins.on_startup(command="build", dirty=False)
build(cfg)
print(json.dumps({{"status": 0, "seconds": time.perf_counter() - started,
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def make_portal(folder: Path, entries: int, base_video: Path) -> Path:
    """A portal of ``entries`` entries over 10 editions; each video is a distinct real mp4."""
    per = max(1, entries // EDITIONS)
    for edition in range(EDITIONS):
        contest = folder / "entries" / f"{2015 + edition}-thi-{edition}"
        contest.mkdir(parents=True)
        (contest / "contest.yml").write_text(
            f"year: {2015 + edition}\ntitle: Cuộc thi thử {edition}\norganizer: {{name: UBND huyện}}\n"
            "unit_categories: [{id: xa, name: Xã}]\nunits: [{id: xa-a, name: UBND xã A, category: xa}]\n",
            encoding="utf-8")
        for number in range(per):
            entry = contest / f"e-{number:04d}"
            entry.mkdir()
            (entry / "entry.yml").write_text(
                f"title: Tác phẩm {edition}-{number}\nauthors: [{{name: Tác giả {number}}}]\nunit: xa-a\n"
                "video: video.mp4\nconsent: {publication: true}\n", encoding="utf-8")
            # a unique tail makes each file a distinct video (no duplicate warnings), still a valid MP4
            make_padded_copy(base_video, entry / "video.mp4", base_video.stat().st_size + 64 + edition * 10000 + number)
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Bench\ndocs_dir: docs\ntheme: {name: material, language: vi, font: false}\n"
                      "plugins:\n  - search\n  - contest:\n      entries_dir: entries\n      cache_dir: .cache\n"
                      "      today: '2024-09-20'\n", encoding="utf-8")
    return config


def make_plain(folder: Path, pages: int) -> Path:
    docs = folder / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for number in range(pages):
        (docs / "p" / f"{number}.md").write_text(
            f"# Trang {number}\n\nMột đoạn văn bản mô tả tác phẩm số {number}.\n\n"
            f"<video controls preload=\"metadata\" src=\"v{number}.mp4\"></video>\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text("site_name: Plain\ndocs_dir: docs\ntheme: {name: material, language: vi, font: false}\n"
                      "plugins: [search]\nnot_in_nav: |\n  /p/\n", encoding="utf-8")
    return config


def run(code: str, env: dict | None = None) -> dict:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "{}"
    data = json.loads(last) if last.startswith("{") else {}
    if data.get("status") != 0:
        raise SystemExit(f"build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return data


def build(config: Path, site: Path, stats: Path) -> dict:
    args = ["build", "-f", str(config), "-d", str(site)]
    timing = run(RUNNER.format(root=str(ROOT), args=args), {"CONTEST_PORTAL_STATS": str(stats)})
    return {**timing, **json.loads(stats.read_text())}


def probe_times(work: Path, base_video: Path) -> dict:
    from contest_portal.media import probe_video

    files = {"small": base_video}
    for number in range(3):
        files[f"1GB-{number}"] = make_padded_copy(base_video, work / f"big-{number}.mp4", 1_000_000_000 + number)
    timings = {}
    for name, path in files.items():
        started = time.perf_counter()
        for _ in range(5):
            probe_video(path)
        timings[name] = (time.perf_counter() - started) / 5 * 1000
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,1000,5000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="contest-bench-"))
    try:
        base = make_video(work / "base.mp4", duration_s=2, width=320, height=180, lines=["bench"])
        timings = probe_times(work, base)
        print("probe (ms, parse_speed=0): " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
        big = sum(v for k, v in timings.items() if k.startswith("1GB")) / 3
        print(f"  1 GB / small probe time ratio: {big / timings['small']:.2f}")
        header = (f"{'entries':>7} {'pages':>6} {'cold s':>7} {'warm s':>7} {'plain s':>7} {'warm/plain':>10} "
                  f"{'pages/s':>8} {'peak MB':>8} {'copied B':>9} {'probes':>6} {'posters':>7}")
        print(header)
        results = {}
        for size in sizes:
            folder = work / f"portal-{size}"
            config = make_portal(folder, size, base)
            cold = build(config, folder / "site", work / "stats.json")
            warm = build(config, folder / "site", work / "stats.json")
            plain_folder = work / f"plain-{size}"
            plain_config = make_plain(plain_folder, warm["pages"])
            plain = run(PLAIN_RUNNER.format(config=str(plain_config), site=str(plain_folder / "site")))
            results[size] = warm["seconds"]
            print(f"{size:>7} {warm['pages']:>6} {cold['seconds']:>7.2f} {warm['seconds']:>7.2f} "
                  f"{plain['seconds']:>7.2f} {warm['seconds'] / plain['seconds']:>10.2f} "
                  f"{warm['pages'] / warm['seconds']:>8.0f} {max(cold['peak_mb'], warm['peak_mb']):>8.0f} "
                  f"{warm['copied_bytes']:>9} {warm['probes']:>6} {warm.get('posters_decoded', 0):>7}")
            shutil.rmtree(folder / "site", ignore_errors=True)
            shutil.rmtree(plain_folder, ignore_errors=True)
        if 500 in results and 5000 in results:
            print(f"5000 / 500 warm build time: {results[5000] / results[500]:.2f} (target <= 12)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
