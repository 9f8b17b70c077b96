"""Property-based tests: loading and validating never crash, whatever the input."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest_portal.formats import schema
from contest_portal.formats.schema_check import check_document
from contest_portal.formats.yamlfile import YamlError, load_yaml
from contest_portal.pipeline import load_portal

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = sorted(
    {
        name
        for model in (
            schema.Contest,
            schema.Entry,
            schema.Private,
            schema.PrizeTier,
            schema.Milestone,
            schema.VideoRules,
            schema.Unit,
            schema.Author,
        )
        for name in model.model_fields
    }
    | {"phone", "tiers", "x"}
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2024-09-30 17:00",
            "2024-Q4",
            "16:9",
            "0123456701",
            "no",
            "12:30",
            "5 phút",
            "1.000.000 đ",
            "1920x1080",
            "../x",
            "javascript:alert(1)",
            "",
            "2024-02-30",
        ]
    ),
    st.dates(min_value=datetime.date(1900, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1900, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
    max_leaves=20,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=12)


def _write(text: str | bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    path = folder / "contest.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return path


def _check_all_models(path: Path) -> None:
    try:
        doc = load_yaml(path)
    except YamlError as exc:
        assert exc.problem.code.startswith("YAML")
        assert exc.problem.message("vi") and exc.problem.message("en")
        return
    for model in (schema.Contest, schema.Entry, schema.Private):
        instance, problems = check_document(doc, model)
        assert (instance is None) == bool(problems)
        for problem in problems:
            assert problem.message("vi") and problem.hint("en") and problem.where.file == path


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data):
    _check_all_models(_write(data))


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300))
def test_arbitrary_text_never_crashes(text):
    _check_all_models(_write(text))


@SETTINGS
@given(documents)
def test_structured_documents_never_crash(document):
    _check_all_models(_write(yaml.safe_dump(document, allow_unicode=True)))


@settings(max_examples=40, deadline=None)
@given(contest=documents, entry=documents)
def test_whole_tree_never_crashes(contest, entry):
    root = Path(tempfile.mkdtemp(prefix="fuzz-tree-"))
    (root / "2025-a" / "e-01").mkdir(parents=True)
    (root / "2025-a" / "contest.yml").write_text(yaml.safe_dump(contest, allow_unicode=True), encoding="utf-8")
    (root / "2025-a" / "e-01" / "entry.yml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    portal = load_portal(root, probe=False)
    for problem in portal.all_problems():
        assert problem.message("vi") and problem.message("en")


# --- the table reader (issue 17): any bytes, any cells, never a traceback ---------------------

TABLE_ALIASES = {"title": ("ten_tac_pham",), "name": ("ho_va_ten",), "unit": ("don_vi",)}


@SETTINGS
@given(st.binary(max_size=600), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
def test_any_bytes_as_a_csv_are_rows_or_a_table_error(data, bom):
    from contest_portal.formats.tables import TableError, read_table

    path = Path(tempfile.mkdtemp(prefix="fuzz-")) / "bang.csv"
    path.write_bytes(bom + b"Ten tac pham;Ho va ten;Don vi\n" + data)
    try:
        table = read_table(path, TABLE_ALIASES, required=("title",))
    except TableError as exc:
        assert str(exc.detail)
        return
    assert all(row.number > table.header_row for row in table)


cells = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["NguyÔn ThÞ", "Nguyeãn Thò", "24/01/2025 16:30", "45681.6875", "２:３５"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(cells, max_size=5), max_size=8),
    st.lists(st.tuples(st.integers(1, 10), st.integers(1, 6), st.integers(0, 3), st.integers(0, 2)), max_size=3),
)
def test_any_cells_and_merges_in_an_xlsx_are_rows_or_a_table_error(rows, merges):
    from openpyxl import Workbook

    from contest_portal.core.values import Invalid, excel_moment, parse_duration
    from contest_portal.formats.tables import TableError, read_table

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Tên tác phẩm", "Họ và tên", "Đơn vị"])
    for row in rows:
        sheet.append([c.replace("\x00", "") if isinstance(c, str) else c for c in row])
    for row, col, down, right in merges:
        try:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + down, end_column=col + right)
        except ValueError:
            pass
    path = Path(tempfile.mkdtemp(prefix="fuzz-")) / "bang.xlsx"
    try:
        workbook.save(path)
    except Exception:  # openpyxl refuses some strings (illegal XML characters): not our reader's input
        return
    try:
        table = read_table(path, TABLE_ALIASES, required=("title",))
    except TableError:
        return
    for row in table:
        for value in row.values.values():
            for parser in (excel_moment, parse_duration):
                try:
                    parser(value)
                except Invalid:
                    pass
