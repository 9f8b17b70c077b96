#!/usr/bin/env python3
"""Benchmark: build synthetic portals cold and warm, against plain MkDocs in the same run.

    python3 bench/bench.py                     sizes 100, 500, 1000, 5000 entries over 10 editions
    python3 bench/bench.py --sizes 100,500     a quicker run
    python3 bench/bench.py --repeat 3          warm and plain builds three times each (default 2)

For each size it prints: build seconds (cold, warm), pages per second, peak memory (the build
process or its largest worker), video bytes copied, media probes and poster/thumbnail decodes on
the cold and the warm build, the bytes the cache holds for published media (the disk cost of a
live site that shares no file with ``entries/``: one copy, or a copy-on-write clone, of each
published file; the site has its own, linked from the live site when warm, see
bench/cache_isolation.py), and the ratio to a plain mkdocs-material build of the same number
of Markdown pages measured in the same run: one equivalent page per entry (the same title,
links, video and facts, written in Markdown, out of the nav like entry pages; see make_plain).
Warm and plain builds alternate, the quickest of each counts, and both clocks start after the
same imports.
It also times probing a small file against 100 MB and 1 GB files (the full probe: rotation, pixel
aspect, profile, frame-rate mode), and the worst case of a cold build of 20 entries where two
files hang their probe (``hanging_probe``, put in the build's probe by the runner: the same way
the tests inject a stuck decoder) against the same build without them.  Targets: warm build within 1.0x of the
plain build (issue 22; it was 1.3x); zero bytes copied, zero probes and zero YAML files parsed ("parsed") when warm; probe time independent of file size;
5,000 entries within 12x the time of 500; the hung build within the normal one plus one probe
timeout per hung file (and a few seconds to start each stopped worker again).
The portal's builds include its site search index (Pagefind), the plain build the theme's lunr index.
A warm build whose pages did not change links the search bundle kept from the last build (its time is
part of "warm s"); "changed s" is a build after one entry's title was changed, which indexes every page
again ("index s", part of "changed s"; "index/plain" is its share of the plain build's time).
The bytes a visitor fetches for the search are measured by bench/search_bytes.py.
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
import mkdocs.commands.build, mkdocs.config  # imported before the clock starts, as in the plain runner
started = time.perf_counter()
status = cli.main({args!r})
print(json.dumps({{"status": status, "seconds": time.perf_counter() - started,
                   "peak_mb": max(resource.getrusage(who).ru_maxrss for who in
                                  (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024}}))
"""
HUNG_RUNNER = (
    """
import sys
sys.path.insert(0, {bench!r})
import bench as hooks  # bench/bench.py: hanging_probe must be importable by the probe's worker
import contest_portal.media.probe as probe
probe.PROBE_TIMEOUT = {timeout!r}
probe.probe_video = hooks.hanging_probe
"""
    + RUNNER
)
HUNG = "CONTEST_BENCH_HANG"  # "contest/entry,contest/entry": the entries whose probe hangs
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
            encoding="utf-8",
        )
        for number in range(per):
            entry = contest / f"e-{number:04d}"
            entry.mkdir()
            (entry / "entry.yml").write_text(
                f"title: Tác phẩm {edition}-{number}\nauthors: [{{name: Tác giả {number}}}]\nunit: xa-a\n"
                "video: video.mp4\nconsent: {publication: true}\n",
                encoding="utf-8",
            )
            # a unique tail makes each file a distinct video (no duplicate warnings), still a valid MP4
            make_padded_copy(base_video, entry / "video.mp4", base_video.stat().st_size + 64 + edition * 10000 + number)
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Bench\ndocs_dir: docs\ntheme: {name: material, language: vi, font: false}\n"
        # the portal's own search (Pagefind, after the pages are written), not the theme's
        "plugins:\n  - contest:\n      entries_dir: entries\n      cache_dir: .cache\n"
        "      today: '2024-09-20'\n",
        encoding="utf-8",
    )
    return config


def make_plain(folder: Path, entries: int, pages: int) -> Path:
    """The plain mkdocs-material site: ``pages`` Markdown pages out of the nav, like entry pages.

    Each of the first ``entries`` pages says in Markdown what an entry page shows: its title, a
    link back to the gallery with the contest's name, the video (poster, source and a download
    link), and the five facts (authors, unit, group, kind, duration) as a list; they sit in 10
    folders, as the entries do.  The other pages (the portal's hub pages) are a title and a line.
    """
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    per = max(1, entries // EDITIONS)
    entries = per * EDITIONS  # as many as make_portal makes
    for number in range(pages - 1):
        edition, index = divmod(number, per) if number < entries else (None, number)
        if edition is None:
            page = docs / "hub" / f"{number}.md"
            text = f"# Trang {number}\n\nMột trang của cổng cuộc thi.\n"
        else:
            page = docs / f"{2015 + edition}-thi-{edition}" / "bai-du-thi" / f"e-{index:04d}.md"
            media = f"../../media/e-{index:04d}"
            text = (
                f"# Tác phẩm {edition}-{index}\n\n[← Tất cả tác phẩm](../) · Cuộc thi thử {edition}\n\n"
                f'<video controls preload="metadata" playsinline poster="{media}/poster.jpg" width="320" height="180">\n'
                f'  <source src="{media}/video.mp4" type="video/mp4">\n'
                f'  <a href="{media}/video.mp4">Tải video</a>\n</video>\n\n'
                f"- **Tác giả:** Tác giả {index}\n- **Đơn vị:** UBND xã A\n- **Loại đơn vị:** Xã\n"
                f"- **Loại tác phẩm:** Video\n- **Thời lượng:** 0:02\n"
            )
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: Plain\ndocs_dir: docs\ntheme: {name: material, language: vi, font: false}\n"
        "plugins: [search]\nnot_in_nav: |\n  /*/\n",
        encoding="utf-8",
    )
    return config


def hanging_probe(path: Path):
    """The real probe, except for the videos of the entries named in $CONTEST_BENCH_HANG: a stuck decoder."""
    from contest_portal.media.probe import probe_video

    if f"{path.parent.parent.name}/{path.parent.name}" in os.environ.get(HUNG, "").split(","):
        time.sleep(3600)
    return probe_video(path)


def run(code: str, env: dict | None = None, any_status: bool = False) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "{}"
    data = json.loads(last) if last.startswith("{") else {}
    if not data or (data.get("status") != 0 and not any_status):
        raise SystemExit(f"build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return data


def build(config: Path, site: Path, stats: Path) -> dict:
    args = ["build", "-f", str(config), "-d", str(site), "--stats", str(stats)]
    timing = run(RUNNER.format(root=str(ROOT), args=args))
    return {**timing, **json.loads(stats.read_text())}


def hung_build(work: Path, base: Path, timeout: float, entries: int = 20) -> dict:
    """Seconds of a cold build of ``entries`` entries, without and with two probes that hang.

    The hung entries get VID001 ("timeout after ... s"), so that build fails: its time is what counts.
    """
    args = ["build", "-f", "", "-d", ""]
    seconds = {}
    for kind in ("normal", "hung"):
        folder = work / f"hung-{kind}"
        config = make_portal(folder, entries, base)
        args[2], args[4] = str(config), str(folder / "site")
        hung = ["2015-thi-0/e-0000", "2016-thi-1/e-0001"] if kind == "hung" else []
        code = HUNG_RUNNER.format(
            bench=str(Path(__file__).resolve().parent), timeout=timeout, root=str(ROOT), args=args
        )
        result = run(code, {HUNG: ",".join(hung)}, any_status=True)
        seconds[f"{kind} s"] = result["seconds"]
        shutil.rmtree(folder, ignore_errors=True)
    return {"entries": entries, "hung files": 2, "timeout": timeout, **seconds}


def probe_times(work: Path, base_video: Path) -> dict:
    """Milliseconds per probe of the same video padded to growing sizes (sparse files).

    Five rounds of ten probes of every file in turn; each file's quickest round counts.
    """
    from contest_portal.media.probe import probe_video

    probe_video(base_video)  # the first probe of a process loads libmediainfo: not part of the figure
    files = {"small": base_video, "100MB": make_padded_copy(base_video, work / "100mb.mp4", 100_000_000)}
    for number in range(3):
        files[f"1GB-{number}"] = make_padded_copy(base_video, work / f"big-{number}.mp4", 1_000_000_000 + number)
    timings = {name: float("inf") for name in files}
    for _ in range(5):  # rounds over every file in turn; each file's quickest round counts (machine noise)
        for name, path in files.items():
            started = time.perf_counter()
            for _ in range(10):
                probe_video(path)
            timings[name] = min(timings[name], (time.perf_counter() - started) / 10 * 1000)
    return timings


COLUMNS = [
    ("entries", 7),
    ("pages", 6),
    ("cold s", 7),
    ("warm s", 7),
    ("plain s", 7),
    ("warm/plain", 10),
    ("pages/s", 8),
    ("peak MB", 8),
    ("cold probes", 11),
    ("cold decodes", 12),
    ("copied B", 9),
    ("probes", 6),
    ("decodes", 7),
    ("parsed", 6),
    ("cache B", 11),
    ("changed s", 9),
    ("index s", 7),
    ("index/plain", 11),
]


def _decodes(stats: dict) -> int:
    return stats.get("posters_decoded", 0) + stats.get("thumbnails_made", 0) + stats.get("renditions_made", 0)


def measure(work: Path, size: int, base: Path, repeat: int = 2) -> dict:
    """Cold and warm builds of a synthetic portal of ``size`` entries, and the plain build.

    The warm and the plain builds run ``repeat`` times, alternately, and the quickest of each counts
    (the usual way to take out a busy machine's noise); the work counters are the largest seen.
    """
    folder = work / f"portal-{size}"
    config = make_portal(folder, size, base)
    cold = build(config, folder / "site", work / "stats.json")
    plain_folder = work / f"plain-{size}"
    plain_config = None
    warms, plains = [], []
    for _ in range(max(1, repeat)):
        warms.append(build(config, folder / "site", work / "stats.json"))
        plain_config = plain_config or make_plain(plain_folder, size, warms[0]["pages"])
        plains.append(run(PLAIN_RUNNER.format(config=str(plain_config), site=str(plain_folder / "site"))))
    warm = dict(min(warms, key=lambda w: w["seconds"]))
    for counter in (
        "copied_bytes",
        "probes",
        "posters_decoded",
        "thumbnails_made",
        "renditions_made",
        "cache_bytes",
        "yaml_parsed",
    ):
        if counter in warm:
            warm[counter] = max(w.get(counter, 0) for w in warms)
    plain = min(plains, key=lambda p: p["seconds"])
    changed = build(change_one_entry(folder), folder / "site", work / "stats.json")
    media = sum(path.stat().st_size for path in (folder / "entries").rglob("video.mp4"))
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(plain_folder, ignore_errors=True)
    return {
        "entries": size,
        "pages": warm["pages"],
        "cold s": cold["seconds"],
        "warm s": warm["seconds"],
        "plain s": plain["seconds"],
        "warm/plain": warm["seconds"] / plain["seconds"],
        "pages/s": warm["pages"] / warm["seconds"],
        "peak MB": max(cold["peak_mb"], warm["peak_mb"]),
        "cold probes": cold["probes"],
        "cold decodes": _decodes(cold),
        "copied B": warm["copied_bytes"],
        "probes": warm["probes"],
        "decodes": _decodes(warm),
        "parsed": warm.get("yaml_parsed", 0),
        "cache B": warm.get("cache_bytes", 0),
        "cloned": cold.get("cloned", 0),
        "video B": media,
        "cold copied B": cold["copied_bytes"],
        "changed s": changed["seconds"],
        "index s": changed.get("search_s", 0.0),
        "index/plain": changed.get("search_s", 0.0) / plain["seconds"],
        "index B": changed.get("search_bytes", 0),
        "search pages": changed.get("search_pages", 0),
        "warm index s": warm.get("search_s", 0.0),
        "warm reused": all(w.get("search_reused") for w in warms),
        "changed reused": changed.get("search_reused"),
    }


def change_one_entry(folder: Path) -> Path:
    """Give the first entry of the portal in ``folder`` a new title (its page, and so the search index,
    changes); returns the portal's mkdocs.yml."""
    entry = sorted((folder / "entries").glob("*/e-0000/entry.yml"))[0]
    text = entry.read_text(encoding="utf-8")
    entry.write_text(text.replace("title: ", "title: Đổi tên ", 1), encoding="utf-8")
    return folder / "mkdocs.yml"


def _cell(name: str, value, width: int) -> str:
    return f"{value:>{width}.2f}" if name.endswith((" s", "/plain")) else f"{value:>{width}.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,1000,5000", help="entries per portal, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="warm and plain builds per size (the quickest counts)")
    parser.add_argument(
        "--hang-timeout",
        type=float,
        default=None,
        help="probe timeout of the build with two hung files (default: the build's, 30 s)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="contest-bench-"))
    try:
        base = make_video(work / "base.mp4", duration_s=2, width=320, height=180, lines=["bench"])
        timings = probe_times(work, base)
        print(
            f"probe time per file (ms, parse_speed=0; small file {base.stat().st_size} B): "
            + ", ".join(f"{k} {v:.2f}" for k, v in timings.items())
        )
        big = sum(v for k, v in timings.items() if k.startswith("1GB")) / 3
        print(f"  1 GB / small probe time ratio: {big / timings['small']:.2f} (target: about 1)")
        from contest_portal.media.probe import PROBE_TIMEOUT

        hung = hung_build(work, base, args.hang_timeout or PROBE_TIMEOUT)
        bound = hung["normal s"] + hung["hung files"] * hung["timeout"]
        print(
            f"cold build of {hung['entries']} entries with {hung['hung files']} hung probes (timeout "
            f"{hung['timeout']:g} s): {hung['hung s']:.2f} s; without them {hung['normal s']:.2f} s; "
            f"normal + one timeout per hung file: {bound:.2f} s",
            flush=True,
        )
        print(" ".join(f"{name:>{width}}" for name, width in COLUMNS), flush=True)
        results = {}
        for size in sizes:
            row = results[size] = measure(work, size, base, args.repeat)
            print(" ".join(_cell(name, row[name], width) for name, width in COLUMNS), flush=True)
        for size, row in results.items():
            print(
                f"{size} entries: the cache holds {row['cache B'] / 1e6:.1f} MB of published media (videos, posters, "
                f"thumbnails) for "
                f"{row['video B'] / 1e6:.1f} MB of videos in entries/ ({row['cache B'] / max(1, row['video B']):.2f}x; "
                f"cold build copied {row['cold copied B'] / 1e6:.1f} MB into it"
                + ("; copy-on-write clones, sharing the videos' disk blocks)" if row["cloned"] else ")")
            )
        for size, row in results.items():
            print(
                f"{size} entries: site search: the warm build "
                + ("linked the kept index" if row["warm reused"] else "indexed again (no kept index)")
                + f" ({row['warm index s']:.2f} s); one entry changed: {row['search pages']} pages indexed again in "
                f"{row['index s']:.2f} s ({row['index/plain']:.2f}x the plain build), that build "
                f"{row['changed s'] / row['plain s']:.2f}x the plain build"
            )
        if 500 in results and 5000 in results:
            for kind in ("warm s", "cold s"):
                ratio = results[5000][kind] / results[500][kind]
                print(f"5000 / 500 entries, {kind.split()[0]} build time: {ratio:.2f} (target <= 12)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
