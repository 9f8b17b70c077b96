"""Issue 33, fault 5: failures of the machine get a coded problem and exit code 4, never a raw
``[Errno …]`` or a traceback, and nothing is lost.

A full disk is a real small tmpfs (the tests run as root in CI; skipped with the reason where
mounting is refused), a read-only folder a real read-only bind mount (or, as a user who is not
root, a folder without write permission), an entry deleted during a build is deleted by a real
MkDocs hook of the test's mkdocs.yml at the start of the build, after the data was checked.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import build as cli
from contest_portal.core.machine import tree_size

from .conftest import tree_digest, write_mkdocs_yml

EXIT_MACHINE = 4


def _mount(*args: str) -> None:
    """Run mount(8); skip the test with its reason where the machine refuses it."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root (CI runs the tests as root)")
    run = subprocess.run(["mount", *args], capture_output=True, text=True)
    if run.returncode != 0:
        pytest.skip(f"mount refused here: {run.stderr.strip()}")


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (mount's units: 8m) at ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """``folder`` made read-only: a read-only bind mount as root, else no write permission.
    Yields the reason the problem gives, in English."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield "no permission to write there"
        finally:
            folder.chmod(0o755)
        return
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,bind,ro", str(folder))
        yield "the disk or folder is read-only"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _no_raw_error(text: str) -> None:
    assert "Traceback" not in text and "Errno" not in text, text


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` but ``leave`` bytes."""
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as filler:
        filler.truncate(0)
        chunk = b"\0" * (1 << 16)
        remaining = max(free - leave, 0)
        while remaining > 0:
            remaining -= filler.write(chunk[:remaining])


def test_sys001_a_full_disk_keeps_the_live_site_and_says_where_and_how_much(tree, tmp_path, capsys):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    with small_disk(tmp_path / "disk", "16m") as disk:
        site = disk / "site"
        assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0
        live = tree_digest(site)
        _fill(disk, leave=256 * 1024)  # the next build cannot write its pages beside the live site
        capsys.readouterr()
        assert cli.main(["build", "-f", str(config), "-d", str(site), "--lang", "en"]) == EXIT_MACHINE
        said = capsys.readouterr().err
        _no_raw_error(said)
        assert re.search(rf"error SYS001: The disk is full: could not write '{re.escape(str(site))}/", said)
        free = re.search(
            rf"Free space on the disk {re.escape(str(disk))} \(([\d.]+) KB free now\); a build needs "
            r"about ([\d.]+) MB \(the size of the last site\)",
            said,
        )
        assert free is not None, said
        assert 0 < float(free[1]) <= 300  # what the filler left (the failed build's folder removed)
        assert 0.5 < float(free[2]) < 16  # the last site: the theme, the pages, the copied video
        assert f"The build failed; the previous {site} was left as it was." in said
        assert tree_digest(site) == live  # the live site byte for byte as it was
        assert sorted(p.name for p in disk.iterdir()) == [".site.lock", "filler", "site"]  # no half-built folder
        (disk / "filler").unlink()  # space freed: the same build goes through
        assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0


def test_sys001_a_first_build_on_a_full_disk_in_vietnamese(tree, tmp_path, capsys):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    with small_disk(tmp_path / "disk", "1m") as disk:
        capsys.readouterr()
        assert cli.main(["build", "-f", str(config), "-d", str(disk / "site")]) == EXIT_MACHINE
        said = capsys.readouterr().err
        _no_raw_error(said)
        assert "lỗi SYS001: Ổ đĩa đã đầy: không ghi được" in said
        needed = re.search(
            r"lần xây dựng cần khoảng ([\d.,]+) MB \(các tệp trong entries/ cần chép, cộng giao diện và "
            r"các trang của mỗi ngôn ngữ\)",
            said,
        )
        assert needed is not None, said
        # there was no site before: nothing is said to be kept
        assert "chưa có gì được đăng (chưa có thư mục" in said and "cũ được giữ nguyên" not in said
        assert not (disk / "site").exists() and [p.name for p in disk.iterdir()] == [".site.lock"]
    # the estimate is of the size the same build takes where there is room (within a factor of 1.5)
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "roomy")]) == 0
    real = tree_size(tmp_path / "roomy") / 1_000_000
    assert real / 1.5 <= float(needed[1].replace(",", ".")) <= real * 1.5, (needed[1], real)


def test_sys001_names_the_cache_disk_when_that_one_is_full(tree, tmp_path, capsys):
    """A write into an open file names no file: the disk named is the fullest of the build's
    folders (here the cache's, on its own small disk; the site's disk has room)."""
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    config.write_text(
        config.read_text(encoding="utf-8").replace("cache_dir: .cache", "cache_dir: disk/cache"), encoding="utf-8"
    )
    with small_disk(tmp_path / "disk", "64k") as disk:
        capsys.readouterr()
        assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site"), "--lang", "en"]) == EXIT_MACHINE
        said = capsys.readouterr().err
    _no_raw_error(said)
    assert re.search(rf"error SYS001: The disk is full: could not write '{re.escape(str(disk))}/", said), said
    assert f"Free space on the disk {disk} (" in said
    assert not (tmp_path / "site").exists()


HOOK = '''\
"""A test's MkDocs hook: the clerk deletes entry e-02's folder just as the build starts."""
import shutil
from pathlib import Path


def on_pre_build(config):
    shutil.rmtree(Path(config.config_file_path).parent / "entries" / "2025-thu-nghiem" / "e-02", ignore_errors=True)
'''


def test_sys002_an_entry_folder_deleted_during_a_build_says_run_again(tree, tmp_path, capsys):
    tree.contest()
    tree.entry()
    gone = tree.entry(slug="e-02")
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "delete_entry.py").write_text(HOOK, encoding="utf-8")
    config = write_mkdocs_yml(tmp_path, extra="hooks: [hooks/delete_entry.py]\n")
    site = tmp_path / "site"
    capsys.readouterr()
    assert cli.main(["build", "-f", str(config), "-d", str(site), "--lang", "en"]) == EXIT_MACHINE
    said = capsys.readouterr().err
    _no_raw_error(said)
    assert not gone.exists()
    assert f"error SYS002: The file or folder '{gone / 'video.mp4'}' disappeared while the command was running" in said
    assert "run the command again" in said
    assert not site.exists()  # nothing half-built published
    # run again (the hook finds nothing to delete now): the build goes on without the entry
    assert cli.main(["build", "-f", str(config), "-d", str(site)]) == 0
    assert (site / "2025-thu-nghiem" / "bai-du-thi" / "e-01" / "index.html").is_file()
    assert not (site / "2025-thu-nghiem" / "bai-du-thi" / "e-02").exists()


def test_sys003_new_contest_in_a_read_only_folder(tmp_path, capsys):
    entries = tmp_path / "entries"
    entries.mkdir()
    config = write_mkdocs_yml(tmp_path)
    with read_only(entries) as reason:
        capsys.readouterr()
        status = cli.main(
            [
                "new-contest",
                "--title",
                "Cuộc thi video cải cách hành chính 2026",
                "--organizer",
                "UBND huyện Thử",
                "-f",
                str(config),
                "--lang",
                "en",
            ]
        )
        said = capsys.readouterr()
    _no_raw_error(said.out + said.err)
    assert status == EXIT_MACHINE
    assert re.search(rf"error SYS003: Cannot write to '{re.escape(str(entries))}[^']*': {reason}\n", said.err)
    assert "Choose a folder you can write to" in said.err
    assert list(entries.iterdir()) == []


def test_sys003_import_register_into_a_read_only_entries_folder(tree, tmp_path, capsys):
    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    register = tmp_path / "so-dang-ky.csv"
    register.write_text("Tên tác phẩm,Họ và tên,Đơn vị\nMột cửa,Nguyễn Văn An,UBND xã A\n", encoding="utf-8")
    before = tree_digest(tree.root)
    with read_only(tree.root) as reason:
        capsys.readouterr()
        status = cli.main(
            ["import-register", str(register), "--contest", "2025-thu-nghiem", "-f", str(config), "--lang", "en"]
        )
        said = capsys.readouterr()
    _no_raw_error(said.out + said.err)
    assert status == EXIT_MACHINE
    assert re.search(
        rf"error SYS003: Cannot write to '{re.escape(str(tree.root))}/2025-thu-nghiem/[^']*': "
        rf"{reason}\n",
        said.err,
    )
    assert tree_digest(tree.root) == before


def test_sys003_a_build_into_a_read_only_folder_keeps_the_site(tree, tmp_path, capsys):
    tree.contest()
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    output = tmp_path / "out"
    output.mkdir()
    assert cli.main(["build", "-f", str(config), "-d", str(output / "site")]) == 0
    live = tree_digest(output / "site")
    with read_only(output) as reason:
        capsys.readouterr()
        assert cli.main(["build", "-f", str(config), "-d", str(output / "site"), "--lang", "en"]) == EXIT_MACHINE
        said = capsys.readouterr().err
    _no_raw_error(said)
    assert re.search(rf"error SYS003: Cannot write to '{re.escape(str(output))}/[^']*': {reason}\n", said)
    assert tree_digest(output / "site") == live


def test_sys004_an_output_folder_under_a_file(tree, tmp_path, capsys):
    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    (tmp_path / "bao-cao").write_text("a file where a folder is named\n", encoding="utf-8")
    capsys.readouterr()
    status = cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "bao-cao" / "2026"), "--lang", "en"])
    said = capsys.readouterr().err
    assert status == EXIT_MACHINE
    _no_raw_error(said)
    assert f"error SYS004: The system refused to work with '{tmp_path / 'bao-cao' / '2026'}" in said
    assert "': Not a directory\n" in said and "a folder name where a file is expected" in said


@pytest.mark.parametrize(
    "lang, said",
    [
        ("vi", "MkDocs lỗi: không ghi được trang site_src/gioi-thieu.md: lý do và cách xử lý ở dưới"),
        ("en", "MkDocs error: could not write page site_src/gioi-thieu.md: the reason and what to do follow"),
    ],
)
def test_mkdocs_line_of_a_page_it_could_not_write_has_no_raw_error(lang, said):
    """MkDocs 1.6 logs this line (commands/build.py, _build_page) before the error reaches the
    command line, which prints the SYS problem; a full disk meets it when a page is written."""
    import logging

    from contest_portal.mkdocs_plugin.messages import MkDocsMessages

    line = "Error building page 'gioi-thieu.md': [Errno 28] No space left on device: '/srv/site/gioi-thieu/index.html'"
    assert MkDocsMessages(lang, "site_src").say(line, logging.ERROR) == said
