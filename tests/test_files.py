"""File references in entry.yml stay inside the entry folder."""

from __future__ import annotations

import os
import unicodedata

import pytest

from contest_portal.core.errors import Location
from contest_portal.core.files import resolve_entry_file


@pytest.fixture
def folder(tmp_path):
    entry = tmp_path / "contest" / "e-01"
    entry.mkdir(parents=True)
    (entry / "video.mp4").write_bytes(b"x")
    (entry / "private.yml").write_text("contacts: []\n")
    (tmp_path / "contest" / "secret.txt").write_text("outside")
    return entry


def _code(folder, reference):
    path, problem = resolve_entry_file(folder, reference, Location())
    if problem:
        return problem.code
    assert path is not None
    return path.name


def test_plain_name_resolves(folder):
    assert _code(folder, "video.mp4") == "video.mp4"


@pytest.mark.parametrize(
    "reference", ["../secret.txt", "/etc/passwd", "C:\\videos\\a.mp4", "sub\\..\\a.mp4", "~/a.mp4"]
)
def test_escapes_are_refused(folder, reference):
    assert _code(folder, reference) == "FIL002"


def test_symlink_leading_outside_is_refused(folder):
    os.symlink(folder.parent / "secret.txt", folder / "link.mp4")
    assert _code(folder, "link.mp4") == "FIL002"


def test_missing_file(folder):
    assert _code(folder, "khong-co.mp4") == "FIL001"


def test_private_file_cannot_be_referenced(folder):
    assert _code(folder, "private.yml") == "FIL003"


def test_nfd_name_on_disk_matches_nfc_reference(folder):
    name = "Phóng sự.mp4"
    (folder / unicodedata.normalize("NFD", name)).write_bytes(b"x")
    path, problem = resolve_entry_file(folder, unicodedata.normalize("NFC", name), Location())
    assert problem is None and path is not None and path.exists()


def test_a_name_typed_in_another_letter_case_matches_as_on_windows_unless_two_files_do(folder):
    """Issue 30 "Paths": "Phóng Sự.MP4" typed on a Windows PC opens "phóng sự.mp4" there; so here."""
    (folder / "phóng sự.mp4").write_bytes(b"x")
    path, problem = resolve_entry_file(folder, "Phóng Sự.MP4", Location())
    assert problem is None and path == folder / "phóng sự.mp4"
    assert resolve_entry_file(folder, "phóng sự.mp4. ", Location())[0] == path  # Windows drops the dots
    (folder / "PHÓNG SỰ.mp4").write_bytes(b"y")  # two files one letter case apart: not guessed
    assert _code(folder, "Phóng Sự.MP4") == "FIL001"
    assert _code(folder, "PRIVATE.YML") == "FIL003"


def test_link_or_hard_link_to_private_data_is_refused(folder):
    os.symlink("private.yml", folder / "notes.md")
    os.link(folder / "private.yml", folder / "copy.md")
    (folder / "sub").mkdir()
    os.symlink("../private.yml", folder / "sub" / "x.vtt")
    for reference in ("notes.md", "copy.md", "sub/x.vtt"):
        assert _code(folder, reference) == "FIL003", reference


@pytest.mark.parametrize(
    "name,kind",
    [
        ("page.html", "article"),
        ("logo.svg", "poster"),
        ("x.js", "video"),
        ("video.mp4.html", "video"),
        ("sub.srt", "subtitles"),
    ],
)
def test_file_types_that_could_run_script_are_refused(folder, name, kind):
    (folder / name).write_text("<script>alert(1)</script>")
    path, problem = resolve_entry_file(folder, name, Location(), kind=kind)
    assert path is None and problem is not None and problem.code == "FIL004"


def test_named_pipe_is_not_read(folder):
    """A FIFO named like a video would block a reader forever: it is refused without opening it."""
    os.mkfifo(folder / "pipe.mp4")
    assert _code(folder, "pipe.mp4") == "FIL001"
