"""Parsed YAML files kept between runs (formats/yamlcache.py): an unchanged file is not parsed
again, and what the cache gives is what parsing gives, positions included."""

from __future__ import annotations

import datetime
import json

from contest_portal.formats.yamlcache import CACHE_FILE, ParsedYamlCache
from contest_portal.formats.yamlfile import Scalar, load_yaml
from contest_portal.pipeline import load_portal

RICH = """\
title: "Tác phẩm: Một cửa"
year: 2025
amount: 7.5
published: no
start: 2025-05-01
deadline: 2025-05-31 17:00:00+07:00
phone_typed_as_number: 0912345678
nothing:
authors:
  - {name: Nguyễn Văn A, role: tác giả}
  - name: Trần Thị B
base: &base {unit: xa-a}
merged:
  <<: *base
  kind: video
"""


def test_a_kept_document_is_the_parsed_one_with_its_lines(tmp_path):
    source = tmp_path / "entries" / "entry.yml"
    source.parent.mkdir()
    source.write_text(RICH, encoding="utf-8")
    first = ParsedYamlCache(tmp_path / "yaml.json")
    parsed = load_yaml(source, tmp_path / "entries", first)
    first.save()
    again = ParsedYamlCache(tmp_path / "yaml.json")
    kept = load_yaml(source, tmp_path / "entries", again)
    assert (again.hits, again.misses) == (1, 0)
    assert kept.data == {
        "title": "Tác phẩm: Một cửa",
        "year": 2025,
        "amount": 7.5,
        "published": False,
        "start": datetime.date(2025, 5, 1),
        "deadline": datetime.datetime(2025, 5, 31, 10, 0, tzinfo=datetime.timezone.utc),
        "phone_typed_as_number": "0912345678",
        "nothing": None,  # (0912345678: not octal in YAML 1.1, so text)
        "authors": [{"name": "Nguyễn Văn A", "role": "tác giả"}, {"name": "Trần Thị B"}],
        "base": {"unit": "xa-a"},
        "merged": {"unit": "xa-a", "kind": "video"},
    }
    assert kept.data == parsed.data and kept.positions == parsed.positions and kept.scalars == parsed.scalars
    assert kept.location(("authors", 1, "name")).line == 11  # line 11 of the file, as typed
    assert kept.scalars[("phone_typed_as_number",)] == Scalar(line=7, column=24, raw="0912345678", quoted=False)
    assert kept.path == source


def test_a_document_json_cannot_say_is_parsed_every_time(tmp_path):
    source = tmp_path / "odd.yml"
    source.write_text("picture: !!binary aGk=\nprizes: {1: number key}\n", encoding="utf-8")  # (keys: text)
    cache = ParsedYamlCache(tmp_path / "yaml.json")
    assert load_yaml(source, None, cache).data == {"picture": b"hi", "prizes": {"1": "number key"}}
    cache.save()
    again = ParsedYamlCache(tmp_path / "yaml.json")
    assert load_yaml(source, None, again).data == {"picture": b"hi", "prizes": {"1": "number key"}}
    assert (again.hits, again.misses) == (0, 1)


def test_an_unchanged_portal_is_not_parsed_again_and_an_edit_is_seen(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01")
    tree.entry(slug="e-02", private="phone: '0912 345 678'\naddress: 12 Lê Lợi\n")
    cache = tmp_path / "cache"
    assert load_portal(tree.root, cache_dir=cache, probe=False).stats["yaml_parsed"] == 3  # contest + 2 entries
    portal = load_portal(tree.root, cache_dir=cache, probe=False)
    assert portal.stats["yaml_parsed"] == 0
    entry = tree.root / "2025-thu-nghiem" / "e-01" / "entry.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("Tác phẩm số e-01", "Đổi tên"), encoding="utf-8")
    portal = load_portal(tree.root, cache_dir=cache, probe=False)
    assert portal.stats["yaml_parsed"] == 1
    assert [e.spec.title for e in portal.entries()] == ["Đổi tên", "Tác phẩm số e-02"]
    kept = (cache / CACHE_FILE).read_text(encoding="utf-8")
    assert "Đổi tên" in kept and "0912" not in kept and "Lê Lợi" not in kept  # no private.yml in the cache
    assert len(json.loads(kept)["documents"]) == 3  # the old text of e-01 is not kept


def test_a_wrong_value_is_reported_at_its_line_from_the_kept_document(tree, tmp_path):
    tree.contest()
    tree.entry(
        slug="e-01",
        text="title: A\nauthors:\n  - name: B\nunit: xa-a\nvideo: video.mp4\nconsent: {publication: maybe}\n",
    )
    cache = tmp_path / "cache"
    for run in range(2):
        portal = load_portal(tree.root, cache_dir=cache, probe=False)
        assert portal.stats["yaml_parsed"] == (2 if run == 0 else 0)
        (problem,) = [p for p in portal.all_problems() if p.where.field == "consent.publication"]
        assert problem.where.line == 6


def test_a_damaged_cache_is_parsed_again_and_written_anew(tree, tmp_path):
    tree.contest()
    tree.entry(slug="e-01")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_text('{"version": "1-pyyaml-6", "documents": {"x": [1, 2', encoding="utf-8")
    portal = load_portal(tree.root, cache_dir=cache, probe=False)
    assert portal.stats["yaml_parsed"] == 2 and [e.spec.title for e in portal.entries()] == ["Tác phẩm số e-01"]
    assert load_portal(tree.root, cache_dir=cache, probe=False).stats["yaml_parsed"] == 0
