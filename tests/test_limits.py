"""Bounded work (issue 21, kind 2) and private.yml messages that repeat nothing of the file (kind 3).

Every case is made here: an alias document ("billion laughs"), nesting without end, an
oversized YAML file, news post and article, overlong text fields, an XLSX zip bomb, a sheet with
too many cells, and a private.yml whose duplicate key is a phone number. Cases that used to
hang, exhaust memory or crash the interpreter run ``validate`` in a child process with a timeout
and a memory limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import build as cli
from contest_portal.formats.tables import read_table, xlsx_bytes
from contest_portal.pipeline import load_portal

from .conftest import ROOT, write_mkdocs_yml
from .test_hostile_reads import ENTRY, _contest, validate_json

# The classic: nine lists of nine aliases to the list above, 342 bytes that expand to 9^9 values.
BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi")
)

MEMORY_LIMIT = 3 * 1024**3  # bytes of address space for a child: a regression fails, the machine does not


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _child(script: str, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run ``script`` with ``args`` in a child Python (the repository as working folder)."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limit_memory if os.name == "posix" else None,
    )


def _entry_problems(tmp_path: Path, code: str) -> list:
    portal = load_portal(tmp_path / "entries", cache_dir=tmp_path / ".cache", probe=False)
    return [p for p in portal.all_problems() if p.code == code]


# --- YAML: aliases, nesting -------------------------------------------------------------------

_TIMED_LOAD = """\
import json, sys, time
sys.path.insert(0, "plugins")
from contest_portal.formats.yamlfile import YamlError, load_yaml
start = time.perf_counter()
try:
    load_yaml(__import__("pathlib").Path(sys.argv[1]))
    found = None
except YamlError as exc:
    found = [exc.problem.code, exc.problem.where.line, exc.problem.where.column, exc.problem.message("en")]
print(json.dumps({"seconds": time.perf_counter() - start, "problem": found}))
"""


def test_an_alias_document_is_refused_before_it_is_expanded(tmp_path):
    assert len(BILLION_LAUGHS.encode()) == 342
    folder = _contest(tmp_path)
    (folder / "e-1" / "entry.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
    loaded = _child(_TIMED_LOAD, str(folder / "e-1" / "entry.yml"))
    assert loaded.returncode == 0, loaded.stderr.decode(errors="replace")
    result = json.loads(loaded.stdout)
    assert result["seconds"] < 5
    # values counted by hand: the mapping 1, a 1+10, b 1+91, c 1+820, d 1+7381, e 1+66430 (74738 so
    # far), f 1 and its list 1, then its first alias *e adds 66430: over 100000, at line 6 column 8
    assert result["problem"] == [
        "YAML007",
        6,
        8,
        "The YAML file is too complex to read: more than 100000 values once the aliases are expanded",
    ]
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    [problem] = [p for p in problems if p["code"] == "YAML007"]
    assert (problem["entry"], problem["line"], problem["column"]) == ("e-1", 6, 8)


@pytest.mark.parametrize(
    "text, line, column, detail",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, 1, 51, "nested more than 50 levels deep", id="flow"),
        pytest.param(
            "".join("  " * level + "- \n" for level in range(60)) + "  " * 60 + "- x\n",
            51,
            101,
            "nested more than 50 levels deep",
            id="block",
        ),
        pytest.param(
            "title: Bài\nauthors: &a [{name: A, more: *a}]\n",
            2,
            30,
            "an alias (*name) inside the very value it names",
            id="recursive",
        ),
        pytest.param(
            "a: &a [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
            "b: [[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
            2,
            30,
            "nested more than 50 levels deep",
            id="deep-through-an-alias",
        ),
    ],
)
def test_nesting_without_end_is_refused(tmp_path, text, line, column, detail):
    """Deep nesting once crashed the interpreter (libyaml's composer recursing in C) or raised
    RecursionError; an alias inside its own value never ended."""
    path = tmp_path / "entry.yml"
    path.write_text(text, encoding="utf-8")
    loaded = _child(_TIMED_LOAD, str(path))
    assert loaded.returncode == 0, loaded.stderr.decode(errors="replace")
    result = json.loads(loaded.stdout)
    assert result["seconds"] < 5
    code, found_line, found_column, message = result["problem"]
    assert [code, found_line, message] == ["YAML007", line, f"The YAML file is too complex to read: {detail}"]
    # libyaml itself stops a flow nested past 1,000 levels (PyYAML 6.0.4 on): then at the 1,001st "["
    assert found_column == column or (text.startswith("[" * 1001) and found_column == 1001)


def test_aliases_within_the_limits_are_read(tmp_path):
    folder = _contest(tmp_path)
    (folder / "contest.yml").write_text(
        folder.joinpath("contest.yml")
        .read_text(encoding="utf-8")
        .replace(
            "units:\n  - {id: xa-1, name: UBND xã 1, category: xa}\n",
            "units:\n  - &xa1 {id: xa-1, name: UBND xã 1, category: xa}\n  - {<<: *xa1, id: xa-2, name: UBND xã 2}\n",
        ),
        encoding="utf-8",
    )
    portal = load_portal(tmp_path / "entries", probe=False)
    assert portal.all_problems() == []
    assert [unit.name for unit in portal.contests[0].spec.units] == ["UBND xã 1", "UBND xã 2"]


# --- sizes of files ---------------------------------------------------------------------------


def test_an_oversized_yaml_file_is_refused(tmp_path):
    folder = _contest(tmp_path)
    (folder / "e-1" / "entry.yml").write_text(ENTRY + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")
    [problem] = _entry_problems(tmp_path, "FIL007")
    assert problem.where.entry == "e-1" and problem.where.file.name == "entry.yml"
    assert problem.message("en") == "'entry.yml' is too large (1.1 MB; at most 1.0 MB for this kind of file)"
    assert problem.message("vi") == "'entry.yml' quá lớn (1.1 MB; tối đa 1.0 MB cho loại tệp này)"


def test_an_oversized_news_post_is_refused(tmp_path):
    folder = _contest(tmp_path)
    (folder / "_tin-tuc" / "2024-01-01-dai.md").write_text(
        "---\ntitle: Tin dài\ndate: 2024-01-01\n---\n" + "Nội dung. " * 210_000, encoding="utf-8"
    )
    [problem] = _entry_problems(tmp_path, "FIL007")
    assert problem.where.contest == "2025-bai-viet"
    assert problem.message("en") == "'2024-01-01-dai.md' is too large (2.5 MB; at most 2.0 MB for this kind of file)"
    assert load_portal(tmp_path / "entries", probe=False).contests[0].news == []


def test_an_oversized_article_shown_in_its_page_is_refused(tmp_path):
    folder = _contest(tmp_path)
    (folder / "e-1" / "bai.md").write_text("Một câu. " * 200_000, encoding="utf-8")  # 12 bytes x 200,000
    [problem] = _entry_problems(tmp_path, "FIL007")
    assert (problem.where.entry, problem.where.field, problem.where.line) == ("e-1", "article", 3)
    assert problem.message("en") == "'bai.md' is too large (2.4 MB; at most 2.0 MB for this kind of file)"
    portal = load_portal(tmp_path / "entries", probe=False)
    assert not portal.contests[0].entries[0].valid


# --- lengths of text fields -------------------------------------------------------------------


@pytest.mark.parametrize("field, limit", [("title", 2000), ("description", 5000)])
def test_text_fields_have_a_stated_length(tmp_path, field, limit):
    folder = _contest(tmp_path)
    entry = folder / "e-1" / "entry.yml"
    text = ENTRY.replace("title: Bài viết một\n", "") + f"{field}: {'ă' * limit}\n"
    if field != "title":
        text += "title: Bài viết một\n"
    entry.write_text(text, encoding="utf-8")
    assert _entry_problems(tmp_path, "SCH004") == []  # exactly at the limit: accepted
    entry.write_text(text.replace("ă" * limit, "ă" * (limit + 1)), encoding="utf-8")
    [problem] = _entry_problems(tmp_path, "SCH004")
    assert problem.where.line == 6 and problem.where.field == field
    assert problem.message("en") == f"Invalid value for '{field}': at most {limit} characters"
    assert problem.message("vi") == f"Giá trị của '{field}' không hợp lệ: dài tối đa {limit} ký tự"


# --- spreadsheets -----------------------------------------------------------------------------


def _zip_bomb(path: Path) -> None:
    """A real workbook whose sheet is one cell of 500 MB of zeros (about 2 MB once compressed)."""
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes(["Mã tác phẩm", "Nội dung"], [["e-1", 80]]))) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
    ):
        for part in source.infolist():
            if part.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(part, source.read(part))
                continue
            with bomb.open(part.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
                    b'.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
                )
                block = b"0" * (1 << 20)
                for _ in range(500):
                    sheet.write(block)
                sheet.write(b"</t></is></c></row></sheetData></worksheet>")


def test_an_xlsx_zip_bomb_is_refused_before_it_is_unzipped(tmp_path):
    folder = _contest(tmp_path)
    sheet = folder / "_ket-qua" / "diem" / "gk-a.xlsx"  # (preferred to the judge's .csv)
    _zip_bomb(sheet)
    assert sheet.stat().st_size < 5_000_000
    status, problems = validate_json(write_mkdocs_yml(tmp_path))
    assert status == 1
    [problem] = [p for p in problems if p["code"] == "JUR007"]
    assert problem["file"].endswith("diem/gk-a.xlsx")
    assert problem["message"] == (
        "Cannot read the score sheet: the XLSX file expands to more than 50.0 MB when unzipped (possibly a zip bomb)"
    )


def test_an_xlsx_of_too_many_parts_is_refused(tmp_path):
    folder = _contest(tmp_path)
    sheet = folder / "_ket-qua" / "diem" / "gk-a.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes(["Mã tác phẩm", "Nội dung"], [["e-1", 80]]))) as source,
        zipfile.ZipFile(sheet, "w") as workbook,
    ):
        for part in source.infolist():
            workbook.writestr(part, source.read(part))
        for n in range(1_000):
            workbook.writestr(f"customXml/item{n}.xml", b"<a/>")
    [problem] = _entry_problems(tmp_path, "JUR007")
    assert problem.message("en") == (
        "Cannot read the score sheet: the XLSX file holds more than 1000 parts: not an ordinary workbook"
    )


def test_a_sheet_of_too_many_cells_is_refused(tmp_path):
    folder = _contest(tmp_path)
    sheet = folder / "_ket-qua" / "diem" / "gk-a.csv"
    aliases = {"entry": ("ma_tac_pham",)}
    sheet.write_text("Mã tác phẩm,Nội dung\n" + "e-1,80\n" * 249_999, encoding="utf-8")
    assert len(read_table(sheet, aliases)) == 249_999  # 2 + 2 x 249,999 = 500,000 cells: the limit
    sheet.write_text("Mã tác phẩm,Nội dung\n" + "e-1,80\n" * 250_000, encoding="utf-8")
    [problem] = _entry_problems(tmp_path, "JUR007")
    assert problem.where.file == sheet
    assert (
        problem.message("en") == "Cannot read the score sheet: the table has more than 500 000 cells: too large to read"
    )


def test_an_oversized_sheet_is_refused_before_it_is_read(tmp_path):
    folder = _contest(tmp_path)
    sheet = folder / "_ket-qua" / "diem" / "gk-a.csv"
    sheet.write_bytes("Mã tác phẩm,Nội dung\n".encode() + b"e-1," + b"8" * 25_000_000 + b"\n")
    [problem] = _entry_problems(tmp_path, "JUR007")
    assert problem.message("en") == (
        "Cannot read the score sheet: 'gk-a.csv' is too large (25.0 MB; at most 20.0 MB for this kind of file)"
    )


# --- private.yml: nothing of the file in a message --------------------------------------------

PHONE = "0912345678"


@pytest.mark.parametrize(
    "private, code, line",
    [
        pytest.param(
            f'contacts:\n  - name: Nguyễn Văn A\n"{PHONE}": a\n"{PHONE}": b\n', "YAML002", 4, id="duplicate-key"
        ),
        pytest.param(f"contacts:\n  - phone: !{PHONE} x\n", "YAML001", 2, id="tag"),
        pytest.param(f"contacts:\n  - phone: *{PHONE}\n", "YAML001", 2, id="undefined-alias"),
        pytest.param(
            f"contacts:\n  - phone: {PHONE}\n  - phone: {PHONE}\n" + f"  - a: &{PHONE} [*{PHONE}]\n",
            "YAML007",
            4,
            id="recursive-alias",
        ),
    ],
)
def test_a_private_file_problem_names_the_line_only(tmp_path, capsys, private, code, line):
    folder = _contest(tmp_path)
    (folder / "e-1" / "private.yml").write_text(private, encoding="utf-8")
    config = write_mkdocs_yml(tmp_path)
    status, problems = validate_json(config)
    assert status == 1
    [problem] = [p for p in problems if p["code"] == code]
    assert (problem["entry"], problem["line"]) == ("e-1", line)
    assert PHONE not in json.dumps(problems, ensure_ascii=False)
    for lang in ("vi", "en"):
        assert cli.main(["validate", "-f", str(config), "--lang", lang]) == 1
        out = capsys.readouterr()
        assert code in out.out and "private.yml" in out.out
        assert PHONE not in out.out + out.err


def test_a_duplicate_key_elsewhere_is_still_named(tmp_path):
    folder = _contest(tmp_path)
    (folder / "e-1" / "entry.yml").write_text(ENTRY + "title: Lần hai\n", encoding="utf-8")
    [problem] = _entry_problems(tmp_path, "YAML002")
    assert problem.message("en") == "Key 'title' appears twice (first at line 1)"
