"""Every command leaves every file under entries/ byte-for-byte unchanged."""

from __future__ import annotations

import os
import shutil

import build as cli

from .conftest import ROOT, run_serve, tree_digest, write_mkdocs_yml


def _snapshot(folder):
    """Content hashes plus modification times and the list of names (nothing added or touched)."""
    stats = {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))}
    return tree_digest(folder), stats


def test_no_command_changes_entries(tmp_path, capsys):
    shutil.copytree(ROOT / "entries", tmp_path / "entries")
    nfd = tmp_path / "entries" / "2024-vinh-linh" / "vl-01"
    (nfd / "ghi-chu.txt").write_text("tệp không được tham chiếu\n", encoding="utf-8")
    config = write_mkdocs_yml(tmp_path)
    before = _snapshot(tmp_path / "entries")
    site = str(tmp_path / "site")
    assert cli.main(["validate", "-f", str(config)]) == 0
    assert cli.main(["validate", "-f", str(config), "--format", "json"]) == 0
    assert cli.main(["validate", "-f", str(config), "--html", str(tmp_path / "r.html")]) == 0
    assert cli.main(["build", "-f", str(config), "--site-dir", site]) == 0
    assert cli.main(["build", "-f", str(config), "--site-dir", site, "--skip-invalid", "--lang", "en"]) == 0
    assert _snapshot(tmp_path / "entries") == before
    assert "Thể lệ" in run_serve(config, tmp_path, "2024-vinh-linh/the-le/")
    assert _snapshot(tmp_path / "entries") == before
    assert os.listdir(tmp_path / "entries") == os.listdir(ROOT / "entries")
    capsys.readouterr()
