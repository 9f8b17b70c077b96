"""Entry files reach the site from a copy in the cache, as a clone, a hard link to the live site's
file (no bytes copied when warm) or a copy, or not at all; the site never shares a file with
entries/ nor with the cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

import build as cli
from contest_portal.publish.background import BackgroundPublish
from contest_portal.publish.media_store import publish_files

from .conftest import write_mkdocs_yml


def _video_in_site(site: Path) -> Path:
    return site / "2025-thu-nghiem" / "media" / "e-01" / "video.mp4"


def test_videos_are_linked_from_the_live_site_never_from_the_cache(tree, tmp_path):
    tree.contest()
    folder = tree.entry()
    config = write_mkdocs_yml(tmp_path)
    inodes = set()
    for _ in range(2):  # a rebuild links the live site's file: zero video bytes copied
        assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
        published = _video_in_site(tmp_path / "site")
        assert published.read_bytes() == (folder / "video.mp4").read_bytes()
        inodes.add(published.stat().st_ino)
    assert len(inodes) == 1 and (folder / "video.mp4").stat().st_ino not in inodes
    assert (folder / "video.mp4").stat().st_nlink == 1  # entries/ shares its file with nothing
    (stored,) = (tmp_path / ".cache" / "published").glob("*.mp4")
    assert stored.stat().st_ino not in inodes and stored.stat().st_nlink == 1  # nor the cache
    # the site, and the site the last build replaced, which waits in the cache's trash for the next
    # build to delete it (see publish/staging.py): two names, one file's bytes
    assert _video_in_site(tmp_path / "site").stat().st_nlink == 2
    (waiting,) = (tmp_path / ".cache" / "old-sites").iterdir()
    assert (waiting / "2025-thu-nghiem" / "media" / "e-01" / "video.mp4").stat().st_ino in inodes


def test_other_filesystem_falls_back_to_a_copy(tmp_path):
    if not Path("/dev/shm").is_dir() or os.stat("/dev/shm").st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second filesystem here")
    source = tmp_path / "v.mp4"
    source.write_bytes(b"x" * 1000)
    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        target = Path(other) / "site" / "v.mp4"
        stats = publish_files([(source, target)])
        assert (stats.linked, stats.copied, stats.copied_bytes) == (0, 1, 1000)
        assert target.read_bytes() == source.read_bytes()
        again = publish_files([(source, target)])
        assert again.copied == 1  # a copy is not the same file: it is refreshed, never left stale


def test_linking_twice_into_the_same_site_touches_nothing(tmp_path):
    source = tmp_path / "v.mp4"
    source.write_bytes(b"y" * 10)
    target = tmp_path / "site" / "v.mp4"
    first = publish_files([(source, target)], store=tmp_path / "store")
    assert (first.placed, first.stored) == (1, 1) and first.copied_bytes in (0, 20)  # (0: cloned)
    again = publish_files([(source, target)], store=tmp_path / "store")
    assert (again.unchanged, again.stored, again.copied_bytes) == (1, 0, 0)
    assert target.stat().st_ino != source.stat().st_ino
    (stored,) = (tmp_path / "store").iterdir()
    assert target.stat().st_ino != stored.stat().st_ino


def test_linking_in_the_background_reports_its_work_and_its_failure(tmp_path):
    sources = []
    for number in range(50):
        sources.append(tmp_path / f"v{number}.mp4")
        sources[-1].write_bytes(b"z" * number)
    job = BackgroundPublish(
        tmp_path / "site",
        [(source, f"e-{n}/{source.name}") for n, source in enumerate(sources)],
        store=tmp_path / "store",
        writes=[("nhung/e-1/index.html", "<p>Xã Vĩnh Hòa</p>".encode())],
    )
    assert (job.result().placed, job.result().written) == (50, 1)
    assert (tmp_path / "site" / "nhung" / "e-1" / "index.html").read_text(encoding="utf-8") == "<p>Xã Vĩnh Hòa</p>"
    assert all(
        (tmp_path / "site" / f"e-{n}" / source.name).read_bytes() == source.read_bytes()
        for n, source in enumerate(sources)
    )
    assert job.sweep().held_files == 50
    missing = BackgroundPublish(tmp_path / "site2", [(tmp_path / "gone.mp4", "gone.mp4")])
    with pytest.raises(FileNotFoundError):
        missing.result()  # the build's thread sees the failure (and the build fails)


def test_where_no_process_can_start_a_thread_publishes(tmp_path, monkeypatch):
    import subprocess

    def refused(*args, **kwargs):
        raise PermissionError("no new process here")

    source = tmp_path / "v.mp4"
    source.write_bytes(b"video")
    monkeypatch.setattr(subprocess, "Popen", refused)
    job = BackgroundPublish(
        tmp_path / "site", [(source, "e-1/v.mp4")], store=tmp_path / "store", writes=[("nhung/index.html", b"<p>x</p>")]
    )
    assert (job.result().placed, job.result().written) == (1, 1)
    assert (tmp_path / "site" / "e-1" / "v.mp4").read_bytes() == b"video"
    assert (tmp_path / "site" / "nhung" / "index.html").read_bytes() == b"<p>x</p>"


def test_a_stopped_build_links_nothing_more(tmp_path):
    import threading

    source = tmp_path / "v.mp4"
    source.write_bytes(b"x")
    stop = threading.Event()
    stop.set()
    assert publish_files([(source, tmp_path / "site" / "v.mp4")], stop).linked == 0
    assert not (tmp_path / "site").exists()


def test_videos_hosted_elsewhere_are_not_published(tree, tmp_path):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    text = config.read_text().replace(
        "cache_dir: .cache", "cache_dir: .cache\n      video_base_url: https://cdn.example.vn/video/"
    )
    config.write_text(text)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    assert not _video_in_site(tmp_path / "site").exists()
    page = (tmp_path / "site" / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").read_text()
    assert 'src="https://cdn.example.vn/video/2025-thu-nghiem/media/e-01/video.mp4"' in page


def test_files_too_big_for_the_host_are_flagged(tree, tmp_path, caplog):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    config.write_text(config.read_text().replace("cache_dir: .cache", "cache_dir: .cache\n      host_file_limit: 1000"))
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    assert any("VID019" in record.getMessage() for record in caplog.records)


def test_a_build_failing_while_pages_render_stops_linking_and_leaves_nothing(tree, tmp_path):
    import threading

    tree.contest()
    for number in range(2):  # (the fixture's units take two entries each)
        tree.entry(slug=f"e-{number:02d}")
    config = write_mkdocs_yml(tmp_path)
    site = tmp_path / "site"
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    broken = tmp_path / "page-templates"
    broken.mkdir()
    (broken / "entry.html").write_text("{{ no_such_value }}\n")  # fails while MkDocs renders the pages
    config.write_text(
        config.read_text().replace("cache_dir: .cache", "cache_dir: .cache\n      templates_dir: page-templates")
    )
    assert cli.main(["build", "-f", str(config), "--site-dir", str(site)]) != 0
    assert not [t for t in threading.enumerate() if t.name == "contest-portal-media"]
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".cache",
        ".site.lock",
        "docs",
        "entries",
        "mkdocs.yml",
        "page-templates",
        "site",
    ]
