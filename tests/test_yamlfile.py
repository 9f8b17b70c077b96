"""Reading YAML: syntax errors with line and column, duplicate keys, encodings."""

from __future__ import annotations

import pytest

from contest_portal.formats.yamlfile import YamlError, load_yaml


def _write(tmp_path, text, name="contest.yml", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_positions_are_recorded_for_nested_values(tmp_path):
    doc = load_yaml(_write(tmp_path, "title: A\nprizes:\n  tiers:\n    - id: nhat\n      count: 1\n"))
    assert doc.data["prizes"]["tiers"][0]["count"] == 1
    assert doc.location(("prizes", "tiers", 0, "count")).line == 5
    # an unknown path falls back to its closest parent
    assert doc.location(("prizes", "tiers", 0, "amount")).line == 4


def test_syntax_error_names_line_and_column(tmp_path):
    path = _write(tmp_path, "title: A\nunits:\n  - id: x\n   name: bad indent\n")
    with pytest.raises(YamlError) as caught:
        load_yaml(path)
    problem = caught.value.problem
    assert problem.code == "YAML001"
    assert problem.where.file == path
    assert problem.where.line == 4


def test_duplicate_key_is_an_error_not_last_wins(tmp_path):
    with pytest.raises(YamlError) as caught:
        load_yaml(_write(tmp_path, "title: A\nyear: 2024\ntitle: B\n"))
    problem = caught.value.problem
    assert problem.code == "YAML002"
    assert problem.where.line == 3
    assert problem.values == {"key": "title", "first_line": 1}
    assert "dòng 1" in problem.message("vi")


def test_legacy_encoding_is_named(tmp_path):
    path = _write(tmp_path, "title: hành chính\n", encoding="cp1258")
    with pytest.raises(YamlError) as caught:
        load_yaml(path)
    assert caught.value.problem.code == "YAML003"
    assert "UTF-8" in caught.value.problem.message("vi")


def test_bom_and_windows_line_endings_load(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbftitle: C\xe1\xba\xa3i\r\nyear: 2024\r\n")
    doc = load_yaml(path)
    assert doc.data == {"title": "Cải", "year": 2024}


def test_raw_text_of_scalars_is_kept(tmp_path):
    doc = load_yaml(_write(tmp_path, 'phone: 0123456701\nok: no\nquoted: "0912"\n'))
    assert doc.data["phone"] == 21913025  # what YAML 1.1 does (octal)...
    assert doc.scalars[("phone",)].raw == "0123456701"  # ...and what the user typed
    assert doc.scalars[("ok",)].raw == "no"
    assert doc.scalars[("quoted",)].quoted


def test_unsafe_tags_are_refused(tmp_path):
    with pytest.raises(YamlError) as caught:
        load_yaml(_write(tmp_path, "title: !!python/object/apply:os.system ['echo hi']\n"))
    assert caught.value.problem.code == "YAML001"


def test_nfd_text_is_normalized_to_nfc(tmp_path):
    import unicodedata

    text = unicodedata.normalize("NFD", "title: Cải cách hành chính\nđơn_vị: Vĩnh Linh\n")
    doc = load_yaml(_write(tmp_path, text))
    assert doc.data == {"title": "Cải cách hành chính", "đơn_vị": "Vĩnh Linh"}
    assert all(unicodedata.is_normalized("NFC", k + v) for k, v in doc.data.items())


def test_legacy_vietnamese_encoding_hint_names_it(tmp_path):
    with pytest.raises(YamlError) as caught:
        load_yaml(_write(tmp_path, "title: hành chính\n", encoding="cp1258"))
    assert "Windows-1258" in caught.value.problem.hint("en")


def test_merge_keys_may_be_overridden(tmp_path):
    text = "base: &b {kind: other, approximate: true}\nitem:\n  <<: *b\n  kind: launch\n"
    doc = load_yaml(_write(tmp_path, text))
    assert doc.data["item"] == {"kind": "launch", "approximate": True}


def test_explicit_duplicate_after_merge_is_still_an_error(tmp_path):
    with pytest.raises(YamlError) as caught:
        load_yaml(_write(tmp_path, "base: &b {a: 1}\nitem:\n  <<: *b\n  kind: x\n  kind: y\n"))
    assert caught.value.problem.code == "YAML002" and caught.value.problem.where.line == 5


@pytest.mark.parametrize(
    "text,line", [("received: 2024-13-45\n", 1), ("a: 1\ndate: 2024-02-30\n", 2), ("title: " + "1" * 5000 + "\n", 1)]
)
def test_impossible_values_are_reported_not_crashed(tmp_path, text, line):
    with pytest.raises(YamlError) as caught:
        load_yaml(_write(tmp_path, text))
    assert caught.value.problem.code == "YAML006" and caught.value.problem.where.line == line


def test_impossible_value_in_private_file_is_not_echoed(tmp_path):
    with pytest.raises(YamlError) as caught:
        load_yaml(_write(tmp_path, "contacts:\n  - birth_date: 1990-02-30\n", name="private.yml"))
    problem = caught.value.problem
    assert problem.code == "YAML006" and "1990" not in problem.message("en") and problem.where.line == 2


def test_control_characters_are_reported_with_a_line(tmp_path):
    with pytest.raises(YamlError) as caught:
        load_yaml(_write(tmp_path, "a: 1\nb: x\x07y\n"))
    assert caught.value.problem.code == "YAML001" and caught.value.problem.where.line == 2
