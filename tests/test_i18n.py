"""Translations and the Vietnamese/English formatting of values."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from contest_portal.core.i18n import Translator, catalog
from contest_portal.core.values import parse_moment

TEMPLATES = Path(__file__).resolve().parent.parent / "plugins" / "contest_portal" / "templates"


def test_money_vietnamese_and_english():
    assert Translator("vi").money(1_000_000) == "1.000.000 đ"
    assert Translator("vi").money(10_000_000) == "10.000.000 đ"
    assert Translator("en").money(1_000_000) == "1,000,000 VND"
    assert Translator("vi").money(None) == "Theo quy định của Ban Tổ chức"


def test_moments_are_written_the_vietnamese_way():
    vi = Translator("vi")
    assert vi.moment(parse_moment("2024-09-30 17:00")) == "17:00 ngày 30/09/2024"
    assert vi.moment(parse_moment(date(2024, 6, 25))) == "25/06/2024"
    assert vi.moment(parse_moment("2024-09")) == "tháng 9/2024"
    assert vi.moment(parse_moment("2024-Q4")) == "Quý IV/2024"
    assert (
        vi.moment_range(parse_moment(date(2024, 6, 20)), parse_moment(date(2024, 6, 25)))
        == "từ 20/06/2024 đến hết ngày 25/06/2024"
    )
    en = Translator("en")
    assert en.moment(parse_moment("2024-Q4")) == "Q4 2024"
    assert en.moment(parse_moment("2024-09")) == "September 2024"


def test_durations():
    vi = Translator("vi")
    assert vi.duration(305) == "5:05"
    assert vi.duration(3725) == "1:02:05"
    assert vi.duration_words(300) == "5 phút"
    assert vi.duration_words(90) == "1 phút 30 giây"


def test_catalogs_have_the_same_keys():
    assert set(catalog("vi")) == set(catalog("en"))


def _template_keys() -> tuple[set[str], set[str]]:
    literal, prefixes = set(), set()
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        literal |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""", text))
        prefixes |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+\.)["']\s*~""", text))
    return literal, prefixes


def test_every_template_string_is_translated():
    literal, prefixes = _template_keys()
    assert literal, "no keys found: the pattern is broken"
    for lang in ("vi", "en"):
        missing = sorted(k for k in literal if k not in catalog(lang))
        assert not missing, f"{lang}: {missing}"
        for prefix in prefixes:
            assert any(k.startswith(prefix) for k in catalog(lang)), f"{lang}: nothing under {prefix}"


@pytest.mark.parametrize(
    "prefix,values",
    [
        ("phase.", ["announced", "open", "closed", "judging", "voting", "results", "archived"]),
        (
            "milestone.",
            [
                "preparation",
                "launch",
                "production",
                "submission",
                "review",
                "voting",
                "judging",
                "results",
                "ceremony",
                "other",
            ],
        ),
        ("kind.", ["video", "article", "video_with_text"]),
        ("basis.", ["jury", "public_vote", "quiz", "special"]),
        ("role.", ["organizing_committee", "jury", "secretariat", "standing_office"]),
    ],
)
def test_every_choice_has_a_label(prefix, values):
    for lang in ("vi", "en"):
        for value in values:
            assert prefix + value in catalog(lang)


def test_deadlines_read_the_vietnamese_way():
    from datetime import datetime

    from contest_portal.core.values import TIMEZONE

    t = Translator("vi")
    assert t.instant(datetime(2025, 5, 1, tzinfo=TIMEZONE)) == "01/05/2025"
    assert t.instant(datetime(2024, 9, 30, 17, 0, tzinfo=TIMEZONE)) == "17:00 ngày 30/09/2024"
    assert t.instant(datetime(2024, 6, 25, 23, 59, 59, 999999, tzinfo=TIMEZONE)) == "hết ngày 25/06/2024"
    assert Translator("en").instant(datetime(2024, 9, 30, 17, 0, tzinfo=TIMEZONE)) == "30 Sep 2024, 17:00"


def test_every_command_line_message_is_translated():
    from .conftest import ROOT

    keys = set(
        re.findall(
            r"""\bsay\(\w+, ["'](\w+)["']""",
            (ROOT / "plugins" / "contest_portal" / "cli.py").read_text(encoding="utf-8"),
        )
    )
    assert len(keys) >= 15, "no keys found: the pattern is broken"
    for lang in ("vi", "en"):
        missing = sorted(k for k in keys if f"cli.{k}" not in catalog(lang))
        assert not missing, f"{lang}: {missing}"


def test_every_report_word_is_translated():
    from .conftest import ROOT

    text = (ROOT / "plugins" / "contest_portal" / "office" / "reports.py").read_text(encoding="utf-8")
    keys = set(re.findall(r"""["']report\.(\w+)["']""", text)) | {"below", "above", "ok"}  # + the statuses
    assert len(keys) >= 15, "no keys found: the pattern is broken"
    for lang in ("vi", "en"):
        missing = sorted(k for k in keys if f"report.{k}" not in catalog(lang))
        assert not missing, f"{lang}: {missing}"
