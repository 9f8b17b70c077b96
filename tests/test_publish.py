"""Atomic publishing: failed, interrupted, killed and concurrent builds never damage the site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

import build as cli
from contest_portal.publish.staging import SiteLocked, remove_tree, site_lock, staged_publish

from .conftest import ROOT, tree_digest, write_mkdocs_yml

HOOK = """\
import os, pathlib, time

def on_post_build(config, **kwargs):
    marker = os.environ.get("CP_TEST_PAUSE")
    if marker:
        pathlib.Path(marker).write_text("paused")
        time.sleep(120)
    if os.environ.get("CP_TEST_FAIL"):
        raise RuntimeError("simulated failure in the middle of a build")
"""


@pytest.fixture
def project(tree, tmp_path):
    tree.contest()
    tree.entry()
    (tmp_path / "hook.py").write_text(HOOK)
    config = write_mkdocs_yml(tmp_path, extra="hooks:\n  - hook.py\n")
    site = tmp_path / "site"
    assert _run(config, site).returncode == 0
    return config, site


def _run(config, site, env=None, wait=True):
    cmd = [sys.executable, str(ROOT / "build.py"), "build", "-f", str(config), "--site-dir", str(site)]
    environment = {**os.environ, "PYTHONFAULTHANDLER": "1", **(env or {})}  # a stack dump on SIGABRT
    if wait:
        return subprocess.run(cmd, env=environment, capture_output=True, text=True, timeout=300)
    # Ctrl-C must reach the build even when the tests run as a background job, which starts with
    # SIGINT ignored (a shell's `cmd &`): the build starts with the default disposition, as at a prompt
    return subprocess.Popen(
        cmd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for(path, proc):
    deadline = time.monotonic() + 120
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.1)


def _leftovers(site):
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site-"))


def test_failure_in_the_middle_keeps_the_previous_site(project):
    config, site = project
    before = tree_digest(site)
    run = _run(config, site, {"CP_TEST_FAIL": "1"})
    assert run.returncode == 1
    assert "simulated failure" in run.stderr and "giữ nguyên" in run.stderr
    assert tree_digest(site) == before
    assert _leftovers(site) == []


def test_ctrl_c_keeps_the_previous_site(project, tmp_path):
    config, site = project
    before = tree_digest(site)
    marker = tmp_path / "paused"
    proc = _run(config, site, {"CP_TEST_PAUSE": str(marker)}, wait=False)
    _wait_for(marker, proc)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # (seen once under heavy load): show where the build stood
        proc.send_signal(signal.SIGABRT)  # faulthandler prints every thread's stack
        _, err = proc.communicate(timeout=30)
        raise AssertionError(f"the build did not stop within 120 s of Ctrl-C:\n{err}") from None
    assert proc.returncode == 130 and "giữ nguyên" in err
    assert tree_digest(site) == before
    assert _leftovers(site) == []


def test_killed_build_keeps_the_site_and_the_next_build_cleans_up(project, tmp_path):
    config, site = project
    before = tree_digest(site)
    marker = tmp_path / "paused"
    proc = _run(config, site, {"CP_TEST_PAUSE": str(marker)}, wait=False)
    _wait_for(marker, proc)
    proc.kill()
    proc.communicate(timeout=60)
    assert tree_digest(site) == before
    assert _leftovers(site), "a killed build cannot clean up after itself"
    assert _run(config, site).returncode == 0
    assert _leftovers(site) == []


def test_two_builds_at_once_do_not_mix(project, tmp_path):
    config, site = project
    marker = tmp_path / "paused"
    first = _run(config, site, {"CP_TEST_PAUSE": str(marker)}, wait=False)
    try:
        _wait_for(marker, first)
        second = _run(config, site)
        assert second.returncode == 3
        assert "khóa" in second.stderr and ".site.lock" in second.stderr
    finally:
        first.kill()
        first.communicate(timeout=60)


def test_staged_publish_in_process(tmp_path):
    target = tmp_path / "out"
    with staged_publish(target) as staging:
        (staging / "a.txt").write_text("1")
    assert (target / "a.txt").read_text() == "1"
    with pytest.raises(ValueError):
        with staged_publish(target) as staging:
            (staging / "a.txt").write_text("2")
            raise ValueError("boom")
    assert (target / "a.txt").read_text() == "1"
    with site_lock(target.resolve()):
        with pytest.raises(SiteLocked):
            with staged_publish(target):
                pass


def test_the_replaced_site_is_deleted_without_following_links_out_of_it(tmp_path):
    outside = tmp_path / "entries" / "e-01"
    outside.mkdir(parents=True)
    (outside / "video.mp4").write_bytes(b"video")
    (outside / "entry.yml").write_text("title: A\n")
    target = tmp_path / "site"
    with staged_publish(target) as staging:
        (staging / "index.html").write_text("old")
        for number in range(30):
            page = staging / "cuoc-thi" / f"e-{number:02d}" / "deep"
            page.mkdir(parents=True)
            (page / "index.html").write_text("old page")
        media = staging / "media" / "e-01"
        media.mkdir(parents=True)
        os.link(outside / "video.mp4", media / "video.mp4")  # published videos are hard links
        (staging / "media" / "linked-folder").symlink_to(outside)  # links must not be followed
        (staging / "entries-link").symlink_to(outside)
    with staged_publish(target) as staging:
        (staging / "index.html").write_text("new")
    assert sorted(p.name for p in target.iterdir()) == [".contest-portal-site", "index.html"]
    assert (target / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "entries", "site"]  # old site gone
    assert (outside / "video.mp4").read_bytes() == b"video" and (outside / "entry.yml").is_file()
    remove_tree(tmp_path / "missing")  # nothing to delete: no error


def test_the_replaced_site_waits_in_the_trash_and_the_next_build_deletes_it(tmp_path):
    outside = tmp_path / "entries" / "e-01"
    outside.mkdir(parents=True)
    (outside / "video.mp4").write_bytes(b"video")
    target, trash = tmp_path / "site", tmp_path / ".cache" / "old-sites"
    for build in ("first", "second", "third"):
        with staged_publish(target, trash=trash) as staging:
            (staging / "index.html").write_text(build)
            (staging / "media").mkdir()
            os.link(outside / "video.mp4", staging / "media" / "video.mp4")
            (staging / "entries-link").symlink_to(outside)
        assert (target / "index.html").read_text() == build
        # nothing beside the site: the replaced one is in the trash, and only the last one
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []
        waiting = list(trash.iterdir()) if trash.exists() else []
        assert len(waiting) == (0 if build == "first" else 1)
        if waiting:
            assert (waiting[0] / "index.html").read_text() == {"second": "first", "third": "second"}[build]
    assert (outside / "video.mp4").read_bytes() == b"video"  # deleting the old sites followed no link out


def test_a_site_lost_between_the_two_renames_comes_back_from_the_trash(tmp_path):
    target, trash = tmp_path / "site", tmp_path / "trash"
    for build in ("old", "live"):
        with staged_publish(target, trash=trash) as staging:
            (staging / "a.txt").write_text(build)
    shutil.rmtree(target)  # as if killed after moving the live site to the trash, before the new one came in
    with pytest.raises(RuntimeError):
        with staged_publish(target, trash=trash):
            raise RuntimeError("this build fails too")
    assert (target / "a.txt").read_text() == "old"  # the newest site in the trash: the only one there is
    assert list(trash.iterdir()) == []


def test_without_a_trash_on_the_same_disk_the_replaced_site_is_deleted_at_once(tmp_path):
    target, trash = tmp_path / "site", tmp_path / "trash-file"
    trash.write_text("not a folder")  # the trash cannot be made: the rename into it fails, as across disks
    for build in ("first", "second"):
        with staged_publish(target, trash=trash) as staging:
            (staging / "a.txt").write_text(build)
    assert (target / "a.txt").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site", "trash-file"]


@pytest.mark.parametrize("target", ["entries", "docs", ".", "entries/2025-thu-nghiem/x", ".."])
def test_build_refuses_to_overwrite_data_or_sources(project, target, tmp_path):
    config, site = project
    before = tree_digest(tmp_path / "entries")
    run = _run(config, (tmp_path / target))
    assert run.returncode == 2, run.stdout + run.stderr
    assert tree_digest(tmp_path / "entries") == before
    assert (tmp_path / "docs" / "index.md").is_file()


def test_build_refuses_a_foreign_folder_but_replaces_its_own(project, tmp_path):
    config, site = project
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "important.docx").write_bytes(b"x")
    assert _run(config, foreign).returncode == 2 and (foreign / "important.docx").exists()
    assert _run(config, site).returncode == 0  # a previous build carries the marker


def test_private_report_refused_inside_site_sources_or_entries(project, tmp_path):
    config, _ = project
    for inside in ("site/r.html", "docs/r.html", "entries/r.html"):
        assert cli.main(["validate", "-f", str(config), "--html", str(tmp_path / inside)]) == 2
        assert not (tmp_path / inside).exists()


def test_a_site_lost_between_the_two_renames_is_restored(tmp_path):
    target = tmp_path / "site"
    with staged_publish(target) as staging:
        (staging / "a.txt").write_text("old")
    old = tmp_path / ".site-old-killed"
    target.rename(old)  # as if killed right after the first rename
    (tmp_path / ".site-new-killed").mkdir()
    with pytest.raises(RuntimeError):
        with staged_publish(target):
            raise RuntimeError("this build fails too")
    assert (target / "a.txt").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []


def test_an_unexpected_inline_script_fails_the_build(project, tmp_path):
    config, site = project
    before = tree_digest(site)
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text() + '\n<script>alert("injected")</script>\n')
    run = _run(config, site)
    assert run.returncode == 1 and "SIT002" in run.stdout + run.stderr
    assert tree_digest(site) == before


def test_the_command_line_starts_where_fcntl_does_not_exist(tmp_path):
    """Windows has no fcntl: build.py and the package must still import (the lock comes from filelock)."""
    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import build, contest_portal.mkdocs_plugin.plugin, contest_portal.publish.staging\n"
        "print('imported')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0 and "imported" in run.stdout, run.stderr[-2000:]
