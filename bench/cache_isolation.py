#!/usr/bin/env python3
"""Benchmark: what it costs that the live site shares no file with the cache (issue 33, fault 1).

    python3 bench/cache_isolation.py                      40 videos of 5 MB, 80 pictures of 150 KB
    python3 bench/cache_isolation.py --videos 200 --mb 20 a province's archive

Publishes the same files (``publish_files``, the build's publishing step) three ways, in a folder
on the cache's filesystem (``--dir``, default the system's temporary folder):

* ``links to the cache``: what builds did before: a hard link from the site to the cache's copy
  (a cache file damaged in place damages the live site at once);
* ``cold``: the first build now: the cache's copy (sealed: size, time, digest) and the site's own
  clone or copy of it;
* ``warm``: a rebuild now: every cache copy checked against its seal, every site file a link to
  the live site's file of the same bytes (checked too).

For each: seconds, bytes copied, and the disk the cache and the site take together (distinct
files).  On a filesystem with clones (Btrfs, XFS) the site's copies cost no bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from contest_portal.publish.media_store import publish_files, store_name  # noqa: E402


def _disk(*folders: Path) -> int:
    """Bytes of the distinct files (by inode) under ``folders``."""
    seen: dict[tuple[int, int], int] = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                st = path.stat()
                seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=40)
    parser.add_argument("--mb", type=float, default=5.0, help="size of each video, MB")
    parser.add_argument("--pictures", type=int, default=80)
    parser.add_argument("--dir", default=None, help="where to work (the cache's filesystem)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as work:
        root = Path(work)
        sources = []
        for n in range(args.videos):
            sources.append(root / "entries" / f"e{n}" / "video.mp4")
            sources[-1].parent.mkdir(parents=True)
            sources[-1].write_bytes(os.urandom(int(args.mb * 1e6)))
        for n in range(args.pictures):
            sources.append(root / "entries" / f"p{n}" / "poster.jpg")
            sources[-1].parent.mkdir(parents=True)
            sources[-1].write_bytes(os.urandom(150_000))
        total = sum(p.stat().st_size for p in sources)

        def pairs(site: Path) -> list[tuple[Path, Path]]:
            return [(s, site / s.relative_to(root / "entries")) for s in sources]

        rows = []
        # before issue 33: the store's copy, hard-linked into the site
        old_store = root / "old-store"
        old_store.mkdir()
        for source in sources:
            shutil.copyfile(source, old_store / store_name(source.stat(), source))
        started = time.perf_counter()
        for source, target in pairs(root / "old-site"):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(old_store / store_name(source.stat(), source), target)
        rows.append(
            ("links to the cache (warm)", time.perf_counter() - started, 0, _disk(old_store, root / "old-site"))
        )
        store = root / "cache" / "published"
        started = time.perf_counter()
        cold = publish_files(pairs(root / "site1"), store=store, used=set())
        rows.append(
            (
                "cold (cache copy + site copy)",
                time.perf_counter() - started,
                cold.copied_bytes,
                _disk(store, root / "site1"),
            )
        )
        started = time.perf_counter()
        site1 = root / "site1"
        warm = publish_files(
            pairs(root / "site2"),
            store=store,
            used=set(),
            live=[site1 / s.relative_to(root / "entries") for s in sources],
        )
        rows.append(
            (
                "warm (checked, linked from live)",
                time.perf_counter() - started,
                warm.copied_bytes,
                _disk(store, root / "site2"),
            )
        )
        print(
            f"{len(sources)} files, {total / 1e6:.1f} MB published "
            f"({args.videos} videos of {args.mb} MB, {args.pictures} pictures of 150 KB)"
        )
        print(f"{'publishing':<36} {'seconds':>8} {'copied MB':>10} {'disk MB':>8}")
        for name, seconds, copied, disk in rows:
            print(f"{name:<36} {seconds:>8.2f} {copied / 1e6:>10.1f} {disk / 1e6:>8.1f}")
        print(f"warm: {warm.linked} linked, {warm.cloned} cloned, {warm.copied} copied, {warm.stored} into the cache")
    return 0


if __name__ == "__main__":
    sys.exit(main())
