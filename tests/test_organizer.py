"""Organizer workflow: new contest, register import, intake of received files, status."""

from __future__ import annotations

import io
import re
import textwrap
from contextlib import redirect_stdout

import pytest

import build as cli
from contest_portal.formats.tables import write_csv, write_xlsx
from contest_portal.office.register import import_register
from contest_portal.pipeline import load_portal

from .conftest import FIXED_TODAY, ROOT, tree_digest, write_mkdocs_yml

HEADERS_VI = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Địa chỉ", "Số điện thoại", "Tên tác phẩm", "Tệp video"]
HEADERS_ASCII = ["Tep video", "TEN TAC PHAM", "ho va ten", "Don vi", "So dien thoai", "dia chi", "stt", "chuc vu"]
ROWS = [
    [1, "Nguyễn Văn An", "Công chức", "UBND xã A", "Thôn 1, xã A", 912345678, "Dịch vụ công trực tuyến", "dvc.mp4"],
    [
        2,
        "Trần Thị Bình; Lê Văn Cường",
        "Chuyên viên; Cán bộ",
        "UBND xã B",
        "Thôn 2",
        "0987654321",
        "Một cửa hiện đại",
        "mot-cua.mp4",
    ],
    [3, "", "", "UBND xã A", "", "", "Thiếu tác giả", ""],
    [4, "Phạm Văn Dũng", "", "UBND xã Không Có", "", "", "Đơn vị lạ", ""],
    [5, "Ngô Thị E", "", "UBND xã A", "", "", "Dịch vụ công trực tuyến", ""],
]


def _reorder(row: list) -> list:
    index = {h: i for i, h in enumerate(["stt", "name", "pos", "unit", "addr", "phone", "title", "video"])}
    order = ["video", "title", "name", "unit", "phone", "addr", "stt", "pos"]
    return [row[index[k]] for k in order]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("headers", ["vi", "ascii"])
def test_register_import_twice_changes_nothing(tree, tmp_path, fmt, headers):
    tree.contest()
    contest = load_portal(tree.root, probe=False).contests[0]
    writer = write_xlsx if fmt == "xlsx" else write_csv
    if headers == "vi":
        register = writer(tmp_path / f"so-dang-ky.{fmt}", HEADERS_VI, ROWS)
    else:
        register = writer(tmp_path / f"so-dang-ky.{fmt}", HEADERS_ASCII, [_reorder(r) for r in ROWS])
    first = import_register(contest, register)
    assert sorted(first.created) == ["dich-vu-cong-truc-tuyen", "mot-cua-hien-dai"]
    codes = sorted((p.code, p.where.line) for p in first.problems)
    assert codes == [("REG002", 4), ("REG003", 5), ("REG004", 6)]
    folder = tree.root / "2025-thu-nghiem"
    entry = (folder / "mot-cua-hien-dai" / "entry.yml").read_text(encoding="utf-8")
    private = (folder / "dich-vu-cong-truc-tuyen" / "private.yml").read_text(encoding="utf-8")
    assert "Lê Văn Cường" in entry and "0987654321" not in entry and "Thôn" not in entry
    assert "0912345678" in private  # the leading zero Excel dropped is restored
    before = tree_digest(tree.root)
    again = import_register(load_portal(tree.root, probe=False).contests[0], register)
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 2
    assert tree_digest(tree.root) == before


def test_reimport_updates_and_keeps_what_the_register_does_not_hold(tree, tmp_path):
    tree.contest()
    register = write_xlsx(tmp_path / "r.xlsx", HEADERS_VI, ROWS[:1])
    import_register(load_portal(tree.root, probe=False).contests[0], register)
    path = tree.root / "2025-thu-nghiem" / "dich-vu-cong-truc-tuyen" / "entry.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "consent: {publication: true}\ndescription: Giới thiệu.\n", encoding="utf-8"
    )
    changed = [ROWS[0][:2] + ["Phó Chủ tịch"] + ROWS[0][3:]]
    report = import_register(
        load_portal(tree.root, probe=False).contests[0], write_xlsx(tmp_path / "r2.xlsx", HEADERS_VI, changed)
    )
    assert report.updated == ["dich-vu-cong-truc-tuyen"]
    text = path.read_text(encoding="utf-8")
    assert "Phó Chủ tịch" in text and "Giới thiệu." in text and "publication: true" in text
    assert sorted(p.name for p in (tree.root / "2025-thu-nghiem").iterdir()) == [
        "contest.yml",
        "dich-vu-cong-truc-tuyen",
    ]


def test_import_register_command_reports_rows(tree, tmp_path):
    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    register = write_csv(tmp_path / "r.csv", HEADERS_VI, ROWS)
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli.main(["import-register", str(register), "--contest", "2025-thu-nghiem", "-f", str(config)])
    assert status == 1
    text = out.getvalue()
    assert re.search(r"r\.csv:4: lỗi REG002", text) and "Tạo mới 2" in text


def test_intake_copies_matches_and_never_touches_the_originals(tree, tmp_path):
    from tools.videogen import make_video

    tree.contest()
    import_register(
        load_portal(tree.root, probe=False).contests[0], write_xlsx(tmp_path / "r.xlsx", HEADERS_VI, ROWS[:2])
    )
    inbox = tmp_path / "nhan-qua-email"
    make_video(inbox / "dvc.mp4", duration_s=2, width=160, height=90, lines=["a"])  # by file name
    make_video(inbox / "sub" / "Một cửa hiện đại.mp4", duration_s=2, width=160, height=90, lines=["b"])  # by title
    make_video(inbox / "khong-ro.mp4", duration_s=2, width=160, height=90, lines=["c"])
    originals = tree_digest(inbox)
    config = write_mkdocs_yml(tmp_path)
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["intake", str(inbox), "--contest", "2025-thu-nghiem", "-f", str(config)]) == 0
    assert "Đã chép 2 tệp" in out.getvalue() and "INT001" in out.getvalue() and "khong-ro.mp4" in out.getvalue()
    assert tree_digest(inbox) == originals
    folder = tree.root / "2025-thu-nghiem"
    assert (folder / "dich-vu-cong-truc-tuyen" / "dvc.mp4").is_file()
    assert (folder / "mot-cua-hien-dai" / "mot-cua.mp4").is_file()
    with redirect_stdout(io.StringIO()):  # a second run copies nothing again
        assert cli.main(["intake", str(inbox), "--contest", "2025-thu-nghiem", "-f", str(config)]) == 0
    make_video(inbox / "dvc.mp4", duration_s=3, width=160, height=90, lines=["other"])
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(["intake", str(inbox), "--contest", "2025-thu-nghiem", "-f", str(config)]) == 1
    assert "INT002" in out.getvalue()  # a different file is never overwritten


def test_new_contest_refuses_to_overwrite_and_validates_once_filled(tmp_path, capsys):
    (tmp_path / "entries").mkdir()
    config = write_mkdocs_yml(tmp_path)
    args = [
        "new-contest",
        "-f",
        str(config),
        "--year",
        "2026",
        "--slug",
        "cchc",
        "--title",
        "Cuộc thi CCHC 2026",
        "--organizer",
        "UBND huyện Mẫu",
    ]
    assert cli.main(args) == 0
    path = tmp_path / "entries" / "2026-cchc" / "contest.yml"
    text = path.read_text(encoding="utf-8")
    for section in (
        "purpose:",
        "requirements:",
        "eligibility:",
        "content:",
        "video_rules:",
        "timeline:",
        "prizes:",
        "organization:",
        "submission:",
    ):
        assert section in text
    assert cli.main(args) == 2 and path.read_text(encoding="utf-8") == text
    assert "CON016" in _validate(config)  # the scaffold's sample words ask to be filled in...
    filled = text.replace("Điền ", "Theo kế hoạch, ")
    path.write_text(filled, encoding="utf-8")
    assert _validate(config) == ""  # ...and it validates once they are
    capsys.readouterr()


def _validate(config) -> str:
    out = io.StringIO()
    status = cli.validate(config, "en", out=out)
    errors = [line for line in out.getvalue().splitlines() if " error " in line]
    assert (status == 0) == (not errors)
    return "\n".join(errors)


def test_status_reports_the_sample_contests(capsys):
    assert cli.main(["status", "--today", FIXED_TODAY]) == 0
    out = capsys.readouterr().out
    assert "Đang nhận tác phẩm" in out and "17:00 ngày 30/09/2024 (còn 10 ngày 17 giờ)" in out
    assert "Tác phẩm đã nhận: 8; hợp lệ: 8; có lỗi: 0" in out
    assert "Tác phẩm đã nhận: 7; hợp lệ: 7; có lỗi: 0" in out


def test_status_lists_units_below_their_minimum(tree, tmp_path, capsys):
    tree.contest(
        text=textwrap.dedent("""\
        year: 2025
        title: T
        organizer: {name: O}
        unit_categories: [{id: xa, name: Xã, min_entries: 1}]
        units: [{id: xa-a, name: UBND xã A, category: xa}, {id: xa-b, name: UBND xã B, category: xa}]
        timeline: [{kind: submission, start: 2025-05-01, end: "2025-05-31 17:00"}]
        """)
    )
    tree.entry()
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["status", "-f", str(config), "--today", "2025-05-20"]) == 0
    out = capsys.readouterr().out
    assert "(1):" in out and "UBND xã B (0/1)" in out and "còn 11 ngày" in out
    _ = ROOT
