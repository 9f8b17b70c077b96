"""The file formats: valid files load; each kind of invalid file names the file and the field."""

from __future__ import annotations

import json
import textwrap

import pytest

from contest_portal.formats import schema
from contest_portal.formats.schema_check import check_document
from contest_portal.formats.yamlfile import load_yaml

from .conftest import MINIMAL_CONTEST, MINIMAL_ENTRY, ROOT


def _check(tmp_path, text, model, name):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path, check_document(load_yaml(path), model)


def _only(problems):
    assert len(problems) == 1, [p.format("en") for p in problems]
    return problems[0]


# --- contest.yml ------------------------------------------------------------------


def test_valid_contest_loads(tmp_path):
    _, (contest, problems) = _check(tmp_path, MINIMAL_CONTEST, schema.Contest, "contest.yml")
    assert problems == []
    assert contest.prizes.tiers[1].amount == 7_000_000
    assert contest.timeline[0].end.start.hour == 17


@pytest.mark.parametrize("folder", ["2024-vinh-linh", "2024-bac-kan-tu-phap"])
def test_sample_contests_are_valid(folder):
    contest, problems = check_document(load_yaml(ROOT / "entries" / folder / "contest.yml"), schema.Contest)
    assert problems == []


def test_missing_field_names_file_field_and_fix(tmp_path):
    text = MINIMAL_CONTEST.replace("title: Cuộc thi thử nghiệm\n", "")
    path, (_, problems) = _check(tmp_path, text, schema.Contest, "contest.yml")
    problem = _only(problems)
    assert problem.code == "SCH001"
    assert problem.where.file == path and problem.where.field == "title"
    assert "title" in problem.message("vi") and "title:" in problem.hint("vi")


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = MINIMAL_CONTEST.replace("organizer:\n  name:", "organizer:\n  nmae:")
    _, (_, problems) = _check(tmp_path, text, schema.Contest, "contest.yml")
    unknown = next(p for p in problems if p.code == "SCH002")
    assert unknown.where.field == "organizer.nmae"
    assert unknown.where.line == 4
    assert unknown.values["did_you_mean"] == "name"
    assert "did you mean 'name'" in unknown.message("en")


def test_wrong_type_in_nested_list_has_line(tmp_path):
    text = MINIMAL_CONTEST.replace("count: 2,", "count: hai,")
    _, (_, problems) = _check(tmp_path, text, schema.Contest, "contest.yml")
    problem = _only(problems)
    assert problem.code == "SCH003"
    assert problem.where.field == "prizes.tiers[2].count"
    assert problem.where.line == 16


def test_bad_date_is_explained(tmp_path):
    text = MINIMAL_CONTEST.replace("start: 2025-05-01", "start: 2025/05/01")
    _, (_, problems) = _check(tmp_path, text, schema.Contest, "contest.yml")
    problem = _only(problems)
    assert problem.code == "SCH004"
    assert problem.where.field == "timeline[1].start"
    assert "NĂM-THÁNG-NGÀY" in problem.message("vi")


def test_unquoted_aspect_ratio_is_explained(tmp_path):
    text = MINIMAL_CONTEST + "video_rules:\n  aspect_ratio: 16:9\n"
    _, (_, problems) = _check(tmp_path, text, schema.Contest, "contest.yml")
    problem = _only(problems)
    assert problem.where.field == "video_rules.aspect_ratio"
    assert "969" in problem.message("en")


def test_choice_lists_the_allowed_values(tmp_path):
    text = MINIMAL_CONTEST.replace("entry_kinds: [video]", "entry_kinds: [phim]")
    _, (_, problems) = _check(tmp_path, text, schema.Contest, "contest.yml")
    problem = _only(problems)
    assert problem.code == "SCH004"
    assert "'video'" in problem.message("vi") and "'article'" in problem.message("vi")


def test_not_a_mapping(tmp_path):
    _, (_, problems) = _check(tmp_path, "- just\n- a list\n", schema.Contest, "contest.yml")
    assert _only(problems).code == "YAML004"


# --- entry.yml ----------------------------------------------------------------------


def test_valid_entry_loads(tmp_path):
    _, (entry, problems) = _check(tmp_path, MINIMAL_ENTRY.format(n=1), schema.Entry, "entry.yml")
    assert problems == [] and entry.authors[0].name == "Nguyễn Văn 1"


def test_entry_without_authors(tmp_path):
    text = "title: A\nunit: xa-a\nauthors: []\n"
    path, (_, problems) = _check(tmp_path, text, schema.Entry, "entry.yml")
    problem = _only(problems)
    assert problem.code == "SCH004" and problem.where.field == "authors"
    assert problem.where.file == path and problem.where.line == 3


def test_yes_no_trap_is_explained(tmp_path):
    text = MINIMAL_ENTRY.format(n=1).replace("title: Tác phẩm số 1", "title: no")
    _, (_, problems) = _check(tmp_path, text, schema.Entry, "entry.yml")
    problem = _only(problems)
    assert problem.code == "SCH003"
    assert "true or false" not in problem.message("en")
    assert "YAML read 'no' as a yes/no value" in problem.message("en")
    assert 'title: "no"' in problem.hint("en")


def test_sexagesimal_trap_is_explained(tmp_path):
    text = MINIMAL_ENTRY.format(n=1).replace("title: Tác phẩm số 1", "title: 12:30")
    _, (_, problems) = _check(tmp_path, text, schema.Entry, "entry.yml")
    problem = _only(problems)
    assert problem.code == "SCH003"
    assert "YAML read '12:30' as the number 750" in problem.message("en")
    assert 'title: "12:30"' in problem.hint("en")


def test_personal_data_in_entry_points_to_private_file(tmp_path):
    text = MINIMAL_ENTRY.format(n=1) + 'phone: "0912345678"\n'
    _, (_, problems) = _check(tmp_path, text, schema.Entry, "entry.yml")
    problem = _only(problems)
    assert problem.code == "SCH005"
    assert "private.yml" in problem.hint("vi")


def test_bad_unit_slug(tmp_path):
    text = MINIMAL_ENTRY.format(n=1).replace("unit: xa-a", "unit: Xã A")
    _, (_, problems) = _check(tmp_path, text, schema.Entry, "entry.yml")
    problem = _only(problems)
    assert problem.code == "SCH004" and problem.where.field == "unit"


# --- private.yml --------------------------------------------------------------------


def test_private_phone_number_must_be_quoted(tmp_path):
    text = "contacts:\n  - name: A\n    phone: 0123456701\n"
    _, (_, problems) = _check(tmp_path, text, schema.Private, "private.yml")
    problem = _only(problems)
    assert problem.code == "SCH003"
    assert problem.where.field == "contacts[1].phone"
    assert "leading zero" in problem.message("en") and "quotes" in problem.hint("en")
    text_of_problem = problem.message("en") + problem.hint("en") + problem.message("vi") + problem.hint("vi")
    assert "0123456701" not in text_of_problem and "21913025" not in text_of_problem  # personal data


@pytest.mark.parametrize(
    "text",
    [
        "contacts:\n  - phone: 84912345678\n",
        "contacts:\n  - birth_date: 1990-2-30\n",
        "contacts:\n  - '0912345678': x\n",
        "contacts:\n  - address: 12:30:45\n",
    ],
)
def test_private_values_are_never_echoed(tmp_path, text):
    _, (_, problems) = _check(tmp_path, text, schema.Private, "private.yml")
    assert problems
    for problem in problems:
        words = problem.message("en") + problem.hint("en") + problem.message("vi") + problem.hint("vi")
        words += str(problem.where.field)
        for secret in ("84912345678", "1990", "0912345678", "12:30", "45045"):
            assert secret not in words, (secret, words)


def test_empty_value_is_named(tmp_path):
    _, (_, problems) = _check(
        tmp_path, MINIMAL_ENTRY.format(n=1).replace("title: Tác phẩm số 1", "title:"), schema.Entry, "entry.yml"
    )
    problem = _only(problems)
    assert problem.code == "SCH006" and "empty" in problem.message("en")


def test_english_messages_are_english_only(tmp_path):
    text = MINIMAL_CONTEST.replace("count: 1,", "count: 0,").replace("start: 2025-05-01", "start: 2025/05/01")
    _, (_, problems) = _check(tmp_path, text, schema.Contest, "contest.yml")
    assert len(problems) == 2
    for problem in problems:
        assert "phải" not in problem.message("en") and "NĂM" not in problem.message("en")
        assert "must" not in problem.message("vi") and "should" not in problem.message("vi").lower()


# --- JSON Schema export --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(schema.SCHEMAS))
def test_exported_schemas_are_up_to_date(name):
    """schemas/*.json must match the models (run `python build.py schemas`)."""
    on_disk = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(schema.json_schema(name)))


def test_sample_files_point_editors_at_the_schemas():
    for path in (ROOT / "entries").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), path
