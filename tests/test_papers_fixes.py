"""What a tester found trying the papers as a clerk (issues 31 and 33), each checked as the clerk
would meet it: the command's words and exit status, the papers read back (python-docx, openpyxl)
against values worked out by hand."""

from __future__ import annotations

from pathlib import Path

import yaml

import build as cli

from .conftest import write_mkdocs_yml
from .test_papers import TIERS
from .test_results import _contest, _make, _sheets


def _documents(config: Path, out: Path, *extra: str) -> int:
    return cli.main(["documents", "-f", str(config), "--out", str(out), *extra])


def test_a_mistyped_contest_is_a_usage_error_naming_the_closest_contest_first(tree, tmp_path, capsys):
    _make(tree, _contest(TIERS, n_units=2), 2)
    (tree.root / "2024-vinh-linh").mkdir()  # a second contest, whose name is closer to what was typed
    other = _contest(TIERS, n_units=2)
    (tree.root / "2024-vinh-linh" / "contest.yml").write_text(yaml.safe_dump(other, allow_unicode=True),
                                                              encoding="utf-8")
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    assert _documents(config, tmp_path / "reports", "--contest", "2024-vinh-lin") == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "Không có cuộc thi '2024-vinh-lin'" in err
    assert "các cuộc thi đang có: 2024-vinh-linh, 2025-thu" in err
    assert not (tmp_path / "reports").exists()


def test_a_contest_yml_that_cannot_be_read_gets_no_papers_and_its_old_papers_are_moved_aside(tree, tmp_path,
                                                                                            capsys):
    _make(tree, _contest(TIERS, n_units=2), 2)
    _sheets(tree, 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    out = tmp_path / "reports"
    assert _documents(config, out) == cli.EXIT_OK
    folder = out / "2025-thu"
    assert (folder / "du-thao-quyet-dinh-khen-thuong.docx").is_file()
    capsys.readouterr()
    # the clerk types the first prize's amount with separators in a one-line mapping
    plan = _contest(TIERS, n_units=2)
    del plan["prizes"]
    (tree.root / "2025-thu" / "contest.yml").write_text(
        yaml.safe_dump(plan, allow_unicode=True)
        + "prizes:\n  tiers:\n    - {id: nhat, name: Giải Nhất, count: 1, amount: 5,000,000}\n", encoding="utf-8")
    assert _documents(config, out) == cli.EXIT_DATA
    said = capsys.readouterr().out
    assert "YAML002: Trường '000' xuất hiện hai lần" in said
    assert "Viết số không có dấu phân cách (amount: 5000000) hoặc đặt trong ngoặc kép" in said
    assert "PAP003: Không soạn giấy tờ cho cuộc thi 2025-thu" in said
    assert "6 giấy tờ cũ đã được chuyển vào giay-to-cu-khong-dung/" in said
    # nothing that could be signed is left looking current; nothing is lost
    assert sorted(p.name for p in folder.iterdir()) == ["giay-to-cu-khong-dung"]
    assert len(list((folder / "giay-to-cu-khong-dung").iterdir())) == 6
    # status says the contest it could not read, and why
    assert cli.main(["status", "-f", str(config)]) == cli.EXIT_DATA
    said = capsys.readouterr().out
    assert "== 2025-thu\nKhông đọc được contest.yml" in said and "YAML002" in said


def test_papers_no_longer_written_are_moved_aside_when_the_winners_are_gone(tree, tmp_path, capsys):
    _make(tree, _contest(TIERS, n_units=2), 2)
    _sheets(tree, 2)
    config = write_mkdocs_yml(tmp_path, entries=str(tree.root))
    out = tmp_path / "reports"
    assert _documents(config, out) == cli.EXIT_OK
    for sheet in (tree.root / "2025-thu" / "_ket-qua" / "diem").iterdir():
        sheet.unlink()
    capsys.readouterr()
    assert _documents(config, out) == cli.EXIT_OK
    said = capsys.readouterr().out
    assert "không dùng để trình ký" in said
    folder = out / "2025-thu"
    assert sorted(p.name for p in folder.iterdir()) == ["bao-cao-tham-gia-theo-don-vi.xlsx", "giay-to-cu-khong-dung"]
    assert not (folder / "giay-to-cu-khong-dung" / "bao-cao-tham-gia-theo-don-vi.xlsx").exists()
    assert (folder / "giay-to-cu-khong-dung" / "du-thao-quyet-dinh-khen-thuong.docx").is_file()
