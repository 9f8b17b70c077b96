"""One catalogue of user-visible text: complete in both languages, and the only place texts live."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from contest_portal.core.errors import CODES, Location, Problem, Text
from contest_portal.core.i18n import LANGUAGES, Translator, catalog
from contest_portal.core.values import Invalid, parse_moment
from contest_portal.formats import schema

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "contest_portal"

# The letters of the Vietnamese alphabet outside ASCII, both cases, precomposed, and the
# combining marks (a text typed in NFD on a Mac).
VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323]"
)

# Keys whose languages use different values of the same call (both are given every value).
SAME_CALL_OTHER_VALUES = {
    "date.month": "vi writes the month's number, en its name",
    "date.quarter": "vi writes the quarter in Roman numerals, en in digits",
}

# String literals that hold Vietnamese but are not text for a reader: (file, literal) -> reason.
NOT_USER_TEXT = {
    ("core/text.py", "đ"): "the fold map đ -> d used to compare and slugify names",
    ("core/text.py", "Đ"): "the fold map Đ -> D used to compare and slugify names",
    ("core/text.py", "\u0300\u0301\u0303\u0309\u0323"): "the five tone marks, folded to compare names",
    ("core/console.py", "đ"): "đ written as d on a console whose code page lacks it",
    ("core/console.py", "Đ"): "Đ written as D on a console whose code page lacks it",
    ("core/values.py", r"\s*(đồng|đ|vnđ|vnd|₫)\s*$"): "currency words accepted in an amount (input syntax)",
    ("site/languages.py", "Tiếng Việt"): "the language's own name in the language switcher, the same on every page",
}
NOT_USER_TEXT_PATTERNS = {
    ("core/values.py", "giờ"): "the duration units accepted in input ('5 phút', '90 giây'): a regular expression",
}
# Files whose Vietnamese literals are all data, none a text for a reader: file -> reason.
NOT_USER_TEXT_FILES = {
    "formats/legacy.py": "the code tables of the legacy encodings TCVN3 and VNI (the letters they stand for)",
    "plan/extract.py": "the words of Vietnamese plans the extractor looks for (patterns read, never shown)",
    "plan/fields.py": "the words of a plan's dates and times (patterns read, never shown)",
    "plan/document.py": "the words of a plan's header, bases and signature (patterns read, never shown)",
    "plan/schedule.py": "the words of a plan's timeline and prizes (patterns read, never shown)",
    "plan/read_document.py": "the words that start a paragraph of a Vietnamese plan (patterns read, never shown)",
}

# Files of other stages being restructured while the catalogue landed; their texts have catalogue
# keys already (problem.reason.<basis> for RES006, sheet.* for the score sheets).


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_exists_in_both_languages_with_the_same_placeholders():
    vi, en = catalog("vi"), catalog("en")
    assert sorted(set(vi) - set(en)) == [] and sorted(set(en) - set(vi)) == []
    for key in vi:
        assert vi[key].strip() and en[key].strip(), key
        if key not in SAME_CALL_OTHER_VALUES:
            assert _placeholders(vi[key]) == _placeholders(en[key]), key


def test_every_problem_code_has_a_message_and_a_hint_in_both_languages():
    for lang in LANGUAGES:
        strings = catalog(lang)
        for code in CODES:
            assert strings.get(f"problem.{code}.message"), (lang, code)
            assert strings.get(f"problem.{code}.hint"), (lang, code)
    # and no text is left for a code that does not exist
    codes = {key.split(".")[1] for key in catalog("vi") if re.fullmatch(r"problem\.[A-Z]+\d+\.(message|hint)", key)}
    assert codes == set(CODES)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _vietnamese_literals(path: Path, name: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    left = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and VIETNAMESE.search(node.value)
            and (name, node.value) not in NOT_USER_TEXT
            and not any(file == name and part in node.value for file, part in NOT_USER_TEXT_PATTERNS)
        ):
            left.append(f"{name}:{node.lineno}: {node.value[:60]!r}")
    return left


def test_no_vietnamese_text_is_left_in_python_string_literals():
    files = {str(path.relative_to(PACKAGE)): path for path in PACKAGE.rglob("*.py")}
    left = [
        line
        for name, path in sorted(files.items())
        if name not in NOT_USER_TEXT_FILES
        for line in _vietnamese_literals(path, name)
    ]
    assert left == [], "user texts belong in locales/<lang>/*.yml:\n" + "\n".join(left)


def test_the_scan_finds_vietnamese_in_code_but_not_in_docstrings(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(
        '"""Mô-đun."""\n\ndef f():\n    """Hàm."""\n    return "Trường không hợp lệ"  # chú thích\n', encoding="utf-8"
    )
    assert _vietnamese_literals(path, "m.py") == ["m.py:5: 'Trường không hợp lệ'"]
    path.write_text('x = "Tie\u0302\u0301ng"\n', encoding="utf-8")  # typed in NFD
    assert len(_vietnamese_literals(path, "m.py")) == 1


# --- problems rendered in the reader's language ------------------------------------------


def _unknown_unit() -> Problem:
    return Problem(
        "ENT004",
        Location(file=Path("entries/2024-x/a/entry.yml"), line=7, column=7),
        {"unit": "xa-vinh-giangg", "suggestion": Text("problem.did_you_mean", name="xa-vinh-giang")},
    )


def test_a_problem_reads_in_vietnamese():
    assert _unknown_unit().format("vi", reference="/ma-loi/") == (
        "entries/2024-x/a/entry.yml:7:7: lỗi ENT004: Đơn vị 'xa-vinh-giangg' không có trong danh sách đơn vị "
        "của cuộc thi — có phải 'xa-vinh-giang'?\n"
        "    Cách sửa: Dùng mã (id) của một đơn vị trong mục units của contest.yml.\n"
        "    Giải thích mã lỗi: /ma-loi/#ENT004"
    )


def test_the_same_problem_reads_in_english_without_vietnamese():
    text = _unknown_unit().format("en", reference="/en/ma-loi/")
    assert text == (
        "entries/2024-x/a/entry.yml:7:7: error ENT004: Unit 'xa-vinh-giangg' is not in the contest's list of units"
        " — did you mean 'xa-vinh-giang'?\n"
        "    How to fix: Use the id of a unit listed under units in contest.yml.\n"
        "    About this code: /en/ma-loi/#ENT004"
    )
    assert not VIETNAMESE.search(text)


def test_values_made_of_texts_follow_the_reader():
    problem = Problem("ELG001", Location(), {"name": "Lê Văn A", "role": Text("problem.role.jury")})
    assert problem.message("vi") == "Tác giả 'Lê Văn A' là thành viên Ban Giám khảo nên không được dự thi"
    assert problem.message("en") == "Author 'Lê Văn A' is a member of the jury and may not enter"
    shape = Problem(
        "VID011",
        Location(),
        {"path": "v.mp4", "width": 1080, "height": 1920, "shape": Text("problem.portrait"), "expected": "16:9"},
    )
    assert shape.message("vi") == "Video 'v.mp4' có khung hình dọc, quay đứng (1080x1920), cuộc thi yêu cầu tỉ lệ 16:9"
    assert shape.message("en") == "Video 'v.mp4' has a portrait frame (1080x1920); the contest requires 16:9"
    assert shape.format("en") == (
        "error VID011: " + shape.message("en") + "\n    How to fix: Portrait or 4:3 "
        "footage must be edited into a landscape frame of the required ratio."
    )


def test_a_value_parser_message_is_rendered_in_the_problem():
    with pytest.raises(Invalid) as caught:
        parse_moment("2024-02-30")
    problem = Problem("SCH004", Location(), {"field": "timeline[1].date", "detail": caught.value.text})
    assert problem.message("vi") == "Giá trị của 'timeline[1].date' không hợp lệ: ngày không tồn tại: 2024-02-30"
    assert problem.message("en") == "Invalid value for 'timeline[1].date': no such date: 2024-02-30"


def test_nested_texts_and_unknown_languages():
    expected = Text("schema.expected", what=Text("schema.type.integer"))
    assert Translator("vi").render(expected) == "cần số nguyên"
    assert Translator("en").render(expected) == "expected a whole number"
    assert Translator("fr").render(expected) == "cần số nguyên"  # the default language
    assert str(expected) == "cần số nguyên" and expected == Text("schema.expected", what=Text("schema.type.integer"))
    reason = Text("staging.other_data")  # the command line passes an exception's Text as a value
    assert (
        Translator("en")("cli.unsafe_target", target="out", reason=reason)
        == "Cannot write the portal to out (holds other data). Choose a folder of its own, e.g. site/."
    )
    assert (
        Translator("vi")("cli.unsafe_target", target="out", reason=reason)
        == "Không thể xuất cổng vào out (đã có dữ liệu khác). Hãy chọn một thư mục riêng, ví dụ site/."
    )


def test_json_schemas_are_described_in_either_language():
    vi = schema.json_schema("entry")
    en = schema.json_schema("entry", "en")
    assert vi["properties"]["title"]["description"] == "Tên tác phẩm"
    assert en["properties"]["title"]["description"] == "Title of the entry"
    assert "field." not in str(vi) and "field." not in str(en)
