"""Messages a clerk met in a trial (issue 19): each says what is wrong and how to fix it, in
Vietnamese, and no command reports success when it did nothing."""

from __future__ import annotations

import pytest

import build as cli
from contest_portal.formats.yamlfile import YamlError, load_yaml

from .conftest import MINIMAL_CONTEST, write_mkdocs_yml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: Cuộc thi: năm 2025\n", "đặt cả giá trị trong ngoặc kép"),
        ("a:\n\tb: 1\n", "thụt lề bằng dấu cách"),
        ('title: "không đóng\n', "ngoặc kép mở mà chưa đóng"),
    ],
)
def test_yaml_mistakes_are_said_as_a_clerk_fixes_them(tmp_path, text, expected):
    path = tmp_path / "contest.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlError) as caught:
        load_yaml(path)
    message = caught.value.problem.message("vi")
    assert message.startswith("Lỗi cú pháp YAML: ") and expected in message
    assert "mapping values" not in message and "token" not in message  # no parser English


def test_jury_sheets_with_nothing_to_write_is_not_a_success(tree, tmp_path, capsys):
    tree.contest()  # no judges, no criteria
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["jury-sheets", "-f", str(config), "--out", str(tmp_path / "phieu")]) == cli.EXIT_DATA
    assert "Chưa ghi phiếu chấm nào" in capsys.readouterr().err


def test_documents_before_any_winner_write_no_decision(tree, tmp_path, capsys):
    tree.contest()
    tree.entry(slug="e-01")
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["documents", "-f", str(config), "--out", str(tmp_path / "reports")]) == cli.EXIT_OK
    assert "chưa có tác phẩm đạt giải" in capsys.readouterr().out
    written = sorted(p.name for p in (tmp_path / "reports" / "2025-thu-nghiem").iterdir())
    assert written == ["bao-cao-tham-gia-theo-don-vi.xlsx"]  # the participation report, no empty decision


def test_a_register_or_folder_that_is_not_there_is_said_so(tree, tmp_path, capsys):
    tree.contest(text=MINIMAL_CONTEST)
    config = write_mkdocs_yml(tmp_path)
    missing = str(tmp_path / "so dang ky.xlsx")
    assert cli.main(["import-register", missing, "-f", str(config), "--contest", "2025-thu-nghiem"]) == cli.EXIT_USAGE
    assert f"Không thấy tệp '{missing}'" in capsys.readouterr().err
    assert cli.main(["intake", str(tmp_path / "Tai ve"), "-f", str(config)]) == cli.EXIT_USAGE
    assert "Không thấy thư mục" in capsys.readouterr().err


def test_an_empty_unit_cell_is_said_to_be_empty_with_its_row_and_column(tree, tmp_path):
    """Excel's "Unicode Text" export keeps a merged unit cell's value in its first row only."""
    from contest_portal.office.register import import_register
    from contest_portal.pipeline import load_portal

    tree.contest()
    text = "STT\tĐơn vị\tHọ và tên\tTên tác phẩm\r\n1\tUBND xã A\tLê A\tBài một\r\n2\t\tLê B\tBài hai\r\n"
    register = tmp_path / "so.txt"
    register.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    report = import_register(load_portal(tree.root, probe=False).contests[0], register)
    assert [(p.code, p.where.line, p.where.column) for p in report.problems] == [("REG009", 3, 2)]
    assert report.problems[0].message("vi") == "Dòng 3: ô 'Đơn vị' để trống"


def test_an_entry_yml_saved_as_utf16_is_said_to_be_utf16(tmp_path):
    path = tmp_path / "entry.yml"
    path.write_bytes(b"\xff\xfe" + "title: Bài một\n".encode("utf-16-le"))
    with pytest.raises(YamlError) as caught:
        load_yaml(path)
    problem = caught.value.problem
    assert problem.code == "YAML003" and "UTF-16" in problem.message("vi") and "0xff" not in problem.message("vi")
