"""Issue 21, kind 6: every exported CSV is safe whatever separator the spreadsheet reads it with.

Excel with Vietnamese regional settings splits a CSV on ``;``, LibreOffice asks, some tools
use tabs: a title such as ``Một cửa;=1+1+cmd|' /C calc'!A0`` must start no cell with a formula
character in any of these readings (results CSV of the site, the judges' score-sheet CSV).
"""

from __future__ import annotations

import csv
import io

import pytest
import yaml

import build as cli
from contest_portal.formats.tables import csv_safe, write_csv
from contest_portal.site.exports import Table, to_csv

from .conftest import write_mkdocs_yml
from .test_results import _contest, _make, _sheets

EVIL = "Một cửa;=1+1+cmd|' /C calc'!A0"
HOSTILE = [
    EVIL,
    "Một cửa,=1+1",
    "a; -2+3",
    'a;"=1+1"',
    "a\t@SUM(A1)",
    "dòng 1\n=1+1",
    '=HYPERLINK("http://x")',
    "+84 912",
    " @x",
    "a,;,=1",
]
FORMULA_STARTS = ("=", "+", "-", "@")


def _readings(data: bytes) -> dict[str, list[list[str]]]:
    text = data.decode("utf-8-sig")
    return {
        name: list(csv.reader(io.StringIO(text), delimiter=delimiter))
        for name, delimiter in (("comma", ","), ("semicolon", ";"), ("tab", "\t"))
    }


def _lines_split_naively(data: bytes) -> list[str]:
    """What a reader that ignores quotes altogether sees as cells (quotes and spaces stripped)."""
    text = data.decode("utf-8-sig")
    cells = []
    for line in text.splitlines():
        for delimiter in (",", ";", "\t"):
            cells += [cell.strip(' "') for cell in line.split(delimiter)]
    return cells


def _assert_no_formula_cell(data: bytes) -> None:
    for name, rows in _readings(data).items():
        for row in rows:
            for cell in row:
                assert not cell.lstrip(' "').startswith(FORMULA_STARTS), (name, cell)
    assert not [cell for cell in _lines_split_naively(data) if cell.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_safe_leaves_no_fragment_starting_a_formula(text):
    safe = csv_safe(text)
    assert isinstance(safe, str)  # text stays text
    assert safe.replace("'", "") == text.replace("'", "")  # only apostrophes are added
    _assert_no_formula_cell(to_csv(Table(["Tên"], [[text]])))


def test_plain_text_and_numbers_are_left_as_they_are():
    for value in ("Nguyễn Văn A", "Hà Nội - Việt Nam", "UBND xã A, huyện B", "2024-10-31 17:00"):
        assert csv_safe(value) == value
    assert (csv_safe(10_000_000), csv_safe(-2), csv_safe(59.5), csv_safe(None)) == (10_000_000, -2, 59.5, "")


def test_written_csv_quotes_every_field(tmp_path):
    path = write_csv(tmp_path / "t.csv", ["Tên", "Điểm"], [[EVIL, 8], ["Bình thường", None]])
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == ['"Tên","Điểm"', '"Một cửa;\'=1+1+cmd|\' /C calc\'!A0","8"', '"Bình thường",""']
    _assert_no_formula_cell(path.read_bytes())


def test_results_csv_and_jury_sheet_csv_are_safe_with_any_separator(tree, tmp_path):
    tiers = [{"id": "nhat", "name": "Giải Nhất", "count": 1, "amount": 10000000}]
    _make(tree, _contest(tiers, n_units=3), 3)
    entry = tree.root / "2025-thu" / "e-01" / "entry.yml"
    data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    entry.write_text(yaml.safe_dump({**data, "title": EVIL}, allow_unicode=True), encoding="utf-8")
    _sheets(tree, 3)  # e-01 wins
    config = write_mkdocs_yml(tmp_path)
    assert cli.main(["build", "-f", str(config), "--site-dir", str(tmp_path / "site")]) == 0
    assert cli.main(["jury-sheets", "-f", str(config), "--out", str(tmp_path / "sheets")]) == 0
    results = (tmp_path / "site" / "2025-thu" / "ket-qua-2025-thu.csv").read_bytes()
    sheet = (tmp_path / "sheets" / "2025-thu" / "gk-1.csv").read_bytes()
    for data in (results, sheet):
        assert "Một cửa;'=1+1" in data.decode("utf-8-sig")  # the title is there, defused
        _assert_no_formula_cell(data)
    # read with commas, the results are the same table: the title in one cell, numbers still numbers
    header, winner = _readings(results)["comma"][:2]
    assert len(winner) == len(header) and winner[1:3] == ["e-01", "Một cửa;'=1+1+cmd|' /C calc'!A0"]
    assert float(winner[-1]) == 10000000 and float(winner[5]) > 0  # the amount and the score
