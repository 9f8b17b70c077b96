"""Every error code has a test that produces it from a real input, where a user would see it.

The suite records the code of every problem it makes (tests/code_record/); on a run of the whole
suite its last test compares the record with ``CODES``: a new code no test raises (or a test
removed) fails the suite, naming the codes.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from contextlib import redirect_stdout
from pathlib import Path

import pytest

import build as cli
from contest_portal.core.errors import CODES
from contest_portal.pipeline import load_portal

from .code_record.sitecustomize import RECORD_ENV
from .conftest import ROOT, recorded_codes, whole_suite_ran, write_mkdocs_yml

TESTS = Path(__file__).resolve().parent

# An article contest (no video to probe) with one judge, two criteria and two prize tiers.
JUDGED_CONTEST = """\
year: 2025
title: Cuộc thi bài viết
organizer: {name: UBND huyện Thử}
entry_kinds: [article]
unit_categories: [{id: xa, name: Xã}]
units:
  - {id: xa-1, name: UBND xã 1, category: xa}
  - {id: xa-2, name: UBND xã 2, category: xa}
organization:
  people:
    - {id: gk-1, name: Giám khảo Một, role: jury, unit: Sở Nội vụ}
judging:
  criteria:
    - {id: noi-dung, name: Nội dung, max_points: 60}
    - {id: hinh-thuc, name: Hình thức, max_points: 40}
prizes:
  tiers:
    - {id: nhat, name: Giải Nhất, count: 1}
    - {id: nhi, name: Giải Nhì, count: 1}
results:
  published: true
"""

ARTICLE_ENTRY = """\
title: Bài viết {n}
kind: article
article: bai.md
authors: [{{name: Tác giả {n}}}]
unit: xa-{unit}
consent: {{publication: true}}
"""


def _judged_contest(root: Path, decision: str = "", with_article=(1, 2)) -> Path:
    """entries/2025-bai-viet with entries e-1 and e-2; only those in ``with_article`` have their file."""
    folder = root / "2025-bai-viet"
    folder.mkdir(parents=True)
    (folder / "contest.yml").write_text(JUDGED_CONTEST + decision, encoding="utf-8")
    for n in (1, 2):
        entry = folder / f"e-{n}"
        entry.mkdir()
        (entry / "entry.yml").write_text(ARTICLE_ENTRY.format(n=n, unit=n), encoding="utf-8")
        if n in with_article:
            (entry / "bai.md").write_text(f"Nội dung bài {n}.\n", encoding="utf-8")
    return folder


def _problems(root: Path, tmp_path: Path, code: str) -> list:
    portal = load_portal(root, cache_dir=tmp_path / ".cache")
    return [p for p in portal.all_problems() if p.code == code]


def _validate_json(config: Path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    status = cli.main(["validate", "-f", str(config), "--format", "json", "--lang", "en"])
    return status, json.loads(capsys.readouterr().out)


# --- YAML005: a file that exists but cannot be read ------------------------------------------


def _unreadable_by_permissions(path: Path) -> None:
    path.write_text("year: 2025\n", encoding="utf-8")
    path.chmod(0)


# (A link to /proc/self/mem, which answers a read with EIO like a damaged USB stick, is no longer
# read at all: it leads outside the entries folder, FIL006 in test_hostile_reads. A broken link
# gives YAML005 there too, also when the tests run as root.)
def _validate_json_unprivileged(config: Path) -> tuple[int, dict]:
    """``validate --format json`` run by root without the capabilities that let it read any file
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped by util-linux's setpriv): file permissions
    then hold for it as for an ordinary user's account.  In CI a missing setpriv is a failure."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        if os.environ.get("CI"):
            pytest.fail("setpriv is missing: .ci/run must install util-linux")
        pytest.skip("root reads a file whatever its permissions, and setpriv (util-linux) is not installed")
    done = subprocess.run(
        [
            setpriv,
            "--bounding-set=-dac_override,-dac_read_search",
            "--",
            sys.executable,
            str(ROOT / "build.py"),
            "validate",
            "-f",
            str(config),
            "--format",
            "json",
            "--lang",
            "en",
        ],
        capture_output=True,
        timeout=300,
    )
    assert done.stdout, done.stderr.decode("utf-8", "replace")
    return done.returncode, json.loads(done.stdout)


@pytest.mark.parametrize(
    "make_unreadable, detail",
    [
        pytest.param(
            _unreadable_by_permissions,
            "Permission denied",
            id="no-permission",
            marks=pytest.mark.skipif(os.name != "posix", reason="POSIX file permissions"),
        ),
    ],
)
def test_yaml005_a_contest_file_that_cannot_be_read(tmp_path, capsys, make_unreadable, detail):
    folder = tmp_path / "entries" / "2025-thu"
    folder.mkdir(parents=True)
    make_unreadable(folder / "contest.yml")
    config = write_mkdocs_yml(tmp_path)
    if os.geteuid() == 0:  # (root reads any file: the check runs as an ordinary user would)
        status, report = _validate_json_unprivileged(config)
    else:
        status, report = _validate_json(config, capsys)
    assert status == 1
    [problem] = [p for p in report["problems"] if p["code"] == "YAML005"]
    assert problem["severity"] == "error"
    assert problem["file"].endswith("entries/2025-thu/contest.yml")  # (a symbolic link may show in full)
    assert problem["contest"] == "2025-thu"
    assert problem["message"] == f"Cannot read the file: {detail}"


# --- CON002: the data folder does not exist ---------------------------------------------------


def test_con002_missing_entries_folder_in_the_problem_list(tmp_path):
    missing = tmp_path / "khong-co"
    portal = load_portal(missing, cache_dir=tmp_path / ".cache")
    assert [p.code for p in portal.all_problems()] == ["CON002"]
    problem = portal.all_problems()[0]
    assert problem.is_error and problem.where.file == missing
    assert problem.message("vi") == f"Không tìm thấy thư mục dữ liệu '{missing}'"


def test_con002_missing_entries_folder_fails_validate(tmp_path, capsys):
    config = write_mkdocs_yml(tmp_path, entries="du-lieu")  # mkdocs.yml names a folder that is not there
    status, report = _validate_json(config, capsys)
    assert status == 1
    assert report["summary"]["errors"] == 1
    assert [p["code"] for p in report["problems"]] == ["CON002"]
    assert report["problems"][0]["hint"] == "Check the entries_dir option in mkdocs.yml."


# --- CON003: a milestone that ends before it starts -------------------------------------------


def test_con003_timeline_end_before_start(tree, tmp_path):
    tree.contest(
        text="""\
        year: 2025
        title: Cuộc thi thử
        organizer: {name: UBND huyện}
        entry_kinds: [article]
        timeline:
          - {kind: launch, date: 2025-04-01}
          - {kind: submission, start: "2025-05-31 17:00", end: 2025-05-01}
        """
    )
    [problem] = _problems(tree.root, tmp_path, "CON003")
    assert problem.is_error
    assert problem.where.file.name == "contest.yml" and problem.where.line == 7
    assert problem.message("en") == (
        "Milestone 'submission': the end (2025-05-01) is before the start (2025-05-31 17:00)"
    )


def test_con003_not_reported_for_a_one_day_milestone(tree, tmp_path):
    tree.contest(
        text="""\
        year: 2025
        title: Cuộc thi thử
        organizer: {name: UBND huyện}
        entry_kinds: [article]
        timeline:
          - {kind: submission, start: 2025-05-01, end: 2025-05-01}
        """
    )
    assert _problems(tree.root, tmp_path, "CON003") == []


# --- JUR010: a score that is not a number -----------------------------------------------------


def test_jur010_a_score_written_in_words(tmp_path):
    root = tmp_path / "entries"
    folder = _judged_contest(root)
    sheet = folder / "_ket-qua" / "diem" / "gk-1.csv"
    sheet.parent.mkdir(parents=True)
    sheet.write_bytes(
        textwrap.dedent("""\
        Mã tác phẩm,Tên tác phẩm,Nội dung (tối đa 60),Hình thức (tối đa 40)
        e-1,Bài viết 1,50,30
        e-2,Bài viết 2,năm mươi,30
        """).encode("utf-8")
    )
    portal = load_portal(root, cache_dir=tmp_path / ".cache")
    [problem] = [p for p in portal.all_problems() if p.code == "JUR010"]
    assert problem.is_error  # results.published: true, so judging problems are errors
    assert problem.where.file == sheet and problem.where.line == 3
    assert problem.message("en") == "Entry 'e-2', criterion 'Nội dung': 'năm mươi' is not a number"
    # a decimal comma is a number, not JUR010
    sheet.write_bytes("Mã tác phẩm;Nội dung;Hình thức\ne-1;50,5;30\ne-2;40;30\n".encode())
    assert _problems(root, tmp_path, "JUR010") == []


# --- RES004, RES008: the committee's decision -------------------------------------------------


def test_res004_decision_names_a_prize_not_in_the_tiers(tmp_path):
    root = tmp_path / "entries"
    _judged_contest(
        root,
        decision=("  decision:\n    number: 15/QĐ-UBND\n    winners:\n      nhat: [e-1]\n      giai-dac-biet: [e-2]\n"),
    )
    [problem] = _problems(root, tmp_path, "RES004")
    assert problem.is_error
    assert problem.where.file.name == "contest.yml" and (problem.where.line, problem.where.column) == (
        24,
        5,
    )  # "winners:"
    assert problem.message("en") == "The decision names prize 'giai-dac-biet', which is not among the prize tiers"


def test_res008_decision_awards_an_entry_with_errors(tmp_path):
    root = tmp_path / "entries"
    _judged_contest(
        root,
        with_article=(1,),
        decision=("  decision:\n    number: 15/QĐ-UBND\n    winners:\n      nhat: [e-2]\n      nhi: [e-1]\n"),
    )
    portal = load_portal(root, cache_dir=tmp_path / ".cache")
    entry = portal.contests[0].entries[1]
    assert entry.slug == "e-2" and not entry.valid  # its article file is missing
    [problem] = [p for p in portal.all_problems() if p.code == "RES008"]
    assert problem.is_error and problem.values["entry"] == "e-2"
    assert problem.message("vi") == "Quyết định trao giải cho tác phẩm 'e-2' đang có lỗi"


# --- REG001: a register the tool cannot read --------------------------------------------------


def test_reg001_register_without_the_required_columns(tree, tmp_path):
    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    register = tmp_path / "so-dang-ky.csv"
    register.write_bytes("STT,Họ và tên,Số điện thoại\n1,Nguyễn Văn An,0912345678\n".encode())
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli.main(["import-register", str(register), "--contest", "2025-thu-nghiem", "-f", str(config)])
    assert status == 1
    text = out.getvalue()
    # the columns as the office knows them, not the program's field names (found by a user trial)
    assert re.search(
        r"so-dang-ky\.csv:1: lỗi REG001: Không đọc được sổ đăng ký: thiếu cột: Tên tác phẩm, Đơn vị\n", text
    )
    assert "0912345678" not in text
    assert sorted(p.name for p in (tree.root / "2025-thu-nghiem").iterdir()) == ["contest.yml"]  # nothing imported


def test_reg001_workbook_saved_with_a_csv_name(tree, tmp_path):
    from openpyxl import Workbook

    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    workbook = Workbook()
    workbook.active.append(["Tên tác phẩm", "Họ và tên", "Đơn vị"])
    workbook.active.append(["Một cửa", "Nguyễn Văn An", "UBND xã A"])
    register = tmp_path / "so-dang-ky.csv"
    workbook.save(register)  # an XLSX file named .csv
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli.main(
            ["import-register", str(register), "--contest", "2025-thu-nghiem", "-f", str(config), "--lang", "en"]
        )
    assert status == 1
    assert "error REG001: Cannot read the register:" in out.getvalue()
    assert "rename it .xlsx" in out.getvalue()


# --- SIT001: a hand-written page where the tool generates one ---------------------------------


def test_sit001_a_page_in_site_src_collides_with_a_generated_page(tmp_path, caplog, capsys):
    (tmp_path / "entries").mkdir()
    config = write_mkdocs_yml(tmp_path)
    (tmp_path / "docs" / "ma-loi.md").write_text("# Mã lỗi viết tay\n", encoding="utf-8")
    assert cli.main(["build", "-f", str(config), "-d", str(tmp_path / "site")]) == 1
    assert "lỗi SIT001: Trang 'ma-loi.md' do công cụ tạo ra trùng với một tệp trong site_src/" in caplog.text
    assert "Cách sửa: Đổi tên hoặc xóa tệp trùng trong site_src/." in caplog.text
    assert "Traceback" not in caplog.text + capsys.readouterr().err
    assert not (tmp_path / "site").exists()  # nothing half-built is left


# --- every code is covered --------------------------------------------------------------------


def test_every_error_code_is_raised_by_the_suite(request):
    """Run last (conftest.py), on a run of the whole suite only: the codes of every Problem the suite
    made, in its process or in those it started, against the table of codes."""
    if not whole_suite_ran(request.config):
        pytest.skip("compared only when the whole suite runs (no file, -k or -m chosen)")
    raised = recorded_codes(request.config)
    assert sorted(set(CODES) - raised) == [], "codes no test raises"


def test_the_record_has_the_codes_made_here_and_in_a_subprocess(tmp_path, request):
    load_portal(tmp_path / "khong-co", cache_dir=tmp_path / ".cache")  # CON002: no data folder
    assert "CON002" in recorded_codes(request.config)
    record = tmp_path / "codes.txt"
    config = write_mkdocs_yml(tmp_path, entries="khong-co-thu-muc")
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "validate", "-f", str(config)],
        capture_output=True,
        timeout=300,
        env={**os.environ, RECORD_ENV: str(record)},
    )
    assert done.returncode == 1
    assert record.read_text(encoding="utf-8").split() == ["CON002"]
