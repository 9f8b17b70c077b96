"""Every file the tool opens is a regular file inside the entries folder (issue 21, kind 1).

A named pipe (FIFO) named like a news post, a score sheet, a vote snapshot or an entry's YAML
would block a reader forever; a link may lead out of the entries folder. Each is refused at once
with a coded problem. ``validate`` runs in a child process with a timeout, so a regression fails
the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from contest_portal.core.files import FileRefused, open_regular, read_entry_text

from .conftest import ROOT, write_mkdocs_yml

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")

CONTEST = """\
year: 2025
title: Cuộc thi bài viết
organizer: {name: UBND huyện Thử}
entry_kinds: [article]
unit_categories: [{id: xa, name: Xã}]
units:
  - {id: xa-1, name: UBND xã 1, category: xa}
organization:
  people:
    - {id: gk-a, name: Giám khảo A, role: jury, unit: Sở Nội vụ}
judging:
  criteria:
    - {id: noi-dung, name: Nội dung, max_points: 100}
results:
  published: true
"""

ENTRY = """\
title: Bài viết một
kind: article
article: bai.md
authors: [{name: Tác giả Một}]
unit: xa-1
consent: {publication: true}
"""

SHEET = "Mã tác phẩm,Nội dung\ne-1,80\n"


def _contest(tmp_path: Path) -> Path:
    """entries/2025-bai-viet with one valid article entry e-1 and the sheet of judge gk-a."""
    folder = tmp_path / "entries" / "2025-bai-viet"
    (folder / "e-1").mkdir(parents=True)
    (folder / "contest.yml").write_text(CONTEST, encoding="utf-8")
    (folder / "e-1" / "entry.yml").write_text(ENTRY, encoding="utf-8")
    (folder / "e-1" / "bai.md").write_text("Nội dung bài viết.\n", encoding="utf-8")
    (folder / "_ket-qua" / "diem").mkdir(parents=True)
    (folder / "_ket-qua" / "diem" / "gk-a.csv").write_text(SHEET, encoding="utf-8")
    (folder / "_tin-tuc").mkdir()
    return folder


def validate_json(config: Path, timeout: float = 30) -> tuple[int, list[dict]]:
    """``build.py validate --format json --lang en`` in a child process: (exit status, problems).

    A child that does not finish within ``timeout`` seconds fails the test (subprocess kills it).
    """
    code = "import sys, build as cli; sys.exit(cli.main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", code, "validate", "-f", str(config), "--format", "json", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        timeout=timeout,
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    return proc.returncode, json.loads(proc.stdout)["problems"]


def _only(problems: list[dict], code: str, file_end: str) -> dict:
    """The one problem of ``code`` about the file whose path ends with ``file_end``.

    (A report names a symbolic link by the file it leads to, so a problem about a link is
    matched by ``file_end`` in its message instead.)
    """
    [problem] = [
        p
        for p in problems
        if p["code"] == code and (p["file"].endswith(file_end) or f"'{Path(file_end).name}'" in p["message"])
    ]
    return problem


def test_the_sample_contest_is_valid_without_hostile_files(tmp_path):
    _contest(tmp_path)
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert (status, problems) == (0, [])


def test_a_named_pipe_as_a_news_post_is_refused_at_once(tmp_path):
    folder = _contest(tmp_path)
    os.mkfifo(folder / "_tin-tuc" / "2024-01-01-x.md")
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    problem = _only(problems, "FIL005", "_tin-tuc/2024-01-01-x.md")
    assert problem["severity"] == "error" and problem["contest"] == "2025-bai-viet"
    assert problem["message"] == (
        "'2024-01-01-x.md' is not a regular file (a folder, named pipe (FIFO), device or socket) and is not read"
    )


@pytest.mark.parametrize("name", ["gk-a.csv", "gk-a.xlsx"])  # (of a judge's .xlsx and .csv, the .xlsx is read)
def test_a_named_pipe_as_a_score_sheet_is_refused_at_once(tmp_path, name):
    folder = _contest(tmp_path)
    path = folder / "_ket-qua" / "diem" / name
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    problem = _only(problems, "JUR007", f"_ket-qua/diem/{name}")
    assert problem["message"] == (
        f"Cannot read the score sheet: '{name}' is not a regular file (a folder, named pipe (FIFO), "
        "device or socket) and is not read"
    )


@pytest.mark.parametrize("name", ["entry.yml", "private.yml"])
def test_a_named_pipe_as_an_entry_file_is_refused_at_once(tmp_path, name):
    folder = _contest(tmp_path)
    path = folder / "e-1" / name
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    problem = _only(problems, "FIL005", f"e-1/{name}")
    assert problem["entry"] == "e-1"


def test_a_news_post_linked_outside_the_entries_folder_is_not_read(tmp_path):
    folder = _contest(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Tin bên ngoài\ndate: 2024-01-01\n---\nBí mật\n", encoding="utf-8")
    os.symlink(outside, folder / "_tin-tuc" / "2024-01-01-ngoai.md")
    os.symlink("../e-1/bai.md", folder / "_tin-tuc" / "2024-01-02-trong.md")  # inside: only a bad post
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    problem = _only(problems, "FIL006", "_tin-tuc/2024-01-01-ngoai.md")
    assert problem["message"] == "'2024-01-01-ngoai.md' is a link (symlink) leading outside the folder it is in"
    assert [p["code"] for p in problems if "'2024-01-02-trong.md'" in p["message"]] == ["NEW001"]


def test_a_score_sheet_linked_outside_the_entries_folder_is_not_read(tmp_path):
    folder = _contest(tmp_path)
    sheet = folder / "_ket-qua" / "diem" / "gk-a.csv"
    sheet.unlink()
    (tmp_path / "gk-a.csv").write_text(SHEET, encoding="utf-8")
    os.symlink(tmp_path / "gk-a.csv", sheet)
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    problem = _only(problems, "JUR007", "diem/gk-a.csv")
    assert "'gk-a.csv' is a link (symlink) leading outside the folder it is in" in problem["message"]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_contest_file_linked_outside_the_entries_folder_is_never_opened(tmp_path):
    """/proc/self/mem would answer a read with an I/O error: the link is refused before any read."""
    folder = _contest(tmp_path)
    (folder / "contest.yml").unlink()
    os.symlink("/proc/self/mem", folder / "contest.yml")
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    problem = _only(problems, "FIL006", "2025-bai-viet/contest.yml")
    assert problem["contest"] == "2025-bai-viet"


def test_a_broken_link_as_entry_file_is_reported_as_unreadable(tmp_path):
    """A link whose target was moved away: YAML005 with the system's words, not "no entry.yml"."""
    folder = _contest(tmp_path)
    (folder / "e-1" / "entry.yml").unlink()
    os.symlink("da-chuyen-di.yml", folder / "e-1" / "entry.yml")
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    [problem] = [p for p in problems if p["code"] == "YAML005"]
    assert problem["entry"] == "e-1" and problem["message"] == "Cannot read the file: No such file or directory"


def test_an_article_shown_in_its_page_is_read_with_the_same_checks(tmp_path):
    folder = _contest(tmp_path) / "e-1"
    assert read_entry_text(folder / "bai.md") == "Nội dung bài viết.\n"
    os.mkfifo(folder / "pipe.md")
    with pytest.raises(FileRefused) as refused:
        read_entry_text(folder / "pipe.md")
    assert refused.value.problem.code == "FIL005"
    (tmp_path / "ngoai.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "ngoai.md", folder / "link.md")
    with pytest.raises(FileRefused) as refused:
        read_entry_text(folder / "link.md")
    assert refused.value.problem.code == "FIL006"


def test_a_pipe_swapped_in_after_the_check_does_not_block(tmp_path, monkeypatch):
    """Between the lstat check and the open, a regular file may be replaced by a pipe: the open
    does not wait for a writer and the opened file is checked again."""
    pipe = tmp_path / "entries" / "sheet.csv"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    regular = os.lstat(ROOT / "README.md")
    real_lstat = os.lstat
    monkeypatch.setattr(os, "lstat", lambda path, *a, **k: regular if Path(path) == pipe else real_lstat(path, *a, **k))
    outcome: list = []

    def read() -> None:
        try:
            open_regular(pipe, pipe.parent, max_bytes=100)
        except FileRefused as exc:
            outcome.append(exc.problem.code)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # blocked in open(): give it a writer so the thread can end, then fail
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("open_regular blocked on a named pipe")
    assert outcome == ["FIL005"]


def test_a_folder_named_like_a_news_post_is_reported(tmp_path):
    folder = _contest(tmp_path)
    (folder / "_tin-tuc" / "2024-01-01-thu-muc.md").mkdir()
    (folder / "_tin-tuc" / "2024-01-02-that.md").write_text(
        textwrap.dedent("""\
        ---
        title: Tin thật
        date: 2024-01-02
        ---
        Nội dung
        """),
        encoding="utf-8",
    )
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    assert [(p["code"], Path(p["file"]).name) for p in problems] == [("FIL005", "2024-01-01-thu-muc.md")]


def test_a_named_pipe_as_the_contest_file_is_refused_not_taken_for_a_missing_one(tmp_path):
    folder = _contest(tmp_path)
    (folder / "contest.yml").unlink()
    os.mkfifo(folder / "contest.yml")
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    _only(problems, "FIL005", "2025-bai-viet/contest.yml")
    assert not [p for p in problems if p["code"] == "CON001"]  # "no contest.yml" would send the clerk astray


@pytest.mark.parametrize("name", ["binh-chon.csv", "trac-nghiem.xlsx"])
def test_a_named_pipe_as_the_vote_or_quiz_file_is_reported_not_ignored(tmp_path, name):
    folder = _contest(tmp_path)
    os.mkfifo(folder / "_ket-qua" / name)
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1  # (the results are published: a vote or quiz file that cannot be read is an error)
    problem = _only(problems, "RES003", f"_ket-qua/{name}")
    assert f"'{name}' is not a regular file" in problem["message"]


def test_a_problem_about_a_link_names_the_link_not_where_it_leads(tmp_path):
    folder = _contest(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Tin\ndate: 2024-01-01\n---\nx\n", encoding="utf-8")
    os.symlink(outside, folder / "_tin-tuc" / "2024-01-01-ngoai.md")
    _, problems = validate_json(write_mkdocs_yml(tmp_path))
    [problem] = [p for p in problems if p["code"] == "FIL006"]
    # the clerk looks for the file in the contest folder: the report names that, not outside.md
    assert problem["file"] == "entries/2025-bai-viet/_tin-tuc/2024-01-01-ngoai.md"
