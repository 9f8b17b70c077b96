"""intake: received video files are copied to the entry they belong to, and nothing else happens."""

from __future__ import annotations

import shutil
import unicodedata

from contest_portal.office.intake import intake
from contest_portal.pipeline import load_portal

from .conftest import tree_digest

ENTRY = "title: {title}\nauthors: [{{name: A}}]\nunit: xa-a\nconsent: {{publication: true}}\n"


def _contest(tree):
    return load_portal(tree.root, probe=False).contests[0]


def test_an_entry_without_a_video_gets_the_file_and_then_validates(tree, tmp_path):
    tree.contest()
    tree.entry(slug="mot-cua", text=ENTRY.format(title="Một cửa hiện đại"), video=False)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    shutil.copy(tree.video, inbox / "Một cửa hiện đại.mp4")  # named after the title
    report = intake(_contest(tree), inbox)
    assert report.copied == [(str(inbox / "Một cửa hiện đại.mp4"), "mot-cua")] and report.problems == []
    folder = tree.root / "2025-thu-nghiem" / "mot-cua"
    assert (folder / "Một cửa hiện đại.mp4").read_bytes() == tree.video.read_bytes()
    assert "video: Một cửa hiện đại.mp4" in (folder / "entry.yml").read_text(encoding="utf-8")
    portal = load_portal(tree.root, cache_dir=tmp_path / ".cache")
    assert portal.all_problems() == []
    assert portal.contests[0].entries[0].video_path == folder / "Một cửa hiện đại.mp4"


def test_the_registered_file_name_matches_whatever_the_case_and_unicode_form(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01", text=ENTRY.format(title="Bài một") + "video: Dịch vụ công.mp4\n", video=False)
    inbox = tmp_path / "usb"
    inbox.mkdir()
    received = inbox / unicodedata.normalize("NFD", "DỊCH VỤ CÔNG.MP4")  # as a Mac names it
    shutil.copy(tree.video, received)
    report = intake(_contest(tree), inbox)
    assert report.copied == [(str(received), "e-01")]
    assert (tree.root / "2025-thu-nghiem" / "e-01" / "Dịch vụ công.mp4").is_file()  # the registered name


def test_other_files_are_ignored_and_an_ambiguous_title_is_not_guessed(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01", text=ENTRY.format(title="Cải cách"), video=False)
    tree.entry(slug="e-02", text=ENTRY.format(title="Cải cách"), video=False)  # the same title twice
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    shutil.copy(tree.video, inbox / "cai-cach.mp4")
    (inbox / "the-le.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / "ghi-chu.txt").write_text("không phải video", encoding="utf-8")
    before = tree_digest(tree.root)
    report = intake(_contest(tree), inbox)
    assert report.copied == [] and report.unmatched == [str(inbox / "cai-cach.mp4")]
    assert [(p.code, p.values["path"]) for p in report.problems] == [("INT001", "cai-cach.mp4")]
    assert not report.problems[0].is_error  # a warning: the office names the file and runs again
    assert tree_digest(tree.root) == before


def test_setting_the_video_keeps_the_offices_comments_in_entry_yml(tree, tmp_path):
    tree.contest()
    tree.entry(slug="mot-cua", text="# Văn phòng: hồ sơ đủ, chờ video\n" + ENTRY.format(title="Một cửa"), video=False)
    inbox = tmp_path / "hop-thu"
    inbox.mkdir()
    shutil.copy(tree.video, inbox / "Một cửa.mp4")
    assert intake(_contest(tree), inbox).copied
    text = (tree.root / "2025-thu-nghiem" / "mot-cua" / "entry.yml").read_text(encoding="utf-8")
    assert "# Văn phòng: hồ sơ đủ, chờ video" in text and "video: Một cửa.mp4" in text


# --- file names as people type them (issue 30 "Paths", issue 31 point 5) --------------------

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from .conftest import ContestTree  # noqa: E402

# (the name the register gave, the same name as a person saves it without diacritics)
NAMES = [
    ("Tài khoản định danh điện tử.mp4", "Tai khoan dinh danh dien tu"),
    ("Dịch vụ công trực tuyến.mp4", "Dich vu cong truc tuyen"),
    ("Một cửa liên thông.mov", "Mot cua lien thong"),
]
TYPED = ["{}", "D:\\VIDEO DU THI\\{}", "\\\\may-chu\\chung\\{}", '"Video/{}"', "{}. "]


@st.composite
def received_names(draw, plain: str, extension: str) -> str:
    """``plain`` (no diacritics) as people type a file name: its case, its spaces (doubled, as
    "_" or "-"), the extension's case."""
    words = plain.split()
    case = draw(st.sampled_from([str.lower, str.upper, str.title, lambda w: w]))
    gap = draw(st.sampled_from([" ", "  ", "_", "-"]))
    return gap.join(case(w) for w in words) + draw(st.sampled_from([extension, extension.upper()]))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_received_file_matches_its_registered_name_whatever_its_diacritics_case_spacing_and_path(tiny_video, data):
    registered, plain = data.draw(st.sampled_from(NAMES))
    typed = data.draw(st.sampled_from(TYPED)).format(registered)
    received = data.draw(received_names(plain, "." + registered.rsplit(".", 1)[1]))
    with tempfile.TemporaryDirectory() as tmp:
        tree = ContestTree(Path(tmp) / "entries", tiny_video)
        tree.contest()
        tree.entry(slug="e-01", text=ENTRY.format(title="Bài dự thi") + f"video: '{typed}'\n", video=False)
        tree.entry(slug="e-02", text=ENTRY.format(title="Bài khác") + "video: khac.mp4\n", video=False)
        inbox = Path(tmp) / "usb"
        inbox.mkdir()
        shutil.copy(tiny_video, inbox / received)
        report = intake(_contest(tree), inbox)
        folder = tree.root / "2025-thu-nghiem" / "e-01"
        assert report.copied == [(str(inbox / received), "e-01")] and report.problems == []
        assert sorted(p.name for p in folder.iterdir()) == sorted(["entry.yml", registered])  # no "D:\..." file
        assert yaml.safe_load((folder / "entry.yml").read_text(encoding="utf-8"))["video"] == registered


def test_an_unmatched_file_gets_the_closest_registered_name_suggested(tree, tmp_path):
    tree.contest()
    tree.entry(
        slug="e-01", text=ENTRY.format(title="Bài một") + "video: Tài khoản định danh điện tử.mp4\n", video=False
    )
    inbox = tmp_path / "usb"
    inbox.mkdir()
    shutil.copy(tree.video, inbox / "Tai khoan dinh danh dien.mp4")  # a word short: not sure
    before = tree_digest(tree.root)
    report = intake(_contest(tree), inbox)
    [problem] = report.problems
    assert problem.code == "INT001" and report.copied == []
    assert "có phải 'Tài khoản định danh điện tử.mp4'?" in problem.message("vi")
    assert tree_digest(tree.root) == before


def test_a_registered_name_windows_refuses_is_not_created(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01", text=ENTRY.format(title="Bài một") + "video: 'D:\\VIDEO\\CON.mp4'\n", video=False)
    inbox = tmp_path / "usb"
    inbox.mkdir()
    shutil.copy(tree.video, inbox / "con.mp4")
    before = tree_digest(tree.root)
    report = intake(_contest(tree), inbox)
    assert [p.code for p in report.problems] == ["INT004"] and report.copied == []
    assert "CON" in report.problems[0].message("vi") and "Windows" in report.problems[0].message("vi")
    assert tree_digest(tree.root) == before


def test_a_tv_stations_ts_and_a_cameras_mts_are_received_like_any_video(tree, tmp_path):
    """Every kind of video an entry may have is collected (a .ts from the district TV station, an
    AVCHD .mts, an old .wmv), not only .mp4/.mov: the web rendition plays them all."""
    tree.contest()
    tree.entry(slug="phong-su", text=ENTRY.format(title="Phóng sự một cửa"), video=False)
    tree.entry(slug="may-quay", text=ENTRY.format(title="Máy quay"), video=False)
    inbox = tmp_path / "usb"
    inbox.mkdir()
    shutil.copy(tree.video, inbox / "Phóng sự một cửa.ts")
    shutil.copy(tree.video, inbox / "Máy quay.MTS")
    report = intake(_contest(tree), inbox)
    assert sorted(report.copied) == [
        (str(inbox / "Máy quay.MTS"), "may-quay"),
        (str(inbox / "Phóng sự một cửa.ts"), "phong-su"),
    ]
    assert report.unmatched == []
