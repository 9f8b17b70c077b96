"""Issue 21, kind 5: the live site shares no file with entries/.

A video overwritten in place (same inode, as ``cp`` does) changes the live site only when a
build publishes it; a build that then fails leaves the site as it was; a warm rebuild copies
0 bytes; the cache keeps one copy of what is published and nothing else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import build as cli
from contest_portal.publish.media_store import publish_files, sweep_store

from .conftest import write_mkdocs_yml


def _site_video(site: Path) -> Path:
    return site / "2025-thu-nghiem" / "media" / "e-01" / "video.mp4"


def _overwrite_in_place(path: Path, data: bytes) -> None:
    """What ``cp new.mp4 path`` does: the same inode, truncated and rewritten."""
    inode = path.stat().st_ino
    with open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()
    assert path.stat().st_ino == inode


def _build(config: Path, site: Path, stats: Path) -> tuple[int, dict]:
    stats.unlink(missing_ok=True)
    status = cli.main(["build", "-f", str(config), "--site-dir", str(site), "--stats", str(stats)])
    return status, json.loads(stats.read_text()) if stats.exists() else {}


def test_a_video_overwritten_in_place_reaches_the_site_only_through_a_build(tree, tmp_path):
    from tools.videogen import make_video

    tree.contest()
    entry_video = tree.entry() / "video.mp4"
    config = write_mkdocs_yml(tmp_path)
    site, stats_file = tmp_path / "site", tmp_path / "stats.json"
    first = entry_video.read_bytes()

    status, stats = _build(config, site, stats_file)
    assert status == 0 and _site_video(site).read_bytes() == first
    assert os.stat(_site_video(site)).st_ino != os.stat(entry_video).st_ino
    assert stats["copied_bytes"] + stats["cloned"] > 0  # the cold build puts the video into the cache once

    # a clerk overwrites the entry's video in place with another video: the live site does not change
    second = make_video(tmp_path / "other.mp4", duration_s=2, width=160, height=90, lines=["a new cut"]).read_bytes()
    assert second != first
    _overwrite_in_place(entry_video, second)
    assert _site_video(site).read_bytes() == first

    # the next build publishes it
    status, stats = _build(config, site, stats_file)
    assert status == 0 and _site_video(site).read_bytes() == second
    assert os.stat(_site_video(site)).st_ino != os.stat(entry_video).st_ino
    # the new video (and its new poster and thumbnail) put into the cache once, and into the site once
    # (a clone, else a copy: the site shares no file with the cache); nothing else
    assert stats["stored"] == 3
    assert stats["copied_bytes"] == 0 or 2 * len(second) <= stats["copied_bytes"] < 2 * (len(second) + len(first))
    assert stats["copied"] + stats["cloned"] == 6

    # a warm rebuild copies nothing; the cache holds one copy of the published video, the old one swept
    status, stats = _build(config, site, stats_file)
    assert status == 0 and _site_video(site).read_bytes() == second
    assert (stats["copied_bytes"], stats["copied"], stats["cloned"]) == (0, 0, 0)
    store = tmp_path / ".cache" / "published"
    held = [p for p in store.iterdir() if p.suffix == ".mp4"]
    assert len(held) == 1 and held[0].read_bytes() == second
    assert stats["cache_bytes"] >= len(second)


def test_a_build_failing_on_a_video_overwritten_in_place_leaves_the_live_video(tree, tmp_path):
    tree.contest()
    entry_video = tree.entry() / "video.mp4"
    config = write_mkdocs_yml(tmp_path)
    site = tmp_path / "site"
    first = entry_video.read_bytes()
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    _overwrite_in_place(entry_video, b"not a video any more" * 100)
    assert _site_video(site).read_bytes() == first  # before the build
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 1  # the damaged video: an error
    assert _site_video(site).read_bytes() == first  # and after it


def test_plain_mkdocs_build_into_the_same_folder_never_links_the_entry_file(tree, tmp_path):
    """MkDocs itself (no staging folder) builds into site/ in place: still a copy in the cache."""
    import subprocess
    import sys

    tree.contest()
    entry_video = tree.entry() / "video.mp4"
    config = write_mkdocs_yml(tmp_path)
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, cwd=tmp_path)
        assert os.stat(_site_video(tmp_path / "site")).st_ino != os.stat(entry_video).st_ino
    _overwrite_in_place(entry_video, b"x" * 10)
    assert _site_video(tmp_path / "site").read_bytes() != b"x" * 10


def test_the_store_keeps_one_copy_per_version_and_the_sweep_drops_the_rest(tmp_path):
    source, store = tmp_path / "v.mp4", tmp_path / "store"
    source.write_bytes(b"a" * 100)
    used: set[str] = set()
    stats = publish_files([(source, tmp_path / "s1" / "v.mp4")], store=store, used=used)
    assert stats.stored == 1 and stats.placed == 1 and stats.copied_bytes in (0, 200)  # (0: cloned)
    assert sweep_store(store, used) == (1, 100)
    _overwrite_in_place(source, b"b" * 50)
    os.utime(source, ns=(1, 1))  # even with its time set back: the change time still differs
    used = set()
    publish_files([(source, tmp_path / "s2" / "v.mp4")], store=store, used=used)
    assert (tmp_path / "s1" / "v.mp4").read_bytes() == b"a" * 100  # the earlier site is untouched
    assert (tmp_path / "s2" / "v.mp4").read_bytes() == b"b" * 50
    (store / ".v.mp4.1.2.partial").write_bytes(b"?")  # a copy another build is writing: left alone
    assert sweep_store(store, used) == (1, 50)
    assert sorted(p.name.endswith(".partial") for p in store.iterdir()) == [False, True]
    source.unlink()  # the source is gone: its copy goes at the next sweep
    assert sweep_store(store, set()) == (0, 0)
    assert (tmp_path / "s2" / "v.mp4").read_bytes() == b"b" * 50  # a site still holding it keeps it
