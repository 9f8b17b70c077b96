"""import-register: the optional columns, unit matching and what goes to private.yml only."""

from __future__ import annotations

from datetime import datetime

import yaml
from openpyxl import Workbook

import build as cli
from contest_portal.office.register import import_register
from contest_portal.pipeline import load_portal

from .conftest import write_mkdocs_yml


def _contest(tree):
    tree.contest()
    return load_portal(tree.root, probe=False).contests[0]


def _xlsx(path, header, rows):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def _read(tree, entry: str, name: str) -> dict:
    return yaml.safe_load((tree.root / "2025-thu-nghiem" / entry / name).read_text(encoding="utf-8"))


def test_group_entry_with_id_received_time_and_contacts(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(tmp_path / "so.xlsx",
                     ["Mã", "Tên tác phẩm", "Tên nhóm", "Họ và tên", "Đơn vị", "Ngày nhận", "Email", "CCCD"],
                     [["vl-07", "Một cửa số", "Nhóm Tuổi trẻ", "Lê Văn A\nTrần Thị B", "UBND xã B",
                       datetime(2025, 5, 20, 9, 30), "a@example.vn; b@example.vn", 45678901234]])
    report = import_register(contest, register)
    assert report.problems == [] and report.created == ["vl-07"]
    entry = _read(tree, "vl-07", "entry.yml")
    assert entry == {"title": "Một cửa số", "authors": [{"name": "Lê Văn A"}, {"name": "Trần Thị B"}],
                     "unit": "xa-b", "group": "Nhóm Tuổi trẻ", "entrant": "group",
                     "received": "2025-05-20 09:30", "kind": "video"}
    private = _read(tree, "vl-07", "private.yml")
    assert private == {"contacts": [{"name": "Lê Văn A", "email": "a@example.vn", "id_number": "045678901234"},
                                    {"name": "Trần Thị B", "email": "b@example.vn"}]}


def test_unit_written_with_other_case_and_spaces_or_as_its_id(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(tmp_path / "so.xlsx", ["Tên tác phẩm", "Họ tên", "Cơ quan"],
                     [["Bài một", "Nguyễn Văn A", "ubnd   XÃ a"],
                      ["Bài hai", "Nguyễn Văn B", "xa-b"],
                      ["Bài ba", "Nguyễn Văn C", "UBND xa A"]])  # diacritics are part of the name
    report = import_register(contest, register)
    assert sorted(report.created) == ["bai-hai", "bai-mot"]
    assert _read(tree, "bai-mot", "entry.yml")["unit"] == "xa-a"
    assert _read(tree, "bai-hai", "entry.yml")["unit"] == "xa-b"
    assert [(p.code, p.where.line, p.values["unit"]) for p in report.problems] == [("REG003", 4, "UBND xa A")]


def test_an_imported_entry_validates_once_its_video_and_consent_are_added(tree, tmp_path):
    contest = _contest(tree)
    register = _xlsx(tmp_path / "so.xlsx", ["Tên tác phẩm", "Họ và tên", "Đơn vị", "Số điện thoại"],
                     [["Dịch vụ công", "Nguyễn Văn A", "UBND xã A", "0912 345 678"]])
    assert import_register(contest, register).created == ["dich-vu-cong"]
    assert "0912 345 678" not in (tree.root / "2025-thu-nghiem" / "dich-vu-cong" / "entry.yml").read_text(
        encoding="utf-8")
    tree.entry(slug="dich-vu-cong", text=(tree.root / "2025-thu-nghiem" / "dich-vu-cong" / "entry.yml")
               .read_text(encoding="utf-8") + "video: video.mp4\nconsent: {publication: true}\n")
    portal = load_portal(tree.root, cache_dir=tmp_path / ".cache")
    assert portal.all_problems() == []
    assert [e.slug for e in portal.contests[0].published_entries] == ["dich-vu-cong"]


def test_the_command_needs_an_existing_register_file(tree, tmp_path, capsys):
    tree.contest()
    config = write_mkdocs_yml(tmp_path)
    capsys.readouterr()
    assert cli.main(["import-register", str(tmp_path / "khong-co.xlsx"), "--contest", "2025-thu-nghiem",
                     "-f", str(config)]) == 2
    assert "Chỉ ra tệp sổ đăng ký" in capsys.readouterr().err
    assert [p.name for p in (tree.root / "2025-thu-nghiem").iterdir()] == ["contest.yml"]
