"""Two builds at once: into one folder (one is refused at once, before it validates anything) and
into two folders sharing the cache (both succeed with complete sites; the later one says it waits).

Issue 33, faults 2 and 7. 20 pairs of each kind were run by hand with ``CP_PAIRS=20`` (README,
"Publishing"); CI runs 3 of each.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, write_mkdocs_yml

PAIRS = int(os.environ.get("CP_PAIRS", "3"))

#: holds a build in on_post_build (with the site's and the cache's locks) while a marker file exists
HOLD_HOOK = """\
import os, pathlib, time

def on_post_build(config, **kwargs):
    hold = os.environ.get("CP_TEST_HOLD")
    if hold:
        pathlib.Path(hold + ".reached").write_text("held")
        deadline = time.monotonic() + 120
        while pathlib.Path(hold).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
"""
LOCKED_VI = "Đang có một lần xây dựng khác chạy cho thư mục này"
WAITS_VI = "đang dùng bộ nhớ đệm chung"


@pytest.fixture
def project(tree, tmp_path):
    tree.contest()
    for n in range(1, 3):  # (the plan allows a unit two entries)
        tree.entry(slug=f"e-0{n}")
    (tmp_path / "hook.py").write_text(HOLD_HOOK)
    return write_mkdocs_yml(tmp_path, extra="hooks:\n  - hook.py\n")


def _start(config: Path, site: Path, log: Path, env: dict | None = None) -> subprocess.Popen:
    cmd = [sys.executable, str(ROOT / "build.py"), "build", "-f", str(config), "--site-dir", str(site)]
    with log.open("w") as out:
        return subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT, text=True)


def _finish(proc: subprocess.Popen, log: Path) -> tuple[int, str]:
    try:
        proc.wait(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(f"a build hung:\n{log.read_text()}")
    return proc.returncode, log.read_text()


def _wait_for(path: Path, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)


def site_contents(site: Path) -> dict[str, str]:
    """What makes two sites the same: the SHA-256 of every file outside the search bundle, and of
    the bundle the number of files in each folder, once every file its entry file names exists
    (Pagefind 1.5 names a few of its files differently on each run, see README "Site search")."""
    files: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if name.startswith("pagefind/") and name != "pagefind/pagefind-entry.json":
            folder = name.rsplit("/", 1)[0]
            files[folder + "/*"] = str(int(files.get(folder + "/*", "0")) + 1)
        elif name != "pagefind/pagefind-entry.json":
            files[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    for language in entry["languages"].values():
        assert (site / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file(), site
    return files


def test_the_losing_build_of_one_folder_is_refused_before_it_validates(project, tmp_path):
    site, hold = tmp_path / "site", tmp_path / "hold"
    hold.write_text("")
    first = _start(project, site, tmp_path / "first.log", {"CP_TEST_HOLD": str(hold)})
    try:
        _wait_for(Path(str(hold) + ".reached"), first, tmp_path / "first.log")
        # an entry the second build would refuse, had it validated: it must not even read it
        (tmp_path / "entries" / "2025-thu-nghiem" / "e-01" / "entry.yml").write_text("title: [\n", encoding="utf-8")
        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build", "-f", str(project), "--site-dir", str(site)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 3, second
        assert LOCKED_VI in second.stderr and ".site.lock" in second.stderr
        assert second.stdout == ""  # no report of the data: nothing was loaded
        assert time.monotonic() - started < 30
    finally:
        hold.unlink()
        code, log = _finish(first, tmp_path / "first.log")
    assert code == 0, log


def test_a_build_into_another_folder_waits_for_the_cache_and_says_so(project, tmp_path):
    hold = tmp_path / "hold"
    hold.write_text("")
    first = _start(project, tmp_path / "site", tmp_path / "first.log", {"CP_TEST_HOLD": str(hold)})
    second = None
    try:
        _wait_for(Path(str(hold) + ".reached"), first, tmp_path / "first.log")
        second = _start(project, tmp_path / "site2", tmp_path / "second.log")
        deadline = time.monotonic() + 120
        while WAITS_VI not in (tmp_path / "second.log").read_text():
            assert second.poll() is None, (tmp_path / "second.log").read_text()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert not (tmp_path / "site2").exists()  # it waits: nothing of its site made yet
    finally:
        hold.unlink()
        results = [_finish(first, tmp_path / "first.log")]
        if second is not None:
            results.append(_finish(second, tmp_path / "second.log"))
    assert [code for code, _ in results] == [0, 0], results
    assert site_contents(tmp_path / "site") == site_contents(tmp_path / "site2")


@pytest.mark.parametrize("same_folder", [True, False], ids=["one folder", "two folders"])
def test_pairs_of_builds_at_once_end_with_complete_sites(project, tmp_path, same_folder):
    clean = tmp_path / "clean"
    reference = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "-f", str(project), "--site-dir", str(clean)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert reference.returncode == 0, reference.stderr
    expected = site_contents(clean)
    refused = waited = 0
    for pair in range(PAIRS):
        sites = [tmp_path / "site", tmp_path / ("site" if same_folder else "site2")]
        logs = [tmp_path / f"{pair}-{n}.log" for n in (1, 2)]
        procs = [_start(project, site, log) for site, log in zip(sites, logs)]
        results = [_finish(proc, log) for proc, log in zip(procs, logs)]
        for code, log in results:
            assert code == 0 or (same_folder and code == 3 and LOCKED_VI in log), log
        refused += sum(code == 3 for code, _ in results)
        waited += sum(WAITS_VI in log for _, log in results)
        assert any(code == 0 for code, _ in results)
        for site in set(sites):
            assert site_contents(site) == expected, f"pair {pair}: {site.name} differs from a clean build"
    print(
        f"{PAIRS} pairs, {'one folder' if same_folder else 'two folders'}: {refused} refused with code 3, "
        f"{waited} waited for the cache"
    )
